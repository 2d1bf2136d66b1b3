"""The first 16 bytes of a plain SQLite file, which tell it from an SQLCipher-encrypted one (whose first
bytes are random). Imports nothing of ours, so ``cipher`` and ``sqlite_file`` can both use it."""

from __future__ import annotations

from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


def read_header(path: Path) -> bytes:
    """The first 16 bytes of ``path`` (fewer when the file is shorter, ``b""`` when it is empty)."""
    with open(path, "rb") as fh:
        return fh.read(16)
