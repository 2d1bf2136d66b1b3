"""概况: a village's figures (or all villages' on a township), its checklist gaps per dimension and how
many households were visited lately — read-only, in one pass per table."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import HOUSEHOLD_CATEGORIES, POVERTY_STATUS, Dimension, Status
from desktop.domain.errors import InvalidInput
from desktop.domain.exit_rules import ExitVerdict, village_exit
from desktop.domain.policy import cite
from desktop.services.checklist.standing import county_gaps, gap_rows, people_counts
from desktop.services.context import Ledger, with_policy_settings
from desktop.services.shared_reads import kept_answer, shared_read
from desktop.store.models import (
    Household,
    HouseholdVerdict,
    Member,
    Monitoring,
    Village,
    VillageIndicator,
    Visit,
)
from desktop.store.queries import live

COVERAGE_DAYS = 30
# people counted for 贫困发生率: those of households not (or no longer) out of poverty
POOR_STATUSES = ("未脱贫", "返贫")
NO_GROUP = "未分组"
NOT_FILLED = "未填"
NON_POOR = "非贫困户"  # 贫困户属性 of a household never registered: 脱贫属性 does not apply to it


@dataclass(frozen=True)
class Count:
    label: str
    value: int


@dataclass(frozen=True)
class DimensionGaps:
    dimension: str
    not_met: int
    unknown: int


@dataclass(frozen=True)
class GroupCoverage:
    group: str
    households: int
    visited: int

    @property
    def share(self) -> float:
        return self.visited / self.households if self.households else 0.0


@dataclass(frozen=True)
class GapHousehold:
    household_id: str
    number: str
    head_name: str
    not_met: tuple[str, ...]  # dimensions
    unknown: tuple[str, ...]
    village: str = ""  # its village's name: a township's 概况 of all villages lists several


@dataclass(frozen=True)
class Overview:
    place: str  # the village's name, or 全部村（N 个）
    households: int
    people: int
    categories: tuple[Count, ...]  # 贫困户属性, in the order of the national roster
    statuses: tuple[Count, ...]  # 脱贫属性 of the registered households (a 非贫困户 has none to fill)
    poor_people: int
    incidence: Decimal | None  # poor people / people; None without people
    incidence_limit: Decimal | None  # the exit threshold of the village's region, when known
    incidence_region: str
    monitored: int  # households under 防返贫 monitoring, risk not yet eliminated
    gaps: tuple[DimensionGaps, ...]
    gap_households: tuple[GapHousehold, ...]  # households with a dimension not met or unknown
    days: int
    since: dt.date
    visited: int  # households visited on or after ``since``
    visits: int
    coverage: tuple[GroupCoverage, ...]  # by 村民小组
    village_exit: ExitVerdict | None = None  # 贫困村退出 (一低五有) of one village; None for all villages
    village_exit_source: str = ""  # the documents the list and the incidence limit come from
    non_poor: int = 0  # 非贫困户: left out of ``statuses``, never counted as 未填

    @property
    def coverage_share(self) -> float:
        return self.visited / self.households if self.households else 0.0


def count_households(ledger: Ledger, *, village_id: str | None = None, all_villages: bool = False) -> int:
    """How many live households ``village_overview`` would look at: cheap, to decide how to load it."""
    with ledger.store.read_session() as session:
        return (
            session.scalar(
                select(func.count()).select_from(Household).where(*_live(ledger, village_id, all_villages))
            )
            or 0
        )


def village_overview(
    ledger: Ledger, *, village_id: str | None = None, all_villages: bool = False, days: int = COVERAGE_DAYS
) -> Overview:
    """The current village (or ``village_id``); ``all_villages`` sums every village the device holds."""
    scope = None if all_villages else (village_id or ledger.current_village_id())
    ledger = with_policy_settings(ledger)
    today = ledger.today()
    since = today - dt.timedelta(days=days - 1)  # today and the 29 days before it
    with ledger.store.read_session() as session:
        in_view = _live(ledger, village_id, all_villages)
        # counted by the database (a county's 200,000 households), never a row per household; in the
        # same pass the people of the derived rows (people_counts adds the households without one); the
        # visits of the days counted per 村民小组; all villages: read once and shared with 各村
        tally, visit_tally = (
            county_tally(ledger, since, today) if scope is None else _tally(session, in_view, since, today)
        )
        kinds = _kinds(tally)
        from_rows = (
            sum(t.people for t in tally),
            sum(t.people for t in tally if t.poverty_status in POOR_STATUSES),
            sum(t.with_row for t in tally),
        )
        group_rows = _group_rows(tally, visit_tally)
        # all villages: the county's gap households, read once and shared with 各村 and the gap report
        gaps = [g.row() for g in county_gaps(ledger)] if scope is None else gap_rows(session, ledger, in_view)
        found = sorted(gaps, key=lambda g: (g.number, g.household_id))
        total_people, poor_people = people_counts(
            session,
            in_view,
            POOR_STATUSES,
            households=sum(n for _category, _status, n in kinds),
            from_rows=from_rows,
        )
        visits = sum(v.visits for v in visit_tally)
        # joined, not ``household_id IN (the households in view)``: SQLite then walks the monitored
        # households, not every household of a county (a 200,000-row list)
        monitored = session.scalar(
            select(func.count(distinct(Monitoring.household_id)))
            .join(Household, Household.id == Monitoring.household_id)
            .where(*in_view, live(Monitoring), Monitoring.eliminated_on.is_(None))
        )
        villages = list(session.execute(select(Village.name, Village.west)).all())
        names = {
            v.id: v.name or v.code or ""
            for v in session.execute(select(Village.id, Village.name, Village.code))
        }
        village = session.get(Village, scope) if scope is not None else None
        place = (village.name or "") if village is not None else f"全部村（{len(villages)} 个）"
        west = village.west if village is not None else _same({w for _, w in villages})
        groups = list(village.groups or []) if village is not None else []
        incidence = Decimal(poor_people) / Decimal(total_people) if total_people else None
        exit_verdict = _exit_verdict(session, ledger, village, incidence) if village is not None else None

    region, limit = _limit(ledger, west)
    return Overview(
        place=place,
        households=sum(n for _category, _status, n in kinds),
        people=total_people,
        categories=_counts([(category, n) for category, _status, n in kinds], HOUSEHOLD_CATEGORIES),
        statuses=_counts(
            [(status, n) for category, status, n in kinds if category != NON_POOR or status],
            (*POVERTY_STATUS, "已脱贫"),
        ),
        non_poor=sum(n for category, status, n in kinds if category == NON_POOR and not status),
        poor_people=poor_people,
        incidence=incidence,
        incidence_limit=limit,
        incidence_region=region,
        monitored=monitored or 0,
        gaps=tuple(
            DimensionGaps(
                d.value,
                sum(1 for g in found if g.statuses[i] is Status.NOT_MET),
                sum(1 for g in found if g.statuses[i] is Status.UNKNOWN),
            )
            for i, d in enumerate(Dimension)
        ),
        gap_households=tuple(
            GapHousehold(
                g.household_id,
                g.number,
                g.head_name,
                g.dimensions(Status.NOT_MET),
                g.dimensions(Status.UNKNOWN),
                names.get(g.village_id or "", "（未归村）"),
            )
            for g in found
        ),
        days=days,
        since=since,
        visited=sum(row.visited for row in group_rows),
        visits=visits,
        # all villages together: 一组 of 亚弄村 is not 一组 of 日拉村
        coverage=_coverage(session, group_rows, groups, None if village is not None else names),
        village_exit=exit_verdict,
        village_exit_source=exit_source(ledger),
    )


def village_exit_standard(ledger: Ledger, village_id: str) -> tuple[ExitVerdict, str] | None:
    """One village's 贫困村退出 verdict and the documents it comes from, as 概况 shows it, without the rest
    of 概况 (the roster prints it): the incidence from two counts, the latest yearly indicators."""
    ledger = with_policy_settings(ledger)
    with ledger.store.read_session() as session:
        village = session.get(Village, village_id)
        if village is None:
            return None
        live_members = (
            select(func.count())
            .select_from(Member)
            .join(Household, Member.household_id == Household.id)
            .where(*_live(ledger, village_id, False), live(Member))
        )
        total = session.scalar(live_members) or 0
        poor = session.scalar(live_members.where(Household.poverty_status.in_(POOR_STATUSES))) or 0
        incidence = Decimal(poor) / Decimal(total) if total else None
        return _exit_verdict(session, ledger, village, incidence), exit_source(ledger)


def exit_source(ledger: Ledger) -> str:
    return "；".join(
        (cite(ledger.policy.village_exit.source), cite(ledger.policy.village_exit.incidence_source))
    )


def _exit_verdict(
    session: Session, ledger: Ledger, village: Village, incidence: Decimal | None
) -> ExitVerdict:
    """The village exit standard of ``village``: incidence against its region's limit, and each 有 of the
    province's list from the latest yearly indicators up to this year."""
    indicator = session.execute(
        select(VillageIndicator)
        .where(
            VillageIndicator.village_id == village.id,
            VillageIndicator.year <= ledger.today().year,
            live(VillageIndicator),
        )
        .order_by(VillageIndicator.year.desc())
        .limit(1)
    ).scalar_one_or_none()
    region, limit = _limit(ledger, village.west)
    return village_exit(
        incidence,
        limit,
        region,
        indicator.year if indicator is not None else None,
        indicator.items if indicator is not None else None,
        ledger.policy.village_exit,
    )


