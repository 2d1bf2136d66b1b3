"""The window builds a page when it is first opened: the navigation lists every page from the start,
a click opens each one working, and what was typed on a page stays when the user comes back to it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.services.context import Ledger
from desktop.ui.diary.page import DiaryPage
from desktop.ui.households.page import HouseholdsPage
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.registry import NAVIGATION
from tests.ui.conftest import HOUSEHOLDS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def click_nav(window: MainWindow, qtbot: Any, title: str) -> None:
    row = next(r for r in range(window.nav.count()) if window.nav.item(r).text() == title)
    rect = window.nav.visualItemRect(window.nav.item(row))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_each_page_is_built_when_first_opened_and_keeps_what_was_typed(ledger: Ledger, qtbot: Any) -> None:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert [window.nav.item(r).text() for r in range(window.nav.count())] == [t for t, _ in NAVIGATION]
    assert isinstance(window.stack.currentWidget(), HouseholdsPage)
    assert window.households.proxy.rowCount() == len(HOUSEHOLDS)

    page = window.households
    page.search_box.setFocus()
    qtbot.keyClicks(page.search_box, "zg")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert page.proxy.rowCount() == 1

    click_nav(window, qtbot, "日志")
    diary = window.stack.currentWidget()
    assert isinstance(diary, DiaryPage) and diary.isVisible()
    click_nav(window, qtbot, "农户")
    assert window.stack.currentWidget() is page
    assert page.search_box.text() == "zg" and page.proxy.rowCount() == 1
    click_nav(window, qtbot, "日志")
    assert window.stack.currentWidget() is diary  # the same page, built once
    assert window.page("日志") is diary

    for title, _target in NAVIGATION:  # every page opens
        click_nav(window, qtbot, title)
        assert window.stack.currentWidget() is window.page(title)
        assert window.stack.currentWidget().isVisible()
