"""The base of every page: it refreshes from services when shown and when data changed while visible."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.services.context import Change
from desktop.ui.shell.context import UiContext


class Page(QWidget):
    title = ""  # the navigation label
    object_name = ""
    household_requested = Signal(str)  # any page may ask the window to open a household (by id)
    # the kinds of record (tables) the page shows: a change of others leaves it as it is (None: all)
    watches: frozenset[str] | None = None

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(self.object_name or type(self).__name__)
        self._stale = True
        ctx.changed.connect(self._data_changed)

    def refresh(self) -> None:
        """Reload what the page shows from services."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def _data_changed(self, change: Change) -> None:
        if not change.concerns(self.watches):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True


class PlaceholderPage(Page):
    """A working entry point for a page whose feature has not landed yet: says what comes and what to
    use meanwhile."""

    def __init__(self, ctx: UiContext, title: str, text: str, parent: QWidget | None = None) -> None:
        self.title = title
        super().__init__(ctx, parent)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setObjectName("placeholderText")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addStretch(1)
