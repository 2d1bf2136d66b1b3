"""``security enable``: turning a plain data folder into an encrypted one, in place and crash-safe.

1. The plain database is taken for this process alone (switched out of WAL mode, which SQLite refuses
   while any other connection is open) and a write lock is held while it is copied.
2. Everything new is staged beside its target (``switchover``): the database exported by SQLCipher's
   ``sqlcipher_export`` into an encrypted file, fsynced, then checked (integrity, the same tables, the
   same row count in every table); the keyring; the device keys sealed with the data key; every backup
   in ``backups/`` re-encrypted (a backup that cannot be read is wiped instead: it cannot be encrypted).
3. One rename puts the encrypted database in place: the commit. Then the keyring, keys and backups are
   moved in and the plain files they replace are wiped (overwritten, then removed), with crash reports
   from before (a crash report may quote a record).
4. The photos are sealed one by one after the commit, and again at every unlocked open until all are
   (``encryption-unfinished`` marks that).

A crash (power cut, kill) anywhere leaves either the plain folder as it was or the encrypted one: every
open first settles an interrupted switchover. Each step is a named checkpoint
(``desktop/store/checkpoints.py``) where the kill test stops the process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.errors import InvalidInput, StoreProblem
from desktop.media.blob_encryption import photo_key, seal_plain_blobs
from desktop.store import cipher, switchover
from desktop.store.atomic_file import write_atomic
from desktop.store.backup import list_backups
from desktop.store.checkpoints import passed
from desktop.store.database import StoreLocation, open_store
from desktop.store.device import get_device
from desktop.store.keyring import (
    KEYRING_FILE,
    Keyring,
    check_new_passphrase,
    new_data_key,
    new_recovery_code,
    write_keyring,
)
from desktop.store.switchover import Move, staged_path
from desktop.sync.keys import key_path, load_keys, save_keys

UNFINISHED = "encryption-unfinished"


@dataclass(frozen=True)
class Enabled:
    user: str
    recovery_code: str
    backups: int  # re-encrypted
    photos: int  # sealed


def enable_encryption(
    home: Path, *, user: str, passphrase: str, kdf: dict[str, Any] | None = None
) -> Enabled:
    location = StoreLocation(home)
    user = user.strip()
    if not user:
        raise InvalidInput("需要用户名（--user）")
    check_new_passphrase(passphrase, user)
    switchover.recover(home)  # a conversion cut off earlier is settled first
    if location.encrypted:
        raise InvalidInput("这个台账已经加密了，未做任何改动")
    store = open_store(location, daily_backup=False)  # migrates and checks the plain ledger
    try:
        with store.read_session() as session:
            if get_device(session) is None:
                raise StoreProblem("台账尚未初始化，请先运行 zhucun init，再启用加密")
    finally:
        store.close()
    data_key, code = new_data_key(), new_recovery_code()
    keyring = Keyring(()).with_user(user, passphrase, data_key, kdf).with_recovery(code, data_key, kdf)
    backups = _convert(location, keyring, data_key)
    photos = finish_encryption(home, data_key)
    return Enabled(user, code, backups, photos)


def finish_encryption(home: Path, data_key: bytes) -> int:
    """Seal the photos still in clear after a conversion (again after a crash); returns how many."""
    marker = home / UNFINISHED
    if not marker.exists():
        return 0
    sealed = seal_plain_blobs(home / "photos", photo_key(data_key), passed)
    marker.unlink()
    return sealed


def _convert(location: StoreLocation, keyring: Keyring, data_key: bytes) -> int:
    home, db = location.home, location.db_path
    plain = _take_alone(db)
    try:
        moves = _moves(location)
        switchover.prepare(home, moves)
        passed("prepared")
        write_keyring(home, keyring, staged_path(home / KEYRING_FILE))
        write_atomic(staged_path(home / UNFINISHED), b"photos\n")
        passed("keyring")
        plain.execute(
            f'ATTACH DATABASE ? AS encrypted KEY "{cipher.raw_key(data_key)}"', (str(staged_path(db)),)
        )
        plain.execute("BEGIN IMMEDIATE")
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute("COMMIT")  # into the encrypted copy only: the plain database is not written
        plain.execute("DETACH DATABASE encrypted")
        cipher.fsync(staged_path(db))
        passed("exported")
        plain.execute("BEGIN IMMEDIATE")  # no other writer while the copy is checked and the rest staged
        _verify(plain, staged_path(db), data_key)
        passed("verified")
        if key_path(home).exists():
            save_keys(home, load_keys(home), data_key, to=staged_path(key_path(home)))
            passed("keys")
        backups = _stage_backups(location, moves, data_key)
        plain.execute("ROLLBACK")
        plain.close()
        if any(Path(f"{db}{suffix}").exists() for suffix in ("-wal", "-journal")):
            raise StoreProblem("台账正被其他程序使用：请先关闭驻村台账的其他窗口再启用加密，未做任何改动")
        switchover.ready(home, passed)
    except BaseException as exc:
        plain.close()
        switchover.recover(home)  # still "preparing": every staged file goes, the folder is as it was
        if isinstance(exc, OSError | cipher.module().Error):  # a full disk, an unreadable file
            raise StoreProblem(f"加密没有完成（{exc}），原台账未改动") from exc
        raise
    passed("ready")
    try:
        switchover.commit(home, passed)
    except OSError as exc:
        try:
            outcome = switchover.recover(home)
        except OSError:
            outcome = "later"  # settled at the next open
        if outcome == "undone":
            raise StoreProblem(f"加密没有完成（{exc}），原台账未改动") from exc
        raise StoreProblem(
            f"台账已加密，但收尾没有完成（{exc}）：下次用口令打开时会自动完成。"
            "恢复码没有显示：请用 zhucun security new-recovery-code 换一个"
        ) from exc
    passed("switched")
    return backups


def _take_alone(db: Path) -> Any:
    """A connection to the plain database that no other one shares: leaving WAL mode needs that.

    File locks are per process, so this sees other processes (the GUI, a second command), not another
    store open in this one: a caller that has the ledger open must close it first."""
    connection = cipher.connect(db, None)
    driver = cipher.module()
    try:
        connection.execute("PRAGMA busy_timeout=2000")
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except driver.OperationalError:
        mode = None
    if mode != "delete":
        connection.close()
        raise StoreProblem("台账正被其他程序使用：请先关闭驻村台账的其他窗口再启用加密，未做任何改动")
    return connection


def _moves(location: StoreLocation) -> list[Move]:
    home = location.home
    moves = [Move(location.db_path.name), Move(KEYRING_FILE, wipe=False), Move(UNFINISHED, wipe=False)]
    if key_path(home).exists():
        moves.append(Move(_rel(home, key_path(home))))
    moves += [Move(_rel(home, backup)) for backup in list_backups(location.backups)]
    # plain leftovers: cut-off backup copies and restores, crash reports that may quote a record
    leftovers = [
        *location.backups.glob("*.partial"),
        *home.glob("*.restoring"),
        *(home / "logs").glob("crash-*"),
    ]
    moves += [Move(_rel(home, path), staged=False) for path in leftovers if path.is_file()]
    return moves


def _stage_backups(location: StoreLocation, moves: list[Move], data_key: bytes) -> int:
    home, done, changed = location.home, 0, False
    for number, move in enumerate(moves):
        if not move.target.startswith("backups/") or not move.staged:
            continue
        source = home / move.target
        try:
            cipher.copy(source, staged_path(source), data_key)
            done += 1
        except cipher.module().DatabaseError:
            staged_path(source).unlink(missing_ok=True)  # unreadable: wiped after the commit instead
            moves[number] = Move(move.target, staged=False)
            changed = True
        passed(f"backup-{number}")
    if changed:
        switchover.prepare(home, moves)
    return done


def _verify(plain: Any, encrypted_file: Path, data_key: bytes) -> None:
    """The encrypted copy is intact and holds every table with as many rows as the plain database."""
    copy = cipher.connect(encrypted_file, data_key, read_only=True)
    try:
        check = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        schema = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        same_schema = (
            copy.execute(schema).fetchall()
            == plain.execute(schema.replace("sqlite_master", "main.sqlite_master")).fetchall()
        )
        tables = [r[0] for r in plain.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")]
        counts = {t: plain.execute(f'SELECT count(*) FROM main."{t}"').fetchone()[0] for t in tables}
        copied = {t: copy.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        copy.close()
    if check != ["ok"] or not same_schema or counts != copied:
        raise StoreProblem("加密副本与原数据库不一致，已放弃加密，原台账未改动")


def _rel(home: Path, path: Path) -> str:
    return path.relative_to(home).as_posix()
