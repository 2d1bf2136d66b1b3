"""Immutable blobs (photos) named by the SHA-256 of their bytes: ``photos/ab/abcdef….bin``.

The same bytes are stored once; a blob is written to a temporary name and renamed, so a stored blob is
always complete, and reading checks nothing more than the name promises.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from desktop.store.atomic_file import write_atomic

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def of_home(cls, home: Path) -> BlobStore:
        return cls(home / "photos")

    def path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / f"{sha256}.bin"

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def put(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if not target.is_file():
            write_atomic(target, data)
        return sha256
