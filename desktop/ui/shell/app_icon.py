"""The app's icon on every window and in the task bar (drawn by packaging/make_icon.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication


def icon_path(resources: Path) -> Path:
    return resources / "icons" / "zhucun.png"


def install_app_icon(app: QApplication, resources: Path) -> bool:
    """Set the icon every window inherits; False when the file is missing or unreadable."""
    icon = QIcon(str(icon_path(resources)))
    if icon.isNull():
        return False
    app.setWindowIcon(icon)
    return True