def _live(ledger: Ledger, village_id: str | None, all_villages: bool) -> list[Any]:
    scope = None if all_villages else (village_id or ledger.current_village_id())
    conditions: list[Any] = [Household.number.is_not(None), live(Household)]
    if scope is not None:
        conditions.append(Household.village_id == scope)
    return conditions


def _counts(values: list[tuple[str | None, int]], order: tuple[str, ...]) -> tuple[Count, ...]:
    """``values``: (value, how many households have it), a value any number of times."""
    found: dict[str, int] = {}
    for value, n in values:
        key = value or NOT_FILLED
        found[key] = found.get(key, 0) + n
    known = [Count(label, found.pop(label)) for label in order if label in found]
    rest = sorted(found.items(), key=lambda kv: (kv[0] == NOT_FILLED, kv[0]))
    return tuple(known + [Count(label, n) for label, n in rest])


@dataclass(frozen=True)
class _GroupRow:
    """One (village, 村民小组) of the households in view, as the database counted it."""

    village_id: str | None
    group_name: str | None
    households: int
    visited: int
    first_number: str  # the smallest 户编号 (by code point, as Python orders it)


@dataclass(frozen=True)
class Tally:
    """The households in view of one (village, 村民小组, 贫困户属性, 脱贫属性), as the database counted
    them: 概况 and 各村 add these up (a county's 200,000 households are a few tens of thousands)."""

    village_id: str | None
    group_name: str | None
    category: str | None
    poverty_status: str | None
    households: int
    with_row: int  # households with a derived verdict row (whatever its day)
    people: int  # members not archived, by those rows
    first_number: str  # the smallest 户编号 (by code point, as Python orders it)


