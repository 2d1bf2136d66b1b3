"""Which synced records a transaction changed: for derived indexes refreshed before commit, and for
whoever wants to know after the commit which kinds of record changed (the GUI's pages)."""

from __future__ import annotations

from sqlalchemy.orm import Session

_KEY = "zhucun.touched"
_TABLES = "zhucun.touched_tables"


def note_touched(session: Session, table: str, record_id: str) -> None:
    session.info.setdefault(_KEY, set()).add((table, record_id))
    session.info.setdefault(_TABLES, set()).add(table)


def take_touched(session: Session) -> set[tuple[str, str]]:
    """The records changed since the last call (the search index refreshes them before commit)."""
    return session.info.pop(_KEY, set())


def take_touched_tables(session: Session) -> frozenset[str]:
    """Every kind of synced record the transaction changed (asked once, after its commit)."""
    return frozenset(session.info.pop(_TABLES, ()))
