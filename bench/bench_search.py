"""Household search on a township's SQLite ledger: median and p95 per scope and per term, the same terms
as bench_core.py, three ways: what a screen shows of a search (``search_households``: the first 200
rows and how many are found; the household picker), the keys of every household found (``household_keys``,
what the 农户 page reads before its rows, 200 at a time) and every row (``list_households``, ``household
list``). Run with an older program (no ``search_households``), "shown" is ``list_households`` cut to
200 rows, which is what that program did. ``--ways "农户 page (refresh + paint)"`` times the 农户 page
itself (offscreen Qt): the search refreshed and painted, however that program's page reads the keys.

    .venv/bin/python bench/bench_search.py --home DIR [--searches 200]
    .venv/bin/python bench/bench_search.py --households 50000 --villages 100
    .venv/bin/python bench/bench_search.py --home DIR --db postgresql+psycopg://…  (a server's ledger)

``--home``: an existing ledger (a copy: opening it with a newer program migrates it and rebuilds the
search texts, timed apart as "open"). Without it a demo township of the size given is made first. To
compare two programs on one machine in one run, copy one ledger twice and run this file with each
program's ``PYTHONPATH``; the ratios between the two are the figures (the machine is shared). The CPU
time of this process is printed too: on a loaded machine the steadier figure for SQLite, whose work is
done in this process (a PostgreSQL server's is not).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop.app import open_ledger
from desktop.services.context import Ledger
from desktop.services.demo import create_demo
from desktop.services.households import households as service
from desktop.store.models import Household

SEARCHES = ["zg", "卓嘎", "次仁", "0012", "1380", "zx", "格桑拉姆", "5133011980"]
# what a user types on the way to a name or a number, and the last four of an ID number
TYPING = ["z", "卓", "d", "7", "12", "dj", "扎西", "1234"]


SHOWN = 200


def shown(ledger: Ledger, text: str, all_villages: bool) -> int:
    """The first rows of a search and its total: what a screen shows."""
    if hasattr(service, "search_households"):
        return int(service.search_households(ledger, text, all_villages=all_villages, limit=SHOWN).total)
    return len(service.list_households(ledger, search=text, all_villages=all_villages))  # all read, 200 shown


def keys(ledger: Ledger, text: str, all_villages: bool) -> int:
    return len(service.household_keys(ledger, search=text, all_villages=all_villages).ids)


def every_row(ledger: Ledger, text: str, all_villages: bool) -> int:
    return len(service.list_households(ledger, search=text, all_villages=all_villages))


_PAGES: dict[int, Any] = {}  # the 农户 page of a ledger (id), made at its first search


def page(ledger: Ledger, text: str, all_villages: bool) -> int:
    """The 农户 page itself (offscreen Qt): the search typed, the list refreshed and painted, which
    reads the rows in view. Whichever way the program's page reads the keys (every household found,
    or a page at a time). The first search of a ledger is not timed apart: run enough of them."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.households.page import HouseholdsPage
    from desktop.ui.shell.context import UiContext

    app = QApplication.instance() or QApplication(["bench_search"])
    shown = _PAGES.get(id(ledger))
    if shown is None:
        shown = _PAGES[id(ledger)] = HouseholdsPage(UiContext(ledger))
        shown.resize(1366, 700)
        shown.show()
    village = None if all_villages else ledger.current_village_id()
    if shown.ctx.village_id != village:
        shown.ctx.set_village(village)
    shown.search_box.blockSignals(True)
    shown.search_box.setText(text)
    shown.search_box.blockSignals(False)
    shown.refresh()
    app.processEvents()  # painted: the rows in view read
    return int(shown.model.rowCount())


WAYS: dict[str, Callable[[Ledger, str, bool], int]] = {
    "shown (200 + count)": shown,
    "keys (农户 page)": keys,
    "every row (list)": every_row,
    "农户 page (refresh + paint)": page,
}


def p95(timings: list[float]) -> float:
    return sorted(timings)[int(len(timings) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path)
    parser.add_argument("--db", help="a PostgreSQL ledger (URL) instead of the SQLite file in --home")
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--villages", type=int, default=20)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--ways", default=",".join(list(WAYS)[:3]), help="which of: " + ", ".join(WAYS))
    parser.add_argument("--township-only", action="store_true", help="not the current village's search")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="zhucun-bench-search-")) / "township"
    t0 = time.perf_counter()
    ledger = open_ledger(home, db_url=args.db, create=args.home is None)
    opened = time.perf_counter() - t0
    if args.home is None:
        create_demo(ledger, households=args.households, villages=args.villages)
    with ledger.store.read_session() as session:
        households = session.execute(select(func.count()).select_from(Household)).scalar_one()
    print(f"{households} households; open (migration and index rebuild, if any) {opened:.1f} s")
    for terms, label in ((SEARCHES, "bench_core terms"), (TYPING, "short terms, as typed")):
        for scope, all_villages, way in (
            (scope, all_villages, way)
            for scope, all_villages in (("one village", False), ("whole township", True))
            if all_villages or not args.township_only
            for way in args.ways.split(",")
        ):
            timings: list[float] = []
            cpu: list[float] = []
            by_term: dict[str, list[float]] = defaultdict(list)
            found: dict[str, int] = {}
            for i in range(args.searches):
                text = terms[i % len(terms)]
                t1, c1 = time.perf_counter(), time.process_time()
                found[text] = WAYS[way](ledger, text, all_villages)
                timings.append(time.perf_counter() - t1)
                cpu.append(time.process_time() - c1)
                by_term[text].append(timings[-1])
            print(
                f"household search, {label} ({scope}), {way}: median {statistics.median(timings) * 1000:.1f} "
                f"ms, p95 {p95(timings) * 1000:.1f} ms over {len(timings)} searches"
            )
            print(
                f"    cpu of this process: median {statistics.median(cpu) * 1000:.1f} ms, "
                f"p95 {p95(cpu) * 1000:.1f} ms; per term "
                + "  ".join(
                    f"{t} {statistics.median(v) * 1000:.0f} ms/{found[t]}" for t, v in by_term.items()
                )
            )
    ledger.store.close()


if __name__ == "__main__":
    main()
