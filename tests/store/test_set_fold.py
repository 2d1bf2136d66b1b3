"""The set-based fold of records new to the log (fold._fold_new_records), on SQLite and PostgreSQL: the
same state as the per-operation fold, parents that arrive after their children, records the session
had already read, and a batch that fails half-way leaving nothing behind."""

from __future__ import annotations

import itertools
import json
import random

import pytest
from sqlalchemy import func, select

from desktop.store.database import StoreLocation, open_store
from desktop.store.dump import dump_json
from desktop.store.fold import UnknownTable, apply_ops
from desktop.store.models import Household, Member, Operation
from desktop.store.oplog import Op

from .test_fold_property import DEVICES, HOUSEHOLDS, MEMBERS, Device, expected_state

START_MS = 1_700_000_000_000


def _concurrent_edits() -> list[Op]:
    """Three devices editing the same households and members, some children before their parents."""
    rng = random.Random(17)
    devices = [Device(origin, START_MS + 7 * n) for n, origin in enumerate(DEVICES)]
    ops: list[Op] = []
    for step in range(60):
        device = devices[rng.randrange(3)]
        device.ms += rng.randrange(3)
        if step % 2:
            fields: dict[str, object] = {
                "name": rng.choice(["卓嘎", "次仁", "拉姆"]),
                "household_id": rng.choice(HOUSEHOLDS),
            }
            ops.append(device.edit("member", rng.choice(MEMBERS), fields))
        else:
            fields = {"number": rng.choice(["001", "002"]), "phone": rng.choice(["138", None])}
            ops.append(device.edit("household", rng.choice(HOUSEHOLDS), fields))
    return ops


def _assert_last_writer_wins(dump: str, ops: list[Op]) -> None:
    records = json.loads(dump)
    for (table, record_id), fields in expected_state(ops).items():
        (row,) = [r for r in records[table] if r["id"] == record_id]
        assert {name: row[name] for name in fields} == fields, (table, record_id)


def test_one_set_fold_and_many_small_folds_give_one_state(location: StoreLocation) -> None:
    ops = _concurrent_edits()
    rng = random.Random(4)
    scrambled = ops + rng.sample(ops, 15)
    rng.shuffle(scrambled)
    store = open_store(location, create=True)
    try:
        # the first batch is all new records (the set fold), the later ones meet logged records, and
        # each batch cuts the operations of one record in two and repeats some of the earlier ones
        cuts = [0, 23, 41, len(scrambled)]
        for low, high in itertools.pairwise(cuts):
            with store.session() as session:
                apply_ops(session, scrambled[low:high] + scrambled[: low // 3])
        with store.read_session() as session:
            chunked = dump_json(session)
    finally:
        store.close()
    _assert_last_writer_wins(chunked, ops)

    reference = open_store(StoreLocation(location.home.with_name("reference")), create=True)
    try:
        with reference.session() as session:
            result = apply_ops(session, list(reversed(ops)) + ops[:10])
            assert (result.applied, result.already_had) == (len(ops), 0)
        with reference.read_session() as session:
            assert dump_json(session) == chunked
    finally:
        reference.close()


def test_a_parent_arriving_after_its_child_fills_the_placeholder(location: StoreLocation) -> None:
    village, township = Device(DEVICES[0], START_MS), Device(DEVICES[1], START_MS + 5)
    child = village.edit("member", MEMBERS[0], {"name": "卓嘎", "household_id": HOUSEHOLDS[0]})
    parent = township.edit("household", HOUSEHOLDS[0], {"number": "007"})
    store = open_store(location, create=True)
    try:
        with store.session() as session:
            apply_ops(session, [child])
        with store.session() as session:
            placeholder = session.get(Household, HOUSEHOLDS[0])
            assert placeholder is not None and placeholder.number is None
            assert json.loads(dump_json(session))["household"] == []  # a placeholder is not in the ledger
            apply_ops(session, [parent])
            # the copy this session read before the fold is read again: no stale placeholder
            assert session.get(Household, HOUSEHOLDS[0]).number == "007"  # type: ignore[union-attr]
        with store.read_session() as session:
            member = session.get(Member, MEMBERS[0])
            assert member is not None and member.household_id == HOUSEHOLDS[0]
            assert json.loads(dump_json(session))["household"][0]["number"] == "007"
    finally:
        store.close()


def test_a_batch_that_fails_half_way_changes_nothing(location: StoreLocation) -> None:
    device = Device(DEVICES[0], START_MS)
    first = [device.edit("household", HOUSEHOLDS[0], {"number": "001"})]
    later = [
        device.edit("household", HOUSEHOLDS[1], {"number": "002"}),
        device.edit("member", MEMBERS[1], {"name": "次仁", "household_id": HOUSEHOLDS[1]}),
        device.edit("household", HOUSEHOLDS[0], {"phone": "139"}),
        # a value the column cannot hold: found after the log rows of the batch were written
        device.edit("photo", "04000000-0000-7000-8000-000000000001", {"gps_lat": "不是数字"}),
    ]
    store = open_store(location, create=True)
    try:
        with store.session() as session:
            apply_ops(session, first)
        with store.read_session() as session:
            before = dump_json(session)
        with pytest.raises(ValueError), store.session() as session:
            apply_ops(session, later)
        with pytest.raises(UnknownTable), store.session() as session:
            apply_ops(session, [*later[:2], device.edit("no_such_table", MEMBERS[2], {"x": 1})])
        with store.read_session() as session:
            assert dump_json(session) == before
            assert session.execute(select(func.count()).select_from(Operation)).scalar_one() == 1
            assert session.get(Household, HOUSEHOLDS[1]) is None
    finally:
        store.close()
