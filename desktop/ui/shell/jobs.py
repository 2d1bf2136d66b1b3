"""Long work (PDFs, bundles, photo import) on a worker thread with a progress dialog and cancel.

The work gets a ``progress(done, total) -> bool`` callback (the services' convention): it reports
progress and returns False once the user pressed cancel, so the service stops cleanly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.ui.shell.dialogs import show_error
from desktop.ui.shell.i18n import tr

Progress = Callable[[int, int], bool]


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Progress], Any], cancelled: threading.Event) -> None:
        super().__init__()
        self._work, self._cancelled = work, cancelled

    @Slot()
    def run(self) -> None:
        def progress(done: int, total: int) -> bool:
            self.progressed.emit(done, total)
            return not self._cancelled.is_set()

        try:
            result = self._work(progress)
        except BaseException as error:
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class Job(QObject):
    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None] | None,
    ) -> None:
        super().__init__(parent)
        self.cancelled = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self._on_done = on_done
        self._parent = parent
        self.dialog = QProgressDialog(title, tr("取消"), 0, 0, parent)
        self.dialog.setObjectName("jobProgress")
        self.dialog.setWindowTitle(tr("驻村台账"))
        self.dialog.setMinimumDuration(400)  # quick jobs never flash a dialog
        self.dialog.canceled.connect(self.cancelled.set)
        self._thread = QThread()
        self._worker = _Worker(work, self.cancelled)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._progressed)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)
        self._thread.start()

    def wait(self, ms: int = 60_000) -> bool:
        """For tests and shutdown: block until the worker thread ended."""
        return self._thread.wait(ms)

    def _progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    def _succeeded(self, result: Any) -> None:
        self.result = result
        self._end()
        if self._on_done is not None:
            try:
                self._on_done(result)
            except Exception as error:
                show_error(self._parent, error)

    def _failed(self, error: BaseException) -> None:
        self.error = error
        self._end()
        show_error(self._parent, error)

    def _end(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.dialog.reset()
        self.dialog.hide()
        self.finished.emit()


def run_job(
    parent: QWidget | None, title: str, work: Callable[[Progress], Any], on_done: Callable[[Any], None] | None
) -> Job:
    return Job(parent, title, work, on_done)
