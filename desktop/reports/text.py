"""Values as they are written on Chinese forms: 是/否, amounts without trailing zeros, date ranges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from desktop.domain.income import format_amount


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def money(value: Decimal | int | None) -> str:
    return "" if value is None else format_amount(value)


def day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def span(start: dt.date | None, end: dt.date | None, *, open_end: str = "") -> str:
    """2016-01-01 至 2016-10-06; with no end, ``open_end`` (至今) or the start alone."""
    if start is None and end is None:
        return ""
    if end is None:
        return f"{day(start)} {open_end}".strip() if open_end else day(start)
    return f"{day(start)} 至 {day(end)}"


def unit(value: Decimal | int | None, suffix: str) -> str:
    return "" if value is None else f"{money(value)} {suffix}"


def tail(account: str | None) -> str:
    """A bank account by its last four digits: enough to recognise the card, useless to anyone else."""
    digits = (account or "").replace(" ", "")
    return f"尾号 {digits[-4:]}" if len(digits) >= 4 else ""
