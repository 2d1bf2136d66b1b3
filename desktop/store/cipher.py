"""SQLCipher: the same SQLite file format with every page encrypted (AES-256, HMAC-SHA512 per page).

Only an encrypted data folder imports ``sqlcipher3``; a plain one keeps the standard library's sqlite3.
The data key is given raw (``PRAGMA key = "x'…'"``), so SQLCipher's own passphrase derivation is skipped:
the slow derivation already happened when the keyring was unlocked.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from desktop.domain.errors import StoreProblem
from desktop.store.disk import busy_seconds_setting
from desktop.store.sqlite_header import SQLITE_HEADER, read_header

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

_quiet = False


def module() -> ModuleType:
    try:
        import sqlcipher3
    except ImportError:  # pragma: no cover - a broken installation
        raise StoreProblem("这个台账已加密，但本机的驻村台账缺少 sqlcipher3 组件，请重新安装") from None
    global _quiet
    if not _quiet:
        # SQLCipher logs every failed page check to stderr; errors reach us as exceptions, and the
        # command line prints one Chinese line, so its log stays off (a process-wide setting)
        probe = sqlcipher3.connect(":memory:")
        probe.execute("PRAGMA cipher_log_level = NONE")
        probe.close()
        _quiet = True
    return sqlcipher3


def raw_key(data_key: bytes) -> str:
    return f"x'{data_key.hex()}'"


def engine_url(path: Path, data_key: bytes) -> URL:
    from sqlalchemy.engine import URL  # with the engine: not imported by a plain ledger's first screen

    # the dialect sends ``pragma key="<password>"``: with the raw-key form that is SQLCipher's raw key
    return URL.create("sqlite+pysqlcipher", password=raw_key(data_key), database=str(path))


def apply_key(connection: Any, data_key: bytes) -> None:
    """Must be the first statement on a new connection."""
    connection.execute(f'PRAGMA key = "{raw_key(data_key)}"')


def connect(path: Path, data_key: bytes | None, *, read_only: bool = False, immutable: bool = False) -> Any:
    """A sqlcipher3 connection, keyed when ``data_key`` is given (without: a plain file, for exporting).

    ``immutable`` (read-only): no ``-shm`` index and no locks, for a full disk (see ``sqlite_file``)."""
    target = f"file:{path}?mode=ro" if read_only else f"file:{path}"
    if immutable:
        target += "&immutable=1"
    # waits for another program's lock as every connection does (``disk.busy_seconds_setting``)
    connection = module().connect(target, uri=True, isolation_level=None, timeout=busy_seconds_setting())
    if data_key is not None:
        apply_key(connection, data_key)
    return connection


def is_plain(path: Path) -> bool:
    return read_header(path) == SQLITE_HEADER


def export(plain: Path, target: Path, data_key: bytes) -> None:
    """Write an encrypted copy of the plain database ``plain`` to the new file ``target``, fsynced."""
    source = connect(plain, None)
    try:
        source.execute(f'ATTACH DATABASE ? AS encrypted KEY "{raw_key(data_key)}"', (str(target),))
        source.execute("BEGIN IMMEDIATE")
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute("COMMIT")
        source.execute("DETACH DATABASE encrypted")
    finally:
        source.close()
    fsync(target)


def copy(source: Path, target: Path, data_key: bytes) -> None:
    """An encrypted, self-contained copy (no -wal beside it) of ``source``, which may be plain (an old
    backup) or encrypted with the same key; consistent even while the app writes to ``source``."""
    if is_plain(source):
        export(source, target, data_key)
        return
    src = connect(source, data_key, read_only=True)
    try:
        dst = connect(target, data_key)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    fsync(target)


def fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())
