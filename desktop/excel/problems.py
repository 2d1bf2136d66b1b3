"""Problems found in a sheet, named by sheet, row and column, and the annotated copy of the input: the
same workbook with every bad cell highlighted and a 问题 column saying what is wrong in each row.

The copy is meant to be corrected and imported again: its 问题 column is left out when it is read back,
and the highlights of an earlier copy are cleared before new ones are set.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain.errors import InvalidInput
from desktop.excel.headers import PROBLEM_HEADER, normalize_header
from desktop.excel.reading import SheetColumn
from desktop.excel.writing import set_value
from desktop.store.atomic_file import atomic_writer

BAD_FILL = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFFF9999", end_color="FFFF9999")
_NO_FILL = PatternFill(fill_type=None)
PROBLEM_COLUMN_WIDTH = 60


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None  # None: the sheet as a whole (a missing column)
    column: SheetColumn | None
    reason: str

    def describe(self) -> str:
        where = f"工作表“{self.sheet}”"
        if self.row is not None:
            where += f" 第 {self.row} 行"
        if self.column is not None:
            where += f" {self.column.name}"
        return f"{where}：{self.reason}"

    def sort_key(self) -> tuple[int, int]:
        return (self.row or 0, self.column.index if self.column else 0)


def write_problem_copy(
    source: Path, sheet: str, header_row: int, problems: list[Problem], target: Path
) -> None:
    """Save a copy of ``source`` with the problem cells highlighted and a 问题 column."""
    if target.resolve() == source.resolve():
        raise InvalidInput("问题清单要另存为新文件，不能覆盖原表格")
    workbook = _load(source)
    try:
        worksheet = workbook[sheet]
        column = _problem_column(worksheet, header_row)
        by_row: dict[int, list[str]] = defaultdict(list)
        whole_sheet: list[str] = []
        for problem in sorted(problems, key=Problem.sort_key):
            if problem.row is None:
                whole_sheet.append(problem.reason)
                continue
            text = f"{problem.column.name}：{problem.reason}" if problem.column else problem.reason
            if text not in by_row[problem.row]:
                by_row[problem.row].append(text)
            if problem.column is not None:
                worksheet.cell(problem.row, problem.column.index).fill = BAD_FILL
        header = worksheet.cell(header_row, column)
        set_value(header, PROBLEM_HEADER)
        header.font = Font(bold=True)
        header.fill = HEADER_FILL
        header.comment = Comment("全表：" + "；".join(whole_sheet), "zhucun") if whole_sheet else None
        for row, reasons in by_row.items():
            cell = worksheet.cell(row, column)
            set_value(cell, "；".join(reasons))
            cell.fill = BAD_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        worksheet.column_dimensions[header.column_letter].width = PROBLEM_COLUMN_WIDTH
        with atomic_writer(target) as handle:
            workbook.save(handle)
    finally:
        workbook.close()


def _load(source: Path) -> Workbook:
    """The source workbook as openpyxl keeps it (styles, widths, merges), to copy it with marks.

    The import read it already, within its limits, with its own reader; openpyxl is stricter about
    the parts it needs ([Content_Types].xml, styles) and fails in its own ways on a damaged file, so
    any failure of its parser is a file it cannot copy, said in one line."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(source)
    except Exception as exc:  # openpyxl raises anything on a broken part (see the docstring)
        raise InvalidInput(
            f"问题表格未另存：{source.name} 的数据读出来了，但它的格式无法原样复制（{type(exc).__name__}）；"
            "问题见上面的列表"
        ) from None


def _problem_column(worksheet: Worksheet, header_row: int) -> int:
    """The 问题 column of an earlier copy, emptied and unhighlighted; else a new column after the last."""
    for cell in worksheet[header_row]:
        if normalize_header(cell.value) == PROBLEM_HEADER:
            for row in worksheet.iter_rows(min_row=header_row + 1):
                for other in row:
                    if other.fill == BAD_FILL:
                        other.fill = _NO_FILL
                    if other.column == cell.column:
                        set_value(other, None)
            return int(cell.column)
    return worksheet.max_column + 1
