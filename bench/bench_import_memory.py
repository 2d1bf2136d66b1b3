"""Peak memory and time of ``zhucun bundle import`` of a whole village's first bundle, by village size.

For each size (default 1,000 and 10,000 households) a demo village exports its full bundle to a
township; the township imports it in a child process (``python -m desktop bundle import``), whose own peak
resident memory is printed with the time, and the growth from the smallest size. The peak is the
importing process's ``VmHWM`` (/proc/self/status, read by the child at its end): ``ru_maxrss`` of a
forked child starts from its parent's peak (Linux keeps it across exec), which here is the bench that
built the demo village.
``--compare DIR`` also imports each bundle, into a copy of the same township, with the code in DIR (for
example the main checkout): before and after, measured in one run.

Then the township's bundle for another village's device, which carries every operation of the demo
village as a chain link only (what a township sends each village about the others), is imported into
a copy of that device, with each code, in a child process: its peak RSS should be flat too.

Then the township that imported it exports, in a child process each (``bundle export --all``), its two
bundles whose size grows with the township: one for another village's device (every operation of the
demo village goes as a chain link: what a township sends each village about the others) and one for the
demo village's own device (its operations in full). Their peak RSS should stay flat from 1k to 10k.

    .venv/bin/python bench/bench_import_memory.py [--sizes 1000,10000] [--compare /work/main]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_sync import introduce

from desktop.app import open_ledger
from desktop.services.demo import create_demo
from desktop.services.exchange.bundles import export_bundle, import_bundle
from desktop.services.setup import init_township, init_village

_CHILD = """
import json, resource, runpy, sys, time
sys.argv = ["zhucun", "--home", *sys.argv[1:]]
started = time.perf_counter()
code = 0
try:
    runpy.run_module("desktop", run_name="__main__")
