"""Real rosters are messy: titles, merged cells, spacer rows, text numbers, full-width digits, stray
spaces, a lower-case x. Everything a person can read correctly is imported correctly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from records import make_id_number

from desktop.domain.errors import InvalidInput, NotFound
from desktop.services.context import Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.households import list_households
from desktop.services.xlsx.importing import import_roster

HEAD = make_id_number(dt.date(1970, 3, 1), 1)  # a man
WIFE = make_id_number(dt.date(1972, 5, 9), 2)
SON = make_id_number(dt.date(2012, 8, 1), 3)
OLD = make_id_number(dt.date(1948, 1, 1), 5)
X_NUMBER = "11010519491231002X"  # DOMAIN §9: a valid number ending in X


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isalnum() and c.isascii() else c for c in text)


def messy_roster(path: Path) -> Path:
    """A county-style sheet: a merged title, a header row with variant names, a row of column numbers,
    a household's 户编号 merged down its rows, blank spacer rows, a 合计 row and a signature line."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "2024年花名册"
    sheet.append(["甲根坝乡亚弄村建档立卡户花名册"])
    sheet.merge_cells("A1:L1")
    sheet.append(["填报单位：亚弄村村委会"])
    headers = ["户编号", " 姓 名 ", "身份证号码", "与户主的关系", "性别", "民族", "在校生情况",
               "务工时间（月）", "参加大病保险", "贫困户属性", "联系方式", "户主签字"]  # fmt: skip
    sheet.append(headers)
    sheet.append(list(range(1, len(headers) + 1)))
    sheet.append(
        [
            "  001 ",
            "卓  嘎",
            HEAD,
            "户主",
            "男",
            "藏族",
            "非在校生",
            "６",
            "是",
            "脱贫户",
            13800000001,
            "一组",
        ]
    )
    sheet.append([None, "拉姆 ", full_width(WIFE), "配偶", None, "藏", None, "0", "是", None, None, None])
    sheet.append([None, "格桑", f" {SON} ", "之子", "", "藏族", "小学", None, "√", None, None, None])
    sheet.merge_cells("A5:A7")
    sheet.merge_cells("J5:J7")
    sheet.merge_cells("K5:K7")
    sheet.append([])
    sheet.append([None] * 3)
    sheet.append(["002", "次仁", X_NUMBER.lower(), "户主", "女", "汉族", "非在校生", 3, "否", "一般贫困户",
                  "１３８００００００02", None])  # fmt: skip
    sheet.append(
        ["003", "多吉", OLD[:6] + OLD[8:17], "户主", None, "藏族", None, None, None, "脱贫户", None, None]
    )
    sheet.append([None, "合计", None, None, None, None, None, None, None, None, None, None])
    sheet.append([])
    sheet.append(["填表人：扎西"])
    workbook.save(path)
    return path


def test_a_messy_county_sheet_imports_as_a_person_reads_it(ledger: Ledger, tmp_path: Path) -> None:
    report = import_roster(ledger, messy_roster(tmp_path / "台账.xlsx"))
    assert report.problems == [] and report.written
    assert (report.sheet, report.header_rows) == ("2024年花名册", (3, 3))
    assert len(report.added_households) == 3 and report.members_added == 5
    assert any("第 4 行是列序号" in n for n in report.notes)
    assert any("合计行" in n for n in report.notes)
    assert any("第 14 行没有姓名" in n for n in report.notes)  # 填表人 line
    assert report.ignored_columns == ["L 列“户主签字”：不认识的表头"]

    rows = {r.number: r for r in list_households(ledger)}
    assert sorted(rows) == ["001", "002", "003"]
    assert (rows["001"].head_name, rows["001"].member_count, rows["001"].phone) == ("卓嘎", 3, "13800000001")
    assert rows["001"].category == "脱贫户"
    members = {m["name"]: m for m in show_household(ledger, "001").members}
    assert set(members) == {"卓嘎", "拉姆", "格桑"}  # stray spaces gone, 卓  嘎 is 卓嘎
    assert members["拉姆"]["id_number"] == WIFE  # full-width digits
    assert members["拉姆"]["sex"] == "女" and members["拉姆"]["birth_date"] == "1972-05-09"  # from the number
    assert members["拉姆"]["ethnicity"] == "藏族"  # 藏 can only be 藏族
    assert members["格桑"]["id_number"] == SON and members["格桑"]["serious_illness_insurance"] is True
    assert members["卓嘎"]["work_months"] == 6 and members["拉姆"]["work_months"] == 0  # text numbers
    (head,) = show_household(ledger, "002").members
    assert head["id_number"] == X_NUMBER  # lower-case x
    assert rows["002"].phone == "13800000002"
    (old,) = show_household(ledger, "003").members
    assert old["id_number"] == OLD and old["birth_date"] == "1948-01-01"  # a 15-digit number, upgraded


def test_two_level_headers_and_a_sheet_chosen_by_its_headers(ledger: Ledger, tmp_path: Path) -> None:
    workbook = Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "填表说明"
    notes.append(["本表由村委会填写，证件号码请设为文本格式"])
    sheet = workbook.create_sheet("花名册")
    sheet.append(["户编号", "户主", None, "人数", "饮水", None])
    sheet.append([None, "姓名", "身份证号", None, "安全", "困难"])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:D2")
    sheet.merge_cells("E1:F1")
    sheet.append(["007", "卓嘎", HEAD, "1", "是", "否"])
    sheet.append(["008", "次仁", X_NUMBER, "2", "否", "是"])
    path = tmp_path / "两级表头.xlsx"
    workbook.save(path)

    report = import_roster(ledger, path)
    assert report.problems == [] and report.sheet == "花名册" and report.header_rows == (1, 2)
    # no 与户主关系 column: one row per household, the 户主 columns name the head
    assert any("一行一户" in n for n in report.notes)
    detail = show_household(ledger, "007")
    assert [(m["name"], m["relation"], m["id_number"]) for m in detail.members] == [
        ("卓嘎", "本人或户主", HEAD)
    ]
    assert detail.fields["water_safe"] is True and detail.fields["water_difficult"] is False
    assert show_household(ledger, "008").fields["water_difficult"] is True


