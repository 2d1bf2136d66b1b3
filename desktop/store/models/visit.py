"""Visits (走访) and their follow-ups (each with an owner, due date and done state)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced, ref
from desktop.store.types import JsonText


class Visit(Synced, Base):
    __tablename__ = "visit"

    household_id: Mapped[str | None] = mapped_column(ref("household.id"), index=True)
    visited_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    kind: Mapped[str | None] = mapped_column(String(8))  # 入户 / 电话 / 微信
    visitors: Mapped[list[str] | None] = mapped_column(JsonText)
    people_met: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str | None] = mapped_column(Text)
    policies: Mapped[str | None] = mapped_column(Text)
    problems: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(64))
    signed: Mapped[bool | None] = mapped_column(Boolean)


class FollowUp(Synced, Base):
    __tablename__ = "follow_up"

    visit_id: Mapped[str | None] = mapped_column(ref("visit.id"), index=True)
    household_id: Mapped[str | None] = mapped_column(ref("household.id"), index=True)
    action: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(64))
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    done: Mapped[bool | None] = mapped_column(Boolean)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
