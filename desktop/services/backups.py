"""``backup`` and ``restore``: a consistent copy of the ledger, and putting one back safely."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import InvalidInput, StoreProblem
from desktop.store.backup import backup_file, copy_database
from desktop.store.database import StoreLocation, open_store


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_kept_at: Path | None


def make_backup(location: StoreLocation, to: Path | None = None) -> Path:
    if not location.is_sqlite:
        raise StoreProblem("服务器数据库请用 pg_dump 备份（见 README“乡镇服务器”一节）")
    if not location.db_path.exists():
        raise StoreProblem(f"{location.home} 中还没有台账，无需备份")
    return backup_file(location.db_path, to or location.backups, "manual")


def restore_backup(location: StoreLocation, source: Path) -> RestoreResult:
    """Replace the ledger with ``source`` after checking it is one of ours; the replaced ledger is
    backed up first, so a restore can itself be undone."""
    if not location.is_sqlite:
        raise StoreProblem("服务器数据库请用 pg_restore 恢复")
    if not source.is_file():
        raise InvalidInput(f"找不到备份文件 {source}")
    _check_backup(source)
    previous = None
    if location.db_path.exists():
        previous = backup_file(location.db_path, location.backups, "before-restore")
    location.home.mkdir(parents=True, exist_ok=True)
    partial = location.db_path.with_suffix(".restoring")
    copy_database(source, partial)
    for suffix in ("-wal", "-shm"):
        Path(f"{location.db_path}{suffix}").unlink(missing_ok=True)
    os.replace(partial, location.db_path)
    # opening migrates an older backup and runs the integrity check
    open_store(location, daily_backup=False).close()
    return RestoreResult(source, previous)


def _check_backup(source: Path) -> None:
    with open(source, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise InvalidInput(f"{source} 不是驻村台账的备份文件，未做任何改动")
    try:
        connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(f"{source} 无法读取（{exc}），未做任何改动") from exc
    if not {"alembic_version", "device_state", "op_log"} <= tables:
        raise InvalidInput(f"{source} 不是驻村台账的备份文件，未做任何改动")
    if check != "ok":
        raise InvalidInput(f"备份文件 {source} 已损坏（{check}），未做任何改动")
