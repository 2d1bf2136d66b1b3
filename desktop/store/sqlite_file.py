"""Looking at a SQLite file without changing a byte of it: is it ours, which schema, is it intact?

Used before opening a ledger, before restoring a backup and before backing up, so a file that is not
ours (or is damaged, or from a newer version) is refused untouched: a normal connection would already
switch it to WAL mode.

A file that cannot be read (a disk I/O error, a lock) is not called damaged: only a failed
``quick_check`` or SQLite's own "malformed" is ``damage``; any other failure is ``error``. Reading a
WAL database needs its ``-shm`` index, which SQLite cannot grow on a full disk; there, when the ``-wal``
is empty (everything committed is in the main file), the file is read as ``immutable`` (no index, no
locks): exactly the committed ledger, and ``needs_immutable`` tells the caller to read it so too.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.store import cipher
from desktop.store.disk import LOW_SPACE_BYTES, busy_seconds_setting, free_bytes, is_damage_text
from desktop.store.sqlite_header import SQLITE_HEADER, read_header

OUR_TABLES = frozenset({"alembic_version", "device_state", "op_log"})


@dataclass(frozen=True)
class SqliteFacts:
    is_sqlite: bool
    tables: frozenset[str]
    revision: str | None
    damage: str | None  # first problem quick_check reported, in one line; None when intact
    error: str | None = None  # could not be read (I/O, lock): not known to be damaged
    needs_immutable: bool = False  # readable only as immutable (a full disk, an empty -wal)

    @property
    def empty(self) -> bool:
        return self.is_sqlite and not self.tables

    @property
    def ours(self) -> bool:
        return self.tables >= OUR_TABLES


def inspect_sqlite(path: Path, *, check_integrity: bool = True, data_key: bytes | None = None) -> SqliteFacts:
    """With ``data_key``, the file is read as SQLCipher-encrypted with that key; one that is plain, or
    encrypted with another key, is then "not SQLite"."""
    header = read_header(path)
    if header == b"":
        return SqliteFacts(True, frozenset(), None, None)
    if data_key is not None:
        if header == SQLITE_HEADER:
            return SqliteFacts(False, frozenset(), None, None)
        return _inspect_encrypted(path, data_key, check_integrity)
    if header != SQLITE_HEADER:
        return SqliteFacts(False, frozenset(), None, None)
    facts = _facts_plain(path, check_integrity, immutable=False)
    if facts.error is not None and immutable_fallback(path):
        return _facts_plain(path, check_integrity, immutable=True)
    return facts


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    return f"file:{path}?mode=ro&immutable=1" if immutable else f"file:{path}?mode=ro"


def immutable_fallback(path: Path) -> bool:
    """A read that failed may be retried as immutable: the disk is (nearly) full, so no other program
    can be committing, and the ``-wal`` holds nothing the main file lacks."""
    wal = path.with_name(path.name + "-wal")
    try:
        wal_empty = not wal.exists() or wal.stat().st_size == 0
    except OSError:
        return False
    return wal_empty and free_bytes(path.parent) < LOW_SPACE_BYTES


def _facts_plain(path: Path, check_integrity: bool, *, immutable: bool) -> SqliteFacts:
    try:
        connection = sqlite3.connect(
            read_only_uri(path, immutable=immutable), uri=True, timeout=busy_seconds_setting()
        )
    except sqlite3.Error as exc:
        return _unreadable(str(exc))
    facts = _facts(connection, sqlite3.DatabaseError, check_integrity)
    if immutable and facts.error is None:
        return SqliteFacts(True, facts.tables, facts.revision, facts.damage, None, needs_immutable=True)
    return facts


def _unreadable(message: str) -> SqliteFacts:
    line = _one_line(message)
    if is_damage_text(line):
        return SqliteFacts(True, frozenset(), None, line)
    return SqliteFacts(True, frozenset(), None, None, error=line)


def _inspect_encrypted(path: Path, data_key: bytes, check_integrity: bool) -> SqliteFacts:
    facts = _facts_encrypted(path, data_key, check_integrity, immutable=False)
    if facts.error is not None and immutable_fallback(path):
        return _facts_encrypted(path, data_key, check_integrity, immutable=True)
    return facts


def _facts_encrypted(path: Path, data_key: bytes, check_integrity: bool, *, immutable: bool) -> SqliteFacts:
    driver = cipher.module()
    try:
        connection = cipher.connect(path, data_key, read_only=True, immutable=immutable)
    except driver.Error as exc:
        return _unreadable(str(exc))
    try:
        # the key is only tried on the first read: a wrong one reads as "not a database"
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as exc:
        connection.close()
        if "not a database" in str(exc):
            return SqliteFacts(False, frozenset(), None, None)
        return _unreadable(str(exc))
    facts = _facts(connection, driver.DatabaseError, check_integrity)
    if immutable and facts.error is None:
        return SqliteFacts(True, facts.tables, facts.revision, facts.damage, None, needs_immutable=True)
    return facts


def _facts(connection: Any, database_error: type[Exception], check_integrity: bool) -> SqliteFacts:
    try:
        tables = frozenset(
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        )
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        damage = None
        if check_integrity:
            result = [r[0] for r in connection.execute("PRAGMA quick_check")]
            if result != ["ok"]:
                damage = _one_line(result[0])
        return SqliteFacts(True, tables, revision, damage)
    except database_error as exc:
        return _unreadable(str(exc))
    finally:
        connection.close()


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("***")]
    return lines[0] if lines else text.strip()
