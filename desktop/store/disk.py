"""Saying what is really wrong when SQLite or the file system fails: a full disk, another writer, damage.

SQLite reports a full disk as SQLITE_FULL ("database or disk is full"), but also as SQLITE_IOERR ("disk
I/O error") when it cannot grow the ``-shm`` index of a WAL database, and that is what every command,
even a read, met on a full disk: it was called damage, and the advice to restore a backup would have
rolled the ledger back. Here:

- ``explain`` turns such an error (anywhere in an exception's chain) into one Chinese line: on a disk
  with little room, "磁盘空间不足（还剩 … MB）…；未做任何改动"; a lock held past the wait, "另一个程序正在写入
  这个台账…"; never damage (``sqlite_file`` says "damaged" only when the integrity check fails or
  SQLite itself reports a malformed file).
- ``require_free`` is asked before a write that needs room (a backup, an import, photos), with an
  estimate, so the command stops before it starts instead of failing half-way (and then rolling back).

Every transaction is rolled back by SQLite when a write fails, so "未做任何改动" is true of the ledger;
a photo blob written before the failure is an orphan that the next open sweeps (``BlobStore``).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from desktop.domain.errors import DiskFull, LedgerBusy, StoreProblem, UserError

# below this much free space an I/O error of SQLite is taken for a full disk (growing the WAL index
# needs 32 KiB, a checkpoint or a page write a few pages; a disk with more room failed for another reason)
LOW_SPACE_BYTES = 8 * 1024 * 1024
# what every write transaction may need beyond its own data: WAL frames, the index, a checkpoint
WRITE_MARGIN_BYTES = 2 * 1024 * 1024

# how long a command waits for another program's write lock (the GUI: ``database.GUI_BUSY_SECONDS``)
BUSY_SECONDS = 5.0
BUSY_ENV = "ZHUCUN_BUSY_WAIT"  # seconds, to wait longer (or shorter) from a script

_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_BUSY_TEXTS = ("database is locked", "database table is locked", "database schema is locked")
_DAMAGE_TEXTS = ("malformed", "file is not a database", "database corrupt")


def busy_seconds_setting(default: float = BUSY_SECONDS) -> float:
    """The wait for another writer: ``ZHUCUN_BUSY_WAIT`` seconds when set (0 to 600), else ``default``."""
    value = os.environ.get(BUSY_ENV)
    if value is None or not value.strip():
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 600:
        raise StoreProblem(f"环境变量 {BUSY_ENV} 应为等待的秒数（0 到 600），而不是“{value}”")
    return seconds


def free_bytes(folder: Path) -> int:
    """Free space for this user on the file system holding ``folder`` (its nearest existing parent)."""
    path = folder
    while not path.exists() and path.parent != path:
        path = path.parent
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return 0


def megabytes(count: int) -> str:
    """Free space as a user reads it: "0", "0.4", "7.5", "812"."""
    mb = count / 1024 / 1024
    return f"{mb:.0f}" if mb >= 10 or mb == 0 else f"{mb:.1f}"


def disk_full(folder: Path, doing: str) -> DiskFull:
    return DiskFull(f"磁盘空间不足（还剩 {megabytes(free_bytes(folder))} MB）：{doing}；未做任何改动")


def require_free(folder: Path, needed: int, doing: str) -> None:
    """Refuse before writing when the file system of ``folder`` has less than ``needed`` bytes (plus
    the write margin) free. ``doing`` says what could not be done, e.g. "无法备份台账（约需 3 MB）"."""
    if free_bytes(folder) < needed + WRITE_MARGIN_BYTES:
        raise disk_full(folder, doing)


def needs_text(needed: int) -> str:
    return f"约需 {max(1, round((needed + WRITE_MARGIN_BYTES) / 1024 / 1024))} MB"


def explain(error: BaseException, home: Path) -> UserError | None:
    """The user's error for a failure of SQLite or the file system anywhere in ``error``'s chain
    (SQLAlchemy wraps sqlite3's), or None when it is none of: a full disk, a busy ledger."""
    for cause in _chain(error):
        text = str(cause).lower()
        if isinstance(cause, OSError) and cause.errno in _FULL_ERRNOS:
            return disk_full(home, "无法写入")
        if not _is_sqlite_error(cause):
            continue
        if "database or disk is full" in text:
            return disk_full(home, "无法写入台账")
        if any(busy in text for busy in _BUSY_TEXTS):
            return busy()
        if "disk i/o error" in text and free_bytes(home) < LOW_SPACE_BYTES:
            return disk_full(home, "无法读写台账")
        if "unable to open database file" in text and free_bytes(home) < LOW_SPACE_BYTES:
            return disk_full(home, "无法打开台账")
    return None


def busy() -> LedgerBusy:
    return LedgerBusy("另一个程序正在写入这个台账，请稍后再试；未做任何改动")


def is_damage_text(text: str) -> bool:
    return any(damage in text.lower() for damage in _DAMAGE_TEXTS)


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        original = getattr(current, "orig", None)
        if isinstance(original, BaseException) and original not in seen:
            seen.append(original)
        current = current.__cause__ or current.__context__
    return seen


def _is_sqlite_error(error: BaseException) -> bool:
    if isinstance(error, sqlite3.Error):
        return True
    # sqlcipher3 has its own exception classes with the same names and messages
    return type(error).__module__.startswith(("sqlcipher3", "pysqlcipher"))
