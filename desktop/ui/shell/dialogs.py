"""Errors and questions as dialogs in plain Chinese. A user's mistake shows its message; a bug shows
where its report was written, never a traceback."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop.domain.errors import UserError
from desktop.services.maintenance.crash_reports import write_crash_report
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop

TITLE = tr_noop("驻村台账")


def error_text(error: BaseException) -> str:
    if isinstance(error, UserError):
        return error.message
    if isinstance(error, OSError) and error.errno == 28:
        return tr("磁盘空间不足：请清理空间后重试，未做任何改动")
    report = write_crash_report(error)
    return tr("程序出现了问题，未做任何改动。详细信息已写入 {report}，请把它交给技术支持").format(
        report=report
    )


def only_default(default: QPushButton, others: Iterable[QPushButton]) -> None:
    """Enter presses ``default`` and nothing else. In a QDialog a push button becomes the default when it
    takes the focus, as it does when the field before it is disabled for a slow check: without this the
    Enter that started the check would then press 退出 or 取消."""
    default.setDefault(True)
    default.setAutoDefault(True)
    for button in others:
        button.setAutoDefault(False)
        button.setDefault(False)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, tr_marked(TITLE), error_text(error), parent=parent)
    box.setObjectName("errorDialog")
    box.exec()


def show_info(parent: QWidget | None, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, tr_marked(TITLE), text, parent=parent)
    box.setObjectName("infoDialog")
    box.exec()


def confirm(parent: QWidget | None, text: str) -> bool:
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, tr_marked(TITLE), text, yes | no, parent)
    box.setObjectName("confirmDialog")
    box.setDefaultButton(yes)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is box.button(yes)


SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_save(parent: QWidget | None, text: str) -> str:
    """保存 / 放弃 / 取消 for unsaved work; Enter saves, Esc cancels. Returns SAVE, DISCARD or CANCEL."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr_marked(TITLE),
        text,
        buttons.Save | buttons.Discard | buttons.Cancel,
        parent,
    )
    box.setObjectName("unsavedDialog")
    for button, label in (
        (buttons.Save, tr("保存")),
        (buttons.Discard, tr("放弃")),
        (buttons.Cancel, tr("取消")),
    ):
        box.button(button).setText(label)
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is box.button(buttons.Save):
        return SAVE
    return DISCARD if clicked is box.button(buttons.Discard) else CANCEL
