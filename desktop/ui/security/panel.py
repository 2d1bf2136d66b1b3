"""设置 → 用户与安全: whether the data is encrypted, who may unlock it, their passphrases, the recovery
code and the idle lock; on a plain data folder, 启用加密.

Enabling encryption converts the folder in place (services.encryption) on a worker thread, with the
ledger closed meanwhile (the conversion needs the database to itself) and the window blocked. The new
recovery code is shown once; then the window closes and app.py opens the ledger again, unlocked, in a
new window (``UiContext.reopen_with``): the old window's connections point at the plain file that is
gone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import InvalidInput
from desktop.services.preferences import IDLE_LOCK, get_preference, set_preference
from desktop.services.security.encryption import Enabled, enable_encryption
from desktop.services.security.users import Unlocked, security_status, unlock
from desktop.ui.photos.thumbnails import thumbnail_hub
from desktop.ui.security.dialogs import (
    AddUserDialog,
    ChangePassphraseDialog,
    EnableEncryptionDialog,
    NewRecoveryCodeDialog,
    SecurityForm,
)
from desktop.ui.security.recovery_code_dialog import show_recovery_code
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error, show_info
from desktop.ui.shell.i18n import tr, tr_noop
from desktop.ui.shell.jobs import Job, Progress, run_job
from desktop.ui.widgets.record_table_model import Column, RecordTableModel
from desktop.ui.widgets.tables import read_only_table


class SecurityPanel(QGroupBox):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("用户与安全"), parent)
        self.setObjectName("securityPanel")
        self.ctx = ctx
        self.form: SecurityForm | None = None
        self.enable_job: Job | None = None
        self.state = QLabel()
        self.state.setObjectName("encryptionState")
        self.state.setWordWrap(True)
        self.users = RecordTableModel(  # headers: marked here, translated where shown
            [Column("name", tr_noop("用户")), Column("created", tr_noop("设立时间"))], parent=self
        )
        self.user_table = read_only_table(self.users, "securityUsers", stretch=0)
        self.user_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.user_table.setMaximumHeight(140)
        self.add_button = _button(tr("添加用户…"), "addUser", self.open_add_user)
        self.passwd_button = _button(tr("修改我的口令…"), "changePassphrase", self.open_change_passphrase)
        self.recovery_button = _button(tr("生成新的恢复码…"), "newRecoveryCode", self.open_new_recovery_code)
        self.enable_button = _button(tr("启用加密…"), "enableEncryption", self.open_enable)
        self.idle = QComboBox()
        self.idle.setObjectName("idleLockMinutes")
        for value, _label in IDLE_LOCK.choices:
            self.idle.addItem(tr("从不") if value == "0" else tr("{n} 分钟").format(n=value), value)
        self.idle.activated.connect(self._idle_chosen)
        self.idle_row = QWidget()
        idle_layout = QHBoxLayout(self.idle_row)
        idle_layout.setContentsMargins(0, 0, 0, 0)
        idle_layout.addWidget(QLabel(tr("无操作多久后自动锁定")))
        idle_layout.addWidget(self.idle)
        idle_layout.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.passwd_button, self.recovery_button, self.enable_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.user_table)
        layout.addWidget(self.idle_row)
        layout.addLayout(buttons)

    @property
    def home(self) -> Path:
        return self.ctx.ledger.folder().home

    def refresh(self) -> None:
        location = self.ctx.ledger.folder()
        if not location.is_sqlite:
            self.state.setText(tr("服务器数据库：数据由数据库服务器保护（请对服务器的磁盘加密）。"))
            self._show(encrypted=False, server=True)
            return
        status = security_status(location.home)
        self._show(encrypted=status.encrypted, server=False)
        if not status.encrypted:
            self.state.setText(tr("数据未加密：电脑丢失或借给别人时，别人能读到农户的信息。建议启用加密。"))
            self.users.set_rows([])
            return
        me = self.ctx.user
        self.state.setText(
            tr("数据已加密（数据库、照片、备份和本机密钥）。当前使用人：{user}。").format(user=me or "—")
        )
        self.users.set_rows(
            [
                {
                    "name": user.name + (tr("（当前）") if user.name == me else ""),
                    "created": user.created.replace("T", " "),
                }
                for user in status.users
            ]
        )
        self.passwd_button.setEnabled(me is not None)
        index = self.idle.findData(get_preference(self.ctx.ledger, IDLE_LOCK))
        self.idle.setCurrentIndex(max(index, 0))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    # --- the forms ---------------------------------------------------------------------------------
    def open_add_user(self) -> SecurityForm:
        form = AddUserDialog(self.home, self.ctx.user, self)
        form.succeeded.connect(self._user_added)
        return self._open(form)

    def open_change_passphrase(self) -> SecurityForm:
        form = ChangePassphraseDialog(self.home, self.ctx.user or "", self)
        form.succeeded.connect(lambda user: show_info(self, tr("已修改 {user} 的口令。").format(user=user)))
        return self._open(form)

    def open_new_recovery_code(self) -> SecurityForm:
        form = NewRecoveryCodeDialog(self.home, self.ctx.user, self)
        form.succeeded.connect(lambda made: show_recovery_code(self, made[0], user=made[1]))
        return self._open(form)

    def open_enable(self) -> SecurityForm:
        form = EnableEncryptionDialog(self.ctx.ledger.this_device().user_name or "", self)
        form.succeeded.connect(lambda chosen: self.enable_encryption(*chosen))
        return self._open(form)

    def enable_encryption(self, user: str, passphrase: str) -> Job | None:
        """Encrypt the data folder in place on a worker thread (the window blocked meanwhile)."""
        if self.ctx.jobs:
            show_error(self, InvalidInput(tr("请等正在进行的任务完成后再启用加密，未做任何改动")))
            return None
        ledger, home = self.ctx.ledger, self.home
        # nothing may read the database or the photos while they are converted
        thumbnail_hub().wait()
        QThreadPool.globalInstance().waitForDone(30_000)
        ledger.close()

        def work(_progress: Progress) -> tuple[Enabled, Unlocked]:
            enabled = enable_encryption(home, user=user, passphrase=passphrase)
            return enabled, unlock(home, passphrase, enabled.user)

        # not UiContext.run: its "changed" would make the pages read the old connection meanwhile
        self.enable_job = run_job(self, tr("正在加密台账（数据库、照片、备份）…"), work, self._encrypted)
        self.enable_job.finished.connect(self._after_enable)
        dialog = self.enable_job.dialog
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setCancelButton(None)  # the conversion is all or nothing: it cannot stop halfway
        dialog.show()  # at once: no click may reach the pages while the database is closed
        return self.enable_job

    # --- reactions ---------------------------------------------------------------------------------
    def _open(self, form: SecurityForm) -> SecurityForm:
        self.form = form
        form.open()
        return form

    def _show(self, *, encrypted: bool, server: bool) -> None:
        self.user_table.setVisible(encrypted)
        self.idle_row.setVisible(encrypted)
        for button in (self.add_button, self.passwd_button, self.recovery_button):
            button.setVisible(encrypted)
        self.enable_button.setVisible(not encrypted and not server)

    def _user_added(self, name: str) -> None:
        self.refresh()
        show_info(self, tr("已添加用户 {name}：他用自己的口令打开这个台账。").format(name=name))

    def _idle_chosen(self) -> None:
        value = self.idle.currentData()
        self.ctx.write(self, lambda: set_preference(self.ctx.ledger, IDLE_LOCK, value))

    def _after_enable(self) -> None:
        job = self.enable_job
        if job is not None and job.error is not None and security_status(self.home).encrypted:
            # converted, but its last steps failed (the message said so): this window's connections
            # point at the plain file that is gone; the next start asks for the passphrase
            self.window().close()

    def _encrypted(self, outcome: Any) -> None:
        enabled, unlocked = outcome
        window = self.window()
        show_recovery_code(window, enabled.recovery_code, user=enabled.user)
        self.ctx.reopen_with = unlocked
        window.close()  # app.py opens the ledger again, encrypted and unlocked, in a new window


def _button(text: str, name: str, slot: Any) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button
