"""Where the main window opens: where it was last closed, on a screen that is still there, never past
the bottom of the screen; maximised on a small laptop screen (1366×768 and less).

The size and position are this machine's (a data folder carried to another laptop with another screen
must not drag the window off it), so they live in the user's Qt settings (``zhucun.ini`` in the
platform's config folder), not in the ledger. ``placement`` is a plain function of the screens'
available geometries, so every case is tested without those screens.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

SMALL = QSize(1366, 768)  # a screen this wide or this high (or less) gets a maximised window
DEFAULT = QSize(1280, 800)
TITLE_BAR = 32  # px above the window's client area the window manager adds (frame allowance)
BORDER = 8  # px of frame left, right and below it
VISIBLE = QSize(120, 60)  # a saved window with less than this on every screen is lost: placed anew
GEOMETRY_KEY, MAXIMISED_KEY = "mainWindow/geometry", "mainWindow/maximised"


@dataclass(frozen=True)
class Placement:
    geometry: QRect  # the client area (what ``setGeometry`` takes)
    maximised: bool


def settings() -> QSettings:
    """The user's own settings of this machine (an INI file on every platform, so a test can redirect
    it with ``QSettings.setPath``)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "zhucun", "zhucun")


def is_small(screen: QRect) -> bool:
    return screen.width() <= SMALL.width() or screen.height() <= SMALL.height()


def placement(saved: QRect | None, saved_maximised: bool, screens: list[QRect], primary: QRect) -> Placement:
    """Where to open, given the last closed geometry (None: never saved) and the screens' available
    geometries (without task bars)."""
    home = next((s for s in screens if saved is not None and _visible_on(saved, s)), None)
    if saved is None or home is None or saved.width() <= 0 or saved.height() <= 0:
        screen = primary
        size = DEFAULT.boundedTo(QSize(screen.width() - 2 * BORDER, screen.height() - TITLE_BAR - BORDER))
        rect = QRect(0, 0, size.width(), size.height())
        rect.moveCenter(screen.center())
        return Placement(_inside(rect, screen), is_small(screen) or saved_maximised)
    return Placement(_inside(QRect(saved), home), saved_maximised)


def restore_placement(window: QMainWindow) -> Placement:
    """Give ``window`` its size, position and state before it is first shown."""
    stored = settings()
    value = stored.value(GEOMETRY_KEY)
    saved = value if isinstance(value, QRect) and value.isValid() else None
    maximised = str(stored.value(MAXIMISED_KEY, "false")).lower() == "true"
    primary = QGuiApplication.primaryScreen()
    screens = [s.availableGeometry() for s in QGuiApplication.screens()]
    place = placement(saved, maximised, screens, primary.availableGeometry() if primary else QRect())
    window.setGeometry(place.geometry)
    if place.maximised:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    return place


def save_placement(window: QMainWindow) -> None:
    stored = settings()
    normal = window.normalGeometry() if window.isMaximized() else window.geometry()
    if normal.isValid():  # a window maximised from the start has no normal geometry yet
        stored.setValue(GEOMETRY_KEY, normal)
    stored.setValue(MAXIMISED_KEY, window.isMaximized())
    stored.sync()


def _visible_on(rect: QRect, screen: QRect) -> bool:
    seen = rect.intersected(screen)
    return seen.width() >= VISIBLE.width() and seen.height() >= VISIBLE.height()


def _inside(rect: QRect, screen: QRect) -> QRect:
    """``rect`` shrunk to fit ``screen`` with its frame (a title bar above, borders around), and moved
    onto it: never past its bottom."""
    width = min(rect.width(), screen.width() - 2 * BORDER)
    height = min(rect.height(), screen.height() - TITLE_BAR - BORDER)
    left = min(max(rect.left(), screen.left() + BORDER), screen.right() + 1 - BORDER - width)
    top = min(max(rect.top(), screen.top() + TITLE_BAR), screen.bottom() + 1 - BORDER - height)
    return QRect(left, top, width, height)
