"""一超六有 for one household, for each income year: per-person income against that year's line, the
两不愁三保障 + 饮水安全 verdicts, electricity and radio/TV, as of a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import Status
from desktop.domain.exit_rules import ExitVerdict, household_exit
from desktop.domain.income import net_income, per_person
from desktop.reports import data as r
from desktop.services.checklist.facts import assessment_facts, household_facts, income_figures, member_facts
from desktop.services.context import Ledger
from desktop.store.models import Assessment, Household, Income, Member, Village
from desktop.store.queries import live


def exit_standards(session: Session, ledger: Ledger, household: Household, on: dt.date) -> list[ExitVerdict]:
    """One verdict per income year on record (oldest first), judged on the day ``on``."""
    village = session.get(Village, household.village_id) if household.village_id else None
    province = village.province if village else None
    members = list(
        session.execute(select(Member).where(Member.household_id == household.id, live(Member))).scalars()
    )
    latest = _latest_check(session, household.id, on)
    incomes = session.execute(
        select(Income)
        .where(
            Income.household_id == household.id,
            Income.year.is_not(None),
            Income.year <= on.year,
            live(Income),
        )
        .order_by(Income.year)
    ).scalars()
    facts = household_facts(household, province)
    people = [member_facts(m) for m in members]
    check = assessment_facts(latest)
    result = []
    for income in incomes:
        if income.year is None:  # filtered above
            continue
        figure = per_person(net_income(income_figures(income)), len(members))
        result.append(household_exit(facts, people, check, figure, income.year, ledger.policy, on))
    return result


def _latest_check(session: Session, household_id: str, on: dt.date) -> Any:
    return session.execute(
        select(Assessment)
        .where(
            Assessment.household_id == household_id,
            Assessment.assessed_on.is_not(None),
            Assessment.assessed_on <= on,
            live(Assessment),
        )
        .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def exit_line(verdict: ExitVerdict) -> r.ExitLine:
    """The printed 一户一档's line for one income year."""
    return r.ExitLine(
        year=verdict.year or 0,
        standard=verdict.standard,
        status=verdict.status,
        items=tuple(r.ExitItemLine(item.name, _STATUS[item.passed], item.reason) for item in verdict.items),
    )


_STATUS = {True: Status.MET, False: Status.NOT_MET, None: Status.UNKNOWN}


def exit_json(verdict: ExitVerdict) -> dict[str, Any]:
    """The shape ``household show --json`` prints under ``exit_standard``."""
    return {
        "year": verdict.year,
        "standard": verdict.standard,
        "status": verdict.status.value,
        "items": [
            {
                "name": item.name,
                "status": _STATUS[item.passed].value,
                "reason": item.reason,
            }
            for item in verdict.items
        ],
        "reasons": [f"{item.name}：{item.reason}" for item in verdict.items],
    }
