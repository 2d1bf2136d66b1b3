"""At start, for an encrypted data folder: who works now, and that user's passphrase.

A wrong passphrase says so under the field and changes nothing; the key derivation runs off the GUI
thread (the window stays responsive, with a busy cursor). 忘记口令？ sets a new passphrase with the
recovery code, which is used up by that: its successor is shown once, to be written down. 退出 (or
closing the dialog) leaves the program.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import InvalidInput
from desktop.services.security.users import Unlocked, check_passphrase, recover, security_status, unlock
from desktop.ui.security.recovery_code_dialog import show_recovery_code
from desktop.ui.shell.dialogs import error_text, only_default
from desktop.ui.shell.i18n import tr
from desktop.ui.shell.slow_call import SlowCall

ERROR_STYLE = "color: #c62828;"


def ask_unlock(home: Path, *, give_up_after_ms: int | None = None) -> Unlocked | None:
    """The unlocked keyring, or None when the user chose 退出 (``give_up_after_ms``: for smoke runs)."""
    dialog = UnlockDialog(home)
    if give_up_after_ms is not None:
        QTimer.singleShot(give_up_after_ms, dialog.reject)
    return dialog.unlocked if dialog.exec() == QDialog.DialogCode.Accepted else None


def passphrase_edit(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def message_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


class UnlockDialog(QDialog):
    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(tr("驻村台账 — 解锁"))
        self.home = home
        self.unlocked: Unlocked | None = None
        self.recover_dialog: RecoverDialog | None = None
        self.users = [user.name for user in security_status(home).users]
        self.user = QComboBox()
        self.user.setObjectName("unlockUser")
        self.user.addItems(self.users)
        self.passphrase = passphrase_edit("unlockPassphrase")  # Enter: the default button, 解锁
        self.message = message_label("unlockMessage")
        self.unlock_button = QPushButton(tr("解锁"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button = QPushButton(tr("退出"))
        self.quit_button.setObjectName("unlockQuit")
        self.quit_button.clicked.connect(self.reject)
        self.forgot_button = QPushButton(tr("忘记口令？"))
        self.forgot_button.setObjectName("forgotPassphrase")
        self.forgot_button.setFlat(True)
        only_default(self.unlock_button, (self.quit_button, self.forgot_button))
        self.forgot_button.clicked.connect(self.open_recovery)
        self.check = SlowCall(self)
        self.check.done.connect(self._unlocked)
        self.check.failed.connect(self._refused)
        title = QLabel("<b>{}</b>".format(tr("驻村台账")))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = QLabel(tr("这个台账已加密。请选择使用人，输入口令。"))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("使用人"), self.user)
        form.addRow(tr("口令"), self.passphrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        self.passphrase.setFocus()

    def try_unlock(self) -> bool:
        """Check the passphrase off the GUI thread; False when nothing was started."""
        passphrase, user, home = self.passphrase.text(), self.user.currentText(), self.home
        if not passphrase.strip():
            self.message.setText(tr("请输入口令"))
            return False
        if not self.check.start(lambda: unlock(home, passphrase, user)):  # plain values only
            return False
        self._busy(True)
        self.message.setText(tr("正在核对口令…"))
        return True

    def open_recovery(self) -> RecoverDialog:
        self.recover_dialog = RecoverDialog(self.home, self.users, self)
        self.recover_dialog.user.setCurrentText(self.user.currentText())
        self.recover_dialog.recovered.connect(self._recovered)
        self.recover_dialog.open()
        return self.recover_dialog

    def _unlocked(self, unlocked: Unlocked) -> None:
        self.unlocked = unlocked
        self.passphrase.clear()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._busy(False)
        self.message.setText(error_text(error))
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _recovered(self, unlocked: Unlocked) -> None:
        self._unlocked(unlocked)

    def _busy(self, busy: bool) -> None:
        # the field stays enabled (read-only) so that the focus stays in it, not on a button
        self.passphrase.setReadOnly(busy)
        for widget in (self.user, self.unlock_button, self.forgot_button):
            widget.setEnabled(not busy)


class RecoverDialog(QDialog):
    """忘记口令：the recovery code sets a new passphrase for one user; the code's successor is shown once."""

    recovered = Signal(object)  # Unlocked: the user, unlocked with the new passphrase

    def __init__(self, home: Path, users: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoverDialog")
        self.setWindowTitle(tr("忘记口令 — 用恢复码设新口令"))
        self.home = home
        self.user = QComboBox()
        self.user.setObjectName("recoverUser")
        self.user.addItems(users)
        self.code = QLineEdit()
        self.code.setObjectName("recoveryCodeInput")
        self.code.setPlaceholderText(tr("8 组、每组 5 个字母或数字，如 7K3QD-…"))
        self.new = passphrase_edit("recoverNew", tr("至少 8 个字符，可以是一句话"))
        self.again = passphrase_edit("recoverAgain")
        self.message = message_label("recoverMessage")
        self.ok_button = QPushButton(tr("设新口令"))
        self.ok_button.setObjectName("recoverButton")
        self.ok_button.clicked.connect(self.try_recover)
        cancel = QPushButton(tr("取消"))
        cancel.clicked.connect(self.reject)
        only_default(self.ok_button, (cancel,))
        self.work = SlowCall(self)
        self.work.done.connect(self._done)
        self.work.failed.connect(self._refused)
        intro = QLabel(
            tr(
                "用乡镇保管的恢复码为使用人设一个新口令。恢复码用过即作废，"
                "随后会显示新的恢复码：请抄下，交乡镇保管。"
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("使用人"), self.user)
        form.addRow(tr("恢复码"), self.code)
        form.addRow(tr("新口令"), self.new)
        form.addRow(tr("再输入一次"), self.again)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)

    def try_recover(self) -> bool:
        user, code, new = self.user.currentText(), self.code.text(), self.new.text()
        try:
            if not code.strip():
                raise InvalidInput(tr("请输入恢复码"))
            if new != self.again.text():
                raise InvalidInput(tr("两次输入的新口令不一致，未做任何改动"))
            check_passphrase(new, user=user)
        except InvalidInput as error:
            self.message.setText(error.message)
            return False
        home = self.home

        def work() -> tuple[str, Unlocked]:
            successor = recover(home, code, user, new)
            return successor, unlock(home, new, user)

        if not self.work.start(work):
            return False
        self.ok_button.setEnabled(False)
        self.message.setText(tr("正在设置新口令…"))
        return True

    def _done(self, outcome: tuple[str, Unlocked]) -> None:
        successor, unlocked = outcome
        for edit in (self.code, self.new, self.again):
            edit.clear()
        self.message.setText("")
        self.accept()
        # the old code is used up: the new one is shown once, to be written down and kept at the township
        show_recovery_code(None, successor, user=unlocked.user)
        self.recovered.emit(unlocked)

    def _refused(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.setText(error_text(error))
