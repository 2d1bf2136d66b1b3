"""``zhucun init`` makes an encrypted ledger by default: the passphrase from ``ZHUCUN_PASSPHRASE`` or a
prompt (never an argument), the recovery code printed once; ``--no-encryption`` opts out with a
warning; no passphrase and no terminal is refused with nothing created; a server database asks for none.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.app import open_ledger
from desktop.services.security.users import is_encrypted, recover, unlock
from desktop.services.setup import STAGING
from desktop.store.keyring import WrongPassphrase
from desktop.store.sqlite_header import SQLITE_HEADER
from desktop.store.switchover import JOURNAL

from .conftest import MEMBERS, PASSPHRASE, plaintext_in, snapshot

VILLAGE = ("--village-code", "513301", "--village-name", "亚弄村", "--user", "扎西")
CODE = re.compile(r"^\s+([0-9A-Z]{5}(?:-[0-9A-Z]{5}){7})$", re.MULTILINE)


def recovery_code_in(out: str) -> str:
    (code,) = CODE.findall(out)
    return code


def add_people(cli, home: Path, env: dict[str, str] | None) -> None:
    """卓嘎's household with her son 旺堆, through the command line."""
    (head, son, _) = MEMBERS
    added = cli(
        home, "household", "add", "--number", "001", "--head", f"name={head[0]}", "--head",
        f"id_number={head[1]}", "--set", f"phone={head[2]}", env=env,
    )  # fmt: skip
    assert added.code == 0, added.err
    added = cli(
        home, "member", "add", "001", "--set", f"name={son[0]}", "--set", f"id_number={son[1]}",
        "--set", "relation=之子", "--set", f"phone={son[2]}", env=env,
    )  # fmt: skip
    assert added.code == 0, added.err


def test_init_with_a_passphrase_makes_an_encrypted_ledger_and_prints_the_code_once(
    tmp_path: Path, cli
) -> None:
    home = tmp_path / "home"
    env = {"ZHUCUN_PASSPHRASE": PASSPHRASE}
    done = cli(home, "init", *VILLAGE, env=env)
    assert done.code == 0, done.err
    assert "已初始化：亚弄村" in done.out and "台账已加密" in done.out
    assert "只显示这一次" in done.out and "交乡镇保管" in done.out
    code = recovery_code_in(done.out)
    assert done.err == ""
    assert is_encrypted(home)
    assert (home / "zhucun.sqlite3").read_bytes()[:16] != SQLITE_HEADER
    assert not (home / STAGING).exists() and not (home / JOURNAL).exists()

    add_people(cli, home, env)
    listing = cli(home, "household", "list", env=env)
    assert listing.code == 0 and "卓嘎" in listing.out
    # nothing of them readable anywhere in the folder: database, its -wal, backups, keys
    assert plaintext_in(home) == []

    wrong = cli(home, "household", "list", env={"ZHUCUN_PASSPHRASE": "不是这个口令啊啊"})
    assert wrong.code == 2 and "口令不对" in wrong.err and "卓嘎" not in wrong.out

    # the printed code opens the keyring: 扎西 gets a new passphrase, and the old one opens nothing
    successor = recover(home, code, "扎西", "换了一个新口令2027")
    assert successor != code
    with pytest.raises(WrongPassphrase):
        unlock(home, PASSPHRASE)
    ledger = open_ledger(home, unlocked=unlock(home, "换了一个新口令2027"))
    try:
        assert ledger.this_device().user_name == "扎西"
    finally:
        ledger.store.close()
    history = cli(home, "log", "001", env={"ZHUCUN_PASSPHRASE": "换了一个新口令2027"})
    assert history.code == 0 and "扎西" in history.out  # the first user is the author of the changes


