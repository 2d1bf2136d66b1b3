"""``check`` reads each device's chain one device at a time, streamed: what it finds wrong is said per
device in seq order — a tampered operation, a missing start, a gap, a broken link — whether the entries
are operations or the links of other villages' operations."""

from __future__ import annotations

from sqlalchemy import insert

from desktop.services.maintenance.check import _chain_problems
from desktop.store.database import StoreLocation, open_store
from desktop.store.models import OpLink
from desktop.store.oplog import GENESIS_HASH, Op


def chain(origin: str, length: int) -> list[Op]:
    ops, prev = [], GENESIS_HASH
    for seq in range(1, length + 1):
        op = Op.make(
            origin=origin, seq=seq, hlc=seq, author="扎西", table="household", record_id=f"r{seq}",
            fields={"number": f"{seq:03d}"}, prev_hash=prev,
        )  # fmt: skip
        ops.append(op)
        prev = op.hash
    return ops


def test_every_chain_problem_is_named_per_device_in_order(location: StoreLocation) -> None:
    store = open_store(location, create=True)
    a, b, c = "a" * 28 + "aaaaaaaa", "b" * 28 + "bbbbbbbb", "c" * 28 + "cccccccc"
    held: list[tuple[Op, bool]] = []  # (entry, as a link)
    held += [(op, op.seq == 2) for op in chain(a, 3)]  # complete, 2 as a link
    held += [(op, False) for op in chain(b, 6) if op.seq not in (1, 4)]  # 1 and 4 missing
    broken = chain(c, 3)
    held += [(broken[0], False), (broken[2], False)]
    held.append((Op.make(
        origin=c, seq=2, hlc=2, author="扎西", table="household", record_id="x", fields={}, prev_hash="f" * 64,
    ), False))  # fmt: skip
    try:
        with store.session() as session:
            for op, as_link in held:
                if as_link:
                    link = op.link()
                    session.execute(
                        insert(OpLink).values(
                            origin=op.origin, seq=op.seq, prev_hash=op.prev_hash,
                            body_digest=link.body_digest, hash=op.hash,
                        )
                    )  # fmt: skip
                else:
                    session.add(op.to_row())
            tampered = chain(a, 4)[3].to_row()  # its 4th, the author changed after it was hashed
            tampered.author = "改过的"
            session.add(tampered)
        with store.read_session() as session:
            problems = _chain_problems(session)
    finally:
        store.close()
    assert problems == [
        "设备 aaaaaaaa 的第 4 条变更记录内容与其校验值不符（可能被改动）",
        "缺少设备 bbbbbbbb 的第 1–1 条变更记录",
        "缺少设备 bbbbbbbb 的第 4–4 条变更记录",
        "设备 cccccccc 的第 2 条变更记录与上一条接不上（链断裂）",
        "设备 cccccccc 的第 3 条变更记录与上一条接不上（链断裂）",
    ]