@dataclass(frozen=True)
class VisitTally:
    """The visits from ``since`` to today of the households in view of one (village, 村民小组)."""

    village_id: str | None
    group_name: str | None
    visits: int
    visited: int  # households visited


Tallies = tuple[tuple[Tally, ...], tuple[VisitTally, ...]]


def county_tally(ledger: Ledger, since: dt.date, today: dt.date) -> Tallies:
    """``_tally`` of every village's live households with a 户编号 (概况 of all villages, 各村), read once
    and shared by them while the database is unchanged (services/shared_reads.py)."""

    def read() -> Tallies:
        with ledger.store.read_session() as session:
            return _tally(session, _live(ledger, None, True), since, today)

    return shared_read(ledger, "county tally", (since, today), read)


def county_tally_held(ledger: Ledger, since: dt.date, today: dt.date) -> Tallies | None:
    """``county_tally`` when another report has read it already and it holds; else None."""
    return cast("Tallies | None", kept_answer(ledger, "county tally", (since, today)))


def _tally(session: Session, in_view: list[Any], since: dt.date, today: dt.date) -> Tallies:
    number: Any = Household.number
    if session.get_bind().dialect.name == "postgresql":
        number = Household.number.collate("C")  # code point order, as Python compares (SQLite's default)
    rows = session.execute(
        select(
            Household.village_id,
            Household.group_name,
            Household.category,
            Household.poverty_status,
            func.count(),
            func.count(HouseholdVerdict.household_id),
            func.coalesce(func.sum(HouseholdVerdict.people), 0),
            func.min(number),
        )
        .select_from(Household)
        .outerjoin(HouseholdVerdict, HouseholdVerdict.household_id == Household.id)
        .where(*in_view)
        .group_by(Household.village_id, Household.group_name, Household.category, Household.poverty_status)
    )
    tally = tuple(
        Tally(v, g, c, p, n, with_row, int(people), first or "")
        for v, g, c, p, n, with_row, people, first in rows
    )
    # joined from the visits of the days (SQLite walks those, not every household of a county)
    visits = session.execute(
        select(Household.village_id, Household.group_name, func.count(), func.count(distinct(Household.id)))
        .select_from(Visit)
        .join(Household, Household.id == Visit.household_id)
        .where(*in_view, live(Visit), Visit.visited_on >= since, Visit.visited_on <= today)
        .group_by(Household.village_id, Household.group_name)
    )
    return tally, tuple(VisitTally(v, g, n, seen) for v, g, n, seen in visits)


