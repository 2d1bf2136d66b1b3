"""The derived verdicts (``household_verdict``): every household's 两不愁三保障 + 饮水安全 verdicts kept
current, so 概况, 各村 and the gap report of a county read them instead of judging 200,000 households.

A row is what ``verdicts.judge`` (the one way households are judged) found for the household on the day
``judged_on``, with the checklist policy ``stamp`` names, and holds until ``holds_until`` (the next school
year's start for a child entering or leaving school age, a school-age child's birthday, a relocation's
day, a check dated later; see ``domain.checklist.verdicts_hold_until``). Rows are written:
- before every commit, for the households the transaction touched (here or from a bundle), by the judge
  the ledger sets as its store's verdict judge (``Ledger`` in services/context, calling ``refresh``);
- when the program opens the ledger, for households without a row that holds today (a new format or
  policy, rows expired since, rows dropped by a write without a ledger): ``bring_up_to_date``.
A reader uses the rows that hold on its day and judges the other households itself (``--as-of`` a day
before a row was judged: that household is judged directly), so what it shows never depends on whether
the rows were current: only how long it takes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.checklist import Verdict
from desktop.domain.enums import Dimension, Status
from desktop.domain.policy import PolicyTables
from desktop.services.checklist.verdicts import HouseholdChecklist, Judged, judge
from desktop.services.context import Ledger
from desktop.services.shared_reads import shared_read
from desktop.store import verdict_table
from desktop.store.base import table_of
from desktop.store.models import (
    DIMENSION_COLUMNS,
    Household,
    HouseholdVerdict,
    Member,
    Village,
)
from desktop.store.queries import in_chunks, live

# what the rows hold and how they are judged: changing it (or the checklist policy) judges every
# household again
FORMAT = 2  # 2: people
_COLUMNS = tuple(DIMENSION_COLUMNS[d.value] for d in Dimension)  # status column per dimension, in order


def stamp(policy: PolicyTables) -> str:
    """The format and the parts of the policy the verdicts depend on (school ages, water, medical)."""
    parts = (FORMAT, policy.default_school_ages, policy.province_school_ages, policy.water, policy.medical)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def refresh(session: Session, ledger: Ledger, household_ids: Sequence[str]) -> None:
    """Judge ``household_ids`` today and write their rows (the caller dropped the old ones)."""
    today = replace(ledger, as_of=None)
    mark = stamp(ledger.policy)
    day = ledger.today()
    households = table_of(Household)
    for chunk in in_chunks(list(household_ids)):
        rows = session.execute(select(households).where(households.c.id.in_(chunk))).all()
        _write(session, judge(session, today, rows), mark, day)


def bring_up_to_date(ledger: Ledger) -> int:
    """Judge every household whose row does not hold today (none, expired, another format or policy)
    and write it; returns how many. One transaction per 5,000 households."""
    day = ledger.today()
    mark = stamp(ledger.policy)
    with ledger.store.read_session() as session:
        stale = list(
            session.execute(
                select(Household.id)
                .outerjoin(
                    HouseholdVerdict, and_(HouseholdVerdict.household_id == Household.id, _holds(mark, day))
                )
                .where(HouseholdVerdict.household_id.is_(None))
                .order_by(Household.id)
            ).scalars()
        )
    for part in in_chunks(stale, 5_000):
        with ledger.store.session() as session:
            verdict_table.forget(session, part)
            refresh(session, ledger, part)
    return len(stale)


def _write(session: Session, judged: Iterator[Judged], mark: str, day: dt.date) -> None:
    rows: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    for found in judged:
        c = found.checklist
        rows.append(
            {
                "household_id": c.household_id,
                "stamp": mark,
                "judged_on": day,
                "holds_until": found.holds_until,
                "head_name": c.head_name,
                "people": found.people,
                **{column: c.verdicts[d].status.value for column, d in zip(_COLUMNS, Dimension, strict=True)},
                "short": c.short,
                "to_verify": c.to_verify,
                "verdicts": json.dumps(
                    [[c.verdicts[d].status.value, list(c.verdicts[d].reasons)] for d in Dimension],
                    ensure_ascii=False,
                ),
            }
        )
        members += [{"member_id": m, "household_id": c.household_id} for m in found.member_ids]
    verdict_table.write(session, rows, members)


def _holds(mark: str, day: dt.date) -> Any:
    return and_(
        HouseholdVerdict.stamp == mark,
        HouseholdVerdict.judged_on <= day,
        or_(HouseholdVerdict.holds_until.is_(None), HouseholdVerdict.holds_until > day),
    )


def _in_scope(village_id: str | None) -> list[Any]:
    conditions: list[Any] = [Household.number.is_not(None), live(Household)]
    if village_id is not None:
        conditions.append(Household.village_id == village_id)
    return conditions


# --- reading ---------------------------------------------------------------------------------------------


def _standing(ledger: Ledger, *columns: Any) -> Any:
    """Households (id, 户编号, village) with their row that holds on ``ledger.judged_on()`` (its
    ``household_id``, None when there is none, and 户主), then ``columns`` of that row."""
    day, mark = ledger.judged_on(), stamp(ledger.policy)
    return select(
        Household.id,
        Household.number,
        Household.village_id,
        HouseholdVerdict.household_id,
        HouseholdVerdict.head_name,
        *columns,
    ).outerjoin(HouseholdVerdict, and_(HouseholdVerdict.household_id == Household.id, _holds(mark, day)))


# a household with a gap by its row, or with no row that holds: judged by the reader
_GAP_OR_UNJUDGED = or_(
    HouseholdVerdict.household_id.is_(None), HouseholdVerdict.short, HouseholdVerdict.to_verify
)


def standing_checklists(
    session: Session,
    ledger: Ledger,
    village_id: str | None,
    *,
    only_gaps: bool = False,
    household_ids: Sequence[str] | None = None,
) -> list[HouseholdChecklist]:
    """The verdicts of the live households of ``village_id`` (None: all; ``household_ids``: only those)
    on ``ledger.judged_on()``, from the rows that hold on that day; the other households judged here.
    Unordered."""
    if only_gaps and village_id is None and household_ids is None:
        return [gap.checklist for gap in county_gaps(ledger)]
    query = _standing(ledger, HouseholdVerdict.verdicts).where(*_in_scope(village_id))
    if only_gaps:
        query = query.where(_GAP_OR_UNJUDGED)
    if household_ids is not None:
        query = query.where(Household.id.in_(list(household_ids)))
    return [checklist for checklist, _village in _read_standing(session, ledger, query, only_gaps=only_gaps)]


def _read_standing(
    session: Session, ledger: Ledger, query: Select[Any], *, only_gaps: bool
) -> Iterator[tuple[HouseholdChecklist, str | None]]:
    """Each household of ``query`` (a ``_standing`` of the verdicts) with its village id: from its row
    where one holds, else judged here (``only_gaps``: those with a gap only)."""
    names = _village_names(session)
    stale: list[str] = []
    for household_id, number, village, held, head, text in session.execute(query):
        if held is None:
            stale.append(household_id)
            continue
        name = names.get(village or "", "（未归村）")
        yield HouseholdChecklist(household_id, number or "", head, _held_verdicts(text), name), village
    for judged in _judge_ids(session, ledger, stale):
        if judged.checklist.gaps or not only_gaps:
            yield judged.checklist, judged.village_id


@dataclass(frozen=True)
class ChecklistKeys:
    """核查's list as keys (the verdicts' reasons and 户主 read a page at a time, ``standing_checklists``
    with ``household_ids``): the listed households' ids, 户编号 and village names in 户编号 order, how
    many households the village (or township) has, and per dimension how many listed are of each status."""

    ids: list[str]
    numbers: list[str]
    village_names: list[str]
    total: int
    counts: dict[Dimension, dict[Status, int]]


def standing_keys(
    session: Session, ledger: Ledger, village_id: str | None, *, only_gaps: bool = False
) -> ChecklistKeys:
    """The keys of ``standing_checklists`` (same households, same day): the statuses from the rows that
    hold on ``ledger.judged_on()``, the other households judged here and only their keys kept."""
    names = _village_names(session)
    columns = [getattr(HouseholdVerdict, c) for c in _COLUMNS]
    query = _standing(ledger, *columns).where(*_in_scope(village_id))
    if only_gaps:
        query = query.where(_GAP_OR_UNJUDGED)
    counts = {d: dict.fromkeys(Status, 0) for d in Dimension}
    tallies = [counts[d] for d in Dimension]
    by_status = {s.value: s for s in Status}
    listed: list[tuple[str, str, str]] = []  # (户编号, id, village name)
    stale: list[str] = []
    for household_id, number, village, held, _head, *statuses in session.execute(query):
        if held is None:
            stale.append(household_id)
            continue
        listed.append((number or "", household_id, names.get(village or "", "（未归村）")))
        for tally, status in zip(tallies, statuses, strict=True):
            tally[by_status[status]] += 1
    for judged in _judge_ids(session, ledger, stale):
        c = judged.checklist
        if c.gaps or not only_gaps:
            listed.append((c.number, c.household_id, c.village_name))
            for d, verdict in c.verdicts.items():
                counts[d][verdict.status] += 1
    total = len(listed)
    if only_gaps:
        total = session.execute(
            select(func.count()).select_from(Household).where(*_in_scope(village_id))
        ).scalar_one()
    listed.sort()
    return ChecklistKeys(
        [k[1] for k in listed], [k[0] for k in listed], [k[2] for k in listed], int(total), counts
    )


@dataclass(frozen=True)
class GapRow:
    """A household with a gap, as 概况 and 各村 count it: no reasons, one status per dimension."""

    household_id: str
    number: str
    village_id: str | None
    head_name: str
    statuses: tuple[Status, ...]  # in the order of Dimension
    short: bool  # 有短板 (HouseholdChecklist.short)
    to_verify: bool  # 待核实 (HouseholdChecklist.to_verify)

    def dimensions(self, status: Status) -> tuple[str, ...]:
        return tuple(d.value for d, s in zip(Dimension, self.statuses, strict=True) if s is status)


def gap_rows(session: Session, ledger: Ledger, conditions: Sequence[Any]) -> list[GapRow]:
    """The live households matching ``conditions`` (on Household) that have a gap, on the ledger's day."""
    columns = [getattr(HouseholdVerdict, c) for c in _COLUMNS]
    query = _standing(ledger, HouseholdVerdict.short, HouseholdVerdict.to_verify, *columns).where(
        *conditions, _GAP_OR_UNJUDGED
    )
    found: list[GapRow] = []
    stale: list[str] = []
    for household_id, number, village, held, head, short, to_verify, *statuses in session.execute(query):
        if held is None:
            stale.append(household_id)
            continue
        found.append(
            GapRow(
                household_id,
                number or "",
                village,
                head,
                tuple(Status(s) for s in statuses),
                short,
                to_verify,
            )
        )
    for judged in _judge_ids(session, ledger, stale):
        c = judged.checklist
        if c.gaps:
            found.append(
                GapRow(
                    c.household_id,
                    c.number,
                    judged.village_id,
                    c.head_name,
                    tuple(c.verdicts[d].status for d in Dimension),
                    c.short,
                    c.to_verify,
                )
            )
    return found


