"""The main window opens where it was closed, maximised on a small screen, never past the bottom of the
screen, and back on a screen when the one it was on is gone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from desktop.services.ledger import Ledger
from desktop.ui.context import UiContext
from desktop.ui.main_window import MainWindow
from desktop.ui.window_place import DEFAULT, TITLE_BAR, placement

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px task bar
OFFICE = QRect(0, 0, 1920, 1040)
RIGHT = QRect(1920, 0, 1920, 1040)  # a second monitor, right of the first


def test_a_first_start_on_a_laptop_screen_is_maximised_and_fits() -> None:
    place = placement(None, False, [LAPTOP], LAPTOP)
    assert place.maximised
    assert LAPTOP.contains(place.geometry) and place.geometry.bottom() <= LAPTOP.bottom()
    assert place.geometry.top() >= TITLE_BAR


def test_a_first_start_on_a_big_screen_is_centred_at_the_default_size() -> None:
    place = placement(None, False, [OFFICE], OFFICE)
    assert not place.maximised
    assert place.geometry.size() == DEFAULT
    assert abs(place.geometry.center().x() - OFFICE.center().x()) <= 1


def test_the_saved_place_is_kept_and_never_runs_past_the_bottom() -> None:
    saved = QRect(100, 80, 1000, 600)
    assert placement(saved, False, [OFFICE], OFFICE).geometry == saved
    assert placement(saved, True, [OFFICE], OFFICE).maximised
    tall = QRect(50, 200, 1200, 720)  # saved on a bigger screen: pulled up and shortened
    fitted = placement(tall, False, [LAPTOP], LAPTOP).geometry
    assert fitted.bottom() <= LAPTOP.bottom() and fitted.top() >= TITLE_BAR
    assert fitted.height() == LAPTOP.height() - TITLE_BAR and fitted.width() == 1200


def test_a_window_left_on_a_monitor_that_is_gone_comes_back() -> None:
    on_second = QRect(2200, 100, 1200, 800)
    assert placement(on_second, False, [OFFICE, RIGHT], OFFICE).geometry == on_second
    back = placement(on_second, False, [OFFICE], OFFICE)
    assert OFFICE.contains(back.geometry) and back.geometry.size() == DEFAULT
    # only a sliver still on the screen counts as lost too
    sliver = QRect(1900, 500, 1000, 800)
    assert OFFICE.contains(placement(sliver, False, [OFFICE], OFFICE).geometry)


def test_the_window_reopens_where_it_was_closed(ledger: Ledger, qtbot: Any, user_settings: Path) -> None:
    screen = QGuiApplication.primaryScreen().availableGeometry()
    first = MainWindow(UiContext(ledger))
    qtbot.addWidget(first)
    # the offscreen test screen (800×600) is small: a first start opens maximised
    assert first.placement.maximised and first.isMaximized() == (first.windowState() != 0)
    first.show()
    qtbot.waitExposed(first)
    first.showNormal()
    least = first.minimumSizeHint()  # the pages' least size: wider than the 800 px test screen
    wanted = QRect(screen.left(), screen.top() + 60, max(700, least.width()), max(500, least.height()))
    first.setGeometry(wanted)
    qtbot.waitUntil(lambda: first.geometry() == wanted)
    first.close()
    assert list(user_settings.rglob("*.ini"))  # written where the test pointed Qt, not the user's config

    second = MainWindow(UiContext(ledger))
    qtbot.addWidget(second)
    assert not second.placement.maximised
    second.show()
    qtbot.waitExposed(second)
    assert second.geometry() == wanted and not second.isMaximized()
    second.showMaximized()
    second.close()
    third = MainWindow(UiContext(ledger))
    qtbot.addWidget(third)
    assert third.placement.maximised and third.placement.geometry.topLeft() == wanted.topLeft()
