"""Village laptop figure: cold start of the GUI to an interactive household list at 10,000 households.

A village data folder with 10,000 households (the demo generator, one village) is made once and reused.
Each run is a fresh process running the app's own start (``zhucun --home DIR``: ``desktop.cli.main``,
offscreen) and records the moment the 农户 page's table has its rows and the event loop is idle again (a
zero timer after the rows appeared has run): the time from just before the process was started to then,
and the process's peak memory. One warm-up run first (it also makes the day's backup, as the first start of a
day does), then the median of ``--runs``. The OS file cache is warm (the folder was just written or
read); a laptop's first start after a reboot reads the database from disk as well.

The reference, run alternately with the app in the same run: a bare window, also a fresh process, that
imports only PySide6 and sqlite3, opens the same database file read-only, reads the same columns of
the same households in one query (户编号, 户主, 小组, 类别, 脱贫属性, 人数, masked 电话) and shows them
in a QTableView over a minimal table model, with the same "rows shown, loop idle" mark. The bench
prints the app's median over the bare window's median (issue 17's goal: ≤ 3×).

    .venv/bin/python bench/bench_gui_start.py [--households 10000] [--home DIR] [--runs 5] [--profile]

``--profile`` runs once more under cProfile and prints where the start's time goes.

A village laptop's window shows its list before the ledger is open (app.py: the first screen read with
plain sqlite3, the ledger opened on a worker thread once the window is up): the bench also prints the
time and CPU until the ledger is open, the whole start's work.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

MARK = "zhucun-gui-start:"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--home", type=Path, help="the village data folder (made when missing)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="one more run under cProfile")
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--bare-probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_probe:
        bare_probe(args.bare_probe)
        return
    if args.probe:
        probe(args.probe, args.profile_out)
        return

    home = args.home or Path(tempfile.gettempdir()) / f"zhucun-bench-gui-{args.households}"
    make_village(home, args.households)
    warm = run_once(home)
    print(f"warm-up start (makes the day's backup when due): {warm['total']:.2f} s")
    run_once(home, bare=True)  # its warm-up: PySide6's files in the OS cache for both
    runs: list[dict[str, float]] = []
    bare: list[dict[str, float]] = []
    for _ in range(args.runs):  # alternately, so both see the same load on a shared machine
        runs.append(run_once(home))
        bare.append(run_once(home, bare=True))
    print(f"cold start to an interactive 农户 list of {runs[0]['rows']:,} households, {len(runs)} runs:")
    for key, label in (
        ("total", "process start → rows shown, loop idle"),
        ("interpreter", "  interpreter start"),
        ("imports", "  imports (PySide6, the command line)"),
        ("window", "  import the app, open the ledger, build the window, fill the list"),
        ("idle", "  until the event loop is idle"),
    ):
        values = [r[key] for r in runs]
        print(
            f"  {label:<66} median {statistics.median(values):6.2f} s  (min {min(values):.2f}, max {max(values):.2f})"
        )
    peaks = [r["peak_mb"] for r in runs]
    print(f"peak memory of the app process: median {statistics.median(peaks):.0f} MB")
    app_total = statistics.median(r["total"] for r in runs)
    bare_total = statistics.median(r["total"] for r in bare)
    bare_peak = statistics.median(r["peak_mb"] for r in bare)
    print(
        f"bare PySide6 + sqlite3 window of the same {bare[0]['rows']:,.0f} rows: median {bare_total:.2f} s "
        f"(min {min(r['total'] for r in bare):.2f}, max {max(r['total'] for r in bare):.2f}; "
        f"imports {statistics.median(r['imports'] for r in bare):.2f} s), peak {bare_peak:.0f} MB"
    )
    if bare[0]["rows"] != runs[0]["rows"]:
        print(f"  (!) the bare window shows {bare[0]['rows']:,.0f} rows, the app {runs[0]['rows']:,.0f}")
    print(f"app start / bare window: {app_total / bare_total:.1f}×  (goal ≤ 3×)")
    app_cpu = statistics.median(r["cpu"] for r in runs)
    bare_cpu = statistics.median(r["cpu"] for r in bare)
    print(
        f"CPU time to the list (all threads; steadier than the clock on a loaded machine): app {app_cpu:.2f} s, "
        f"bare window {bare_cpu:.2f} s: {app_cpu / bare_cpu:.1f}×"
    )
    opened = statistics.median(r["opened"] for r in runs)
    cpu_opened = statistics.median(r["cpu_opened"] for r in runs)
    print(
        f"until the ledger is open as well (the list is shown before it): median {opened:.2f} s, "
        f"CPU {cpu_opened:.2f} s: {opened / bare_total:.1f}× / {cpu_opened / bare_cpu:.1f}× the bare window"
    )
    if args.profile:
        profile(home)


def make_village(home: Path, households: int) -> None:
    from desktop.app import has_ledger, open_ledger
    from desktop.services.demo import create_demo
    from desktop.services.village.overview import count_households

    if has_ledger(home):
        ledger = open_ledger(home)
        try:
            found = count_households(ledger)
        finally:
            ledger.store.close()
        if found == households:
            print(f"village with {found:,} households in {home} (reused)")
            return
        raise SystemExit(f"{home} holds {found} households, not {households}: give another --home")
    started = time.perf_counter()
    ledger = open_ledger(home, create=True)
    try:
        summary = create_demo(ledger, households=households)
    finally:
        ledger.store.close()
    print(
        f"made a village with {summary.households:,} households, {summary.members:,} people in {home} "
        f"({time.perf_counter() - started:.0f} s)"
    )


def run_once(home: Path, profile_out: Path | None = None, *, bare: bool = False) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--bare-probe" if bare else "--probe",
        str(home),
    ]
    if profile_out is not None:
        command += ["--profile-out", str(profile_out)]
    started = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    line = next((x for x in done.stdout.splitlines() if x.startswith(MARK)), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"the app did not start (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    figures = json.loads(line.removeprefix(MARK))
    return {
        "total": figures["ready"] - started,
        "interpreter": figures["main"] - started,
        "imports": figures["imported"] - figures["main"],
        "window": figures["filled"] - figures["imported"],
        "idle": figures["ready"] - figures["filled"],
        "cpu": figures["cpu"],
        # the app: until its ledger is open too (the window may show its list first); the bare window: ready
        "opened": figures.get("opened", figures["ready"]) - started,
        "cpu_opened": figures.get("cpu_opened", figures["cpu"]),
        "rows": figures["rows"],
        "peak_mb": figures["peak_mb"],
    }


def profile(home: Path) -> None:
    import pstats

    out = Path(tempfile.mkdtemp(prefix="zhucun-gui-profile-")) / "start.prof"
    run_once(home, out)
    print("\nwhere the start goes (cProfile, cumulative, the app's own code and the biggest callees):")
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(r"desktop|sqlalchemy/orm/session|PySide6|pypinyin", 25)


def cpu_seconds() -> float:
    """CPU time this process has used so far, every thread, user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- the app process -----------------------------------------------------------------------------------


