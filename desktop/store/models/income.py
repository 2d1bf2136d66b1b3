"""Yearly household income (元): the four sources and production costs. Net and per person are derived."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced, ref
from desktop.store.types import Money


class Income(Synced, Base):
    """One per household and year; the id derives from both so two devices' entries merge."""

    __tablename__ = "income"

    household_id: Mapped[str | None] = mapped_column(ref("household.id"), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    wage: Mapped[Decimal | None] = mapped_column(Money)  # 工资性
    business: Mapped[Decimal | None] = mapped_column(Money)  # 生产经营性
    property: Mapped[Decimal | None] = mapped_column(Money)  # 财产性 (incl. dividends)
    transfer: Mapped[Decimal | None] = mapped_column(Money)  # 转移性, total
    transfer_family_planning: Mapped[Decimal | None] = mapped_column(Money)
    transfer_dibao: Mapped[Decimal | None] = mapped_column(Money)
    transfer_tekun: Mapped[Decimal | None] = mapped_column(Money)
    transfer_pension: Mapped[Decimal | None] = mapped_column(Money)
    transfer_eco: Mapped[Decimal | None] = mapped_column(Money)
    transfer_other: Mapped[Decimal | None] = mapped_column(Money)
    business_costs: Mapped[Decimal | None] = mapped_column(Money)  # 生产经营性支出
    note: Mapped[str | None] = mapped_column(Text)
