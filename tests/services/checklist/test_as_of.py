"""Services judge on the day asked: the checklist, the household window's values and 一超六有."""

from __future__ import annotations

import datetime as dt

import pytest
from records import make_id_number

from desktop.domain.enums import Dimension, Status
from desktop.domain.errors import InvalidInput
from desktop.services.checklist.assessments import record_assessment
from desktop.services.checklist.verdicts import household_checklist, village_checklists
from desktop.services.context import Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.households import add_household, edit_household
from desktop.services.households.incomes import record_income
from desktop.services.households.members import add_member


@pytest.fixture
def family(ledger: Ledger) -> Ledger:
    """卓嘎 and her daughter 达瓦, six on 2025-08-20 and in 学前教育."""
    add_household(
        ledger, number="001", head={"name": "卓嘎", "id_number": make_id_number(dt.date(1980, 1, 1), 2)}
    )
    add_member(
        ledger,
        "001",
        {
            "name": "达瓦",
            "relation": "之女",
            "id_number": make_id_number(dt.date(2019, 8, 20), 22),
            "schooling": "学前教育",
        },
    )
    return ledger


def education(ledger: Ledger, day: dt.date) -> Status:
    (row,) = village_checklists(ledger, as_of=day)
    assert household_checklist(ledger, "001", as_of=day).verdicts == row.verdicts
    return row.verdicts[Dimension.EDUCATION].status


def test_checklists_turn_on_the_school_year_cut_off(family: Ledger) -> None:
    assert education(family, dt.date(2025, 8, 19)) is Status.MET  # the day before her sixth birthday
    assert education(family, dt.date(2025, 8, 21)) is Status.MET  # six, but the school year is 2024/25
    assert education(family, dt.date(2025, 8, 31)) is Status.MET
    assert education(family, dt.date(2025, 9, 1)) is Status.NOT_MET
    assert education(family, family.today()) is Status.NOT_MET


def test_ages_in_the_household_window_are_those_of_the_day(family: Ledger) -> None:
    before = show_household(family, "001", as_of=dt.date(2025, 8, 19))
    after = show_household(family, "001", as_of=dt.date(2025, 8, 21))
    assert [m["age"] for m in before.members if m["name"] == "达瓦"] == [5]
    assert [m["age"] for m in after.members if m["name"] == "达瓦"] == [6]
    assert (before.judged_on, after.judged_on) == (dt.date(2025, 8, 19), dt.date(2025, 8, 21))


def test_a_check_made_later_does_not_count_earlier(family: Ledger) -> None:
    record_assessment(
        family, household="001", assessed_on=dt.date(2026, 3, 1),
        fields={"food_staple_ok": True, "food_protein_ok": True},
    )  # fmt: skip
    (now,) = village_checklists(family)
    (then,) = village_checklists(family, as_of=dt.date(2026, 2, 28))
    assert now.verdicts[Dimension.FOOD].status is Status.MET
    assert then.verdicts[Dimension.FOOD].reasons == ("尚无核查记录",)


def test_a_future_day_is_refused(family: Ledger) -> None:
    with pytest.raises(InvalidInput, match="晚于今天"):
        village_checklists(family, as_of=family.today() + dt.timedelta(days=1))


def test_exit_standard_per_income_year_up_to_the_day(family: Ledger) -> None:
    edit_household(family, "001", {"has_power": True, "tv": False})
    record_income(family, household="001", year=2019, wage=9000)
    record_income(family, household="001", year=2026, wage=9000)
    detail = show_household(family, "001", as_of=dt.date(2025, 9, 1))
    assert [v.year for v in detail.exit_standard] == [2019]  # 2026 had not happened yet
    (verdict,) = detail.exit_standard
    assert verdict.status is Status.NOT_MET
    blocking = {item.name: item.reason for item in verdict.blocking}
    assert blocking["广播电视"] == "未通广播电视"
    assert blocking["义务教育有保障"] == "达瓦 6 岁，仍在学前教育，未入小学"
    assert [v.year for v in show_household(family, "001").exit_standard] == [2019, 2026]
