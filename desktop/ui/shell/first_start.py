"""First start without data: set up this village (or a township office), or open the demo village.

A village or a township is set up encrypted (the ledger is SQLCipher from its first byte): the user's
name and a passphrase typed twice, the rules checked under the fields as they are typed. The key
derivation and the building of the ledger run off the GUI thread (busy cursor); then the recovery
code is shown once and the dialog ends only after 继续 there. "不加密（不建议）" makes a plain ledger; the
demo village (fictional data) is always plain. A server database (``ledger`` given, township/county on
PostgreSQL) is not encrypted here and asks no passphrase.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.security.users import Unlocked, check_passphrase
from desktop.services.setup import (
    EncryptedInit,
    SetupResult,
    check_ready_for_init,
    init_encrypted,
    init_township,
    init_village,
)
from desktop.ui.security.recovery_code_dialog import RecoveryCodeDialog
from desktop.ui.shell.dialogs import error_text, show_error
from desktop.ui.shell.i18n import tr
from desktop.ui.shell.slow_call import SlowCall

DEMO, VILLAGE, TOWNSHIP = "demo", "village", "township"
ERROR_STYLE = "color: #c62828;"
# opens (creating) the ledger of a data folder, unlocked when given a user's data key
OpenFolder = Callable[[Path, Unlocked | None], Ledger]


class FirstStartDialog(QDialog):
    """After ``exec()`` is accepted the folder holds a ledger; ``unlocked`` is its first user when it
    was made encrypted (open it with that), else None. With ``ledger`` (an open, empty server
    database) everything is written into it, unencrypted."""

    def __init__(
        self,
        home: Path,
        *,
        open_folder: OpenFolder,
        ledger: Ledger | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartDialog")
        self.setWindowTitle(tr("驻村台账 — 开始使用"))
        self.home = home
        self.ledger = ledger
        self.open_folder = open_folder
        self.unlocked: Unlocked | None = None
        self.recovery: RecoveryCodeDialog | None = None
        self.encryptable = ledger is None
        self.choice = QButtonGroup(self)
        self.demo = QRadioButton(tr("打开演示村（亚弄村，71 户，虚构的数据）：先看看软件怎么用"))
        self.village = QRadioButton(tr("建立本村台账"))
        self.township = QRadioButton(tr("建立乡镇设备（接收各村的同步包）"))
        for button in (self.demo, self.village, self.township):
            self.choice.addButton(button)
        self.demo.setChecked(True)
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.user = QLineEdit()
        self.code.setPlaceholderText(tr("村（或乡镇）代码，如 513301207201"))
        self.name.setPlaceholderText(tr("村名（或乡镇名），如 亚弄村"))
        self.user.setPlaceholderText(tr("你的姓名"))
        self.passphrase = _hidden("passphrase", tr("至少 8 个字符，可以是一句话"))
        self.again = _hidden("passphraseAgain", tr("再输入一次"))
        self.plain = QCheckBox(tr("不加密（不建议）"))
        self.plain.setObjectName("noEncryption")
        self.plain.setToolTip(tr("不加密时，户籍、身份证号等个人信息以明文保存在这台电脑上"))
        self.message = QLabel()
        self.message.setObjectName("firstStartMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.form = QFormLayout()
        self.form.addRow(tr("代码"), self.code)
        self.form.addRow(tr("名称"), self.name)
        self.form.addRow(tr("使用人"), self.user)
        self.form.addRow(tr("口令"), self.passphrase)
        self.form.addRow(tr("确认口令"), self.again)
        self.form.addRow("", self.plain)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.slow = SlowCall(self)
        self.slow.done.connect(self._created)
        self.slow.failed.connect(self._refused)
        layout = QVBoxLayout(self)
        welcome = tr("<b>欢迎使用驻村台账</b>　数据只保存在这台电脑上，并且加密。")
        layout.addWidget(QLabel(welcome if self.encryptable else tr("<b>欢迎使用驻村台账</b>")))
        for button in (self.demo, self.village, self.township):
            layout.addWidget(button)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.choice.buttonToggled.connect(self._toggle)
        self.plain.toggled.connect(self._toggle)
        for edit in (self.user, self.passphrase, self.again):
            edit.textChanged.connect(self._check_passphrase)
        self._toggle()

    @property
    def selected(self) -> str:
        return DEMO if self.demo.isChecked() else VILLAGE if self.village.isChecked() else TOWNSHIP

    @property
    def encrypted(self) -> bool:
        return self.encryptable and self.selected != DEMO and not self.plain.isChecked()

    def start(self) -> None:
        if self.slow.busy:
            return
        self.message.clear()
        try:
            if self.selected == DEMO:
                self._plain(self._demo)
            elif not self.encrypted:
                self._plain(self._setup())
            else:
                setup = self._setup()
                user, passphrase = self.user.text().strip(), self.passphrase.text()
                self._check_new(passphrase, user)
                self._busy(True)
                self.slow.start(lambda: self._create_encrypted(user, passphrase, setup))
                return
        except InvalidInput as error:
            self.message.setText(error.message)
            return
        except Exception as error:
            show_error(self, error)
            return
        self.accept()

    def reject(self) -> None:
        if not self.slow.busy:  # the ledger is being built: it finishes first
            super().reject()

    # --- private -----------------------------------------------------------------------------------
    def _setup(self) -> Callable[[Ledger], SetupResult]:
        """What the new ledger gets, its fields checked before anything is created."""
        code, name, user = self.code.text().strip(), self.name.text().strip(), self.user.text().strip()
        if not code or not name:
            raise InvalidInput(tr("请填写代码和名称"))
        if not user:
            raise InvalidInput(tr("请填写使用人的姓名"))
        if self.selected == VILLAGE:
            return lambda ledger: init_village(ledger, code=code, name=name, user=user)
        return lambda ledger: init_township(ledger, code=code, name=name, user=user)

    def _check_new(self, passphrase: str, user: str) -> None:
        check_passphrase(passphrase, user=user)
        if passphrase != self.again.text():
            raise InvalidInput(tr("两次输入的口令不一致"))

    def _demo(self, ledger: Ledger) -> object:
        from desktop.services.demo import create_demo

        return create_demo(ledger)

    def _plain(self, fill: Callable[[Ledger], object]) -> None:
        """Into the given (server) ledger, or a new plain one in the data folder, closed afterwards."""
        if self.ledger is not None:
            fill(self.ledger)
            return
        check_ready_for_init(self.home)
        ledger = self.open_folder(self.home, None)
        try:
            fill(ledger)
        finally:
            ledger.close()

    def _create_encrypted(
        self, user: str, passphrase: str, setup: Callable[[Ledger], SetupResult]
    ) -> EncryptedInit:
        return init_encrypted(
            self.home, user=user, passphrase=passphrase, setup=setup, open_folder=self.open_folder
        )

    def _created(self, done: EncryptedInit) -> None:
        self._busy(False)
        self.unlocked = done.unlocked
        for edit in (self.passphrase, self.again):
            edit.clear()
        self.recovery = RecoveryCodeDialog(done.recovery_code, user=done.unlocked.user, parent=self)
        self.recovery.accepted.connect(self.accept)
        self.recovery.open()

    def _refused(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, InvalidInput):
            self.message.setText(error.message)
        else:
            show_error(self, error)

    def _busy(self, busy: bool) -> None:
        for widget in (self.buttons, self.demo, self.village, self.township, self.plain):
            widget.setEnabled(not busy)
        for edit in (self.code, self.name, self.user, self.passphrase, self.again):
            edit.setReadOnly(busy)
        self.message.setText(tr("正在建立加密的台账……") if busy else "")
        self.message.setStyleSheet("" if busy else ERROR_STYLE)

    def _check_passphrase(self, *_: object) -> None:
        """The rules' message under the fields while typing; nothing when they are met (or empty)."""
        if not self.encrypted or not self.passphrase.text():
            self.message.clear()
            return
        try:
            check_passphrase(self.passphrase.text(), user=self.user.text())
            if self.again.text() and self.again.text() != self.passphrase.text():
                raise InvalidInput(tr("两次输入的口令不一致"))
        except InvalidInput as error:
            self.message.setText(error_text(error))
        else:
            self.message.clear()

    def _toggle(self, *_: object) -> None:
        setting_up = self.selected != DEMO
        for edit in (self.code, self.name, self.user):
            edit.setEnabled(setting_up)
        self.plain.setVisible(self.encryptable)
        self.plain.setEnabled(setting_up)
        for edit in (self.passphrase, self.again):
            edit.setEnabled(self.encrypted)
            self.form.setRowVisible(edit, self.encryptable)
        self._check_passphrase()


def _hidden(name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit
