"""Core figures for a township-sized ledger (default 20 villages, 10,000 households).

Prints: demo creation time; household search latency (median of many, through the service the CLI and
GUI use); operations folded per second into a fresh store (what importing bundles costs); and the same
rows bulk-inserted with plain ``sqlite3`` as the physical reference, as a ratio (goal: at most 3x). A
smaller township (``--smaller``, default 1,000 households) is folded first in the same run, so the last
lines also say how the fold and its reference grow with the ledger. The fold, the reference and the
floor (everything the fold stores, inserted by plain sqlite3 on a connection set as the fold's) are each
run ``--rounds`` times in turn and the quickest run of each counts: this machine's neighbours move a
single run by a third. The fold is also run without its search refresh (bench only), to show what the
search texts (issue 17, item 1) and their FTS5 index (item 4) add to it.

    .venv/bin/python bench/bench_core.py [--households 10000] [--villages 20] [--searches 200] [--smaller 1000]
        [--rounds 3]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from desktop.app import open_ledger
from desktop.services.demo import create_demo
from desktop.services.households.households import list_households
from desktop.store import search_index
from desktop.store.base import Base, synced_models
from desktop.store.database import WRITE_CACHE_KB, StoreLocation, open_store
from desktop.store.fold import apply_ops
from desktop.store.models import Member, Operation
from desktop.store.oplog import Op
from desktop.store.search_index import FTS_TABLE

SEARCHES = ["zg", "卓嘎", "次仁", "0012", "1380", "zx", "格桑拉姆", "5133011980"]


@dataclass(frozen=True)
class FoldFigures:
    households: int
    ops: int
    fold_seconds: float
    rows: int
    reference_seconds: float
    stored_seconds: float  # plain sqlite3 insert of everything the fold stores (see ``stored_floor``)

    @property
    def ratio(self) -> float:
        return self.fold_seconds / self.reference_seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--villages", type=int, default=20)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="runs of the fold, the reference and the floor (the quickest counts)",
    )
    parser.add_argument(
        "--smaller", type=int, default=1_000, help="also fold a township of this many households (0: not)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-"))

    figures = []
    if 0 < args.smaller < args.households:
        villages = max(1, args.villages * args.smaller // args.households)
        figures.append(fold_figures(work / "smaller", args.smaller, villages, searches=0, rounds=args.rounds))
    figures.append(
        fold_figures(
            work / "township", args.households, args.villages, searches=args.searches, rounds=args.rounds
        )
    )

    print(
        "\nfold into a fresh store vs plain sqlite3 bulk insert of the same final rows (one transaction each):"
    )
    print(
        f"{'households':>10} {'operations':>10} {'fold s':>8} {'ops/s':>8} {'rows':>8} {'sqlite3 s':>9} {'ratio':>6}"
        f" {'stored s':>8} {'floor':>6}"
    )
    for f in figures:
        print(
            f"{f.households:>10,} {f.ops:>10,} {f.fold_seconds:>8.2f} {f.ops / f.fold_seconds:>8,.0f} "
            f"{f.rows:>8,} {f.reference_seconds:>9.2f} {f.ratio:>5.1f}x"
            f" {f.stored_seconds:>8.2f} {f.stored_seconds / f.reference_seconds:>5.1f}x"
        )
    print(
        "stored s: plain sqlite3 insert of everything the fold stores (the records with their indexes, the op "
        "log, the search texts and their FTS5 index) on a connection set as the fold's, no Python; floor: that "
        "against the same reference"
    )
    if len(figures) == 2:
        small, large = figures
        print(
            f"from {small.households:,} to {large.households:,} households: operations x{large.ops / small.ops:.1f}, "
            f"fold time x{large.fold_seconds / small.fold_seconds:.1f}, "
            f"sqlite3 time x{large.reference_seconds / small.reference_seconds:.1f}, "
            f"ratio {small.ratio:.1f}x -> {large.ratio:.1f}x"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB; data in {work}")


def fold_figures(home: Path, households: int, villages: int, *, searches: int, rounds: int) -> FoldFigures:
    ledger = open_ledger(home, create=True)
    started = time.perf_counter()
    summary = create_demo(ledger, households=households, villages=villages)
    created = time.perf_counter() - started
    with ledger.store.read_session() as session:
        op_count = session.execute(select(func.count()).select_from(Operation)).scalar_one()
        people = session.execute(select(func.count()).select_from(Member)).scalar_one()
    print(
        f"demo: {summary.villages} villages, {summary.households} households, {people} people, "
        f"{op_count} operations in {created:.1f} s ({op_count / created:,.0f} ops/s through the write path)"
    )

    # search within the current village, as the GUI does, and across the township
    for scope, all_villages in (("one village", False), ("whole township", True)):
        timings = []
        for i in range(searches):
            text = SEARCHES[i % len(SEARCHES)]
            t0 = time.perf_counter()
            list_households(ledger, search=text, all_villages=all_villages)
            timings.append(time.perf_counter() - t0)
        if timings:
            print(
                f"household search ({scope}): median {statistics.median(timings) * 1000:.1f} ms, "
                f"p95 {sorted(timings)[int(len(timings) * 0.95)] * 1000:.1f} ms over {len(timings)} searches"
            )

    with ledger.store.read_session() as session:
        ops = [Op.from_row(r) for r in session.execute(select(Operation).order_by(Operation.hlc)).scalars()]
    ledger.store.close()

    # the machine's other work shows in single runs (the same fold took 5.9 to 8.2 s on one afternoon):
    # each of the three is run ``rounds`` times, in turn, and its quickest run counts
    fold_dir = home.with_name(home.name + "-fold")
    reference_file = home.with_name(home.name + "-reference.sqlite3")
    stored_file = home.with_name(home.name + "-stored.sqlite3")
    folds, references, floors, unsearched = [], [], [], []
    for _round in range(rounds):
        unsearched.append(fold_seconds(fold_dir, ops, search=False))
        folds.append(fold_seconds(fold_dir, ops))
        rows_total, seconds = plain_insert(home / "zhucun.sqlite3", reference_file)
        references.append(seconds)
        floors.append(stored_floor(fold_dir / "zhucun.sqlite3", stored_file))
    folded, physical, stored, records_only = min(folds), min(references), min(floors), min(unsearched)
    runs = f" (quickest of {rounds})" if rounds > 1 else ""
    print(
        f"fold into a fresh store: {len(ops)} operations in {folded:.2f} s{runs} = {len(ops) / folded:,.0f} ops/s"
    )
    print(
        f"plain sqlite3 bulk insert of the same {rows_total} rows: {physical:.2f} s{runs} "
        f"= {rows_total / physical:,.0f} rows/s; fold / plain sqlite3 time ratio {folded / physical:.1f}x"
    )
    print(
        f"plain sqlite3 insert of everything the fold stored ({(fold_dir / 'zhucun.sqlite3').stat().st_size / 1e6:.0f}"
        f" MB against {reference_file.stat().st_size / 1e6:.0f} MB): {stored:.2f} s{runs} "
        f"= {stored / physical:.1f}x the reference; the fold takes {folded / stored:.2f}x that"
    )
    print(
        f"the same fold without the search texts and their FTS5 index (bench only: no search refresh at its "
        f"commit): {records_only:.2f} s{runs} = {records_only / physical:.1f}x the reference; the search index "
        f"adds {folded - records_only:.2f} s ({(folded - records_only) / folded:.0%} of the fold)"
    )
    return FoldFigures(households, len(ops), folded, rows_total, physical, stored)


def fold_seconds(fold_dir: Path, ops: list[Op], *, search: bool = True) -> float:
    """Seconds to fold ``ops`` into a fresh store in one transaction, its commit included; ``search``
    False: without refreshing the search texts at the commit (what the search index costs the fold)."""
    shutil.rmtree(fold_dir, ignore_errors=True)
    target = open_store(StoreLocation(fold_dir), create=True)
    refresh = search_index.refresh
    if not search:
        search_index.refresh = lambda session, household_ids: None
    try:
        t0 = time.perf_counter()
        with target.session() as session:
            apply_ops(session, ops)
        return time.perf_counter() - t0
    finally:
        search_index.refresh = refresh
        target.close()


def plain_insert(source_file: Path, target: Path) -> tuple[int, float]:
    """The reference: the records' final rows (each table with its primary key, no other index) read
    from ``source_file`` and inserted with plain sqlite3 in one transaction; (rows, seconds)."""
    for suffix in ("", "-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    source = sqlite3.connect(source_file)
    reference = sqlite3.connect(target)
    reference.execute("PRAGMA journal_mode=WAL")
    reference.execute("PRAGMA synchronous=FULL")
    rows_total = 0
    t0 = time.perf_counter()
    with reference:
        for table in synced_models():
            ddl = source.execute("SELECT sql FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
            reference.execute(ddl)
            rows = source.execute(f"SELECT * FROM {table}").fetchall()
            if rows:
                marks = ",".join("?" * len(rows[0]))
                reference.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
                rows_total += len(rows)
    seconds = time.perf_counter() - t0
    source.close()
    reference.close()
    return rows_total, seconds


def stored_floor(fold_file: Path, target: Path) -> float:
    """Seconds to insert every row the fold stored (all tables, their indexes, the FTS5 copy of the
    search texts) with plain sqlite3 in one transaction, read from the folded file as the reference reads
    its rows: what the fold's writes cost SQLite without any Python (the reference holds the records
    and their primary keys only)."""
    source = sqlite3.connect(fold_file)
    schema = source.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type = 'index'"
    ).fetchall()
    virtual = [name for kind, name, sql in schema if sql.upper().startswith("CREATE VIRTUAL")]
    shadow = {name for _kind, name, _sql in schema for v in virtual if name.startswith(v + "_")}
    for suffix in ("", "-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    floor = sqlite3.connect(target, isolation_level=None)
    # the settings of the fold's own connection (database.py): its cache and foreign-key checks too, so
    # the floor is what SQLite does for the fold (with sqlite3's 2 MB cache it took about 1.2-1.4x as long)
    floor.execute("PRAGMA journal_mode=WAL")
    floor.execute("PRAGMA synchronous=FULL")
    floor.execute("PRAGMA foreign_keys=ON")
    floor.execute("PRAGMA temp_store=MEMORY")
    floor.execute(f"PRAGMA cache_size=-{WRITE_CACHE_KB}")
    tables = []
    for kind, name, sql in schema:
        if name.startswith("sqlite_") or name in shadow:
            continue  # SQLite's own, FTS5's (made with it) and the FTS5 vocabulary (nothing stored)
        floor.execute(sql)
        if kind == "table" and name not in virtual:
            tables.append(name)
    order = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}
    tables.sort(key=lambda name: order.get(name, len(order)))  # parents first, as the fold writes them
    t0 = time.perf_counter()
    floor.execute("BEGIN")
    for table in tables:
        rows = source.execute(f"SELECT * FROM {table}").fetchall()
        if rows:
            floor.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(rows[0]))})", rows)
    if FTS_TABLE in virtual:
        floor.execute(f"INSERT INTO {FTS_TABLE} (rowid, text) SELECT rowid, text FROM household_search")
    floor.execute("COMMIT")
    seconds = time.perf_counter() - t0
    source.close()
    floor.close()
    return seconds


if __name__ == "__main__":
    main()
