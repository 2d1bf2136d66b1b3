"""Reading a roster sheet the way people actually keep them.

Finds the sheet and its header rows (titles above, two-level headers, a row of column numbers below),
copies merged cells' values into every cell they cover, skips blank spacer rows and 合计 rows, and
turns every cell into clean text: numbers stored as text and text stored as numbers read the same,
full-width letters and digits become half-width, stray spaces go (``张  三`` -> ``张三``), dates become
``2026-05-01``. A long number Excel has kept as a float (``5.13301E+17``) is marked as having lost its
last digits: the true value cannot be known, so it is reported, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain.errors import InvalidInput, NotFound
from desktop.excel.headers import IGNORED, Target, match_header, normalize_header, target_label
from desktop.excel.mapping import ColumnMapping

HEADER_SEARCH_ROWS = 30  # headers are looked for in the first rows only
MIN_HEADER_MATCHES = 2
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number; the rest become zeros

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = ord(" ")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?[eE]\+?[0-9]+")
_TOTAL_WORDS = {"合计", "小计", "总计", "共计", "总数"}
_OLD_FORMATS = {
    ".xls": "旧版 Excel（.xls）",
    ".et": "WPS 表格（.et）",
    ".csv": "CSV",
    ".ods": "OpenDocument（.ods）",
}


@dataclass(frozen=True)
class CellText:
    text: str  # cleaned; never empty (blank cells are not kept)
    lost_digits: bool = False  # a number longer than Excel can hold: its last digits are gone
    number: bool = False  # stored as a number in the sheet


@dataclass(frozen=True)
class SheetColumn:
    index: int  # 1-based
    letter: str
    header: str  # as written, header rows joined with "/"
    target: Target | None

    @property
    def name(self) -> str:
        """The column as a report names it: ``H 列（证件号码）``."""
        shown = self.header or (target_label(self.target) if self.target else "")
        return f"{self.letter} 列" + (f"（{shown}）" if shown else "")


@dataclass(frozen=True)
class SheetRow:
    number: int  # 1-based, as Excel shows it
    cells: dict[int, CellText]  # column index -> cell, matched columns only, blank cells left out


@dataclass
class SheetTable:
    path: Path
    sheet: str
    header_rows: tuple[int, int]  # first and last header row
    columns: list[SheetColumn]
    rows: list[SheetRow]
    skipped: list[str] = field(default_factory=list)  # rows read past, and why
    unmatched: list[SheetColumn] = field(default_factory=list)  # headers nobody knows
    duplicates: list[tuple[SheetColumn, SheetColumn]] = field(default_factory=list)  # (kept, left out)
    preamble: tuple[str, ...] = ()  # the rows above the headers (title, 导出时间：…), cleaned, in row order

    def column(self, target: Target) -> SheetColumn | None:
        return next((c for c in self.columns if c.target == target), None)


def open_workbook(path: Path) -> Workbook:
    """The workbook, with formulas read as their last computed values."""
    if not path.exists():
        raise NotFound(f"找不到文件 {path}")
    suffix = path.suffix.lower()
    if suffix in _OLD_FORMATS:
        raise InvalidInput(
            f"{path.name} 是{_OLD_FORMATS[suffix]}文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # WPS extensions openpyxl does not know: harmless
            return load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InvalidInput(f"无法读取 {path.name}：不是有效的 .xlsx 文件（{type(exc).__name__}）") from None


def read_roster(path: Path, *, sheet: str | None = None, mapping: ColumnMapping | None = None) -> SheetTable:
    mapping = mapping or ColumnMapping()
    workbook = open_workbook(path)
    try:
        worksheet = _choose_sheet(workbook, sheet or mapping.sheet, mapping, path)
        return _read_sheet(path, worksheet, mapping)
    finally:
        workbook.close()


def clean_text(value: Any) -> CellText | None:
    """A cell's value as clean text, or None when blank."""
    if isinstance(value, str):  # the common case first: this runs for every cell of the roster
        text = value.translate(_FULL_WIDTH).strip().lstrip("'`")
        if not text:
            return None
        if not text.isalnum():  # spaces inside, or marks: the slow path
            text = _SPACE_BETWEEN_CJK.sub("", " ".join(text.split()))
        lost = text[0].isdigit() and "E" in text.upper() and bool(_SCIENTIFIC.fullmatch(text))
        return CellText(text, lost_digits=lost)
    if value is None:
        return None
    if isinstance(value, bool):
        return CellText("是" if value else "否")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return CellText(value.date().isoformat())
        return CellText(value.isoformat(sep=" ", timespec="minutes"))
    if isinstance(value, dt.date):
        return CellText(value.isoformat())
    if isinstance(value, int | float):
        return _number_text(value)
    return clean_text(str(value))


