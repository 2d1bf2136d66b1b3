"""Looking at a SQLite file without changing a byte of it: is it ours, which schema, is it intact?

Used before opening a ledger, before restoring a backup and before backing up, so a file that is not
ours (or is damaged, or from a newer version) is refused untouched: a normal connection would already
switch it to WAL mode.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SQLITE_HEADER = b"SQLite format 3\x00"
OUR_TABLES = frozenset({"alembic_version", "device_state", "op_log"})


@dataclass(frozen=True)
class SqliteFacts:
    is_sqlite: bool
    tables: frozenset[str]
    revision: str | None
    damage: str | None  # first problem quick_check reported, in one line; None when intact

    @property
    def empty(self) -> bool:
        return self.is_sqlite and not self.tables

    @property
    def ours(self) -> bool:
        return self.tables >= OUR_TABLES


def inspect_sqlite(path: Path, *, check_integrity: bool = True, data_key: bytes | None = None) -> SqliteFacts:
    """With ``data_key``, the file is read as SQLCipher-encrypted with that key; one that is plain, or
    encrypted with another key, is then "not SQLite"."""
    with open(path, "rb") as fh:
        header = fh.read(16)
    if header == b"":
        return SqliteFacts(True, frozenset(), None, None)
    if data_key is not None:
        if header == SQLITE_HEADER:
            return SqliteFacts(False, frozenset(), None, None)
        return _inspect_encrypted(path, data_key, check_integrity)
    if header != SQLITE_HEADER:
        return SqliteFacts(False, frozenset(), None, None)
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return SqliteFacts(True, frozenset(), None, _one_line(str(exc)))
    return _facts(connection, sqlite3.DatabaseError, check_integrity)


def _inspect_encrypted(path: Path, data_key: bytes, check_integrity: bool) -> SqliteFacts:
    from desktop.store import cipher

    driver = cipher.module()
    try:
        connection = cipher.connect(path, data_key, read_only=True)
    except driver.Error as exc:
        return SqliteFacts(True, frozenset(), None, _one_line(str(exc)))
    try:
        # the key is only tried on the first read: a wrong one reads as "not a database"
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError:
        connection.close()
        return SqliteFacts(False, frozenset(), None, None)
    return _facts(connection, driver.DatabaseError, check_integrity)


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
        return SqliteFacts(True, frozenset(), None, _one_line(str(exc)))
    finally:
        connection.close()


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("***")]
    return lines[0] if lines else text.strip()
