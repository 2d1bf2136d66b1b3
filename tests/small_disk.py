"""A full disk, for real: a 16 MB tmpfs mounted in the test's folder and filled up by a big file.

Mounting needs root (CI runs as root); elsewhere the tests using it are skipped with the reason, and
on CI a mount that fails is a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MB tmpfs, unmounted afterwards."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    why = _mount(mount_point)
    if why is not None:
        if os.environ.get("CI") and os.geteuid() == 0:
            pytest.fail(f"CI runs as root and must test a full disk, but mounting failed: {why}")
        pytest.skip(f"a small file system cannot be mounted here ({why}); CI runs these as root")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _mount(point: Path) -> str | None:
    if os.geteuid() != 0:
        return "not root"
    if shutil.which("mount") is None:
        return "no mount command"
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16M", "tmpfs", str(point)], capture_output=True, text=True
    )
    return None if done.returncode == 0 else (done.stderr.strip() or f"exit {done.returncode}")


def fill(disk: Path, leave: int) -> Path:
    """Fill the file system until ``leave`` bytes are free (a big file, as a video copied there would)."""
    filler = disk / "filler.bin"
    filler.unlink(missing_ok=True)
    free = shutil.disk_usage(disk).free
    with open(filler, "wb") as fh:
        block = b"\0" * (1 << 20)
        remaining = max(0, free - leave)
        while remaining > 0:
            try:
                remaining -= fh.write(block[: min(len(block), remaining)])
            except OSError:
                break
    return filler
