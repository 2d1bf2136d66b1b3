"""The checks of a start that wait until the window is up: the integrity check (then the day's backup
and the orphan-photo sweep) runs on a worker thread while the first page is already shown.

A ledger found damaged (or unreadable) is said as an opening said it before: a critical message with
the same Chinese text (``zhucun restore`` and the backups folder), modal, and on its 确定 the program
ends with the same exit code. No write begins meanwhile: the store refuses every write once the check
failed, and one asked for before it ended waits for it (see ``Store.verify``). Any other failure (the
backup on a disk that just filled up) is shown as an error and the window stays.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.domain.errors import UserError
from desktop.ui.shell.dialogs import TITLE, show_error
from desktop.ui.shell.i18n import tr_marked


class OpeningCheck(QObject):
    """Runs ``work`` (returning the problem that ends the program, or None) on a pool thread."""

    done = Signal()  # the check ended (after its message, if any, was shown)
    _answered = Signal(object)
    _failed = Signal(object)

    def __init__(
        self,
        window: QWidget,
        work: Callable[[], UserError | None],
        *,
        give_up_after_ms: int | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._give_up_after_ms = give_up_after_ms
        self.problem: UserError | None = None
        self.box: QMessageBox | None = None
        self._answered.connect(self._show)
        self._failed.connect(self._show_failure)

        def task() -> None:
            try:
                outcome: tuple[str, object] = ("_answered", work())
            except Exception as error:
                outcome = ("_failed", error)
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile: nobody to tell
                getattr(self, outcome[0]).emit(outcome[1])

        self._task: Callable[[], None] | None = task
        self._task_lock = threading.Lock()  # ``start`` may be called from two threads at once
        if window.isVisible():
            # once the window has been painted: a start's work on another thread (opening the ledger
            # imports and sets up the store) would otherwise hold the interpreter while the first screen
            # draws; a window not painted within a second (no display to draw on) starts it anyway
            window.installEventFilter(self)
            QTimer.singleShot(1000, self.start)
        else:
            self.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self.start)  # after this paint's children (one pass) are drawn
        return False

    def start(self) -> None:
        """Begin the work now if it has not begun (once: later calls do nothing). Something that must
        wait for it before the window's first paint (the ledger asked for: UiContext.ledger) begins it
        so, instead of waiting for a paint its own wait holds back."""
        with self._task_lock:
            task, self._task = self._task, None
        if task is not None:
            QThreadPool.globalInstance().start(task)

    def _show(self, problem: UserError | None) -> None:
        if problem is None:
            self.done.emit()
            return
        self.problem = problem
        box = QMessageBox(QMessageBox.Icon.Critical, tr_marked(TITLE), problem.message, parent=self._window)
        box.setObjectName("openingProblem")
        box.setWindowModality(Qt.WindowModality.ApplicationModal)  # nothing else is done meanwhile
        code = problem.exit_code
        box.finished.connect(lambda _result: QApplication.exit(code))  # as an opening refused it before
        self.box = box
        box.show()
        if self._give_up_after_ms is not None:
            QTimer.singleShot(self._give_up_after_ms, box.accept)
        self.done.emit()

    def _show_failure(self, error: BaseException) -> None:
        show_error(self._window, error)
        self.done.emit()