def test_rows_without_household_numbers_group_under_the_head_before_them(
    ledger: Ledger, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["姓名", "证件号码", "与户主关系", "村民小组"])
    sheet.append(["卓嘎", HEAD, "户主", "一组"])
    sheet.append(["拉姆", WIFE, "配偶", "一组"])
    sheet.append(["次仁", X_NUMBER, "户主", "二组"])
    sheet.append(["多吉", OLD, "之父", "二组"])
    path = tmp_path / "无户编号.xlsx"
    workbook.save(path)

    report = import_roster(ledger, path)
    assert report.problems == []
    assert report.added_households == ["户 001（户主 卓嘎，2 人，表中无户编号，新编）",
                                       "户 002（户主 次仁，2 人，表中无户编号，新编）"]  # fmt: skip
    assert [m["name"] for m in show_household(ledger, "002").members] == ["次仁", "多吉"]
    assert show_household(ledger, "001").fields["group_name"] == "一组"
    # the second time the households are found by their head's ID number: nothing new
    again = import_roster(ledger, path)
    assert (again.added_households, again.changes, again.unchanged_members) == ([], [], 4)


def test_a_mapping_file_names_the_columns_nobody_recognises(ledger: Ledger, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["编号", "户成员", "居民身份号", "关系", "门牌", None])
    sheet.append(["001", "卓嘎", HEAD, "户主", "亚弄村一组 12 号", "13800000001"])
    path = tmp_path / "自定义表头.xlsx"
    workbook.save(path)
    with pytest.raises(InvalidInput, match="没有找到花名册的表头"):
        import_roster(ledger, path)

    mapping = tmp_path / "列名.toml"
    mapping.write_text(
        '[columns]\n"编号" = "户编号"\n"户成员" = "姓名"\n"居民身份号" = "身份证号"\n'
        '"门牌" = "户.住址"\n"F" = "联系电话"\n',
        encoding="utf-8",
    )
    report = import_roster(ledger, path, mapping=mapping)
    assert report.problems == [] and report.ignored_columns == []
    detail = show_household(ledger, "001")
    assert detail.fields["address"] == "亚弄村一组 12 号" and detail.fields["phone"] == "13800000001"
    assert detail.members[0]["id_number"] == HEAD

    mapping.write_text('[columns]\n"编号" = "户口本页码"\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match="“户口本页码”不存在"):
        import_roster(ledger, path, mapping=mapping)


def test_files_that_are_not_rosters_are_refused_with_a_reason(ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="找不到文件"):
        import_roster(ledger, tmp_path / "没有.xlsx")
    old = tmp_path / "台账.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InvalidInput, match=r"另存为 \.xlsx"):
        import_roster(ledger, old)
    broken = tmp_path / "坏的.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InvalidInput, match=r"不是有效的 \.xlsx"):
        import_roster(ledger, broken)
    path = messy_roster(tmp_path / "台账.xlsx")
    with pytest.raises(InvalidInput, match="没有名为“户籍”的工作表（有：2024年花名册）"):
        import_roster(ledger, path, sheet="户籍")
    assert list_households(ledger) == []


def test_year_month_births_float_months_and_an_unmerged_second_header_row(
    ledger: Ledger, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["户编号", "家庭成员", None, None, None, "务工", None])
    sheet.append([None, "姓名", "身份证号", "关系", "出生年月", "务工状况", "务工时间"])
    sheet.append(["001", "卓嘎", HEAD, "户主", "1970.03", "省外", 6.0])
    sheet.append(["001", "拉姆", WIFE, "配偶", "1972年6月", "未务工", "0"])
    path = tmp_path / "出生年月.xlsx"
    workbook.save(path)

    report = import_roster(ledger, path)
    assert report.header_rows == (1, 2)
    assert [p.describe() for p in report.problems] == [
        "工作表“Sheet” 第 4 行 E 列（出生年月）：出生年月 1972.06 与证件号码不符（按证件号码应为 1972.05）"
    ]
    sheet["E4"] = "1972.5"
    workbook.save(path)
    report = import_roster(ledger, path)
    assert report.problems == [] and report.written
    members = {m["name"]: m for m in show_household(ledger, "001").members}
    assert members["卓嘎"]["work_status"] == "省外务工" and members["卓嘎"]["work_months"] == 6
    assert members["卓嘎"]["birth_date"] == "1970-03-01"  # from the ID number


def test_a_household_number_on_the_head_row_only_and_a_disability_certificate_number(
    ledger: Ledger, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["户编号", "姓名", "证件号码", "与户主关系"])
    sheet.append(["005", "卓嘎", HEAD, "户主"])
    sheet.append([None, "拉姆", WIFE, "配偶"])
    sheet.append([None, "格桑", SON + "12", "之子"])  # a 残疾人证 number: the ID number and two digits
    sheet.append(["006", "次仁", X_NUMBER, "户主"])
    path = tmp_path / "户编号.xlsx"
    workbook.save(path)
    report = import_roster(ledger, path)
    assert report.problems == [] and report.written
    members = show_household(ledger, "005").members
    assert [m["name"] for m in members] == ["卓嘎", "拉姆", "格桑"]
    assert (members[2]["id_number"], members[2]["birth_date"]) == (SON + "12", "2012-08-01")
    assert [m["name"] for m in show_household(ledger, "006").members] == ["次仁"]
