"""Locking the window of an encrypted ledger: after some minutes without keyboard or mouse input (设置,
default 10; 0 = never) or at once with 立即锁定 (Ctrl+L).

Locked, the main window shows only the lock screen (no pages, menus or status bar), and every other
window of the program (household windows, the photo viewer, dialogs, progress dialogs) is hidden; a
window that opens meanwhile (a job's result, an error) is hidden as it appears. The passphrase of the
user who opened the ledger unlocks it, and the hidden windows come back, except those whose work ended
meanwhile. Running jobs go on. ``UiContext.locked`` tells anything that shows data on request (ID
numbers) to hide it again.

When another member of the team unlocks, the changes written from then on are signed by them (the
store's author changes) and the status bar names them.

A dialog waiting in ``exec()`` (a question, a file chooser) ends as if closed when hidden: a question
left unanswered while away counts as "no".
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QProgressDialog, QStackedWidget, QWidget

from desktop.domain.errors import present
from desktop.services.context import EVERYTHING
from desktop.services.preferences import idle_lock_minutes
from desktop.services.security.users import Unlocked, security_status, unlock
from desktop.ui.security.lock_screen import LockScreen
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import error_text
from desktop.ui.shell.i18n import tr
from desktop.ui.shell.slow_call import SlowCall

INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.InputMethod,  # typing Chinese through an input method sends these, not key presses
        QEvent.Type.HoverMove,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)
LOCK_KEYS = QKeySequence("Ctrl+L")
TRANSIENT = (Qt.WindowType.ToolTip, Qt.WindowType.Popup)  # hidden, never brought back


def install_idle_lock(window: QMainWindow, ctx: UiContext) -> IdleLock | None:
    """The lock for ``window`` when its ledger is encrypted (a plain ledger has no passphrase)."""
    if ctx.first is not None:  # the first screen, shown while the ledger opens (services/first_screen)
        encrypted, home = ctx.first.data_key is not None, ctx.first.home
    else:
        location = ctx.ledger.folder()
        encrypted, home = location.encrypted, location.home
    if ctx.user is None or not encrypted:
        return None
    return IdleLock(window, ctx, home, ctx.user)


class IdleLock(QObject):
    def __init__(self, window: QMainWindow, ctx: UiContext, home: Path, user: str) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.home = home
        self.user = user
        self.minutes: int | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.screen = LockScreen(user, [u.name for u in security_status(home).users])
        self.screen.unlock_requested.connect(self.try_unlock)
        self.check = SlowCall(self)
        self.check.done.connect(self._unlocked)
        self.check.failed.connect(lambda error: self.screen.refuse(error_text(error)))
        # the pages and the lock screen share the central place; one of them is shown
        self.stack = QStackedWidget()
        self.stack.setObjectName("lockStack")
        content = window.takeCentralWidget()
        if content is None:
            raise RuntimeError("the idle lock is installed after the window has its pages")
        self.content: QWidget = content
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.screen)
        window.setCentralWidget(self.stack)
        self.content.show()
        self.action = QAction(tr("立即锁定"), window)
        self.action.setObjectName("lockNow")
        self.action.setShortcut(LOCK_KEYS)  # in the main window; in the others, see eventFilter
        self.action.triggered.connect(self.lock)
        window.menuBar().addMenu(tr("安全")).addAction(self.action)
        self._hidden: list[QWidget] = []
        self._ended: set[int] = set()  # dialogs finished while hidden: not brought back
        self._disabled: list[QAction] = []
        self._focus: QWidget | None = None
        ctx.changed.connect(self.read_minutes)
        ctx.opened.connect(self.read_minutes)
        self.read_minutes()
        app = present(QApplication.instance(), "the application")
        app.installEventFilter(self)  # every widget's input; Qt drops the filter when this object goes

    @property
    def is_locked(self) -> bool:
        return self.ctx.is_locked

    def read_minutes(self) -> None:
        """Follow the idle time set in 设置 (read again whenever something was written)."""
        first = self.ctx.first  # before the ledger is open: as the first screen read it
        minutes = first.idle_lock_minutes if first is not None else idle_lock_minutes(self.ctx.ledger)
        if minutes != self.minutes:
            self.minutes = minutes
            self.set_timeout_ms(minutes * 60_000)

    def set_timeout_ms(self, ms: int) -> None:
        """Lock after ``ms`` without input (0: never)."""
        self.timer.setInterval(ms)
        if ms > 0 and not self.is_locked:
            self.timer.start()
        else:
            self.timer.stop()

    def lock(self) -> None:
        if self.is_locked or not self.window.isVisible():  # a closed window has nothing to hide
            return
        self.ctx.is_locked = True
        self.timer.stop()
        self._focus = QApplication.focusWidget()
        self._hidden, self._ended = [], set()
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible():
                self._hide(widget)
        own = self.window.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)
        self._disabled = [a for a in own if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)  # no undo, no shortcut, while locked
        self.window.menuBar().hide()
        self.window.statusBar().hide()
        self.screen.reset()
        self.stack.setCurrentWidget(self.screen)
        self.screen.passphrase.setFocus()
        self.ctx.locked.emit()

    def try_unlock(self, passphrase: str) -> bool:
        home, user = self.home, self.screen.chosen_user()  # the worker gets plain values, never Qt objects
        if not self.is_locked or not self.check.start(lambda: unlock(home, passphrase, user)):
            return False
        self.screen.set_busy(True)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and self._lock_keys_elsewhere(watched, cast(QKeyEvent, event)):
            self.lock()
            return True
        if kind in INPUT:
            if not self.is_locked and self.timer.interval() > 0:
                self.timer.start()  # input postpones the lock
        elif kind == QEvent.Type.Show and self.is_locked and self._other_window(watched):
            # a window opening while locked (a job's result, an error) is hidden as it appears
            self._hide(cast(QWidget, watched), later=True)
        return False

    # --- private -----------------------------------------------------------------------------------
    def _lock_keys_elsewhere(self, watched: QObject, event: QKeyEvent) -> bool:
        """Ctrl+L in another window of the program (a household window, the photo viewer): the action's
        shortcut works in the main window only (an application-wide one would be ambiguous as soon as
        a second main window exists, e.g. while the ledger is opened again)."""
        if QKeySequence(event.keyCombination()) != LOCK_KEYS or not isinstance(watched, QWidget):
            return False
        if watched.window() is self.window:
            return False
        owner: QWidget | None = watched
        while owner is not None and owner is not self.window:
            owner = owner.parentWidget()
        return owner is self.window  # one of this window's dialogs

    def _other_window(self, watched: QObject) -> bool:
        # a closed main window (one being replaced when the ledger is opened again) hides nothing
        other = isinstance(watched, QWidget) and watched.isWindow() and watched is not self.window
        return other and self.window.isVisible()

    def _hide(self, widget: QWidget, *, later: bool = False) -> None:
        if widget not in self._hidden:
            self._hidden.append(widget)
            if isinstance(widget, QDialog):
                widget.finished.connect(lambda _result, w=widget: self._ended.add(id(w)))
        if later:
            # hiding in the middle of show() would leave Qt's and the screen's idea of it apart
            QTimer.singleShot(
                0, lambda: widget.hide() if self.is_locked and shiboken6.isValid(widget) else None
            )
        else:
            widget.hide()

    def _unlocked(self, unlocked: Unlocked) -> None:
        if unlocked.user != self.user:  # another member of the team: what they write is signed theirs
            self.ctx.ledger.sign_as(unlocked.user)
            self.user = self.ctx.user = unlocked.user
        self._release()
        self.ctx.changed.emit(EVERYTHING)  # the status bar names who is working now

    def _release(self) -> None:
        self.ctx.is_locked = False
        self.screen.reset()
        self.stack.setCurrentWidget(self.content)
        self.window.menuBar().show()
        self.window.statusBar().show()
        for action in self._disabled:
            if shiboken6.isValid(action):
                action.setEnabled(True)
        running = [job.dialog for job in self.ctx.jobs]
        for widget in self._hidden:
            if self._comes_back(widget, running):
                widget.show()
        self._hidden, self._disabled = [], []
        if self._focus is not None and shiboken6.isValid(self._focus) and self._focus.isVisible():
            self._focus.setFocus()
        self._focus = None
        if self.timer.interval() > 0:
            self.timer.start()
        self.ctx.lock_released.emit()

    def _comes_back(self, widget: QWidget, running: list[QProgressDialog]) -> bool:
        if not shiboken6.isValid(widget) or id(widget) in self._ended or widget.isVisible():
            return False
        if widget.windowType() in TRANSIENT:
            return False
        if isinstance(widget, QProgressDialog):
            return any(widget is dialog for dialog in running)  # its job may have ended while locked
        return True
