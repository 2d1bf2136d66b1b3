"""Opening the SQLite ledger: durable settings, refusing a damaged file, daily backups, backup and restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.app import open_ledger
from desktop.cli import main
from desktop.domain.errors import StoreProblem
from desktop.services.context import Ledger
from desktop.services.households.households import add_household, edit_household
from desktop.services.maintenance.backups import restore_backup
from desktop.services.setup import init_village
from desktop.store.backup import KEEP, backup_file, list_backups
from desktop.store.database import StoreLocation, open_store
from desktop.store.dump import dump_json
from desktop.store.models import Household, Member
from desktop.store.writer import ChangeWriter

PAGE = 4096


def dump_of(location: StoreLocation) -> str:
    store = open_store(location, daily_backup=False)
    try:
        with store.read_session() as session:
            return dump_json(session)
    finally:
        store.close()


def names(folder: Path) -> list[str]:
    return [p.name for p in list_backups(folder)]


@pytest.fixture
def village(tmp_path: Path) -> Iterator[Ledger]:
    """An initialised ledger in a real file, store open (the way the GUI holds it)."""
    ledger = open_ledger(tmp_path / "home", create=True)
    init_village(ledger, code="513301", name="亚弄村", user="扎西")
    yield ledger
    ledger.store.close()


def test_the_sqlite_file_is_opened_for_durability(village: Ledger) -> None:
    with village.store.engine.connect() as connection:
        pragma = {
            name: connection.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma["journal_mode"] == "wal"
    assert pragma["synchronous"] == 2  # FULL: a power cut loses nothing committed
    assert pragma["foreign_keys"] == 1
    assert pragma["busy_timeout"] >= 5000
    # and it is a property of every connection, not only the first one
    with village.store.engine.connect() as a, village.store.engine.connect() as b:
        for connection in (a, b):
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2


def test_a_foreign_key_violation_is_refused(village: Ledger) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"), village.store.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO member (id, household_id, name) VALUES ('m1', 'no-such-household', '卓嘎')")
        )


# --- a damaged file --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger file with 200 households: many pages, so damage in the middle hits table data."""
    home = tmp_path_factory.mktemp("big") / "home"
    ledger = open_ledger(home, create=True)
    try:
        village_id = init_village(ledger, code="513301", name="亚弄村", user="扎西").village_id
        with ledger.store.session() as session:  # the services' write path, in one transaction for speed
            writer = ChangeWriter(session)
            for i in range(200):
                household_id = writer.create(
                    Household, {"number": f"{i:03d}", "village_id": village_id, "address": "二组" * 30}
                )
                writer.create(Member, {"household_id": household_id, "name": f"卓嘎{i}", "relation": "户主"})
    finally:
        ledger.store.close()
    db = home / "zhucun.sqlite3"
    assert db.stat().st_size > 100 * PAGE
    assert not Path(f"{db}-wal").exists()  # closed cleanly: everything is in the main file
    return db


