"""``check_run`` (what import keeps of a run of chain links: its ends) gives ``check_chain``'s answer
(over every entry) for any run, held entries and signed heads: forks, breaks and unproven seqs alike."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.store.oplog import GENESIS_HASH
from desktop.sync.chain import Entry, Run, check_chain, check_run, ranges

HASHES = ["a", "b", "c"]


@st.composite
def scenes(draw: st.DrawFn) -> tuple[dict[int, Entry], dict[int, Entry], dict[int, str]]:
    """A run received (linked inside), entries held near and in it, signed heads anywhere."""
    low = draw(st.integers(1, 6))
    high = draw(st.integers(low, low + 6))
    true = {seq: Entry(f"h{seq}", f"h{seq - 1}" if seq > 1 else GENESIS_HASH) for seq in range(1, high + 4)}
    below = draw(st.sampled_from([true[low].prev_hash, "x", GENESIS_HASH]))
    incoming = {}
    for seq in range(low, high + 1):
        hash_ = draw(st.sampled_from([true[seq].hash, true[seq].hash, f"f{seq}"]))
        incoming[seq] = Entry(hash_, below)
        below = hash_
    held = draw(st.sets(st.integers(max(1, low - 1), high + 1)))
    known = {}
    for seq in held:
        entry = (
            true[seq]
            if draw(st.booleans())
            else Entry(true[seq].hash, draw(st.sampled_from(["x", GENESIS_HASH])))
        )
        known[seq] = entry if draw(st.integers(0, 3)) else incoming.get(seq, entry)
    heads = {}
    for seq in draw(st.sets(st.integers(1, high + 3), max_size=3)):
        heads[seq] = draw(
            st.sampled_from([true[seq].hash, incoming[seq].hash if seq in incoming else "z", "z"])
        )
    return incoming, known, heads


@settings(max_examples=1500, deadline=None)
@given(scenes())
def test_a_run_checked_by_its_ends_answers_as_every_entry_does(
    scene: tuple[dict[int, Entry], dict[int, Entry], dict[int, str]],
) -> None:
    incoming, known, heads = scene
    low, high = min(incoming), max(incoming)
    expected = check_chain(incoming, known, heads)
    inside = [seq for seq in sorted(known) if low <= seq <= high]
    forks = [seq for seq in inside if known[seq].hash != incoming[seq].hash]
    found = check_run(
        Run(low, high, incoming[low], incoming[high]),
        {seq: incoming[seq] for seq in heads if seq in incoming},
        {seq: known[seq] for seq in (low - 1, high + 1) if seq in known},
        max(inside, default=None),
        forks[0] if forks else None,
        heads,
    )
    assert (found.fork_at, found.broken_at, found.unproven_spans) == (
        expected.fork_at,
        expected.broken_at,
        ranges(expected.unproven),
    )
