"""Saving a visit with its photos is one step of 撤销 (Ctrl+Z) and 重做 (Ctrl+Shift+Z / Ctrl+Y), and
记录一次走访… from the household window brings the visit form to the front."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.services.context import Ledger
from desktop.services.households.households import list_households
from desktop.services.photos import photos_of
from desktop.services.visits.lists import list_visits, open_follow_ups
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.visits.page import VisitsPage

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def main(ledger: Ledger, qtbot: Any) -> Iterator[MainWindow]:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window


def household_id(ledger: Ledger, number: str) -> str:
    return next(r.id for r in list_households(ledger) if r.number == number)


def jpeg(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (640, 480), colour).save(path, "JPEG", quality=90)
    return path


def visits_page(main: MainWindow) -> VisitsPage:
    page = main.show_page("走访")
    assert isinstance(page, VisitsPage)
    return page


def test_a_visit_with_photos_is_one_step_of_undo_and_redo(
    main: MainWindow, ledger: Ledger, qtbot: Any, tmp_path: Path
) -> None:
    page = visits_page(main)
    page.picker.set_household(household_id(ledger, "001"), "001　卓嘎")
    page.content_edit.setFocus()
    page.content_edit.insertPlainText("了解务工情况")
    page.follow_action.setText("帮助报名厨师培训")
    page.photos.add_files(
        [jpeg(tmp_path / "一.jpg", (30, 120, 200)), jpeg(tmp_path / "二.jpg", (200, 60, 30))]
    )
    qtbot.keyClick(page.content_edit, Qt.Key.Key_Return, CTRL)  # 保存
    qtbot.waitUntil(lambda: not main.ctx.jobs, timeout=30_000)
    assert page.visits.rowCount() == 1 and len(photos_of(ledger, "001")) == 2
    assert len(open_follow_ups(ledger)) == 1 and page.follow_ups.rowCount() == 1

    qtbot.keyClick(page, Qt.Key.Key_Z, CTRL)  # 撤销
    assert list_visits(ledger) == [] and page.visits.rowCount() == 0
    assert photos_of(ledger, "001") == [] and open_follow_ups(ledger) == []
    assert page.follow_ups.rowCount() == 0

    qtbot.keyClick(page, Qt.Key.Key_Z, CTRL | SHIFT)  # 重做
    assert len(list_visits(ledger)) == 1 and page.visits.rowCount() == 1
    assert len(photos_of(ledger, "001")) == 2 and len(open_follow_ups(ledger)) == 1

    qtbot.keyClick(page, Qt.Key.Key_Z, CTRL)
    assert page.visits.rowCount() == 0 and photos_of(ledger, "001") == []
    qtbot.keyClick(page, Qt.Key.Key_Y, CTRL)  # 重做, the other way
    assert page.visits.rowCount() == 1 and len(photos_of(ledger, "001")) == 2


def test_record_a_visit_from_the_household_window_shows_the_form_in_front(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    main.show_page("农户")
    dialog = main.open_household(household_id(ledger, "003"))
    qtbot.waitExposed(dialog)
    button = dialog.findChild(QPushButton, "newVisit")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    page = visits_page(main)
    assert main.stack.currentWidget() is page
    assert not dialog.isVisible()  # the household window no longer covers the form
    assert page.picker.household_id() == household_id(ledger, "003")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    assert page.content_edit.hasFocus()
