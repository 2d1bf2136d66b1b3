"""Fuzzing the import with broken spreadsheets: a small real roster (title rows, merged 户编号, shared
strings, a date style, a formula with its cached value) whose XML parts are truncated, flipped, given
values of the wrong type or numbers too big for anything. Each import either works or is refused with
one Chinese line (InvalidInput, exit 2) and the ledger unchanged; never an unexpected exception, never
exit 70."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from records import make_id_number

from desktop.cli import main
from desktop.domain.errors import UserError
from desktop.services.context import Ledger
from desktop.services.maintenance.dump import dump_ledger
from desktop.services.xlsx.importing import import_roster

from .bombs import MAIN, PKG, REL

STRINGS = ["亚弄村脱贫人口花名册", "导出时间：2026-11-01", "户编号", "姓名", "证件号码", "与户主关系", "民族",
           "出生日期", "001", "卓嘎", "拉姆", "户主", "之女", "藏族", "002", "次仁"]  # fmt: skip
IDS = [make_id_number(dt.date(1970, 3, 1), 1), make_id_number(dt.date(2014, 2, 1), 4),
       make_id_number(dt.date(1980, 1, 1), 9)]  # fmt: skip


def _s(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="s"><v>{STRINGS.index(text)}</v></c>'


def _person(row: int, number: str | None, name: str, id_number: str, relation: str, serial: int) -> str:
    cells = [_s(f"A{row}", number)] if number else []
    cells += [_s(f"B{row}", name), f'<c r="C{row}" t="inlineStr"><is><t>{id_number}</t></is></c>',
              _s(f"D{row}", relation), _s(f"E{row}", "藏族")]  # fmt: skip
    if row == 6:  # a formula: its cached value is what counts
        cells.append(f'<c r="F{row}" s="1"><f>DATE(1980,1,1)</f><v>{serial}</v></c>')
    else:
        cells.append(f'<c r="F{row}" s="1"><v>{serial}</v></c>')
    return f'<row r="{row}">{"".join(cells)}</row>'


PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr date1904="0"/>'
        '<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>'
    ),
    "xl/styles.xml": (
        f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>'
    ),
    "xl/sharedStrings.xml": (
        f'<sst xmlns="{MAIN}" count="{len(STRINGS)}" uniqueCount="{len(STRINGS)}">'
        + "".join(f"<si><t>{text}</t></si>" for text in STRINGS)
        + "</sst>"
    ),
    "xl/worksheets/sheet1.xml": (
        f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:F6"/><sheetData>'
        f'<row r="1">{_s("A1", "亚弄村脱贫人口花名册")}</row><row r="2">{_s("A2", "导出时间：2026-11-01")}</row>'
        '<row r="3">' + "".join(_s(f"{c}3", h) for c, h in zip("ABCDEF", STRINGS[2:8], strict=True)) + "</row>"
        + _person(4, "001", "卓嘎", IDS[0], "户主", 25628)
        + _person(5, None, "拉姆", IDS[1], "之女", 41671)
        + _person(6, "002", "次仁", IDS[2], "户主", 29221)
        + '</sheetData><mergeCells count="2"><mergeCell ref="A1:F1"/><mergeCell ref="A4:A5"/></mergeCells></worksheet>'
    ),
}  # fmt: skip
FUZZED = sorted(set(PARTS) - {"_rels/.rels"})
ODD_VALUES = ["", "-1", "0", "A0", "XFD1048576", "ZZZZ1", "s", "b", "d", "e", "str", "inlineStr", "n", "x",
              "9" * 400, "1e400", "-1e308", "nan", "inf", "2958466", "99999999999", "0x10", "四", "1.5",
              "2026-13-45T25:61:00", "&#0;", "&amp;", "A1:XFD1048576", "rId9", "/xl/../../etc/passwd",
              "yyyy-mm-dd", '[h]:mm', "1904", "true", "C3:C20", "B2:A1", "A4:XFD4", "F3:A1048576"]  # fmt: skip
_VALUE = re.compile(r'="[^"]*"|>[^<]+<')


def write(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def original() -> dict[str, bytes]:
    return {name: text.encode() for name, text in PARTS.items()}


def test_the_roster_imports_as_it_is(ledger: Ledger, tmp_path: Path) -> None:
    report = import_roster(ledger, write(tmp_path / "花名册.xlsx", original()))
    assert report.written and not report.problems and report.members_added == 3
    assert report.header_rows == (3, 3)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    part = draw(st.sampled_from(FUZZED))
    data = PARTS[part].encode()
    how = draw(st.sampled_from(["truncate", "flip", "value", "insert"]))
    if how == "truncate":
        return part, data[: draw(st.integers(0, len(data) - 1))]
    if how == "flip":
        changed = bytearray(data)
        for _ in range(draw(st.integers(1, 6))):
            changed[draw(st.integers(0, len(data) - 1))] ^= draw(st.integers(1, 255))
        return part, bytes(changed)
    if how == "insert":
        at = draw(st.integers(0, len(data)))
        return part, data[:at] + draw(st.binary(min_size=1, max_size=24)) + data[at:]
    text = data.decode()
    matches = list(_VALUE.finditer(text))
    match = matches[draw(st.integers(0, len(matches) - 1))]
    odd = draw(st.sampled_from(ODD_VALUES) | st.text(max_size=12))
    odd = odd.replace("<", "&lt;").replace('"', "&quot;") if not odd.startswith("&") else odd
    new = f'="{odd}"' if match[0].startswith("=") else f">{odd}<"
    return part, (text[: match.start()] + new + text[match.end() :]).encode()


@settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(change=mutated())
def test_a_broken_spreadsheet_imports_or_is_refused_in_one_line(
    ledger: Ledger, tmp_path: Path, change: tuple[str, bytes]
) -> None:
    part, data = change
    parts = original()
    parts[part] = data
    path = write(tmp_path / "坏.xlsx", parts)
    before = dump_ledger(ledger)
    try:
        report = import_roster(ledger, path, problems_out=tmp_path / "问题.xlsx")
    except UserError as refused:
        assert refused.exit_code == 2 and "\n" not in refused.message
        assert re.search(r"[\u4e00-\u9fff]", refused.message), refused.message
        assert dump_ledger(ledger) == before
        return
    if not report.written:
        assert dump_ledger(ledger) == before
    if report.problems_copy_error:  # openpyxl could not copy what our reader read: said in one line
        assert "\n" not in report.problems_copy_error and report.problems_copy is None


@pytest.mark.parametrize("ref", ["C3:C20", "A1:XFD1048576", "F6:A3", "A0:B2", "GR1:GS9"])
def test_odd_merged_ranges_do_not_break_the_reading(ledger: Ledger, tmp_path: Path, ref: str) -> None:
    """A merged header cell reaching below the last row, over the whole sheet, backwards or outside it."""
    parts = original()
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b'ref="A4:A5"', f'ref="{ref}"'.encode()
    )
    try:
        import_roster(ledger, write(tmp_path / "合并.xlsx", parts))
    except UserError as refused:
        assert "\n" not in refused.message


@pytest.mark.parametrize(
    ("part", "cut"),
    [("xl/worksheets/sheet1.xml", 400), ("xl/sharedStrings.xml", 50), ("xl/workbook.xml", 30),
     ("[Content_Types].xml", 10), ("xl/styles.xml", 60)],
)  # fmt: skip
def test_the_command_refuses_a_truncated_part_with_exit_2(
    ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str], part: str, cut: int
) -> None:
    parts = original()
    parts[part] = parts[part][:cut]
    path = write(tmp_path / "坏.xlsx", parts)
    before = dump_ledger(ledger)
    capsys.readouterr()
    code = main(["--home", str(tmp_path / "home"), "xlsx", "import", str(path)])
    err = capsys.readouterr().err.strip().splitlines()
    if part == "[Content_Types].xml":  # not needed to find the parts: the roster imports
        assert code == 0
        return
    assert code == 2 and len(err) == 1 and "不是有效的 .xlsx 文件" in err[0], err
    assert dump_ledger(ledger) == before


def test_a_problems_copy_openpyxl_cannot_make_is_said_in_one_line_and_the_problems_still_listed(
    ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parts = original()
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace("藏族".encode(), "火星族".encode())
    del parts["[Content_Types].xml"]  # our reader does not need it; openpyxl cannot open the file without
    path = write(tmp_path / "无类型.xlsx", parts)
    copy = tmp_path / "问题.xlsx"
    capsys.readouterr()
    code = main(["--home", str(tmp_path / "home"), "xlsx", "import", str(path), "--problems", str(copy)])
    err = capsys.readouterr().err
    assert (
        code == 2 and "第 4 行 E 列（民族）：民族“火星族”不在国家代码表“民族”中" in err and not copy.exists()
    )
    assert (
        "问题表格未另存：无类型.xlsx 的数据读出来了，但它的格式无法原样复制（KeyError）；问题见上面的列表"
        in err
    )
