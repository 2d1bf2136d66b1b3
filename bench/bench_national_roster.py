"""Import time of a roster shaped like a national export (issue 13), against openpyxl reading the same
file: title rows with 导出时间, merged 户编号 and household columns, every national code list value.

Prints, in one run: the time openpyxl alone takes to load the workbook and walk its rows (the floor any
importer pays), the import into an empty village (read, check, write through the change log), a second
import of the same file (changes nothing), and the export in national values and in codes.

    .venv/bin/python bench/bench_national_roster.py [--households 500]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
import warnings
from pathlib import Path

from openpyxl import load_workbook

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))  # the generator and its ID-number helper live with the tests

from excel.national_roster import write_national_roster  # noqa: E402

from desktop.app import open_ledger  # noqa: E402
from desktop.services.setup import init_village  # noqa: E402
from desktop.services.xlsx.exporting import export_roster  # noqa: E402
from desktop.services.xlsx.importing import import_roster  # noqa: E402


def openpyxl_alone(path: Path) -> tuple[float, float]:
    t0, cpu0 = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = load_workbook(path, data_only=True)
    for sheet in workbook.worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass
    workbook.close()
    return time.perf_counter() - t0, time.process_time() - cpu0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=500)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-national-"))
    roster = write_national_roster(work / "贫困人口明细.xlsx", args.households, deaths=3)
    print(f"roster: {roster.households} households, {roster.rows} people (+3 死亡 rows), "
          f"{roster.path.stat().st_size / 1024:.0f} KB")  # fmt: skip
    floor, floor_cpu = openpyxl_alone(roster.path)
    print(f"openpyxl alone (load_workbook + iter_rows): {floor:.2f} s ({floor_cpu:.2f} s CPU)")

    ledger = open_ledger(work / "home", create=True)
    ledger.today = lambda: dt.date(2026, 11, 23)
    init_village(ledger, code="513301207201", name="亚弄村", user="洛桑", province="四川省", county="康定市")
    t0, cpu0 = time.perf_counter(), time.process_time()
    report = import_roster(ledger, roster.path)
    took, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    if report.problems or not report.written:
        sys.exit(f"import failed: {[p.describe() for p in report.problems[:5]]}")
    print(f"import into an empty village: {took:.2f} s ({cpu:.2f} s CPU) for {report.members_added} people, "
          f"{len(report.warnings)} warnings, 0 problems; {cpu / floor_cpu:.1f}× openpyxl alone in CPU")  # fmt: skip
    t0 = time.perf_counter()
    again = import_roster(ledger, roster.path)
    print(f"second import: {time.perf_counter() - t0:.2f} s, {len(again.changes)} changes")
    for codes in (False, True):
        t0 = time.perf_counter()
        export_roster(ledger, work / f"导出{'-codes' if codes else ''}.xlsx", codes=codes)
        print(f"export roster{' --codes' if codes else ''}: {time.perf_counter() - t0:.2f} s")
    ledger.store.close()


if __name__ == "__main__":
    main()
