"""County-scale figures (default 20 townships × 20 villages × 500 households ≈ 200,000 households).

Generates the county as real signed village bundles (bench/_county_villages.py: every village its own
device and data folder, filled by the demo generator, about four people a household) and imports them
into a fresh SQLite county and a fresh PostgreSQL county. A county device is a township-role device that
trusts (and certifies) every village device. Prints: generation time; per database the import (operations
applied per second overall, per tenth of the run and for the slowest bundle; total time; database size);
then, at full size, household search by name, pinyin initials and ID number across the county and within
one village (median and p95 of what a screen shows, ``search_households``: the first 200 rows and the
count; and of every row, ``list_households``, what ``household list`` prints) and the whole county's
household list; and peak memory of the importing process (each database is imported by a process of its
own). Then the reports, each way in a fresh reading process of its own
(times and that process's peak resident memory): 概况 of all villages, 各村, the county's gap report
(``village_checklists(only_gaps)``, what ``zhucun check`` and ``xlsx export gaps`` read) and one
village's 核查, read from the derived verdicts (the first three share what they read of the
county, services/shared_reads.py; then each again as if read first); against judging every household
directly, as each of them did before (the reference, in the same run); and 核查 with no village chosen, its keys and first
page of rows (``checklist_keys``, ``checklist_rows``) against every household's verdicts
(``village_checklists``), each in a process of its own. ``--report-at 20,100,200`` reads the reports
also after that many bundles (a county growing: 10k, 50k, 100k households at the default village size;
not counted in the import's time). ``BENCH_COUNTY_CHECK=1`` adds the whole ``zhucun check`` (its
integrity and data-quality parts read every operation and household; bench_check.py compares them with
how they were done before).
``--judge-cost N`` only measures what keeping the derived verdicts adds to importing N bundles.

    .venv/bin/python bench/bench_county.py [--townships 20 --villages 20 --households 500]
        [--db sqlite|postgres|both] [--keep DIR] [--pg-url URL] [--jobs 2] [--searches 50] [--report-at N,N]

Quick: ``--townships 2 --villages 3 --households 100``. ``--keep DIR`` generates into DIR and leaves it;
run again with the same DIR and sizes, the bundles there are imported again without generating. Without
``--pg-url`` PostgreSQL is a throwaway server (tests/pg_server.py: loopback, fsync off).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import TypeVar

from _county_villages import (
    VillageMade,
    VillageSpec,
    fresh_county,
    make_county_template,
    make_village,
    trust_villages,
)
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.app import open_ledger
from desktop.domain.enums import HEAD_RELATIONS
from desktop.services import shared_reads
from desktop.services.checklist.verdicts import checklist_keys, checklist_rows, checklists, village_checklists
from desktop.services.context import Ledger, with_policy_settings
from desktop.services.exchange.bundles import Outcome, import_bundle
from desktop.services.households.households import list_households, search_households
from desktop.services.maintenance.check import run_check
from desktop.services.village.overview import village_overview
from desktop.services.village.township_overview import township_villages
from desktop.store.models import Household, Member, Operation, Village
from desktop.store.search_index import pinyin_keys

T = TypeVar("T")
PAGE_ROWS = 200  # rows the 核查 list reads at a time (desktop.ui.checks.matrix_model; no Qt here)
COUNTY_FILE = "county.json"
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--townships", type=int, default=20)
    parser.add_argument("--villages", type=int, default=20, help="villages per township")
    parser.add_argument("--households", type=int, default=500, help="households per village")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder and keep it")
    parser.add_argument("--pg-url", help="an empty PostgreSQL database (default: a throwaway server)")
    parser.add_argument("--jobs", type=int, default=2, help="processes generating villages")
    parser.add_argument("--searches", type=int, default=50, help="queries per kind of search")
    parser.add_argument(
        "--report-at",
        type=lambda text: [int(n) for n in text.split(",") if n],
        default=[],
        metavar="N,N",
        help="also read the reports after these many bundles (a county growing: e.g. 20,100,200)",
    )
    parser.add_argument("--import-into", choices=("sqlite", "postgres"), help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--judge-cost",
        type=int,
        metavar="N",
        help="only measure what keeping the derived verdicts adds to importing the first N bundles (SQLite)",
    )
    parser.add_argument(
        "--read", choices=("derived", "direct", "list-before", "list-now"), help=argparse.SUPPRESS
    )
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read:  # a child process that only reads the reports (its peak memory is theirs)
        read_reports(args.home, args.pg_url, args.read)
        return
    if args.import_into:  # the child process that imports into one database
        import_run(
            args.root, args.import_into, pg_url=args.pg_url, searches=args.searches, report_at=args.report_at
        )
        return

    root = args.keep or Path(tempfile.mkdtemp(prefix="zhucun-bench-county-"))
    sizes = {"townships": args.townships, "villages": args.villages, "households": args.households}
    try:
        if reusable(root, sizes):
            print(f"reusing the county in {root}: {describe(sizes)}")
        else:
            generate(root, sizes, jobs=args.jobs)
        if args.judge_cost:
            judge_cost(root, args.judge_cost)
            return
        for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
            print(f"\n=== import into {db} ===", flush=True)
            command = [sys.executable, str(Path(__file__).resolve()), "--import-into", db]
            command += ["--root", str(root), "--searches", str(args.searches)]
            command += ["--report-at", ",".join(map(str, args.report_at))] if args.report_at else []
            command += ["--pg-url", args.pg_url] if args.pg_url else []
            subprocess.run(command, check=True)
    finally:
        if args.keep:
            print(f"\ncounty kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


# --- generation ----------------------------------------------------------------------------------------


def describe(sizes: dict[str, int]) -> str:
    t, v, h = sizes["townships"], sizes["villages"], sizes["households"]
    return f"{t} townships × {v} villages × {h} households = {t * v * h:,} households"


def reusable(root: Path, sizes: dict[str, int]) -> bool:
    try:
        done = json.loads((root / COUNTY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return done.get("sizes") == sizes and all(Path(root, "bundles", b).is_file() for b in done["bundles"])


def generate(root: Path, sizes: dict[str, int], *, jobs: int) -> None:
    print(f"generating {describe(sizes)} in {root} ({jobs} processes)", flush=True)
    for name in ("bundles", "cards", "villages", "runs"):
        shutil.rmtree(root / name, ignore_errors=True)
    (root / COUNTY_FILE).unlink(missing_ok=True)
    (root / "bundles").mkdir(parents=True)
    started = time.perf_counter()
    card, fingerprint = make_county_template(root)
    specs = [
        VillageSpec(root, t, v, sizes["villages"], sizes["households"], card, fingerprint)
        for t in range(sizes["townships"])
        for v in range(sizes["villages"])
    ]
    made: list[VillageMade] = []
    step = max(1, len(specs) // 10)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        for village in pool.map(make_village, specs):
            made.append(village)
            if len(made) % step == 0 or len(made) == len(specs):
                spent = time.perf_counter() - started
                print(f"  {len(made)}/{len(specs)} villages, {spent:.0f} s", flush=True)
    built = time.perf_counter() - started
    t0 = time.perf_counter()
    trust_villages(root, specs)
    trusted = time.perf_counter() - t0
    ops = sum(m.ops for m in made)
    people = sum(m.members for m in made)
    size = sum(m.bundle_bytes for m in made)
    demo = statistics.median(m.demo_seconds for m in made)
    each = statistics.median(m.total_seconds for m in made)
    print(
        f"generated {len(made)} villages, {sum(m.households for m in made):,} households, {people:,} people, "
        f"{ops:,} operations in {built:.0f} s wall ({ops / built:,.0f} ops/s with {jobs} processes); "
        f"a village: median {each:.2f} s ({demo:.2f} s writing its ledger, the rest its bundle and card)"
    )
    print(
        f"bundles: {size / 2**20:.0f} MB ({size / len(made) / 1024:.0f} KB a village); "
        f"the county trusted {len(made)} village cards in {trusted:.1f} s"
    )
    (root / COUNTY_FILE).write_text(
        json.dumps({"sizes": sizes, "bundles": sorted(s.bundle.name for s in specs)}), encoding="utf-8"
    )


# --- import and queries (a child process per database) -------------------------------------------------


def import_run(root: Path, db: str, *, pg_url: str | None, searches: int, report_at: list[int]) -> None:
    bundles = sorted((root / "bundles").glob("*.zcb"))
    with database(db, pg_url) as url:
        home = root / "runs" / f"county-{db}"
        ledger = fresh_county(root, home, url)
        try:
            import_all(ledger, bundles, report_at=report_at, read_reports_now=lambda: reports(home, url))
            print(f"database size: {database_size(ledger)}")
            print(f"peak memory after the import: {peak_mb():.0f} MB (this process)", flush=True)
            queries(ledger, searches)
            print(f"peak memory (this process, import and queries): {peak_mb():.0f} MB")
            ledger.store.close()
            reports(home, url)
            if db == "postgres":
                print(server_memory(ledger))
        finally:
            ledger.store.close()  # the database stays in the county folder (removed unless --keep)


@contextmanager
def database(db: str, pg_url: str | None) -> Iterator[str | None]:
    if db == "sqlite":
        print("SQLite: WAL, synchronous=FULL (the store's settings)")
        yield None
        return
    if pg_url:
        print(f"PostgreSQL: {pg_url.rsplit('@', 1)[-1]}")
        yield pg_url
        return
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import ThrowawayPostgres

    with ThrowawayPostgres() as server:
        print(
            f"PostgreSQL: throwaway server from {server.bin_dir} on loopback "
            "(fsync=off, synchronous_commit=off: a test server; one commit per bundle, so fsync on adds little)"
        )
        yield server.create_database("zhucun_county")


def import_all(
    ledger: Ledger,
    bundles: list[Path],
    *,
    report_at: Sequence[int] = (),
    read_reports_now: Callable[[], None] | None = None,
) -> list[tuple[str, int, float]]:
    """Every bundle, in order; (village code, operations applied, seconds) of each. After the n-th
    bundle for each n of ``report_at``, ``read_reports_now()`` (the reports of a county that size so far; the
    time it takes is not the import's)."""
    paused = 0.0
    done: list[tuple[str, int, float]] = []
    step = max(1, len(bundles) // 10)
    started = time.perf_counter()
    for n, bundle in enumerate(bundles, 1):
        t0 = time.perf_counter()
        report = import_bundle(ledger, bundle)
        seconds = time.perf_counter() - t0
        if report.outcome != Outcome.APPLIED:
            raise SystemExit(f"{bundle.name}: {report.outcome} {report.message}")
        done.append((bundle.stem, report.applied, seconds))
        if n in report_at and n < len(bundles) and read_reports_now is not None:
            t0 = time.perf_counter()
            with ledger.store.read_session() as session:
                households = session.execute(select(func.count()).select_from(Household)).scalar_one()
            print(f"\n--- the reports after {n} bundles: {households:,} households ---", flush=True)
            read_reports_now()
            print("--- importing on ---\n", flush=True)
            paused += time.perf_counter() - t0
        if n % step == 0 or n == len(bundles):
            chunk = done[-step:] if n % step == 0 else done[-(n % step) :]
            rate = sum(c[1] for c in chunk) / sum(c[2] for c in chunk)
            total = time.perf_counter() - started - paused
            print(
                f"  {n}/{len(bundles)} bundles, {sum(d[1] for d in done):,} ops in {total:.0f} s; "
                f"these {len(chunk)}: {rate:,.0f} ops/s",
                flush=True,
            )
    total_time = time.perf_counter() - started - paused
    ops = sum(d[1] for d in done)
    slowest = min(done, key=lambda d: d[1] / d[2])
    position = done.index(slowest) + 1
    print(
        f"imported {len(done)} bundles, {ops:,} operations in {total_time:.1f} s = {ops / total_time:,.0f} "
        f"ops/s; a bundle: median {statistics.median(d[2] for d in done):.2f} s; slowest {slowest[0]} "
        f"(no. {position}): {slowest[1]:,} ops in {slowest[2]:.2f} s = {slowest[1] / slowest[2]:,.0f} ops/s"
    )
    return done


def database_size(ledger: Ledger) -> str:
    with ledger.store.read_session() as session:
        ops = session.execute(select(func.count()).select_from(Operation)).scalar_one()
        if ledger.store.location.is_sqlite:
            path = ledger.store.location.db_path
            size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        else:
            size = session.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    return f"{size / 2**20:,.0f} MB for {ops:,} operations ({size / max(ops, 1):.0f} bytes an operation)"


def queries(ledger: Ledger, searches: int) -> None:
    with ledger.store.read_session() as session:
        heads = [
            (name or "", id_number or "", village_id or "")
            for name, id_number, village_id in session.execute(
                select(Member.name, Member.id_number, Household.village_id)
                .join(Household, Household.id == Member.household_id)
                .where(Member.relation.in_(sorted(HEAD_RELATIONS)))
                .order_by(Member.id)
            )
        ]
        households = session.execute(select(func.count()).select_from(Household)).scalar_one()
        people = session.execute(select(func.count()).select_from(Member)).scalar_one()
        villages = session.execute(select(func.count()).select_from(Village)).scalar_one()
    print(f"at full size: {villages} villages, {households:,} households, {people:,} people")
    picked = random.Random(2016).sample(heads, min(searches, len(heads)))
    kinds: list[tuple[str, Callable[[tuple[str, str, str]], str]]] = [
        ("name", lambda row: row[0]),
        ("pinyin initials", lambda row: pinyin_keys(row[0])[0]),
        ("ID number", lambda row: row[1]),
    ]
    print(
        f"household search ({len(picked)} queries each; shown: the first 200 rows and the count, "
        "search_households; every row: list_households):"
    )
    for label, term in kinds:
        for scope, way in ((s, w) for s in ("county", "village") for w in ("shown", "every row")):
            times, hits = [], []
            for row in picked:
                village = None if scope == "county" else row[2]
                if way == "shown":
                    seconds, page = timed(
                        partial(
                            search_households,
                            ledger,
                            term(row),
                            village_id=village,
                            all_villages=village is None,
                        )
                    )
                    hits.append(page.total)
                else:
                    seconds, found = timed(
                        partial(
                            list_households,
                            ledger,
                            search=term(row),
                            village_id=village,
                            all_villages=village is None,
                        )
                    )
                    hits.append(len(found))
                times.append(seconds)
            print(
                f"  {label:<16} {'whole county' if scope == 'county' else 'one village':<13} {way:<10}"
                f"median {statistics.median(times) * 1000:7.1f} ms  p95 {p95(times) * 1000:7.1f} ms  "
                f"(median {statistics.median(hits):.0f} households found)"
            )
    reports: list[tuple[str, Callable[[], object]]] = [
        ("农户 list, whole county: list_households", lambda: list_households(ledger, all_villages=True)),
    ]
    print("lists at full size (the reports follow, read by a process of their own):")
    for label, action in reports:
        seconds, result = timed(action)
        size = f"{len(result)} rows" if isinstance(result, list) else ""
        print(f"  {label:<48} {seconds:6.2f} s  {size:<14} peak memory so far {peak_mb():.0f} MB", flush=True)


def judge_cost(root: Path, count: int) -> None:
    """The first ``count`` bundles imported into a fresh SQLite county with the derived verdicts kept
    (judged before each commit) and without (their rows only dropped), alternately, twice each."""
    from desktop.services import context

    bundles = sorted((root / "bundles").glob("*.zcb"))[:count]
    judge = context.judge_written  # each Ledger made (dataclasses.replace too) sets it as its store's judge

    def no_judge(ledger: Ledger, session: Session, household_ids: list[str]) -> None:
        return None

    seconds: dict[bool, list[float]] = {True: [], False: []}
    for judged in (True, False, True, False):
        context.judge_written = judge if judged else no_judge
        ledger = fresh_county(root, root / "runs" / "judge-cost", None)
        if not judged:
            ledger.store.verdict_judge = None
        try:
            started = time.perf_counter()
            for bundle in bundles:
                if import_bundle(ledger, bundle).outcome != Outcome.APPLIED:
                    raise SystemExit(f"{bundle.name} not applied")
            seconds[judged].append(time.perf_counter() - started)
        finally:
            ledger.store.close()
    context.judge_written = judge
    kept, plain = min(seconds[True]), min(seconds[False])
    print(
        f"import of {len(bundles)} bundles: {kept:.1f} s keeping the derived verdicts, {plain:.1f} s without "
        f"(best of two each): {kept / plain:.2f}×"
    )


def reports(home: Path, url: str | None) -> None:
    """概况, 各村 and the gap report, each kind of reading in a fresh process of its own (so its peak
    resident memory is the reports' alone): from the derived verdicts, and judging every household
    directly as every report did before them (the reference, measured in the same run)."""
    print("reports in a reading process of their own (opened read-only, as `zhucun check` does):", flush=True)
    seconds = {mode: read_apart(home, url, mode) for mode in ("direct", "derived")}
    print(f"  derived / direct: {seconds['derived'] / seconds['direct']:.3f} of the time")
    print(
        "核查 of the whole county (no village chosen), each way in a reading process of its own:", flush=True
    )
    seconds = {mode: read_apart(home, url, mode) for mode in ("list-before", "list-now")}
    print(f"  now / before: {seconds['list-now'] / seconds['list-before']:.3f} of the time")


def read_apart(home: Path, url: str | None, mode: str) -> float:
    """One way of reading (``--read mode``) in a process of its own: prints what it printed and gives
    the total seconds it reported."""
    command = [sys.executable, str(Path(__file__).resolve()), "--read", mode, "--home", str(home)]
    command += ["--pg-url", url] if url else []
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    print(out, end="", flush=True)
    return float(out.rsplit("total ", 1)[1].split(" s", 1)[0])


def read_reports(home: Path, url: str | None, mode: str) -> None:
    ledger = open_ledger(home, db_url=url, read_only=True)
    try:
        with ledger.store.read_session() as session:
            village = session.execute(select(Household.village_id).limit(1)).scalar_one()
        if mode.startswith("list-"):
            read_county_list(ledger, mode)
            return
        if mode == "direct":
            actions: list[tuple[str, Callable[[], object]]] = [
                (
                    "every household judged (what 概况, 各村 and the gap report each did)",
                    lambda: judge_all(ledger),
                ),
            ]
        else:
            actions = [
                ("概况, all villages: village_overview", lambda: village_overview(ledger, all_villages=True)),
                ("各村: township_villages", lambda: township_villages(ledger)),
                (
                    "gap report, county: village_checklists(only_gaps)",
                    lambda: village_checklists(ledger, only_gaps=True),
                ),
                (
                    "核查, one village: village_checklists",
                    lambda: village_checklists(ledger, village_id=village),
                ),
            ]
            if os.environ.get("BENCH_COUNTY_CHECK"):  # the whole check: its integrity and data-quality parts
                actions.append(("zhucun check, county", lambda: run_check(ledger).checklists))
        total = cpu_total = 0.0
        for label, action in actions:
            cpu = time.process_time()
            took, result = timed(action)
            cpu = time.process_time() - cpu
            if not label.startswith("zhucun check"):
                total, cpu_total = total + took, cpu_total + cpu
            size = f"{len(result)} rows" if isinstance(result, list) else ""
            print(
                f"  {mode:<8} {label:<52} {took:6.2f} s (CPU {cpu:5.2f} s)  {size:<12} "
                f"peak RSS so far {own_peak_mb():.0f} MB"
            )
        print(
            f"  {mode:<8} total {total:.2f} s (CPU of this process {cpu_total:.2f} s; 概况 + 各村 + gap report), "
            f"peak RSS {own_peak_mb():.0f} MB"
        )
        if mode == "derived":  # what the county's reads shared between them cost each report read first
            alone = []
            for label, action in actions[:3]:
                shared_reads.forget(ledger)
                cpu = time.process_time()
                took, _result = timed(action)
                alone.append(f"{label.split(':')[0]} {took:.2f} s (CPU {time.process_time() - cpu:.2f} s)")
            print(f"  {mode:<8} each read first (nothing shared yet): {'; '.join(alone)}")
    finally:
        ledger.close()


def read_county_list(ledger: Ledger, mode: str) -> None:
    """核查 with no village chosen at a county: before, every household's verdicts and reasons
    (``village_checklists``); now its keys and counts (``checklist_keys``) and the first page of rows
    (``checklist_rows``), as the page shows it."""
    started, cpu = time.perf_counter(), time.process_time()
    if mode == "list-before":
        rows = village_checklists(ledger)
        listed, label = len(rows), "every household's verdicts: village_checklists"
    else:
        keys = checklist_keys(ledger)
        page = checklist_rows(ledger, keys.ids[:PAGE_ROWS])
        listed, label = len(keys.ids), f"keys + the first {len(page)} rows: checklist_keys, checklist_rows"
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"  {mode:<12} {label:<60} {listed:,} households listed; total {took:.2f} s (CPU {cpu:.2f} s), "
        f"peak RSS {own_peak_mb():.0f} MB"
    )


def judge_all(ledger: Ledger) -> list[object]:
    """The county's households judged one by one from their records, the gap households kept."""
    ledger = with_policy_settings(ledger)
    with ledger.store.read_session() as session:
        households = session.execute(select(Household).where(Household.number.is_not(None))).scalars().all()
        return [c for c in checklists(session, ledger, households) if c.gaps]


def server_memory(ledger: Ledger) -> str:
    """The PostgreSQL backends of this database: their peak resident size (VmHWM, which counts the
    shared buffers they touched) and the server's shared_buffers."""
    with ledger.store.read_session() as session:
        pids = session.execute(
            text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        ).scalars()
        buffers = session.execute(text("SHOW shared_buffers")).scalar_one()
        peaks = []
        for pid in pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), None)
            if line:
                peaks.append(int(line.split()[1]) / 1024)
    if not peaks:
        return f"server: shared_buffers {buffers} (backend memory not readable from here)"
    return (
        f"server: shared_buffers {buffers}; {len(peaks)} backend(s) of this database, peak resident "
        f"{max(peaks):.0f} MB (VmHWM, shared buffers included)"
    )


def timed(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def own_peak_mb() -> float:
    """This process's own peak resident size (VmHWM: unlike ru_maxrss, not carried over from the
    parent it was forked from)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return peak_mb()


if __name__ == "__main__":
    main()
