"""Files that exist only when complete: written to a temporary name beside the target, fsynced, renamed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_writer(target: Path, *, mode: int | None = None, sync_folder: bool = True) -> Iterator[BinaryIO]:
    """Yield a binary file; on a clean exit it is fsynced and renamed to ``target``.

    ``sync_folder=False``: the caller syncs ``target``'s folder itself (once for a batch of files, before
    it commits anything that names them); the file's own bytes are always synced here.

    On any error (a full disk, a cancelled export) the temporary file is removed and ``target`` is
    untouched: no partial file is ever left under the final name.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with open(partial, "w+b") as handle:  # readable: a bundle is read back to be signed
            if mode is not None and os.name != "nt":
                os.chmod(partial, mode)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    if sync_folder:
        fsync_dir(target.parent)


def write_atomic(target: Path, data: bytes, *, mode: int | None = None, sync_folder: bool = True) -> None:
    with atomic_writer(target, mode=mode, sync_folder=sync_folder) as handle:
        handle.write(data)


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
