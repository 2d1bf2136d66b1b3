"""Gathering the roster 台账: one row per person, grouped by household, with the year's income per
person, as the plain values of ``desktop.reports.data``."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.income import net_income, per_person
from desktop.reports import data as r
from desktop.reports.text import yes_no
from desktop.services.checklist.facts import income_figures
from desktop.services.context import Ledger
from desktop.services.printing.queries import (
    chosen_village_ids,
    printable_household_ids,
    sorted_members,
)
from desktop.services.village.overview import village_exit_standard
from desktop.store.models import Household, Income, Member, Monitoring, Village
from desktop.store.queries import in_chunks, live


def gather_roster(
    ledger: Ledger,
    *,
    village_code: str | None = None,
    all_villages: bool = False,
    registered_only: bool = False,
    year: int | None = None,
) -> r.Roster:
    """The roster's rows as plain values (for the print, a preview or another format)."""
    with ledger.store.read_session() as session:
        villages = None if all_villages else chosen_village_ids(ledger, session, village_code)
        return roster_of(session, ledger, villages, registered_only=registered_only, year=year)


def roster_of(
    session: Session,
    ledger: Ledger,
    village_ids: list[str] | None,
    *,
    registered_only: bool,
    year: int | None,
) -> r.Roster:
    villages = {v.id: v for v in session.execute(select(Village)).scalars()}
    listed = printable_household_ids(session, village_ids)
    if registered_only:
        monitored = set(session.execute(select(Monitoring.household_id).where(live(Monitoring))).scalars())
        listed = [(i, c) for i, c in listed if c not in (None, "非贫困户") or i in monitored]
    ids = [i for i, _category in listed]
    if year is None:
        latest = session.execute(
            select(func.max(Income.year)).where(Income.year <= ledger.judged_on().year)
        ).scalar()
        year = latest
    rows: list[r.RosterHousehold] = []
    # a chunk of households at a time, with their members and incomes: the records of a whole township
    # are never held at once, only the printed values
    for chunk in in_chunks(ids):
        households = {
            h.id: h for h in session.execute(select(Household).where(Household.id.in_(chunk))).scalars()
        }
        people: dict[str, list[Member]] = defaultdict(list)
        for m in session.execute(
            select(Member).where(Member.household_id.in_(chunk), live(Member))
        ).scalars():
            people[m.household_id or ""].append(m)
        incomes: dict[str, Income] = {}
        if year is not None:
            query = select(Income).where(Income.household_id.in_(chunk), Income.year == year, live(Income))
            incomes.update((i.household_id or "", i) for i in session.execute(query).scalars())
        rows.extend(_roster_household(households[i], villages, people[i], incomes.get(i)) for i in chunk)
    chosen = [villages[v] for v in village_ids or [] if v in villages]
    if len(chosen) == 1:
        place, title = _spaced(chosen[0]), f"{chosen[0].name or ''}农户人口台账"
    else:
        shown = {v.township for v in villages.values() if v.township} if not chosen else set()
        count = len(chosen) or len({h.village for h in rows})
        township = "、".join(sorted(shown)) or "全部"
        place, title = f"{township}（{count} 个村）", f"{township}农户人口台账"
    if registered_only:
        title = title.replace("农户人口台账", "建档立卡人口台账")
    exit_summary = _village_exit(ledger, chosen[0].id) if len(chosen) == 1 else None
    return r.Roster(title, place, ledger.today(), year, tuple(rows), exit_summary)


def _roster_household(
    h: Household, villages: dict[str, Village], people: list[Member], income: Income | None
) -> r.RosterHousehold:
    village = villages.get(h.village_id or "")
    members = sorted_members(people)
    per_head = per_person(net_income(income_figures(income)), len(members)) if income else None
    return r.RosterHousehold(
        county=(village.county if village else None) or "",
        township=(village.township if village else None) or "",
        village=(village.name if village else None) or "",
        natural_village=h.natural_village or "",
        number=h.number or "",
        size=str(len(members)),
        poverty_status=h.poverty_status or "",
        category=h.category or "",
        main_cause=h.main_cause or "",
        dangerous_house="" if h.house_grade is None else yes_no(h.house_grade in ("C", "D")),
        water_safe=yes_no(h.water_safe),
        water_difficult=yes_no(h.water_difficult),
        per_person_income="" if per_head is None else f"{per_head:.2f}",
        phone=h.phone or "",
        persons=tuple(_roster_person(m) for m in members),
    )


def _village_exit(ledger: Ledger, village_id: str) -> r.VillageExitSummary | None:
    """The village exit standard as 概况 shows it (the same rule and sources), for the roster's last page."""
    judged = village_exit_standard(ledger, village_id)
    if judged is None:
        return None
    verdict, source = judged
    marks = {True: "✓", False: "✗", None: "?"}
    return r.VillageExitSummary(
        heading=f"{verdict.standard}：{verdict.status.label}",
        items=tuple((marks[item.passed], item.name, item.reason) for item in verdict.items),
        source=source,
    )


def _spaced(village: Village) -> str:
    parts = (village.province, village.city, village.county, village.township, village.name)
    return " ".join(p for p in parts if p)


def _roster_person(m: Member) -> r.RosterPerson:
    return r.RosterPerson(
        number=m.number or "",
        name=m.name or "",
        id_number=m.id_number or "",
        relation=m.relation or "",
        ethnicity=m.ethnicity or "",
        education=m.education or "",
        schooling=m.schooling or "",
        health=m.health or "",
        labour=m.labour or "",
        work_status=m.work_status or "",
        work_months="" if m.work_months is None else str(m.work_months),
        serious_illness=yes_no(m.serious_illness_insurance),
    )
