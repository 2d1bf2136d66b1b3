"""A member of a household (家庭成员)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced, ref


class Member(Synced, Base):
    __tablename__ = "member"

    household_id: Mapped[str | None] = mapped_column(ref("household.id"), index=True)
    number: Mapped[str | None] = mapped_column(String(32))  # 人编号
    name: Mapped[str | None] = mapped_column(String(64))
    sex: Mapped[str | None] = mapped_column(String(2))
    id_number: Mapped[str | None] = mapped_column(String(20), index=True)
    relation: Mapped[str | None] = mapped_column(String(8))
    ethnicity: Mapped[str | None] = mapped_column(String(16))
    political_status: Mapped[str | None] = mapped_column(String(16))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    education: Mapped[str | None] = mapped_column(String(16))
    schooling: Mapped[str | None] = mapped_column(String(16))
    school_name: Mapped[str | None] = mapped_column(String(64))
    health: Mapped[str | None] = mapped_column(String(8))
    disability: Mapped[str | None] = mapped_column(String(32))  # kind and grade, e.g. 肢体二级
    labour: Mapped[str | None] = mapped_column(String(16))
    work_status: Mapped[str | None] = mapped_column(String(16))
    work_months: Mapped[int | None] = mapped_column(Integer)
    medical_insurance: Mapped[bool | None] = mapped_column(Boolean)
    serious_illness_insurance: Mapped[bool | None] = mapped_column(Boolean)
    pension_insurance: Mapped[bool | None] = mapped_column(Boolean)
    family_doctor: Mapped[bool | None] = mapped_column(Boolean)
    chronic_card: Mapped[bool | None] = mapped_column(Boolean)
    dibao: Mapped[bool | None] = mapped_column(Boolean)
    tekun: Mapped[bool | None] = mapped_column(Boolean)
    soldier: Mapped[bool | None] = mapped_column(Boolean)
    phone: Mapped[str | None] = mapped_column(String(32))
    left_on: Mapped[dt.date | None] = mapped_column(Date)  # died / married out / moved away
    note: Mapped[str | None] = mapped_column(Text)