def _number_text(value: float) -> CellText:
    if isinstance(value, float) and not value.is_integer():
        if value != value or value in (float("inf"), float("-inf")):
            return CellText(str(value), number=True)
        return CellText(repr(value), number=True)
    whole = int(value)
    lost = abs(whole) >= 10**EXCEL_DIGITS
    return CellText(f"{value:.5E}" if lost else str(whole), lost_digits=lost, number=True)


# --- sheet and header detection ---------------------------------------------------------------------


def _choose_sheet(workbook: Workbook, wanted: str | None, mapping: ColumnMapping, path: Path) -> Worksheet:
    sheets: list[Worksheet] = list(workbook.worksheets)
    if wanted is not None:
        for candidate in sheets:
            if candidate.title.strip() == wanted.strip():
                return candidate
        names = "、".join(s.title for s in sheets)
        raise InvalidInput(f"{path.name} 中没有名为“{wanted}”的工作表（有：{names}）")
    scored = [(_best_header_row(s, mapping)[1], -i, s) for i, s in enumerate(sheets)]
    best = max(scored, key=lambda item: (item[0], item[1]))
    if best[0] < MIN_HEADER_MATCHES and mapping.header_row is None:
        raise _no_headers(path.name)
    return best[2]


def _no_headers(where: str) -> InvalidInput:
    return InvalidInput(
        f"在 {where} 中没有找到花名册的表头（如 姓名、证件号码、与户主关系）；"
        "可用 --sheet 指定工作表，或用 --mapping 指定表头行和各列对应的字段"
    )


def _best_header_row(sheet: Worksheet, mapping: ColumnMapping) -> tuple[int, int]:
    best_row, best_count = 0, 0
    last = min(sheet.max_row, HEADER_SEARCH_ROWS)
    for number, values in enumerate(sheet.iter_rows(max_row=last, values_only=True), start=1):
        count = _header_count(values, mapping)
        if count > best_count:
            best_row, best_count = number, count
    return best_row, best_count


def _header_count(values: Sequence[Any], mapping: ColumnMapping) -> int:
    """How many cells of a row are headers the importer knows (by their text: a mapping by column
    letter would match any row)."""
    found = 0
    for value in values:
        if isinstance(value, str):
            target = mapping.by_header.get(normalize_header(value)) or match_header(value)
            found += target not in (None, IGNORED)
    return found


def _merged(sheet: Worksheet) -> list[tuple[int, int, int, int]]:
    """(first row, last row, first column, last column) of every merged range."""
    return [(r.min_row, r.max_row, r.min_col, r.max_col) for r in sheet.merged_cells.ranges]


