"""Open conflicts: a field that two devices changed concurrently, and the value that lost.

Derived from the change log (every device computes the same list from the same operations), so the
table is device-local; a resolution is an ordinary operation that syncs and closes the conflict
everywhere.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base


class Conflict(Base):
    __tablename__ = "conflict"
    __table_args__ = (Index("ix_conflict_record", "table_name", "record_id"),)

    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # stable across devices
    table_name: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36))
    field_name: Mapped[str] = mapped_column(String(64))
    winner_origin: Mapped[str] = mapped_column(String(36))
    winner_seq: Mapped[int] = mapped_column(BigInteger)
    winner_value: Mapped[str | None] = mapped_column(Text)  # canonical JSON of the value
    loser_origin: Mapped[str] = mapped_column(String(36))
    loser_seq: Mapped[int] = mapped_column(BigInteger)
    loser_value: Mapped[str | None] = mapped_column(Text)
    detected_at: Mapped[dt.datetime] = mapped_column(DateTime)
