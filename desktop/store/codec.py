"""Field values to and from the JSON carried by operations, one spelling per column type.

Every device must turn an operation into the same stored value, and the same value into the same JSON,
or hashes and dumps would differ between SQLite and PostgreSQL or between devices.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric
from sqlalchemy.sql.schema import Column

from desktop.store.types import JsonText


def to_json(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, JsonText):
        return value
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Integer):
        return int(value)
    if isinstance(kind, Numeric):
        return str(_quantize(Decimal(value), kind.scale))
    if isinstance(kind, DateTime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(kind, Date):
        return value.isoformat()
    return str(value)


def from_json(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, JsonText):
        return value
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Integer):
        return int(value)
    if isinstance(kind, Numeric):
        try:
            return _quantize(Decimal(str(value)), kind.scale)
        except InvalidOperation as exc:
            raise ValueError(f"not a number: {value!r}") from exc
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    return str(value)


def normalise(column: Column[Any], value: Any) -> Any:
    """The value exactly as another device would store it after receiving the operation."""
    return from_json(column, to_json(column, value))


def _quantize(value: Decimal, scale: int | None) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-(scale or 0)))
