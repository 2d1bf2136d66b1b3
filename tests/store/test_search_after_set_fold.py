"""The search texts of records the set fold wrote (a first import, the demo's held creations) are the
texts their stored rows make: also when the same transaction changes a member or a household afterwards
through the ORM, when a bundle comes in chunks, and when households come after their members; on
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from sqlalchemy import select

from desktop.app import open_ledger
from desktop.domain.enums import HEAD_RELATION
from desktop.services.demo import create_demo
from desktop.store.base import table_of
from desktop.store.database import Store, StoreLocation, open_store
from desktop.store.fold import apply_op_chunks
from desktop.store.ids import natural_id
from desktop.store.models import Household, HouseholdSearch, LocalSetting, Member, Operation
from desktop.store.oplog import Op
from desktop.store.search_index import STAMP_KEY

from .test_held_creations import begin_village

_COLUMNS = [column for column in table_of(HouseholdSearch).columns if column.name != "household_id"]


def _rows(store: Store) -> dict[str, dict[str, Any]]:
    with store.read_session() as session:
        found = session.execute(select(HouseholdSearch.household_id, *_COLUMNS)).all()
    return {row[0]: dict(zip([column.name for column in _COLUMNS], row[1:], strict=True)) for row in found}


def _made_from_stored_rows(store: Store) -> dict[str, dict[str, Any]]:
    """Every text made again from what the database holds (what opening a ledger indexed by an older
    program does)."""
    with store.session() as session:
        stamp = session.get(LocalSetting, STAMP_KEY)
        assert stamp is not None
        stamp.value = "an older format"
    assert store.refresh_search_index()
    return _rows(store)


def _household(n: int) -> str:
    return natural_id("t", "household", str(n))


def _member(n: int, k: int) -> str:
    return natural_id("t", "member", str(n), str(k))


def test_an_edit_after_the_set_fold_in_the_same_transaction_is_in_the_texts(location: StoreLocation) -> None:
    store = open_store(location, create=True)
    try:
        with store.session() as session:
            writer, village = begin_village(session, hold=True)
            for n in range(4):
                writer.create(
                    Household, {"village_id": village, "number": f"00{n}"}, _household(n), known_new=True
                )
                for k, (name, relation) in enumerate([("卓嘎", HEAD_RELATION), (f"次仁{n}", "之子")]):
                    writer.create(
                        Member,
                        {
                            "household_id": _household(n),
                            "name": name,
                            "relation": relation,
                            "birth_date": dt.date(1980 + k, 1, 2),
                        },
                        _member(n, k),
                        known_new=True,
                    )
            writer.write_held()  # through the set fold
            # then, in the same transaction, through the ORM:
            writer.update(Member, _member(0, 1), {"name": "格桑"})  # renamed
            writer.update(Member, _member(1, 1), {"household_id": _household(2)})  # moved
            writer.update(Member, _member(3, 0), {"archived": True})  # left
            writer.update(Household, _household(3), {"phone": "13800001111"})
            writer.create(Member, {"household_id": _household(0), "name": "拉姆"}, _member(0, 2))  # born
        rows = _rows(store)
    finally:
        store.close()

    def text(n: int) -> str:
        return str(rows[_household(n)]["text"])

    assert "格桑" in text(0) and "次仁0" not in text(0) and "拉姆" in text(0)
    assert "次仁1" not in text(1) and "次仁1" in text(2)
    assert [rows[_household(n)]["member_count"] for n in range(4)] == [3, 1, 3, 1]  # not archived
    assert "卓嘎" not in text(3) and rows[_household(3)]["head_name"] is None  # its 户主 left
    assert "13800001111" in text(3) and rows[_household(3)]["phone"] == "13800001111"

    store = open_store(location)
    try:
        assert _made_from_stored_rows(store) == rows
    finally:
        store.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Op], dict[str, dict[str, Any]]]:
    """A demo township's operations in clock order, and the search rows where they were written."""
    source = open_ledger(tmp_path_factory.mktemp("demo") / "home", create=True)
    try:
        create_demo(source, households=60, villages=2)
        with source.store.read_session() as session:
            ops = [
                Op.from_row(r) for r in session.execute(select(Operation).order_by(Operation.hlc)).scalars()
            ]
        return ops, _rows(source.store)
    finally:
        source.store.close()


def test_a_first_import_in_chunks_has_the_texts_its_stored_rows_make(
    location: StoreLocation, demo: tuple[list[Op], dict[str, dict[str, Any]]]
) -> None:
    ops, written = demo
    assert len(ops) > 500 and len(written) == 60
    # the cuts fall inside households: a chunk's members whose household came in the chunk before
    cuts = [0, len(ops) // 5, len(ops) // 2 + 7, len(ops)]
    store = open_store(location, create=True)
    try:
        with store.session() as session:
            apply_op_chunks(session, [ops[low:high] for low, high in itertools.pairwise(cuts)])
        assert _rows(store) == written
        assert _made_from_stored_rows(store) == written
    finally:
        store.close()


def test_households_coming_after_their_members_have_all_their_members_in_the_texts(
    location: StoreLocation, demo: tuple[list[Op], dict[str, dict[str, Any]]]
) -> None:
    """The members came in an earlier import (their households were placeholders till now): the texts
    made when the households come in have those members."""
    ops, written = demo
    store = open_store(location, create=True)
    try:
        with store.session() as session:
            apply_op_chunks(session, [[op for op in ops if op.table != "household"]])
        with store.session() as session:
            apply_op_chunks(session, [[op for op in ops if op.table == "household"]])
        assert _rows(store) == written
    finally:
        store.close()
