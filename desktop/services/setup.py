"""Setting up a data folder: the device, its first user and the village it serves.

``init_encrypted`` makes the folder encrypted from the start (the default of ``zhucun init`` and the
first-start dialog), so no plain byte of the ledger is ever written:

1. the keyring (the first user and the recovery code wrap a new data key), the SQLCipher database made
   with that key, initialised, and the sealed device keys are built in ``init-unfinished/`` inside the
   data folder, which nothing ever opens as a ledger;
2. they are moved beside their targets as a ``switchover`` (journal, staged files, one rename of the
   database as the commit), which every open settles after a crash: before the commit the folder is as
   empty as before, after it the folder opens with the passphrase.

A crash while building leaves only ``init-unfinished/``: the next ``init`` removes it and starts again.
Each step is a named checkpoint (``desktop/store/checkpoints.py``) where the kill test stops the process.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.errors import InvalidInput, StoreProblem
from desktop.services.context import Ledger
from desktop.store import cipher, switchover
from desktop.store.atomic_file import fsync_dir
from desktop.store.checkpoints import passed
from desktop.store.database import DB_FILE
from desktop.store.device import create_device, get_device
from desktop.store.ids import natural_id
from desktop.store.keyring import (
    KEYRING_FILE,
    Keyring,
    Unlocked,
    check_new_passphrase,
    new_data_key,
    new_recovery_code,
    write_keyring,
)
from desktop.store.models import Village
from desktop.store.switchover import Move, staged_path

# the device keys (services.exchange.identity, sync.keys) and the change writer are imported by the
# functions that make a ledger: every GUI start asks ``needs_setup``, and a start only reads
STAGING = "init-unfinished"
# opens (creating) the ledger of a data folder, unlocked with the given data key: the composition root's
OpenFolder = Callable[[Path, Unlocked], Ledger]


@dataclass(frozen=True)
class SetupResult:
    device_id: str
    village_id: str
    village_name: str


def init_village(
    ledger: Ledger,
    *,
    code: str,
    name: str,
    user: str,
    township: str | None = None,
    county: str | None = None,
    city: str | None = None,
    province: str | None = None,
    altitude_m: int | None = None,
    groups: list[str] | None = None,
) -> SetupResult:
    from desktop.services.exchange.identity import ensure_keys
    from desktop.store.writer import ChangeWriter

    code, name, user = code.strip(), name.strip(), user.strip()
    if not code or not name:
        raise InvalidInput("需要村代码和村名（--village-code、--village-name）")
    if not user:
        raise InvalidInput("需要使用人姓名（--user）")
    with ledger.store.session() as session:
        existing = get_device(session)
        if existing is not None:
            village = session.get(Village, existing.village_id) if existing.village_id else None
            where = f"（{village.name}）" if village and village.name else ""
            raise InvalidInput(f"这个数据文件夹已经初始化过{where}，未做任何改动")
        device = create_device(session, role="village", user_name=user, village_id=None)
        session.flush()
        # The village's id comes from its code, so every device of one village (a second laptop of the
        # work team) writes to the same village record and their changes merge.
        village_id = ChangeWriter(session).create(
            Village,
            {
                "code": code,
                "name": name,
                "township": township,
                "county": county,
                "city": city,
                "province": province,
                "altitude_m": altitude_m,
                "groups": groups,
            },
            natural_id("village", code),
        )
        device.village_id = village_id
        device.township_code = None
        device.township_name = township
        result = SetupResult(device.device_id, village_id, name)
    ensure_keys(ledger)
    return result


def init_township(ledger: Ledger, *, code: str, name: str, user: str) -> SetupResult:
    """A township office device: no village of its own; it receives the villages' bundles."""
    from desktop.services.exchange.identity import ensure_keys

    code, name, user = code.strip(), name.strip(), user.strip()
    if not code or not name:
        raise InvalidInput("乡镇设备需要乡镇代码和名称（--township-code、--township-name）")
    if not user:
        raise InvalidInput("需要使用人姓名（--user）")
    with ledger.store.session() as session:
        if get_device(session) is not None:
            raise InvalidInput("这个数据文件夹已经初始化过，未做任何改动")
        device = create_device(session, role="township", user_name=user, village_id=None)
        device.township_code, device.township_name = code, name
        result = SetupResult(device.device_id, "", name)
    ensure_keys(ledger)
    return result


@dataclass(frozen=True)
class EncryptedInit:
    result: SetupResult
    unlocked: Unlocked  # the first user: open the ledger with it
    recovery_code: str  # to be shown once


