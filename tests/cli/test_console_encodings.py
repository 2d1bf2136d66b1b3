"""Every top-level command prints on a Chinese Windows console (GBK, cp936) and a Western one (cp1252),
with its output redirected to a file, without failing: simulated with PYTHONIOENCODING, as Windows
itself is not at hand. Characters the encoding lacks are replaced (desktop/cli/console.py), never an
internal error (exit 70) and never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOUSEHOLD = "5133012072010001"  # the demo village's first household

DRIVER = """
import json, sys
from desktop.cli import main
codes = []
for argv in json.loads(sys.argv[1]):
    try:
        code = main(argv)
    except SystemExit as exit:  # argparse: --help, a usage error
        code = exit.code if isinstance(exit.code, int) else 0
    sys.stdout.flush()
    codes.append(code)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump(codes, out)
"""


def commands(home: Path, out: Path) -> list[list[str]]:
    at = ["--home", str(home)]
    return [
        ["--help"],
        ["household", "--help"],
        [*at, "household", "list"],
        [*at, "household", "show", HOUSEHOLD],
        [*at, "household", "show", HOUSEHOLD, "--json"],
        [*at, "household", "show", "不存在"],
        [*at, "check"],
        [*at, "check", "--json"],
        [*at, "log", HOUSEHOLD],
        [*at, "dump"],
        [*at, "event", "list", HOUSEHOLD],
        [*at, "income", "list", HOUSEHOLD],
        [*at, "measure", "list", HOUSEHOLD],
        [*at, "helper", "list", HOUSEHOLD],
        [*at, "photo", "list", HOUSEHOLD],
        [*at, "identity", "show"],
        [*at, "sync", "status"],
        [*at, "bundle", "quarantine"],
        [*at, "conflicts", "list"],
        [*at, "security", "status"],
        [*at, "ledger", "household", HOUSEHOLD, "--out", str(out / "001.pdf")],
        [*at, "xlsx", "export", "roster", str(out / "roster.xlsx")],
        [*at, "visit", "add", HOUSEHOLD, "--content", "了解务工情况 ✓"],
        [*at, "household", "bogus"],
        ["doctor"],
    ]


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("console") / "home"
    subprocess.run(
        [sys.executable, "-m", "desktop", "--home", str(home), "demo", "--households", "10"],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    return home


@pytest.mark.parametrize("encoding", ["gbk", "cp1252"])
def test_every_command_prints_on_a_legacy_console(demo_home: Path, tmp_path: Path, encoding: str) -> None:
    argvs = commands(demo_home, tmp_path)
    codes_file, stdout_file = tmp_path / "codes.json", tmp_path / "stdout.txt"
    with open(stdout_file, "wb") as redirected:
        result = subprocess.run(
            [sys.executable, "-c", DRIVER, json.dumps(argvs), str(codes_file)],
            stdout=redirected,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"},
            timeout=600,
        )
    stderr = result.stderr.decode(encoding)
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr
    codes = dict(
        zip(
            (" ".join(a[2:] if a[0] == "--home" else a) for a in argvs),
            json.loads(codes_file.read_text()),
            strict=True,
        )
    )
    assert not [command for command, code in codes.items() if code == 70], stderr
    assert codes["check"] in (0, 1) and codes["household show 不存在"] == 3 and codes["household bogus"] == 2
    assert codes[f"household show {HOUSEHOLD}"] == 0 and codes["--help"] == 0
    printed = stdout_file.read_bytes().decode(encoding)
    if encoding == "gbk":
        assert "洛绒益西" in printed and "√" in printed  # Chinese whole; the check mark as GBK's √
        assert "找不到" in stderr or "不存在" in stderr
    else:
        assert "?" in printed  # Chinese cannot be shown in cp1252: replaced, and the command finished
