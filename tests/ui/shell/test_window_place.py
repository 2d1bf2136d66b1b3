"""The main window opens where it was closed, maximised on a small screen, never past the bottom of the
screen, and back on a screen when the one it was on is gone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from desktop.services.context import Ledger
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.window_place import BORDER, DEFAULT, TITLE_BAR, placement

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
    # closed maximised without ever being smaller: maximised again
    assert placement(None, True, [OFFICE], OFFICE).maximised


def test_the_saved_place_is_kept_and_never_runs_past_the_bottom() -> None:
    saved = QRect(100, 80, 1000, 600)
    assert placement(saved, False, [OFFICE], OFFICE).geometry == saved
    assert placement(saved, True, [OFFICE], OFFICE).maximised
    tall = QRect(50, 200, 1200, 720)  # saved on a bigger screen: pulled up and shortened
    fitted = placement(tall, False, [LAPTOP], LAPTOP).geometry
    assert fitted.bottom() <= LAPTOP.bottom() and fitted.top() >= TITLE_BAR
    assert fitted.height() == LAPTOP.height() - TITLE_BAR - BORDER and fitted.width() == 1200


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
    wanted = QRect(
        screen.left() + BORDER, screen.top() + 60, max(700, least.width()), max(500, least.height())
    )
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


SHOW_ON_A_LAPTOP = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QApplication
from tests.ui.conftest import build_village
from desktop.app import open_ledger
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.window_place import GEOMETRY_KEY, MAXIMISED_KEY, settings

folder = Path(sys.argv[1])
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "config"))
app = QApplication([])
if sys.argv[2] == "saved-too-tall":
    stored = settings()
    stored.setValue(GEOMETRY_KEY, QRect(40, 200, 1300, 900))
    stored.setValue(MAXIMISED_KEY, False)
    stored.sync()
home = folder / "home"
ledger = open_ledger(home) if home.exists() else build_village(home)
window = MainWindow(UiContext(ledger))
window.show()
app.processEvents()
screen = window.screen().availableGeometry()
frame = window.frameGeometry()
print(json.dumps({"maximised": window.isMaximized(), "bottom": frame.bottom(), "top": frame.top(),
                  "screen": [screen.width(), screen.height()]}))
window.close()
ledger.store.close()
"""


@pytest.mark.parametrize("case", ["first-start", "saved-too-tall"])
def test_a_real_window_on_a_1366x768_screen(tmp_path: Path, case: str) -> None:
    """The real window on Qt's offscreen platform given one 1366×768 screen (its config file)."""
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                 "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}),
        encoding="utf-8",
    )  # fmt: skip
    repo = Path(__file__).resolve().parents[3]
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(repo)}
    done = subprocess.run(
        [sys.executable, "-c", SHOW_ON_A_LAPTOP, str(tmp_path), case],
        capture_output=True, text=True, env=env, cwd=repo, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["screen"] == [1366, 768]
    assert shown["bottom"] <= 767 and shown["top"] >= 0  # never past the bottom of the screen
    assert shown["maximised"] == (case == "first-start")
