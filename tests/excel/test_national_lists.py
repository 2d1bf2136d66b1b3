"""A national export imports whole: every value of every national code list, read back as the national
value; variants as their canonical value; 死亡 and outgrown school status as warnings; the export date
of the title rows; a second import changes nothing; export (text or --codes) and import give the same
ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from records import make_id_number
from sqlalchemy import select

from desktop.app import open_ledger
from desktop.domain.codes import NATIONAL, code_list
from desktop.domain.field_values import CODE_LISTS
from desktop.excel.headers import NATIONAL_ROSTER
from desktop.services.context import Ledger
from desktop.services.maintenance.dump import dump_ledger
from desktop.services.setup import init_village
from desktop.services.xlsx.exporting import export_roster
from desktop.services.xlsx.importing import import_roster
from desktop.store.models import Household, Member

from .national_roster import EXPORT_DAY, HEADERS, NationalRoster, write_national_roster
from .sheets import person, write_rows
from .test_round_trip import roster_view

TODAY = dt.date(2026, 11, 23)
COLUMN_OF = {target: header for header, target in NATIONAL_ROSTER}
CODED = {target: key for target, key in CODE_LISTS.items() if target in COLUMN_OF}


def new_village(home: Path) -> Ledger:
    ledger = open_ledger(home, create=True)
    ledger.today = lambda: TODAY
    init_village(ledger, code="513301207201", name="亚弄村", user="洛桑", province="四川省", county="康定市")
    return ledger


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> NationalRoster:
    return write_national_roster(tmp_path_factory.mktemp("roster") / "贫困人口明细.xlsx", 500, deaths=3)


@pytest.fixture(scope="module")
def imported(big: NationalRoster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    ledger = new_village(tmp_path_factory.mktemp("village") / "home")
    report = import_roster(ledger, big.path)
    assert [p.describe() for p in report.problems] == []
    assert report.written and (len(report.added_households), report.members_added) == (500, big.rows)
    assert report.as_of == EXPORT_DAY
    # the three 死亡 rows are warnings, nobody else is
    assert [w.reason.split("：")[0] for w in report.warnings] == [
        "故去的老人的健康状况为“死亡”，即已去世"
    ] * 3
    yield ledger
    ledger.store.close()


def test_the_generated_roster_uses_every_national_value(big: NationalRoster) -> None:
    assert big.households == 500 and big.rows > 1900
    for target, key in CODED.items():
        used = {p.row.get(COLUMN_OF[target]) for p in big.people}
        national = {e.value for e in code_list(key).values if e.kind == NATIONAL}
        if key == "work_status":
            national.discard("未务工")  # a blank cell
        assert national <= used, (key, national - used)
    sheet = load_workbook(big.path)["贫困人口明细"]
    assert str(sheet["A2"].value).startswith("导出时间：2025-09-01")
    assert any(
        r.min_col == HEADERS.index("户编号") + 1 and r.max_row > r.min_row for r in sheet.merged_cells.ranges
    )


def test_every_national_value_is_stored_as_the_national_value(big: NationalRoster, imported: Ledger) -> None:
    with imported.store.read_session() as session:
        members = {m.id_number: m for m in session.execute(select(Member)).scalars()}
        households = {h.number: h for h in session.execute(select(Household)).scalars()}
    assert len(members) == big.rows
    for p in big.people:
        member = members[p.row["证件号码"]]
        household = households[p.row["户编号"]]
        for (table, name), key in CODED.items():
            sheet_value = p.row.get(COLUMN_OF[(table, name)])
            stored = getattr(member if table == "member" else household, name)
            expected = code_list(key).canonical(sheet_value) if sheet_value else None
            assert stored == expected, (p.row["证件号码"], name, sheet_value, stored)
    # the national granularity is kept, 五保贫困户 is stored under its current name
    stored_schooling = {m.schooling for m in members.values()}
    assert {"七年级", "八年级", "九年级", "高中二年级", "中职三年级", "高职一年级"} <= stored_schooling
    assert "五保贫困户" not in {h.category for h in households.values()}
    assert "特困供养贫困户" in {h.category for h in households.values()}
    assert "故去的老人" not in {m.name for m in members.values()}


def test_a_second_import_changes_nothing(big: NationalRoster, imported: Ledger) -> None:
    before = dump_ledger(imported)
    again = import_roster(imported, big.path)
    assert again.problems == [] and again.changes == [] and again.added_households == []
    assert (again.unchanged_households, again.unchanged_members) == (500, big.rows)
    assert dump_ledger(imported) == before


@pytest.mark.parametrize("codes", [False, True], ids=["values", "codes"])
def test_export_then_import_is_equal(imported: Ledger, tmp_path: Path, codes: bool) -> None:
    path = tmp_path / "花名册.xlsx"
    result = export_roster(imported, path, codes=codes)
    sheet = load_workbook(path).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header == HEADERS
    column = {h: i for i, h in enumerate(header)}
    first = [c.value for c in sheet[2]]
    assert first[column["与户主关系"]] == ("01" if codes else "本人或户主")
    fresh = new_village(tmp_path / "fresh")
    try:
        report = import_roster(fresh, path)
        assert [p.describe() for p in report.problems] == []
        assert report.members_added == result.rows
        assert roster_view(dump_ledger(fresh)) == roster_view(dump_ledger(imported))
    finally:
        fresh.store.close()


def test_older_spellings_are_read_as_the_national_value(ledger: Ledger, tmp_path: Path) -> None:
    head = make_id_number(dt.date(1970, 3, 1), 11)
    child = make_id_number(dt.date(2019, 3, 1), 12)
    rows = [
        person("001", "扎西", head, "户主", 民族="藏", 健康状况="患有大病", 务工状况="乡(镇)内务工", 务工时间=6,
               主要致贫原因="缺劳力", 贫困户属性="五保贫困户", 文化程度="小学"),
        person("001", "卓嘎", child, "之女", 民族="藏族", 文化程度="学前教育", 在校生状况="小学",
               务工状况=" 省内务工 "),
    ]  # fmt: skip
    report = import_roster(ledger, write_rows(tmp_path / "台账.xlsx", rows))
    assert report.problems == [] and report.written
    with ledger.store.read_session() as session:
        by_name = {m.name: m for m in session.execute(select(Member)).scalars()}
        household = session.execute(select(Household)).scalars().one()
    zhaxi, zhuoga = by_name["扎西"], by_name["卓嘎"]
    assert (zhaxi.relation, zhaxi.ethnicity, zhaxi.health, zhaxi.work_status) == (
        "本人或户主", "藏族", "大病", "乡（镇）内务工",
    )  # fmt: skip
    assert (zhuoga.education, zhuoga.work_status) == ("学龄前儿童", "县外省内务工")
    assert (household.main_cause, household.category) == ("缺劳动力", "特困供养贫困户")


def test_an_unknown_value_names_sheet_row_column_list_and_closest_value(
    ledger: Ledger, tmp_path: Path
) -> None:
    rows = [person("001", "扎西", make_id_number(dt.date(1970, 3, 1), 11), "本人或户主", 在校生状况="八年纪")]
    report = import_roster(ledger, write_rows(tmp_path / "台账.xlsx", rows))
    assert [p.describe() for p in report.problems] == [
        "工作表“花名册” 第 2 行 M 列（在校生状况）：在校生状况“八年纪”不在国家代码表“在校情况”中，最接近的是“八年级”"
    ]
    assert not report.written


def test_ages_are_judged_on_the_export_date(ledger: Ledger, tmp_path: Path) -> None:
    # 8 on 2025-09-01 (学前教育 fits up to 8), 9 by the ledger's today
    child = make_id_number(dt.date(2017, 3, 1), 12)
    rows = [
        person("001", "扎西", make_id_number(dt.date(1980, 3, 1), 11), "本人或户主"),
        person("001", "卓嘎", child, "之女", 在校生状况="学前教育"),
    ]
    dated = write_rows(tmp_path / "dated.xlsx", rows, above=[["贫困人口明细表"], ["截至2025年9月1日"]])
    on_export_day = import_roster(ledger, dated, dry_run=True)
    assert on_export_day.as_of == dt.date(2025, 9, 1)
    assert on_export_day.problems == [] and on_export_day.warnings == []
    undated = import_roster(ledger, write_rows(tmp_path / "undated.xlsx", rows), dry_run=True)
    assert undated.problems == []  # outgrown since: a warning, never blocking
    assert [w.describe() for w in undated.warnings] == [
        "工作表“花名册” 第 3 行 M 列（在校生状况）：在校生状况“学前教育”已与年龄不符：9 岁，学前教育一般为 2–8 岁；"
        "照表导入，请核实后更新"
    ]
    written = import_roster(ledger, write_rows(tmp_path / "undated.xlsx", rows))
    assert written.written
    with ledger.store.read_session() as session:
        assert (
            session.execute(select(Member.schooling).where(Member.name == "卓嘎")).scalar_one() == "学前教育"
        )


def test_a_death_row_is_a_warning_and_changes_nothing(ledger: Ledger, tmp_path: Path) -> None:
    rows = [
        person("001", "扎西", make_id_number(dt.date(1980, 3, 1), 11), "本人或户主"),
        person("001", "老阿妈", make_id_number(dt.date(1940, 3, 1), 12), "之母", 健康状况="死亡"),
    ]
    report = import_roster(ledger, write_rows(tmp_path / "台账.xlsx", rows))
    assert report.problems == [] and report.written and report.members_added == 1
    assert [w.describe() for w in report.warnings] == [
        "工作表“花名册” 第 3 行 N 列（健康状况）：老阿妈的健康状况为“死亡”，即已去世：未作为在世成员导入，"
        "台账未改动；如台账中此人仍在册，请用 zhucun event death 登记死亡"
    ]


def test_a_national_one_row_per_household_sheet_imports(ledger: Ledger, tmp_path: Path) -> None:
    headers = ["县", "乡", "行政村", "户编号", "户主姓名", "证件号码", "人数", "贫困户属性", "脱贫属性",
               "主要致贫原因", "联系电话"]  # fmt: skip
    rows = [
        {"县": "康定市", "乡": "甲根坝乡", "行政村": "亚弄村", "户编号": f"51330120720100{i:02d}",
         "户主姓名": name, "证件号码": make_id_number(dt.date(1970 + i, 5, 6), 2 * i + 1), "人数": 3,
         "贫困户属性": category, "脱贫属性": status, "主要致贫原因": cause, "联系电话": f"1380000000{i}"}
        for i, (name, category, status, cause) in enumerate(
            [("扎西", "五保贫困户", "历史已脱贫", "缺劳动力"), ("次仁", "低保贫困户", "新脱贫", "因病"),
             ("多吉", "一般贫困户", "返贫", "交通条件落后")]
        )
    ]  # fmt: skip
    path = write_rows(
        tmp_path / "贫困户.xlsx", rows, headers, sheet="脱贫户明细",
        above=[["亚弄村脱贫户明细"], ["导出日期：2025/9/1"]],
    )  # fmt: skip
    report = import_roster(ledger, path)
    assert report.problems == [] and report.written and report.as_of == dt.date(2025, 9, 1)
    assert len(report.added_households) == 3
    with ledger.store.read_session() as session:
        found = session.execute(select(Household.category, Household.poverty_status, Member.relation)
                                .join(Member, Member.household_id == Household.id)
                                .order_by(Household.number)).all()  # fmt: skip
    assert [tuple(r) for r in found] == [
        ("特困供养贫困户", "历史已脱贫", "本人或户主"),
        ("低保贫困户", "新脱贫", "本人或户主"),
        ("一般贫困户", "返贫", "本人或户主"),
    ]
