"""Spreadsheets for the township: the roster in the national column order, the checklist gaps one
column per dimension, the visits with real dates; frozen headers, columns wide enough for Chinese
text, ID numbers as text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from records import make_id_number

from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.households.households import add_household
from desktop.services.households.members import add_member
from desktop.services.visits.visits import FollowUpInput, record_visit
from desktop.services.xlsx.exporting import export_gaps, export_roster, export_visits

from .sheets import NATIONAL

HEAD = make_id_number(dt.date(1970, 3, 1), 1)
CHILD = make_id_number(dt.date(2013, 4, 5), 2)


@pytest.fixture
def village(ledger: Ledger) -> Ledger:
    add_household(
        ledger,
        number="001",
        head={
            "name": "卓嘎",
            "id_number": HEAD,
            "medical_insurance": True,
            "serious_illness_insurance": True,
        },
        fields={
            "category": "脱贫户",
            "main_cause": "自身发展动力不足",
            "phone": "13800000001",
            "house_grade": "C",
        },
    )
    add_member(
        ledger, "001", {"name": "拉姆", "id_number": CHILD, "relation": "之女", "schooling": "非在校生"}
    )
    return ledger


def test_the_roster_is_in_national_order_with_ids_as_text(village: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "花名册.xlsx"
    result = export_roster(village, path)
    assert (result.households, result.rows) == (1, 2)
    sheet = load_workbook(path)["花名册"]
    assert [c.value for c in sheet[1]] == NATIONAL
    assert sheet.freeze_panes == "A2"
    head = {h: c for h, c in zip(NATIONAL, sheet[2], strict=True)}
    assert head["证件号码"].value == HEAD and head["证件号码"].data_type == "s"
    assert head["证件号码"].number_format == "@" and head["户编号"].value == "001"
    assert head["联系电话"].value == "13800000001" and head["人数"].value == 2
    assert (head["危房户"].value, head["行政村"].value, head["与户主关系"].value) == (
        "是",
        "亚弄村",
        "本人或户主",
    )
    assert head["参加大病医疗"].value == "是"
    widths = {h: sheet.column_dimensions[c.column_letter].width for h, c in head.items()}
    assert widths["证件号码"] >= 18 and widths["主要致贫原因"] >= 16  # 8 Chinese characters: 16 cells
    assert widths["县"] < widths["主要致贫原因"]


def test_the_gaps_have_one_column_per_dimension(village: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "短板.xlsx"
    assert export_gaps(village, path).rows == 1
    sheet = load_workbook(path)["两不愁三保障短板"]
    headers = [c.value for c in sheet[1]]
    assert headers == [
        "户编号",
        "户主",
        "村民小组",
        "不愁吃",
        "不愁穿",
        "义务教育",
        "基本医疗",
        "住房安全",
        "饮水安全",
        "短板数",
    ]
    row = {h: c for h, c in zip(headers, sheet[2], strict=True)}
    assert row["户编号"].value == "001" and row["户主"].value == "卓嘎"
    assert str(row["义务教育"].value).startswith("未达标：拉姆 13 岁，非在校生")
    assert row["义务教育"].fill.fgColor.rgb == "FFFFC7CE"
    assert str(row["住房安全"].value).startswith("未达标")
    assert str(row["不愁吃"].value).startswith("待核实") and row["不愁吃"].fill.fgColor.rgb == "FFFFEB9C"
    assert isinstance(row["短板数"].value, int) and sheet.freeze_panes == "A2"


def test_visits_have_real_dates_and_their_follow_ups(village: Ledger, tmp_path: Path) -> None:
    record_visit(
        village,
        household="001",
        visited_on=dt.date(2026, 10, 8),
        visitors=["扎西", "洛桑"],
        content="了解拉姆辍学情况",
        follow_ups=[FollowUpInput("劝返拉姆", dt.date(2026, 12, 1), "扎西")],
    )
    record_visit(
        village, household="001", visited_on=dt.date(2026, 9, 1), content="宣讲医保政策", kind="电话"
    )
    path = tmp_path / "走访.xlsx"
    assert export_visits(village, path).rows == 2
    sheet = load_workbook(path)["走访记录"]
    headers = [c.value for c in sheet[1]]
    first, second = ({h: c for h, c in zip(headers, row, strict=True)} for row in sheet.iter_rows(min_row=2))
    assert (
        first["走访日期"].value == dt.datetime(2026, 9, 1) and first["走访日期"].number_format == "yyyy-mm-dd"
    )
    assert first["方式"].value == "电话"
    assert second["走访人"].value == "扎西、洛桑" and second["户主"].value == "卓嘎"
    assert second["后续事项"].value == "劝返拉姆（扎西，到期 2026-12-01，未办结）"


def test_an_export_must_be_an_xlsx_file(village: Ledger, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"应以 \.xlsx 结尾"):
        export_roster(village, tmp_path / "花名册.xls")
    assert not (tmp_path / "花名册.xls").exists()
