"""The gaps an import reports are read for the bundle's senders only (through the primary key, not the
whole log): the same spans as for the whole log, and nothing of devices not asked about."""

from __future__ import annotations

from desktop.services.ledger import Ledger
from desktop.store.models import Operation, OpLink
from desktop.sync.vector import gaps

A, B, C = "0190a000-0000-7000-8000-00000000000a", "0190a000-0000-7000-8000-00000000000b", "c"


def held(ledger: Ledger, ops: dict[str, list[int]], links: dict[str, list[int]]) -> None:
    with ledger.store.session() as session:
        for origin, seqs in ops.items():
            for seq in seqs:
                session.add(
                    Operation(origin=origin, seq=seq, hlc=seq, author="扎西", table_name="household",
                              record_id=f"r{seq}", fields="{}", prev_hash="0" * 64, hash=f"{seq:064d}")
                )  # fmt: skip
        for origin, seqs in links.items():
            for seq in seqs:
                session.add(
                    OpLink(origin=origin, seq=seq, prev_hash="0" * 64, body_digest="0" * 64, hash="1" * 64)
                )


def test_gaps_of_some_senders_are_those_of_the_whole_log(any_ledger: Ledger) -> None:
    held(any_ledger, {A: [1, 2, 5, 9], B: [3, 4]}, {A: [3, 6]})  # A misses 4 and 7–8; B misses 1–2
    with any_ledger.store.read_session() as session:
        everything = gaps(session)
        assert everything[A] == [(4, 4), (7, 8)] and everything[B] == [(1, 2)]
        assert gaps(session, {A}) == {A: everything[A]}
        assert gaps(session, {A, B}) == {A: everything[A], B: everything[B]}
        assert gaps(session, {C}) == {} and gaps(session, set()) == {}
