"""An encrypted data folder: nothing personal readable without a passphrase, a wrong one changes
nothing, the recovery code works, users are rewraps, backups stay encrypted, the unlocking user writes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from records import make_id_number
from sqlalchemy import text

from desktop.app import open_ledger
from desktop.domain.errors import StoreProblem
from desktop.media.blob_encryption import MAGIC
from desktop.media.blob_store import BlobStore
from desktop.services.households.history import record_history
from desktop.services.households.members import add_member
from desktop.services.security.encryption import enable_encryption
from desktop.store.backup import backup_file, list_backups
from desktop.store.sqlite_header import SQLITE_HEADER
from desktop.sync.keys import load_keys

from .conftest import MEMBERS, PASSPHRASE, Folder, needles, plain_village, plaintext_in, snapshot

LATER = ("次仁曲珍", make_id_number(dt.date(1999, 9, 9), 4))  # written after encryption was turned on


def header(path: Path) -> bytes:
    return path.read_bytes()[:16]


def test_the_scan_finds_members_in_a_plain_folder(tmp_path: Path) -> None:
    """The control: the same scan over a plain folder finds every name and ID number."""
    folder = plain_village(tmp_path / "plain", tmp_path)
    hits = plaintext_in(folder.home)
    for label in needles():
        assert any(hit.endswith(f": {label}") for hit in hits), label


def test_nothing_personal_is_readable_without_the_passphrase(encrypted: Folder, tmp_path: Path) -> None:
    home = encrypted.home
    assert plaintext_in(home) == []
    assert header(home / "zhucun.sqlite3") != SQLITE_HEADER
    backups = list_backups(home / "backups")
    assert backups and all(header(b) != SQLITE_HEADER for b in backups)  # re-encrypted, not deleted
    assert not list(home.rglob("*.staged")) and not list(home.rglob("*.old"))
    key_file = json.loads((home / "keys" / "device.key").read_text(encoding="utf-8"))
    assert key_file["format"] == "zhucun-device-keys-sealed" and "ed25519" not in key_file

    ledger = encrypted.open()
    try:
        add_member(ledger, "002", {"name": LATER[0], "id_number": LATER[1], "relation": "之女"})
        ledger.store.backup("daily")
        # while the ledger is open: the -wal file holds the new member's pages, encrypted too
        assert (home / "zhucun.sqlite3-wal").stat().st_size > 0
        hits = plaintext_in(home)
        assert [h for h in hits if LATER[0] in h or LATER[1] in h] == [] and hits == []
        blobs = BlobStore.of_home(home)
        for sha in encrypted.photos:
            assert blobs.path(sha).read_bytes().startswith(MAGIC)
            assert hashlib.sha256(blobs.read(sha)).hexdigest() == sha
    finally:
        ledger.store.close()
    later = {LATER[0]: LATER[0].encode(), LATER[1]: LATER[1].encode()}
    for path in (p for p in home.rglob("*") if p.is_file()):
        assert not any(value in path.read_bytes() for value in later.values()), path
    assert plaintext_in(home) == []


def test_the_encrypted_file_is_opened_as_the_plain_one_is(encrypted: Folder) -> None:
    ledger = encrypted.open()
    try:
        with ledger.store.engine.connect() as connection:
            pragma = {
                name: connection.execute(text(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "cipher_version", "cache_size")
            }
    finally:
        ledger.store.close()
    assert (pragma["journal_mode"], pragma["synchronous"], pragma["foreign_keys"]) == ("wal", 2, 1)
    assert pragma["cipher_version"] and pragma["cache_size"] == -8000


def test_without_the_passphrase_nothing_opens(encrypted: Folder, cli) -> None:
    with pytest.raises(StoreProblem, match="已加密"):
        open_ledger(encrypted.home)
    with pytest.raises(StoreProblem, match="已加密"):
        BlobStore.of_home(encrypted.home)
    with pytest.raises(StoreProblem, match="已加密"):
        load_keys(encrypted.home)
    run = cli(encrypted.home, "household", "list")
    assert run.code == 2 and "ZHUCUN_PASSPHRASE" in run.err and run.out == ""


def test_a_wrong_passphrase_is_refused_with_nothing_changed(encrypted: Folder, cli) -> None:
    before = snapshot(encrypted.home)
    wrong = {"ZHUCUN_PASSPHRASE": "雪山下的格桑花2025", "ZHUCUN_NEW_PASSPHRASE": "另一个很长的口令"}
    for argv in (
        ("household", "list"),
        ("household", "add", "--number", "009", "--head", "name=多吉"),
        ("backup",),
        ("security", "add-user", "拉姆"),
        ("security", "passwd", "扎西"),
        ("security", "new-recovery-code"),
    ):
        run = cli(encrypted.home, *argv, env=wrong)
        assert run.code == 2, (argv, run)
        assert run.err.strip() == "错误：口令不对，未做任何改动", (argv, run.err)
    assert snapshot(encrypted.home) == before


def test_the_recovery_code_opens_the_data_and_sets_a_new_passphrase(encrypted: Folder, cli) -> None:
    home, code = encrypted.home, encrypted.recovery_code
    before = snapshot(home)
    bad = cli(home, "security", "recover", env={"ZHUCUN_RECOVERY_CODE": "ABCDE-" * 7 + "ABCDE",
                                                 "ZHUCUN_NEW_PASSPHRASE": "找回后设的新口令"})  # fmt: skip
    assert bad.code == 2 and "恢复码不对" in bad.err and snapshot(home) == before

    typed = code.lower().replace("-", " ")  # as read off the paper
    run = cli(
        home,
        "security",
        "recover",
        env={"ZHUCUN_RECOVERY_CODE": typed, "ZHUCUN_NEW_PASSPHRASE": "找回后设的新口令"},
    )
    assert run.code == 0, run.err
    successor = run.out.strip().splitlines()[-1].strip()
    assert len(successor) == 47 and successor != code
    changed = {k for k, v in snapshot(home).items() if before.get(k) != v}
    assert changed == {"keyring.json"}  # the database was not re-encrypted

    assert cli(home, "household", "list", env={"ZHUCUN_PASSPHRASE": PASSPHRASE}).code == 2
    listed = cli(
        home, "household", "list", "--search", MEMBERS[0][1], env={"ZHUCUN_PASSPHRASE": "找回后设的新口令"}
    )
    assert listed.code == 0 and MEMBERS[0][0] in listed.out
    # the code is used up; the new one works
    used = cli(
        home,
        "security",
        "recover",
        env={"ZHUCUN_RECOVERY_CODE": code, "ZHUCUN_NEW_PASSPHRASE": "再换一个新口令吧"},
    )
    assert used.code == 2 and "恢复码不对" in used.err
    again = cli(
        home,
        "security",
        "recover",
        env={"ZHUCUN_RECOVERY_CODE": successor, "ZHUCUN_NEW_PASSPHRASE": "再换一个新口令吧"},
    )
    assert again.code == 0, again.err


def test_adding_a_user_rewraps_only_and_each_user_writes_as_themself(encrypted: Folder, cli) -> None:
    home = encrypted.home
    before = snapshot(home)
    run = cli(home, "security", "add-user", "拉姆", env={"ZHUCUN_PASSPHRASE": PASSPHRASE,
                                                          "ZHUCUN_NEW_PASSPHRASE": "拉姆的口令很长啊"})  # fmt: skip
    assert run.code == 0, run.err
    assert {k for k, v in snapshot(home).items() if before.get(k) != v} == {"keyring.json"}
    twice = cli(home, "security", "add-user", "拉姆", env={"ZHUCUN_PASSPHRASE": PASSPHRASE,
                                                            "ZHUCUN_NEW_PASSPHRASE": "拉姆的口令很长啊"})  # fmt: skip
    assert twice.code == 2 and "已有用户" in twice.err

    middle = snapshot(home)
    run = cli(home, "security", "passwd", "拉姆", env={"ZHUCUN_PASSPHRASE": "拉姆的口令很长啊",
                                                        "ZHUCUN_NEW_PASSPHRASE": "拉姆换了新的口令"})  # fmt: skip
    assert run.code == 0, run.err
    assert {k for k, v in snapshot(home).items() if middle.get(k) != v} == {"keyring.json"}

    edit = cli(
        home,
        "household",
        "edit",
        "001",
        "--set",
        "house_grade=C",
        env={"ZHUCUN_PASSPHRASE": "拉姆换了新的口令"},
    )
    assert edit.code == 0, edit.err
    edit = cli(
        home, "household", "edit", "001", "--set", "house_grade=B", env={"ZHUCUN_PASSPHRASE": PASSPHRASE}
    )
    assert edit.code == 0, edit.err
    ledger = encrypted.open()
    try:
        authors = [
            e.author
            for e in record_history(ledger, "001")
            if any(c.field == "house_grade" for c in e.changes)
        ]
    finally:
        ledger.store.close()
    assert authors == ["拉姆", "扎西"]

    status = cli(home, "security", "status")
    assert status.code == 0 and "扎西" in status.out and "拉姆" in status.out and "argon2id" in status.out


def test_backups_stay_encrypted_and_restore(tmp_path: Path, cli) -> None:
    folder = plain_village(tmp_path / "home", tmp_path)
    stick = tmp_path / "usb"
    plain_copy = backup_file(folder.home / "zhucun.sqlite3", stick, "before-encryption")  # kept on a stick
    enable_encryption(folder.home, user="扎西", passphrase=PASSPHRASE)
    env = {"ZHUCUN_PASSPHRASE": PASSPHRASE}

    run = cli(folder.home, "backup", "--to", str(tmp_path / "usb2"), env=env)
    assert run.code == 0, run.err
    (made,) = list_backups(tmp_path / "usb2")
    assert header(made) != SQLITE_HEADER and plaintext_in(tmp_path / "usb2") == []

    assert cli(folder.home, "household", "archive", "002", "--reason", "整户迁出", env=env).code == 0
    run = cli(folder.home, "restore", str(made), env=env)
    assert run.code == 0, run.err
    listed = cli(folder.home, "household", "list", env=env)
    assert "德吉央宗" in listed.out and "已注销" not in listed.out

    # a backup from before encryption goes back in encrypted
    run = cli(folder.home, "restore", str(plain_copy), env=env)
    assert run.code == 0, run.err
    assert header(folder.home / "zhucun.sqlite3") != SQLITE_HEADER
    assert plaintext_in(folder.home) == []
    assert cli(folder.home, "household", "list", env=env).code == 0


def test_enable_refuses_what_it_cannot_do(encrypted: Folder, tmp_path: Path, cli) -> None:
    env = {"ZHUCUN_PASSPHRASE": "一个足够长的口令"}
    again = cli(encrypted.home, "security", "enable", "--user", "扎西", env=env)
    assert again.code == 2 and "已经加密" in again.err
    empty = tmp_path / "empty"
    run = cli(empty, "security", "enable", "--user", "扎西", env=env)
    assert run.code == 4 and "还没有台账" in run.err and not empty.exists()
    short = plain_village(tmp_path / "short", tmp_path)
    before = snapshot(short.home)
    run = cli(short.home, "security", "enable", "--user", "扎西", env={"ZHUCUN_PASSPHRASE": "1234"})
    assert run.code == 2 and "太短" in run.err and snapshot(short.home) == before


def test_a_copied_folder_with_its_keyring_swapped_is_refused(encrypted: Folder, tmp_path: Path) -> None:
    other = plain_village(tmp_path / "other", tmp_path)
    enable_encryption(other.home, user="扎西", passphrase=PASSPHRASE)
    copy = tmp_path / "copy"
    shutil.copytree(encrypted.home, copy)
    shutil.copy(other.home / "keyring.json", copy / "keyring.json")
    with pytest.raises(StoreProblem, match="钥匙环与数据库不配套"):
        Folder(copy).open()


def test_enable_waits_for_the_other_window_to_close(tmp_path: Path) -> None:
    """A ledger open in another process (the GUI) could write to the plain file after the copy: refused.
    (Another process: file locks are per process, so a second open in this one would not be seen.)"""
    folder = plain_village(tmp_path / "home", tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder.home / "zhucun.sqlite3")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreProblem, match="正被其他程序使用"):
            enable_encryption(folder.home, user="扎西", passphrase=PASSPHRASE)
    finally:
        holder.communicate("")
    assert not (folder.home / "keyring.json").exists() and not (folder.home / "switchover.json").exists()
    assert not list(folder.home.rglob("*.staged")) and not list(folder.home.rglob("*.old"))
    assert header(folder.home / "zhucun.sqlite3") == SQLITE_HEADER
    enable_encryption(folder.home, user="扎西", passphrase=PASSPHRASE)  # once it is closed
    assert plaintext_in(folder.home) == []


# the app's way of holding a ledger open: a WAL connection that has read, kept until stdin closes
HOLD = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA journal_mode=WAL")
connection.execute("SELECT count(*) FROM op_log").fetchone()
print("open", flush=True)
sys.stdin.read()
connection.close()
"""


def test_the_encrypted_file_is_searched_through_its_trigram_index(encrypted: Folder) -> None:
    from desktop.services.households.households import list_households
    from desktop.store.search_index import describe

    ledger = encrypted.open()
    try:
        with ledger.store.read_session() as session:
            assert describe(session) == "SQLite FTS5 三元组索引"  # sqlcipher3 has FTS5's trigrams too
        found = {t: [r.number for r in list_households(ledger, search=t)] for t in ("卓嘎", "wd", "央宗", "1111")}
    finally:
        ledger.store.close()
    assert found == {"卓嘎": ["001"], "wd": ["001"], "央宗": ["002"], "1111": ["001"]}
