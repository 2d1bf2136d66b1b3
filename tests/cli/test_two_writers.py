"""Many writers, one ledger: the GUI and a command, or two commands, at once.

Another program holds the write lock (a real SQLite ``BEGIN IMMEDIATE`` on the same file, as the GUI
saving a form does): every read still works, every write waits and then either succeeds (the lock was
released in time) or says "另一个程序正在写入这个台账，请稍后再试；未做任何改动" with exit 7 — never
内部错误 (before, 12 of 150 commands ended so: "database is locked" raised in an autoflush) — and
nothing is half-written. Then three processes write at once.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from excel.sheets import family, write_rows
from media.pictures import phone_jpeg, scene, write

from desktop.cli import main
from desktop.store.database import BUSY_ENV

BUSY_LINE = "错误：另一个程序正在写入这个台账，请稍后再试；未做任何改动\n"
REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--home", str(home), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@contextmanager
def write_lock(db: Path, *, release_after: float | None = None) -> Iterator[None]:
    """Another program's write transaction, open until the block ends (or ``release_after`` seconds)."""
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE device_state SET device_id = device_id")  # a real write, uncommitted
    timer = None
    if release_after is not None:
        timer = threading.Timer(release_after, lambda: holder.execute("ROLLBACK"))
        timer.start()
    try:
        yield
    finally:
        if timer is not None:
            timer.join()
        else:
            holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture
