"""The derived verdicts (household_verdict) 概况, 各村 and the gap report read: what they show equals
judging every household directly, on SQLite and PostgreSQL — after edits, a member moving, a check, a
bundle import, a birthday and a school year's start, and a rebuild for a new format."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from pg_township import townships_with_two_villages
from records import make_id_number
from sqlalchemy import delete, func, select

from desktop.domain.enums import Dimension, Status
from desktop.services import shared_reads
from desktop.services.checklist import standing
from desktop.services.checklist.assessments import record_assessment
from desktop.services.checklist.verdicts import (
    HouseholdChecklist,
    checklist_keys,
    checklist_rows,
    checklists,
    village_checklists,
)
from desktop.services.context import Ledger, judged_as_of
from desktop.services.households.events import move_member
from desktop.services.households.flags import household_flags
from desktop.services.households.households import add_household, edit_household
from desktop.services.households.members import add_member, edit_member
from desktop.services.village.overview import village_overview
from desktop.services.village.township_overview import township_villages
from desktop.services.visits.visits import record_visit
from desktop.store.database import open_store
from desktop.store.models import Household, HouseholdVerdict, Member, Village, Visit
from desktop.store.queries import live


def direct(ledger: Ledger, as_of: dt.date | None = None) -> list[HouseholdChecklist]:
    """Every household judged on the day, from its records (no derived rows)."""
    judged = judged_as_of(ledger, as_of)
    village_id = judged.current_village_id()
    with judged.store.read_session() as session:
        query = select(Household).where(Household.number.is_not(None), live(Household))
        if village_id is not None:
            query = query.where(Household.village_id == village_id)
        households = sorted(session.execute(query).scalars(), key=lambda h: (h.number or "", h.id))
        return checklists(session, judged, households)


def held(ledger: Ledger, day: dt.date) -> int:
    """How many households have a derived row that holds on ``day`` (the fast path reads them)."""
    with ledger.store.read_session() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(HouseholdVerdict)
                .where(standing._holds(standing.stamp(ledger.policy), day))
            )
            or 0
        )


def assert_same(ledger: Ledger, as_of: dt.date | None = None) -> list[HouseholdChecklist]:
    expected = direct(ledger, as_of)
    assert village_checklists(ledger, as_of=as_of) == expected
    assert village_checklists(ledger, as_of=as_of, only_gaps=True) == [c for c in expected if c.gaps]
    # 核查's list as keys, its rows read a page at a time: the same households, order, counts and verdicts
    for only_gaps in (False, True):
        listed = [c for c in expected if c.gaps or not only_gaps]
        keys = checklist_keys(ledger, as_of=as_of, only_gaps=only_gaps)
        assert (keys.ids, keys.numbers, keys.village_names, keys.total) == (
            [c.household_id for c in listed],
            [c.number for c in listed],
            [c.village_name for c in listed],
            len(expected),
        )
        assert keys.counts == {
            d: {s: sum(1 for c in listed if c.verdicts[d].status is s) for s in Status} for d in Dimension
        }
        assert checklist_rows(ledger, keys.ids[::-1], as_of=as_of) == listed[::-1]
    if as_of is None:
        flags = household_flags(ledger, village_id=None)  # the 农户 list's filters
        assert {h: f.gaps for h, f in flags.items()} == {c.household_id: frozenset(c.gaps) for c in expected}
        overview = village_overview(ledger, all_villages=ledger.current_village_id() is None)
        with ledger.store.read_session() as session:
            members = (
                select(func.count())
                .select_from(Member)
                .join(Household, Member.household_id == Household.id)
                .where(Household.number.is_not(None), live(Household), live(Member))
            )
            people = session.scalar(members)
            poor = session.scalar(members.where(Household.poverty_status.in_(("未脱贫", "返贫"))))
        assert (overview.people, overview.poor_people) == (people, poor)
        for gaps in overview.gaps:
            statuses = [c.verdicts[Dimension(gaps.dimension)].status for c in expected]
            assert (gaps.not_met, gaps.unknown) == (
                statuses.count(Status.NOT_MET),
                statuses.count(Status.UNKNOWN),
            )
        assert [(g.household_id, g.not_met, g.unknown, g.head_name) for g in overview.gap_households] == [
            (
                c.household_id,
                tuple(d.value for d, v in c.gaps.items() if v.status is Status.NOT_MET),
                tuple(d.value for d, v in c.gaps.items() if v.status is Status.UNKNOWN),
                c.head_name,
            )
            for c in expected
            if c.gaps
        ]
    return expected


def child(born: dt.date, sequence: int, **fields: object) -> dict[str, object]:
    return {
        "name": f"孩子{sequence}",
        "relation": "之子",
        "id_number": make_id_number(born, sequence),
        **fields,
    }


@pytest.fixture
def village(any_ledger: Ledger) -> Ledger:
    """Three households: a boy turning six on 2027-03-10 (school age from 2027-09-01), a girl of 15
    in 初中, and a family of adults; today is 2026-11-23."""
    ledger = any_ledger
    for number, sequence in (("001", 2), ("002", 4), ("003", 6)):
        add_household(
            ledger,
            number=number,
            head={"name": f"户主{number}", "id_number": make_id_number(dt.date(1980, 1, 1), sequence)},
            fields={"category": "一般贫困户", "poverty_status": "未脱贫"} if number == "002" else None,
        )
    add_member(ledger, "001", child(dt.date(2021, 3, 10), 11))
    add_member(ledger, "002", child(dt.date(2011, 5, 1), 13, schooling="初中"))
    return ledger


def test_the_fast_path_equals_judging_each_household_after_edits(village: Ledger) -> None:
    ledger = village
    found = assert_same(ledger)
    assert held(ledger, ledger.today()) == 3  # read from the derived rows, not judged again
    assert all(c.verdicts[Dimension.FOOD].status is Status.UNKNOWN for c in found)
    record_assessment(
        ledger, household="003", assessed_on=ledger.today(),
        fields={"food_staple_ok": True, "food_protein_ok": False, "housing_answer": "not_met"},
    )  # fmt: skip
    edit_household(ledger, "001", {"house_grade": "D", "water_source": "自来水"})
    found = assert_same(ledger)
    assert found[2].verdicts[Dimension.FOOD].status is Status.NOT_MET
    assert found[0].verdicts[Dimension.HOUSING].status is Status.NOT_MET
    # the girl moves to 003: both households are judged again, 002 without her
    (girl,) = [m for m in ledger_members(ledger) if m[1] == "孩子13"]
    move_member(ledger, girl[0], to_household="003", relation="之女")
    found = assert_same(ledger)
    assert held(ledger, ledger.today()) == 3
    with ledger.store.read_session() as session:
        rows = dict(session.execute(select(HouseholdVerdict.household_id, HouseholdVerdict.head_name)).all())
    assert len(rows) == 3


def ledger_members(ledger: Ledger) -> list[tuple[str, str]]:
    with ledger.store.read_session() as session:
        return [(m.id, m.name or "") for m in session.execute(select(Member)).scalars()]


def test_a_birthday_and_the_school_year_turn_the_rows_over(village: Ledger) -> None:
    ledger = village
    edit_member(ledger, next(i for i, n in ledger_members(ledger) if n == "孩子11"), {"schooling": None})
    assert_same(ledger)
    # the girl's birthday (her age is in the reason), then the boy's school year: each expires then
    for day in (dt.date(2027, 4, 30), dt.date(2027, 5, 1), dt.date(2027, 8, 31), dt.date(2027, 9, 1)):
        later = replace(ledger, today=lambda day=day: day)
        found = assert_same(later)
        if day == dt.date(2027, 9, 1):
            assert found[0].verdicts[Dimension.EDUCATION].status is Status.UNKNOWN  # six: 在校情况 not filled
    assert held(ledger, dt.date(2027, 5, 1)) == 2  # the girl's row no longer holds on her birthday
    assert held(ledger, dt.date(2027, 9, 1)) == 1  # and the boy's school year; 003 has no child
    # reading judged them directly; opening the ledger on that day writes them again, only those
    later = replace(ledger, today=lambda: dt.date(2027, 9, 1))
    assert standing.bring_up_to_date(later) == 2
    assert held(ledger, dt.date(2027, 9, 1)) == 3
    assert standing.bring_up_to_date(later) == 0
    assert_same(later)
    # a day before the rows were judged: judged directly, as it was then
    assert_same(later, as_of=dt.date(2026, 11, 23))


def test_a_new_format_rebuilds_every_row(village: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = village
    before = assert_same(ledger)
    monkeypatch.setattr(standing, "FORMAT", standing.FORMAT + 1)
    assert held(ledger, ledger.today()) == 0  # another format: no row is read
    assert assert_same(ledger) == before
    assert standing.bring_up_to_date(ledger) == 3
    assert held(ledger, ledger.today()) == 3
    assert assert_same(ledger) == before
    # rows dropped by a write without a judge (a store used without a ledger): judged and counted directly
    with ledger.store.session() as session:
        session.execute(
            delete(HouseholdVerdict).where(
                HouseholdVerdict.household_id.in_(select(Household.id).where(Household.number == "002"))
            )
        )
    assert held(ledger, ledger.today()) == 2
    assert assert_same(ledger) == before
    # 各村 adds the members of the household without a row as 概况 does
    overview = village_overview(ledger)
    row = next(r for r in township_villages(ledger) if r.village_id == ledger.current_village_id())
    assert (row.households, row.people) == (overview.households, overview.people)


@pytest.mark.slow
def test_a_township_that_imported_bundles_reads_what_it_would_judge(tmp_path: Path, postgres: object) -> None:
    towns = townships_with_two_villages(tmp_path, postgres)
    try:
        results = []
        for township in (towns.postgres, towns.sqlite):
            ledger = township.ledger
            found = assert_same(ledger)
            with ledger.store.read_session() as session:
                households = session.scalar(select(func.count()).select_from(Household)) or 0
            assert held(ledger, ledger.today()) == households  # the import wrote every row
            summary = township_villages(ledger)
            rows = {r.name: (r.not_met, r.unknown) for r in summary}
            with ledger.store.read_session() as session:
                numbered = (Household.number.is_not(None), live(Household))
                for row in summary:
                    in_village = (*numbered, Household.village_id == row.village_id)
                    people = (
                        select(func.count())
                        .select_from(Member)
                        .join(Household, Member.household_id == Household.id)
                    )
                    assert row.households == session.scalar(
                        select(func.count()).select_from(Household).where(*in_village)
                    )
                    assert row.people == session.scalar(people.where(*in_village, live(Member)))
            short = sum(1 for c in found if c.short)
            assert sum(n for n, _ in rows.values()) == short
            assert sum(u for _, u in rows.values()) == sum(1 for c in found if c.to_verify)
            results.append([(c.number, c.verdicts) for c in found])
        assert results[0] == results[1]
    finally:
        towns.close()


def coverage_one_by_one(ledger: Ledger, village_id: str | None) -> list[tuple[str, int, int]]:
    """村民小组 coverage as 概况 counted it household by household (the order: the village's groups,
    then others by their first household, by village name and 户编号; the ungrouped last)."""
    today = ledger.today()
    since = today - dt.timedelta(days=29)
    with ledger.store.read_session() as session:
        query = select(Household).where(Household.number.is_not(None), live(Household))
        if village_id is not None:
            query = query.where(Household.village_id == village_id)
        households = sorted(session.execute(query).scalars(), key=lambda h: (h.number or "", h.id))
        visited = set(
            session.execute(
                select(Visit.household_id).where(
                    live(Visit), Visit.visited_on >= since, Visit.visited_on <= today
                )
            ).scalars()
        )
        names = {v.id: v.name or v.code or "" for v in session.execute(select(Village)).scalars()}
        order = list(session.get(Village, village_id).groups or []) if village_id else []
    named = village_id is None and len(set(names.values())) > 1
    if named:
        households = sorted(households, key=lambda h: (names.get(h.village_id or "", ""), h.number or ""))
    groups: dict[str, list[str]] = {g: [] for g in order}
    for h in households:
        label = h.group_name or "未分组"
        groups.setdefault(f"{names.get(h.village_id or '', '')}{label}" if named else label, []).append(h.id)
    ungrouped = groups.pop("未分组", [])
    listed = [(g, ids) for g, ids in groups.items() if ids] + ([("未分组", ungrouped)] if ungrouped else [])
    return [(g, len(ids), sum(1 for i in ids if i in visited)) for g, ids in listed]


@pytest.mark.slow
def test_group_coverage_counted_by_the_database_equals_counting_households(
    tmp_path: Path, postgres: object
) -> None:
    towns = townships_with_two_villages(tmp_path, postgres)
    try:
        for township in (towns.postgres, towns.sqlite):
            ledger = township.ledger
            overview = village_overview(ledger, all_villages=True)
            expected = coverage_one_by_one(ledger, None)
            assert len(expected) > 2 and any(visited for _g, _n, visited in expected)
            assert [(c.group, c.households, c.visited) for c in overview.coverage] == expected
            assert overview.visited == sum(v for _g, _n, v in expected)
            with ledger.store.read_session() as session:
                villages = list(session.execute(select(Village.id)).scalars())
            for village_id in villages:
                one = village_overview(ledger, village_id=village_id)
                assert [(c.group, c.households, c.visited) for c in one.coverage] == coverage_one_by_one(
                    ledger, village_id
                )
    finally:
        towns.close()


def county_figures(ledger: Ledger, *, forget: bool = True) -> tuple[object, ...]:
    """What 概况 of all villages and 各村 show of the households: gaps, people, visits, coverage. 各村
    read first counts by itself; read after 概况, from what 概况 read: the same rows. ``forget=False``:
    各村 first may use what was kept before (it must not, once anything was written since)."""
    if forget:
        shared_reads.forget(ledger)
    first = township_villages(ledger)
    overview = village_overview(ledger, all_villages=True)
    assert township_villages(ledger) == first
    (row,) = [r for r in first if r.village_id == ledger.current_village_id()]
    return (
        [(g.number, g.not_met, g.unknown) for g in overview.gap_households],
        (overview.households, overview.people, overview.poor_people, overview.visited),
        [(c.group, c.households, c.visited) for c in overview.coverage],
        (row.households, row.people, row.registered, row.not_met, row.unknown, row.visited),
    )


def test_the_county_view_read_once_shows_every_write_here_and_by_another_program(village: Ledger) -> None:
    """概况 of all villages and 各村 share what they read of the county while the database is unchanged
    (services/shared_reads.py): a write through the ledger, and one by another program (a store of its
    own, whose commits this one is not told of), shows at once — on SQLite and on PostgreSQL (where
another client's commit moves the server's write-ahead log)."""
    ledger = village
    before = county_figures(ledger)
    assert county_figures(ledger) == before
    record_assessment(
        ledger, household="003", assessed_on=ledger.today(),
        fields={"food_staple_ok": True, "food_protein_ok": False},
    )  # fmt: skip
    written_here = county_figures(ledger, forget=False)
    ((_number, not_met, _unknown),) = [g for g in written_here[0] if g[0] == "003"]
    assert not_met and written_here[3][3] == before[3][3] + 1  # 有短板户 of 各村 one more
    # another program records a visit and a member (its own store: this one hears nothing of it)
    location = ledger.store.location
    other = Ledger(store=open_store(location), policy=ledger.policy, today=ledger.today)
    try:
        record_visit(other, household="001", content="了解务工情况")
        add_member(other, "001", child(dt.date(2019, 6, 1), 15))
    finally:
        other.store.close()
    after = county_figures(ledger, forget=False)
    assert after[1] == (3, written_here[1][1] + 1, written_here[1][2], 1)  # one more person, one visited
    assert after[3][1] == written_here[3][1] + 1 and after[3][5] == 1
    assert sum(visited for _group, _n, visited in after[2]) == 1
    assert_same(ledger)