def damaged_copy(source: Path, folder: Path) -> Path:
    """Overwrite 8 whole pages in the middle of the file, the way a bad sector or a torn copy would."""
    folder.mkdir(parents=True)
    data = bytearray(source.read_bytes())
    middle = len(data) // PAGE // 2
    data[middle * PAGE : (middle + 8) * PAGE] = b"\xde\xad\xbe\xef" * (8 * PAGE // 4)
    target = folder / "zhucun.sqlite3"
    target.write_bytes(bytes(data))
    return target


def test_a_damaged_database_is_refused_at_open_and_left_as_it_is(big_ledger: Path, tmp_path: Path) -> None:
    db = damaged_copy(big_ledger, tmp_path / "home")
    before = db.read_bytes()
    with pytest.raises(StoreProblem) as refused:
        open_store(StoreLocation(db.parent))
    assert refused.value.exit_code == 4
    assert db.read_bytes() == before
    assert not (db.parent / "backups").exists()  # a damaged file is never rotated in as the "newest" backup
    assert main(["--home", str(db.parent), "household", "list"]) == 4


def test_a_damaged_database_is_refused_with_one_line_naming_zhucun_restore(
    big_ledger: Path, tmp_path: Path
) -> None:
    db = damaged_copy(big_ledger, tmp_path / "home")
    with pytest.raises(StoreProblem) as refused:
        open_store(StoreLocation(db.parent))
    message = refused.value.message
    assert "\n" not in message, message
    assert "zhucun restore" in message and "损坏" in message, message


# What SQLite does not see: PRAGMA quick_check verifies the b-tree structure, not the bytes inside each
# record, so garbage written over a name or an address in the middle of a page leaves a file that still
# opens. Only the change log's hashes (``zhucun check``) notice damage to the op_log's own records.


# --- daily backups and rotation --------------------------------------------------------------------


def test_a_daily_backup_is_made_when_the_newest_is_older_than_a_day(village: Ledger) -> None:
    location = village.store.location
    assert names(location.backups) == []  # setting up makes no backup
    open_store(location).close()
    (first,) = list_backups(location.backups)  # the first open after init: no backup yet, so one now
    assert first.name.endswith("-daily.sqlite3")

    open_store(location).close()
    assert list_backups(location.backups) == [first]  # one from today is enough

    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(first, (two_days_ago, two_days_ago))
    open_store(location).close()
    backups = list_backups(location.backups)
    assert len(backups) == 2 and backups[0] == first
    assert backups[1].name.endswith("-daily.sqlite3")

    open_store(location).close()
    assert len(list_backups(location.backups)) == 2


def test_a_recent_manual_backup_counts_for_the_day(village: Ledger) -> None:
    location = village.store.location
    manual = village.store.backup("manual")
    open_store(location).close()
    assert list_backups(location.backups) == [manual]
    a_day_and_an_hour_ago = time.time() - 25 * 3600
    os.utime(manual, (a_day_and_an_hour_ago, a_day_and_an_hour_ago))
    open_store(location).close()
    assert len(list_backups(location.backups)) == 2


def test_rotation_keeps_the_newest_ten_and_nothing_else_is_touched(village: Ledger, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "说明.txt").write_text("2026 年台账备份", encoding="utf-8")
    made = [backup_file(village.store.location.db_path, usb, "manual") for _ in range(KEEP + 2)]
    assert KEEP == 10
    assert list_backups(usb) == made[-10:]
    assert not made[0].exists() and not made[1].exists()
    assert (usb / "说明.txt").read_text(encoding="utf-8") == "2026 年台账备份"
    assert not list(usb.glob("*.partial"))


# --- backup and restore ----------------------------------------------------------------------------


def test_a_backup_stands_on_its_own_even_with_recent_writes_still_in_the_wal(
    village: Ledger, tmp_path: Path
) -> None:
    for number, name in (("001", "卓嘎"), ("002", "次仁"), ("003", "顿珠")):
        add_household(village, number=number, head={"name": name})
    edit_household(village, "002", {"phone": "13800001234"})
    location = village.store.location
    wal = Path(f"{location.db_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the latest writes are not in the main file yet

    backup = backup_file(location.db_path, tmp_path / "usb", "manual")
    assert not Path(f"{backup}-wal").exists() and not Path(f"{backup}-shm").exists()
    # a write-protected USB stick: read-only, with nothing beside it
    readonly = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        rows = readonly.execute("SELECT number, phone FROM household ORDER BY number").fetchall()
    finally:
        readonly.close()
    assert rows == [("001", None), ("002", "13800001234"), ("003", None)]

    elsewhere = tmp_path / "other-computer"
    elsewhere.mkdir()
    shutil.copyfile(backup, elsewhere / "zhucun.sqlite3")
    with village.store.read_session() as session:
        original = dump_json(session)
    assert dump_of(StoreLocation(elsewhere)) == original


def test_restore_of_an_older_backup_brings_old_data_back_and_keeps_the_replaced_ledger(
    village: Ledger, tmp_path: Path
) -> None:
    add_household(village, number="001", head={"name": "卓嘎"}, fields={"phone": "13800001234"})
    location = village.store.location
    older = village.store.backup("manual", tmp_path / "usb")
    with village.store.read_session() as session:
        old_dump = dump_json(session)
    edit_household(village, "001", {"phone": "13900009999"})
    add_household(village, number="002", head={"name": "次仁"})
    with village.store.read_session() as session:
        new_dump = dump_json(session)
    village.store.close()

    result = restore_backup(location, older)
    assert result.restored_from == older
    assert dump_of(location) == old_dump
    assert result.previous_kept_at is not None and result.previous_kept_at.is_file()
    assert result.previous_kept_at.parent == location.backups
    assert "before-restore" in result.previous_kept_at.name
    assert older.is_file()  # the backup itself is left where it was

    # the kept copy is the whole replaced ledger: restoring it undoes the restore
    undo = restore_backup(location, result.previous_kept_at)
    assert dump_of(location) == new_dump
    assert undo.previous_kept_at is not None and undo.previous_kept_at.is_file()


def test_restore_into_a_folder_without_a_ledger_keeps_nothing(village: Ledger, tmp_path: Path) -> None:
    add_household(village, number="001", head={"name": "卓嘎"})
    backup = village.store.backup("manual", tmp_path / "usb")
    with village.store.read_session() as session:
        original = dump_json(session)
    new_home = StoreLocation(tmp_path / "new-computer")
    result = restore_backup(new_home, backup)
    assert result.previous_kept_at is None
    assert dump_of(new_home) == original


def test_a_snapshot_session_sees_one_state_while_another_client_commits(any_ledger: Ledger) -> None:
    """A bundle is planned, then written, in several passes over the ledger: on a server another
    client may commit between them. In ``session(snapshot=True)`` every pass sees the same households
    (SQLite's write lock gives this anyway; a township server needs REPEATABLE READ)."""
    store = any_ledger.store
    add_household(any_ledger, number="001", head={"name": "卓嘎"})

    def counted(session: object) -> int:
        return session.execute(text("SELECT count(*) FROM household")).scalar_one()  # type: ignore[attr-defined]

    if store.location.is_sqlite:
        with store.session(snapshot=True) as session:
            assert counted(session) == 1
        return
    other = open_store(store.location)
    try:
        with store.session(snapshot=True) as session:
            before = counted(session)
            with other.session() as writer:
                ChangeWriter(writer).create(Household, {"number": "002", "village_id": None})
            assert counted(session) == before == 1
        with store.read_session() as session:
            assert counted(session) == 2
    finally:
        other.close()
