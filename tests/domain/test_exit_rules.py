from decimal import Decimal

import pytest

from desktop.domain.enums import Dimension
from desktop.domain.errors import InvalidInput
from desktop.domain.exit_rules import ExitItem, household_exit

from .facts import ON, assessment, child, household, member
from .policy_files import real_policy

POLICY = real_policy()
MEMBERS = [member("次仁"), child("卓嘎", 13, "初中")]


def test_one_chao_liu_you_all_passed() -> None:
    verdict = household_exit(household(), MEMBERS, assessment(), Decimal("5200"), 2019, POLICY, ON)
    assert verdict.eligible
    assert [i.name for i in verdict.items] == [
        "收入超过扶贫标准",
        "义务教育有保障",
        "基本医疗有保障",
        "住房安全有保障",
        "安全饮用水",
        "生活用电",
        "广播电视",
    ]
    assert verdict.items[0] == ExitItem(
        "收入超过扶贫标准", True, "人均纯收入 5200 元，超过 2019 年扶贫标准 3218 元"
    )
    assert verdict.blocking == ()


def test_one_failing_item_blocks_exit() -> None:
    verdict = household_exit(household(tv=False), MEMBERS, assessment(), Decimal("5200"), 2019, POLICY, ON)
    assert not verdict.eligible
    assert verdict.blocking == (ExitItem("广播电视", False, "未通广播电视"),)


def test_income_at_the_line_is_not_above_it() -> None:
    verdict = household_exit(household(), MEMBERS, assessment(), Decimal("3218.00"), 2019, POLICY, ON)
    assert not verdict.eligible
    assert verdict.blocking == (
        ExitItem("收入超过扶贫标准", False, "人均纯收入 3218 元，未超过 2019 年扶贫标准 3218 元"),
    )


def test_failing_dimension_gives_its_reasons() -> None:
    h = household(house_grade="C")
    verdict = household_exit(h, MEMBERS, assessment(), Decimal("5200"), 2019, POLICY, ON)
    assert verdict.blocking == (ExitItem("住房安全有保障", False, "住房鉴定为 C 级危房"),)


def test_unknown_items_block_exit_without_failing() -> None:
    h = household(has_power=None)
    verdict = household_exit(h, MEMBERS, assessment(), None, 2019, POLICY, ON)
    assert not verdict.eligible
    income, power = verdict.blocking
    assert income.passed is None and income.reason == "人均纯收入未填，无法与 2019 年扶贫标准 3218 元比较"
    assert power == ExitItem("生活用电", None, "生活用电情况未填")


def test_unconfirmed_line_says_so() -> None:
    verdict = household_exit(household(), MEMBERS, assessment(), Decimal("5200"), 2018, POLICY, ON)
    assert "未经核实" in verdict.items[0].reason


def test_national_standard_checks_all_six_dimensions() -> None:
    verdict = household_exit(household(tv=False), MEMBERS, None, Decimal("5200"), 2019, POLICY, ON, "国家")
    assert [i.name for i in verdict.items] == ["收入超过扶贫标准", *(d.value for d in Dimension)]
    # No assessment: 不愁吃 and 不愁穿 are not known, and TV plays no part in the national standard.
    assert [i.name for i in verdict.blocking] == ["不愁吃", "不愁穿"]
    assert verdict.blocking[0].reason == "尚无核查记录"
    assert not verdict.eligible
    assert household_exit(
        household(tv=False), MEMBERS, assessment(), Decimal("5200"), 2019, POLICY, ON, "国家"
    ).eligible


def test_unknown_standard() -> None:
    with pytest.raises(InvalidInput, match="退出标准“一超五有”无法识别"):
        household_exit(household(), MEMBERS, None, Decimal("5200"), 2019, POLICY, ON, "一超五有")
