"""First start without data: set up this village (or a township office), or open the demo village."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.ledger import Ledger
from desktop.services.setup import init_township, init_village
from desktop.ui.dialogs import show_error

DEMO, VILLAGE, TOWNSHIP = "demo", "village", "township"


class FirstStartDialog(QDialog):
    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartDialog")
        self.setWindowTitle("驻村台账 — 开始使用")
        self.ledger = ledger
        self.choice = QButtonGroup(self)
        self.demo = QRadioButton("打开演示村（亚弄村，71 户）：先看看软件怎么用")
        self.village = QRadioButton("建立本村台账")
        self.township = QRadioButton("建立乡镇设备（接收各村的同步包）")
        for button in (self.demo, self.village, self.township):
            self.choice.addButton(button)
        self.demo.setChecked(True)
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.user = QLineEdit()
        self.code.setPlaceholderText("村（或乡镇）代码，如 513301207201")
        self.name.setPlaceholderText("村名（或乡镇名），如 亚弄村")
        self.user.setPlaceholderText("你的姓名")
        form = QFormLayout()
        form.addRow("代码", self.code)
        form.addRow("名称", self.name)
        form.addRow("使用人", self.user)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>欢迎使用驻村台账</b>　数据只保存在这台电脑上。"))
        for button in (self.demo, self.village, self.township):
            layout.addWidget(button)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.choice.buttonToggled.connect(self._toggle)
        self._toggle()

    @property
    def selected(self) -> str:
        return DEMO if self.demo.isChecked() else VILLAGE if self.village.isChecked() else TOWNSHIP

    def start(self) -> None:
        try:
            if self.selected == DEMO:
                from desktop.services.demo import create_demo

                create_demo(self.ledger)
            elif self.selected == VILLAGE:
                init_village(self.ledger, code=self.code.text(), name=self.name.text(), user=self.user.text())
            else:
                init_township(
                    self.ledger, code=self.code.text(), name=self.name.text(), user=self.user.text()
                )
        except Exception as error:
            show_error(self, error)
            return
        self.accept()

    def _toggle(self, *_: object) -> None:
        for edit in (self.code, self.name, self.user):
            edit.setEnabled(self.selected != DEMO)
