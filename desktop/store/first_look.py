"""The first screen of a village laptop's ledger read with the standard library's ``sqlite3`` alone.

The window's start shows the 农户 list before SQLAlchemy, the models and the engine are set up (they are
about half of a start's imports; ``open_store`` runs on a worker thread once the window is up). Until
then the list reads the same file through this module: read-only, no schema made or changed, no
journal written.

It answers only where it reads exactly what the store would: a plain SQLite file, or one encrypted with
the data key given (SQLCipher, read through ``cipher.connect`` with that key, as the store reads it;
nothing is decrypted to disk), at the newest migration (an older or newer file is migrated or refused
by ``open_store``), holding this device's row. Anything else — and any failure to read it — is
``None``, and the caller opens the ledger as before (which says what is wrong, if anything is). The queries are those of
``services/households/households.py`` (``household_keys``, ``household_rows``) written in SQL;
tests/services/test_first_screen.py checks both readings give the same rows in the same order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.enums import HEAD_RELATIONS
from desktop.store import cipher
from desktop.store.migrate import head_revision
from desktop.store.sqlite_header import SQLITE_HEADER, read_header

_CHUNK = 500  # ids a query (SQLite's own limit of variables is far above)


@dataclass(frozen=True)
class LookedDevice:
    device_id: str
    role: str
    village_id: str | None
    user_name: str
    township_code: str | None
    township_name: str | None


@dataclass(frozen=True)
class LookedVillage:
    code: str
    name: str  # as stored ('' where none)
    township: str


@dataclass(frozen=True)
class FirstLook:
    """This device, its village, some device-local settings, and the village's households as keys."""

    device: LookedDevice
    village: LookedVillage | None
    settings: dict[str, str]
    # (id, 户编号, 小组, 类别, village code, village name) in the roster's order (household_keys')
    keys: list[tuple[str, str, str, str, str, str]]


def look(db_path: Path, setting_keys: Sequence[str], data_key: bytes | None = None) -> FirstLook | None:
    """The first screen of the ledger in ``db_path`` (encrypted with ``data_key``, if given), or None
    where this reading cannot serve."""
    try:
        header = read_header(db_path)
        if header == b"" or (header == SQLITE_HEADER) != (data_key is None):
            return None  # missing or empty; encrypted without the key; plain where a key was given
        with _reading(db_path, data_key) as connection:
            return _look(connection, setting_keys)
    except Exception:  # whatever it is, opening the ledger the usual way says it properly
        return None


def household_rows(
    db_path: Path, household_ids: Sequence[str], data_key: bytes | None = None
) -> list[tuple[Any, ...]]:
    """(id, 户编号, 小组, 类别, 脱贫属性, 电话, archived, village id, members, 户主) of these households,
    in no particular order; an id not found is left out."""
    heads = sorted(HEAD_RELATIONS)
    found: list[tuple[Any, ...]] = []
    with _reading(db_path, data_key) as connection:
        ids = list(household_ids)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            people = {
                hid: (n, head)
                for hid, n, head in connection.execute(
                    "SELECT household_id, count(*), "
                    f"min(CASE WHEN relation IN ({','.join('?' * len(heads))}) THEN name END) "
                    f"FROM member WHERE coalesce(archived, 0) = 0 AND household_id IN ({marks}) "
                    "GROUP BY household_id",
                    [*heads, *chunk],
                )
            }
            for row in connection.execute(
                "SELECT id, number, group_name, category, poverty_status, phone, archived, village_id "
                f"FROM household WHERE id IN ({marks})",
                chunk,
            ):
                found.append((*row, *people.get(row[0], (0, None))))
    return found


@contextmanager
def _reading(db_path: Path, data_key: bytes | None) -> Iterator[Any]:
    """A read-only connection: sqlite3's for a plain file, SQLCipher's keyed with ``data_key``."""
    if data_key is not None:
        connection = cipher.connect(db_path, data_key, read_only=True)
    else:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        yield connection
    finally:
        connection.close()


def _look(connection: Any, setting_keys: Sequence[str]) -> FirstLook | None:
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    if revision != [(head_revision(),)]:
        return None
    devices = connection.execute(
        "SELECT device_id, role, village_id, user_name, township_code, township_name FROM device_state"
    ).fetchall()
    if len(devices) != 1:
        return None
    device = LookedDevice(*devices[0])
    marks = ",".join("?" * len(setting_keys))
    settings = dict(
        connection.execute(f"SELECT key, value FROM local_setting WHERE key IN ({marks})", list(setting_keys))
    )
    rows = connection.execute("SELECT id, code, name, township FROM village").fetchall()
    # the roster names a village by its name, else its code (services/households: _village_names)
    villages = {vid: (code or "", name or code or "") for vid, code, name, _township in rows}
    village = next(
        (LookedVillage(c or "", n or "", t or "") for vid, c, n, t in rows if vid == device.village_id), None
    )
    if device.village_id is None:  # a township lists every village's households: read the usual way
        return FirstLook(device, village, settings, [])
    keys = []
    for hid, number, group_name, category, village_id in connection.execute(
        "SELECT id, number, group_name, category, village_id FROM household "
        "WHERE number IS NOT NULL AND village_id = ? AND coalesce(archived, 0) = 0",
        (device.village_id,),
    ):
        code, name = villages.get(village_id or "", ("", "（未归村）"))
        keys.append((number or "", code, name, hid, group_name or "", category or ""))
    keys.sort(key=lambda k: k[:4])  # household_keys' order: 户编号, village code and name, id
    return FirstLook(device, village, settings, [(k[3], k[0], k[4], k[5], k[1], k[2]) for k in keys])


def village_names(db_path: Path, data_key: bytes | None = None) -> dict[str, tuple[str, str]]:
    """Each village's (code, name) as the roster shows it (the code where the name is empty)."""
    with _reading(db_path, data_key) as connection:
        return {
            vid: (code or "", name or code or "")
            for vid, code, name in connection.execute("SELECT id, code, name FROM village")
        }
