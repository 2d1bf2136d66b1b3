"""Turning what a person typed (``--set 类别=低保贫困户``) into a checked field value."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric

from desktop.domain.codes import code_list
from desktop.domain.errors import InvalidInput
from desktop.domain.field_values import CODE_LISTS, choice_value
from desktop.domain.fields import CHOICES, TABLE_LABELS, field_by_name_or_label, label
from desktop.domain.idnumber import parse_id_number
from desktop.store import models as _models  # noqa: F401  (every model registered for synced_models)
from desktop.store.base import Synced, synced_models, table_of
from desktop.store.types import JsonText

TRUE = {"是", "有", "y", "yes", "true", "1", "对"}
FALSE = {"否", "无", "n", "no", "false", "0", "没有"}
# fields changed only by their own commands (move a member, archive a household …)
PROTECTED = {"id", "household_id", "village_id", "archived", "archive_reason"}


def parse_assignments(model: type[Synced] | str, pairs: list[str]) -> dict[str, Any]:
    """``["name=卓嘎", "性别=女"]`` -> ``{"name": "卓嘎", "sex": "女"}``, every value checked.

    ``model``: the record's table name (``"member"``), as the CLI and the GUI give it, or its model."""
    model = _model(model)
    table = model.__tablename__
    values: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            raise InvalidInput(f"“{pair}” 应写成 字段=值，例如 phone=13800000000")
        name, text = (part.strip() for part in pair.split("=", 1))
        field = field_by_name_or_label(table, name) or (name if name in table_of(model).columns else None)
        if field is None or field in PROTECTED:
            raise InvalidInput(f"{TABLE_LABELS.get(table, table)}没有可修改的字段“{name}”")
        values[field] = parse_value(model, field, text)
    return values


def parse_value(model: type[Synced] | str, field: str, text: str) -> Any:
    """One field's typed text as the value to store; ``model`` as in ``parse_assignments``."""
    model = _model(model)
    table = model.__tablename__
    column = table_of(model).columns[field]
    name = label(table, field)
    text = text.strip()
    if text == "":
        return None
    kind = column.type
    if field == "id_number":
        return parse_id_number(text).number
    if field.endswith("_answer"):
        return _answer(text, name)
    if isinstance(kind, Boolean):
        lowered = text.lower()
        if lowered in TRUE:
            return True
        if lowered in FALSE:
            return False
        raise InvalidInput(f"{name}应为“是”或“否”，而不是“{text}”")
    if isinstance(kind, Integer):
        try:
            return int(text)
        except ValueError:
            raise InvalidInput(f"{name}应为整数，而不是“{text}”") from None
    if isinstance(kind, Numeric):
        try:
            return Decimal(text)
        except InvalidOperation:
            raise InvalidInput(f"{name}应为数字，而不是“{text}”") from None
    if isinstance(kind, DateTime):
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            raise InvalidInput(f"{name}应为日期时间（如 2026-05-01 09:30），而不是“{text}”") from None
    if isinstance(kind, Date):
        return parse_date(text, name)
    if isinstance(kind, JsonText):
        items = [item for item in re.split(r"[,，、;；]\s*", text) if item]
        return [choice_value(table, field, item) for item in items]
    return choice_value(table, field, text)


def field_choices(model: type[Synced] | str, field: str) -> tuple[str, ...] | None:
    """What a pick list offers for a field: a national code list's values (resources/codes, the lists
    the importer reads), a fixed list of the domain, 是/否 for a yes-no field; None for free text."""
    model = _model(model)
    table = model.__tablename__
    key = CODE_LISTS.get((table, field))
    if key is not None:
        return code_list(key).choices
    if (table, field) in CHOICES:
        return CHOICES[(table, field)]
    if isinstance(table_of(model).columns[field].type, Boolean):
        return ("是", "否")
    return None


def editable_fields(model: type[Synced] | str) -> list[str]:
    """The fields a person may change in place, in the table's order (not the ids, the village, the
    archive marks: those change through their own commands)."""
    return [c.name for c in table_of(_model(model)).columns if c.name not in PROTECTED]


def _model(model: type[Synced] | str) -> type[Synced]:
    if not isinstance(model, str):
        return model
    found = synced_models().get(model)
    if found is None:
        raise ValueError(f"no synced table {model!r}")  # a caller's mistake, never the user's
    return found


def parse_date(text: str, name: str = "日期") -> dt.date:
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    if re.fullmatch(r"\d{8}", cleaned):
        cleaned = f"{cleaned[:4]}-{cleaned[4:6]}-{cleaned[6:]}"
    # as Excel shows (and copies) a date in Chinese: 1995/1/1, 1995年1月1日
    parts = re.fullmatch(r"(\d{4})\s*[-年]\s*(\d{1,2})\s*[-月]\s*(\d{1,2})\s*日?", cleaned)
    if parts:
        cleaned = f"{parts[1]}-{int(parts[2]):02d}-{int(parts[3]):02d}"
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        raise InvalidInput(f"{name}“{text}”不是有效日期，应写成 2026-05-01") from None


ANSWERS = {"达标": "met", "未达标": "not_met", "待核实": "unknown", "met": "met", "not_met": "not_met",
           "unknown": "unknown"}  # fmt: skip


def _answer(text: str, name: str) -> str:
    if text in ANSWERS:
        return ANSWERS[text]
    raise InvalidInput(f"{name}应为 达标、未达标 或 待核实，而不是“{text}”")
