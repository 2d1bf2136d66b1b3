"""Photos from an encrypted data folder in the GUI: the 照片 page and the household window's 照片 tab show
thumbnails and full-size pictures decrypted in memory; nothing in the data folder is a picture in clear;
另存为… writes a readable copy only outside the data folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from media.pictures import busy_scene, phone_jpeg, write

from desktop.media.blob_encryption import MAGIC as SEALED
from desktop.media.blob_store import BlobStore
from desktop.media.thumbnails import pointer_path
from desktop.services.context import Ledger
from desktop.services.photos import photo_bytes
from desktop.store import kdf
from desktop.ui.households.window import HouseholdDialog
from desktop.ui.photos.grid_model import ThumbnailReadyRole
from desktop.ui.photos.page import PhotosPage
from desktop.ui.shell.context import UiContext
from tests.ui.dialogs import shown
from tests.ui.encrypted_folder import (
    JPEG_MAGIC,
    LIGHT_KDF,
    USER,
    Folder,
    copy_folder,
    encrypted_demo,
    files_starting_with,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Folder:
    base = tmp_path_factory.mktemp("photo-template")
    photo = write(base, "厨房.jpg", phone_jpeg(busy_scene(1600, 1200)))
    return encrypted_demo(base / "home", photo)


@pytest.fixture
def folder(template: Folder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Folder:
    monkeypatch.setattr(kdf, "ARGON2ID", dict(LIGHT_KDF))
    copied = copy_folder(template, tmp_path / "home")
    # no thumbnail yet, as for a photo that came in a bundle: the GUI makes it, sealed
    for pointer in (copied.home / "photos" / "thumbs").rglob("*.txt"):
        pointer.unlink()
    return copied


@pytest.fixture
def ledger(folder: Folder) -> Any:
    opened = folder.open()
    yield opened
    opened.store.close()


def test_the_photos_page_shows_thumbnail_and_photo_from_the_encrypted_store(
    folder: Folder, ledger: Ledger, qtbot: Any, tmp_path: Path
) -> None:
    page = PhotosPage(UiContext(ledger, user=USER))
    qtbot.addWidget(page)
    page.resize(1246, 690)
    page.show()
    page.show_household(folder.household_id, "001")
    assert page.model.rowCount() == 1
    qtbot.waitUntil(lambda: page.model.index(0).data(ThumbnailReadyRole), timeout=20_000)
    thumbnail = page.model.thumbnail(0)
    assert thumbnail is not None and not thumbnail.isNull()
    page.select_photo(page.model.row_at(0).id)
    viewer = page.open_selected()
    assert viewer is not None and (viewer.pixmap.width(), viewer.pixmap.height()) == (1600, 1200)
    assert viewer.save_button.isVisible()
    viewer.close()

    assert files_starting_with(folder.home, JPEG_MAGIC) == []
    blobs = BlobStore.of_home(folder.home)
    thumb_sha = pointer_path(blobs, folder.photo_sha).read_text("ascii").strip()
    for sha in (folder.photo_sha, thumb_sha):  # the image and the thumbnail just made: both sealed
        assert blobs.path(sha).read_bytes().startswith(SEALED)
        assert not blobs.path(sha).read_bytes()[len(SEALED) :].startswith(JPEG_MAGIC)


def test_the_household_photo_tab_shows_its_thumbnails(folder: Folder, ledger: Ledger, qtbot: Any) -> None:
    dialog = HouseholdDialog(UiContext(ledger, user=USER), folder.household_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.photos)
    model = dialog.photos.model
    assert model.rowCount() == 1
    qtbot.waitUntil(lambda: model.index(0).data(ThumbnailReadyRole), timeout=20_000)
    thumbnail = model.thumbnail(0)
    assert thumbnail is not None and not thumbnail.isNull()
    assert "共 1 张照片" in dialog.photos.count.text()
    viewer = dialog.photos.open_photo(model.index(0))
    assert viewer is not None and not viewer.pixmap.isNull()
    assert "001" in viewer.windowTitle()
    viewer.close()
    assert files_starting_with(folder.home, JPEG_MAGIC) == []


def test_save_as_writes_a_readable_copy_outside_the_data_folder_only(
    folder: Folder, ledger: Ledger, qtbot: Any, tmp_path: Path
) -> None:
    dialog = HouseholdDialog(UiContext(ledger, user=USER), folder.household_id)
    qtbot.addWidget(dialog)
    dialog.photos.refresh()
    viewer = dialog.photos.open_photo(dialog.photos.model.index(0))
    assert viewer is not None
    saved = viewer.save_copy_to(tmp_path / "送乡镇" / "厨房")
    assert saved == tmp_path / "送乡镇" / "厨房.jpg"
    assert saved.read_bytes() == photo_bytes(ledger, folder.photo_sha)
    assert saved.read_bytes().startswith(JPEG_MAGIC)

    assert viewer.save_copy_to(folder.home / "厨房.jpg") is None
    assert any("不能把照片另存到台账的数据文件夹" in text for text in shown())
    assert files_starting_with(folder.home, JPEG_MAGIC) == []
    viewer.close()
