"""A visit typed and not saved survives: kept (debounced) in the data folder — inside the encrypted
database for an encrypted ledger — offered again after a crash, and asked about (保存 / 放弃 / 取消) when
the window is closed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.app import open_ledger
from desktop.services.context import Ledger
from desktop.services.drafts import VISIT, load_draft
from desktop.services.households.households import list_households
from desktop.services.photos import photos_of
from desktop.services.security.encryption import enable_encryption
from desktop.services.security.users import unlock
from desktop.services.visits.lists import list_visits
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.visits.page import VisitsPage
from tests.ui.conftest import USER, build_village
from tests.ui.dialogs import ModalDialogs
from tests.ui.encrypted_folder import LIGHT_KDF, PASSPHRASE

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)
CONTENT = "了解务工情况，户主说想学厨师"


def jpeg(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (640, 480), colour).save(path, "JPEG", quality=90)
    return path


def window_over(ledger: Ledger, qtbot: Any, *, keep: bool = True, user: str | None = None) -> MainWindow:
    window = MainWindow(UiContext(ledger, user=user))
    if keep:
        qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def visits_of(window: MainWindow) -> VisitsPage:
    page = window.page("走访")
    assert isinstance(page, VisitsPage)
    return page


def type_a_visit(window: MainWindow, ledger: Ledger, qtbot: Any, photos: list[Path]) -> VisitsPage:
    page = visits_of(window)
    window.show_page("走访")
    head = next(r for r in list_households(ledger) if r.number == "001")
    page.picker.set_household(head.id, "001　卓嘎")
    page.content_edit.setFocus()
    page.content_edit.insertPlainText(CONTENT)  # as an input method types Hanzi
    page.follow_action.setText("帮助报名厨师培训")
    qtbot.keyClick(page.follow_action, Qt.Key.Key_Return)  # added to the follow-ups
    page.photos.add_files(photos)
    qtbot.waitUntil(lambda: (load_draft(ledger, VISIT) or {}).get("photos") == [str(p) for p in photos])
    return page


def test_a_draft_survives_a_crash_and_is_offered_at_the_next_start(
    ledger: Ledger, modal: ModalDialogs, qtbot: Any, tmp_path: Path
) -> None:
    photos = [jpeg(tmp_path / "一.jpg", (30, 120, 200)), jpeg(tmp_path / "二.jpg", (200, 60, 30))]
    crashed = window_over(ledger, qtbot, keep=False)
    type_a_visit(crashed, ledger, qtbot, photos)
    kept = ledger.store.location.home / "drafts" / "visit.json"
    assert CONTENT in kept.read_text(encoding="utf-8")  # a plain ledger: a file in the data folder
    assert not list(kept.parent.glob("*.partial"))  # written whole, then renamed
    crashed.hide()  # the power goes: no closeEvent, no question
    crashed.deleteLater()

    again = open_ledger(ledger.store.location.home)
    try:
        modal.answer("yes")
        window = window_over(again, qtbot)
        page = visits_of(window)
        qtbot.waitUntil(lambda: page.content_edit.toPlainText() == CONTENT)
        (question,) = modal.take()
        assert "上次有一份没有保存的走访（001　卓嘎，照片 2 张）" in question
        assert window.stack.currentWidget() is page
        assert page.photos.files() == photos and page.pending_list.count() == 1
        assert page.picker.text() == "001　卓嘎"
        window.activateWindow()  # offscreen, no window manager gives the window back after a dialog
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        page.content_edit.setFocus()

        qtbot.keyClick(page.content_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # 保存
        qtbot.waitUntil(lambda: not window.ctx.jobs, timeout=30_000)
        (visit,) = list_visits(again)
        assert visit.content == CONTENT and len(photos_of(again, "001")) == 2
        assert load_draft(again, VISIT) is None and not kept.exists()  # saved: the draft is gone
    finally:
        again.store.close()


def test_a_draft_refused_at_start_is_thrown_away(
    ledger: Ledger, modal: ModalDialogs, qtbot: Any, tmp_path: Path
) -> None:
    crashed = window_over(ledger, qtbot, keep=False)
    type_a_visit(crashed, ledger, qtbot, [jpeg(tmp_path / "一.jpg", (30, 120, 200))])
    crashed.hide()
    crashed.deleteLater()
    modal.answer("no")
    window = window_over(ledger, qtbot)
    qtbot.waitUntil(lambda: modal.take() != [])
    page = visits_of(window)
    assert page.content_edit.toPlainText() == "" and page.photos.count() == 0
    assert load_draft(ledger, VISIT) is None and list_visits(ledger) == []


def test_closing_with_a_draft_asks_save_discard_or_cancel(
    ledger: Ledger, modal: ModalDialogs, qtbot: Any, tmp_path: Path
) -> None:
    photos = [jpeg(tmp_path / "一.jpg", (30, 120, 200)), jpeg(tmp_path / "二.jpg", (200, 60, 30))]
    window = window_over(ledger, qtbot)
    page = type_a_visit(window, ledger, qtbot, photos)

    modal.answer("cancel")  # 取消: the window stays, the form as it was
    window.close()
    (question,) = modal.take()
    assert "走访表单里有没有保存的内容" in question
    assert window.isVisible() and page.content_edit.toPlainText() == CONTENT
    assert load_draft(ledger, VISIT) is not None and list_visits(ledger) == []

    modal.answer("save")  # 保存: the visit and its photos are stored, then the window closes
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    (visit,) = list_visits(ledger)
    assert visit.content == CONTENT and len(photos_of(ledger, "001")) == 2
    assert load_draft(ledger, VISIT) is None


def test_closing_and_discarding_saves_nothing(
    ledger: Ledger, modal: ModalDialogs, qtbot: Any, tmp_path: Path
) -> None:
    window = window_over(ledger, qtbot)
    type_a_visit(window, ledger, qtbot, [jpeg(tmp_path / "一.jpg", (30, 120, 200))])
    modal.answer("discard")  # 放弃
    window.close()
    assert not window.isVisible()
    assert list_visits(ledger) == [] and photos_of(ledger, "001") == []
    assert load_draft(ledger, VISIT) is None
    assert not (ledger.store.location.home / "drafts" / "visit.json").exists()


def test_an_encrypted_ledgers_draft_stays_inside_the_encrypted_database(
    modal: ModalDialogs, qtbot: Any, tmp_path: Path
) -> None:
    home = tmp_path / "台账"
    build_village(home).store.close()
    enable_encryption(home, user=USER, passphrase=PASSPHRASE, kdf=dict(LIGHT_KDF))
    ledger = open_ledger(home, unlocked=unlock(home, PASSPHRASE, USER))
    try:
        crashed = window_over(ledger, qtbot, keep=False)
        page = visits_of(crashed)
        crashed.show_page("走访")
        page.content_edit.setFocus()
        page.content_edit.insertPlainText(CONTENT)
        qtbot.waitUntil(lambda: (load_draft(ledger, VISIT) or {}).get("content") == CONTENT)
        crashed.hide()
        crashed.deleteLater()
        secret = CONTENT.encode("utf-8")
        assert [p.name for p in home.rglob("*") if p.is_file() and secret in p.read_bytes()] == []
        assert not (home / "drafts").exists()

        modal.answer("yes")
        window = window_over(ledger, qtbot, user=USER)
        qtbot.waitUntil(lambda: visits_of(window).content_edit.toPlainText() == CONTENT)
        assert len(modal.take()) == 1
        # closed while locked (say, the laptop shut down): nobody to ask, the draft is kept for next time
        assert window.idle_lock is not None
        window.idle_lock.lock()
        window.close()
        assert not window.isVisible() and modal.take() == []
        assert (load_draft(ledger, VISIT) or {}).get("content") == CONTENT
    finally:
        ledger.store.close()
