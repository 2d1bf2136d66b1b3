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
        "不愁吃",
        "不愁穿",
        "义务教育有保障",
        "基本医疗有保障",
        "住房安全有保障",
        "安全饮用水",
        "生活用电",
        "广播电视",
    ]
    assert verdict.items[0] == ExitItem(
        "收入超过扶贫标准",
        True,
        "人均纯收入 5200 元，超过 2019 年扶贫标准 3218 元（来源：国家统计局住户调查办公室《中国农村贫困监测报告 2020》）",
    )
    assert verdict.status.value == "met"
    assert verdict.blocking == ()


def test_one_failing_item_blocks_exit() -> None:
    verdict = household_exit(household(tv=False), MEMBERS, assessment(), Decimal("5200"), 2019, POLICY, ON)
    assert not verdict.eligible
    assert verdict.blocking == (ExitItem("广播电视", False, "未通广播电视"),)
    assert verdict.status.value == "not_met"


def test_income_at_the_line_is_not_above_it() -> None:
    verdict = household_exit(household(), MEMBERS, assessment(), Decimal("3218.00"), 2019, POLICY, ON)
    assert not verdict.eligible
    assert verdict.blocking == (
        ExitItem(
            "收入超过扶贫标准",
            False,
            "人均纯收入 3218 元，未超过 2019 年扶贫标准 3218 元（来源：国家统计局住户调查办公室《中国农村贫困监测报告 2020》）",
        ),
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
    assert income.passed is None
    assert income.reason.startswith("人均纯收入未填，无法与 2019 年扶贫标准 3218 元比较（来源：国家统计局")
    assert verdict.status.value == "unknown"
    assert power == ExitItem("生活用电", None, "生活用电情况未填")


def test_a_year_without_a_sourced_line_says_which_year_stands_in() -> None:
    verdict = household_exit(household(), MEMBERS, assessment(), Decimal("5200"), 2020, POLICY, ON)
    reason = verdict.items[0].reason
    assert reason.startswith("人均纯收入 5200 元，超过 2019 年扶贫标准 3218 元（2020 年扶贫标准尚未设置")
    assert "沿用 2019 年标准 3218 元（来源：国家统计局住户调查办公室《中国农村贫困监测报告 2020》）" in reason


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


def test_village_exit_lists_the_incidence_and_each_you_of_the_province() -> None:
    from desktop.domain.exit_rules import village_exit

    rules = POLICY.village_exit
    every = dict.fromkeys(rules.items, True)
    met = village_exit(Decimal("0.021"), Decimal("0.03"), "西部", 2025, every, rules)
    assert met.status.value == "met" and met.standard == "一低五有"
    assert met.items[0] == ExitItem("贫困发生率低于 3%", True, "贫困发生率 2.1%，低于西部地区 3%")
    assert met.items[1] == ExitItem("有集体经济收入", True, "2025 年村年度指标：有集体经济收入")
    no_road = village_exit(Decimal("0.021"), Decimal("0.03"), "西部", 2025, every | {"硬化路": False}, rules)
    assert no_road.status.value == "not_met"
    assert no_road.blocking == (ExitItem("有硬化路", False, "2025 年村年度指标：没有硬化路"),)
    high = village_exit(Decimal("0.03"), Decimal("0.03"), "西部", 2025, every, rules)
    assert high.blocking == (ExitItem("贫困发生率低于 3%", False, "贫困发生率 3%，不低于西部地区 3%"),)
    unknown = village_exit(Decimal("0.01"), None, "", None, None, rules)
    assert unknown.status.value == "unknown"
    assert unknown.items[0].reason == "村所在地区（西部或中部）未填，无法确定贫困发生率标准"
    assert unknown.items[1].reason == "村年度指标未填此项"
