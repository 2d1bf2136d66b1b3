"""The household (户): the national register's fields plus housing, water, power and land."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced, ref
from desktop.store.types import Area, JsonText, Money


class Household(Synced, Base):
    __tablename__ = "household"

    village_id: Mapped[str | None] = mapped_column(ref("village.id"), index=True)
    number: Mapped[str | None] = mapped_column(String(32), index=True)  # 户编号
    group_name: Mapped[str | None] = mapped_column(String(32))  # 村民小组
    natural_village: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(32))
    bank_account: Mapped[str | None] = mapped_column(String(64))
    standard: Mapped[str | None] = mapped_column(String(8))  # 识别标准 国家/省定/市定
    category: Mapped[str | None] = mapped_column(String(16))
    poverty_status: Mapped[str | None] = mapped_column(String(8))  # 脱贫属性
    identified_year: Mapped[int | None] = mapped_column(Integer)
    exit_year: Mapped[int | None] = mapped_column(Integer)
    main_cause: Mapped[str | None] = mapped_column(String(16))
    other_causes: Mapped[list[str] | None] = mapped_column(JsonText)
    military_family: Mapped[bool | None] = mapped_column(Boolean)
    coop_member: Mapped[bool | None] = mapped_column(Boolean)
    # housing
    house_area: Mapped[Decimal | None] = mapped_column(Area)
    house_structure: Mapped[str | None] = mapped_column(String(8))
    house_built_year: Mapped[int | None] = mapped_column(Integer)
    house_grade: Mapped[str | None] = mapped_column(String(1))
    house_appraiser: Mapped[str | None] = mapped_column(String(64))
    house_appraised_on: Mapped[dt.date | None] = mapped_column(Date)
    renovation_year: Mapped[int | None] = mapped_column(Integer)
    renovation_subsidy: Mapped[Decimal | None] = mapped_column(Money)
    relocation_mode: Mapped[str | None] = mapped_column(String(8))
    relocation_site: Mapped[str | None] = mapped_column(Text)
    relocation_date: Mapped[dt.date | None] = mapped_column(Date)
    # water
    water_source: Mapped[str | None] = mapped_column(String(16))
    water_lpd: Mapped[int | None] = mapped_column(Integer)  # litres per person per day
    water_quality_ok: Mapped[bool | None] = mapped_column(Boolean)
    water_fetch_minutes: Mapped[int | None] = mapped_column(Integer)
    water_days_without: Mapped[int | None] = mapped_column(Integer)
    water_short_area: Mapped[bool | None] = mapped_column(Boolean)
    water_safe: Mapped[bool | None] = mapped_column(Boolean)
    water_difficult: Mapped[bool | None] = mapped_column(Boolean)
    # power, broadcast, road, fuel
    has_power: Mapped[bool | None] = mapped_column(Boolean)
    production_power: Mapped[bool | None] = mapped_column(Boolean)
    tv: Mapped[bool | None] = mapped_column(Boolean)
    road_distance_km: Mapped[Decimal | None] = mapped_column(Area)
    fuel: Mapped[str | None] = mapped_column(String(16))
    toilet: Mapped[str | None] = mapped_column(String(16))
    # land, in 亩
    farmland_mu: Mapped[Decimal | None] = mapped_column(Area)
    irrigated_mu: Mapped[Decimal | None] = mapped_column(Area)
    forest_mu: Mapped[Decimal | None] = mapped_column(Area)
    grain_to_forest_mu: Mapped[Decimal | None] = mapped_column(Area)
    pasture_mu: Mapped[Decimal | None] = mapped_column(Area)
    # exit procedure (民主评议 → 村两委核查 → 户签字 → 公示 → 销号), each step's date
    exit_steps: Mapped[dict[str, str] | None] = mapped_column(JsonText)
    note: Mapped[str | None] = mapped_column(Text)


class HouseholdEvent(Synced, Base):
    """A dated change of the household: birth, death, marriage, a move, 分户, 合户, 易地搬迁."""

    __tablename__ = "household_event"

    household_id: Mapped[str | None] = mapped_column(ref("household.id"), index=True)
    kind: Mapped[str | None] = mapped_column(String(8))
    happened_on: Mapped[dt.date | None] = mapped_column(Date)
    member_id: Mapped[str | None] = mapped_column(ref("member.id"), index=True)
    other_household_id: Mapped[str | None] = mapped_column(ref("household.id"))
    note: Mapped[str | None] = mapped_column(Text)
