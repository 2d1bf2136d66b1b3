"""What a locked main window shows instead of its pages: the program's name, 已锁定, who is signed in
and a passphrase field. Nothing of the ledger."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.security.unlock_dialog import message_label, passphrase_edit
from desktop.ui.shell.i18n import tr


class LockScreen(QWidget):
    unlock_requested = Signal(str)  # the passphrase typed

    def __init__(self, user: str, users: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        name = QLabel(tr("驻村台账"))
        name.setObjectName("lockAppName")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 2)
        big.setBold(True)
        name.setFont(big)
        state = QLabel(tr("已锁定"))
        state.setObjectName("lockState")
        who = QLabel(tr("使用人："))
        who.setObjectName("lockUser")
        # another member of the work team may unlock with their own passphrase; their changes are theirs
        self.user = QComboBox()
        self.user.setObjectName("lockUserChoice")
        for member in users or [user]:
            self.user.addItem(member, member)
        self.user.setCurrentIndex(max(self.user.findData(user), 0))
        self.user.setEnabled(self.user.count() > 1)
        self.passphrase = passphrase_edit("lockPassphrase", tr("口令"))
        self.passphrase.setMinimumWidth(260)
        self.passphrase.returnPressed.connect(self._submit)
        self.unlock_button = QPushButton(tr("解锁"))
        self.unlock_button.setObjectName("lockUnlock")
        self.unlock_button.clicked.connect(self._submit)
        self.message = message_label("lockMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        field = QHBoxLayout()
        field.addStretch(1)
        field.addWidget(self.passphrase)
        field.addWidget(self.unlock_button)
        field.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for label in (name, state):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        person = QHBoxLayout()
        person.addStretch(1)
        person.addWidget(who)
        person.addWidget(self.user)
        person.addStretch(1)
        layout.addLayout(person)
        layout.addSpacing(16)
        layout.addLayout(field)
        layout.addWidget(self.message)
        layout.addStretch(3)

    def chosen_user(self) -> str:
        return str(self.user.currentData())

    def reset(self) -> None:
        self.passphrase.clear()
        self.message.setText("")
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.user.setEnabled(not busy and self.user.count() > 1)
        if busy:
            self.message.setText(tr("正在核对口令…"))

    def refuse(self, text: str) -> None:
        self.set_busy(False)
        self.message.setText(text)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _submit(self) -> None:
        if not self.passphrase.text().strip():
            self.message.setText(tr("请输入口令"))
            return
        self.unlock_requested.emit(self.passphrase.text())
