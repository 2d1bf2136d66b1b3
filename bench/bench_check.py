"""``zhucun check``'s two per-record parts on an existing ledger: the hash walk of every device's chain and
the data-quality part, each measured against the way it was done before (the reference, in the same run,
each way in a fresh reading process of its own so its peak memory is its own), twice, alternately.

- chain: before, every log row became an ``Op`` (its fields JSON decoded) to ``verify_hash``; now the
  hash is recomputed from the stored columns (``oplog.stored_hash``), the fields text never decoded.
- quality: before, every live household, member and income was loaded as an ORM object at once; now
  500 households at a time, their members and incomes as plain rows.

Both ways must report exactly the same problems (the bench stops otherwise).

    .venv/bin/python bench/bench_check.py --home DATA_FOLDER [--db-url URL]

A ledger to run it on: ``zhucun --data DIR demo --households 10000`` (one village), or a county kept by
``bench_county.py --keep DIR`` (``DIR/runs/county-sqlite``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.app import open_ledger
from desktop.domain.income import net_income, per_person
from desktop.domain.quality import household_problems
from desktop.services.checklist.facts import income_figures, member_facts
from desktop.services.context import Ledger, judged_as_of
from desktop.services.maintenance import check
from desktop.store.base import table_of
from desktop.store.models import Household, Income, Member, Operation, OpLink
from desktop.store.oplog import Op
from desktop.store.queries import live


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--db-url")
    parser.add_argument("--part", choices=("chain", "quality"), help=argparse.SUPPRESS)
    parser.add_argument("--way", choices=("before", "now"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        measure(args.home, args.db_url, args.part, args.way)
        return
    for part in ("chain", "quality"):
        seconds: dict[str, list[float]] = {"before": [], "now": []}
        peaks: dict[str, float] = {}
        digests: set[str] = set()
        for way in ("before", "now", "before", "now"):
            command = [sys.executable, str(Path(__file__).resolve()), "--home", str(args.home)]
            command += ["--part", part, "--way", way] + (["--db-url", args.db_url] if args.db_url else [])
            out = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
            seconds[way].append(out["seconds"])
            peaks[way] = max(peaks.get(way, 0.0), out["peak_mb"])
            digests.add(out["digest"])
            print(
                f"  {part:<8} {way:<7} {out['seconds']:6.2f} s  peak RSS {out['peak_mb']:4.0f} MB  "
                f"{out['problems']} problems, {out['rows']:,} {out['unit']}",
                flush=True,
            )
        if len(digests) != 1:
            raise SystemExit(f"{part}: the two ways report different problems")
        before, now = min(seconds["before"]), min(seconds["now"])
        print(
            f"{part}: now {now:.2f} s against {before:.2f} s before (best of two each): {now / before:.2f} of "
            f"the time; peak RSS {peaks['now']:.0f} MB against {peaks['before']:.0f} MB; same problems reported"
        )


def measure(home: Path, db_url: str | None, part: str, way: str) -> None:
    ledger = judged_as_of(open_ledger(home, db_url=db_url, read_only=True), None)
    try:
        with ledger.store.read_session() as session:
            if part == "chain":
                rows = session.query(Operation).count() + session.query(OpLink).count()
                started = time.perf_counter()
                found = check._chain_problems(session) if way == "now" else chain_before(session)
                took = time.perf_counter() - started
                unit = "log rows and links"
            else:
                village_id = ledger.current_village_id()
                village_of = {} if village_id else check._village_names(session)
                rows = session.query(Household).count()
                started = time.perf_counter()
                problems = (
                    check._quality(session, ledger, village_id, village_of)
                    if way == "now"
                    else quality_before(session, ledger, village_id, village_of)
                )
                took = time.perf_counter() - started
                found = [f"{p.village}|{p.household_number}|{p.problem}" for p in problems]
                unit = "households"
    finally:
        ledger.close()
    digest = hashlib.sha256("\n".join(found).encode()).hexdigest()
    print(
        json.dumps(
            {
                "seconds": took,
                "peak_mb": peak_mb(),
                "digest": digest,
                "problems": len(found),
                "rows": rows,
                "unit": unit,
            }
        )
    )


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- the references: how check did it before ---------------------------------------------------------


def chain_before(session: Session) -> list[str]:
    """The chain walk as it was: every log row made an ``Op`` (its fields decoded) to ``verify_hash``."""
    origins = sorted(
        set(session.execute(select(Operation.origin).distinct()).scalars())
        | set(session.execute(select(OpLink.origin).distinct()).scalars())
    )
    problems: list[str] = []
    for origin in origins:
        problems += _chain_of_before(session, origin)
    return problems


def _chain_of_before(session: Session, origin: str) -> list[str]:
    operations = table_of(Operation)
    ops = session.execute(
        select(operations)
        .where(operations.c.origin == origin)
        .order_by(operations.c.seq)
        .execution_options(yield_per=2_000)
    )
    held_ops = ((row.seq, row.prev_hash, row.hash, Op.from_row(row).verify_hash()) for row in ops)
    return check.walk_chain(origin, held_ops, check.link_entries(session, origin))


def quality_before(
    session: Session, ledger: Ledger, village_id: str | None, village_of: dict[str, str]
) -> list[check.QualityProblem]:
    """The data-quality part as it was: every household, member and income an ORM object at once."""
    query = select(Household).where(Household.number.is_not(None), live(Household))
    if village_id is not None:
        query = query.where(Household.village_id == village_id)
    households = sorted(
        session.execute(query).scalars(), key=lambda h: (village_of.get(h.id, ""), h.number or "")
    )
    members: dict[str, list[Member]] = {}
    household_ids = select(Household.id).where(Household.village_id == village_id) if village_id else None
    member_query = (
        select(Member)
        if household_ids is None
        else select(Member).where(Member.household_id.in_(household_ids))
    )
    for member in session.execute(member_query).scalars():
        members.setdefault(member.household_id or "", []).append(member)
    latest: dict[str, Any] = {}
    income_query = select(Income).where(Income.year.is_not(None), live(Income))
    if household_ids is not None:
        income_query = income_query.where(Income.household_id.in_(household_ids))
    for income in session.execute(income_query).scalars():
        key = income.household_id or ""
        if key not in latest or (income.year or 0) > (latest[key].year or 0):
            latest[key] = income
    result = []
    for household in households:
        facts = [member_facts(m) for m in members.get(household.id, [])]
        latest_income = latest.get(household.id)
        figures = income_figures(latest_income) if latest_income else None
        current = sum(1 for f in facts if not f.archived)
        per = per_person(net_income(figures), current) if figures else None
        for problem in household_problems(
            household.category,
            facts,
            figures,
            per,
            household.farmland_mu,
            household.forest_mu,
            ledger.judged_on(),
        ):
            result.append(
                check.QualityProblem(household.number or "", problem, village_of.get(household.id, ""))
            )
    return result


if __name__ == "__main__":
    main()
