"""Concurrent edits of one field: the same winner and the same conflict rows on every device.

Devices are real SQLite ledgers exchanging operations (twodevices.py); the property at the end folds
simulated devices' operations in every order into in-memory stores.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

import desktop.store.models  # noqa: F401
from desktop.services.exchange.conflicts import list_conflicts, resolve_conflict
from desktop.services.households.households import add_household
from desktop.store.base import Base
from desktop.store.clock import HybridClock
from desktop.store.conflicts import LoggedOp, conflict_id, find_conflicts
from desktop.store.database import StoreLocation
from desktop.store.fold import apply_ops
from desktop.store.models import Conflict, Household
from desktop.store.oplog import GENESIS_HASH, Op
from desktop.store.types import canonical_json
from desktop.store.writer import ChangeWriter

from .twodevices import Device, conflict_key, exchange, first_device, joined_device, village_with_household

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[list[Device]]:
    devices = village_with_household(tmp_path, lambda: TODAY)
    yield devices
    for device in devices:
        device.close()


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[list[Device]]:
    devices = village_with_household(tmp_path, lambda: TODAY, ("扎西", "次仁", "拉姆"))
    yield devices
    for device in devices:
        device.close()


def phone_op(device: Device) -> Op:
    """The device's own latest operation that set household 001's phone."""
    return [op for op in device.own_ops() if op.table == "household" and "phone" in op.fields][-1]


# --- two devices -----------------------------------------------------------------------------------


@pytest.mark.parametrize("a_first", [True, False], ids=["A-receives-first", "B-receives-first"])
def test_a_concurrent_edit_is_the_same_conflict_on_both_devices(pair: list[Device], a_first: bool) -> None:
    a, b = pair
    a.edit("001", phone="13911111111")
    b.edit("001", phone="13722222222")
    mine_a, mine_b = phone_op(a), phone_op(b)
    assert a.conflicts() == b.conflicts() == []
    a_ops, b_ops = a.own_ops(), b.own_ops()
    for receiver, ops in [(a, b_ops), (b, a_ops)] if a_first else [(b, a_ops), (a, b_ops)]:
        receiver.receive(ops)

    winner, loser = sorted([mine_a, mine_b], key=lambda op: op.clock, reverse=True)
    assert a.household("001").phone == b.household("001").phone == winner.fields["phone"]
    assert a.dump() == b.dump()
    expected = (
        conflict_id("household", winner.record_id, "phone", loser.origin, loser.seq),
        "household",
        winner.record_id,
        "phone",
        winner.origin,
        winner.seq,
        canonical_json(winner.fields["phone"]),
        loser.origin,
        loser.seq,
        canonical_json(loser.fields["phone"]),
    )
    assert a.conflicts() == b.conflicts() == [expected]
    # receiving again changes nothing
    a.receive(b)
    b.receive(a)
    assert a.conflicts() == b.conflicts() == [expected]


def test_the_conflict_follows_a_later_concurrent_value_and_keeps_its_detection_time(
    pair: list[Device],
) -> None:
    a, b = pair
    a.edit("001", phone="13911111111")
    b.edit("001", phone="13722222222")
    exchange(a, b)
    ((first_id, *_),) = a.conflicts()
    with a.ledger.store.read_session() as session:
        detected = session.get(Conflict, first_id).detected_at  # type: ignore[union-attr]
    # the device whose value shows edits the field again without resolving: still an open conflict
    winner = a if a.household("001").phone == phone_op(a).fields["phone"] else b
    winner.edit("001", phone="13633333333")
    exchange(a, b)
    assert a.conflicts() == b.conflicts()
    ((same_id, *rest),) = a.conflicts()
    assert same_id == first_id and rest[5] == '"13633333333"'  # the new winning value
    with a.ledger.store.read_session() as session:
        assert session.get(Conflict, first_id).detected_at == detected  # type: ignore[union-attr]


def test_an_edit_after_receiving_the_other_value_is_not_a_conflict(pair: list[Device]) -> None:
    a, b = pair
    a.edit("001", phone="13911111111")
    b.receive(a)
    b.edit("001", phone="13722222222")
    assert phone_op(b).base == {"phone": [phone_op(a).hash]}
    a.receive(b)
    assert a.conflicts() == b.conflicts() == []
    assert a.household("001").phone == b.household("001").phone == "13722222222"


def test_a_chain_of_edits_through_three_devices_is_not_a_conflict(trio: list[Device]) -> None:
    a, b, c = trio
    a.edit("001", phone="13911111111")
    b.receive(a)
    b.edit("001", phone="13722222222")
    c.receive(b)
    c.edit("001", phone="13633333333")
    a.receive(c)  # C's log holds B's edit too
    exchange(a, b, c)
    assert a.conflicts() == b.conflicts() == c.conflicts() == []
    assert {d.household("001").phone for d in trio} == {"13633333333"}
    # and back to the first device: its edit builds on C's
    a.edit("001", phone="13500000000")
    exchange(a, b, c)
    assert a.conflicts() == b.conflicts() == c.conflicts() == []


def test_three_concurrent_values_give_two_conflicts_everywhere(trio: list[Device]) -> None:
    a, b, c = trio
    for device, phone in zip(trio, ("13911111111", "13722222222", "13633333333"), strict=True):
        device.edit("001", phone=phone)
    exchange(a, b, c)
    conflicts = a.conflicts()
    assert len(conflicts) == 2 and conflicts == b.conflicts() == c.conflicts()
    winner_origin = conflicts[0][4]
    assert {row[7] for row in conflicts} == {d.device_id for d in trio} - {winner_origin}


def test_equal_values_are_not_a_conflict(pair: list[Device]) -> None:
    a, b = pair
    a.edit("001", phone="13911111111", address="一组 3 号")
    b.edit("001", phone="13911111111")
    exchange(a, b)
    assert a.conflicts() == b.conflicts() == []


def test_different_fields_of_one_record_are_not_a_conflict(pair: list[Device]) -> None:
    a, b = pair
    a.edit("001", phone="13911111111")
    b.edit("001", address="一组 3 号")
    exchange(a, b)
    assert a.conflicts() == b.conflicts() == []
    assert a.household("001").phone == "13911111111" and b.household("001").address == "一组 3 号"


def test_a_resolution_closes_the_conflict_on_both_devices(pair: list[Device]) -> None:
    a, b = pair
    a.edit("001", phone="13911111111")
    b.edit("001", phone="13722222222")
    exchange(a, b)
    (row,) = a.conflicts()
    by_seq = {(op.origin, op.seq): op for op in a.ops()}
    winner, loser = by_seq[(row[4], row[5])], by_seq[(row[7], row[8])]
    with b.ledger.store.session() as session:
        op = ChangeWriter(session).write_resolution(
            Household, row[2], "phone", loser.fields["phone"], winner_hash=winner.hash, loser_hash=loser.hash
        )
    assert op.base == {"phone": sorted([winner.hash, loser.hash])}
    assert b.conflicts() == []
    a.receive(b)
    assert a.conflicts() == []
    assert a.household("001").phone == b.household("001").phone == loser.fields["phone"]


def test_conflicts_on_both_engines(location: StoreLocation, tmp_path: Path) -> None:
    """A township server on PostgreSQL derives and resolves conflicts like a laptop on SQLite."""
    a = first_device(location.home, lambda: TODAY, "扎西", db_url=location.url)
    b: Device | None = None
    try:
        add_household(a.ledger, number="001", head={"name": "卓嘎"}, fields={"phone": "13800000000"})
        b = joined_device(tmp_path / "laptop", a, "次仁")
        a.edit("001", phone="13911111111")
        b.edit("001", phone="13722222222")
        exchange(a, b)
        assert len(a.conflicts()) == 1 and a.conflicts() == b.conflicts()
        resolve_conflict(a.ledger, list_conflicts(a.ledger)[0].id, "theirs")
        b.receive(a)
        assert a.conflicts() == b.conflicts() == []
        assert a.dump() == b.dump()
    finally:
        a.close()
        if b is not None:
            b.close()


# --- the writer ------------------------------------------------------------------------------------


def test_the_writer_records_the_winning_operation_as_base(pair: list[Device]) -> None:
    a, _b = pair
    created = next(op for op in a.own_ops() if op.table == "household")
    assert created.base == {}
    with a.ledger.store.session() as session:
        writer = ChangeWriter(session)
        writer.update(Household, created.record_id, {"phone": "139", "address": "一组"})
        writer.update(Household, created.record_id, {"phone": "137"})  # the same transaction counts
        first, second = writer.ops
    assert first.base == {"phone": [created.hash]}  # nobody had set the address
    assert second.base == {"phone": [first.hash]}
    with a.ledger.store.session() as session:
        writer = ChangeWriter(session)
        with session.no_autoflush:  # pending ops of this writer count without a flush too
            writer.update(Household, created.record_id, {"phone": "136"})
            writer.update(Household, created.record_id, {"phone": "135"})
        third, fourth = writer.ops
    assert (third.base, fourth.base) == ({"phone": [second.hash]}, {"phone": [third.hash]})


def test_creating_new_records_costs_no_lookup(pair: list[Device]) -> None:
    a, _b = pair
    statements: list[str] = []

    def note(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(a.ledger.store.engine, "before_cursor_execute", note)
    try:
        with a.ledger.store.session() as session:
            writer = ChangeWriter(session)
            for n in range(20):
                writer.create(Household, {"number": f"1{n:02d}"})
            statements.clear()  # the writer's device-state lookup is not per create
            for n in range(20):
                writer.create(Household, {"number": f"2{n:02d}"})
                session.flush()
    finally:
        event.remove(a.ledger.store.engine, "before_cursor_execute", note)
    lookups = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # (the search index reads the new households at commit, as before)
    assert not [s for s in lookups if "op_log" in s or "conflict" in s]


def test_a_local_edit_refreshes_an_open_conflict(pair: list[Device]) -> None:
    a, b = pair
    a.edit("001", phone="13911111111")
    b.edit("001", phone="13722222222")
    exchange(a, b)
    (row,) = b.conflicts()
    loser_value = json.loads(row[9])
    b.edit("001", phone=loser_value)  # B now shows the value that had lost: nothing is lost any more
    assert b.conflicts() == []
    a.receive(b)
    assert a.conflicts() == []


# --- property: any arrival order gives the same conflicts ------------------------------------------

DEVICES = [
    "01000000-0000-7000-8000-00000000000a",
    "01000000-0000-7000-8000-00000000000b",
    "01000000-0000-7000-8000-00000000000c",
]
RECORDS = ["02000000-0000-7000-8000-000000000000", "02000000-0000-7000-8000-000000000001"]
VALUES = {"phone": ["138", "139", None], "house_grade": ["A", "C"], "address": ["一组", "二组"]}


class SimDevice:
    """A device that writes as ChangeWriter does: base = the known winner of each field it sets."""

    def __init__(self, origin: str, start_ms: int) -> None:
        self.origin = origin
        self.ms = start_ms
        self.clock = HybridClock(0, wall_ms=lambda: self.ms)
        self.seq = 0
        self.head = GENESIS_HASH
        self.known: dict[str, Op] = {}

    def write(self, record_id: str, fields: dict[str, object], base: dict[str, list[str]]) -> Op:
        self.seq += 1
        op = Op.make(
            origin=self.origin, seq=self.seq, hlc=self.clock.tick(), author=self.origin[-1], table="household",
            record_id=record_id, fields=fields, prev_hash=self.head, base=base,
        )  # fmt: skip
        self.head = op.hash
        self.known[op.hash] = op
        return op

    def edit(self, record_id: str, fields: dict[str, object]) -> Op:
        base: dict[str, list[str]] = {}
        for name in fields:
            setters = [op for op in self.known.values() if op.record_id == record_id and name in op.fields]
            if setters:
                base[name] = [max(setters, key=lambda op: op.clock).hash]
        return self.write(record_id, fields, base)

    def open_conflicts(self, record_id: str) -> list[tuple[str, Op, Op]]:
        ops = [logged(op) for op in self.known.values() if op.record_id == record_id]
        by_hash = self.known
        return [
            (c.field, by_hash[c.winner.hash], by_hash[c.loser.hash])
            for c in find_conflicts("household", record_id, ops)
        ]

    def receive(self, ops: list[Op]) -> None:
        for op in ops:
            self.clock.observe(op.hlc)
            self.known[op.hash] = op


def logged(op: Op) -> LoggedOp:
    return LoggedOp(op.origin, op.seq, op.hlc, op.hash, op.fields, op.base)


@st.composite
def scenario(draw: st.DrawFn) -> list[Op]:
    devices = [
        SimDevice(origin, draw(st.integers(1_700_000_000_000, 1_700_000_000_050))) for origin in DEVICES
    ]
    all_ops: list[Op] = []
    for _ in range(draw(st.integers(1, 30))):
        device = devices[draw(st.integers(0, len(devices) - 1))]
        device.ms += draw(st.integers(0, 3))
        step = draw(st.integers(0, 5))
        if step == 0:  # a bundle arrives
            sender = devices[draw(st.integers(0, len(devices) - 1))]
            if sender is not device:
                device.receive(list(sender.known.values()))
            continue
        record = draw(st.sampled_from(RECORDS))
        if step == 1:  # a person settles an open conflict this device shows
            open_ = device.open_conflicts(record)
            if open_:
                name, winner, loser = draw(st.sampled_from(open_))
                kept = draw(st.sampled_from([winner, loser])).fields[name]
                all_ops.append(device.write(record, {name: kept}, {name: [winner.hash, loser.hash]}))
            continue
        names = draw(st.lists(st.sampled_from(sorted(VALUES)), min_size=1, max_size=2, unique=True))
        all_ops.append(device.edit(record, {name: draw(st.sampled_from(VALUES[name])) for name in names}))
    return all_ops


@contextmanager
def fresh_session() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA foreign_keys=ON"))
    Base.metadata.create_all(engine)
    with sessionmaker(engine)() as session, session.begin():
        yield session
        session.flush()
    engine.dispose()


def fold_conflicts(chunks: list[list[Op]]) -> list[tuple[object, ...]]:
    with fresh_session() as session:
        for chunk in chunks:
            apply_ops(session, chunk)
            session.flush()
        return [
            conflict_key(row) for row in session.execute(select(Conflict).order_by(Conflict.id)).scalars()
        ]


def derived(ops: list[Op]) -> list[tuple[object, ...]]:
    """The conflicts of the whole op set, straight from the definition (no database)."""
    rows = []
    for record in RECORDS:
        for c in find_conflicts("household", record, [logged(op) for op in ops if op.record_id == record]):
            rows.append(
                (c.id, c.table, c.record_id, c.field, c.winner.origin, c.winner.seq,
                 canonical_json(c.winner.fields[c.field]), c.loser.origin, c.loser.seq,
                 canonical_json(c.loser.fields[c.field]))
            )  # fmt: skip
    return sorted(rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=scenario(), data=st.data())
def test_any_arrival_order_gives_the_same_conflicts(ops: list[Op], data: st.DataObject) -> None:
    reference = fold_conflicts([ops])
    assert reference == derived(ops)
    extra = data.draw(st.lists(st.sampled_from(ops), max_size=4)) if ops else []
    shuffled = data.draw(st.permutations(ops + extra))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(shuffled)), max_size=5)))
    chunks = [shuffled[a:b] for a, b in zip([0, *cuts], [*cuts, len(shuffled)], strict=True)]
    assert fold_conflicts(chunks) == reference


def test_the_property_scenarios_do_produce_conflicts_and_resolutions() -> None:
    """Guard against a vacuous property: the generator makes open and settled conflicts."""
    a, b = SimDevice(DEVICES[0], 1_700_000_000_000), SimDevice(DEVICES[1], 1_700_000_000_000)
    ops = [a.edit(RECORDS[0], {"phone": "138"}), b.edit(RECORDS[0], {"phone": "139"})]
    a.receive(ops[1:])
    b.receive(ops[:1])
    assert len(derived(ops)) == 1 and fold_conflicts([ops]) == derived(ops)
    ((name, winner, loser),) = a.open_conflicts(RECORDS[0])
    ops.append(a.write(RECORDS[0], {name: loser.fields[name]}, {name: [winner.hash, loser.hash]}))
    assert derived(ops) == [] and fold_conflicts([list(reversed(ops))]) == []


def test_add_household_on_a_fresh_device_has_no_base(pair: list[Device]) -> None:
    a, _b = pair
    add_household(a.ledger, number="002", head={"name": "次仁"})
    assert all(op.base == {} for op in a.own_ops()[-2:])


def test_one_origin_never_conflicts_with_itself_and_ids_are_the_documented_hash() -> None:
    record = RECORDS[0]
    same = [
        LoggedOp(DEVICES[0], 1, 10, "h1", {"phone": "138"}, {}),
        LoggedOp(DEVICES[0], 2, 20, "h2", {"phone": "139"}, {}),  # no base: still one device's history
    ]
    assert find_conflicts("household", record, same) == []
    other = LoggedOp(DEVICES[1], 7, 15, "h3", {"phone": "137"}, {})
    (found,) = find_conflicts("household", record, [*same, other])
    assert (found.winner.hash, found.loser.hash) == ("h2", "h3")
    key = f"household|{record}|phone|{DEVICES[1]}|7".encode()
    assert found.id == hashlib.sha256(key).hexdigest()[:12]
