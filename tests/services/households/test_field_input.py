"""What a person typed, checked by the record's table name as the CLI and the GUI give it."""

from __future__ import annotations

import pytest

from desktop.domain.errors import InvalidInput
from desktop.services.households.field_input import parse_assignments, parse_value
from desktop.store.models import Household


def test_a_table_name_checks_values_like_the_model() -> None:
    assert parse_value("household", "identified_year", " 2016 ") == 2016
    assert parse_value("household", "identified_year", "2016") == parse_value(
        Household, "identified_year", "2016"
    )
    assert parse_assignments("member", ["name=卓嘎", "性别=女"]) == {"name": "卓嘎", "sex": "女"}
    assert parse_assignments("assessment", ["不愁吃核查结论=达标"]) == {"food_answer": "met"}


def test_a_wrong_value_or_field_is_named_in_chinese() -> None:
    with pytest.raises(InvalidInput, match="识别年度应为整数"):
        parse_value("household", "identified_year", "二〇一六")
    with pytest.raises(InvalidInput, match="没有可修改的字段“村”"):
        parse_assignments("member", ["村=亚弄村"])


def test_an_unknown_table_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="no synced table"):
        parse_value("households", "number", "001")


def test_a_date_as_excel_shows_it_in_chinese_is_a_date() -> None:
    import datetime as dt

    for text in ("1995/1/1", "1995年1月1日", "1995.1.1", "19950101", "1995-01-01"):
        assert parse_value("member", "birth_date", text) == dt.date(1995, 1, 1), text
    with pytest.raises(InvalidInput, match="出生日期“1995/13/1”不是有效日期"):
        parse_value("member", "birth_date", "1995/13/1")
