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

    @property
    def ok(self) -> bool:
        return self.fork_at is None and self.broken_at is None and not self.unproven


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
