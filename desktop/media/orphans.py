"""Removing photo blobs no record owns: what a ``photo add`` killed between storing a photo's blob and
committing its record leaves behind (or a bundle refused after its photos were unpacked).

A blob is kept when a ``photo`` record names it, when it is the thumbnail of such a photo (named by a
pointer, see ``thumbnails.py``), or when it is younger than ``ORPHAN_MIN_AGE``. The age is what makes
the sweep safe beside another program writing the same ledger: ``add_photos`` stores a file's blob and
commits its record right after (seconds later, one file at a time), and a bundle import unpacks its
photos and applies its records in one run, so a blob that is unreferenced *now* may be referenced a
moment later; one an hour old with no record is left over. ``BlobStore.put`` refreshes the time of a
blob it finds already stored, so an old orphan that a new ``photo add`` of the same picture is about to
name again is young again and kept. Orphans may be photos of people: they are overwritten, then removed.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterable
from pathlib import Path

from desktop.media.blob_store import BlobStore
from desktop.store.wipe import wipe_file

ORPHAN_MIN_AGE = 3600.0  # seconds
# How often the sweep looks (every photo record, every thumbnail pointer): at most once in that time, so
# that a writing command at a township with many thousands of photos pays one stat, not a full walk. An
# orphan is thus removed between one and two hours after it was left.
SWEEP_INTERVAL = ORPHAN_MIN_AGE
_SWEPT = ".orphans-swept"  # in the blob store's root: its time is the last sweep's
_BLOB = re.compile(r"^([0-9a-f]{64})\.bin$")
_POINTER = re.compile(r"^([0-9a-f]{64})\.txt$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sweep_orphans(store: BlobStore, referenced: Iterable[str], *, min_age: float = ORPHAN_MIN_AGE) -> int:
    """Remove blobs (and thumbnail pointers) older than ``min_age`` seconds that no photo in
    ``referenced`` (the SHA-256 of every photo record) owns; returns how many blobs were removed."""
    if not store.root.is_dir():
        return 0
    images = set(referenced)
    keep = set(images)
    now = time.time()
    for pointer in (store.root / "thumbs").glob("??/*.txt"):
        found = _POINTER.match(pointer.name)
        if found is None:
            continue
        if found.group(1) in images:
            thumb = _read(pointer)
            if thumb is not None:
                keep.add(thumb)
        elif _old(pointer, now, min_age):
            pointer.unlink(missing_ok=True)
    removed = 0
    for blob in store.root.glob("??/*.bin"):
        found = _BLOB.match(blob.name)
        if found is None or found.group(1) in keep or not _old(blob, now, min_age):
            continue
        wipe_file(blob)
        removed += 1
    return removed


def sweep_due(store: BlobStore) -> bool:
    """True when no sweep has run within ``SWEEP_INTERVAL`` (or ever) in this blob store."""
    if not store.root.is_dir():
        return False
    try:
        return time.time() - (store.root / _SWEPT).stat().st_mtime >= SWEEP_INTERVAL
    except FileNotFoundError:
        return True


def mark_swept(store: BlobStore) -> None:
    with contextlib.suppress(OSError):  # a full disk: the next command sweeps again, nothing is lost
        (store.root / _SWEPT).touch()


def _old(path: Path, now: float, min_age: float) -> bool:
    try:
        return now - path.stat().st_mtime >= min_age
    except FileNotFoundError:
        return False


def _read(pointer: Path) -> str | None:
    try:
        text = pointer.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if _SHA256.match(text) else None
