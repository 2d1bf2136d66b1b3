from decimal import Decimal

import pytest

from desktop.domain.errors import InvalidInput
from desktop.domain.monitoring import monitoring_income_check, risk_types_problems

from .facts import child, member
from .policy_files import real_policy

POLICY = real_policy()


YUNNAN_SOURCE = "中共云南省委农村工作领导小组办公室《关于确定全省2025年度防止返贫致贫监测范围的通知》（云农办通〔2025〕1号）"


def test_below_threshold() -> None:
    check = monitoring_income_check(Decimal("5200"), 2025, "云南省", POLICY)
    assert check.below_threshold is True
    assert check.threshold.amount == 8700
    assert check.reason == f"人均纯收入 5200 元，低于 2025 年云南省监测标准 8700 元（来源：{YUNNAN_SOURCE}）"


def test_not_below_threshold() -> None:
    check = monitoring_income_check(Decimal("8700.00"), 2025, "云南省", POLICY)
    assert check.below_threshold is False
    assert check.reason.startswith("人均纯收入 8700 元，不低于 2025 年云南省监测标准 8700 元")


def test_later_year_falls_back_with_note() -> None:
    check = monitoring_income_check(Decimal("9000"), 2026, "云南省", POLICY)
    assert check.below_threshold is False
    assert f"（2026 年监测标准尚未设置，沿用 2025 年标准 8700 元（来源：{YUNNAN_SOURCE}））" in check.reason


def test_unknown_income() -> None:
    check = monitoring_income_check(None, 2025, "云南省", POLICY)
    assert check.below_threshold is None
    assert check.reason.startswith("人均纯收入未填，无法与 2025 年云南省监测标准 8700 元比较")


def test_no_sourced_figure_asks_the_township() -> None:
    with pytest.raises(InvalidInput) as caught:
        monitoring_income_check(Decimal("5200"), 2024, "四川省", POLICY)
    assert caught.value.message == "2024 年监测标准尚未设置，请乡镇在 设置 → 政策标准 中按本省文件填写"


def test_risk_types_fine() -> None:
    assert risk_types_problems(["因病", "因务工就业不稳"], [member("次仁")]) == []
    assert risk_types_problems([], []) == []


def test_too_many_risk_types() -> None:
    risks = ["因病", "因残", "因学", "因自然灾害", "因意外事故", "缺劳动力"]
    assert risk_types_problems(risks, [member("次仁")]) == ["风险类型最多 5 项，实为 6 项"]


def test_unknown_and_repeated_risk_types() -> None:
    problems = risk_types_problems(["因洪水", "因病", "因病"], [member("次仁")])
    assert problems == ["风险类型“因洪水”无法识别", "风险类型“因病”重复填写"]


def test_unstable_work_when_nobody_can_work() -> None:
    members = [member("次仁", labour="丧失劳动力"), child("卓嘎", 8, "小学")]
    assert risk_types_problems(["因务工就业不稳"], members) == [
        "家中无人有劳动能力，风险类型不应为“因务工就业不稳”"
    ]


def test_unstable_work_with_one_able_or_unknown_member() -> None:
    assert risk_types_problems(["因务工就业不稳"], [member("次仁"), child("卓嘎", 8, "小学")]) == []
    assert risk_types_problems(["因务工就业不稳"], [member("次仁", labour=None)]) == []
    # An able member who has left the household does not count.
    members = [member("次仁", archived=True), member("卓嘎", labour="无劳动力")]
    assert len(risk_types_problems(["因务工就业不稳"], members)) == 1