def _kinds(tally: Sequence[Tally]) -> list[tuple[str | None, str | None, int]]:
    """(贫困户属性, 脱贫属性, households) of ``tally``."""
    kinds: dict[tuple[str | None, str | None], int] = {}
    for t in tally:
        kinds[t.category, t.poverty_status] = kinds.get((t.category, t.poverty_status), 0) + t.households
    return [(category, status, n) for (category, status), n in kinds.items()]


def _group_rows(tally: Sequence[Tally], visits: Sequence[VisitTally]) -> list[_GroupRow]:
    """Per (village, 村民小组) of ``tally``, with its households visited."""
    visited = {(v.village_id, v.group_name): v.visited for v in visits}
    groups: dict[tuple[str | None, str | None], list[Any]] = {}
    for t in tally:
        group = groups.get((t.village_id, t.group_name))
        if group is None:
            groups[t.village_id, t.group_name] = [t.households, t.first_number]
        else:
            group[0] += t.households
            group[1] = min(group[1], t.first_number)
    return [_GroupRow(v, g, n, visited.get((v, g), 0), first) for (v, g), (n, first) in groups.items()]


def _coverage(
    session: Session,
    rows: list[_GroupRow],
    order: list[str],
    villages: dict[str, str] | None = None,
) -> tuple[GroupCoverage, ...]:
    """Per 村民小组 in the village's own order (一组, 二组, 三组 — not the code points' 一, 三, 二), then
    groups it does not list in the order their first household appears (by 户编号), then the ungrouped.
    With ``villages`` (id -> name; several villages together) a group is named with its village
    (亚弄村一组) and households appear by village name, then 户编号."""
    named = villages is not None and len(set(villages.values())) > 1
    labelled: list[tuple[str, tuple[str, str], _GroupRow]] = []
    for row in rows:
        label = row.group_name or NO_GROUP
        village_name = villages.get(row.village_id or "", "") if villages is not None and named else ""
        if named:
            label = f"{village_name}{label}"
        labelled.append((label, (village_name, row.first_number), row))
    # two groups whose first households share a 户编号 (several villages): the household id decides
    keys = Counter(key for _label, key, _row in labelled)
    firsts: dict[int, str] = {}
    for index, (_label, key, row) in enumerate(labelled):
        if keys[key] > 1:
            firsts[index] = _first_id(session, row)
    first_seen: dict[str, tuple[str, str, str]] = {}
    totals: dict[str, list[int]] = {}
    for index, (label, (village_name, number), row) in enumerate(labelled):
        seen = (village_name, number, firsts.get(index, ""))
        first_seen[label] = min(first_seen.get(label, seen), seen)
        total = totals.setdefault(label, [0, 0])
        total[0] += row.households
        total[1] += row.visited
    unlisted = sorted((label for label in totals if label not in order), key=lambda label: first_seen[label])
    listed = [g for g in dict.fromkeys(order) if g in totals and g != NO_GROUP]
    listed += [g for g in unlisted if g != NO_GROUP] + ([NO_GROUP] if NO_GROUP in totals else [])
    return tuple(GroupCoverage(group, totals[group][0], totals[group][1]) for group in listed)


def _first_id(session: Session, row: _GroupRow) -> str:
    """The smallest id among the group's households with its first 户编号."""
    group = (
        Household.group_name.is_(None) if row.group_name is None else Household.group_name == row.group_name
    )
    village = (
        Household.village_id.is_(None) if row.village_id is None else Household.village_id == row.village_id
    )
    return (
        session.scalar(
            select(func.min(Household.id)).where(
                group,
                village,
                Household.number == row.first_number,
                Household.number.is_not(None),
                live(Household),
            )
        )
        or ""
    )


def _same(values: set[bool | None]) -> bool | None:
    return next(iter(values)) if len(values) == 1 else None


def _limit(ledger: Ledger, west: bool | None) -> tuple[str, Decimal | None]:
    if west is None:
        return "", None
    region = "西部" if west else "中部"
    try:
        return region, ledger.policy.village_exit.incidence_threshold(region)
    except InvalidInput:  # a township's edited policy without this region: the figure without a limit
        return region, None