def probe(home: Path, profile_out: Path | None) -> None:
    """Start the app as ``zhucun`` does and report when the household list is filled and idle."""
    marks = {"main": time.time()}
    profiler = None
    if profile_out is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.cli import main as zhucun  # the command; it imports the app as it goes (as ``zhucun`` does)

    marks["imported"] = time.time()
    app = QApplication([sys.argv[0]])  # run_gui uses the existing application
    rows = {"n": 0}

    def ready() -> None:
        marks["ready"] = time.time()
        marks["cpu"] = cpu_seconds()
        opened.start()  # then until the ledger is open (the list may be shown before it, see app.py)

    def until_open() -> None:
        for widget in app.topLevelWidgets():
            ctx = getattr(widget, "ctx", None)
            if ctx is not None and getattr(ctx, "is_open", True):
                opened.stop()
                marks["opened"] = time.time()
                marks["cpu_opened"] = cpu_seconds()
                app.quit()
                return

    opened = QTimer()
    opened.setInterval(1)
    opened.timeout.connect(until_open)

    def poll() -> None:
        shell = sys.modules.get("desktop.ui.shell.main_window")  # imported by the start, not here
        if shell is None:
            return
        for widget in app.topLevelWidgets():
            if isinstance(widget, shell.MainWindow) and widget.isVisible():
                shown = widget.households.table.model().rowCount()
                if shown:
                    watcher.stop()
                    marks["filled"] = time.time()
                    rows["n"] = shown
                    QTimer.singleShot(0, ready)  # runs once what the rows set in motion is done
                    return

    watcher = QTimer()
    watcher.setInterval(1)
    watcher.timeout.connect(poll)
    watcher.start()
    code = zhucun(["--home", str(home)])
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile_out))
    if code != 0 or "ready" not in marks:
        raise SystemExit(f"the app ended with {code} before the list was shown")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(MARK + json.dumps({**marks, "rows": rows["n"], "peak_mb": peak}), flush=True)


