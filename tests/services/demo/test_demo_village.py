"""The demo village: 亚弄村 as reported, plausible people, four gaps, deterministic, refused when not empty."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.app import open_ledger
from desktop.domain.enums import (
    ATTENDING_SCHOOL,
    MONITORING_CATEGORIES,
    PAST_COMPULSORY_SCHOOL,
    POVERTY_CAUSES,
    RISK_TYPES,
    VISIT_KINDS,
    Dimension,
    Status,
)
from desktop.domain.errors import InvalidInput
from desktop.domain.idnumber import age_on, parse_id_number
from desktop.domain.income import net_income, per_person
from desktop.services.checklist.facts import income_figures
from desktop.services.checklist.verdicts import village_checklists
from desktop.services.context import Ledger
from desktop.services.demo import DemoSummary, create_demo
from desktop.services.diary import attendance
from desktop.services.households.households import list_households
from desktop.services.maintenance.check import run_check
from desktop.services.setup import init_village
from desktop.store.device import get_device
from desktop.store.dump import dump_json
from desktop.store.ids import natural_id
from desktop.store.models import (
    Assessment,
    FollowUp,
    Household,
    Income,
    Measure,
    Member,
    Monitoring,
    Operation,
    Pairing,
    Village,
    VillageIndicator,
    Visit,
    WorkLog,
)

TODAY = dt.date(2026, 11, 23)
REFUSED = "这个数据文件夹已有台账，演示村只能建在空的数据文件夹中"


def _ledger(home: Path, today: dt.date = TODAY) -> Ledger:
    ledger = open_ledger(home, create=True)
    ledger.today = lambda: today
    return ledger


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Ledger, DemoSummary]]:
    """The default demo, made once: the tests below only read it."""
    ledger = _ledger(tmp_path_factory.mktemp("demo"))
    summary = create_demo(ledger)
    yield ledger, summary
    ledger.store.close()


def _dump(ledger: Ledger) -> str:
    with ledger.store.read_session() as session:
        return dump_json(session)


def _poor(households: list[Household]) -> list[Household]:
    return [h for h in households if h.category != "非贫困户"]


# --- 亚弄村 as the 2016 report describes it ----------------------------------------------------------


def test_default_demo_is_yanong_as_reported(demo: tuple[Ledger, DemoSummary]) -> None:
    ledger, summary = demo
    assert (summary.villages, summary.households, summary.members) == (1, 71, 374)
    assert len(list_households(ledger)) == 71
    with ledger.store.read_session() as session:
        assert summary.operations == session.scalar(select(func.count()).select_from(Operation))
        (village,) = session.execute(select(Village)).scalars()
        device = get_device(session)
        households = list(session.execute(select(Household)).scalars())
        members = list(session.execute(select(Member)).scalars())
    assert device is not None and device.role == "village" and device.village_id == village.id
    assert (village.province, village.city, village.county, village.township, village.name) == (
        "四川省",
        "甘孜藏族自治州",
        "康定市",
        "甲根坝乡",
        "亚弄村",
    )
    assert village.altitude_m == 3600
    assert village.groups == ["一组", "二组", "三组", "四组"]
    assert {h.group_name for h in households} == set(village.groups)
    assert len(members) == 374

    poor = _poor(households)
    poor_ids = {h.id for h in poor}
    assert len(poor) == 18
    assert sum(m.household_id in poor_ids for m in members) == 73
    assert Counter(h.category for h in households)["非贫困户"] == 53
    assert {h.category for h in poor} == {"一般贫困户", "低保贫困户", "特困供养贫困户"}
    for h in poor:
        assert (h.standard, h.poverty_status, h.exit_year) == ("国家", "已脱贫", 2017)
        assert 2014 <= (h.identified_year or 0) <= 2016
        assert h.main_cause in POVERTY_CAUSES
        assert h.main_cause not in (h.other_causes or [])
        assert h.exit_steps is not None
        steps = [
            h.exit_steps[step]
            for step in ("民主评议", "村两委和驻村工作队核实", "贫困户认可签字", "公示", "销号")
        ]
        assert steps == sorted(steps) and steps[-1] < "2018"
    for h in households:
        if h.category == "非贫困户":
            assert (h.standard, h.poverty_status, h.identified_year) == (None, None, None)


def test_two_formerly_poor_households_are_monitored(demo: tuple[Ledger, DemoSummary]) -> None:
    ledger, _ = demo
    with ledger.store.read_session() as session:
        records = list(session.execute(select(Monitoring)).scalars())
        categories = {h.id: h.category for h in session.execute(select(Household)).scalars()}
        measures = Counter(m.household_id for m in session.execute(select(Measure)).scalars())
    assert len(records) == 2
    for record in records:
        assert categories[record.household_id] in ("一般贫困户", "低保贫困户")
        assert record.category in MONITORING_CATEGORIES
        assert record.risk_types and set(record.risk_types) <= set(RISK_TYPES)
        assert record.eliminated_on is None and record.measures
        steps = [
            record.clue_on,
            record.home_check_on,
            record.cross_check_on,
            record.review_on,
            record.notice_from,
            record.notice_to,
            record.township_review_on,
            record.identified_on,
        ]
        assert all(steps) and steps == sorted(steps) and steps[-1] <= TODAY
        assert (steps[-1] - steps[0]).days <= 15
        assert measures[record.household_id] >= 2


# --- the four gaps, and nothing else -------------------------------------------------------------------


def test_exactly_the_four_gaps(demo: tuple[Ledger, DemoSummary]) -> None:
    ledger, _ = demo
    checklists = village_checklists(ledger)
    assert len(checklists) == 71
    assert not [
        (c.number, d) for c in checklists for d, v in c.verdicts.items() if v.status is Status.UNKNOWN
    ]
    gaps = {d: (c, v) for c in checklists for d, v in c.gaps.items()}
    assert sorted(gaps) == sorted(
        [Dimension.EDUCATION, Dimension.MEDICAL, Dimension.HOUSING, Dimension.WATER]
    )
    assert all(v.status is Status.NOT_MET for _, v in gaps.values())
    assert len({c.household_id for c, _ in gaps.values()}) == 4

    with ledger.store.read_session() as session:
        members = list(session.execute(select(Member)).scalars())
        dropout = [
            m
            for m in members
            if m.birth_date and age_on(m.birth_date, TODAY) == 13 and m.schooling == "非在校生"
        ]
        uninsured = [m for m in members if not m.medical_insurance]
        housing = session.get(Household, gaps[Dimension.HOUSING][0].household_id)
        water = session.get(Household, gaps[Dimension.WATER][0].household_id)
    assert len(dropout) == 1 and len(uninsured) == 1
    assert dropout[0].household_id == gaps[Dimension.EDUCATION][0].household_id
    assert uninsured[0].household_id == gaps[Dimension.MEDICAL][0].household_id
    assert f"{dropout[0].name} 13 岁，非在校生" in gaps[Dimension.EDUCATION][1].reasons
    assert f"{uninsured[0].name} 未参加城乡居民医保" in gaps[Dimension.MEDICAL][1].reasons
    assert "住房鉴定为 C 级危房" in gaps[Dimension.HOUSING][1].reasons
    water_reasons = " ".join(gaps[Dimension.WATER][1].reasons)
    assert "每人每天用水 15 升" in water_reasons and "取水往返 40 分钟" in water_reasons
    assert housing is not None and housing.house_grade == "C"
    assert water is not None and (water.water_source, water.water_lpd, water.water_fetch_minutes) == (
        "不受保护井泉",
        15,
        40,
    )


def test_the_c_house_belongs_to_a_monitored_household(demo: tuple[Ledger, DemoSummary]) -> None:
    ledger, _ = demo
    with ledger.store.read_session() as session:
        (house,) = session.execute(select(Household).where(Household.house_grade == "C")).scalars()
        monitored = set(session.execute(select(Monitoring.household_id)).scalars())
        risks = session.execute(
            select(Monitoring.risk_types).where(Monitoring.household_id == house.id)
        ).scalar_one()
    assert house.id in monitored and "住房安全" in risks


# --- plausible people ----------------------------------------------------------------------------------


def test_members_are_plausible(demo: tuple[Ledger, DemoSummary]) -> None:
    ledger, _ = demo
    with ledger.store.read_session() as session:
        members = list(session.execute(select(Member)).scalars())
        households = {h.id: h for h in session.execute(select(Household)).scalars()}
    numbers = [m.id_number for m in members]
    assert len(set(numbers)) == len(numbers)
    by_household: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        assert m.id_number and m.name and m.birth_date
        ident = parse_id_number(m.id_number, TODAY)
        assert ident.number == m.id_number and ident.region in ("513301", "513321")
        assert (ident.sex, ident.birth_date) == (m.sex, m.birth_date)
        assert m.medical_insurance is not None and m.serious_illness_insurance is not None
        age = age_on(m.birth_date, TODAY)
        if 6 <= age <= 15 and m.schooling == "非在校生":
            continue  # the one gap, checked above
        if 6 <= age <= 15:
            assert m.schooling in ATTENDING_SCHOOL | PAST_COMPULSORY_SCHOOL
        elif 3 <= age <= 5:
            assert m.schooling == "学前教育"
        if age < 16:
            assert m.labour == "无劳动力"
        assert m.work_months is None or 0 <= m.work_months <= 12
        by_household[m.household_id or ""].append(m)
    assert len(by_household) == 71
    for household_id, people in by_household.items():
        heads = [m for m in people if m.relation == "本人或户主"]
        assert len(heads) == 1
        assert households[household_id].phone
        assert len({m.name for m in people}) == len(people)
    ethnicities = Counter(m.ethnicity for m in members)
    assert ethnicities.most_common(1)[0][0] == "藏族" and ethnicities["藏族"] > 0.8 * len(members)


def test_check_finds_no_data_problems(demo: tuple[Ledger, DemoSummary]) -> None:
    ledger, _ = demo
    report = run_check(ledger)
    assert report.integrity == []
    assert report.quality == []
    assert sum(1 for c in report.checklists if c.gaps) == 4


def test_every_household_is_safe_to_live_in_apart_from_the_gaps(demo: tuple[Ledger, DemoSummary]) -> None:
    ledger, _ = demo
    with ledger.store.read_session() as session:
        households = list(session.execute(select(Household)).scalars())
        checks = Counter(a.household_id for a in session.execute(select(Assessment)).scalars())
        latest = session.execute(select(func.min(Assessment.assessed_on))).scalar_one()
    assert Counter(h.house_grade for h in households) - Counter({"A": 1000, "B": 1000}) == Counter({"C": 1})
    assert sum(h.water_source == "自来水" and h.water_safe for h in households) == 70
    assert all(h.has_power and h.tv for h in households)
    assert all(checks[h.id] == 1 for h in households)
    assert latest >= TODAY - dt.timedelta(days=365)


# --- income, help, visits -------------------------------------------------------------------------------


def test_incomes_follow_the_lines(demo: tuple[Ledger, DemoSummary]) -> None:
    ledger, _ = demo
    policy = ledger.policy
    with ledger.store.read_session() as session:
        households = list(session.execute(select(Household)).scalars())
        incomes = list(session.execute(select(Income)).scalars())
        sizes = Counter(m.household_id for m in session.execute(select(Member)).scalars())
        monitored = set(session.execute(select(Monitoring.household_id)).scalars())
    latest = TODAY.year - 1

    def threshold(year: int) -> Decimal | None:
        # Sichuan's 监测范围 has no shipped, sourced figure: the township sets it (设置 → 政策标准)
        try:
            return policy.monitoring_threshold(year, "四川省").amount
        except InvalidInput:
            return None

    years: dict[str, set[int]] = defaultdict(set)
    for income in incomes:
        assert income.year is not None and income.household_id is not None
        assert income.id == natural_id("income", income.household_id, str(income.year))
        years[income.household_id].add(income.year)
        each = per_person(net_income(income_figures(income)), sizes[income.household_id])
        assert each is not None
        line = policy.poverty_line(income.year, "四川省").amount
        poor = next(h for h in households if h.id == income.household_id).category != "非贫困户"
        if poor and income.year < 2017:
            assert each < line  # still registered poor in 2016
        elif income.household_id in monitored and income.year == latest and threshold(latest) is not None:
            assert line < each < (threshold(latest) or 0)
        else:
            assert each > line
            if income.year >= 2021 and threshold(income.year) is not None:
                assert each >= (threshold(income.year) or 0)
    for h in households:
        expected = {2016, 2017, latest - 2, latest - 1, latest} if h.category != "非贫困户" else {latest}
        assert years[h.id] == expected


def test_helpers_measures_visits_and_follow_ups(demo: tuple[Ledger, DemoSummary]) -> None:
    ledger, _ = demo
    with ledger.store.read_session() as session:
        poor = {h.id for h in _poor(list(session.execute(select(Household)).scalars()))}
        pairings = list(session.execute(select(Pairing)).scalars())
        measures = list(session.execute(select(Measure)).scalars())
        visits = list(session.execute(select(Visit)).scalars())
        follow_ups = list(session.execute(select(FollowUp)).scalars())
        logs = list(session.execute(select(WorkLog)).scalars())
        (indicator,) = session.execute(select(VillageIndicator)).scalars()
    current = [p for p in pairings if p.end_on is None]
    assert {p.household_id for p in current} == poor and len(current) == len(poor)
    assert all(p.helper_name and p.work_unit and p.unit_level and p.phone for p in pairings)
    assert {m.household_id for m in measures} == poor
    assert all(TODAY - dt.timedelta(days=90) <= v.visited_on <= TODAY for v in visits)
    assert {v.kind for v in visits} == set(VISIT_KINDS)
    assert all(v.visitors and v.content for v in visits)
    done = [f for f in follow_ups if f.done]
    overdue = [f for f in follow_ups if not f.done and f.due_on < TODAY]
    open_ = [f for f in follow_ups if not f.done and f.due_on >= TODAY]
    assert done and overdue and open_
    assert all(f.done_on and f.done_on <= TODAY for f in done)
    # two months of diary, 在村 marks and leave for the first secretary and a team member (issue 18)
    assert {"走访", "会议", "在村", "公休", "乡里开会"} <= {log.kind for log in logs}
    assert len({log.author for log in logs}) == 2 and "王建国" in {log.author for log in logs}
    assert all(TODAY - dt.timedelta(days=60) <= log.day <= TODAY for log in logs)
    month = attendance(ledger, year=TODAY.year, month=TODAY.month - 1)
    assert len(month) == 2 and all(m.present > 10 and m.leave for m in month)
    assert indicator.year == TODAY.year - 1 and indicator.items and all(indicator.items.values())
    assert indicator.collective_income and indicator.collective_income > Decimal(0)


# --- determinism, refusal, all or nothing ---------------------------------------------------------------


def test_same_seed_and_day_give_the_same_ledger(demo: tuple[Ledger, DemoSummary], tmp_path: Path) -> None:
    again = _ledger(tmp_path / "again")
    other = _ledger(tmp_path / "other")
    create_demo(again)
    create_demo(other, seed=7)
    assert _dump(again) == _dump(demo[0])
    assert _dump(other) != _dump(demo[0])
    again.store.close()
    other.store.close()


def test_a_second_demo_is_refused_and_changes_nothing(demo: tuple[Ledger, DemoSummary]) -> None:
    ledger, summary = demo
    before = _dump(ledger)
    with pytest.raises(InvalidInput) as caught:
        create_demo(ledger, seed=99)
    assert caught.value.message == REFUSED
    assert _dump(ledger) == before
    with ledger.store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Operation)) == summary.operations


def test_refused_in_an_initialised_folder(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    init_village(ledger, code="513301", name="某村", user="扎西")
    with pytest.raises(InvalidInput, match=REFUSED):
        create_demo(ledger)
    assert [row.number for row in list_households(ledger)] == []
    ledger.store.close()


def test_a_failure_half_way_writes_nothing(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)

    def stop(done: int, total: int) -> None:
        if done == 40:
            raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        create_demo(ledger, progress=stop)
    with ledger.store.read_session() as session:
        assert get_device(session) is None
        assert session.scalar(select(func.count()).select_from(Operation)) == 0
        assert session.scalar(select(func.count()).select_from(Household)) == 0
    calls: list[tuple[int, int]] = []
    assert create_demo(ledger, progress=lambda done, total: calls.append((done, total))).households == 71
    assert calls[0] == (1, 71) and calls[-1] == (71, 71) and len(calls) == 71
    ledger.store.close()


def test_another_day_still_gives_the_four_gaps(tmp_path: Path) -> None:
    leap_day = dt.date(2024, 2, 29)
    ledger = _ledger(tmp_path, leap_day)
    summary = create_demo(ledger, seed=11)
    assert (summary.households, summary.members) == (71, 374)
    checklists = village_checklists(ledger)
    statuses = Counter(v.status for c in checklists for v in c.verdicts.values())
    assert statuses[Status.NOT_MET] == 4 and statuses[Status.UNKNOWN] == 0
    assert run_check(ledger).quality == []
    ledger.store.close()


# --- scaled up --------------------------------------------------------------------------------------------


def test_scaled_to_three_villages(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    summary = create_demo(ledger, households=300, villages=3)
    assert (summary.villages, summary.households) == (3, 300)
    with ledger.store.read_session() as session:
        villages = {v.id: v for v in session.execute(select(Village)).scalars()}
        per_village = Counter(h.village_id for h in session.execute(select(Household)).scalars())
        members = session.scalar(select(func.count()).select_from(Member))
        device = get_device(session)
    assert sorted(per_village.values()) == [100, 100, 100]
    assert len({v.name for v in villages.values()}) == 3
    assert device is not None and villages[device.village_id].name == "亚弄村"
    assert members == summary.members and abs(members - 300 * 374 / 71) <= 3
    assert {v.township for v in villages.values()} == {"甲根坝乡"}
    for village_id in villages:
        gaps = [d for c in village_checklists(ledger, village_id=village_id) for d in c.gaps]
        assert sorted(gaps) == sorted(
            [Dimension.EDUCATION, Dimension.MEDICAL, Dimension.HOUSING, Dimension.WATER]
        )
    ledger.store.close()


def test_too_few_households_for_the_villages(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    with pytest.raises(InvalidInput, match="每个村至少 10 户"):
        create_demo(ledger, households=15, villages=2)
    with ledger.store.read_session() as session:
        assert get_device(session) is None
    ledger.store.close()
