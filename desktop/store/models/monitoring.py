"""防返贫 monitoring of a household: category, risks, each identification step, risk elimination."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced, ref
from desktop.store.types import JsonText


class Monitoring(Synced, Base):
    __tablename__ = "monitoring"

    household_id: Mapped[str | None] = mapped_column(ref("household.id"), index=True)
    category: Mapped[str | None] = mapped_column(String(16))
    risk_types: Mapped[list[str] | None] = mapped_column(JsonText)  # ordered, at most five
    clue_source: Mapped[str | None] = mapped_column(String(32))  # 自主申报 / 干部走访 / 部门预警
    clue_on: Mapped[dt.date | None] = mapped_column(Date)
    home_check_on: Mapped[dt.date | None] = mapped_column(Date)
    cross_check_on: Mapped[dt.date | None] = mapped_column(Date)
    review_on: Mapped[dt.date | None] = mapped_column(Date)  # 民主评议
    notice_from: Mapped[dt.date | None] = mapped_column(Date)
    notice_to: Mapped[dt.date | None] = mapped_column(Date)
    township_review_on: Mapped[dt.date | None] = mapped_column(Date)
    identified_on: Mapped[dt.date | None] = mapped_column(Date)  # county approval
    measures: Mapped[str | None] = mapped_column(Text)
    safety_net: Mapped[bool | None] = mapped_column(Boolean)  # no labour capacity: stays monitored
    eliminated_on: Mapped[dt.date | None] = mapped_column(Date)
    elimination_note: Mapped[str | None] = mapped_column(Text)
