"""Photos stored in a batch (a bundle import): each photo's bytes synced, each folder synced once."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.media import blob_store
from desktop.media.blob_store import BlobStore


def test_a_batch_syncs_each_folder_once_and_every_photo_is_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    monkeypatch.setattr(blob_store, "fsync_dir", synced.append)
    store = BlobStore(tmp_path / "photos")
    photos = [f"photo {n}".encode() * 100 for n in range(300)]
    with store.batch():
        names = [store.put(data) for data in photos]
        assert synced == []  # nothing synced per photo
    folders = {store.path(sha).parent for sha in names}
    assert sorted(synced) == sorted(folders | {tmp_path / "photos"})  # each once, and the root once
    assert [store.read(sha) for sha in names] == photos


def test_a_failed_batch_still_syncs_what_it_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[Path] = []
    monkeypatch.setattr(blob_store, "fsync_dir", synced.append)
    store = BlobStore(tmp_path / "photos")
    with pytest.raises(RuntimeError), store.batch():
        sha = store.put(b"a photo")
        raise RuntimeError("the bundle turned out to be bad")
    assert sorted(synced) == [tmp_path / "photos", store.path(sha).parent]
    assert store.read(sha) == b"a photo"


def test_a_photo_that_cannot_be_written_fails_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = blob_store.write_atomic

    def disk_full_for_the_third(target: Path, data: bytes, **kwargs: object) -> None:
        if data.startswith(b"photo 2"):
            raise OSError(28, "No space left on device")
        real_write(target, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(blob_store, "write_atomic", disk_full_for_the_third)
    store = BlobStore(tmp_path / "photos")
    with pytest.raises(OSError, match="No space"), store.batch():
        names = [store.put(f"photo {n}".encode()) for n in range(5)]
    assert [store.has(sha) for sha in names] == [True, True, False, True, True]
