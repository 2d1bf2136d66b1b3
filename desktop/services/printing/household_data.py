"""Gathering 一户一档: each household's records, read in bulk, as the plain values of
``desktop.reports.data`` (the 明白卡 is made from the same values)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.checklist import Verdict
from desktop.domain.enums import HEAD_RELATIONS, Dimension
from desktop.domain.errors import InvalidInput
from desktop.domain.income import net_income, per_person
from desktop.reports import data as r
from desktop.reports.text import money
from desktop.services.checklist.exit_standard import exit_line, exit_standards
from desktop.services.checklist.facts import income_figures
from desktop.services.checklist.verdicts import checklists
from desktop.services.context import Ledger
from desktop.services.printing.household_lines import (
    fact_groups,
    follow_up_line,
    helper_line,
    measure_line,
    member_line,
    monitoring_line,
    visit_line,
)
from desktop.services.printing.photos import PrintPhotos
from desktop.services.printing.queries import by_household, sorted_members
from desktop.store.models import (
    DIMENSION_COLUMNS,
    FollowUp,
    Household,
    Income,
    Measure,
    Member,
    Monitoring,
    Pairing,
    Photo,
    Village,
    Visit,
)
from desktop.store.queries import in_chunks


def household_files(
    session: Session, ledger: Ledger, households: list[Household], photos: PrintPhotos
) -> Iterator[r.HouseholdFile]:
    """The 一户一档 contents of ``households``, read 500 at a time."""
    villages = {v.id: v for v in session.execute(select(Village)).scalars()}
    device = ledger.this_device()
    today = ledger.judged_on()  # ages, helpers in office and verdicts: as of --as-of, else today
    for chunk in in_chunks(households):
        ids = [h.id for h in chunk]
        members = by_household(session, Member, ids)
        incomes = by_household(session, Income, ids, Income.year)
        pairings = by_household(session, Pairing, ids, Pairing.start_on)
        measures = by_household(session, Measure, ids, Measure.start_on)
        visits = by_household(session, Visit, ids, Visit.visited_on)
        follow_ups = by_household(session, FollowUp, ids, FollowUp.due_on)
        monitoring = by_household(session, Monitoring, ids, Monitoring.clue_on)
        pictures = by_household(session, Photo, ids, Photo.taken_at)
        verdicts = {c.household_id: c.verdicts for c in checklists(session, ledger, chunk)}
        for h in chunk:
            village = villages.get(h.village_id or "")
            exits = tuple(exit_line(v) for v in exit_standards(session, ledger, h, today))
            file = _household_file(
                h,
                village,
                sorted_members(members[h.id]),
                incomes[h.id],
                verdicts[h.id],
                _Rest(pairings[h.id], measures[h.id], visits[h.id], follow_ups[h.id], monitoring[h.id]),
                pictures[h.id],
                photos,
                ledger,
                today,
                device.user_name,
            )
            yield replace(file, exit_standard=exits, judged_on=ledger.as_of)


@dataclass(frozen=True)
class _Rest:
    pairings: list[Pairing]
    measures: list[Measure]
    visits: list[Visit]
    follow_ups: list[FollowUp]
    monitoring: list[Monitoring]


def _household_file(
    h: Household,
    village: Village | None,
    members: list[Member],
    incomes: list[Income],
    verdicts: dict[Dimension, Verdict],
    rest: _Rest,
    pictures: list[Photo],
    photos: PrintPhotos,
    ledger: Ledger,
    today: dt.date,
    user: str,
) -> r.HouseholdFile:
    head = next((m.name for m in members if m.relation in HEAD_RELATIONS and m.name), "")
    place = _place(village)
    by_dimension: dict[str, list[r.Photo]] = defaultdict(list)
    by_visit: dict[str, list[r.Photo]] = defaultdict(list)
    by_monitoring: dict[str, list[r.Photo]] = defaultdict(list)
    others: list[r.Photo] = []
    for picture in pictures:
        if not picture.sha256:
            continue
        photo = photos.photo(picture)
        dimension = _dimension(picture.dimension)
        if dimension:
            by_dimension[dimension].append(photo)
        elif picture.monitoring_id:
            by_monitoring[picture.monitoring_id].append(photo)
        elif picture.visit_id:
            by_visit[picture.visit_id].append(photo)
        else:
            others.append(photo)
    province = village.province if village else None
    return r.HouseholdFile(
        number=h.number or "",
        head=head,
        place=place,
        village=(village.name if village else None) or "",
        address=h.address or f"{place}{h.group_name or ''}",
        size=len(members),
        category=_category(h),
        printed_on=ledger.today(),
        prepared_by=user,
        facts=fact_groups(h),
        members=tuple(member_line(m, today) for m in members),
        incomes=tuple(_income(i, len(members), ledger, province) for i in incomes if i.year is not None),
        verdicts=tuple(
            r.VerdictLine(d.value, v.status, v.reasons, tuple(by_dimension.get(d.value, ())))
            for d, v in verdicts.items()
        ),
        helpers=tuple(helper_line(p, today) for p in rest.pairings),
        measures=tuple(measure_line(m) for m in rest.measures),
        visits=tuple(visit_line(v, tuple(by_visit.get(v.id, ()))) for v in rest.visits),
        follow_ups=tuple(follow_up_line(f) for f in rest.follow_ups if not f.done),
        monitoring=tuple(monitoring_line(m, tuple(by_monitoring.get(m.id, ()))) for m in rest.monitoring),
        other_photos=tuple(others),
    )


def _dimension(value: str | None) -> str | None:
    """A photo's dimension as 住房安全, whether it was stored by name or by column prefix (housing)."""
    if not value:
        return None
    if value in DIMENSION_COLUMNS:
        return value
    return next((name for name, prefix in DIMENSION_COLUMNS.items() if prefix == value), None)


def _income(income: Income, size: int, ledger: Ledger, province: str | None) -> r.IncomeLine:
    net = net_income(income_figures(income))
    year = income.year or 0
    poverty, monitoring, notes = None, None, []
    try:
        figure = ledger.policy.monitoring_threshold(year, province)
        monitoring = figure.amount
        notes.append(figure.labelled("监测范围", year))
    except InvalidInput:  # before 2021: no monitoring yet, the poverty line is the bar
        pass
    if monitoring is None:
        try:
            figure = ledger.policy.poverty_line(year, province)
            poverty = figure.amount
            notes.append(figure.labelled("扶贫标准", year))
        except InvalidInput:
            pass
    return r.IncomeLine(
        year=year,
        wage=money(income.wage),
        business=money(income.business),
        property=money(income.property),
        transfer=money(income.transfer),
        costs=money(income.business_costs),
        net=net,
        per_person=per_person(net, size),
        poverty_line=poverty,
        monitoring_line=monitoring,
        note="；".join(n for n in notes if n),
    )


# --- records to printed values -------------------------------------------------------------------------


def _place(village: Village | None) -> str:
    if village is None:
        return ""
    parts = (village.province, village.city, village.county, village.township, village.name)
    return "".join(p for p in parts if p)


def _category(h: Household) -> str:
    return " · ".join(x for x in (h.category, h.poverty_status) if x)
