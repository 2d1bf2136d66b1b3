"""Photo blobs sealed with the data key: ``ZCB1`` + nonce + ChaCha20-Poly1305(bytes), bound to the name.

A blob keeps the name of its plain bytes' SHA-256 (so sync, dedup and thumbnails work unchanged); the
name is the associated data, so a sealed blob cannot be passed off under another photo's name.
``seal_plain_blobs`` finishes a folder being converted: every blob still in clear is replaced by its
sealed form, atomically, and the plain bytes are wiped.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from desktop.store.atomic_file import write_atomic
from desktop.store.kdf import subkey
from desktop.store.wipe import wipe_file

MAGIC = b"ZCB1"
_NONCE = 12


class BlobUnreadable(OSError):
    """A sealed blob that does not open with this ledger's key (damaged, or from another ledger)."""


def photo_key(data_key: bytes) -> bytes:
    return subkey(data_key, "photos")


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def seal(key: bytes, sha256: str, data: bytes) -> bytes:
    nonce = os.urandom(_NONCE)
    return MAGIC + nonce + ChaCha20Poly1305(key).encrypt(nonce, data, sha256.encode("ascii"))


def unseal(key: bytes, sha256: str, data: bytes) -> bytes:
    nonce = data[len(MAGIC) : len(MAGIC) + _NONCE]
    try:
        return ChaCha20Poly1305(key).decrypt(nonce, data[len(MAGIC) + _NONCE :], sha256.encode("ascii"))
    except InvalidTag:
        raise BlobUnreadable(
            f"照片文件 {sha256[:12]}… 无法用本台账的密钥解开（已损坏或不是本台账的）"
        ) from None


def seal_plain_blobs(root: Path, key: bytes, step: Callable[[str], None] = lambda _: None) -> int:
    """Seal every blob under ``root`` still in clear; safe to run again after a crash. Returns how many."""
    sealed = 0
    for path in sorted(root.glob("??/*.bin")):
        old = path.with_name(path.name + ".old")
        if old.exists():
            if os.path.samefile(old, path):
                old.unlink()  # linked, not yet replaced: it is still the live blob
            else:
                wipe_file(old)  # replaced: the link holds the plain bytes
        data = path.read_bytes()
        if is_sealed(data):
            continue
        try:
            os.link(path, old)  # keeps the plain bytes reachable for wiping once the name is replaced
            linked = True
        except OSError:
            linked = False
        write_atomic(path, seal(key, path.stem, data))
        if linked:
            wipe_file(old)
        sealed += 1
        step(f"photo-{sealed}")
    for leftover in root.rglob(".*.partial"):  # a photo write cut off before encryption was on
        wipe_file(leftover)
    for orphan in root.glob("??/*.bin.old"):
        if not orphan.with_suffix("").exists():
            wipe_file(orphan)
    return sealed
