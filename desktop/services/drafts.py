"""Drafts of what is typed but not yet saved (the 走访 form: text, follow-ups, the photos picked; the 日志
form's entry), kept so
that a crash or a power cut loses nothing; offered again at the next start.

Where a draft is kept:
- a plain ledger: ``drafts/<name>.json`` in the data folder, written atomically (a temporary file, flushed
  to disk, then renamed over the old one), so a power cut leaves the old draft or the new one, never half;
- an encrypted ledger: inside its (encrypted) database, in the device-local, never-synced settings table
  (``LocalSetting``, key ``draft.<name>``): a draft holds names and what was said in a household, and no
  plain file of the data folder may hold personal data.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from desktop.services.context import Ledger
from desktop.store.models import LocalSetting

VISIT = "visit"
DIARY = "diary"  # the 日志 form's entry
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
FOLDER = "drafts"


def save_draft(ledger: Ledger, name: str, draft: dict[str, Any]) -> None:
    """Keep ``draft`` (JSON-able) under ``name``, replacing the one kept before."""
    text = json.dumps(draft, ensure_ascii=False, sort_keys=True, default=str)
    if ledger.store.location.encrypted:
        with ledger.store.session() as session:
            row = session.get(LocalSetting, _key(name))
            if row is None:
                session.add(LocalSetting(key=_key(name), value=text, version=1))
            else:
                row.value = text
        return
    path = _path(ledger, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)


def load_draft(ledger: Ledger, name: str) -> dict[str, Any] | None:
    """The draft kept under ``name``, or None (none kept, or unreadable: a draft is never worth an error)."""
    plain = _path(ledger, name)
    if ledger.store.location.encrypted and plain.is_file():  # kept before the ledger was encrypted
        moved = _parse(plain.read_text(encoding="utf-8", errors="replace"))
        if moved is not None:
            save_draft(ledger, name, moved)  # into the encrypted database, then the plain file goes
        plain.unlink(missing_ok=True)
    if ledger.store.location.encrypted:
        with ledger.store.read_session() as session:
            row = session.get(LocalSetting, _key(name))
            text = row.value if row is not None else None
    else:
        try:
            text = _path(ledger, name).read_text(encoding="utf-8")
        except OSError:
            text = None
    return _parse(text)


def discard_draft(ledger: Ledger, name: str) -> None:
    if ledger.store.location.encrypted:
        with ledger.store.session() as session:
            row = session.get(LocalSetting, _key(name))
            if row is not None:
                session.delete(row)
        return
    _path(ledger, name).unlink(missing_ok=True)


def _parse(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _key(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"bad draft name {name!r}")
    return f"draft.{name}"


def _path(ledger: Ledger, name: str) -> Path:
    _key(name)
    return ledger.store.location.home / FOLDER / f"{name}.json"
