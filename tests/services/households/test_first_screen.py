"""The window's first screen, read with plain sqlite3 before the ledger opens (services/first_screen),
is what the services read through the store: the same households in the same order, the same rows, the
same device, village and settings; and it declines wherever the ledger must be opened first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.app import open_ledger
from desktop.services.context import Ledger
from desktop.services.first_screen import first_screen, first_screen_rows
from desktop.services.households.households import (
    add_household,
    archive_household,
    household_keys,
    household_rows,
)
from desktop.services.households.members import add_member
from desktop.services.preferences import (
    FIRST_RUN_GUIDE,
    IDLE_LOCK,
    LANGUAGE,
    get_preference,
    idle_lock_minutes,
    set_preference,
)
from desktop.services.security.encryption import enable_encryption
from desktop.services.security.users import unlock
from desktop.services.setup import init_township
from desktop.services.village.info import is_demo, village_summary


def test_the_first_screen_is_the_roster_the_services_read(ledger: Ledger) -> None:
    for number, head, group, phone in [
        ("10", "卓嘎", "一组", "13800001234"),
        ("2", "格桑", "二组", None),
        ("001", "央金", "", "0836-2812345"),
        ("3", "次仁", "一组", None),
        ("A-7", "白玛", "一组", None),
    ]:
        add_household(
            ledger, number=number, head={"name": head}, fields={"group_name": group or None, "phone": phone}
        )
    add_member(ledger, "10", {"name": "拉姆", "relation": "子女"})
    add_member(ledger, "2", {"name": "多吉", "relation": "配偶"})
    archive_household(ledger, "3", "迁出")
    set_preference(ledger, LANGUAGE, "en")
    set_preference(ledger, IDLE_LOCK, "5")
    home = ledger.store.location.home

    screen = first_screen(home)

    assert screen is not None
    keys = household_keys(ledger)
    assert screen.keys == keys  # ids, 户编号, 小组, 类别, village names: the same lists in the same order
    assert len(keys.ids) == 4  # the archived household is not listed by either
    assert first_screen_rows(screen, keys.ids) == household_rows(ledger, keys.ids)
    assert first_screen_rows(screen, keys.ids[::-1][:2]) == household_rows(ledger, keys.ids[::-1][:2])
    assert first_screen_rows(screen, ["no-such-id"]) == []
    assert screen.device == ledger.this_device()
    summary = village_summary(ledger, counted=False)
    assert (screen.village_name, screen.township) == (summary.name, summary.township)
    assert screen.is_demo == is_demo(ledger)
    assert screen.language == get_preference(ledger, LANGUAGE) == "en"
    assert screen.first_run_guide == get_preference(ledger, FIRST_RUN_GUIDE) == "show"
    assert screen.idle_lock_minutes == idle_lock_minutes(ledger) == 5


def test_no_first_screen_where_the_ledger_must_open_first(ledger: Ledger, tmp_path: Path) -> None:
    home = ledger.store.location.home
    assert first_screen(tmp_path / "nothing here") is None  # a first start: the dialog makes a ledger
    ledger.store.close()

    older = home / "zhucun.sqlite3"
    connection = sqlite3.connect(older)
    with connection:  # as an older program left it: migrated by opening, so not read before
        connection.execute("UPDATE alembic_version SET version_num = '0008'")
    connection.close()
    assert first_screen(home) is None

    township = open_ledger(tmp_path / "township", create=True)
    try:
        init_township(township, code="513301100", name="姑咱镇", user="扎西")
        assert first_screen(tmp_path / "township") is None  # it starts on 各村, read the usual way
    finally:
        township.store.close()

    not_ours = tmp_path / "spreadsheet"
    not_ours.mkdir()
    (not_ours / "zhucun.sqlite3").write_bytes(b"this is a spreadsheet, not a ledger")
    assert first_screen(not_ours) is None  # refused by opening it, with its message

    keyring = tmp_path / "encrypted"
    keyring.mkdir()
    (keyring / "keyring.json").write_text("{}", encoding="utf-8")
    assert first_screen(keyring) is None  # read with its key once unlocked


def test_an_encrypted_ledger_is_read_with_its_key_once_unlocked(ledger: Ledger) -> None:
    add_household(ledger, number="001", head={"name": "卓嘎"}, fields={"phone": "13800001234"})
    add_household(ledger, number="002", head={"name": "格桑"})
    home = ledger.store.location.home
    ledger.store.close()
    light = {"name": "argon2id", "memory_kib": 8192, "iterations": 1, "lanes": 1}
    enable_encryption(home, user="扎西", passphrase="雪山下的格桑花2026", kdf=light)
    unlocked = unlock(home, "雪山下的格桑花2026", "扎西")

    assert first_screen(home) is None  # not without its key
    assert first_screen(home, b"\x01" * 32) is None  # nor with another one
    screen = first_screen(home, unlocked.data_key)
    assert screen is not None
    opened = open_ledger(home, unlocked=unlocked)
    try:
        keys = household_keys(opened)
        assert screen.keys == keys
        assert first_screen_rows(screen, keys.ids) == household_rows(opened, keys.ids)
        assert [r.head_name for r in first_screen_rows(screen, keys.ids)] == ["卓嘎", "格桑"]
    finally:
        opened.store.close()


def test_the_first_screen_reads_the_store_s_own_file() -> None:
    from desktop.services import first_screen as module
    from desktop.store.database import DB_FILE

    assert module.DB_FILE == DB_FILE  # named twice: the store's module comes with the engine
