"""Data-quality checks on one household that need nothing but its own record (DOMAIN §3).

Each problem is one Chinese sentence; an empty list means nothing looks wrong. The limits are the
national system's own plausibility checks, not local policy, so they live here rather than in a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from desktop.domain.checklist import MemberFacts
from desktop.domain.enums import ABLE_LABOUR, HEAD_RELATIONS, NOT_WORKING_AWAY
from desktop.domain.idnumber import age_on
from desktop.domain.income import IncomeFigures, format_amount

MAX_PER_PERSON_INCOME = Decimal(100_000)
MAX_FARMLAND_MU_PER_PERSON = Decimal(50)
MAX_FOREST_MU_PER_PERSON = Decimal(70)
LABOUR_AGE = (16, 65)  # both ends included
_CENT = Decimal("0.01")


def household_problems(
    household_category: str | None,
    members: Sequence[MemberFacts],
    income: IncomeFigures | None,
    per_person: Decimal | None,
    farmland_mu: Decimal | int | None,
    forest_mu: Decimal | int | None,
    on: date,
) -> list[str]:
    present = [m for m in members if not m.archived]
    problems: list[str] = []
    problems += _income_problems(income, per_person, present)
    problems += _work_month_problems(present)
    problems += _head_problems(present)
    problems += _tekun_problems(household_category, present, on)
    problems += _land_problems("耕地", farmland_mu, MAX_FARMLAND_MU_PER_PERSON, len(present))
    problems += _land_problems("林地", forest_mu, MAX_FOREST_MU_PER_PERSON, len(present))
    return problems


def _income_problems(
    income: IncomeFigures | None, per_person: Decimal | None, members: Sequence[MemberFacts]
) -> list[str]:
    problems: list[str] = []
    if income is not None:
        if income.business and income.business > 0 and not income.business_costs:
            shown = format_amount(income.business)
            problems.append(f"有生产经营性收入 {shown} 元，但未填生产经营性支出")
        working = [m for m in members if _works(m)]
        statuses_known = any(m.work_status for m in members)
        if income.wage and income.wage > 0 and statuses_known and not working:
            problems.append(f"有工资性收入 {format_amount(income.wage)} 元，但没有成员登记务工")
        if not income.wage and working:
            names = "、".join(m.name for m in working)
            problems.append(f"{names} 登记务工，但工资性收入为 0")
    if per_person is not None:
        if per_person <= 0:
            problems.append(f"人均纯收入 {format_amount(per_person)} 元，不大于 0，请核实")
        elif per_person > MAX_PER_PERSON_INCOME:
            problems.append(f"人均纯收入 {format_amount(per_person)} 元，超过 10 万元，请核实")
    return problems


def _works(member: MemberFacts) -> bool:
    # A status of 未务工, or working zero months, is not working away.
    return bool(member.work_status) and member.work_status not in NOT_WORKING_AWAY and member.work_months != 0


def _work_month_problems(members: Sequence[MemberFacts]) -> list[str]:
    return [
        f"{m.name} 务工时间 {m.work_months} 个月，应在 0–12 个月之间"
        for m in members
        if m.work_months is not None and not 0 <= m.work_months <= 12
    ]


def _head_problems(members: Sequence[MemberFacts]) -> list[str]:
    if not members:
        return []
    problems: list[str] = []
    heads = [m for m in members if m.relation in HEAD_RELATIONS]
    if not heads:
        problems.append("户内没有户主")
    elif len(heads) > 1:
        problems.append(f"户内有 {len(heads)} 名户主：{'、'.join(m.name for m in heads)}")
    for head in heads:
        for spouse in (m for m in members if m.relation == "配偶"):
            if head.sex and head.sex == spouse.sex:
                problems.append(f"户主 {head.name} 与配偶 {spouse.name} 性别相同（均为{head.sex}）")
    return problems


def _tekun_problems(category: str | None, members: Sequence[MemberFacts], on: date) -> list[str]:
    # 特困供养 is for people with no labour capacity and no one obliged to support them.
    if not category or "特困" not in category:
        return []
    low, high = LABOUR_AGE
    problems: list[str] = []
    for m in members:
        if m.birth_date is None or m.labour not in ABLE_LABOUR:
            continue
        age = age_on(m.birth_date, on)
        if low <= age <= high:
            problems.append(f"特困供养户中 {m.name} {age} 岁，为{m.labour}")
    return problems


def _land_problems(kind: str, area: Decimal | int | None, limit: Decimal, people: int) -> list[str]:
    if area is None or people == 0:
        return []
    each = (Decimal(area) / people).quantize(_CENT)
    if each > limit:
        return [f"人均{kind} {format_amount(each)} 亩，超过 {format_amount(limit)} 亩，请核实"]
    return []
