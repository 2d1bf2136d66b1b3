"""Field values to and from the JSON carried by operations, one spelling per column type.

Every device must turn an operation into the same stored value, and the same value into the same JSON,
or hashes and dumps would differ between SQLite and PostgreSQL or between devices.
"""

from __future__ import annotations

import datetime as dt
import functools
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
    kind = _spelling(column)
    if kind is Numeric:
        step = Decimal(1).scaleb(-(column.type.scale or 0))  # type: ignore[attr-defined]

        def number(value: Any) -> Decimal | None:
            if value is None:
                return None
            try:
                return Decimal(str(value)).quantize(step)
            except InvalidOperation as exc:
                raise ValueError(f"not a number: {value!r}") from exc

        return number
    return _DECODERS[kind]


def _spelling(column: Column[Any]) -> type:
    """The kind of JSON spelling of ``column``'s values: the first of ``_SPELLINGS`` its type is, else
    ``String`` (text)."""
    return next((kind for kind in _SPELLINGS if isinstance(column.type, kind)), String)


_SPELLINGS: tuple[type, ...] = (JsonText, Boolean, Integer, Numeric, DateTime, Date)


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
    return None if value is None else value_check(column)(value)


def value_check(column: Column[Any]) -> Callable[[Any], str | None]:
    """``json_problem`` for one column and any value but None, the column's type looked at once: a
    bundle's verification checks two million values of a few dozen columns (looking at the type for
    each value was a seventh of a 10,000-household village's import)."""
    kind = _spelling(column)
    if kind is String and isinstance(column.type, String) and column.type.length is not None:
        return functools.partial(_text_problem, column.type.length)
    return _CHECKS[kind]


def _no_problem(value: Any) -> str | None:
    return None


def _boolean_problem(value: Any) -> str | None:
    return None if isinstance(value, bool) else "应为是/否"


def _integer_problem(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and -MAX_INT <= value <= MAX_INT
    return None if ok else "应为整数"


def _number_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return "应为文本"
    try:
        return None if Decimal(value).is_finite() else "应为数字"
    except (InvalidOperation, ValueError):
        return "应为数字"


def _iso_problem(parse: Callable[[str], object]) -> Callable[[Any], str | None]:
    """The check of a date or a date and time: text that ``parse`` reads."""

    def problem(value: Any) -> str | None:
        if not isinstance(value, str):
            return "应为文本"
        try:
            parse(value)
        except ValueError:
            return "应为日期"
        return None

    return problem


_datetime_problem = _iso_problem(dt.datetime.fromisoformat)
_date_problem = _iso_problem(dt.date.fromisoformat)


def _text_problem(length: int, value: Any) -> str | None:
    if not isinstance(value, str):
        return "应为文本"
    return f"超过 {length} 个字" if len(value) > length else None


def _any_text_problem(value: Any) -> str | None:
    return None if isinstance(value, str) else "应为文本"


_DECODERS: dict[type, Callable[[Any], Any]] = {
    JsonText: decode_json,
    Boolean: decode_boolean,
    Integer: decode_integer,
    DateTime: decode_datetime,
    Date: decode_date,
    String: decode_text,
}
_CHECKS: dict[type, Callable[[Any], str | None]] = {
    JsonText: _no_problem,
    Boolean: _boolean_problem,
    Integer: _integer_problem,
    Numeric: _number_problem,
    DateTime: _datetime_problem,
    Date: _date_problem,
    String: _any_text_problem,
}


def normalise(column: Column[Any], value: Any) -> Any:
    """The value exactly as another device would store it after receiving the operation."""
    return from_json(column, to_json(column, value))


def _quantize(value: Decimal, scale: int | None) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-(scale or 0)))
