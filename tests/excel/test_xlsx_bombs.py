"""Spreadsheet bombs: each is refused in seconds, at bounded memory, by name ("表格过大：…" saying what is
too big), with exit 2 and nothing written. ``zhucun xlsx import`` runs as its own process so that its
peak memory (``ru_maxrss`` from ``wait4``) and its time are its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services.context import Ledger
from desktop.services.maintenance.dump import dump_ledger

from .bombs import BOMBS

ROOT = Path(__file__).resolve().parents[2]
MAX_SECONDS = 10
MAX_PEAK_MB = 300
TOO_LARGE = {  # what each refusal names
    "far_cell": "XFD1048576 单元格有内容，在第 1048576 行，超过 50000 行",
    "huge_shared_strings": "共享字符串（xl/sharedStrings.xml）压缩了",
    "many_shared_strings": "共享字符串超过 500000 条",
    "claimed_rows": "A2000000 单元格有内容，在第 2000000 行，超过 50000 行",
    "many_rows": "A50001 单元格有内容，在第 50001 行，超过 50000 行",
    "many_parts": "有 100006 个部件，超过 2000 个",
    "long_cell": "B2 单元格超过 32767 个字",
    "overlapping_merges": "合并单元格相互重叠",
}


# Run from a small launcher: a child forked from the test process itself would count that process's
# pages in its ru_maxrss until it execs.
LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024)
"""


def import_in_a_process(home: Path, path: Path) -> tuple[int, str, float, int]:
    """(exit code, stderr, CPU seconds, peak RSS in MB) of ``zhucun --home HOME xlsx import PATH``.

    CPU time, not wall time: on a busy test machine the wall clock says more about the neighbours."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "desktop", "--home", str(home), "xlsx", "import", str(path)]
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    code, cpu, peak = done.stdout.split()
    return int(code), done.stderr, float(cpu), int(peak)


@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_a_bomb_is_refused_quickly_by_name_at_bounded_memory(
    ledger: Ledger, tmp_path: Path, bomb: str
) -> None:
    assert set(TOO_LARGE) == set(BOMBS)
    path = BOMBS[bomb](tmp_path / f"{bomb}.xlsx")
    before = dump_ledger(ledger)
    code, err, seconds, peak = import_in_a_process(tmp_path / "home", path)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1, err
    assert "表格过大：" in lines[0] and TOO_LARGE[bomb] in lines[0], lines[0]
    assert seconds < MAX_SECONDS and peak < MAX_PEAK_MB, (seconds, peak)
    assert dump_ledger(ledger) == before


def test_formatting_far_away_is_not_content(ledger: Ledger, tmp_path: Path) -> None:
    """A real roster whose whole column was formatted, and a styled empty cell at XFD1048576, imports:
    only cells holding a value count against the limits."""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    from desktop.services.xlsx.importing import import_roster

    from .sheets import NATIONAL, family

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(NATIONAL)
    for row in family("001", 0):
        sheet.append([row.get(h) for h in NATIONAL])
    sheet["XFD1048576"].fill = PatternFill(fill_type="solid", start_color="FFFFC7CE")
    sheet.merge_cells("E2:E5")  # 户编号 over the household's four rows
    path = tmp_path / "花名册.xlsx"
    workbook.save(path)
    report = import_roster(ledger, path)
    assert report.written and report.members_added == 4 and not report.problems


def test_a_value_far_right_and_entity_expansion_are_refused_by_name(ledger: Ledger, tmp_path: Path) -> None:
    from desktop.domain.errors import InvalidInput
    from desktop.services.xlsx.importing import import_roster

    from .bombs import MAIN, package, sheet_xml

    far = package(tmp_path / "宽.xlsx", sheet_xml(['<row r="2"><c r="XFD2"><v>1</v></c></row>']))
    with pytest.raises(
        InvalidInput, match=r"^表格过大：工作表“花名册”XFD2 单元格有内容，在第 16384 列，超过 200 列"
    ):
        import_roster(ledger, far)
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "哈"}">' for i in range(10))
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{laughs}]><worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>'
    )  # a billion laughs: ten levels of ten, 10^9 characters from a few hundred bytes
    with pytest.raises(InvalidInput, match=r"XML 中有 DOCTYPE 声明"):
        import_roster(ledger, package(tmp_path / "笑.xlsx", [sheet.encode()]))
