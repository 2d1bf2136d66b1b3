"""Property: devices edit the same records concurrently and exchange some of their operations; folding
all operations in any order, in any chunks, with duplicates, always gives one identical dump, and that
dump is what last-writer-wins by (hlc, origin) says field by field."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session, sessionmaker

import desktop.store.models  # noqa: F401
from desktop.store.base import Base
from desktop.store.clock import HybridClock
from desktop.store.dump import dump_json, dump_records
from desktop.store.fold import apply_ops
from desktop.store.oplog import GENESIS_HASH, Op

DEVICES = [
    "01000000-0000-7000-8000-00000000000a",
    "01000000-0000-7000-8000-00000000000b",
    "01000000-0000-7000-8000-00000000000c",
]
HOUSEHOLDS = [f"02000000-0000-7000-8000-00000000000{i}" for i in range(3)]
MEMBERS = [f"03000000-0000-7000-8000-00000000000{i}" for i in range(3)]
HOUSEHOLD_FIELDS = {"number": ["001", "002", "003"], "phone": ["138", "139", None], "house_grade": ["A", "C"]}
MEMBER_FIELDS = {"name": ["卓嘎", "次仁", "拉姆"], "household_id": HOUSEHOLDS, "work_months": [0, 6, 12]}


class Device:
    def __init__(self, origin: str, start_ms: int) -> None:
        self.origin = origin
        self.ms = start_ms
        self.clock = HybridClock(0, wall_ms=lambda: self.ms)
        self.seq = 0
        self.head = GENESIS_HASH
        self.known: list[Op] = []

    def edit(self, table: str, record_id: str, fields: dict[str, object]) -> Op:
        self.seq += 1
        op = Op.make(
            origin=self.origin, seq=self.seq, hlc=self.clock.tick(), author=self.origin[-1],
            table=table, record_id=record_id, fields=fields, prev_hash=self.head,
        )  # fmt: skip
        self.head = op.hash
        self.known.append(op)
        return op

    def receive(self, ops: list[Op]) -> None:
        for op in ops:
            self.clock.observe(op.hlc)
        self.known.extend(ops)


edit_step = st.tuples(
    st.just("edit"),
    st.integers(0, len(DEVICES) - 1),
    st.booleans(),  # household or member
    st.integers(0, 2),
    st.data(),
)


@st.composite
def scenario(draw: st.DrawFn) -> list[Op]:
    # devices' wall clocks disagree by up to a minute, and move at different speeds
    devices = [Device(origin, draw(st.integers(1_700_000_000_000, 1_700_000_060_000))) for origin in DEVICES]
    all_ops: list[Op] = []
    for _ in range(draw(st.integers(1, 25))):
        device = devices[draw(st.integers(0, len(devices) - 1))]
        device.ms += draw(st.integers(0, 3))  # often the same millisecond: the counter breaks ties
        if draw(st.integers(0, 4)) == 0:  # a bundle arrives from another device
            sender = devices[draw(st.integers(0, len(devices) - 1))]
            if sender is not device:
                device.receive(list(sender.known))
            continue
        is_household = draw(st.booleans())
        fields_choice = HOUSEHOLD_FIELDS if is_household else MEMBER_FIELDS
        names = draw(st.lists(st.sampled_from(sorted(fields_choice)), min_size=1, unique=True))
        fields = {name: draw(st.sampled_from(fields_choice[name])) for name in names}
        record = draw(st.sampled_from(HOUSEHOLDS if is_household else MEMBERS))
        all_ops.append(device.edit("household" if is_household else "member", record, fields))
    return all_ops


@contextmanager
def fresh_session() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    # foreign keys on, as in the app: a child folded before its parent must still commit
    event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA foreign_keys=ON"))
    Base.metadata.create_all(engine)
    with sessionmaker(engine)() as session, session.begin():
        yield session
        session.flush()
    engine.dispose()


def fold(chunks: list[list[Op]]) -> str:
    with fresh_session() as session:
        for chunk in chunks:
            apply_ops(session, chunk)
            session.flush()
        return dump_json(session)


def expected_state(ops: list[Op]) -> dict[tuple[str, str], dict[str, object]]:
    winners: dict[tuple[str, str, str], Op] = {}
    for op in ops:
        for name in op.fields:
            key = (op.table, op.record_id, name)
            if key not in winners or op.clock > winners[key].clock:
                winners[key] = op
    state: dict[tuple[str, str], dict[str, object]] = {}
    for (table, record_id, name), op in winners.items():
        state.setdefault((table, record_id), {})[name] = op.fields[name]
    return state


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=scenario(), data=st.data())
def test_any_order_any_chunks_any_duplicates_give_one_dump(ops: list[Op], data: st.DataObject) -> None:
    reference = fold([ops])
    shuffled = data.draw(
        st.permutations(ops + data.draw(st.lists(st.sampled_from(ops), max_size=5)) if ops else [])
    )
    cuts = sorted(data.draw(st.lists(st.integers(0, len(shuffled)), max_size=4)))
    chunks = [shuffled[a:b] for a, b in zip([0, *cuts], [*cuts, len(shuffled)], strict=True)]
    assert fold(chunks) == reference

    records = json.loads(reference)
    for (table, record_id), fields in expected_state(ops).items():
        (row,) = [r for r in records[table] if r["id"] == record_id]
        for name, value in fields.items():
            assert row[name] == value, (table, record_id, name)


def test_the_dump_holds_no_device_local_tables() -> None:
    with fresh_session() as session:
        assert set(dump_records(session)) >= {"household", "member", "visit"}
        assert not {"op_log", "device_state", "household_search", "local_setting"} & set(
            dump_records(session)
        )
