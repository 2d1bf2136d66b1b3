"""What every page shares: the ledger, the undo stack, the village in view, background jobs, and one
signal that data changed, saying what changed (pages refresh from services, never from guesses, and
only when the change concerns them)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.services.context import EVERYTHING, Change, Ledger
from desktop.services.security.users import Unlocked
from desktop.ui.shell.dialogs import show_error
from desktop.ui.shell.jobs import Job, Progress, run_job
from desktop.ui.shell.undo import ServiceEdit


class UiContext(QObject):
    # something was written (a Change: the kinds of record, or everything): visible pages it concerns
    # refresh. The commits of one action (an edit, a write, its undo) are reported together once it is
    # over; a write that committed nothing of the ledger, or a background job, reports everything.
    changed = Signal(object)
    _commit_arrived = Signal()  # from any thread: a commit to report once the GUI is free
    village_changed = Signal(object)  # township: the village in view (id or None for all)
    locked = Signal()  # the window locked (idle or 立即锁定): forget what was shown on request (ID numbers)
    lock_released = Signal()  # unlocked again with the passphrase
    # why the day's automatic backup was not made (a disk without room), or None once one is made
    backup_noted = Signal(object)

    def __init__(self, ledger: Ledger, parent: QObject | None = None, *, user: str | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.user = user  # who unlocked an encrypted ledger; None for a plain one (nothing to lock)
        self.is_locked = False
        # set before the window closes when the ledger must be opened again (encryption just enabled):
        # app.py then opens it with this unlocked keyring in a new window
        self.reopen_with: Unlocked | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._stack_moved)
        self.role = ledger.this_device().role
        self._village_id: str | None = ledger.current_village_id()
        self.jobs: list[Job] = []
        self._kinds: set[str] = set()  # kinds committed and not reported yet
        self._kinds_lock = threading.Lock()  # a job's worker thread adds to them too
        self._acting = 0  # inside edit() or write(): they report at their end
        self._commit_arrived.connect(self._report_soon, Qt.ConnectionType.QueuedConnection)
        ledger.on_commit(self._committed)

    def _committed(self, change: Change) -> None:  # on the thread that wrote
        with self._kinds_lock:
            self._kinds |= change.kinds
        # a worker's commits are reported when its job ends (run() reports everything then): no Qt call
        # from a worker thread, which might meet this object while the application shuts down
        if threading.current_thread() is threading.main_thread() and shiboken6.isValid(self):
            self._commit_arrived.emit()

    @Slot()
    def _report_soon(self) -> None:
        if not self._acting:
            self._report(everything=False)

    def _report(self, *, everything: bool) -> None:
        """Emit what was committed since the last report (``everything``: also when nothing was)."""
        with self._kinds_lock:
            kinds, self._kinds = frozenset(self._kinds), set()
        if everything:
            self.changed.emit(EVERYTHING)
        elif kinds:
            self.changed.emit(Change(kinds=kinds))

    @Slot(int)
    def _stack_moved(self, _index: int) -> None:
        """Undo and redo ran services: what they committed is reported now."""
        self._report(everything=False)

    @property
    def is_township(self) -> bool:
        return self.role == "township"

    @property
    def village_id(self) -> str | None:
        """The village the pages show: the device's own, or the one a township chose (None: all)."""
        return self._village_id

    def set_village(self, village_id: str | None) -> None:
        if village_id != self._village_id:
            self._village_id = village_id
            self.village_changed.emit(village_id)
            self.changed.emit(EVERYTHING)

    def edit(self, parent: QWidget | None, text: str, do: Callable[[], Any], undo: Callable[[], Any]) -> bool:
        """Run an edit through the undo stack (Ctrl+Z); a refused edit shows why and changes nothing."""
        command = ServiceEdit(text, do, undo)
        self._acting += 1
        try:
            command.redo_first()
        except Exception as error:
            self._acting -= 1
            self._report(everything=False)
            show_error(parent, error)
            return False
        self._acting -= 1
        self.undo_stack.push(command)  # its first redo() is skipped: the edit already ran (reports)
        return True

    def write(self, parent: QWidget | None, action: Callable[[], Any]) -> Any | None:
        """A write that is not undoable (adding a visit, importing): errors shown, ``changed`` emitted."""
        self._acting += 1
        try:
            result = action()
        except Exception as error:
            self._acting -= 1
            self._report(everything=False)
            show_error(parent, error)
            return None
        self._acting -= 1
        self._report(everything=not self._kinds)
        return result

    def run(
        self,
        parent: QWidget | None,
        title: str,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None] | None = None,
    ) -> Job:
        """Long work on a worker thread with a progress dialog and cancel."""
        job = run_job(parent, title, work, on_done)
        self.jobs.append(job)
        job.finished.connect(lambda: self.jobs.remove(job) if job in self.jobs else None)
        # a job (import, print, backup) may also have written this device's own state and files: after
        # it every page reads again
        job.finished.connect(lambda: self._report(everything=True))
        return job
