"""Building real .xlsx rosters for the tests, in the national column order or any other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from records import make_id_number

from desktop.excel.headers import NATIONAL_ROSTER

NATIONAL = [header for header, _ in NATIONAL_ROSTER]


def person(number: str, name: str, id_number: str | None, relation: str, **fields: Any) -> dict[str, Any]:
    """One roster row as header -> value; ``fields`` by header (民族="藏族")."""
    return {
        "户编号": number,
        "姓名": name,
        "证件号码": id_number,
        "与户主关系": relation,
        "行政村": "亚弄村",
        **fields,
    }


def family(number: str, index: int, size: int = 4) -> list[dict[str, Any]]:
    """A plausible household: head, spouse, children; ``index`` keeps ID numbers apart."""
    head = make_id_number(dt.date(1960 + index % 20, 1 + index % 12, 1 + index % 28), (index * 2 + 1) % 1000)
    rows = [person(number, f"户主{index}", head, "户主", 民族="藏族", 联系电话=f"138{index:08d}")]
    relations = ["配偶", "之子", "之女", "之孙子", "之孙女"]
    for k in range(1, size):
        born = dt.date(1962 + index % 20, 1 + k, 1 + index % 28) if k == 1 else dt.date(1990 + k, 1 + k, 2)
        sequence = (index * 8 + k * 2) % 1000
        rows.append(
            person(number, f"成员{index}-{k}", make_id_number(born, sequence), relations[k - 1], 民族="藏族")
        )
    return rows


def write_rows(
    path: Path,
    rows: Iterable[dict[str, Any]],
    headers: Sequence[str] = NATIONAL,
    *,
    sheet: str = "花名册",
    above: Sequence[Sequence[Any]] = (),
) -> Path:
    """A sheet with optional rows above the header (titles), then the header and one row per dict."""
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    for values in above:
        worksheet.append(list(values))
    worksheet.append(list(headers))
    for row in rows:
        worksheet.append([row.get(h) for h in headers])
    workbook.save(path)
    return path
