"""防返贫 monitoring (2021 on): the income test against the province's threshold, and risk-type checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.checklist import MemberFacts
from desktop.domain.enums import NO_LABOUR, RISK_TYPES
from desktop.domain.income import format_amount
from desktop.domain.policy import NATIONAL, PolicyFigure, PolicyTables

# The national system accepts at most five risk types per household, in order of weight.
MAX_RISK_TYPES = 5


@dataclass(frozen=True)
class MonitoringCheck:
    below_threshold: bool | None  # None when the income is not known
    threshold: PolicyFigure
    reason: str


def monitoring_income_check(
    per_person_income: Decimal | None, year: int, province: str | None, policy: PolicyTables
) -> MonitoringCheck:
    threshold = policy.monitoring_threshold(year, province)
    where = "" if threshold.scope == NATIONAL else threshold.scope
    standard = f"{threshold.year_used} 年{where}监测标准 {format_amount(threshold.amount)} 元"
    caveat = f"（{threshold.explain(year)}）"
    if per_person_income is None:
        return MonitoringCheck(None, threshold, f"人均纯收入未填，无法与 {standard}比较{caveat}")
    shown = format_amount(per_person_income)
    if per_person_income < threshold.amount:
        return MonitoringCheck(True, threshold, f"人均纯收入 {shown} 元，低于 {standard}{caveat}")
    return MonitoringCheck(False, threshold, f"人均纯收入 {shown} 元，不低于 {standard}{caveat}")


def risk_types_problems(risk_types: Sequence[str], members: Sequence[MemberFacts]) -> list[str]:
    """What is wrong with a household's risk types, one Chinese sentence each; empty when all is well."""
    problems: list[str] = []
    if len(risk_types) > MAX_RISK_TYPES:
        problems.append(f"风险类型最多 {MAX_RISK_TYPES} 项，实为 {len(risk_types)} 项")
    seen: set[str] = set()
    for risk in risk_types:
        if risk not in RISK_TYPES:
            problems.append(f"风险类型“{risk}”无法识别")
        elif risk in seen:
            problems.append(f"风险类型“{risk}”重复填写")
        seen.add(risk)

    present = [m for m in members if not m.archived]
    # Unstable work needs someone who can work; unknown labour is not evidence of the contrary.
    if "因务工就业不稳" in seen and present and all(m.labour in NO_LABOUR for m in present):
        problems.append("家中无人有劳动能力，风险类型不应为“因务工就业不稳”")
    return problems
