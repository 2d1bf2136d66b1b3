"""Field values to and from the JSON carried by operations, one spelling per column type.

Every device must turn an operation into the same stored value, and the same value into the same JSON,
or hashes and dumps would differ between SQLite and PostgreSQL or between devices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric, String
from sqlalchemy.sql.schema import Column

from desktop.store.types import MAX_INT, JsonText


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


def decoder(column: Column[Any]) -> Callable[[Any], Any]:
    """``from_json`` for one column, its type looked at once instead of at every value: the set fold
    decodes a few hundred thousand values of a handful of columns."""
    kind = column.type
    if isinstance(kind, JsonText):
        return decode_json
    if isinstance(kind, Boolean):
        return decode_boolean
    if isinstance(kind, Integer):
        return decode_integer
    if isinstance(kind, Numeric):
        step = Decimal(1).scaleb(-(kind.scale or 0))

        def number(value: Any) -> Decimal | None:
            if value is None:
                return None
            try:
                return Decimal(str(value)).quantize(step)
            except InvalidOperation as exc:
                raise ValueError(f"not a number: {value!r}") from exc

        return number
    if isinstance(kind, DateTime):
        return decode_datetime
    if isinstance(kind, Date):
        return decode_date
    return decode_text


def decode_json(value: Any) -> Any:
    return value


def decode_boolean(value: Any) -> bool | None:
    return None if value is None else bool(value)


def decode_integer(value: Any) -> int | None:
    return None if value is None else int(value)


def decode_datetime(value: Any) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def decode_date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def decode_text(value: Any) -> str | None:
    return value if value is None or type(value) is str else str(value)


def json_problem(column: Column[Any], value: Any) -> str | None:
    """Why ``value`` is not how ``to_json`` spells a value of ``column`` (None: it is). Checked on every
    received operation before anything is stored, so that a signed but malformed value is refused
    with its field named instead of failing in the database (or being stored as some other text)."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, JsonText):
        return None
    if isinstance(kind, Boolean):
        return None if isinstance(value, bool) else "应为是/否"
    if isinstance(kind, Integer):
        ok = isinstance(value, int) and not isinstance(value, bool) and -MAX_INT <= value <= MAX_INT
        return None if ok else "应为整数"
    if not isinstance(value, str):
        return "应为文本"
    try:
        if isinstance(kind, Numeric):
            return None if Decimal(value).is_finite() else "应为数字"
        if isinstance(kind, DateTime):
            dt.datetime.fromisoformat(value)
        elif isinstance(kind, Date):
            dt.date.fromisoformat(value)
    except (InvalidOperation, ValueError):
        return "应为数字" if isinstance(kind, Numeric) else "应为日期"
    if isinstance(kind, String) and kind.length is not None and len(value) > kind.length:
        return f"超过 {kind.length} 个字"
    return None


def normalise(column: Column[Any], value: Any) -> Any:
    """The value exactly as another device would store it after receiving the operation."""
    return from_json(column, to_json(column, value))


def _quantize(value: Decimal, scale: int | None) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-(scale or 0)))
