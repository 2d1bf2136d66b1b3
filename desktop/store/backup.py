"""Backups with SQLite's online backup API: consistent while the app runs, rotated beside the data."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from desktop.store.atomic_file import fsync_dir

KEEP = 10
SUFFIX = ".sqlite3"


def backup_file(
    source: Path, folder: Path, reason: str, *, keep: int = KEEP, data_key: bytes | None = None
) -> Path:
    """Copy the database at ``source`` into ``folder`` as ``zhucun-YYYYmmdd-HHMMSS-reason.sqlite3``.

    Written to a temporary name, fsynced, then renamed, so a backup that exists is complete. With
    ``data_key`` (an encrypted ledger) the backup is encrypted with the same key.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"zhucun-{stamp}-{reason}{SUFFIX}"
    partial = target.with_suffix(".partial")
    try:
        copy_database(source, partial, data_key=data_key)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    fsync_dir(folder)
    rotate(folder, keep=keep)
    return target


def copy_database(source: Path, target: Path, *, data_key: bytes | None = None) -> None:
    if data_key is not None:
        from desktop.store import cipher

        cipher.copy(source, target, data_key)
        return
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # a backup must open on its own: no -wal file beside it
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())


def list_backups(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"zhucun-*{SUFFIX}"), key=lambda p: p.name)


def rotate(folder: Path, *, keep: int = KEEP) -> None:
    backups = list_backups(folder)
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink(missing_ok=True)


def newest_backup_age(folder: Path) -> dt.timedelta | None:
    backups = list_backups(folder)
    if not backups:
        return None
    return dt.datetime.now() - dt.datetime.fromtimestamp(backups[-1].stat().st_mtime)
