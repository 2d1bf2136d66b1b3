"""What every page shares: the ledger, the undo stack, the village in view, background jobs, and one
signal that data changed, saying what changed (pages refresh from services, never from guesses, and
only when the change concerns them)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.services.context import EVERYTHING, Change, Ledger

if TYPE_CHECKING:
    from desktop.services.first_screen import FirstScreen
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
    # the ledger is open (a start that showed its first screen before opening it, see ``opening``)
    opened = Signal()
    _arrived = Signal()  # from the thread that opened it

    def __init__(
        self,
        ledger: Ledger | None,
        parent: QObject | None = None,
        *,
        user: str | None = None,
        first: FirstScreen | None = None,
    ) -> None:
        """``ledger``: the open ledger; or None with ``first``, the first screen read before opening it
        (services/first_screen), while another thread opens it and hands it to ``opening``."""
        super().__init__(parent)
        self._ledger = ledger
        self.first = first if ledger is None else None
        self.opening: Future[Ledger] = Future()
        # begins the opening at once (it otherwise waits for the window's first paint): see ``ledger``
        self.begin_opening: Callable[[], None] | None = None
        if ledger is not None:
            self.opening.set_result(ledger)
        elif first is None:
            raise ValueError("a context needs its ledger, or the first screen read before opening it")
        self.user = user  # who unlocked an encrypted ledger; None for a plain one (nothing to lock)
        self.is_locked = False
        # set before the window closes when the ledger must be opened again (encryption just enabled):
        # app.py then opens it with this unlocked keyring in a new window
        self.reopen_with: Unlocked | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._stack_moved)
        device = ledger.this_device() if ledger is not None else first.device if first else None
        assert device is not None
        self.role = device.role
        self._village_id: str | None = device.village_id
        self.jobs: list[Job] = []
        self._kinds: set[str] = set()  # kinds committed and not reported yet
        self._kinds_lock = threading.Lock()  # a job's worker thread adds to them too
        self._acting = 0  # inside edit() or write(): they report at their end
        self._commit_arrived.connect(self._report_soon, Qt.ConnectionType.QueuedConnection)
        self._listening = ledger is not None
        if ledger is not None:
            ledger.on_commit(self._committed)
        else:
            self._arrived.connect(self._adopt, Qt.ConnectionType.QueuedConnection)
            self.opening.add_done_callback(self._arrive)

    @property
    def ledger(self) -> Ledger:
        """The open ledger; asked for before the opening thread is done, it waits for it (an action
        taken in the first moments after the window came up; opening failed: its error is raised)."""
        if self._ledger is None:
            begin = self.begin_opening
            if begin is not None:  # asked for before the window's first paint began the opening
                begin()
            self.opening.result()
            self._adopt()
        assert self._ledger is not None
        return self._ledger

    @property
    def is_open(self) -> bool:
        """The ledger is open and in use (not only its first screen shown)."""
        return self._ledger is not None

    def today(self) -> dt.date:
        """The ledger's today; before it is open (the first screen), the calendar's, as the app opens it."""
        return self._ledger.today() if self._ledger is not None else dt.date.today()

    def _arrive(self, opening: Future[Ledger]) -> None:
        """On the thread that opened the ledger, before it writes (the opening check's judging)."""
        if opening.exception() is not None:
            return
        self._listen(opening.result())
        if shiboken6.isValid(self):
            self._arrived.emit()

    def _listen(self, ledger: Ledger) -> None:
        """Commits reported from now on (once: the opening thread or the GUI thread, whichever first)."""
        with self._kinds_lock:
            if self._listening:
                return
            self._listening = True
        ledger.on_commit(self._committed)

    @Slot()
    def _adopt(self) -> None:
        """The opened ledger taken into use (once): commits reported from now on, ``opened`` said."""
        if self._ledger is not None or not self.opening.done() or self.opening.exception() is not None:
            return
        self._ledger = self.opening.result()
        self._listen(self._ledger)
        self.first = None
        self.opened.emit()

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