def test_a_township_is_encrypted_too(tmp_path: Path, cli) -> None:
    home = tmp_path / "township"
    done = cli(
        home, "init", "--role", "township", "--township-code", "513301100", "--township-name", "姑咱镇",
        "--user", "洛桑", env={"ZHUCUN_PASSPHRASE": PASSPHRASE},
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "已初始化乡镇设备：姑咱镇" in done.out
    recovery_code_in(done.out)
    assert is_encrypted(home)
    shown = cli(home, "identity", "show", env={"ZHUCUN_PASSPHRASE": PASSPHRASE})
    assert shown.code == 0 and "姑咱镇" in shown.out


def test_no_passphrase_and_no_terminal_is_refused_with_nothing_created(tmp_path: Path, cli) -> None:
    home = tmp_path / "home"
    refused = cli(home, "init", *VILLAGE)  # stdin is not a terminal here
    assert refused.code == 2 and refused.out == ""
    assert refused.err.startswith("错误：") and len(refused.err.splitlines()) == 1
    assert "ZHUCUN_PASSPHRASE" in refused.err and "--no-encryption" in refused.err
    assert not home.exists()

    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli(empty, "init", *VILLAGE).code == 2
    assert list(empty.iterdir()) == []


def test_a_weak_passphrase_is_refused_before_anything_is_created(tmp_path: Path, cli) -> None:
    home = tmp_path / "home"
    short = cli(home, "init", *VILLAGE, env={"ZHUCUN_PASSPHRASE": "格桑花"})
    assert short.code == 2 and "口令太短" in short.err
    same = cli(home, "init", *VILLAGE, env={"ZHUCUN_PASSPHRASE": "扎西"})
    assert same.code == 2
    assert not home.exists()


def test_no_encryption_makes_a_plain_ledger_and_warns_in_one_line(tmp_path: Path, cli) -> None:
    home = tmp_path / "home"
    done = cli(home, "init", *VILLAGE, "--no-encryption", env={"ZHUCUN_PASSPHRASE": PASSPHRASE})
    assert done.code == 0
    assert done.err.splitlines() == [done.err.strip()] and done.err.startswith("警告：台账不加密")
    assert "明文" in done.err and "zhucun security enable" in done.err
    assert "恢复码" not in done.out
    assert not is_encrypted(home)
    assert (home / "zhucun.sqlite3").read_bytes()[:16] == SQLITE_HEADER
    add_people(cli, home, None)  # no passphrase needed
    assert any("卓嘎" in hit for hit in plaintext_in(home))  # plain, as the warning said


def test_a_second_init_is_refused_and_changes_nothing(tmp_path: Path, cli) -> None:
    home = tmp_path / "home"
    env = {"ZHUCUN_PASSPHRASE": PASSPHRASE}
    assert cli(home, "init", *VILLAGE, env=env).code == 0
    before = snapshot(home)
    for again in (
        cli(home, "init", *VILLAGE, env=env),
        cli(home, "init", *VILLAGE),  # the folder is checked before a passphrase is asked for
        cli(home, "init", *VILLAGE, "--no-encryption"),
    ):
        assert again.code == 2
        assert "已经有加密的台账" in again.err and "未做任何改动" in again.err
    assert snapshot(home) == before

    plain = tmp_path / "plain"
    assert cli(plain, "init", *VILLAGE, "--no-encryption").code == 0
    again = cli(plain, "init", *VILLAGE, env=env)
    assert again.code == 2 and "已经初始化过（亚弄村）" in again.err
    assert not is_encrypted(plain)


def test_an_empty_ledger_left_by_an_earlier_start_is_replaced(tmp_path: Path, cli) -> None:
    """An earlier version's GUI made an empty plain database before its first-start dialog was
    cancelled: there is nothing in it, and init makes the encrypted ledger in its place."""
    home = tmp_path / "home"
    open_ledger(home, create=True).store.close()
    done = cli(home, "init", *VILLAGE, env={"ZHUCUN_PASSPHRASE": PASSPHRASE})
    assert done.code == 0, done.err
    assert is_encrypted(home)


def test_keys_without_a_ledger_are_refused(tmp_path: Path, cli) -> None:
    """A keyring whose database was moved away may still be needed for the encrypted backups."""
    home = tmp_path / "home"
    env = {"ZHUCUN_PASSPHRASE": PASSPHRASE}
    assert cli(home, "init", *VILLAGE, env=env).code == 0
    (home / "zhucun.sqlite3").rename(tmp_path / "moved.sqlite3")
    before = snapshot(home)
    refused = cli(home, "init", *VILLAGE, env=env)
    assert refused.code == 2 and "keyring.json 已存在" in refused.err and "未做任何改动" in refused.err
    assert snapshot(home) == before


@pytest.mark.postgres
def test_a_server_database_asks_no_passphrase_and_says_why(tmp_path: Path, cli, postgres) -> None:
    url = postgres.create_database("zhucun_init_server")
    done = cli(
        tmp_path / "home", "--db", url, "init", "--role", "township", "--township-code", "513301100",
        "--township-name", "姑咱镇", "--user", "洛桑",
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "已初始化乡镇设备：姑咱镇" in done.out and "恢复码" not in done.out
    assert len(done.err.splitlines()) == 1 and "SQLCipher" in done.err and "磁盘加密" in done.err
    assert not is_encrypted(tmp_path / "home")


def typed_at_a_terminal(home: Path, *answers: str) -> tuple[int, str]:
    """``zhucun init`` run in a pseudo-terminal, each answer typed at the next prompt."""
    import os
    import pty
    import select
    import signal
    import sys
    import time

    light_cli = Path(__file__).with_name("light_cli.py")
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.environ.pop("ZHUCUN_PASSPHRASE", None)
        os.execv(sys.executable, [sys.executable, str(light_cli), "--home", str(home), "init", *VILLAGE])
    seen, end = b"", time.monotonic() + 60

    def more() -> bool:
        nonlocal seen
        if not select.select([fd], [], [], max(0.0, end - time.monotonic()))[0]:
            return False  # too long: never hang the suite
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child has ended
            return False
        seen += chunk
        return bool(chunk)

    for number, answer in enumerate(answers, 1):
        # typed only once its prompt is there: getpass flushes what was typed before (TCSAFLUSH)
        while seen.count("：".encode()) < number and more():
            pass
        os.write(fd, f"{answer}\n".encode())
    while more():
        pass
    if time.monotonic() >= end:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", errors="replace")


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs a pseudo-terminal")
def test_at_a_terminal_the_passphrase_is_asked_twice_and_must_match(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code, seen = typed_at_a_terminal(home, PASSPHRASE, PASSPHRASE + "x")
    assert code == 2 and "两次输入的不一致" in seen and PASSPHRASE not in seen  # never echoed
    assert not home.exists()
    code, seen = typed_at_a_terminal(home, PASSPHRASE, PASSPHRASE)
    assert code == 0 and "再输入一次" in seen
    assert unlock(home, PASSPHRASE).user == "扎西"
    assert recovery_code_in(seen.replace("\r", ""))
