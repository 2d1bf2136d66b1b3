"""Which received operations are proven to come from their origin.

An origin's operations form a hash chain (oplog.py). A signed head vouches for one hash; every entry
below it whose hash equals the ``prev_hash`` of the entry above is vouched for too. Entries this
device already holds were proven when they arrived, so they vouch for what links to them. A received
entry no vouched-for entry reaches is refused; two different entries at one place are a fork.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.store.oplog import GENESIS_HASH


@dataclass(frozen=True, slots=True)
class Entry:
    hash: str
    prev_hash: str


@dataclass
class ChainCheck:
    proven: set[int] = field(default_factory=set)
    unproven: list[int] = field(default_factory=list)
    fork_at: int | None = None  # a place where two different entries claim the same seq
    broken_at: int | None = None  # an entry whose prev_hash does not match the one below it
    unproven_spans: list[tuple[int, int]] = field(default_factory=list)  # check_run's, as ranges

    @property
    def ok(self) -> bool:
        return (
            self.fork_at is None and self.broken_at is None and not self.unproven and not self.unproven_spans
        )


@dataclass(frozen=True, slots=True)
class Run:
    """Received entries of one origin at every seq from ``low`` to ``high``, each one's ``prev_hash`` the
    hash of the one below (checked as they were read, in order), of which only the two ends are kept."""

    low: int
    high: int
    first: Entry
    last: Entry


def check_chain(incoming: dict[int, Entry], known: dict[int, Entry], heads: dict[int, str]) -> ChainCheck:
    """``incoming``: received entries by seq; ``known``: entries already held near them; ``heads``:
    signed head hashes by seq (signatures already verified)."""
    result = ChainCheck()
    for seq, entry in incoming.items():
        held = known.get(seq)
        if held is not None and held.hash != entry.hash:
            result.fork_at = seq
            return result
    chain = {**known, **incoming}
    anchors: list[int] = []
    for seq, head_hash in heads.items():
        signed = chain.get(seq)
        if signed is None:
            continue
        if signed.hash != head_hash:
            result.fork_at = seq
            return result
        anchors.append(seq)
    anchors.extend(known)
    for top in sorted(set(anchors), reverse=True):
        seq = top
        while seq in chain and seq not in result.proven:
            result.proven.add(seq)
            below = chain[seq].prev_hash
            if seq == 1:
                if below != GENESIS_HASH:
                    result.broken_at = 1
                    return result
                break
            lower = chain.get(seq - 1)
            if lower is None:
                break
            if lower.hash != below:
                result.broken_at = seq
                return result
            seq -= 1
    result.unproven = sorted(seq for seq in incoming if seq not in result.proven)
    return result


def ranges(seqs: list[int]) -> list[tuple[int, int]]:
    """[3, 4, 5, 9] -> [(3, 5), (9, 9)]"""
    out: list[tuple[int, int]] = []
    for seq in sorted(seqs):
        if out and seq == out[-1][1] + 1:
            out[-1] = (out[-1][0], seq)
        else:
            out.append((seq, seq))
    return out


def describe_ranges(spans: list[tuple[int, int]]) -> str:
    return "、".join(f"{lo}" if lo == hi else f"{lo}–{hi}" for lo, hi in spans)


def check_run(
    run: Run,
    incoming_at: dict[int, Entry],
    known: dict[int, Entry],
    known_top: int | None,
    known_fork: int | None,
    heads: dict[int, str],
) -> ChainCheck:
    """``check_chain`` of a ``Run``, with the same result (the unproven seqs as ``unproven_spans``,
    ``proven`` left empty), from what is kept of it instead of every entry: memory does not grow with
    the run.

    ``incoming_at``: the run's entries at the seqs of ``heads`` inside it; ``known``: the entries held
    at ``low - 1`` and ``high + 1``; ``known_top``: the highest seq inside the run held already (None:
    none is); ``known_fork``: the lowest seq inside the run whose held entry's hash differs from the
    run's (the caller compares them chunk by chunk); ``heads``: signed head hashes by seq."""
    result = ChainCheck()
    if known_fork is not None:
        result.fork_at = known_fork
        return result
    low, high = run.low, run.high

    def entry(seq: int) -> Entry | None:
        return incoming_at.get(seq) if low <= seq <= high else known.get(seq)

    anchors = [] if known_top is None else [known_top]
    for seq, head_hash in heads.items():
        signed = entry(seq)
        if signed is None:
            continue
        if signed.hash != head_hash:
            result.fork_at = seq
            return result
        anchors.append(seq)
    anchors.extend(known)
    top = max(anchors, default=None)
    if top is None:
        result.unproven_spans = [(low, high)]
        return result
    if top > high:  # the entry held right above the run: it vouches for the run's top if they link
        if known[top].prev_hash != run.last.hash:
            result.broken_at = top
            return result
        top = high
    if top >= low:  # the run links down from ``top`` to ``low``; then below it
        if low == 1:
            if run.first.prev_hash != GENESIS_HASH:
                result.broken_at = 1
                return result
        else:
            lower = known.get(low - 1)
            if lower is not None and lower.hash != run.first.prev_hash:
                result.broken_at = low
                return result
        if top < high:
            result.unproven_spans = [(top + 1, high)]
    else:
        result.unproven_spans = [(low, high)]
    below = known.get(low - 1)
    if low - 1 == 1 and below is not None and below.prev_hash != GENESIS_HASH:
        return ChainCheck(broken_at=1)  # the held entry below the run, walked from itself or the run
    return result
