"""The change log on SQLite and PostgreSQL: every write is a chained operation, the fold is exact."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import delete, select, update

from desktop.services.context import Ledger
from desktop.services.households.households import add_household, edit_household
from desktop.store.database import StoreLocation, open_store
from desktop.store.device import create_device
from desktop.store.dump import dump_json
from desktop.store.fold import apply_ops
from desktop.store.guard import UnloggedWrite
from desktop.store.models import Household, Member, Operation
from desktop.store.oplog import GENESIS_HASH, Op
from desktop.store.writer import ChangeWriter


def all_ops(ledger: Ledger) -> list[Op]:
    with ledger.store.read_session() as session:
        rows = session.execute(select(Operation).order_by(Operation.origin, Operation.seq)).scalars()
        return [Op.from_row(row) for row in rows]


def dump_of(ledger_or_store: object) -> str:
    store = getattr(ledger_or_store, "store", ledger_or_store)
    with store.read_session() as session:  # type: ignore[attr-defined]
        return dump_json(session)


def test_every_write_is_a_chained_operation(any_ledger: Ledger) -> None:
    add_household(any_ledger, number="001", head={"name": "卓嘎"}, fields={"phone": "13800001234"})
    edit_household(any_ledger, "001", {"phone": "13900001234"})
    ops = all_ops(any_ledger)
    assert [op.seq for op in ops] == list(range(1, len(ops) + 1))
    assert ops[0].prev_hash == GENESIS_HASH
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(ops))
    assert all(op.verify_hash() for op in ops)
    assert all(op.author == "扎西" for op in ops)
    assert [op.hlc for op in ops] == sorted({op.hlc for op in ops})  # strictly increasing
    last = ops[-1]
    assert last.table == "household" and last.fields == {"phone": "13900001234"}


def test_an_edit_that_changes_nothing_writes_nothing(any_ledger: Ledger) -> None:
    add_household(any_ledger, number="001", head={"name": "卓嘎"}, fields={"phone": "13800001234"})
    before = len(all_ops(any_ledger))
    assert edit_household(any_ledger, "001", {"phone": "13800001234"}) == {}
    assert len(all_ops(any_ledger)) == before


def test_synced_records_cannot_change_without_an_operation(any_ledger: Ledger) -> None:
    add_household(any_ledger, number="001", head={"name": "卓嘎"})
    before = dump_of(any_ledger)
    with pytest.raises(UnloggedWrite), any_ledger.store.session() as session:
        session.execute(select(Household)).scalar_one().phone = "110"
    with pytest.raises(UnloggedWrite), any_ledger.store.session() as session:
        session.add(Member(id="00000000-0000-7000-8000-000000000001", name="偷偷加的人"))
    with pytest.raises(UnloggedWrite), any_ledger.store.session() as session:
        session.delete(session.execute(select(Household)).scalar_one())
    with pytest.raises(UnloggedWrite), any_ledger.store.session() as session:
        session.execute(update(Household).values(phone="120"))
    with pytest.raises(UnloggedWrite), any_ledger.store.session() as session:
        session.execute(delete(Member))
    assert dump_of(any_ledger) == before


def test_operations_fold_to_the_same_state_on_another_device(any_ledger: Ledger, tmp_path: object) -> None:
    add_household(any_ledger, number="001", head={"name": "卓嘎"}, fields={"category": "脱贫户"})
    add_household(any_ledger, number="002", head={"name": "次仁"})
    edit_household(any_ledger, "001", {"category": "监测户", "house_grade": "C"})
    ops = all_ops(any_ledger)
    other = open_store(StoreLocation(tmp_path / "other"), create=True)  # type: ignore[operator]
    try:
        with other.session() as session:
            # children before parents and duplicates: the batch still lands whole
            result = apply_ops(session, list(reversed(ops)) + ops[:3])
        assert result.applied == len(ops)
        assert dump_of(other) == dump_of(any_ledger)
        with other.session() as session:
            again = apply_ops(session, ops)
        assert (again.applied, again.already_had) == (0, len(ops))
        assert dump_of(other) == dump_of(any_ledger)
    finally:
        other.close()


def test_a_late_operation_only_wins_fields_no_later_operation_set(any_ledger: Ledger) -> None:
    add_household(any_ledger, number="001", head={"name": "卓嘎"})
    with any_ledger.store.session() as session:
        household_id = session.execute(select(Household.id)).scalar_one()
    # another device edited phone and address earlier (smaller clock) than our latest edit of phone
    edit_household(any_ledger, "001", {"phone": "13900000000"})
    newest = all_ops(any_ledger)[-1]
    late = Op.make(
        origin="ffffffff-0000-7000-8000-000000000000",
        seq=1,
        hlc=newest.hlc - 1,
        author="次仁",
        table="household",
        record_id=household_id,
        fields={"phone": "13700000000", "address": "二组 5 号"},
        prev_hash=GENESIS_HASH,
    )
    with any_ledger.store.session() as session:
        apply_ops(session, [late])
    with any_ledger.store.read_session() as session:
        household = session.get(Household, household_id)
        assert household is not None
        assert household.phone == "13900000000"  # our later write stands
        assert household.address == "二组 5 号"  # nobody later set the address


def test_a_child_before_its_parent_holds_the_parent_place_until_it_arrives(location: StoreLocation) -> None:
    store = open_store(location, create=True)
    try:
        with store.session() as session:
            create_device(session, role="village", user_name="扎西", village_id=None)
        with store.session() as session:
            writer = ChangeWriter(session)
            household_id = writer.create(Household, {"number": "001"})
            writer.create(Member, {"household_id": household_id, "name": "卓嘎"})
            ops = writer.ops
        target = open_store(StoreLocation(location.home / "target"), create=True)
        with target.session() as session:
            apply_ops(session, [ops[1]])
        with target.read_session() as session:
            stub = session.get(Household, household_id)
            assert stub is not None and stub.number is None
        with target.session() as session:
            apply_ops(session, [ops[0]])
        assert dump_of(target) == dump_of(store)
        target.close()
    finally:
        store.close()