@dataclass(frozen=True)
class CountyGap:
    """A household with a gap in the county's view (every village), its verdicts with their reasons."""

    checklist: HouseholdChecklist
    village_id: str | None

    def row(self) -> GapRow:
        c = self.checklist
        return GapRow(
            c.household_id,
            c.number,
            self.village_id,
            c.head_name,
            tuple(c.verdicts[d].status for d in Dimension),
            c.short,
            c.to_verify,
        )


def county_gaps(ledger: Ledger) -> tuple[CountyGap, ...]:
    """The live households with a 户编号, of every village, that have a gap on ``ledger.judged_on()``
    (``standing_checklists(only_gaps=True)`` of no village): what 概况 of all villages, 各村 and the
    county's gap report each show, read once and shared by them while the database is unchanged
    (services/shared_reads.py). Unordered."""
    return shared_read(
        ledger, "county gaps", (ledger.judged_on(), stamp(ledger.policy)), lambda: _read_county_gaps(ledger)
    )


def _held_verdicts(text: str) -> dict[Dimension, Verdict]:
    """A household's derived verdicts as stored: (status, reasons) per dimension, in Dimension's order."""
    return {
        d: Verdict(Status(status), tuple(reasons))
        for d, (status, reasons) in zip(Dimension, json.loads(text), strict=True)
    }


