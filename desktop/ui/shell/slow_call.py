"""One slow call off the GUI thread: a passphrase's key derivation (Argon2id, 64 MiB: a quarter of a
second here, seconds on an old laptop), or a rewrap of the keyring.

The window keeps painting, shows a busy cursor meanwhile, and gets the answer back on the GUI thread
as ``done(result)`` or ``failed(error)``: a form shows a wrong passphrase in its own words, next to the
field, instead of in a message box (which ``UiContext.run`` and ``BackgroundQuery`` would show).

The worker holds nothing of Qt: only the call (which must capture plain values, never a widget) and an
application-wide relay. A widget whose last Python reference went away on a worker thread would be
deleted by shiboken at some later moment on the GUI thread (a crash seen with the unlock dialog).
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication


class _Relay(QObject):
    """Lives as long as the application; carries each answer back to the GUI thread."""

    answered = Signal(int, bool, object)  # call number, succeeded, result or error

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.waiting: weakref.WeakValueDictionary[int, SlowCall] = weakref.WeakValueDictionary()
        self.answered.connect(self._deliver)

    def _deliver(self, number: int, succeeded: bool, value: Any) -> None:
        QGuiApplication.restoreOverrideCursor()
        call = self.waiting.pop(number, None)
        if call is not None and shiboken6.isValid(call):  # the form may be gone meanwhile
            call._finish(succeeded, value)


_relay: _Relay | None = None
_numbers = itertools.count(1)


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay(QCoreApplication.instance())
    return _relay


class SlowCall(QObject):
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy = False

    def start(self, call: Callable[[], Any]) -> bool:
        """Run ``call`` on a worker thread; False (and nothing started) while the last one still runs."""
        if self.busy:
            return False
        self.busy = True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        relay, number = _the_relay(), next(_numbers)
        relay.waiting[number] = self

        def task() -> None:
            try:
                result = call()
            except Exception as error:
                relay.answered.emit(number, False, error)
            else:
                relay.answered.emit(number, True, result)

        QThreadPool.globalInstance().start(task)
        return True

    def _finish(self, succeeded: bool, value: Any) -> None:
        self.busy = False
        (self.done if succeeded else self.failed).emit(value)