except SystemExit as stop:
    code = stop.code or 0
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
with open("/proc/self/status") as status:  # this process's own high-water mark, in kB
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"code": code, "seconds": seconds, "peak_kb": peak, "cpu": usage.ru_utime + usage.ru_stime}),
      file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--compare", type=Path, help="another checkout whose import is measured too")
    parser.add_argument(
        "--links-only", action="store_true", help="only the links-only import (no full import, no exports)"
    )
    parser.add_argument("--this-first", action="store_true", help="with --compare: this checkout's run first")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    codes = [("this checkout", Path(__file__).resolve().parents[1])]
    if args.compare:
        codes.insert(len(codes) if args.this_first else 0, (f"{args.compare}", args.compare.resolve()))
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-import-"))
    results: dict[str, list[tuple[int, int, float, float]]] = {name: [] for name, _ in codes}
    exports: dict[str, list[tuple[int, str, float, float]]] = {name: [] for name, _ in codes}
    linked: dict[str, list[tuple[int, int, float, float]]] = {name: [] for name, _ in codes}
    cpu: dict[str, list[float]] = {name: [] for name, _ in codes}  # CPU seconds of each links-only import
    try:
        for size in sizes:
            bundle, township, recipients = make_bundle(work / str(size), size)
            other, links_bundle, links = links_bundle_for_other(work / str(size), recipients["other village"])
            for name, code in codes:
                other_home = work / f"{size}-{len(linked[name])}-{code.name}-other"
                shutil.copytree(other, other_home)
                _, seconds, peak_mb = import_in_child(code, other_home, links_bundle)
                linked[name].append((size, links, seconds, peak_mb))
                cpu[name].append(last_cpu[0])
                shutil.rmtree(other_home, ignore_errors=True)
                if args.links_only:
                    continue
                home = work / f"{size}-{len(results[name])}-{code.name}"
                shutil.copytree(township, home)
                ops, seconds, peak_mb = import_in_child(code, home, bundle)
                results[name].append((size, ops, seconds, peak_mb))
                for what, fingerprint in recipients.items():
                    out = work / f"{size}-{code.name}-{what}.zcb"
                    export_args = ["bundle", "export", "--to", fingerprint, "--out", str(out), "--all"]
                    _, seconds, peak_mb = run_in_child(code, home, export_args)
                    exports[name].append((size, what, seconds, peak_mb))
                    out.unlink(missing_ok=True)
                shutil.rmtree(home, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not args.links_only:
        print_imports("code", "ops", "import", results)
    print_imports("links-only import", "links", "links-only import", linked)
    for name, spent in cpu.items():
        print(f"{name}: CPU seconds of the links-only imports: {', '.join(f'{s:.1f}' for s in spent)}")
    if args.links_only:
        return
    print(
        f"{'township export (--all)':<24} {'households':>10} {'for':>16} {'export':>9} {'peak RSS':>9}  growth"
    )
    for name, done in exports.items():
        smallest = {what: (secs, mb) for size, what, secs, mb in done if size == sizes[0]}
        for size, what, secs, mb in done:
            t0, m0 = smallest[what]
            print(
                f"{name:<24} {size:>10,} {what:>16} {secs:>8.1f}s {mb:>7.0f}MB  "
                f"x{mb / m0:.2f} memory, x{secs / t0:.1f} time for x{size / sizes[0]:.0f} size"
            )
    if len(codes) == 2:
        (before_name, before_rows), (_, after_rows) = exports.items()
        for (size, what, t0, m0), (_, _, t1, m1) in zip(before_rows, after_rows, strict=True):
            print(
                f"{size:,} households, export for {what}: time {t1 / t0:.2f}x, "
                f"peak RSS {m1 / m0:.2f}x of {before_name}"
            )


def print_imports(
    title: str, counted: str, what: str, rows_of: dict[str, list[tuple[int, int, float, float]]]
) -> None:
    """Each code's imports (households, operations or links, seconds, peak MB) with their growth from the
    smallest, and with two codes the second's time and memory as a ratio of the first's."""
    print(f"{title:<24} {'households':>10} {counted:>9} {'import':>9} {'peak RSS':>9}  growth from the first")
    for name, rows in rows_of.items():
        first = rows[0]
        for size, count, seconds, peak_mb in rows:
            print(
                f"{name:<24} {size:>10,} {count:>9,} {seconds:>8.1f}s {peak_mb:>7.0f}MB  "
                f"x{peak_mb / first[3]:.2f} memory, x{seconds / first[2]:.1f} time for x{size / first[0]:.0f} size"
            )
    if len(rows_of) == 2:
        (before_name, before), (_, after) = rows_of.items()
        for (size, _, t0, m0), (_, _, t1, m1) in zip(before, after, strict=True):
            print(
                f"{size:,} households, {what}: time {t1 / t0:.2f}x, peak RSS {m1 / m0:.2f}x of {before_name}"
            )
    print()


def make_bundle(work: Path, households: int) -> tuple[Path, Path, dict[str, str]]:
    """A demo village of ``households`` and a township that trusts it and another village's device; the
    village's full bundle, and the fingerprints of the two village devices the township exports to."""
    village = open_ledger(work / "village", create=True)
    create_demo(village, households=households)
    township = open_ledger(work / "township", create=True)
    init_township(township, code="513301207", name="姑咱镇", user="洛桑")
    village_fp, township_fp = introduce(work, village, township)
    bundle = export_bundle(village, township_fp, work / "full.zcb", full=True).path
    other = open_ledger(work / "other", create=True)
    init_village(other, code="513399", name="另一村", user="次仁", township="姑咱镇")
    other_fp, _ = introduce(work / "other", other, township)
    village.store.close()
    township.store.close()
    other.store.close()
    return bundle, work / "township", {"other village": other_fp, "the same village": village_fp}


def links_bundle_for_other(work: Path, other_fp: str) -> tuple[Path, Path, int]:
    """The township (a copy, which imports the village's bundle here) exports its bundle for the other
    village's device: the demo village's operations as chain links only. Returns the other device's
    home (as it was before), the bundle and the number of links in it."""
    township_home = work / "township-relay"
    shutil.copytree(work / "township", township_home)
    township = open_ledger(township_home)
    import_bundle(township, work / "full.zcb")
    done = export_bundle(township, other_fp, work / "links.zcb", full=True)
    township.store.close()
    shutil.rmtree(township_home, ignore_errors=True)
    return work / "other", done.path, done.links


last_cpu = [0.0]  # CPU seconds of the last child


def import_in_child(code: Path, home: Path, bundle: Path) -> tuple[int, float, float]:
    return run_in_child(code, home, ["bundle", "import", str(bundle)])


def run_in_child(code: Path, home: Path, args: list[str]) -> tuple[int, float, float]:
    """``zhucun --home HOME ARGS`` with the code in ``code``: (the first number it prints, seconds,
    its own peak RSS in MB)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(home), *args],
        env=env,
        cwd=code,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    last_cpu[0] = report["cpu"]
    if report["code"] != 0:
        raise SystemExit(f"{args[:2]} failed ({report['code']}): {done.stdout}{done.stderr}")
    ops = next((int(w) for w in done.stdout.replace("导入", " ").split() if w.isdigit()), 0)
    return ops, report["seconds"], report["peak_kb"] / 1024


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(bench ran {time.perf_counter() - started:.0f} s)")
