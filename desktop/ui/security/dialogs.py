"""The forms of 设置 → 用户与安全: add a user, change my passphrase, a new recovery code, enable encryption.

Each asks for a passphrase it checks first (yours, or the new user's twice), so a laptop left unlocked
does not let a passer-by add a user or take the recovery code. The slow key derivations run off the GUI
thread; a refusal (wrong passphrase, too short, the two entries differ) is shown in the form and
changes nothing. 启用加密 itself only collects the name and passphrase: the settings panel runs it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
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
from desktop.services.security.users import (
    add_user,
    change_passphrase,
    check_passphrase,
    renew_recovery_code,
    unlock,
)
from desktop.ui.security.unlock_dialog import message_label, passphrase_edit
from desktop.ui.shell.dialogs import error_text, only_default
from desktop.ui.shell.i18n import tr
from desktop.ui.shell.slow_call import SlowCall


class SecurityForm(QDialog):
    """A small form; OK checks the entries, then runs the slow part off the GUI thread."""

    succeeded = Signal(object)  # what the slow part returned

    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = message_label("securityFormMessage")
        self.ok_button = QPushButton(ok_text)
        self.ok_button.setObjectName("securityFormOk")
        self.ok_button.clicked.connect(self.submit)
        cancel = QPushButton(tr("取消"))
        cancel.clicked.connect(self.reject)
        only_default(self.ok_button, (cancel,))
        self.work = SlowCall(self)
        self.work.done.connect(self._done)
        self.work.failed.connect(self._refused)
        text = QLabel(intro)
        text.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)

    def slow_part(self) -> Callable[[], Any]:
        """Check the entries (raise InvalidInput) and return the slow call to run."""
        raise NotImplementedError

    def submit(self) -> bool:
        try:
            call = self.slow_part()
        except InvalidInput as error:
            self.message.setText(error.message)
            return False
        if not self.work.start(call):
            return False
        self.ok_button.setEnabled(False)
        self.message.setText(tr("正在处理，请稍候…"))
        return True

    def _done(self, result: Any) -> None:
        for edit in self.findChildren(QLineEdit):
            if edit.echoMode() == QLineEdit.EchoMode.Password:
                edit.clear()
        self.message.setText("")
        self.accept()
        self.succeeded.emit(result)

    def _refused(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.setText(error_text(error))


def _twice(new: QLineEdit, again: QLineEdit, user: str) -> str:
    if new.text() != again.text():
        raise InvalidInput(tr("两次输入的新口令不一致，未做任何改动"))
    check_passphrase(new.text(), user=user)
    return new.text()


class AddUserDialog(SecurityForm):
    def __init__(self, home: Path, me: str | None, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("添加用户"),
            tr("新用户用自己的口令打开同一个台账，他做的修改记在他名下。请先输入你的口令。"),
            tr("添加"),
            parent,
        )
        self.setObjectName("addUserDialog")
        self.home, self.me = home, me
        self.mine = passphrase_edit("myPassphrase")
        self.name = QLineEdit()
        self.name.setObjectName("newUserName")
        self.new = passphrase_edit("newUserPassphrase", tr("至少 8 个字符，可以是一句话"))
        self.again = passphrase_edit("newUserAgain")
        self.form.addRow(tr("你的口令"), self.mine)
        self.form.addRow(tr("新用户姓名"), self.name)
        self.form.addRow(tr("新用户的口令"), self.new)
        self.form.addRow(tr("再输入一次"), self.again)

    def slow_part(self) -> Callable[[], str]:
        name, mine, home, me = self.name.text().strip(), self.mine.text(), self.home, self.me
        if not mine.strip():
            raise InvalidInput(tr("请输入你的口令"))
        if not name:
            raise InvalidInput(tr("请输入新用户的姓名"))
        new = _twice(self.new, self.again, name)

        def call() -> str:
            add_user(home, unlock(home, mine, me), name, new)
            return name

        return call


class ChangePassphraseDialog(SecurityForm):
    def __init__(self, home: Path, me: str, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("修改我的口令"),
            tr("修改 {user} 的口令。数据不会重新加密，其他用户的口令不变。").format(user=me),
            tr("修改"),
            parent,
        )
        self.setObjectName("changePassphraseDialog")
        self.home, self.me = home, me
        self.current = passphrase_edit("currentPassphrase")
        self.new = passphrase_edit("newPassphrase", tr("至少 8 个字符，可以是一句话"))
        self.again = passphrase_edit("newPassphraseAgain")
        self.form.addRow(tr("当前口令"), self.current)
        self.form.addRow(tr("新口令"), self.new)
        self.form.addRow(tr("再输入一次"), self.again)

    def slow_part(self) -> Callable[[], str]:
        current, home, me = self.current.text(), self.home, self.me
        if not current.strip():
            raise InvalidInput(tr("请输入当前口令"))
        new = _twice(self.new, self.again, me)

        def call() -> str:
            change_passphrase(home, unlock(home, current, me), new)
            return me

        return call


class NewRecoveryCodeDialog(SecurityForm):
    def __init__(self, home: Path, me: str | None, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("生成新的恢复码"),
            tr("新的恢复码生成后，原来的恢复码立即作废。新恢复码只显示一次：请抄下，交乡镇保管。"),
            tr("生成"),
            parent,
        )
        self.setObjectName("newRecoveryCodeDialog")
        self.home, self.me = home, me
        self.mine = passphrase_edit("myPassphrase")
        self.form.addRow(tr("你的口令"), self.mine)

    def slow_part(self) -> Callable[[], tuple[str, str]]:
        mine, home, me = self.mine.text(), self.home, self.me
        if not mine.strip():
            raise InvalidInput(tr("请输入你的口令"))

        def call() -> tuple[str, str]:
            unlocked = unlock(home, mine, me)
            return renew_recovery_code(home, unlocked), unlocked.user

        return call


class EnableEncryptionDialog(SecurityForm):
    """Only collects and checks the first user's name and passphrase; ``succeeded((user, passphrase))``."""

    def __init__(self, user: str, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("启用加密"),
            tr(
                "加密后，数据库、照片、备份和本机密钥都用口令保护：电脑丢失或借给别人时，"
                "没有口令就看不到农户的信息。以后每次打开都要输入口令，"
                "还会生成一个恢复码（忘记口令时用），请抄下交乡镇保管。"
                "加密完成后台账会重新打开。"
            ),
            tr("开始加密"),
            parent,
        )
        self.setObjectName("enableEncryptionDialog")
        self.user = QLineEdit(user)
        self.user.setObjectName("firstUserName")
        self.new = passphrase_edit("firstPassphrase", tr("至少 8 个字符，可以是一句话"))
        self.again = passphrase_edit("firstPassphraseAgain")
        self.form.addRow(tr("使用人姓名"), self.user)
        self.form.addRow(tr("口令"), self.new)
        self.form.addRow(tr("再输入一次"), self.again)

    def slow_part(self) -> Callable[[], tuple[str, str]]:
        user = self.user.text().strip()
        if not user:
            raise InvalidInput(tr("请输入使用人姓名"))
        passphrase = _twice(self.new, self.again, user)
        return lambda: (user, passphrase)
