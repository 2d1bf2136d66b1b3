"""Temporary photo files a killed import leaves behind are removed the next time the ledger opens,
and never while their writer still runs."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from desktop.app import open_ledger
from desktop.media.blob_store import BlobStore
from desktop.services.setup import init_village


def leftover(root: Path, pid: int, data: bytes = b"\xff\xd8\xff half a photo") -> Path:
    sha = hashlib.sha256(data).hexdigest()
    path = root / sha[:2] / f".{sha}.bin.{pid}.partial"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    return int(done.stdout)


def test_opening_the_ledger_sweeps_leftovers_of_dead_processes_only(tmp_path: Path) -> None:
    home = tmp_path / "village"
    ledger = open_ledger(home, create=True)
    init_village(ledger, code="513301", name="亚弄村", user="扎西")
    stored = BlobStore(home / "photos").put(b"a whole photo")
    ledger.store.close()
    killed = leftover(home / "photos", dead_pid())
    writing = leftover(home / "photos", os.getpid(), b"being written right now")
    open_ledger(home).store.close()
    assert not killed.exists()
    assert writing.exists()  # its process (this one) still runs
    assert BlobStore(home / "photos").read(stored) == b"a whole photo"  # blobs themselves untouched


def test_a_leftover_a_day_old_goes_even_if_its_pid_is_taken_again(tmp_path: Path) -> None:
    old = leftover(tmp_path / "photos", os.getpid())
    a_day_ago = old.stat().st_mtime - 25 * 3600
    os.utime(old, (a_day_ago, a_day_ago))
    assert BlobStore(tmp_path / "photos").sweep_partials() == 1
    assert not old.exists()
    assert BlobStore(tmp_path / "nothing-yet").sweep_partials() == 0
