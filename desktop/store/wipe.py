"""Removing a file whose bytes were personal data in clear: overwrite, fsync, then unlink.

A best effort, stated plainly: on a spinning disk (most old village laptops) the overwrite reaches the
sectors that held the data; an SSD or a copy-on-write file system may keep the old blocks elsewhere until
they are reused, which no program can force. Full-disk encryption (BitLocker) covers that case.
"""

from __future__ import annotations

import os
from pathlib import Path

_CHUNK = 1 << 20


def wipe_file(path: Path) -> None:
    try:
        with open(path, "r+b") as fh:
            size = os.fstat(fh.fileno()).st_size
            zeros = bytes(min(size, _CHUNK))
            done = 0
            while done < size:
                done += fh.write(zeros[: min(_CHUNK, size - done)])
            fh.flush()
            os.fsync(fh.fileno())
    except FileNotFoundError:
        return
    except OSError:
        pass  # unreadable or busy: removing the name is still better than leaving it
    path.unlink(missing_ok=True)
