"""The recovery code, shown once: large, printable, copyable; 继续 only after the user says it is written down.

The code opens the ledger when every passphrase is forgotten, so the dialog will not close (not even with
Esc or the window's ×) until "我已抄下恢复码，交乡镇保管" is ticked.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase, QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.shell.fonts import FONT_FAMILY
from desktop.ui.shell.i18n import tr


def show_recovery_code(parent: QWidget | None, code: str, *, user: str) -> None:
    """Show ``code`` (modal) until the user ticks that it is written down and presses 继续."""
    dialog = RecoveryCodeDialog(code, user=user, parent=parent)
    dialog.exec()


class RecoveryCodeDialog(QDialog):
    def __init__(self, code: str, *, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryCodeDialog")
        self.setWindowTitle(tr("恢复码 — 只显示这一次"))
        self.setModal(True)
        self.code = code
        self.user = user
        intro = QLabel(
            tr(
                "这是本台账的恢复码。所有使用人都忘了口令时，只有用它才能重新设置口令、打开台账。"
                "请抄下（或打印）交乡镇保管；它只显示这一次。"
            )
        )
        intro.setWordWrap(True)
        self.code_label = QLabel(_two_lines(code))
        self.code_label.setObjectName("recoveryCode")
        self.code_label.setFont(_code_font())
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setStyleSheet("padding: 12px; border: 1px solid #888; background: #fff;")
        self.print_button = QPushButton(tr("打印"))
        self.print_button.setObjectName("printRecoveryCode")
        self.copy_button = QPushButton(tr("复制"))
        self.copy_button.setObjectName("copyRecoveryCode")
        self.copied = QLabel("")
        self.written = QCheckBox(tr("我已抄下恢复码，交乡镇保管"))
        self.written.setObjectName("recoveryCodeWritten")
        self.continue_button = QPushButton(tr("继续"))
        self.continue_button.setObjectName("recoveryCodeContinue")
        self.continue_button.setEnabled(False)
        self.print_button.clicked.connect(self._print_with_dialog)
        self.copy_button.clicked.connect(self._copy)
        self.written.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)
        tools = QHBoxLayout()
        tools.addWidget(self.print_button)
        tools.addWidget(self.copy_button)
        tools.addWidget(self.copied)
        tools.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.written)
        bottom.addStretch(1)
        bottom.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code_label)
        layout.addLayout(tools)
        layout.addLayout(bottom)

    def reject(self) -> None:
        """Esc closes the dialog only once the code is written down."""
        if self.written.isChecked():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.written.isChecked():
            super().closeEvent(event)
        else:
            event.ignore()

    def document(self) -> QTextDocument:
        """The printed sheet: the code with who and when, and what it is for."""
        today = dt.date.today().isoformat()
        sheet = QTextDocument()
        # the shipped CJK font, registered at start: a laptop without Chinese fonts still prints Chinese
        sheet.setDefaultFont(QFont(FONT_FAMILY, 12))
        sheet.setHtml(
            "<h2>{title}</h2><p>{who}</p><p style='font-family: monospace; font-size: 20pt;'>"
            "<b>{code}</b></p><p>{what}</p>".format(
                title=html.escape(tr("驻村台账 恢复码")),
                who=html.escape(tr("建立人：{user}　日期：{date}").format(user=self.user, date=today)),
                code=html.escape(_two_lines(self.code)).replace("\n", "<br>"),  # as on screen
                what=html.escape(
                    tr(
                        "所有使用人都忘了口令时，用这个恢复码重新设置口令"
                        "（zhucun security recover）。请交乡镇保管，不要和电脑放在一起。"
                    )
                ),
            )
        )
        return sheet

    def print_to(self, printer: QPrinter) -> None:
        self.document().print_(printer)

    def _print_with_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(tr("恢复码"))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("打印"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code)
        self.copied.setText(tr("已复制"))


def _two_lines(code: str) -> str:
    groups = code.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + "-\n" + "-".join(groups[half:]) if len(groups) > 1 else code


def _code_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(20)
    font.setBold(True)
    return font
