"""A new household with its head (户主): the few fields needed to start, the rest in its tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from desktop.domain.enums import HOUSEHOLD_CATEGORIES
from desktop.domain.errors import InvalidInput
from desktop.services.households.households import add_household
from desktop.services.village.info import list_villages
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error
from desktop.ui.shell.i18n import tr
from desktop.ui.widgets.unsaved import AsksBeforeClosing


class NewHouseholdDialog(AsksBeforeClosing, QDialog):
    """Closing it with something typed (Esc, ×, 取消) asks 保存 / 放弃 / 取消 first."""

    created = Signal(str)  # the new household's id

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newHouseholdDialog")
        self.setWindowTitle(tr("新增农户"))
        self.ctx = ctx
        self.number = QLineEdit()
        self.number.setObjectName("newHouseholdNumber")
        self.head_name = QLineEdit()
        self.head_name.setObjectName("newHouseholdHead")
        self.head_id = QLineEdit()
        self.head_id.setObjectName("newHouseholdHeadId")
        self.head_id.setPlaceholderText(tr("18 位身份证号码"))
        self.group = QLineEdit()
        self.category = QComboBox()
        self.category.addItem("", "")
        for value in HOUSEHOLD_CATEGORIES:
            self.category.addItem(value, value)
        form = QFormLayout(self)
        # a township holds many villages: the household's village is chosen, never left empty
        self.village = QComboBox()
        self.village.setObjectName("newHouseholdVillage")
        if ctx.is_township:
            self.village.addItem(tr("（请选择村）"), "")
            for choice in list_villages(ctx.ledger):
                self.village.addItem(choice.label, choice.id)
            index = self.village.findData(ctx.village_id) if ctx.village_id else 0
            self.village.setCurrentIndex(max(index, 0))
            form.addRow(tr("村"), self.village)
        form.addRow(tr("户编号"), self.number)
        form.addRow(tr("户主姓名"), self.head_name)
        form.addRow(tr("户主证件号码"), self.head_id)
        form.addRow(tr("村民小组"), self.group)
        form.addRow(tr("贫困户属性"), self.category)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> bool:
        village_id = self.ctx.village_id
        if self.ctx.is_township:
            village_id = self.village.currentData() or None
            if village_id is None:
                show_error(self, InvalidInput(tr("请选择农户所属的村")))
                self.village.setFocus()
                return False
        head = {"name": self.head_name.text().strip()}
        if self.head_id.text().strip():
            head["id_number"] = self.head_id.text().strip()
        fields = {
            "group_name": self.group.text().strip() or None,
            "category": self.category.currentData() or None,
        }
        row = self.ctx.write(
            self,
            lambda: add_household(
                self.ctx.ledger,
                number=self.number.text(),
                head=head,
                fields=fields,
                village_id=village_id,
            ),
        )
        if row is None:
            return False
        self.created.emit(row.id)
        self.accept()
        return True
