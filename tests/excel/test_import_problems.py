"""Every row problem is named by sheet, row and column; with problems nothing is imported, unless the
user asks for the valid households only; the problems copy shows the bad cells in the sheet itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from records import make_id_number

from desktop.services.context import Ledger
from desktop.services.households.households import add_household, list_households
from desktop.services.maintenance.dump import dump_ledger
from desktop.services.xlsx.importing import import_roster

from .sheets import NATIONAL, family, person, write_rows

HEAD = make_id_number(dt.date(1970, 3, 1), 1)
CHILD = make_id_number(dt.date(2014, 2, 1), 4)  # a girl of 12 on 2026-11-23
OLD = make_id_number(dt.date(1950, 6, 1), 7)
OTHER = make_id_number(dt.date(1980, 1, 1), 9)
BAD_CHECK = HEAD[:17] + ("0" if HEAD[17] != "0" else "1")


def bad_rows() -> list[dict[str, object]]:
    return [
        person("001", "卓嘎", HEAD, "户主"),
        person("001", "拉姆", CHILD, "之女", 在校生状况="初中"),
        person("002", "次仁", 513301195006010071, "户主"),  # a float: 5.13301E+17, digits lost
        person("003", "多吉", BAD_CHECK, "户主"),
        person("004", "格桑", OTHER, "户主", 民族="火星族"),
        person("004", "央金", CHILD[:-1] + ("1" if CHILD[-1] != "1" else "2"), "之女"),
        person("005", "扎西", OLD, "户主", 在校生状况="小学"),
        person("005", "卓玛", make_id_number(dt.date(1952, 1, 1), 2), "配偶", 性别="男"),
        person("006", "拉巴", OTHER, "户主"),  # the same person as 004's head
    ]


def test_each_problem_names_sheet_row_column_and_reason_and_nothing_is_imported(
    ledger: Ledger, tmp_path: Path
) -> None:
    path = write_rows(tmp_path / "台账.xlsx", bad_rows(), [*NATIONAL, "性别"])
    before = dump_ledger(ledger)
    report = import_roster(ledger, path)
    assert report.blocked and not report.written
    assert dump_ledger(ledger) == before and list_households(ledger) == []
    lines = [p.describe() for p in report.problems]
    assert (
        "工作表“花名册” 第 4 行 H 列（证件号码）：“5.13301E+17”是被 Excel 存成数字的长号码，末几位已丢失，无法还原；请按原始资料把该列设为文本格式后重新填写"
        in lines
    )
    assert (
        f"工作表“花名册” 第 5 行 H 列（证件号码）：身份证号 {BAD_CHECK} 校验码错误：应为 {HEAD[17]}，实为 {BAD_CHECK[17]}"
        in lines
    )
    assert any(
        line.startswith(
            "工作表“花名册” 第 6 行 K 列（民族）：民族“火星族”不在国家代码表“民族”中，最接近的是“"
        )
        for line in lines
    )
    assert any(line.startswith("工作表“花名册” 第 7 行 H 列（证件号码）：身份证号") for line in lines)  # 央金
    assert (
        "工作表“花名册” 第 8 行 M 列（在校生状况）：在校生状况“小学”与年龄不符：76 岁（小学一般为 5–17 岁）"
        in lines
    )
    assert "工作表“花名册” 第 9 行 AA 列（性别）：性别“男”与证件号码不符（按证件号码应为女）" in lines
    assert (
        f"工作表“花名册” 第 6 行 H 列（证件号码）：同一人出现在两户：证件号码 {OTHER} 也在第 10 行（户编号 006）"
        in lines
    )
    assert (
        f"工作表“花名册” 第 10 行 H 列（证件号码）：同一人出现在两户：证件号码 {OTHER} 也在第 6 行（户编号 004）"
        in lines
    )
    # a 12-year-old in 初中 is fine
    assert not any("第 3 行" in line for line in lines)


def test_the_problems_copy_highlights_the_bad_cells_and_adds_a_problem_column(
    ledger: Ledger, tmp_path: Path
) -> None:
    path = write_rows(tmp_path / "台账.xlsx", bad_rows())
    copy = tmp_path / "台账-问题.xlsx"
    report = import_roster(ledger, path, problems_out=copy)
    assert report.problems_copy == copy
    sheet = load_workbook(copy)["花名册"]
    problem_column = len(NATIONAL) + 1
    assert sheet.cell(1, problem_column).value == "问题"
    assert sheet.cell(4, 8).fill.fgColor.rgb == "FFFFC7CE"  # the float ID number
    assert "H 列（证件号码）：“5.13301E+17”" in str(sheet.cell(4, problem_column).value)
    assert sheet.cell(2, problem_column).value is None and sheet.cell(2, 8).fill.fgColor.rgb != "FFFFC7CE"

    # corrected in part and imported again: the same 问题 column is reused, fixed cells lose their colour
    sheet.cell(4, 8).value = make_id_number(dt.date(1950, 6, 1), 71)
    sheet.cell(5, 8).value = make_id_number(dt.date(1975, 1, 1), 3)
    sheet.cell(6, 11).value = "藏族"
    sheet.parent.save(copy)
    second = tmp_path / "第二次.xlsx"
    again = import_roster(ledger, copy, problems_out=second)
    assert not any("问题" in line for line in again.ignored_columns)
    assert {p.row for p in again.problems} == {6, 7, 8, 10} and not again.written
    sheet = load_workbook(second)["花名册"]
    assert sheet.max_column == problem_column
    assert sheet.cell(4, 8).fill.fgColor.rgb != "FFFFC7CE" and sheet.cell(4, problem_column).value is None
    assert (
        sheet.cell(6, 11).fill.fgColor.rgb != "FFFFC7CE" and sheet.cell(6, 8).fill.fgColor.rgb == "FFFFC7CE"
    )

    # corrected in full: it imports
    sheet.cell(7, 8).value = make_id_number(dt.date(2016, 1, 1), 8)
    sheet.cell(8, 13).value = "非在校生"
    sheet.cell(10, 8).value = make_id_number(dt.date(1985, 1, 1), 11)
    sheet.parent.save(second)
    final = import_roster(ledger, second)
    assert [p.describe() for p in final.problems] == []
    assert final.written and len(list_households(ledger)) == 6


def test_one_bad_row_in_500_stops_the_import_and_is_named(ledger: Ledger, tmp_path: Path) -> None:
    rows = [row for index in range(125) for row in family(f"{index + 1:03d}", index)]
    assert len(rows) == 500
    rows[311]["证件号码"] = rows[311]["证件号码"][:17] + ("1" if rows[311]["证件号码"][17] != "1" else "2")
    path = write_rows(tmp_path / "500.xlsx", rows)
    report = import_roster(ledger, path)
    assert [(p.row, p.column.letter if p.column else None) for p in report.problems] == [(313, "H")]
    assert "校验码错误" in report.problems[0].reason
    assert list_households(ledger) == [] and not report.written

    # a dry run with --accept-valid says what would be left out, and writes nothing
    trial = import_roster(ledger, path, dry_run=True, accept_valid=True)
    assert trial.left_out == ["户编号 078（第 310、311、312、313 行）"]
    assert len(trial.added_households) == 124 and not trial.written and list_households(ledger) == []

    kept = import_roster(ledger, path, accept_valid=True)
    assert kept.written and not kept.blocked
    numbers = [r.number for r in list_households(ledger)]
    assert len(numbers) == 124 and "078" not in numbers


def test_a_person_already_in_another_household_is_a_problem(ledger: Ledger, tmp_path: Path) -> None:
    add_household(ledger, number="001", head={"name": "卓嘎", "id_number": HEAD})
    path = write_rows(
        tmp_path / "台账.xlsx", [person("009", "次仁", OTHER, "户主"), person("009", "卓嘎", HEAD, "配偶")]
    )
    report = import_roster(ledger, path)
    (problem,) = report.problems
    assert problem.describe() == (
        f"工作表“花名册” 第 3 行 H 列（证件号码）：同一人出现在两户：证件号码 {HEAD} 已登记在户 001 的 卓嘎 名下；"
        "如已迁户，请先用 zhucun event move 办理迁移"
    )
    assert [r.number for r in list_households(ledger)] == ["001"]


def test_a_household_without_a_head_or_with_two_is_a_problem(ledger: Ledger, tmp_path: Path) -> None:
    rows = [
        person("001", "卓嘎", HEAD, "配偶"),
        person("002", "次仁", OTHER, "户主"),
        person("002", "多吉", OLD, "户主"),
    ]
    report = import_roster(ledger, write_rows(tmp_path / "台账.xlsx", rows))
    lines = [p.describe() for p in report.problems]
    assert (
        "工作表“花名册” 第 2 行 J 列（与户主关系）：户编号 001 没有户主（与户主关系为“本人或户主”的一行）"
        in lines
    )
    assert "工作表“花名册” 第 4 行 J 列（与户主关系）：户编号 002 已有户主（第 3 行）" in lines


def test_household_fields_that_disagree_between_rows_are_a_problem(ledger: Ledger, tmp_path: Path) -> None:
    rows = [
        person("001", "卓嘎", HEAD, "户主", 联系电话="13800000001", 贫困户属性="脱贫户"),
        person("001", "拉姆", CHILD, "之女", 联系电话="13800000002", 贫困户属性="脱贫户"),
    ]
    report = import_roster(ledger, write_rows(tmp_path / "台账.xlsx", rows))
    assert [p.describe() for p in report.problems] == [
        "工作表“花名册” 第 3 行 Z 列（联系电话）：同一户（户编号 001）的联系电话前后不一致："
        "第 2 行为“13800000001”，本行为“13800000002”"
    ]


def test_a_roster_of_another_village_is_refused(ledger: Ledger, tmp_path: Path) -> None:
    rows = [person("001", "卓嘎", HEAD, "户主", 行政村="甲根坝村")]
    report = import_roster(ledger, write_rows(tmp_path / "台账.xlsx", rows))
    assert [p.reason for p in report.problems] == ["行政村“甲根坝村”不是本台账的村（亚弄村）"]