def _read_sheet(path: Path, sheet: Worksheet, mapping: ColumnMapping) -> SheetTable:
    merged = _merged(sheet)
    grid = [list(values) for values in sheet.iter_rows(values_only=True)]
    width = max((len(r) for r in grid), default=0)
    for values in grid:
        values.extend([None] * (width - len(values)))
    header_row, found = mapping.header_row, MIN_HEADER_MATCHES
    if header_row is None:
        header_row, found = _best_header_row(sheet, mapping)
    if found < MIN_HEADER_MATCHES:
        raise _no_headers(f"工作表“{sheet.title}”")
    if header_row > len(grid):
        raise InvalidInput(f"工作表“{sheet.title}”第 {header_row} 行不是表头（表中只有 {len(grid)} 行）")
    first, last = _header_block(header_row, merged)
    while (
        last < min(len(grid), HEADER_SEARCH_ROWS) and _header_count(grid[last], mapping) >= MIN_HEADER_MATCHES
    ):
        last += 1  # a second header row that is not merged with the first
    while first > 1 and _heads_empty_columns(grid[first - 2], grid[first - 1 : last], mapping):
        first -= 1  # a first header row above (户编号 over an empty cell), not merged with it
    for top, bottom, left, right in merged:
        if (bottom < first or top > last) and left != right:
            # in the data area only vertical merges count (one household's 户编号 over its members)
            continue
        value = grid[top - 1][left - 1] if top <= len(grid) else None
        for row in range(top, min(bottom, len(grid)) + 1):
            for col in range(left, min(right, width) + 1):
                if (row, col) != (top, left):
                    grid[row - 1][col - 1] = value
    table = SheetTable(path=path, sheet=sheet.title, header_rows=(first, last), columns=[], rows=[])
    table.preamble = tuple(
        text
        for values in grid[: first - 1]
        if (text := " ".join(dict.fromkeys(c.text for v in values if (c := clean_text(v)) is not None)))
    )
    _columns(table, grid, mapping, width)
    data_start = last + 1
    if data_start <= len(grid) and _is_column_numbers(grid[data_start - 1]):
        table.skipped.append(f"第 {data_start} 行是列序号，已跳过")
        data_start += 1
    wanted = [c for c in table.columns if c.target not in (None, IGNORED)]
    for number in range(data_start, len(grid) + 1):
        values = grid[number - 1]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if _is_total(values):
            table.skipped.append(f"第 {number} 行是合计行，已跳过")
            continue
        cells: dict[int, CellText] = {}
        for column in wanted:
            cell = clean_text(values[column.index - 1])
            if cell is not None:
                cells[column.index] = cell
        table.rows.append(SheetRow(number, cells))
    return table


def _heads_empty_columns(above: list[Any], block: list[list[Any]], mapping: ColumnMapping) -> bool:
    """Whether the row above the header rows names a column whose header cells are all empty."""
    for index, value in enumerate(above):
        if isinstance(value, str) and all(row[index] is None for row in block):
            target = mapping.by_header.get(normalize_header(value)) or match_header(value)
            if target not in (None, IGNORED):
                return True
    return False


def _header_block(row: int, merged: list[tuple[int, int, int, int]]) -> tuple[int, int]:
    """The header rows around ``row``: merged ranges that reach across rows join them into one block."""
    first, last = row, row
    changed = True
    while changed:
        changed = False
        for top, bottom, _left, _right in merged:
            if top == bottom or bottom < first or top > last:
                continue
            if top < first or bottom > last:
                first, last = min(first, top), max(last, bottom)
                changed = True
    return first, last


def _columns(table: SheetTable, grid: list[list[Any]], mapping: ColumnMapping, width: int) -> None:
    first, last = table.header_rows
    seen: dict[Target, SheetColumn] = {}
    for index in range(1, width + 1):
        texts: list[str] = []
        for row in range(first, last + 1):
            value = grid[row - 1][index - 1]
            text = "" if value is None else str(value).strip()
            if text and text not in texts:
                texts.append(text)
        letter = get_column_letter(index)
        # "户主/姓名" is 户主姓名 and "基本信息/姓名" is 姓名: the joined text first, then the lowest row
        candidates = ["".join(texts), texts[-1], *reversed(texts[:-1])] if texts else [""]
        target = None
        for candidate in candidates:
            target = mapping.lookup(candidate, letter) or (match_header(candidate) if candidate else None)
            if target is not None:
                break
        header = "/".join(" ".join(t.split()) for t in texts)
        column = SheetColumn(index, letter, header, target)
        if target is not None and target != IGNORED and target in seen:
            table.duplicates.append((seen[target], column))
            column = SheetColumn(index, letter, header, None)
        elif target is not None and target != IGNORED:
            seen[target] = column
        elif target is None and normalize_header(header):
            table.unmatched.append(column)
        table.columns.append(column)


def _is_column_numbers(values: list[Any]) -> bool:
    """A row of 1, 2, 3 … under the headers, as printed forms have."""
    numbers = [v for v in values if v is not None and str(v).strip()]
    if len(numbers) < 3:
        return False
    try:
        as_ints = [int(v) if isinstance(v, int | float) else int(str(v).strip().rstrip(".")) for v in numbers]
    except ValueError:
        return False
    return as_ints == list(range(as_ints[0], as_ints[0] + len(as_ints)))


def _is_total(values: list[Any]) -> bool:
    return any(isinstance(v, str) and normalize_header(v) in _TOTAL_WORDS for v in values)