def init_encrypted(
    home: Path,
    *,
    user: str,
    passphrase: str,
    setup: Callable[[Ledger], SetupResult],
    open_folder: OpenFolder,
    kdf: dict[str, Any] | None = None,
) -> EncryptedInit:
    """A new encrypted ledger in ``home``: ``user`` (with ``passphrase``) is its first user, ``setup``
    (``init_village`` or ``init_township`` with their arguments) initialises it. Refused, with nothing
    created, when the folder already holds a ledger or its keys."""
    from desktop.sync.keys import key_path

    user = user.strip()
    if not user:
        raise InvalidInput("需要使用人姓名（--user）")
    check_new_passphrase(passphrase, user)
    check_ready_for_init(home)
    made_home = not home.exists()
    staging = home / STAGING
    data_key, code = new_data_key(), new_recovery_code()
    keyring = Keyring(()).with_user(user, passphrase, data_key, kdf).with_recovery(code, data_key, kdf)
    unlocked = Unlocked(user, data_key)
    moves = [Move(DB_FILE), Move(KEYRING_FILE, wipe=False), Move(_rel(home, key_path(home)), wipe=False)]
    try:
        staging.mkdir(parents=True)
        passed("staging")
        write_keyring(staging, keyring)
        passed("keyring")
        ledger = open_folder(staging, unlocked)
        try:
            result = setup(ledger)
        finally:
            ledger.store.close()
        _single_file(staging / DB_FILE, data_key)
        passed("built")
        switchover.prepare(home, moves)
        passed("prepared")
        for move in moves:
            target = home / move.target
            if target.parent != home:
                target.parent.mkdir(mode=stat.S_IRWXU, exist_ok=True)
            os.replace(staging / move.target, staged_path(target))
            fsync_dir(target.parent)
        passed("staged")
        switchover.ready(home, passed)
    except BaseException:
        switchover.recover(home)  # still before the commit: every staged file goes
        shutil.rmtree(staging, ignore_errors=True)
        if made_home:
            _remove_if_empty(home)
        raise
    switchover.commit(home, passed)  # the database in place: the folder is initialised
    shutil.rmtree(staging, ignore_errors=True)
    passed("done")
    return EncryptedInit(result, unlocked, code)


def needs_setup(home: Path) -> bool:
    """The data folder has no ledger yet (or only the empty one an earlier start left): a first start."""
    settle_unfinished_init(home)
    db = home / DB_FILE
    if (home / KEYRING_FILE).exists():
        return False
    if not db.exists():
        return True
    try:
        return _plain_village(db) is None
    except StoreProblem:
        return False  # not a ledger: opening it says so


def settle_unfinished_init(home: Path) -> None:
    """Settle what a crash during ``init_encrypted`` left: the switchover finished or undone, the
    half-built staging folder (never opened as a ledger, holding nothing anyone typed) removed."""
    switchover.recover(home)
    shutil.rmtree(home / STAGING, ignore_errors=True)


def check_ready_for_init(home: Path) -> None:
    """``home`` can take a new ledger: none there yet (after settling a cut-off ``init``). An empty plain
    database that an earlier start made (no device, no operation) is removed; a keyring or device keys
    without a database are refused (a moved database, or backups that need that keyring)."""
    from desktop.sync.keys import key_path

    settle_unfinished_init(home)
    db, keyring, keys = home / DB_FILE, home / KEYRING_FILE, key_path(home)
    if db.exists() and keyring.exists():
        raise InvalidInput(
            f"{home} 中已经有加密的台账，未做任何改动。"
            "（如果初始化时没有看到恢复码，请用 zhucun security new-recovery-code 换一个）"
        )
    if db.exists():
        village = _plain_village(db)
        if village is not None:
            where = f"（{village}）" if village else ""
            raise InvalidInput(f"这个数据文件夹已经初始化过{where}，未做任何改动")
        for path in (db, *(Path(f"{db}{suffix}") for suffix in ("-wal", "-shm", "-journal"))):
            path.unlink(missing_ok=True)  # an empty ledger an earlier start made: nothing in it
    for path in (keyring, keys):
        if path.exists():
            raise InvalidInput(
                f"{path} 已存在，但文件夹中没有台账数据库（被移走或删除了？）：请从备份恢复"
                "（zhucun restore），或换一个空的数据文件夹；未做任何改动"
            )


def _plain_village(db: Path) -> str | None:
    """``None`` when the plain database holds no device and no operation (an empty ledger, made by a
    start of the program that was then cancelled); else the village's (or township's) name, or ''.
    Refused when it is not a ledger's database (or is damaged, or encrypted without a keyring)."""
    if db.stat().st_size == 0:
        return None
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if not tables:
                return None
            devices = connection.execute(
                "SELECT d.township_name, v.name FROM device_state d LEFT JOIN village v ON v.id = d.village_id"
            ).fetchall()
            operations = connection.execute("SELECT EXISTS (SELECT 1 FROM op_log)").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        raise StoreProblem(f"{db} 不是驻村台账的数据库（或已损坏），未做任何改动") from None
    if not devices and not operations:
        return None
    return (devices[0][1] or devices[0][0] or "") if devices else ""


def _single_file(db: Path, data_key: bytes) -> None:
    """The staged database out of WAL mode, so it is one self-contained file to move (its next open
    turns WAL back on), and on disk."""
    connection = cipher.connect(db, data_key)
    try:
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    finally:
        connection.close()
    if mode != "delete" or any(Path(f"{db}{suffix}").exists() for suffix in ("-wal", "-shm")):
        raise StoreProblem("新台账的数据库没有关闭完整，已放弃初始化，未做任何改动")
    cipher.fsync(db)


def _remove_if_empty(home: Path) -> None:
    with contextlib.suppress(OSError):
        home.rmdir()


def _rel(home: Path, path: Path) -> str:
    return path.relative_to(home).as_posix()