def _read_county_gaps(ledger: Ledger) -> tuple[CountyGap, ...]:
    with ledger.store.read_session() as session:
        return tuple(_county_gaps(session, ledger))


def _county_gaps(session: Session, ledger: Ledger) -> Iterator[CountyGap]:
    query = _standing(ledger, HouseholdVerdict.verdicts).where(*_in_scope(None), _GAP_OR_UNJUDGED)
    for checklist, village in _read_standing(session, ledger, query, only_gaps=True):
        yield CountyGap(checklist, village)


def people_counts(
    session: Session,
    conditions: Sequence[Any],
    poor: Sequence[str],
    *,
    households: int,
    from_rows: tuple[int, int, int],
) -> tuple[int, int]:
    """Members not archived of the ``households`` households matching ``conditions`` (on Household), and
    of those whose 脱贫属性 is one of ``poor``. ``from_rows`` is what the caller summed from the derived
    rows over ``conditions`` in its own pass over the households (概况 does): (people, people of ``poor``
    households, households with a row); a row's count holds whatever its day or stamp (it is written
    again whenever a member changes). Households without a row are counted here directly."""
    is_poor = Household.poverty_status.in_(list(poor))
    total, poor_total, with_row = from_rows
    for chunk in in_chunks(_without_row(session, conditions, households=households, with_row=with_row)):
        counted = (
            select(func.count(), func.coalesce(func.sum(case((is_poor, 1), else_=0)), 0))
            .select_from(Member)
            .join(Household, Member.household_id == Household.id)
            .where(Household.id.in_(chunk), live(Member))
        )
        more, more_poor = session.execute(counted).one()
        total, poor_total = total + more, poor_total + more_poor
    return int(total), int(poor_total)


