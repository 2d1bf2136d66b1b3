"""Excel figures for a large village roster (default 10,000 people in 2,500 households).

Prints (wall-clock, plus the CPU time of the import for a busy machine): the time to import the roster into an empty village (reading the sheet, checking every row,
writing every record through the change log), of which reading the sheet alone; the time of a second
import of the same file (which changes nothing); the time to export the roster again; peak memory.

    .venv/bin/python bench/bench_xlsx.py [--people 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from desktop.app import open_ledger
from desktop.domain.idnumber import check_character
from desktop.excel.headers import NATIONAL_ROSTER
from desktop.excel.reading import read_roster
from desktop.services.setup import init_village
from desktop.services.xlsx.exporting import export_roster
from desktop.services.xlsx.importing import import_roster

RELATIONS = ("户主", "配偶", "之子", "之女", "之孙子", "之孙女")


def id_number(birth: dt.date, sequence: int) -> str:
    first17 = f"513301{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_character(first17)


def write_roster(path: Path, people: int) -> int:
    """A national-order roster, four people a household; returns the number of households."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("花名册")
    headers = [h for h, _ in NATIONAL_ROSTER]
    sheet.append(headers)
    households = (people + 3) // 4
    written = 0
    for index in range(households):
        for k in range(min(4, people - written)):
            born = dt.date(1950 + (index + k * 23) % 60, 1 + index % 12, 1 + (index // 12) % 28)
            values = {
                "县": "康定市", "乡": "甲根坝乡", "行政村": "亚弄村", "户编号": f"{index + 1:05d}",
                "人编号": f"{index + 1:05d}{k + 1:02d}", "姓名": f"村民{index}-{k}",
                "证件号码": id_number(born, index * 4 + k), "人数": 4, "与户主关系": RELATIONS[k],
                "民族": "藏族", "文化程度": "小学", "在校生状况": "非在校生", "健康状况": "健康",
                "劳动技能": "普通劳动力", "务工状况": "省内务工", "务工时间": 6, "参加大病医疗": "是",
                "脱贫属性": "已脱贫", "贫困户属性": "一般贫困户", "主要致贫原因": "缺技术", "危房户": "否",
                "饮水安全": "是", "饮水困难": "否", "联系电话": f"138{index:08d}",
            }  # fmt: skip
            sheet.append([values.get(h) for h in headers])
            written += 1
    workbook.save(path)
    return households


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-xlsx-"))
    roster = work / "花名册.xlsx"
    t0 = time.perf_counter()
    households = write_roster(roster, args.people)
    print(f"roster: {args.people} people, {households} households, {roster.stat().st_size / 1024:.0f} KB "
          f"(written by openpyxl in {time.perf_counter() - t0:.1f} s)")  # fmt: skip

    t0 = time.perf_counter()
    read_roster(roster)
    read = time.perf_counter() - t0

    ledger = open_ledger(work / "home", create=True)
    init_village(ledger, code="513301207201", name="亚弄村", user="扎西")
    t0, cpu0 = time.perf_counter(), time.process_time()
    report = import_roster(ledger, roster)
    imported, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    if report.problems or not report.written:
        sys.exit(f"import failed: {[p.describe() for p in report.problems[:5]]}")
    print(
        f"import into an empty village: {imported:.1f} s for {report.members_added} people "
        f"({report.members_added / imported:,.0f} people/s; {cpu:.1f} s of CPU), of which reading the "
        f"sheet {read:.1f} s"
    )

    t0 = time.perf_counter()
    again = import_roster(ledger, roster)
    print(
        f"second import of the same file: {time.perf_counter() - t0:.1f} s, "
        f"{len(again.changes)} changes, {again.unchanged_members} people unchanged"
    )

    t0 = time.perf_counter()
    export_roster(ledger, work / "导出.xlsx")
    print(f"export roster: {time.perf_counter() - t0:.1f} s")
    ledger.store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB; files in {work}")


if __name__ == "__main__":
    main()
