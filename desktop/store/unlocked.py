"""The data keys of the encrypted ledgers open in this process, by data folder.

Photos are read and written through ``BlobStore.of_home(home)`` from many services (and the printed
ledgers). Rather than thread the key through every one of those calls, an open store of an encrypted
folder registers its key here and takes it back when it closes; ``BlobStore`` asks for it, and refuses
to work in an encrypted folder that is not unlocked, so no caller can write a plain photo by forgetting
the key. Nothing here is written to disk.
"""

from __future__ import annotations

import threading
from pathlib import Path

_lock = threading.Lock()
_keys: dict[Path, list[bytes]] = {}


def register(home: Path, data_key: bytes) -> None:
    with _lock:
        _keys.setdefault(_norm(home), []).append(data_key)


def forget(home: Path, data_key: bytes) -> None:
    with _lock:
        held = _keys.get(_norm(home), [])
        if data_key in held:
            held.remove(data_key)
        if not held:
            _keys.pop(_norm(home), None)


def data_key_for(home: Path) -> bytes | None:
    with _lock:
        held = _keys.get(_norm(home))
        return held[-1] if held else None


def _norm(home: Path) -> Path:
    return Path(home).resolve()
