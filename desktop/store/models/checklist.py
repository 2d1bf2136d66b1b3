"""A dated 两不愁三保障 + 饮水安全 check of one household: each dimension's answer and evidence."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced, ref

# Column prefix per dimension; the order is the checklist's.
DIMENSION_COLUMNS = {
    "不愁吃": "food",
    "不愁穿": "clothes",
    "义务教育": "education",
    "基本医疗": "medical",
    "住房安全": "housing",
    "饮水安全": "water",
}


class Assessment(Synced, Base):
    __tablename__ = "assessment"

    household_id: Mapped[str | None] = mapped_column(ref("household.id"), index=True)
    assessed_on: Mapped[dt.date | None] = mapped_column(Date)
    assessors: Mapped[str | None] = mapped_column(String(128))
    food_staple_ok: Mapped[bool | None] = mapped_column(Boolean)
    food_protein_ok: Mapped[bool | None] = mapped_column(Boolean)
    clothes_seasonal_ok: Mapped[bool | None] = mapped_column(Boolean)
    clothes_bedding_ok: Mapped[bool | None] = mapped_column(Boolean)
    # per dimension: the assessor's answer (met / not_met / unknown) and the evidence seen
    food_answer: Mapped[str | None] = mapped_column(String(8))
    food_evidence: Mapped[str | None] = mapped_column(Text)
    clothes_answer: Mapped[str | None] = mapped_column(String(8))
    clothes_evidence: Mapped[str | None] = mapped_column(Text)
    education_answer: Mapped[str | None] = mapped_column(String(8))
    education_evidence: Mapped[str | None] = mapped_column(Text)
    medical_answer: Mapped[str | None] = mapped_column(String(8))
    medical_evidence: Mapped[str | None] = mapped_column(Text)
    housing_answer: Mapped[str | None] = mapped_column(String(8))
    housing_evidence: Mapped[str | None] = mapped_column(Text)
    water_answer: Mapped[str | None] = mapped_column(String(8))
    water_evidence: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
