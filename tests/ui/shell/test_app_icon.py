"""The app's icon: every window and the task bar show it; the Windows build has every size it needs."""

from __future__ import annotations

from typing import Any

from PIL import Image
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import resources_dir
from desktop.ui.shell.app_icon import icon_path, install_app_icon


def test_every_window_carries_the_app_icon(qapp: QApplication, qtbot: Any) -> None:
    previous = qapp.windowIcon()
    try:
        assert install_app_icon(qapp, resources_dir())
        window = QWidget()
        qtbot.addWidget(window)
        pixmap = window.windowIcon().pixmap(64, 64)
        assert not pixmap.isNull() and pixmap.width() == 64
        # the red of the tile, not an empty or default icon
        colour = pixmap.toImage().pixelColor(32, 6)
        assert colour.red() > 150 and colour.green() < 60 and colour.blue() < 60
    finally:
        qapp.setWindowIcon(previous)


def test_a_missing_icon_file_is_reported_not_fatal(qapp: QApplication, tmp_path: Any) -> None:
    assert install_app_icon(qapp, tmp_path) is False


def test_the_windows_icon_has_the_sizes_explorer_and_the_task_bar_use() -> None:
    ico = icon_path(resources_dir()).with_suffix(".ico")
    with Image.open(ico) as image:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(image.info["sizes"])
