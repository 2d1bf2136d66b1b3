"""Received values are checked against their column's JSON spelling before anything is stored."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.store.base import synced_models
from desktop.store.codec import json_problem, normalise, to_json

HOUSEHOLD = synced_models()["household"].__table__.columns  # type: ignore[attr-defined]
INCOME = synced_models()["income"].__table__.columns  # type: ignore[attr-defined]


def column_of_kind(columns: Any, kind: str) -> Any:
    return next(c for c in columns if type(c.type).__name__ == kind and not c.foreign_keys)


@pytest.mark.parametrize(
    ("kind", "good", "bad", "reason"),
    [
        ("Boolean", True, 1, "应为是/否"),
        ("Integer", 2025, True, "应为整数"),
        ("Integer", 2025, "2025", "应为整数"),
        ("Integer", 2025, 2**70, "应为整数"),
        ("Numeric", "5200.00", "五千", "应为数字"),
        ("Numeric", "5200.00", "NaN", "应为数字"),
        ("Numeric", "5200.00", 5200, "应为文本"),
        ("Date", "2025-09-01", "2025-02-30", "应为日期"),
        ("Date", "2025-09-01", ["2025-09-01"], "应为文本"),
    ],
)
def test_each_kind_takes_its_spelling_and_refuses_others(kind: str, good: Any, bad: Any, reason: str) -> None:
    columns = [*HOUSEHOLD, *INCOME]
    column = column_of_kind(columns, kind)
    assert json_problem(column, good) is None
    assert json_problem(column, to_json(column, normalise(column, _python(column, good)))) is None
    assert json_problem(column, bad) == reason
    assert json_problem(column, None) is None


def _python(column: Any, value: Any) -> Any:
    from desktop.store.codec import from_json

    return from_json(column, value)


def test_text_longer_than_its_column_is_refused() -> None:
    number = HOUSEHOLD["number"]
    assert number.type.length is not None
    assert json_problem(number, "0" * number.type.length) is None
    assert json_problem(number, "0" * (number.type.length + 1)) == f"超过 {number.type.length} 个字"
