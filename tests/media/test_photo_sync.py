"""A photo added in the village reaches the township in a bundle: the same record, the same bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from records import make_id_number
from sync.devices import Device, join, township_device, village_device

from desktop.media.blob_store import BlobStore
from desktop.media.thumbnails import pointer_path
from desktop.services.exchange.bundles import Outcome
from desktop.services.households.households import add_household
from desktop.services.photos import PhotoStatus, add_photos, edit_photo, photo_path, photos_of, thumbnail_path

from .pictures import busy_scene, phone_jpeg, write

TAKEN = dt.datetime(2026, 5, 1, 10, 30, 15)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Device, Device]]:
    village, township = village_device(tmp_path, "v1"), township_device(tmp_path)
    join(village, township)
    yield village, township
    village.close()
    township.close()


def test_the_township_reads_the_same_photo_bytes(pair: tuple[Device, Device], tmp_path: Path) -> None:
    village, township = pair
    household = add_household(
        village.ledger,
        number="001",
        head={"name": "卓嘎", "id_number": make_id_number(dt.date(1970, 1, 1), 2)},
    )
    data = phone_jpeg(busy_scene(1200, 1600), orientation=6, taken=TAKEN, gps=(30.0529167, 101.9500694))
    path = write(tmp_path / "stick", "危房改造后.jpg", data)
    (added,) = add_photos(village.ledger, "001", [path], dimension="住房安全", caption="危房改造后")
    assert added.status == PhotoStatus.STORED and added.sha256 is not None and added.photo_id is not None

    report = township.receive(village.send(township))
    assert report.outcome == Outcome.APPLIED, report.message

    (row,) = photos_of(township.ledger, household.id)  # a township holds many villages: by UUID
    assert row.id == added.photo_id and row.sha256 == added.sha256
    assert (row.dimension, row.caption, row.taken_at) == ("住房安全", "危房改造后", TAKEN)
    assert (row.gps_lat, row.gps_lon) == (Decimal("30.0529167"), Decimal("101.9500694"))
    assert row.available
    theirs, ours = photo_path(township.ledger, added.sha256), photo_path(village.ledger, added.sha256)
    assert theirs is not None and ours is not None and theirs.read_bytes() == ours.read_bytes()

    # the bundle carried only the image; the township makes the same thumbnail from it on demand
    township_blobs = BlobStore.of_home(township.home)
    assert not pointer_path(township_blobs, added.sha256).exists()
    theirs_thumb = thumbnail_path(township.ledger, added.sha256)
    ours_thumb = thumbnail_path(village.ledger, added.sha256)
    assert theirs_thumb is not None and ours_thumb is not None
    assert theirs_thumb.read_bytes() == ours_thumb.read_bytes()

    # a caption corrected at the township comes back to the village
    edit_photo(township.ledger, added.photo_id, caption="危房改造后（乡镇核实）")
    assert village.receive(township.send(village)).outcome == Outcome.APPLIED
    assert [r.caption for r in photos_of(village.ledger, "001")] == ["危房改造后（乡镇核实）"]
