"""The parts of an installation that have no window: SQLCipher, the passphrase key derivation, and
the trigram tokenizer of FTS5 that household search uses (in sqlite3 and in sqlcipher3).

Used by ``zhucun doctor`` beside the interface's own checks; touches no data folder (``--db``: reads
only a server's catalog, for its search index).
"""

from __future__ import annotations

import base64
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.store.cipher import apply_key, module
from desktop.store.kdf import default_kdf, derive


def sqlcipher_version() -> str:
    """SQLCipher's version, from a keyed in-memory database (raises when the module is missing)."""
    connection = module().connect(":memory:")
    try:
        apply_key(connection, bytes(32))
        (version,) = connection.execute("PRAGMA cipher_version").fetchone()
    finally:
        connection.close()
    return f"SQLCipher {version}"


def key_derivation() -> str:
    """Derive once with the algorithm new passphrases use (Argon2id, else scrypt), at a small cost."""
    kdf = {**default_kdf(), "salt": base64.b64encode(bytes(16)).decode()}
    if kdf["name"] == "argon2id":
        kdf["memory_kib"] = 1024  # the algorithm is what is checked here, not the cost
    derive(b"check", kdf)
    return str(kdf["name"])


@dataclass(frozen=True)
class TrigramSupport:
    driver: str  # sqlite3 (plain ledgers), sqlcipher3 (encrypted ones)
    sqlite_version: str
    ok: bool


def fts_trigrams() -> list[TrigramSupport]:
    """Whether each SQLite this installation opens ledgers with can make the FTS5 trigram index of
    household search (migration 0007); without it search reads every text (same results, slower)."""
    found = []
    for name, dbapi in (("sqlite3", sqlite3), ("sqlcipher3", module())):
        connection = dbapi.connect(":memory:")
        try:
            connection.execute(
                "CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram', detail='none')"
            )
            ok = True
        except Exception:  # no fts5 module or no trigram tokenizer (SQLite before 3.34)
            ok = False
        finally:
            connection.close()
        found.append(TrigramSupport(name, str(dbapi.sqlite_version), ok))
    return found


def server_search_index(url: str) -> str:
    """A county or township server's search index, from its catalog: the pg_trgm index, or why there is
    none (search then reads every text). Raises only when the server cannot be reached."""
    from sqlalchemy import create_engine

    from desktop.store import search_index
    from desktop.store.database import StoreLocation

    engine = create_engine(StoreLocation(Path("."), url).engine_url)
    try:
        with Session(engine) as session:
            return search_index.describe(session)
    finally:
        engine.dispose()
