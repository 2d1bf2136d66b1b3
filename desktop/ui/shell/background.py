"""Read-only service queries too slow for the GUI thread (a township's 10,000 households' checklists).

Unlike ``UiContext.run`` (a write, with a progress dialog and cancel, announcing ``changed`` when done)
a query here shows no dialog and announces nothing: the page says "正在统计…" and fills itself when the
answer arrives. Only the newest answer is shown; one asked for earlier and overtaken is dropped.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from desktop.ui.shell.dialogs import show_error


class BackgroundQuery(QObject):
    _answered = Signal(int, object)
    _failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._asked = 0
        self._pending = 0
        self._on_result: Callable[[Any], None] | None = None
        self._answered.connect(self._deliver)
        self._failed.connect(self._fail)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def ask(self, query: Callable[[], Any], on_result: Callable[[Any], None]) -> None:
        self._asked += 1
        self._pending += 1
        number, self._on_result = self._asked, on_result

        def task() -> None:
            try:
                result = query()
            except Exception as error:
                outcome: tuple[str, Any] = ("_failed", error)
            else:
                outcome = ("_answered", result)
            # the page may have been closed and deleted while the query ran: then nobody is told
            with contextlib.suppress(RuntimeError):
                getattr(self, outcome[0]).emit(number, outcome[1])

        QThreadPool.globalInstance().start(task)

    def wait(self, ms: int = 60_000) -> bool:
        """For tests and shutdown: until every query asked has finished (answers still arrive by event)."""
        return QThreadPool.globalInstance().waitForDone(ms)

    def _deliver(self, number: int, result: Any) -> None:
        self._pending -= 1
        if number == self._asked and self._on_result is not None:
            self._on_result(result)

    def _fail(self, number: int, error: BaseException) -> None:
        self._pending -= 1
        if number == self._asked:
            parent = self.parent()
            show_error(parent if isinstance(parent, QWidget) else None, error)
