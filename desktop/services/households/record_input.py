"""Checking what a person typed for incomes, measures and helpers: amounts in yuan, dates, phones, record
references. Every refusal names the field in Chinese and is raised before anything is written."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.errors import InvalidInput, NotFound
from desktop.store.base import Synced
from desktop.store.ids import is_uuid

AmountInput = Decimal | int | str | None

# A household's yearly income or a measure's funds above this are a typo (an extra zero, 分 for 元).
MAX_AMOUNT = Decimal("100000000")
# dates before this are typos too: the registers (建档立卡) began in 2014, the lines in 2013
EARLIEST_DAY = dt.date(2000, 1, 1)

_ID_TAIL = re.compile(r"[0-9a-f-]{8,36}")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"(0\d{2,3})?\d{7,8}")  # area code optional: 2812345, 08362812345

_T = TypeVar("_T", bound=Synced)


def parse_amount(value: AmountInput, name: str) -> Decimal | None:
    """An amount in yuan: ``None`` or empty text for none, never negative, at most two decimals.

    Text may use full-width digits, thousands separators and a trailing 元 (``"５，２００.５元"``)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise InvalidInput(f"{name}应为金额（元），而不是“{value}”")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").replace(" ", "")
        text = text.removesuffix("元")
        if text == "":
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise InvalidInput(f"{name}应为金额（元），而不是“{value}”") from None
    if not number.is_finite():
        raise InvalidInput(f"{name}应为金额（元），而不是“{value}”")
    if number < 0:
        raise InvalidInput(f"{name}不能为负数（{_plain(number)} 元）")
    if number >= MAX_AMOUNT:
        raise InvalidInput(f"{name} {_plain(number)} 元太大，请核对（单位是元）")
    if number != number.quantize(Decimal("0.01")):
        raise InvalidInput(f"{name}最多两位小数（到分），而不是 {_plain(number)}")
    return number.quantize(Decimal("0.01"))


def check_day(value: dt.date | None, name: str, *, today: dt.date, future: bool) -> dt.date | None:
    """A date from 2000 on; ``future`` False refuses a day after today (something that already happened)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if value < EARLIEST_DAY:
        raise InvalidInput(f"{name} {value} 太早，请核对")
    if not future and value > today:
        raise InvalidInput(f"{name} {value} 在今天之后")
    if future and value.year > today.year + 30:
        raise InvalidInput(f"{name} {value} 太远，请核对")
    return value


def check_order(first: dt.date | None, second: dt.date | None, first_name: str, second_name: str) -> None:
    if first is not None and second is not None and second < first:
        raise InvalidInput(f"{second_name} {second} 早于{first_name} {first}")


def check_phone(value: str | None, name: str = "联系电话") -> str | None:
    """A mobile number (11 digits from 13…19…) or a landline (0836-2812345, with or without area code)."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        return None
    digits = re.sub(r"[\s\-()（）]", "", text).removeprefix("+86")
    if not (_MOBILE.fullmatch(digits) or (_LANDLINE.fullmatch(digits) and not digits.startswith("1"))):
        raise InvalidInput(f"{name}“{value}”不像电话号码（手机 11 位，座机如 0836-2812345）")
    return text


def check_text(
    value: str | None, name: str, *, required: bool = False, limit: int | None = None
) -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            raise InvalidInput(f"请填写{name}")
        return None
    if limit is not None and len(text) > limit:
        raise InvalidInput(f"{name}太长（{len(text)} 字，最多 {limit} 字）")
    return text


def check_choice(value: str | None, name: str, choices: tuple[str, ...]) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if text not in choices:
        raise InvalidInput(f"{name}不能是“{text}”，可选：{'、'.join(choices)}")
    return text


def resolve_record(session: Session, model: type[_T], ref: str, what: str) -> _T:
    """A record by its full UUID, or by the unambiguous end of it (at least 8 characters)."""
    ref = ref.strip().lower()
    if is_uuid(ref):
        found = session.get(model, ref)
        if found is None:
            raise NotFound(f"没有找到编号为 {ref} 的{what}")
        return found
    if not _ID_TAIL.fullmatch(ref):
        raise NotFound(f"没有找到编号为 {ref} 的{what}")
    column: Any = model.id
    matches = session.execute(select(model).where(column.like(f"%{ref}")).limit(2)).scalars().all()
    if not matches:
        raise NotFound(f"没有找到编号为 {ref} 的{what}")
    if len(matches) > 1:
        raise InvalidInput(f"编号以 {ref} 结尾的{what}不止一个，请写完整的编号")
    return matches[0]


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}" if number == number.to_integral_value() else f"{number:f}"
