"""The image the ledger keeps: upright, capped, without EXIF, the time and place read from EXIF."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from desktop.media.blob_store import BlobStore
from desktop.media.decode import BadPhoto
from desktop.media.exif import parse_exif_time, read_meta
from desktop.media.ingest import IngestOptions, draft_scale, ingest_file, prepare, read_photo_file
from desktop.media.thumbnails import pointer_path, thumbnail_sha

from .pictures import (
    BLUE,
    GREEN,
    RED,
    busy_scene,
    colour_at,
    near,
    phone_jpeg,
    png,
    png_claiming,
    scene,
    write,
)

TAKEN = dt.datetime(2026, 5, 1, 10, 30, 15)
YANONG = (30.0529167, 101.9500694)  # 30°3'10.5" N, 101°57'0.25" E


def stored_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("orientation", range(1, 9))
def test_the_stored_image_is_upright_whatever_way_the_phone_was_held(orientation: int) -> None:
    data = phone_jpeg(scene(200, 400), orientation=orientation)
    photo = prepare(data, "IMG_0001.jpg")
    image = stored_image(photo.data)
    assert (photo.width, photo.height) == image.size == (200, 400)  # portrait, as the scene
    assert near(colour_at(image, 0.5, 0.05), RED)  # the sky on top
    assert near(colour_at(image, 0.1, 0.8), GREEN)  # green on the left
    assert near(colour_at(image, 0.9, 0.8), BLUE)


def test_time_taken_and_gps_come_from_exif_and_the_file_keeps_no_exif() -> None:
    data = phone_jpeg(scene(), orientation=6, taken=TAKEN, gps=YANONG)
    photo = prepare(data, "IMG_0002.jpg")
    assert photo.meta.taken_at == TAKEN
    assert photo.meta.gps_lat == Decimal("30.0529167")
    assert photo.meta.gps_lon == Decimal("101.9500694")
    # the place of a household's house is in the record, not in a file that gets copied and printed
    assert not stored_image(photo.data).getexif()


def test_southern_and_western_positions_are_negative() -> None:
    data = phone_jpeg(scene(), gps=(-33.8688, -70.6693))
    meta = read_meta(Image.open(io.BytesIO(data)))
    assert meta.gps_lat == Decimal("-33.8688000")
    assert meta.gps_lon == Decimal("-70.6693000")


def test_a_photo_without_exif_has_no_time_or_place() -> None:
    out = io.BytesIO()
    scene().save(out, "JPEG")
    photo = prepare(out.getvalue(), "微信图片.jpg")
    assert photo.meta.taken_at is None and photo.meta.gps_lat is None and photo.meta.gps_lon is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026:05:01 10:30:15", TAKEN),
        (b"2026:05:01 10:30:15\x00", TAKEN),
        ("0000:00:00 00:00:00", None),  # a camera whose clock was never set
        ("1970:01:01 00:00:00", None),
        ("2026:13:40 10:30:15", None),
        ("    :  :     :  :  ", None),
        (12, None),
    ],
)
def test_exif_times_that_are_placeholders_count_as_unknown(
    text: object, expected: dt.datetime | None
) -> None:
    assert parse_exif_time(text) == expected


def test_a_12_megapixel_photo_is_decoded_in_draft_mode_at_half_size() -> None:
    data = phone_jpeg(busy_scene(4000, 3000), taken=TAKEN)
    photo = prepare(data, "IMG_20260501_103015.jpg")
    assert photo.draft_scale == 2
    assert (photo.width, photo.height) == (2000, 1500)  # within 10 % of the 2048 px cap, never above
    assert photo.source_size == (4000, 3000)
    assert near(colour_at(stored_image(photo.data), 0.5, 0.02), RED)


def test_a_12_megapixel_portrait_is_turned_upright_in_draft_mode() -> None:
    data = phone_jpeg(busy_scene(3000, 4000), orientation=6)
    photo = prepare(data, "IMG_portrait.jpg")
    assert photo.draft_scale == 2 and (photo.width, photo.height) == (1500, 2000)
    assert near(colour_at(stored_image(photo.data), 0.5, 0.02), RED)


def test_a_multi_picture_jpeg_is_decoded_in_draft_mode_too() -> None:
    """Some phones write MPO: a JPEG with a depth map or preview as extra frames. The first is the photo."""
    out = io.BytesIO()
    busy_scene(4000, 3000).save(out, "MPO", save_all=True, append_images=[Image.new("L", (640, 480))])
    photo = prepare(out.getvalue(), "IMG_depth.jpg")
    assert photo.source_format == "MPO" and photo.draft_scale == 2
    assert (photo.width, photo.height) == (2000, 1500)
    assert near(colour_at(stored_image(photo.data), 0.5, 0.02), RED)


def test_a_photo_between_the_cap_and_twice_the_cap_is_resampled_to_the_cap() -> None:
    data = phone_jpeg(busy_scene(3000, 2000))
    photo = prepare(data, "IMG_6mp.jpg")
    assert photo.draft_scale == 1
    assert (photo.width, photo.height) == (2048, 1365)


def test_the_long_edge_cap_is_configurable_and_small_photos_are_not_enlarged() -> None:
    data = phone_jpeg(busy_scene(1600, 1200))
    capped = prepare(data, "a.jpg", IngestOptions(max_edge=1024))
    assert (capped.width, capped.height) == (1024, 768)
    kept = prepare(data, "a.jpg")
    assert (kept.width, kept.height) == (1600, 1200)


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((4000, 3000), 2),
        ((4032, 3024), 2),
        ((8000, 6000), 4),
        ((12032, 9024), 4),
        ((3264, 2448), 1),
        ((1920, 1080), 1),
    ],
)
def test_draft_scale_keeps_the_long_edge_near_the_cap(size: tuple[int, int], expected: int) -> None:
    assert draft_scale(size, 2048, 0.1) == expected


def test_a_png_with_transparency_is_stored_as_a_jpeg_on_white() -> None:
    image = scene(300, 200).convert("RGBA")
    image.paste((0, 0, 0, 0), (0, 0, 100, 200))  # the left third transparent
    photo = prepare(png(image, taken=TAKEN), "截图.png")
    stored = stored_image(photo.data)
    assert photo.source_format == "PNG" and stored.format == "JPEG" and photo.mime == "image/jpeg"
    assert stored.size == (300, 200)
    assert near(colour_at(stored, 0.1, 0.9), (255, 255, 255))
    assert near(colour_at(stored, 0.9, 0.9), BLUE)
    assert photo.meta.taken_at == TAKEN


def test_the_same_file_gives_the_same_stored_bytes() -> None:
    data = phone_jpeg(scene(), orientation=3, taken=TAKEN)
    assert prepare(data, "a.jpg").data == prepare(data, "b.jpg").data


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "空文件"),
        ("这不是照片，是一份名单".encode(), "不是 JPEG 或 PNG 图片"),
        (b"\x00\x00\x00\x18ftypheic" + bytes(100), "HEIC"),
        (png_claiming(100_000, 100_000), "解压炸弹"),  # Pillow's own error
        (png_claiming(11_000, 11_000), "解压炸弹"),  # 121 MP: only a warning in Pillow, refused here
        (png_claiming(8_000, 8_000), "百万像素"),  # under the header limit, too big to decode
    ],
)
def test_bad_files_are_refused_with_a_message_naming_them(tmp_path: Path, content: bytes, says: str) -> None:
    path = write(tmp_path, "照片.jpg", content)
    store = BlobStore.of_home(tmp_path / "home")
    with pytest.raises(BadPhoto) as caught:
        ingest_file(path, store, IngestOptions())
    assert caught.value.message.startswith(f"{path}：")
    assert says in caught.value.message
    assert not store.root.exists()  # nothing stored


def test_a_truncated_jpeg_is_refused(tmp_path: Path) -> None:
    data = phone_jpeg(busy_scene(800, 600))
    path = write(tmp_path, "IMG_cut.jpg", data[: len(data) // 2])
    with pytest.raises(BadPhoto) as caught:
        ingest_file(path, BlobStore.of_home(tmp_path / "home"))
    assert "不完整" in caught.value.message and "IMG_cut.jpg" in caught.value.message


def test_a_missing_file_a_folder_and_an_oversized_file_are_refused(tmp_path: Path) -> None:
    store = BlobStore.of_home(tmp_path / "home")
    with pytest.raises(BadPhoto, match="文件太大"):
        read_photo_file(write(tmp_path, "全景.jpg", bytes(3 * 1024 * 1024)), limit=2 * 1024 * 1024)
    with pytest.raises(BadPhoto, match="找不到"):
        ingest_file(tmp_path / "nowhere.jpg", store)
    with pytest.raises(BadPhoto, match="文件夹"):
        ingest_file(tmp_path, store)


def test_the_image_and_its_thumbnail_are_blobs_and_a_lost_thumbnail_is_made_again(tmp_path: Path) -> None:
    store = BlobStore.of_home(tmp_path / "home")
    path = write(tmp_path, "IMG_0003.jpg", phone_jpeg(busy_scene(1200, 1600), orientation=6))
    ingested = ingest_file(path, store)
    assert store.has(ingested.sha256)
    assert ingested.thumbnail_sha is not None and store.has(ingested.thumbnail_sha)
    thumb = stored_image(store.read(ingested.thumbnail_sha))
    assert thumb.size == (240, 320)  # upright portrait, 320 px on the long edge
    assert near(colour_at(thumb, 0.5, 0.02), RED)

    # after a bundle import only the image is here: the thumbnail is made on demand, the same bytes
    first = store.read(ingested.thumbnail_sha)
    store.path(ingested.thumbnail_sha).unlink()
    pointer_path(store, ingested.sha256).unlink()
    again = thumbnail_sha(store, ingested.sha256)
    assert again == ingested.thumbnail_sha and store.read(again) == first
    # and nothing to make it from: no thumbnail, no error
    assert thumbnail_sha(store, "0" * 64) is None
