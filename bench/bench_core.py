"""Core figures for a township-sized ledger (default 20 villages, 10,000 households).

Prints: demo creation time; household search latency (median of many, through the service the CLI and
GUI use); operations folded per second into a fresh store (what importing bundles costs); and the same
rows bulk-inserted with plain ``sqlite3`` as the physical reference, as a ratio.

    .venv/bin/python bench/bench_core.py [--households 10000] [--villages 20] [--searches 200]
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from desktop.app import open_ledger
from desktop.services.demo import create_demo
from desktop.services.households.households import list_households
from desktop.store.base import synced_models
from desktop.store.database import StoreLocation, open_store
from desktop.store.fold import apply_ops
from desktop.store.models import Member, Operation
from desktop.store.oplog import Op

SEARCHES = ["zg", "卓嘎", "次仁", "0012", "1380", "zx", "格桑拉姆", "5133011980"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--villages", type=int, default=20)
    parser.add_argument("--searches", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-"))

    ledger = open_ledger(work / "township", create=True)
    started = time.perf_counter()
    summary = create_demo(ledger, households=args.households, villages=args.villages)
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
        for i in range(args.searches):
            text = SEARCHES[i % len(SEARCHES)]
            t0 = time.perf_counter()
            list_households(ledger, search=text, all_villages=all_villages)
            timings.append(time.perf_counter() - t0)
        print(
            f"household search ({scope}): median {statistics.median(timings) * 1000:.1f} ms, "
            f"p95 {sorted(timings)[int(len(timings) * 0.95)] * 1000:.1f} ms over {len(timings)} searches"
        )

    with ledger.store.read_session() as session:
        ops = [Op.from_row(r) for r in session.execute(select(Operation).order_by(Operation.hlc)).scalars()]
    ledger.store.close()

    target = open_store(StoreLocation(work / "fold"), create=True)
    t0 = time.perf_counter()
    with target.session() as session:
        apply_ops(session, ops)
    folded = time.perf_counter() - t0
    target.close()
    print(
        f"fold into a fresh store: {len(ops)} operations in {folded:.1f} s = {len(ops) / folded:,.0f} ops/s"
    )

    # physical reference: the same final rows, inserted with plain sqlite3 in one transaction
    source = sqlite3.connect(work / "township" / "zhucun.sqlite3")
    reference = sqlite3.connect(work / "reference.sqlite3")
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
    physical = time.perf_counter() - t0
    print(
        f"plain sqlite3 bulk insert of the same {rows_total} rows: {physical:.2f} s "
        f"= {rows_total / physical:,.0f} rows/s; fold / physical time ratio {folded / physical:.0f}x"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB; data in {work}")


if __name__ == "__main__":
    main()
