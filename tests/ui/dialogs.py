"""Modal dialogs answered the way a user answers them.

The application's message boxes and the recovery code run modally (exec()), as in real use. While a test
runs, ``ModalDialogs`` watches for the next modal dialog; when one comes up it records what it says and
answers it with a real key press or click: Enter closes a message, a question gets the answer the test
queued with ``answer("yes")``/``answer("no")`` (a click on 是 or Esc; 保存 / 放弃 / 取消 alike), the recovery code is ticked as
written down and 继续 clicked. A question nobody queued an answer for, or an answer never asked for, fails
the test.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from desktop.ui.security.recovery_code_dialog import RecoveryCodeDialog

ANSWERED = "zhucunTestAnswered"
Handler = Callable[[QWidget], None]


@dataclass
class Seen:
    """One modal dialog as the user saw it."""

    name: str  # object name: errorDialog, infoDialog, confirmDialog, recoveryCodeDialog, …
    text: str
    answer: str = ""
    widget: QWidget | None = field(default=None, repr=False)  # kept for dialogs with more than text


class ModalDialogs(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Seen] = []
        self.answers: deque[str] = deque()
        self.handlers: deque[Handler] = deque()
        self.unanswered: list[str] = []
        self._read = 0
        self.timer = QTimer(self)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._poll)
        self.timer.start()
        global _current
        _current = self

    def answer(self, *answers: str) -> None:
        """Queue the answers of the next questions, in order: "yes"/"no" to a question, "save"/"discard"/
        "cancel" to unsaved work (保存 / 放弃 / 取消)."""
        assert all(a in ("yes", "no", "save", "discard", "cancel") for a in answers), answers
        self.answers.extend(answers)

    def on_next(self, handler: Handler) -> None:
        """Let ``handler`` deal with the next modal dialog (whatever it does, the dialog closes after)."""
        self.handlers.append(handler)

    def texts(self) -> list[str]:
        return [seen.text for seen in self.seen]

    def take(self) -> list[str]:
        """The texts of the dialogs shown since the last take()."""
        new = self.seen[self._read :]
        self._read = len(self.seen)
        return [seen.text for seen in new]

    def named(self, name: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.name == name]

    def stop(self) -> None:
        """Stop answering; close every modal dialog the test left open (a later test must never meet it:
        it would block that test's own dialogs) and say so in problems()."""
        global _current
        self.timer.stop()
        _current = None
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and widget.isModal():
                if widget.windowModality() == Qt.WindowModality.ApplicationModal:  # run with exec()
                    self.unanswered.append(f"a dialog left open: {widget.objectName()} {_text(widget)!r}")
                widget.done(QDialog.DialogCode.Rejected)
                widget.hide()

    def problems(self) -> list[str]:
        said = list(self.unanswered)
        if self.answers:
            said.append(f"answers never asked for: {list(self.answers)}")
        if self.handlers:
            said.append(f"{len(self.handlers)} dialog handler(s) never used")
        return said

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or widget.property(ANSWERED) or not widget.isVisible():
            return
        shown_by_exec = widget.windowModality() == Qt.WindowModality.ApplicationModal
        if not (isinstance(widget, QMessageBox) or self.handlers or shown_by_exec):
            return  # a dialog opened with open() (window-modal): the test drives it itself
        widget.setProperty(ANSWERED, True)
        if self.handlers:
            handler = self.handlers.popleft()
            seen = Seen(widget.objectName(), _text(widget), "handler", widget)
            self.seen.append(seen)
            try:
                handler(widget)
            finally:
                if widget.isVisible() and isinstance(widget, QDialog):
                    widget.done(QDialog.DialogCode.Rejected)
            return
        if isinstance(widget, RecoveryCodeDialog) and shown_by_exec:
            self.seen.append(Seen(widget.objectName(), widget.code, "written down", widget))
            if widget.continue_button.isEnabled():
                self.unanswered.append("继续 could be pressed before the code was written down")
            # the keyboard, as a user without a mouse would: Space ticks the box, Space on 继续 presses it
            widget.written.setFocus()
            QTest.keyClick(widget.written, Qt.Key.Key_Space)
            if not widget.written.isChecked():
                self.unanswered.append("Space did not tick 我已抄下恢复码")
                widget.written.setChecked(True)
            QTest.keyClick(widget.continue_button, Qt.Key.Key_Space)
            return
        if not isinstance(widget, QMessageBox):
            return  # another dialog run with exec() (QPrintDialog, the unlock dialog): left to the test
        yes = widget.button(QMessageBox.StandardButton.Yes)
        save = widget.button(QMessageBox.StandardButton.Save)
        if yes is None and save is None:
            self.seen.append(Seen(widget.objectName(), widget.text(), "ok"))
            QTest.keyClick(widget, Qt.Key.Key_Return)
            return
        if not self.answers:
            self.unanswered.append(f"a question nobody answered: {widget.text()}")
            self.seen.append(Seen(widget.objectName(), widget.text(), "no"))
            QTest.keyClick(widget, Qt.Key.Key_Escape)
            return
        answer = self.answers.popleft()
        self.seen.append(Seen(widget.objectName(), widget.text(), answer))
        buttons = {
            "yes": yes,
            "save": save,
            "discard": widget.button(QMessageBox.StandardButton.Discard),
        }
        button = buttons.get(answer)
        if button is not None:
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        else:  # no, cancel: Esc, the escape button
            if answer not in ("no", "cancel") or (answer == "no") != (yes is not None):
                self.unanswered.append(f"answer {answer!r} does not fit: {widget.text()}")
            QTest.keyClick(widget, Qt.Key.Key_Escape)


_current: ModalDialogs | None = None


def save_as(path: Path) -> Handler:
    """A save dialog answered as a user does: the file name entered, then 保存 clicked."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), dialog
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(name, QLineEdit)
        name.setText(str(path))  # pasted: typed letters would open the completer's list over the field
        buttons = dialog.findChild(QDialogButtonBox)
        assert isinstance(buttons, QDialogButtonBox)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        assert save is not None and save.isEnabled()
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)

    return answer


def current() -> ModalDialogs:
    """The dialogs of the running test (the autouse ``modal`` fixture of tests/ui/conftest.py)."""
    assert _current is not None
    return _current


def shown() -> list[str]:
    """What the dialogs shown since the last call said."""
    return current().take()


def _text(widget: QWidget) -> str:
    if isinstance(widget, QMessageBox):
        return widget.text()
    if isinstance(widget, RecoveryCodeDialog):
        return widget.code
    return widget.windowTitle()
