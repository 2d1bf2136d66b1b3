"""What an import asks of the log, per origin through the primary key (never the whole log): the gaps of
the bundle's senders, the same spans as for the whole log and nothing of other devices; and which of its
operations and links are held already."""

from __future__ import annotations

from desktop.services.context import Ledger
from desktop.store.fold import held_keys
from desktop.store.models import Operation, OpLink
from desktop.sync.vector import gaps, gaps_of

A, B, C = "0190a000-0000-7000-8000-00000000000a", "0190a000-0000-7000-8000-00000000000b", "c"
D, E = "0190a000-0000-7000-8000-00000000000d", "0190a000-0000-7000-8000-00000000000e"


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
        assert (
            gaps_of(session, {A, B, C}) == {A: everything[A], B: everything[B]} and gaps_of(session, []) == {}
        )


def test_gaps_of_senders_whose_chains_look_whole_by_their_counts(any_ledger: Ledger) -> None:
    """An import's senders are looked at seq by seq only when their counts leave room for a gap: a seq
    held both as an operation and as a link is not taken for the one missing."""
    held(any_ledger, {A: [1, 2, 3], D: [1, 2, 4]}, {B: [1, 2], D: [2], E: [2, 3, 4]})  # D misses 3, E 1
    with any_ledger.store.read_session() as session:
        assert gaps_of(session, {A, B, D, E}) == {D: [(3, 3)], E: [(1, 1)]} == gaps(session, {A, B, D, E})


def test_held_keys_are_found_per_origin_across_chunks(any_ledger: Ledger) -> None:
    held(any_ledger, {A: list(range(1, 1201)), B: [5]}, {B: [7]})
    asked = [(A, seq) for seq in range(1, 1301)] + [(B, 5), (B, 6), (B, 7), (C, 1)]
    with any_ledger.store.read_session() as session:
        assert held_keys(session, Operation, asked) == {(A, seq) for seq in range(1, 1201)} | {(B, 5)}
        assert held_keys(session, OpLink, asked) == {(B, 7)}
        assert held_keys(session, Operation, []) == set()
