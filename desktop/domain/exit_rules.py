"""Household exit (脱贫退出): is the household ready, item by item, under the chosen standard.

Two standards: the national one (income above the year's line plus 两不愁三保障 and 饮水安全) and
Sichuan's 一超六有 (income above the line plus 义务教育, 基本医疗, 住房, 安全饮用水, 生活用电, 广播电视), shown
with the 两不愁 verdicts (不愁吃, 不愁穿) that every exit presupposes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop.domain.checklist import AssessmentFacts, HouseholdFacts, MemberFacts, Verdict, evaluate
from desktop.domain.enums import Dimension, Status
from desktop.domain.errors import InvalidInput
from desktop.domain.income import format_amount
from desktop.domain.policy import PolicyTables, VillageExitRules

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
    standard: str = "一超六有"
    year: int | None = None  # the income year judged

    @property
    def status(self) -> Status:
        """met when every item passed, not_met when one failed, unknown when one is not known yet."""
        if any(item.passed is False for item in self.items):
            return Status.NOT_MET
        if any(item.passed is None for item in self.items):
            return Status.UNKNOWN
        return Status.MET

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
        # 两不愁 underlies every exit standard; Sichuan's 六有 list names only what is added to it
        items += [_dimension_item(dim.value, verdicts[dim]) for dim in (Dimension.FOOD, Dimension.CLOTHING)]
        items += [_dimension_item(name, verdicts[dim]) for name, dim in _SIX]
        items.append(_flag_item("生活用电", household.has_power, "已通生活用电", "未通生活用电"))
        items.append(_flag_item("广播电视", household.tv, "已通广播电视", "未通广播电视"))
    return ExitVerdict(all(item.passed is True for item in items), tuple(items), standard, year)


def _income_item(income: Decimal | None, year: int, province: str | None, policy: PolicyTables) -> ExitItem:
    name = "收入超过扶贫标准"
    try:
        line = policy.poverty_line(year, province)
    except InvalidInput as error:  # no figure for that year yet: the township has to set it
        return ExitItem(name, None, error.message)
    where = "" if line.scope in ("全国", "乡镇设置") else line.scope
    standard = f"{line.year_used} 年{where}扶贫标准 {format_amount(line.amount)} 元"
    # the figure's source, or the older year it stands in for, is part of every sentence that uses it
    caveat = f"（{line.explain(year)}）"
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


def village_exit(
    incidence: Decimal | None,
    limit: Decimal | None,
    region: str,
    indicator_year: int | None,
    indicators: Mapping[str, object] | None,
    rules: VillageExitRules,
) -> ExitVerdict:
    """贫困村退出 (e.g. Sichuan's 一低五有): poverty incidence below the region's limit, and each 有 of the
    province's list as recorded in the village's yearly indicators (村年度指标)."""
    items = [_incidence_item(incidence, limit, region)]
    recorded = indicators or {}
    for name in rules.items:
        value = recorded.get(name)
        where = f"{indicator_year} 年村年度指标" if indicator_year else "村年度指标"
        if value is None:
            items.append(ExitItem(f"有{name}", None, f"{where}未填此项"))
        else:
            items.append(ExitItem(f"有{name}", bool(value), f"{where}：{'有' if value else '没有'}{name}"))
    return ExitVerdict(all(i.passed is True for i in items), tuple(items), rules.standard, indicator_year)


def _incidence_item(incidence: Decimal | None, limit: Decimal | None, region: str) -> ExitItem:
    if limit is None:
        return ExitItem("贫困发生率", None, "村所在地区（西部或中部）未填，无法确定贫困发生率标准")
    name = f"贫困发生率低于 {format_amount(limit * 100)}%"
    if incidence is None:
        return ExitItem(name, None, "村内没有在册人口")
    shown = format_amount((incidence * 100).quantize(Decimal("0.01")))
    if incidence < limit:
        return ExitItem(name, True, f"贫困发生率 {shown}%，低于{region}地区 {format_amount(limit * 100)}%")
    return ExitItem(name, False, f"贫困发生率 {shown}%，不低于{region}地区 {format_amount(limit * 100)}%")
