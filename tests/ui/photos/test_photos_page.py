"""The 照片 page on a real ledger: a real JPEG dropped on the grid becomes a photo of the chosen household
with its thumbnail; a bad file gets its own line; dimension filter; caption and time corrected and
undone; the full-size viewer; the grid model under qtmodeltester."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QDateTime, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.services.context import Ledger
from desktop.services.households.households import list_households
from desktop.services.photos import add_photos, photos_of
from desktop.ui.photos.grid_model import PhotoGridModel, PhotoIdRole, ThumbnailReadyRole
from desktop.ui.photos.page import PhotosPage
from desktop.ui.photos.thumbnails import thumbnail_hub
from desktop.ui.shell.context import UiContext
from tests.ui.dialogs import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

EXIF_DATETIME_ORIGINAL = 0x9003
EXIF_IFD = 0x8769


@pytest.fixture
def page(ledger: Ledger, qtbot: Any) -> PhotosPage:
    shown = PhotosPage(UiContext(ledger))
    qtbot.addWidget(shown)
    shown.resize(1246, 690)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def household_id(ledger: Ledger, number: str) -> str:
    return next(r.id for r in list_households(ledger) if r.number == number)


def jpeg(path: Path, colour: tuple[int, int, int] = (30, 120, 200), taken: str | None = None) -> Path:
    image = Image.new("RGB", (1600, 1200), colour)
    exif = Image.Exif()
    if taken:
        exif.get_ifd(EXIF_IFD)[EXIF_DATETIME_ORIGINAL] = taken
    image.save(path, "JPEG", quality=90, exif=exif)
    return path


def drop_files(target: Any, files: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    target.dropEvent(event)


def dialogs() -> list[str]:
    return shown()


def wait_for_thumbnails(page: PhotosPage, qtbot: Any) -> None:
    model = page.model
    qtbot.waitUntil(
        lambda: all(model.index(r).data(ThumbnailReadyRole) for r in range(model.rowCount())), timeout=20_000
    )


def test_a_jpeg_dropped_on_the_grid_is_added_with_its_thumbnail(
    page: PhotosPage, ledger: Ledger, qtbot: Any, tmp_path: Path
) -> None:
    target = household_id(ledger, "001")
    page.show_household(target, "001　卓嘎")
    assert page.model.rowCount() == 0 and page.add_button.isEnabled()
    page.dimension.setCurrentText("住房安全")
    assert "住房安全" in page.target_label.text() and "卓嘎" in page.target_label.text()
    photo = jpeg(tmp_path / "危房改造后.jpg", taken="2025:06:01 10:30:00")
    broken = tmp_path / "坏照片.jpg"
    broken.write_bytes(photo.read_bytes()[:300])  # truncated
    drop_files(page.grid, [photo, broken])
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=30_000)
    assert page.photo_job is not None and page.photo_job.error is None

    (stored,) = photos_of(ledger, "001", dimension="住房安全")
    assert stored.taken_at == dt.datetime(2025, 6, 1, 10, 30) and stored.width == 1600
    # one line per file: the good one added, the bad one named with its reason
    lines = [page.results.item(r).text() for r in range(page.results.count())]
    assert lines[0].startswith("✓ 危房改造后.jpg") and lines[1].startswith("✗ 坏照片.jpg")
    assert "添加 1 张" in page.results_label.text() and "失败 1 个" in page.results_label.text()
    assert not dialogs()

    # the grid shows it, selected, and its thumbnail arrives from the worker
    assert page.model.rowCount() == 1
    assert page.model.index(0).data(PhotoIdRole) == stored.id
    assert page.model.index(0).data().startswith("2025-06-01")
    wait_for_thumbnails(page, qtbot)
    thumbnail = page.model.thumbnail(0)
    assert thumbnail is not None and max(thumbnail.width(), thumbnail.height()) == page.model.icon_edge
    middle = thumbnail.width() // 2
    assert thumbnail.toImage().pixelColor(middle, middle).blue() > 150  # the photo's blue, not a placeholder
    assert page.details.row is not None and page.details.row.id == stored.id
    assert page.details.preview.pixmap() is not None and not page.details.preview.pixmap().isNull()

    # filtered by another dimension the photo is not shown
    page.dimension.setCurrentText("饮水安全")
    assert page.model.rowCount() == 0 and page.count_label.text() == "共 0 张"
    page.dimension.setCurrentIndex(0)
    assert page.model.rowCount() == 1


def test_a_folder_picked_adds_its_photos_and_the_same_photo_twice_is_stored_once(
    page: PhotosPage, ledger: Ledger, qtbot: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "手机照片"
    folder.mkdir()
    jpeg(folder / "a.jpg", (200, 30, 30))
    jpeg(folder / "b.JPG", (30, 200, 30))
    (folder / "说明.txt").write_text("不是照片", encoding="utf-8")
    page.show_household(household_id(ledger, "002"), "002　格桑")
    page.add_files([folder])
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=30_000)
    assert page.model.rowCount() == 2 and page.results.count() == 2
    page.add_files([folder / "a.jpg"])
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=30_000)
    assert page.results.item(0).text().startswith("＝ a.jpg")
    assert len(photos_of(ledger, "002")) == 2
    wait_for_thumbnails(page, qtbot)


def test_without_a_household_nothing_is_added_and_the_reason_shown(
    page: PhotosPage, qtbot: Any, tmp_path: Path
) -> None:
    assert not page.add_button.isEnabled()
    assert page.add_files([jpeg(tmp_path / "x.jpg")]) is None
    (text,) = dialogs()
    assert "请先在上方选择农户" in text
    assert not page.ctx.jobs


def test_caption_and_time_are_corrected_and_ctrl_z_undoes_it(
    page: PhotosPage, ledger: Ledger, qtbot: Any, tmp_path: Path
) -> None:
    (result,) = add_photos(ledger, "003", [jpeg(tmp_path / "厨房.jpg", taken="2025:03:02 09:15:00")])
    page.show_household(household_id(ledger, "003"), "003　央金")
    assert page.select_photo(result.photo_id)
    assert page.details.caption.text() == ""
    page.details.caption.setText("新建的厨房")
    page.details.taken.setDateTime(QDateTime(dt.datetime(2025, 3, 1, 8, 0)))
    qtbot.mouseClick(page.details.save_button, Qt.MouseButton.LeftButton)
    (saved,) = photos_of(ledger, "003")
    assert (saved.caption, saved.taken_at) == ("新建的厨房", dt.datetime(2025, 3, 1, 8, 0))
    # the page reloaded and kept the photo chosen, showing what was saved
    assert page.details.row is not None and page.details.row.caption == "新建的厨房"
    assert "新建的厨房" in page.model.index(0).data()
    page.ctx.undo_stack.undo()
    (restored,) = photos_of(ledger, "003")
    assert (restored.caption, restored.taken_at) == (None, dt.datetime(2025, 3, 2, 9, 15))
    assert page.details.caption.text() == ""
    wait_for_thumbnails(page, qtbot)


def test_a_photo_opens_at_full_size(page: PhotosPage, ledger: Ledger, qtbot: Any, tmp_path: Path) -> None:
    (result,) = add_photos(ledger, "001", [jpeg(tmp_path / "院子.jpg")], caption="院子")
    page.show_household(household_id(ledger, "001"), "001　卓嘎")
    page.select_photo(result.photo_id)
    viewer = page.open_selected()
    assert viewer is not None and viewer.isVisible()
    assert (viewer.pixmap.width(), viewer.pixmap.height()) == (1600, 1200)
    assert "院子" in viewer.windowTitle()
    viewer.fit.setChecked(False)
    assert viewer.picture.pixmap().width() == 1600
    viewer.close()
    wait_for_thumbnails(page, qtbot)


def test_grid_model_passes_qtmodeltester(
    ledger: Ledger, qtmodeltester: Any, qtbot: Any, tmp_path: Path
) -> None:
    add_photos(ledger, "001", [jpeg(tmp_path / "1.jpg"), jpeg(tmp_path / "2.jpg", (0, 0, 0))], caption="门口")
    model = PhotoGridModel(ledger)
    model.set_rows(photos_of(ledger, "001"))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and "门口" in model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert not model.index(1).data(ThumbnailReadyRole)
    for row in range(2):  # what a view does when it paints the items: thumbnails are asked for
        model.index(row).data(Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: all(model.index(r).data(ThumbnailReadyRole) for r in range(2)), timeout=20_000)
    model.set_rows([])
    qtmodeltester.check(model)
    assert thumbnail_hub().wait()
