"""Files that exist only when complete: written to a temporary name beside the target, fsynced, renamed."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# ``.<name>.<pid>.partial``: what a writer killed before its rename leaves beside ``<name>``
_PARTIAL = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.partial$")
STALE_PARTIAL_SECONDS = 24 * 3600  # where a process cannot be asked whether it still runs


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


def partial_writer(path: Path) -> tuple[str, int] | None:
    """``(target name, writer's pid)`` of a temporary file this module writes, or None for another file."""
    found = _PARTIAL.match(path.name)
    return (found["name"], int(found["pid"])) if found else None


def left_behind(path: Path) -> bool:
    """Whether a temporary file was left by a writer that is gone: its process no longer runs, or (where
    that cannot be asked) it is a day old. A file being written now by another process is not."""
    writer = partial_writer(path)
    if writer is None:
        return False
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return False  # finished or removed meanwhile
    return not running(writer[1]) or age >= STALE_PARTIAL_SECONDS


def running(pid: int) -> bool:
    """Whether process ``pid`` exists; on Windows (no signal 0) every pid counts as running, so only
    age tells a leftover there."""
    if os.name == "nt" or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
