"""政策标准 set by the township where no shipped figure has a source: one record per village, kind and
year, so it travels to each village in that village's bundles like any other record of the village."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced, ref
from desktop.store.types import Money


class PolicySetting(Synced, Base):
    """A poverty line (扶贫标准) or monitoring threshold (监测标准) for one year. Its id derives from
    (village, kind, year), so two devices setting the same figure merge into one record."""

    __tablename__ = "policy_setting"

    village_id: Mapped[str | None] = mapped_column(ref("village.id"), index=True)
    kind: Mapped[str | None] = mapped_column(String(16))  # 扶贫标准 / 监测标准
    year: Mapped[int | None] = mapped_column(Integer)
    amount: Mapped[Decimal | None] = mapped_column(Money)  # yuan per person and year
    source: Mapped[str | None] = mapped_column(Text)  # the document and year the figure comes from
    note: Mapped[str | None] = mapped_column(Text)
