"""Adding a batch of photos to a household: each file on its own, bad ones named, the rest stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from records import make_id_number
from sqlalchemy import func, select

from desktop.domain.errors import InvalidInput, NotFound
from desktop.services.context import Ledger
from desktop.services.households.households import add_household
from desktop.services.photos import (
    PhotoResult,
    PhotoStatus,
    add_photos,
    archive_photo,
    edit_photo,
    photo_path,
    photos_of,
    thumbnail_path,
)
from desktop.services.visits.visits import record_visit
from desktop.store.models import Monitoring, Operation, Photo
from desktop.store.writer import ChangeWriter

from .pictures import RED, busy_scene, colour_at, near, phone_jpeg, png, png_claiming, scene, write

TAKEN = dt.datetime(2026, 5, 1, 10, 30, 15)
YANONG = (30.0529167, 101.9500694)


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def photo_count(ledger: Ledger) -> int:
    with ledger.store.read_session() as session:
        return session.execute(select(func.count()).select_from(Photo)).scalar_one()


def test_a_batch_goes_on_after_bad_files_and_lists_every_file(village: Ledger, stick: Path) -> None:
    house = write(stick, "危房改造后.jpg", phone_jpeg(scene(), orientation=6, taken=TAKEN, gps=YANONG))
    good = phone_jpeg(busy_scene(800, 600))
    files = [
        house,
        write(stick, "名单.jpg", "户主 卓嘎 身份证号……".encode()),
        write(stick, "复制中断.jpg", good[: len(good) // 3]),
        write(stick, "空.jpg", b""),
        write(stick, "炸弹.png", png_claiming(100_000, 100_000)),
        stick / "不存在.jpg",
        write(stick, "厨房.png", png(scene(300, 200))),
    ]
    home = village.store.location.home
    results = add_photos(village, "001", files, caption="入户核查")

    assert [r.file for r in results] == files
    assert [r.status for r in results] == [PhotoStatus.STORED] + [PhotoStatus.FAILED] * 5 + [
        PhotoStatus.STORED
    ]
    for result, says in zip(
        results[1:6], ["不是 JPEG 或 PNG", "不完整", "空文件", "解压炸弹", "找不到"], strict=True
    ):
        assert result.message.startswith(f"{result.file}："), result.message
        assert says in result.message
        assert result.photo_id is None
    assert "拍摄于 2026-05-01 10:30" in results[0].message and "含拍摄位置" in results[0].message

    rows = photos_of(village, "001")
    assert [r.id for r in rows] == [results[0].photo_id, results[6].photo_id]  # dated first
    first = rows[0]
    assert (first.width, first.height) == (200, 400)  # upright
    assert first.taken_at == TAKEN and first.caption == "入户核查"
    assert (first.gps_lat, first.gps_lon) == (Decimal("30.0529167"), Decimal("101.9500694"))
    assert first.available and first.mime == "image/jpeg"
    # two photos: two images and two thumbnails, and a pointer to each thumbnail; nothing of the bad ones
    stored = files_under(home / "photos")
    assert len([p for p in stored if p.suffix == ".bin"]) == 4
    assert len([p for p in stored if p.suffix == ".txt"]) == 2


def test_the_same_photo_twice_is_stored_once(village: Ledger, stick: Path) -> None:
    data = phone_jpeg(busy_scene(1200, 900), taken=TAKEN)
    first, second = write(stick, "IMG_0001.jpg", data), write(stick, "IMG_0001 - 副本.jpg", data)
    results = add_photos(village, "001", [first, second])
    assert [r.status for r in results] == [PhotoStatus.STORED, PhotoStatus.DUPLICATE]
    assert results[1].photo_id == results[0].photo_id and "未重复添加" in results[1].message
    blobs_before = files_under(village.store.location.home / "photos")

    again = add_photos(village, "001", [first])
    assert again[0].status == PhotoStatus.DUPLICATE and again[0].ok
    assert photo_count(village) == 1

    # the same image as housing evidence, or for the neighbour: new records, the same single blob
    evidence = add_photos(village, "001", [first], dimension="住房安全")
    neighbour = add_photos(village, "002", [second])
    assert evidence[0].status == neighbour[0].status == PhotoStatus.STORED
    assert evidence[0].sha256 == neighbour[0].sha256 == results[0].sha256
    assert photo_count(village) == 3
    assert files_under(village.store.location.home / "photos") == blobs_before


def test_a_gui_worker_sees_progress_and_can_stop_the_batch(village: Ledger, stick: Path) -> None:
    files = [write(stick, f"{n}.jpg", phone_jpeg(busy_scene(640, 480 + n))) for n in range(4)]
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, result: PhotoResult) -> bool:
        seen.append((done, total, result.file.name))
        return done < 2  # the user presses 取消 after the second photo

    results = add_photos(village, "001", files, progress=progress)
    assert seen == [(1, 4, "0.jpg"), (2, 4, "1.jpg")]
    assert [r.status for r in results] == [PhotoStatus.STORED, PhotoStatus.STORED]
    assert photo_count(village) == 2


def test_photos_are_attached_to_a_visit_a_dimension_or_a_monitoring_record(
    village: Ledger, stick: Path
) -> None:
    visit = record_visit(village, household="001", content="核实危房改造进度").visit_id
    with village.store.session() as session:
        monitoring = ChangeWriter(session).create(
            Monitoring, {"household_id": _household_id(village, "001"), "category": "突发严重困难户"}
        )
    files = [write(stick, f"{n}.jpg", phone_jpeg(busy_scene(640, 480 + n))) for n in range(3)]
    add_photos(village, "001", [files[0]], visit=visit)
    add_photos(village, "001", [files[1]], dimension="HOUSING")
    add_photos(village, "001", [files[2]], monitoring=monitoring[-12:])

    assert [(r.visit_id, r.dimension, r.monitoring_id) for r in photos_of(village, "001")] == [
        (visit, None, None),
        (None, "住房安全", None),
        (None, None, monitoring),
    ]
    assert [r.height for r in photos_of(village, "001", dimension="住房安全")] == [481]
    assert [r.height for r in photos_of(village, "001", visit=visit)] == [480]


def test_wrong_attachments_are_refused_before_anything_is_stored(village: Ledger, stick: Path) -> None:
    photo = write(stick, "a.jpg", phone_jpeg(scene()))
    other_visit = record_visit(village, household="002", content="了解务工情况").visit_id
    with pytest.raises(InvalidInput, match="核查项不能是“住房”"):
        add_photos(village, "001", [photo], dimension="住房")
    with pytest.raises(InvalidInput, match="不是户 001 的走访"):
        add_photos(village, "001", [photo], visit=other_visit)
    with pytest.raises(NotFound, match="户编号为 009"):
        add_photos(village, "009", [photo])
    with pytest.raises(NotFound, match="走访"):
        add_photos(village, "001", [photo], visit="0190aaaa-0000-7000-8000-000000000000")
    assert photo_count(village) == 0
    assert not (village.store.location.home / "photos").exists()


def test_caption_and_time_taken_are_editable_and_logged(village: Ledger, stick: Path) -> None:
    (result,) = add_photos(village, "001", [write(stick, "a.jpg", phone_jpeg(scene()))])
    assert result.photo_id is not None and result.taken_at is None
    changed = edit_photo(village, result.photo_id, caption="改造后的厨房", taken_at=dt.date(2026, 10, 8))
    assert changed == {"caption": "改造后的厨房", "taken_at": dt.datetime(2026, 10, 8)}
    assert edit_photo(village, result.photo_id[-8:], caption="改造后的厨房") == {}
    (row,) = photos_of(village, "001")
    assert (row.caption, row.taken_at) == ("改造后的厨房", dt.datetime(2026, 10, 8))
    with village.store.read_session() as session:
        logged = session.execute(
            select(func.count()).select_from(Operation).where(Operation.record_id == result.photo_id)
        ).scalar_one()
    assert logged == 2  # created, then edited: the change log is the audit trail

    with pytest.raises(InvalidInput, match="在今天之后"):
        edit_photo(village, result.photo_id, taken_at=dt.datetime(2027, 1, 1, 9, 0))
    with pytest.raises(NotFound, match="照片"):
        edit_photo(village, "ffffffffffff", caption="x")
    assert edit_photo(village, result.photo_id, caption="") == {"caption": None}


def test_an_archived_photo_leaves_the_list_and_can_be_added_again(village: Ledger, stick: Path) -> None:
    path = write(stick, "a.jpg", phone_jpeg(scene()))
    (result,) = add_photos(village, "002", [path])
    assert result.photo_id is not None
    archive_photo(village, result.photo_id, "加错了户")
    assert photos_of(village, "002") == []
    assert [r.archived for r in photos_of(village, "002", include_archived=True)] == [True]
    (again,) = add_photos(village, "002", [path])
    assert again.status == PhotoStatus.STORED and again.photo_id != result.photo_id


def test_the_gui_gets_paths_to_the_image_and_its_thumbnail(village: Ledger, stick: Path) -> None:
    (result,) = add_photos(village, "001", [write(stick, "a.jpg", phone_jpeg(busy_scene(4000, 3000)))])
    assert result.sha256 is not None and (result.width, result.height) == (2000, 1500)
    image = photo_path(village, result.sha256)
    thumb = thumbnail_path(village, result.sha256)
    assert image is not None and thumb is not None
    with Image.open(image) as big, Image.open(thumb) as small:
        assert big.size == (2000, 1500) and small.size == (320, 240)
        assert near(colour_at(small, 0.5, 0.02), RED)
        assert small.format == "JPEG"
    assert photo_path(village, "0" * 64) is None and thumbnail_path(village, "0" * 64) is None


def test_a_photo_is_read_back_byte_for_byte(village: Ledger, stick: Path) -> None:
    (result,) = add_photos(village, "001", [write(stick, "a.jpg", phone_jpeg(scene(), orientation=8))])
    assert result.sha256 is not None
    path = photo_path(village, result.sha256)
    assert path is not None
    assert hashlib.sha256(path.read_bytes()).hexdigest() == result.sha256
    assert Image.open(io.BytesIO(path.read_bytes())).size == (200, 400)


def _household_id(ledger: Ledger, number: str) -> str:
    from desktop.services.households.households import list_households

    (row,) = [h for h in list_households(ledger) if h.number == number]
    return row.id


def test_photos_on_sqlite_and_on_the_township_postgresql(any_ledger: Ledger, stick: Path) -> None:
    add_household(
        any_ledger, number="001", head={"name": "卓嘎", "id_number": make_id_number(dt.date(1970, 1, 1), 2)}
    )
    path = write(stick, "a.jpg", phone_jpeg(scene(), orientation=6, taken=TAKEN, gps=YANONG))
    (result,) = add_photos(any_ledger, "001", [path], dimension="饮水安全")
    assert result.status == PhotoStatus.STORED and result.photo_id is not None
    assert add_photos(any_ledger, "001", [path], dimension="饮水安全")[0].status == PhotoStatus.DUPLICATE
    assert edit_photo(any_ledger, result.photo_id[-10:], caption="自来水入户") == {"caption": "自来水入户"}
    (row,) = photos_of(any_ledger, "001", dimension="饮水安全")
    assert (row.caption, row.taken_at, row.gps_lat) == ("自来水入户", TAKEN, Decimal("30.0529167"))


def test_a_withdrawn_visit_takes_its_follow_ups_and_photos_and_comes_back_with_them(
    village: Ledger, stick: Path
) -> None:
    from desktop.services.visits.lists import list_visits, open_follow_ups
    from desktop.services.visits.visits import FollowUpInput, restore_visit, withdraw_visit

    visit = record_visit(
        village,
        household="001",
        content="了解务工情况",
        follow_ups=[FollowUpInput("报名厨师培训", village.today())],
    ).visit_id
    files = [write(stick, f"v{n}.jpg", phone_jpeg(busy_scene(640, 480 + n))) for n in range(2)]
    add_photos(village, "001", files, visit=visit)
    (earlier,) = add_photos(village, "001", [write(stick, "x.jpg", phone_jpeg(scene()))], visit=visit)
    assert earlier.photo_id is not None
    archive_photo(village, earlier.photo_id, "拍错了")  # archived before, for its own reason
    assert len(open_follow_ups(village)) == 1 and len(photos_of(village, "001")) == 2

    assert withdraw_visit(village, visit) == 4  # the visit, its follow-up, its two photos
    assert list_visits(village) == [] and open_follow_ups(village) == [] and photos_of(village, "001") == []
    with pytest.raises(InvalidInput):
        withdraw_visit(village, visit)
    assert restore_visit(village, visit) == 4
    assert [v.id for v in list_visits(village)] == [visit]
    assert len(open_follow_ups(village)) == 1 and len(photos_of(village, "001")) == 2  # not the 拍错了 one
