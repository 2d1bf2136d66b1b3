"""Removable drives (the USB stick carried to the township), found among the mounted volumes.

Qt says nothing about "removable", so the choice is by where a platform mounts such drives: any ready,
writable volume other than the system drive on Windows, ``/Volumes/…`` on macOS, and the desktop's
automount folders on Linux (``/media``, ``/run/media``, ``/mnt``). The system drive is never offered.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

from desktop.ui.shell.i18n import tr

LINUX_MOUNTS = ("/media/", "/run/media/", "/mnt/")
PSEUDO_FILESYSTEMS = frozenset(
    {"tmpfs", "devtmpfs", "proc", "sysfs", "overlay", "squashfs", "autofs", "ramfs"}
)


@dataclass(frozen=True)
class Volume:
    root: str  # as Qt spells it: "E:/", "/media/zhaxi/KINGSTON"
    name: str
    filesystem: str
    ready: bool
    read_only: bool
    free_bytes: int


@dataclass(frozen=True)
class Drive:
    path: Path
    label: str  # U 盘 KINGSTON（E:/），可用 3.2 GB


def removable_drives() -> list[Drive]:
    volumes = [
        Volume(
            v.rootPath(),
            v.displayName(),
            bytes(v.fileSystemType().data()).decode("ascii", "replace"),
            v.isReady() and v.isValid(),
            v.isReadOnly(),
            v.bytesAvailable(),
        )
        for v in QStorageInfo.mountedVolumes()
    ]
    return pick_removable(volumes, system_root=QStorageInfo.root().rootPath(), platform=sys.platform)


def pick_removable(volumes: Iterable[Volume], *, system_root: str, platform: str) -> list[Drive]:
    drives = []
    for volume in volumes:
        root = volume.root
        if not volume.ready or volume.read_only or _same_root(root, system_root, platform):
            continue
        if volume.filesystem.lower() in PSEUDO_FILESYSTEMS:
            continue
        if platform == "win32":
            if len(root.rstrip("/\\")) != 2 or root[1] != ":":  # a drive letter, not a mounted folder
                continue
        elif platform == "darwin":
            if not root.startswith("/Volumes/"):
                continue
        elif not root.startswith(LINUX_MOUNTS):
            continue
        name = volume.name if volume.name and volume.name != root else Path(root).name or root
        drives.append(
            Drive(
                Path(root),
                tr("U 盘 {name}（{root}），可用 {size}").format(
                    name=name, root=root, size=_size(volume.free_bytes)
                ),
            )
        )
    return sorted(drives, key=lambda d: str(d.path))


def _same_root(a: str, b: str, platform: str) -> bool:
    if platform == "win32":
        return a.rstrip("/\\").lower() == b.rstrip("/\\").lower()
    return a.rstrip("/") == b.rstrip("/") or a == "/"


def _size(size: int) -> str:
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB"
    return f"{size / 1024**2:.0f} MB"
