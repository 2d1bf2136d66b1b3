"""Photo metadata. The image itself is an immutable blob named by its SHA-256 (media layer)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import DateTime, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced, ref


class Photo(Synced, Base):
    __tablename__ = "photo"

    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    household_id: Mapped[str | None] = mapped_column(ref("household.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ref("visit.id"), index=True)
    assessment_id: Mapped[str | None] = mapped_column(ref("assessment.id"))
    dimension: Mapped[str | None] = mapped_column(String(8))
    monitoring_id: Mapped[str | None] = mapped_column(ref("monitoring.id"))
    # a 驻村工作日志 entry's photo (issue 18): it may have no household at all
    work_log_id: Mapped[str | None] = mapped_column(ref("work_log.id"), index=True)
    caption: Mapped[str | None] = mapped_column(Text)
    taken_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    gps_lat: Mapped[Decimal | None] = mapped_column(Numeric(10, 7))
    gps_lon: Mapped[Decimal | None] = mapped_column(Numeric(10, 7))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    mime: Mapped[str | None] = mapped_column(String(32))
