"""A change writer that holds its creations (the demo's, ``hold_new``) writes them through the set fold:
the same operations, the same records and the same search texts as writing each one, on SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.database import StoreLocation, open_store
from desktop.store.device import create_device
from desktop.store.dump import dump_json
from desktop.store.ids import natural_id
from desktop.store.models import Household, HouseholdSearch, Income, Member, Operation, Village
from desktop.store.oplog import Op
from desktop.store.writer import ChangeWriter


def begin_village(session: Session, *, hold: bool) -> tuple[ChangeWriter, str]:
    """A village device's change writer (``hold``: holding its creations) and 亚弄村's id, made by it."""
    create_device(session, role="village", user_name="扎西", village_id=None)
    session.flush()
    writer = ChangeWriter(session, hold_new=hold)
    village = natural_id("t", "village")
    writer.create(Village, {"code": "513301", "name": "亚弄村", "groups": ["一组"]}, village, known_new=True)
    return writer, village


def _write_village(location: StoreLocation, *, hold: bool) -> tuple[str, list[Op], list[tuple[str, str]]]:
    store = open_store(location, create=True)
    try:
        with store.session() as session:
            writer, village = begin_village(session, hold=hold)
            for n in range(3):
                household = natural_id("t", "household", str(n))
                writer.create(
                    Household,
                    {
                        "village_id": village,
                        "number": f"00{n}",
                        "military_family": n == 1,
                        "house_area": Decimal("85.5"),
                    },
                    household,
                    known_new=True,
                )
                for k, name in enumerate(["卓嘎", "次仁卓玛"]):
                    writer.create(
                        Member,
                        {"household_id": household, "name": name, "birth_date": dt.date(1980 + k, 1, 2)},
                        natural_id("t", "member", str(n), str(k)),
                        known_new=True,
                    )
                writer.create(
                    Income,
                    {"household_id": household, "year": 2024, "wage": Decimal("1200.50")},
                    natural_id("t", "income", str(n)),
                    known_new=True,
                )
            writer.write_held()
        with store.read_session() as session:
            ops = [
                Op.from_row(r) for r in session.execute(select(Operation).order_by(Operation.seq)).scalars()
            ]
            texts = list(
                session.execute(
                    select(HouseholdSearch.household_id, HouseholdSearch.text).order_by("household_id")
                )
            )
            return dump_json(session), ops, [(h, t) for h, t in texts]
    finally:
        store.close()


def test_held_creations_write_what_writing_each_writes(location: StoreLocation) -> None:
    held = _write_village(location, hold=True)
    each = _write_village(StoreLocation(location.home.with_name("each")), hold=False)  # on SQLite
    dump, ops, texts = held
    assert dump == each[0]
    assert [(op.seq, op.table, op.record_id, op.fields) for op in ops] == [
        (op.seq, op.table, op.record_id, op.fields) for op in each[1]
    ]
    assert all(op.verify_hash() for op in ops)
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(ops))
    assert texts == each[2] and len(texts) == 3 and "zg" in texts[0][1]
