"""``photo add`` of many files: each photo file is synced as it is written, each folder once per group
of photos (before the group's records are committed), not once per photo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.media import blob_store
from desktop.media.blob_store import BlobStore
from desktop.services import photos
from desktop.services.context import Ledger
from desktop.services.photos import PhotoStatus, add_photos, photos_of
from desktop.store import atomic_file

from .pictures import busy_scene, phone_jpeg, write


def test_a_batch_of_photos_syncs_each_folder_once_per_group(
    village: Ledger, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [write(stick, f"IMG_{n:03d}.jpg", phone_jpeg(busy_scene(320 + n, 240))) for n in range(6)]
    folder_syncs: list[Path] = []
    file_syncs: list[int] = []
    real_fsync = os.fsync

    def count_file_sync(fd: int) -> None:
        file_syncs.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(blob_store, "fsync_dir", folder_syncs.append)
    monkeypatch.setattr(atomic_file, "fsync_dir", folder_syncs.append)
    monkeypatch.setattr(atomic_file.os, "fsync", count_file_sync)
    monkeypatch.setattr(photos, "GROUP_SECONDS", 60.0)  # one group of six, however slow the machine
    results = add_photos(village, "001", files)
    assert [r.status for r in results] == [PhotoStatus.STORED] * 6
    assert len(file_syncs) >= 6 * 3  # every photo, its thumbnail and the thumbnail's pointer
    assert len(folder_syncs) == len(set(folder_syncs))  # no folder synced twice in the group
    home = village.store.location.home
    store = BlobStore.of_home(home)
    assert {r.sha256 for r in results} == {row.sha256 for row in photos_of(village, "001")}
    for result in results:
        assert result.sha256 is not None and store.has(result.sha256)
        assert store.path(result.sha256).parent in folder_syncs


def test_a_photo_that_cannot_be_written_fails_alone(
    village: Ledger, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [write(stick, f"IMG_{n:03d}.jpg", phone_jpeg(busy_scene(320 + n, 240))) for n in range(3)]
    real_write = blob_store.write_atomic
    calls = iter(range(100))

    def disk_full_for_the_second_photo(target: Path, data: bytes, **kwargs: object) -> None:
        if next(calls) == 3:  # photo, thumbnail, its pointer, then the second photo
            raise OSError(28, "No space left on device")
        real_write(target, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(blob_store, "write_atomic", disk_full_for_the_second_photo)
    results = add_photos(village, "001", files)
    assert [r.status for r in results] == [PhotoStatus.STORED, PhotoStatus.FAILED, PhotoStatus.STORED]
    assert "IMG_001.jpg" in results[1].message and "写入失败" in results[1].message
    assert len(photos_of(village, "001")) == 2
