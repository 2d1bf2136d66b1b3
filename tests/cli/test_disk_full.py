"""A full disk, for real: the data folder on a small tmpfs filled up by a big file.

Every command a secretary runs must then say what is wrong in one line — "磁盘空间不足（还剩 … MB）：…；
未做任何改动", exit 4 — never "已损坏" with the advice to restore a backup (which would lose every change
since), never an internal error (70); ``check`` and ``dump`` still work; and once space is freed the
ledger is exactly what it was. Mounting needs root (CI runs as root); elsewhere these tests are skipped
with the reason, and on CI a mount that fails is a failure.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from excel.sheets import family, write_rows
from media.pictures import busy_scene, phone_jpeg, write

from desktop.cli import main
from tests.small_disk import fill, small_disk

__all__ = ["small_disk"]  # a fixture

DISK_FULL = re.compile(r"^错误：磁盘空间不足（还剩 [0-9.]+ MB）：[^\n]*；未做任何改动\n$")


def run(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--home", str(home), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_command_on_a_full_disk_says_so_and_changes_nothing(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = small_disk / "zhucun"
    code, _, err = run(
        capsys, home, "init", "--no-encryption", "--village-code", "513301", "--village-name", "亚弄村",
        "--user", "扎西",
    )  # fmt: skip
    assert code == 0, err
    rows = [row for i in range(12) for row in family(f"{i + 1:03d}", i)]
    assert run(capsys, home, "xlsx", "import", str(write_rows(tmp_path / "台账.xlsx", rows)))[0] == 0
    more = write_rows(
        tmp_path / "新增.xlsx", [row for i in range(12, 20) for row in family(f"{i + 1:03d}", i)]
    )
    photo = write(tmp_path / "DCIM", "IMG_0001.jpg", phone_jpeg(busy_scene(1600, 1200)))
    before = run(capsys, home, "dump")[1]
    writes = [
        ("visit", "add", "001", "--content", "了解务工情况"),
        ("household", "add", "--number", "NEW", "--head", "name=卓嘎"),
        ("xlsx", "import", str(more)),
        ("backup",),
        ("photo", "add", "002", str(photo)),
        ("household", "edit", "003", "--set", "联系电话=13800000000"),
    ]
    refused = 0
    for k, leave in enumerate((0, 64 * 1024, 512 * 1024, 3 * 1024 * 1024)):
        filler = fill(small_disk, leave)
        for argv in writes:
            code, _, err = run(capsys, home, *[f"09{k}" if a == "NEW" else a for a in argv])
            after = run(capsys, home, "dump")[1]  # a read works whatever the space left
            if code == 0:  # it fitted: only with some space left, and then it is whole
                assert leave > 0, (argv, err)
                before = after
                continue
            refused += 1
            assert code == 4, (leave, argv, code, err)
            assert DISK_FULL.match(err), (leave, argv, err)
            assert "已损坏" not in err and "restore" not in err
            assert after == before, (leave, argv)
        for argv in (("check",), ("household", "list")):
            code, _, err = run(capsys, home, *argv)
            assert code == 0, (leave, argv, err)
        filler.unlink()
    assert refused >= len(writes)  # every one at 0 bytes, and the big ones with a little space
    # space freed: nothing was half-written, the ledger is intact and every write now works
    assert run(capsys, home, "dump")[1] == before
    assert run(capsys, home, "check")[0] == 0
    for argv in writes:
        code, _, err = run(capsys, home, *["080" if a == "NEW" else a for a in argv])
        assert code == 0, (argv, err)


def test_a_full_disk_is_not_called_damaged_by_a_second_process(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same through ``python -m desktop`` (a real process, the installed command's path): the
    command that read a full disk as "已损坏（disk I/O error）" before."""
    home = small_disk / "zhucun"
    code, _, err = run(capsys, home, "demo", "--households", "20")
    assert code == 0, err
    before = run(capsys, home, "dump")[1]
    number = json.loads(before)["household"][0]["number"]
    filler = fill(small_disk, 0)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for argv, expected in (
        (["check"], 0),
        (["dump"], 0),
        (["household", "archive", number, "--reason", "迁出"], 4),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "--home", str(home), *argv],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == expected, (argv, done.stderr)
        assert "已损坏" not in done.stderr and "内部错误" not in done.stderr
        if expected == 4:
            assert DISK_FULL.match(done.stderr), done.stderr
        if argv == ["dump"]:
            assert done.stdout == before
    filler.unlink()
    assert run(capsys, home, "dump")[1] == before


def test_an_encrypted_ledger_on_a_full_disk_reads_and_refuses_the_same_way(
    small_disk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLCipher opens the same way: read-only for reads (immutable on a full disk), one line for writes."""
    home = small_disk / "zhucun"
    monkeypatch.setenv("ZHUCUN_PASSPHRASE", "台账口令足够长了")
    code, _, err = run(
        capsys, home, "init", "--village-code", "513301", "--village-name", "亚弄村", "--user", "扎西"
    )
    assert code == 0, err
    assert run(capsys, home, "household", "add", "--number", "001", "--head", "name=卓嘎")[0] == 0
    before = run(capsys, home, "dump")[1]
    filler = fill(small_disk, 0)
    assert run(capsys, home, "check")[0] == 0
    assert run(capsys, home, "dump")[1] == before
    code, _, err = run(capsys, home, "visit", "add", "001", "--content", "了解务工情况")
    assert code == 4 and DISK_FULL.match(err), err
    filler.unlink()
    assert run(capsys, home, "dump")[1] == before


def age_backups(home: Path, days: int) -> None:
    """The newest backup made ``days`` days ago, as after a week without opening the ledger."""
    then = time.time() - days * 86400
    for backup in (home / "backups").glob("zhucun-*.sqlite3"):
        os.utime(backup, (then, then))


def test_a_daily_backup_the_disk_has_no_room_for_is_said_not_skipped_quietly(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command that fits still works on a disk too full for the day's copy of the ledger, and says
    on stderr that the ledger was not backed up, how old the newest backup is and what to do; once
    there is room again the backup is made and nothing more is said."""
    home = small_disk / "zhucun"
    assert run(capsys, home, "demo", "--households", "20")[0] == 0
    assert run(capsys, home, "backup")[0] == 0
    before = run(capsys, home, "dump")[1]
    age_backups(home, 3)
    size = (home / "zhucun.sqlite3").stat().st_size
    filler = fill(small_disk, size + 512 * 1024)  # room for a read, not for a copy and its margin

    code, out, err = run(capsys, home, "household", "list")
    assert code == 0, err
    assert out  # the list itself
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert re.fullmatch(
        r"注意：今天的自动备份没有做成：磁盘空间不足（还剩 [0-9.]+ MB，备份约需 \d+ MB）；"
        r"最近一份备份是 3 天前的。请腾出磁盘空间，或在“设置”中立即备份到 U 盘（备份文件夹 .+）",
        lines[0],
    ), err
    assert str(home / "backups") in lines[0]
    assert len(list((home / "backups").glob("*-daily.sqlite3"))) == 0
    assert run(capsys, home, "dump")[1] == before

    filler.unlink()
    code, _, err = run(capsys, home, "household", "list")
    assert code == 0 and "备份" not in err, err
    assert len(list((home / "backups").glob("*-daily.sqlite3"))) == 1