def people_by_village(
    session: Session,
    conditions: Sequence[Any],
    *,
    households: int,
    from_rows: Sequence[tuple[str | None, int, int]],
) -> dict[str, int]:
    """Members not archived of the ``households`` households matching ``conditions``, per village
    (households of no village left out), as ``people_counts``: ``from_rows`` is (village id, people,
    households with a row) per village, summed by the caller (各村 does, in its pass over the
    households); households without a row are counted here directly."""
    with_row = sum(n for _v, _p, n in from_rows)
    counted: list[Any] = [(village_id, people) for village_id, people, _n in from_rows]
    for chunk in in_chunks(_without_row(session, conditions, households=households, with_row=with_row)):
        counted += session.execute(
            select(Household.village_id, func.count())
            .join(Member, Member.household_id == Household.id)
            .where(Household.id.in_(chunk), live(Member))
            .group_by(Household.village_id)
        ).all()
    found: dict[str, int] = {}
    for village_id, n in counted:
        if village_id and n:
            found[village_id] = found.get(village_id, 0) + int(n)
    return found


def _without_row(session: Session, conditions: Sequence[Any], *, households: int, with_row: int) -> list[str]:
    """The households matching ``conditions`` without a derived row, ``with_row`` of the ``households``
    matching having one: none when they all have (the usual case: two counts, no join per household)."""
    if households == with_row:
        return []
    return list(
        session.execute(
            select(Household.id)
            .outerjoin(HouseholdVerdict, HouseholdVerdict.household_id == Household.id)
            .where(*conditions, HouseholdVerdict.household_id.is_(None))
        ).scalars()
    )


def _judge_ids(session: Session, ledger: Ledger, household_ids: list[str]) -> Iterator[Judged]:
    households = table_of(Household)
    for chunk in in_chunks(household_ids):
        rows = session.execute(select(households).where(households.c.id.in_(chunk))).all()
        yield from judge(session, ledger, rows)


def _village_names(session: Session) -> dict[str, str]:
    return {
        v.id: v.name or v.code or "" for v in session.execute(select(Village.id, Village.name, Village.code))
    }
