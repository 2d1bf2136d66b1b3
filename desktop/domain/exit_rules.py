"""Household exit (脱贫退出): is the household ready, item by item, under the chosen standard.

Two standards: the national one (income above the year's line plus 两不愁三保障 and 饮水安全) and
Sichuan's 一超六有 (income above the line plus 义务教育, 基本医疗, 住房, 安全饮用水, 生活用电, 广播电视).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop.domain.checklist import AssessmentFacts, HouseholdFacts, MemberFacts, Verdict, evaluate
from desktop.domain.enums import Dimension, Status
from desktop.domain.errors import InvalidInput
from desktop.domain.income import format_amount
from desktop.domain.policy import PolicyTables

STANDARDS: tuple[str, ...] = ("一超六有", "国家")

_SIX = (
    ("义务教育有保障", Dimension.EDUCATION),
    ("基本医疗有保障", Dimension.MEDICAL),
    ("住房安全有保障", Dimension.HOUSING),
    ("安全饮用水", Dimension.WATER),
)


@dataclass(frozen=True)
class ExitItem:
    name: str
    passed: bool | None  # None: not known yet
    reason: str


@dataclass(frozen=True)
class ExitVerdict:
    eligible: bool
    items: tuple[ExitItem, ...]

    @property
    def blocking(self) -> tuple[ExitItem, ...]:
        """Items that keep the household from exiting: failed or not yet known."""
        return tuple(item for item in self.items if item.passed is not True)


def household_exit(
    household: HouseholdFacts,
    members: Sequence[MemberFacts],
    assessment: AssessmentFacts | None,
    per_person_income: Decimal | None,
    year: int,
    policy: PolicyTables,
    on: date,
    standard: str = "一超六有",
) -> ExitVerdict:
    if standard not in STANDARDS:
        raise InvalidInput(f"退出标准“{standard}”无法识别，应为 {' 或 '.join(STANDARDS)}")
    verdicts = evaluate(household, members, assessment, policy, on)
    items = [_income_item(per_person_income, year, household.province, policy)]
    if standard == "国家":
        items += [_dimension_item(dim.value, verdicts[dim]) for dim in Dimension]
    else:
        items += [_dimension_item(name, verdicts[dim]) for name, dim in _SIX]
        items.append(_flag_item("生活用电", household.has_power, "已通生活用电", "未通生活用电"))
        items.append(_flag_item("广播电视", household.tv, "已通广播电视", "未通广播电视"))
    return ExitVerdict(all(item.passed is True for item in items), tuple(items))


def _income_item(income: Decimal | None, year: int, province: str | None, policy: PolicyTables) -> ExitItem:
    name = "收入超过扶贫标准"
    line = policy.poverty_line(year, province)
    where = "" if line.scope == "全国" else line.scope
    standard = f"{line.year_used} 年{where}扶贫标准 {format_amount(line.amount)} 元"
    caveat = f"（{line.note}）" if line.note else ""
    if income is None:
        return ExitItem(name, None, f"人均纯收入未填，无法与 {standard}比较{caveat}")
    shown = format_amount(income)
    if income > line.amount:
        return ExitItem(name, True, f"人均纯收入 {shown} 元，超过 {standard}{caveat}")
    return ExitItem(name, False, f"人均纯收入 {shown} 元，未超过 {standard}{caveat}")


def _dimension_item(name: str, verdict: Verdict) -> ExitItem:
    passed = {Status.MET: True, Status.NOT_MET: False}.get(verdict.status)
    return ExitItem(name, passed, "；".join(verdict.reasons))


def _flag_item(name: str, value: bool | None, yes: str, no: str) -> ExitItem:
    if value is None:
        return ExitItem(name, None, f"{name}情况未填")
    return ExitItem(name, value, yes if value else no)
