"""Everything about one household, as plain values: fields, members, income by year, verdicts, visits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from desktop.domain.checklist import Verdict
from desktop.domain.enums import Dimension
from desktop.domain.errors import InvalidInput
from desktop.domain.exit_rules import ExitVerdict
from desktop.domain.idnumber import age_on
from desktop.domain.income import net_income, per_person
from desktop.services.checklist.exit_standard import exit_standards
from desktop.services.checklist.facts import income_figures
from desktop.services.checklist.verdicts import checklists
from desktop.services.context import Ledger, judged_as_of
from desktop.services.households.lookup import members_of, resolve_household
from desktop.store.codec import to_json
from desktop.store.models import FollowUp, Income, Measure, Monitoring, Pairing, Village, Visit
from desktop.store.queries import live


@dataclass(frozen=True)
class IncomeYear:
    year: int
    net: Decimal
    per_person: Decimal | None
    poverty_line: Decimal | None
    line_note: str


@dataclass(frozen=True)
class HouseholdDetail:
    id: str
    number: str
    village_name: str
    fields: dict[str, Any]  # field name -> JSON value, every household field
    members: list[dict[str, Any]]  # member fields plus "id" and "age"
    incomes: list[IncomeYear]
    verdicts: dict[Dimension, Verdict]
    pairings: list[dict[str, Any]]
    measures: list[dict[str, Any]]
    visits: list[dict[str, Any]]
    open_follow_ups: list[dict[str, Any]]
    monitoring: list[dict[str, Any]]
    exit_standard: list[ExitVerdict]  # 一超六有 per income year
    judged_on: dt.date


def show_household(ledger: Ledger, ref: str, *, as_of: dt.date | None = None) -> HouseholdDetail:
    """Everything about one household, verdicts and ages judged on ``as_of`` (default today)."""
    ledger = judged_as_of(ledger, as_of)
    today = ledger.judged_on()
    with ledger.store.read_session() as session:
        household = resolve_household(session, ref, ledger.current_village_id())
        village = session.get(Village, household.village_id) if household.village_id else None
        province = village.province if village else None
        members = members_of(session, household.id)
        member_rows = []
        for member in members:
            row = _as_dict(member)
            row["age"] = age_on(member.birth_date, today) if member.birth_date else None
            member_rows.append(row)
        incomes = []
        for income in _children(session, Income, household.id, order=Income.year):
            if income.year is None:
                continue
            net = net_income(income_figures(income))
            try:
                line = ledger.policy.poverty_line(income.year, province)
                amount, note = line.amount, line.explain(income.year)
            except InvalidInput:  # a year before the policy table: no line to compare with
                amount, note = None, ""
            incomes.append(IncomeYear(income.year, net, per_person(net, len(members)), amount, note))
        (verdicts,) = checklists(session, ledger, [household])
        exits = exit_standards(session, ledger, household, today)
        visits = _children(session, Visit, household.id, order=Visit.visited_on.desc())
        follow_ups = [
            f for f in _children(session, FollowUp, household.id, order=FollowUp.due_on) if not f.done
        ]
        return HouseholdDetail(
            id=household.id,
            number=household.number or "",
            village_name=village.name or "" if village else "",
            fields=_as_dict(household),
            members=member_rows,
            incomes=incomes,
            verdicts=verdicts.verdicts,
            pairings=[_as_dict(p) for p in _children(session, Pairing, household.id, order=Pairing.start_on)],
            measures=[_as_dict(m) for m in _children(session, Measure, household.id, order=Measure.start_on)],
            visits=[_as_dict(v) for v in visits],
            open_follow_ups=[_as_dict(f) for f in follow_ups],
            monitoring=[
                _as_dict(m) for m in _children(session, Monitoring, household.id, order=Monitoring.clue_on)
            ],
            exit_standard=exits,
            judged_on=today,
        )


def _children(session: Any, model: Any, household_id: str, *, order: Any) -> list[Any]:
    query = select(model).where(model.household_id == household_id, live(model)).order_by(order, model.id)
    return list(session.execute(query).scalars())


def _as_dict(record: Any) -> dict[str, Any]:
    table = record.__table__
    return {column.name: to_json(column, getattr(record, column.name)) for column in table.columns}
