"""A form closed with changes not saved asks 保存 / 放弃 / 取消 (Esc, the window's ×, 取消 alike)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from desktop.ui.shell.dialogs import CANCEL, DISCARD, ask_save
from desktop.ui.shell.i18n import tr

State = list[tuple[str, str]]


def form_state(dialog: QDialog) -> State:
    """What the user can change in ``dialog``: every field's value, in a fixed order."""
    state: State = []
    for widget in dialog.findChildren(QLineEdit):
        if not isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            state.append((widget.objectName(), widget.text()))
    for box in dialog.findChildren(QPlainTextEdit):
        state.append((box.objectName(), box.toPlainText()))
    for rich in dialog.findChildren(QTextEdit):
        state.append((rich.objectName(), rich.toPlainText()))
    for combo in dialog.findChildren(QComboBox):
        state.append((combo.objectName(), combo.currentText()))
    for date in dialog.findChildren(QDateEdit):
        state.append((date.objectName(), date.date().toString("yyyy-MM-dd")))
    for spin in dialog.findChildren(QAbstractSpinBox):
        if not isinstance(spin, QDateEdit):
            state.append((spin.objectName(), spin.text()))
    for button in dialog.findChildren(QAbstractButton):
        if button.isCheckable():
            state.append((button.objectName(), str(button.isChecked())))
    return state


def may_close(dialog: QDialog, opened: State, save: Callable[[], bool]) -> bool:
    """Called from the form's reject(): True when it may close as asked (nothing changed, or 放弃). 保存
    runs ``save`` (which closes the form itself when the save succeeds); 取消 keeps the form open."""
    if form_state(dialog) == opened:
        return True
    answer = ask_save(dialog, tr("这张表有改动还没有保存，关闭前要保存吗？"))
    if answer == DISCARD:
        return True
    if answer != CANCEL:
        save()
    return False


class AsksBeforeClosing:
    """For a QDialog form with ``save() -> bool`` (put first among the bases): what the fields hold when
    it is first shown is remembered; closing it changed (Esc, ×, 取消) asks 保存 / 放弃 / 取消."""

    _opened: State | None = None

    def save(self) -> bool:  # the form's own
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        if not isinstance(self, QDialog):
            raise TypeError("AsksBeforeClosing is a base of QDialog forms only")
        if self._opened is None:
            self._opened = form_state(self)
        super().showEvent(event)  # type: ignore[misc]

    def reject(self) -> None:
        if not isinstance(self, QDialog):
            raise TypeError("AsksBeforeClosing is a base of QDialog forms only")
        if self._opened is None or may_close(self, self._opened, self.save):
            super().reject()  # type: ignore[misc]