def village(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    home = tmp_path / "home"
    code, _, err = run(capsys, home, "demo", "--households", "10")
    assert code == 0, err
    number = json.loads(run(capsys, home, "household", "list", "--json")[1])[0]["number"]
    return home, number


def test_reads_work_and_writes_refuse_in_one_line_while_another_program_writes(
    village: tuple[Path, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home, n = village
    monkeypatch.setenv(BUSY_ENV, "0.3")
    photo = write(tmp_path / "DCIM", "IMG_0001.jpg", phone_jpeg(scene()))
    roster = write_rows(tmp_path / "台账.xlsx", family("901", 901))
    reads = [
        ("household", "list"),
        ("household", "show", n),
        ("check",),
        ("dump",),
        ("log", n),
        ("event", "list", n),
        ("income", "list", n),
        ("measure", "list", n),
        ("helper", "list", n),
        ("photo", "list", n),
        ("sync", "status"),
        ("conflicts", "list"),
        ("backup",),  # a backup reads a consistent snapshot
    ]
    writes = [
        ("visit", "add", n, "--content", "了解务工情况"),
        ("household", "add", "--number", "777", "--head", "name=卓嘎"),
        ("household", "edit", n, "--set", "联系电话=13800000000"),
        ("household", "archive", n, "--reason", "整户迁出"),
        ("assess", n, "--set", "food_staple_ok=是"),
        ("income", "set", n, "--year", "2025", "--wage", "5200"),
        ("measure", "add", n, "--group", "产业", "--project", "牦牛养殖", "--funds", "15000"),
        ("helper", "add", n, "--name", "张华", "--unit", "县农业农村局", "--start", "2021-06-01"),
        ("photo", "add", n, str(photo)),
        ("xlsx", "import", str(roster)),
        ("event", "relocate", n, "--mode", "集中安置", "--site", "安置点"),
    ]
    before = run(capsys, home, "dump")[1]
    outcomes: dict[str, int] = {}
    with write_lock(home / "zhucun.sqlite3"):
        for argv in reads:
            code, out, err = run(capsys, home, *argv)
            outcomes[" ".join(argv[:2])] = code
            assert code == 0, (argv, err)
            if argv == ("dump",):
                assert out == before
        for argv in writes:
            started = time.monotonic()
            code, _, err = run(capsys, home, *argv)
            outcomes[" ".join(argv[:2])] = code
            assert (code, err) == (7, BUSY_LINE), argv
            assert time.monotonic() - started >= 0.3  # it waited before giving up
    assert len(outcomes) >= 20 and 70 not in outcomes.values()
    assert run(capsys, home, "dump")[1] == before  # nothing half-written
    assert run(capsys, home, "check")[0] == 0


def test_a_writer_waits_for_the_lock_and_then_succeeds(
    village: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home, n = village
    monkeypatch.setenv(BUSY_ENV, "10")
    with write_lock(home / "zhucun.sqlite3", release_after=1.0):
        started = time.monotonic()
        code, _, err = run(capsys, home, "visit", "add", n, "--content", "等了一会儿")
        waited = time.monotonic() - started
    assert code == 0, err
    assert waited >= 0.9
    visits = json.loads(run(capsys, home, "dump")[1])["visit"]
    assert [v["content"] for v in visits].count("等了一会儿") == 1


def test_an_encrypted_ledger_waits_and_refuses_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLCipher connections get the same busy wait and BEGIN IMMEDIATE; the lock here is held by the
    program's own write transaction (``Store.session``) in another thread, as the GUI's would be."""
    from desktop.app import open_ledger
    from desktop.services.security.users import unlock

    home = tmp_path / "home"
    monkeypatch.setenv("ZHUCUN_PASSPHRASE", "台账口令足够长了")
    code, _, err = run(
        capsys, home, "init", "--village-code", "513301", "--village-name", "亚弄村", "--user", "扎西"
    )
    assert code == 0, err
    assert run(capsys, home, "household", "add", "--number", "001", "--head", "name=卓嘎")[0] == 0
    before = run(capsys, home, "dump")[1]
    monkeypatch.setenv(BUSY_ENV, "0.3")
    gui = open_ledger(home, unlocked=unlock(home, "台账口令足够长了"))
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with gui.store.session() as session:
            session.connection()  # BEGIN IMMEDIATE: the write lock is taken here
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(10)
        assert run(capsys, home, "visit", "add", "001", "--content", "x")[1:] == ("", BUSY_LINE)
        code, out, _ = run(capsys, home, "dump")
        assert (code, out) == (0, before)
    finally:
        release.set()
        holder.join()
        gui.store.close()
    assert run(capsys, home, "visit", "add", "001", "--content", "x")[0] == 0


DRIVER = """
import json, sys
from desktop.cli import main
home, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
codes = []
for i in range(count):
    argv = [["visit", "add", sys.argv[4], "--content", f"{tag}-{i}"],
            ["household", "edit", sys.argv[4], "--set", f"联系电话=1380000{i:04d}"],
            ["income", "set", sys.argv[4], "--year", "2025", "--wage", str(1000 + i)],
            ["dump"]][i % 4]
    code = main(["--home", home, *argv])
    codes.append([argv[0], argv[1] if len(argv) > 1 else "", code])
print("CODES " + json.dumps(codes))
"""


def test_three_processes_writing_at_once_never_crash(
    village: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    home, n = village
    env = {**os.environ, "PYTHONPATH": str(REPO), BUSY_ENV: "5"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(home), f"p{k}", "12", n],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for k in range(3)
    ]
    codes = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        codes += json.loads(out.split("CODES ", 1)[1])
        assert "内部错误" not in err, err
        assert all(line == BUSY_LINE.strip() for line in err.splitlines()), err
    assert len(codes) == 36
    assert {code for *_, code in codes} <= {0, 7}
    visits = [v["content"] for v in json.loads(run(capsys, home, "dump")[1])["visit"]]
    added = [c for c in codes if c[:2] == ["visit", "add"] and c[2] == 0]
    assert len([v for v in visits if v[:1] == "p" and "-" in v]) == len(added)  # each whole, once
    assert run(capsys, home, "check")[0] == 0


def test_a_ledger_another_program_holds_exclusively_is_busy_not_damaged(
    village: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A program with SQLite's exclusive locking mode shuts even readers out; that used to be reported as
    "已损坏（database is locked）；请用 zhucun restore …" — advice that would roll the ledger back."""
    home, n = village
    monkeypatch.setenv(BUSY_ENV, "0.3")
    before = run(capsys, home, "dump")[1]
    holder = sqlite3.connect(home / "zhucun.sqlite3", isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE device_state SET device_id = device_id")
    try:
        for argv in (("dump",), ("check",), ("visit", "add", n, "--content", "x"), ("backup",)):
            code, _, err = run(capsys, home, *argv)
            assert (code, err) == (7, BUSY_LINE), argv
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert run(capsys, home, "dump")[1] == before
