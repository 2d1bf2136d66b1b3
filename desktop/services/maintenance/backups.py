"""``backup`` and ``restore``: a consistent copy of the ledger, and putting one back safely."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import InvalidInput, StoreProblem
from desktop.services.context import Ledger
from desktop.store.backup import backup_file, copy_database
from desktop.store.cipher import is_plain
from desktop.store.database import StoreLocation, check_unlocked, open_store, unreadable
from desktop.store.disk import explain, needs_text, require_free
from desktop.store.migrate import known_revisions
from desktop.store.sqlite_file import inspect_sqlite


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_kept_at: Path | None


def ledger_location(home: Path, *, db_url: str | None = None, data_key: bytes | None = None) -> StoreLocation:
    """The ledger of a data folder (or of a server's URL) to back up or restore, for the command line,
    which has no open ledger to ask: an encrypted folder's data key comes from its unlocked keyring."""
    return StoreLocation(home, db_url, data_key=data_key)


def make_backup(location: StoreLocation, to: Path | None = None) -> Path:
    if not location.is_sqlite:
        raise StoreProblem("服务器数据库请用 pg_dump 备份（见 README“乡镇服务器”一节）")
    check_unlocked(location)
    if not location.db_path.exists():
        raise StoreProblem(f"{location.home} 中还没有台账，无需备份")
    facts = inspect_sqlite(location.db_path, data_key=location.data_key)
    if facts.error is not None:
        raise unreadable(location, facts)
    if not (facts.is_sqlite and facts.ours):
        raise StoreProblem(f"{location.db_path} 不是驻村台账的数据库，未做备份")
    if facts.damage:
        raise StoreProblem(
            f"数据库 {location.db_path} 已损坏（{facts.damage}），未做备份；请用 zhucun restore 恢复"
        )
    folder = to or location.backups
    # a backup is a full copy: the database and its WAL, the estimate of what the copy needs
    needed = sum(p.stat().st_size for p in (location.db_path, _wal(location)) if p.exists())
    require_free(folder, needed, f"无法备份台账到 {folder}（{needs_text(needed)}）")
    try:
        return backup_file(location.db_path, folder, "manual", data_key=location.data_key)
    except (OSError, sqlite3.Error) as exc:
        problem = explain(exc, folder)
        if problem is None:
            raise
        raise problem from None


def _wal(location: StoreLocation) -> Path:
    return location.db_path.with_name(location.db_path.name + "-wal")


def restore_backup(location: StoreLocation, source: Path) -> RestoreResult:
    """Replace the ledger with ``source`` after checking it is one of ours and not from a newer version;
    the replaced ledger is backed up first and put back if the restored one does not open."""
    if not location.is_sqlite:
        raise StoreProblem("服务器数据库请用 pg_restore 恢复")
    if not source.is_file():
        raise InvalidInput(f"找不到备份文件 {source}")
    check_unlocked(location)
    _check_backup(source, location.data_key)
    # the current ledger is backed up first, then the backup copied in beside it
    current = location.db_path.stat().st_size if location.db_path.exists() else 0
    needed = current + source.stat().st_size
    require_free(location.home, needed, f"无法恢复备份（{needs_text(needed)}）")
    previous = None
    if location.db_path.exists():
        previous = backup_file(
            location.db_path, location.backups, "before-restore", data_key=location.data_key
        )
    location.home.mkdir(parents=True, exist_ok=True)
    _replace_with(location, source)
    try:
        # opening migrates an older backup and runs the integrity check
        open_store(location, daily_backup=False).close()
    except Exception:
        if previous is not None:
            _replace_with(location, previous)
        raise
    return RestoreResult(source, previous)


def _replace_with(location: StoreLocation, source: Path) -> None:
    partial = location.db_path.with_suffix(".restoring")
    # into an encrypted folder every backup goes in encrypted, a plain one from before too
    copy_database(source, partial, data_key=location.data_key)
    for suffix in ("-wal", "-shm"):
        Path(f"{location.db_path}{suffix}").unlink(missing_ok=True)
    os.replace(partial, location.db_path)


def _check_backup(source: Path, data_key: bytes | None) -> None:
    plain = data_key is None or is_plain(source)
    facts = inspect_sqlite(source, data_key=None if plain else data_key)
    if not (facts.is_sqlite and facts.ours):
        raise InvalidInput(f"{source} 不是驻村台账的备份文件，未做任何改动")
    if facts.damage:
        raise InvalidInput(f"备份文件 {source} 已损坏（{facts.damage}），未做任何改动")
    if facts.revision not in known_revisions():
        raise InvalidInput(
            f"备份文件 {source} 来自更新版本的驻村台账（{facts.revision}），请先升级，未做任何改动"
        )


def backup_ledger(ledger: Ledger, to: Path | None = None) -> Path:
    """A backup of the open ledger (see ``make_backup``); into the backups folder it is the day's."""
    made = make_backup(ledger.store.location, to)
    if to is None:
        ledger.store.backup_skipped = None
    return made


def backup_note(ledger: Ledger) -> str | None:
    """Why the day's automatic backup was due and not made at this opening (a disk without room for a
    copy), in one Chinese line, else None: a ledger that is no longer backed up is never kept quiet."""
    return ledger.store.backup_skipped


def restore_ledger(ledger: Ledger, source: Path) -> RestoreResult:
    """Replace the open ledger with ``source``: its connections are closed first (no connection may
    hold the file being replaced: Windows refuses otherwise) and after (anything opened meanwhile saw
    the old file), so the next use reads the restored one."""
    ledger.store.close()
    try:
        return restore_backup(ledger.store.location, source)
    finally:
        ledger.store.close()
