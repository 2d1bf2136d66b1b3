"""Assistance measures (帮扶措施) and pairings with a responsible helper (帮扶责任人)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced, ref
from desktop.store.types import Money


class Measure(Synced, Base):
    __tablename__ = "measure"

    household_id: Mapped[str | None] = mapped_column(ref("household.id"), index=True)
    group_name: Mapped[str | None] = mapped_column(String(16))  # 产业, 就业, 教育 …
    project: Mapped[str | None] = mapped_column(Text)
    scale: Mapped[str | None] = mapped_column(String(64))
    unit: Mapped[str | None] = mapped_column(String(64))  # 实施单位
    funds: Mapped[Decimal | None] = mapped_column(Money)
    start_on: Mapped[dt.date | None] = mapped_column(Date)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    expected_gain: Mapped[Decimal | None] = mapped_column(Money)
    result: Mapped[str | None] = mapped_column(Text)
    result_signed: Mapped[bool | None] = mapped_column(Boolean)


class Pairing(Synced, Base):
    """A helper responsible for a household. A change of helper is a new row (history is kept)."""

    __tablename__ = "pairing"

    household_id: Mapped[str | None] = mapped_column(ref("household.id"), index=True)
    helper_name: Mapped[str | None] = mapped_column(String(64))
    work_unit: Mapped[str | None] = mapped_column(String(64))
    unit_level: Mapped[str | None] = mapped_column(String(8))
    post: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(32))
    start_on: Mapped[dt.date | None] = mapped_column(Date)
    end_on: Mapped[dt.date | None] = mapped_column(Date)
