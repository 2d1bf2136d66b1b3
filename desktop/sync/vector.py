"""What this device holds of each origin's chain: version vector (contiguous prefix) and gaps."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from desktop.store.models import Operation, OpLink
from desktop.sync.chain import Entry


def _held(origins: Collection[str] | None = None):  # type: ignore[no-untyped-def]
    ops = select(Operation.origin.label("origin"), Operation.seq.label("seq"))
    links = select(OpLink.origin.label("origin"), OpLink.seq.label("seq"))
    if origins is not None:
        ops = ops.where(Operation.origin.in_(sorted(origins)))
        links = links.where(OpLink.origin.in_(sorted(origins)))
    return union_all(ops, links).subquery()


def gaps(session: Session, origins: Collection[str] | None = None) -> dict[str, list[tuple[int, int]]]:
    """Per origin, the seq ranges missing below the highest seq held ({origin: [(120, 140)]}).

    ``origins``: only these (a bundle's senders), read through the primary key instead of the whole
    log — what keeps importing the 400th village of a county as fast as the first."""
    held = _held(origins)
    previous = func.lag(held.c.seq).over(partition_by=held.c.origin, order_by=held.c.seq)
    ordered = select(held.c.origin, held.c.seq, previous.label("prev")).subquery()
    rows = session.execute(
        select(ordered.c.origin, ordered.c.prev, ordered.c.seq).where(
            func.coalesce(ordered.c.prev, 0) < ordered.c.seq - 1
        )
    )
    found: dict[str, list[tuple[int, int]]] = {}
    for origin, prev, seq in rows:
        found.setdefault(origin, []).append(((prev or 0) + 1, seq - 1))
    for spans in found.values():
        spans.sort()
    return found


def gaps_of(session: Session, origins: Collection[str]) -> dict[str, list[tuple[int, int]]]:
    """``gaps`` of ``origins`` (a bundle's senders), looking seq by seq only at those whose aggregates
    leave room for a gap (as ``held`` does): an origin holding seqs 1 to its highest exactly once each
    has none. Ordering every seq held of a village's chain in a temporary table (the window ``gaps``
    takes) made an import's memory grow with the links it stored."""
    wanted = sorted(origins)
    if not wanted:
        return {}
    _top, suspect = _counted(session, wanted)
    return gaps(session, suspect) if suspect else {}


def _counted(session: Session, wanted: list[str] | None) -> tuple[dict[str, int], set[str]]:
    """Per origin of ``wanted`` (None: every one) the highest seq held, and the origins that may miss
    one: from each table's lowest and highest seq and how many it holds (an aggregate over the primary
    key). An origin holding seqs 1 to its highest exactly once each has no gap."""
    top: dict[str, int] = {}
    count: dict[str, int] = {}
    low: dict[str, int] = {}
    for model in (Operation, OpLink):
        query = select(model.origin, func.min(model.seq), func.max(model.seq), func.count())
        if wanted is not None:
            query = query.where(model.origin.in_(wanted))
        for origin, least, most, n in session.execute(query.group_by(model.origin)):
            top[origin] = max(top.get(origin, most), most)
            low[origin] = min(low.get(origin, least), least)
            count[origin] = count.get(origin, 0) + n
    both = select(OpLink.origin).join(
        Operation, (Operation.origin == OpLink.origin) & (Operation.seq == OpLink.seq)
    )
    if wanted is not None:
        both = both.where(OpLink.origin.in_(wanted))
    twice = set(session.execute(both.distinct()).scalars())  # held as an operation and as a link
    return top, {o for o in top if count[o] != top[o] or low[o] < 1 or o in twice}


def highest(session: Session) -> dict[str, int]:
    held = _held()
    return {
        origin: top
        for origin, top in session.execute(
            select(held.c.origin, func.max(held.c.seq)).group_by(held.c.origin)
        )
    }


def version_vector(session: Session) -> dict[str, int]:
    """Per origin, the highest seq up to which every entry is held."""
    return vector_of(highest(session), gaps(session))


def vector_of(top: dict[str, int], missing: dict[str, list[tuple[int, int]]]) -> dict[str, int]:
    """The version vector from ``highest`` and ``gaps``."""
    vector = dict(top)
    for origin, spans in missing.items():
        vector[origin] = spans[0][0] - 1
    return {origin: seq for origin, seq in vector.items() if seq > 0}


def held(session: Session) -> tuple[dict[str, int], dict[str, list[tuple[int, int]]]]:
    """``highest`` and ``gaps`` together, without ordering the whole log: per origin and table the
    lowest and highest seq and how many are held (an aggregate over the primary key); an origin holding
    seqs 1 to its highest exactly once each has no gap, and only the others are looked at seq by seq.
    What a county's 各村 asks of two million operations."""
    top, suspect = _counted(session, None)
    return top, gaps(session, suspect) if suspect else {}


def known_entries(session: Session, origin: str, low: int, high: int) -> dict[int, Entry]:
    """Held entries (operations and links) of ``origin`` with ``low <= seq <= high``."""
    entries: dict[int, Entry] = {}
    for model in (OpLink, Operation):
        rows = session.execute(
            select(model.seq, model.hash, model.prev_hash).where(
                model.origin == origin, model.seq >= low, model.seq <= high
            )
        )
        entries.update((seq, Entry(h, prev)) for seq, h, prev in rows)
    return entries


def exported_key(peer_device_id: str) -> str:
    """The local setting holding the highest seq of this device's own that went out to the peer."""
    return f"exported_seq:{peer_device_id}"
