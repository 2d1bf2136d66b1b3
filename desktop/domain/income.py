"""Household income for a year (元): the four income kinds minus production costs, and per person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from desktop.domain.errors import InvalidInput

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class IncomeFigures:
    """One household's income for a year. A field left empty (None) counts as 0 in sums."""

    wage: Decimal | None = None  # 工资性收入
    business: Decimal | None = None  # 生产经营性收入
    property: Decimal | None = None  # 财产性收入, including dividends
    transfer: Decimal | None = None  # 转移性收入: 低保金, 养老金, 生态补偿金 …
    business_costs: Decimal | None = None  # 生产经营性支出


def default_income_year(today: dt.date) -> int:
    """The year a new income record is for unless the user picks another: the year just ended. Income
    is a whole year's, counted after the year is over (in December the current year is not done yet)."""
    return today.year - 1


def net_income(figures: IncomeFigures) -> Decimal:
    gross = _zero(figures.wage) + _zero(figures.business) + _zero(figures.property) + _zero(figures.transfer)
    return (gross - _zero(figures.business_costs)).quantize(_CENT, ROUND_HALF_UP)


def per_person(net: Decimal, members: int) -> Decimal | None:
    """人均纯收入, rounded to the fen; None when nobody is registered (there is nothing to divide by)."""
    if members < 0:
        raise InvalidInput(f"家庭人数不能为负数，实为 {members}")
    if members == 0:
        return None
    return (Decimal(net) / members).quantize(_CENT, ROUND_HALF_UP)


def format_amount(value: Decimal | int) -> str:
    """A figure as people write it: 7300 not 7300.00 or 7.3E+3, 5200.5 stays 5200.5."""
    if isinstance(value, int):
        return str(value)
    normalized = value.normalize()
    return f"{normalized:f}"


def _zero(value: Decimal | None) -> Decimal:
    return Decimal(0) if value is None else Decimal(value)
