"""Time and peak memory of ``zhucun xlsx import`` on each hostile .xlsx of tests/excel/bombs.py.

Each import runs in its own process (``python -m desktop --home … xlsx import FILE``) on a fresh
village ledger; its peak resident memory is the child's ``ru_maxrss`` from ``wait4``. With
``--compare DIR`` the same files are also imported by the code checked out in DIR (for instance the
main branch), in the same run, so the figures are comparable.

    .venv/bin/python bench/bench_xlsx_bombs.py [--compare /work/main] [--timeout 200] [--memory-gb 8]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "excel"))

from bombs import BOMBS  # noqa: E402


def run_import(
    code: Path, home: Path, path: Path, timeout: float, memory_gb: float
) -> tuple[str, float, float, int, str]:
    """(exit code or what stopped it, seconds, CPU seconds, peak RSS in MB, last line of stderr)."""
    env = {**os.environ, "PYTHONPATH": str(code), "ZHUCUN_HOME": str(home)}
    limit = int(memory_gb * 1024**3)

    def cap() -> None:  # keep a bomb from taking the whole machine down with it
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--home", str(home), "xlsx", "import", str(path)],
        cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=cap,
    )  # fmt: skip
    assert proc.stderr is not None
    status = None
    while status is None:
        pid, raw, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            status = raw
            break
        if time.monotonic() - started > timeout:
            proc.kill()
            _, raw, usage = os.wait4(proc.pid, 0)
            cpu = usage.ru_utime + usage.ru_stime
            return (
                f"killed after {timeout:.0f} s",
                time.monotonic() - started,
                cpu,
                usage.ru_maxrss // 1024,
                "",
            )
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    err = proc.stderr.read().decode(errors="replace").strip().splitlines()
    code_text = str(os.waitstatus_to_exitcode(status))
    cpu = usage.ru_utime + usage.ru_stime
    return code_text, elapsed, cpu, usage.ru_maxrss // 1024, (err[-1] if err else "")[:110]


def init_home(code: Path, home: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(code)}
    subprocess.run(
        [sys.executable, "-m", "desktop", "--home", str(home), "init", "--village-code", "513301",
         "--village-name", "亚弄村", "--user", "扎西", "--no-encryption"],
        cwd=code, env=env, check=True, capture_output=True,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, help="another checkout to run on the same files")
    parser.add_argument("--timeout", type=float, default=200)
    parser.add_argument("--memory-gb", type=float, default=8)
    parser.add_argument("--only", nargs="*", default=list(BOMBS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        checkouts = [("this", ROOT)] + ([("compare", args.compare)] if args.compare else [])
        for label, code in checkouts:
            init_home(code, folder / f"home-{label}")
        print(f"{'bomb':22} {'checkout':8} {'exit':>18} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}  message")
        for name in args.only:
            path = BOMBS[name](folder / f"{name}.xlsx")
            for label, code in checkouts:
                result, seconds, cpu, peak, line = run_import(
                    code, folder / f"home-{label}", path, args.timeout, args.memory_gb
                )
                print(
                    f"{name:22} {label:8} {result:>18} {seconds:7.1f} {cpu:7.1f} {peak:8d}  {line}",
                    flush=True,
                )
            path.unlink()


if __name__ == "__main__":
    main()