# --- the reference: a bare PySide6 + sqlite3 window of the same rows -------------------------------

# the app's list: live households with a 户编号 of the current (only) village, with the head's name
# and the live members counted (desktop.services.households.households.list_households)
BARE_QUERY = """
SELECT h.number, m.head, h.group_name, h.category, h.poverty_status, coalesce(m.n, 0), h.phone
FROM household AS h
LEFT JOIN (
    SELECT household_id, count(*) AS n,
           min(CASE WHEN relation IN ('户主', '本人或户主') THEN name END) AS head
    FROM member WHERE coalesce(archived, 0) = 0 GROUP BY household_id
) AS m ON m.household_id = h.id
WHERE h.number IS NOT NULL AND coalesce(h.archived, 0) = 0
ORDER BY h.number
"""


def bare_probe(home: Path) -> None:
    """What any PySide6 program showing these rows costs: the floor the app's start is measured against."""
    marks = {"main": time.time()}
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

    marks["imported"] = time.time()
    app = QApplication([sys.argv[0]])
    connection = sqlite3.connect(f"file:{home / 'zhucun.sqlite3'}?mode=ro", uri=True)
    rows = []
    for number, head, group, category, status, members, phone in connection.execute(BARE_QUERY):
        phone = phone or ""
        masked = phone[:3] + "*" * (len(phone) - 7) + phone[-4:] if len(phone) >= 8 else phone
        rows.append((number, head or "", group or "", category or "", status or "", str(members), masked))
    connection.close()
    headers = ["户编号", "户主", "村民小组", "户类别", "脱贫属性", "人数", "联系电话"]

    class Model(QAbstractTableModel):
        def rowCount(self, parent: Any = None) -> int:
            return len(rows)

        def columnCount(self, parent: Any = None) -> int:
            return len(headers)

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return rows[index.row()][index.column()]
            return None

        def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return headers[section]
            return None

    table = QTableView()
    table.setModel(Model(table))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.resize(1280, 720)
    table.show()

    def ready() -> None:
        marks["ready"] = time.time()
        marks["cpu"] = cpu_seconds()
        app.quit()

    def poll() -> None:
        if table.isVisible() and table.model().rowCount():
            watcher.stop()
            marks["filled"] = time.time()
            QTimer.singleShot(0, ready)

    watcher = QTimer()
    watcher.setInterval(1)
    watcher.timeout.connect(poll)
    watcher.start()
    app.exec()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(MARK + json.dumps({**marks, "rows": len(rows), "peak_mb": peak}), flush=True)


if __name__ == "__main__":
    main()
