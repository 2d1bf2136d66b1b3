"""The village (行政村), its yearly exit indicators (一低五有 …) and the work team's diary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced, ref
from desktop.store.types import JsonText, Money


class Village(Synced, Base):
    __tablename__ = "village"

    code: Mapped[str | None] = mapped_column(String(32), index=True)
    name: Mapped[str | None] = mapped_column(String(64))
    province: Mapped[str | None] = mapped_column(String(32))
    city: Mapped[str | None] = mapped_column(String(32))
    county: Mapped[str | None] = mapped_column(String(32))
    township: Mapped[str | None] = mapped_column(String(32))
    township_code: Mapped[str | None] = mapped_column(String(32))
    altitude_m: Mapped[int | None] = mapped_column(Integer)
    groups: Mapped[list[str] | None] = mapped_column(JsonText)  # 村民小组
    natural_villages: Mapped[list[str] | None] = mapped_column(JsonText)
    west: Mapped[bool | None] = mapped_column(Boolean)  # 西部: exit incidence threshold 3% vs 2%


class VillageIndicator(Synced, Base):
    """The village exit list (一低五有 …) for one village and year. Its id derives from (village, year)
    so devices merge."""

    __tablename__ = "village_indicator"

    village_id: Mapped[str | None] = mapped_column(ref("village.id"), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    collective_income: Mapped[Decimal | None] = mapped_column(Money)
    # item name (from resources/policy/village_exit.toml) -> met; the list is policy data, not code
    items: Mapped[dict[str, Any] | None] = mapped_column(JsonText)
    note: Mapped[str | None] = mapped_column(Text)


class WorkLog(Synced, Base):
    """驻村工作日志 and 在岗考勤 (desktop/services/diary): a diary entry (kind 走访 / 会议 / 项目 / 培训 /
    其他, one per day and person), a 在村 mark, or a leave (事假 … 县里开会) from ``day`` to ``until``."""

    __tablename__ = "work_log"

    village_id: Mapped[str | None] = mapped_column(ref("village.id"), index=True)
    day: Mapped[dt.date | None] = mapped_column(Date, index=True)
    author: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str | None] = mapped_column(String(32))  # 民情日记 / 工作记录 / 请假
    in_village: Mapped[bool | None] = mapped_column(Boolean)
    leave_approved: Mapped[bool | None] = mapped_column(Boolean)
    content: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(64))  # 村民小组, or free text such as 乡里开会
    household_ids: Mapped[list[str] | None] = mapped_column(JsonText)  # the households concerned
    until: Mapped[dt.date | None] = mapped_column(Date)  # a leave's last day
    approver: Mapped[str | None] = mapped_column(String(64))  # who approved a leave
