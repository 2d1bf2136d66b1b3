"""Printed-ledger figures for a township (default 20 villages, 10,000 households).

Prints: the roster 台账 of the whole township (rows, pages, seconds to read and to write, MB); 一户一档
of 500 households in one combined file (pages, seconds, MB); and, as the reference a township would
otherwise use, the same roster written as .xlsx and converted with ``libreoffice --headless
--convert-to pdf`` (when LibreOffice is installed; the run says so when it is not).

    .venv/bin/python bench/bench_ledgers.py [--households 10000] [--villages 20] [--files 500] [--keep]

Building the township through the write path takes a few minutes; ``--households 2000`` is quicker.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from desktop.app import open_ledger
from desktop.reports.data import Roster
from desktop.reports.roster import COLUMNS
from desktop.services.demo import create_demo
from desktop.services.households.households import list_households
from desktop.services.printing.ledgers import gather_roster, print_household_files, print_roster


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--villages", type=int, default=20)
    parser.add_argument("--files", type=int, default=500, help="households in the 一户一档 run")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (PDFs) and print it")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-ledgers-"))
    accel = importlib.util.find_spec("_rl_accel") is not None
    print(f"reportlab C accelerator (rl-accel): {'installed' if accel else 'not installed (pure Python)'}")

    ledger = open_ledger(work / "township", create=True)
    started = time.perf_counter()
    summary = create_demo(ledger, households=args.households, villages=args.villages)
    print(
        f"demo: {summary.villages} villages, {summary.households} households, {summary.members} people "
        f"in {time.perf_counter() - started:.1f} s"
    )

    t0 = time.perf_counter()
    roster = gather_roster(ledger, all_villages=True)
    read = time.perf_counter() - t0
    target = work / "roster.pdf"
    t0 = time.perf_counter()
    result = print_roster(ledger, target, all_villages=True)
    total = time.perf_counter() - t0
    people = sum(len(h.persons) for h in roster.households)
    print(
        f"roster (whole township): {people} rows, {result.households} households, {result.pages} pages, "
        f"{total:.1f} s ({read:.1f} s reading the store), {_mb(target)}, "
        f"{result.pages / total:.0f} pages/s"
    )

    own = [row.number for row in list_households(ledger)][: args.files]
    files = work / "households.pdf"
    t0 = time.perf_counter()
    printed = print_household_files(ledger, files, households=own, combined=True)
    spent = time.perf_counter() - t0
    print(
        f"一户一档: {printed.households} households in one file (a bookmark each), "
        f"{printed.pages} pages, {spent:.1f} s ({spent / max(printed.households, 1) * 1000:.0f} ms a "
        f"household), {_mb(files)}"
    )
    ledger.store.close()

    _libreoffice_reference(roster, work)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")
    if args.keep:
        print(f"files kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


def _libreoffice_reference(roster: Roster, work: Path) -> None:
    from openpyxl import Workbook

    sheet_file = work / "roster.xlsx"
    t0 = time.perf_counter()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.print_title_rows = "1:1"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.append([c.title for c in COLUMNS])
    household_columns = [i for i, c in enumerate(COLUMNS) if c.household]
    person_columns = [i for i, c in enumerate(COLUMNS) if not c.household]
    for h in roster.households:
        shared = (h.county, h.township, h.village, h.natural_village, h.number, h.size, h.poverty_status,
                  h.category, h.main_cause, h.dangerous_house, h.water_safe, h.water_difficult,
                  h.per_person_income, h.phone)  # fmt: skip
        for p in h.persons:
            own = (p.number, p.name, p.id_number, p.relation, p.ethnicity, p.education, p.schooling, p.health,
                   p.labour, p.work_status, p.work_months, p.serious_illness)  # fmt: skip
            row = [""] * len(COLUMNS)
            for i, value in zip(household_columns, shared, strict=True):
                row[i] = value
            for i, value in zip(person_columns, own, strict=True):
                row[i] = value
            sheet.append(row)
    book.save(sheet_file)
    written = time.perf_counter() - t0
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        print(
            f"reference: the same roster as .xlsx written in {written:.1f} s ({_mb(sheet_file)}); "
            "LibreOffice is not installed, so there is no converted PDF to compare with "
            "(apt-get install libreoffice-calc-nogui to add it)"
        )
        return
    t0 = time.perf_counter()
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(work / "lo"), str(sheet_file)],
        check=True,
        capture_output=True,
        timeout=3600,
    )
    converted = time.perf_counter() - t0
    pdf = work / "lo" / "roster.pdf"
    pages = _pages(pdf)
    print(
        f"reference: .xlsx written in {written:.1f} s, LibreOffice converted it in {converted:.1f} s "
        f"to {pages} pages, {_mb(pdf)}"
    )


def _pages(pdf: Path) -> str:
    if shutil.which("pdfinfo") is None:
        return "?"
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return next((line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")), "?")


def _mb(path: Path) -> str:
    return f"{path.stat().st_size / 1024 / 1024:.1f} MB"


if __name__ == "__main__":
    main()
