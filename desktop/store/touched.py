"""Which synced records a transaction changed, for derived indexes refreshed before commit."""

from __future__ import annotations

from sqlalchemy.orm import Session

_KEY = "zhucun.touched"


def note_touched(session: Session, table: str, record_id: str) -> None:
    session.info.setdefault(_KEY, set()).add((table, record_id))


def take_touched(session: Session) -> set[tuple[str, str]]:
    return session.info.pop(_KEY, set())
