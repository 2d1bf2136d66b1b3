"""A household's helpers (帮扶责任人): start a pairing, and end one."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.domain.enums import UNIT_LEVELS
from desktop.domain.errors import UserError
from desktop.services.assistance.measures import (
    HelperChange,
    PairingRecord,
    add_pairing,
    archive_pairing,
    change_helper,
    edit_pairing,
    end_pairing,
    restore_pairing,
    revert_helper_change,
)
from desktop.services.households.field_input import parse_date
from desktop.ui.households.form_parts import (
    save_cancel,
)
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error
from desktop.ui.shell.i18n import tr
from desktop.ui.widgets.unsaved import AsksBeforeClosing


class PairingForm(AsksBeforeClosing, QDialog):
    """A helper for the household: added beside the current ones, or replacing one (``current`` given):
    the replaced helper's pairing ends the day before the new one starts."""

    def __init__(
        self,
        ctx: UiContext,
        household_id: str,
        current: list[PairingRecord] | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pairingForm")
        self.changing = current is not None
        self.setWindowTitle(tr("更换帮扶责任人") if self.changing else tr("添加帮扶责任人"))
        self.ctx = ctx
        self.household_id = household_id
        form = QFormLayout(self)
        self.replaced = QComboBox()
        self.replaced.setObjectName("replacedHelper")
        for record in current or []:
            self.replaced.addItem(
                tr("{name}（自 {start} 起）").format(
                    name=record.helper_name or "", start=record.start_on or "?"
                ),
                record.id,
            )
        if self.changing:
            form.addRow(tr("原帮扶责任人"), self.replaced)
        self.name = QLineEdit()
        self.name.setObjectName("helperName")
        self.unit = QLineEdit()
        self.unit.setObjectName("helperUnit")
        self.level = QComboBox()
        self.level.setObjectName("helperLevel")
        self.level.addItem("", None)
        for value in UNIT_LEVELS:
            self.level.addItem(value, value)
        self.post = QLineEdit()
        self.post.setObjectName("helperPost")
        self.phone = QLineEdit()
        self.phone.setObjectName("helperPhone")
        self.start = QLineEdit(ctx.ledger.today().isoformat())
        self.start.setObjectName("helperStart")
        form.addRow(tr("新帮扶责任人") if self.changing else tr("帮扶责任人"), self.name)
        form.addRow(tr("工作单位"), self.unit)
        form.addRow(tr("单位级别"), self.level)
        form.addRow(tr("职务"), self.post)
        form.addRow(tr("联系电话"), self.phone)
        form.addRow(tr("更换日期") if self.changing else tr("开始帮扶日期"), self.start)
        form.addRow(save_cancel(self, self.save))

    def choose_replaced(self, pairing_id: str) -> None:
        index = self.replaced.findData(pairing_id)
        if index >= 0:
            self.replaced.setCurrentIndex(index)

    def save(self) -> bool:
        try:
            start = parse_date(self.start.text(), tr("开始帮扶日期")) if self.start.text().strip() else None
        except UserError as error:
            show_error(self, error)
            return False
        ledger, household = self.ctx.ledger, self.household_id
        helper: dict[str, Any] = {
            "helper_name": self.name.text(),
            "work_unit": self.unit.text(),
            "unit_level": self.level.currentData(),
            "post": self.post.text(),
            "phone": self.phone.text(),
        }
        if self.changing:
            replaces = self.replaced.currentData()
            changes: list[HelperChange] = []

            def do_change() -> HelperChange:
                change = change_helper(ledger, household=household, on=start, replaces=replaces, **helper)
                changes.append(change)
                return change

            done = self.ctx.edit(
                self,
                tr("更换帮扶责任人"),
                do_change,
                lambda: revert_helper_change(ledger, change=changes[-1]),
            )
        else:
            made: list[str] = []

            def do_add() -> Any:
                if made:
                    return restore_pairing(ledger, pairing=made[0])
                record = add_pairing(ledger, household=household, start_on=start, **helper)
                made.append(record.id)
                return record

            done = self.ctx.edit(
                self,
                tr("添加帮扶责任人"),
                do_add,
                lambda: archive_pairing(ledger, pairing=made[0], reason="撤销添加"),
            )
        if done:
            self.accept()
        return done


class EndPairingForm(AsksBeforeClosing, QDialog):
    """The day a helper's responsibility for the household ended (default today)."""

    def __init__(self, ctx: UiContext, record: PairingRecord, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("endPairingForm")
        self.setWindowTitle(tr("结束帮扶"))
        self.ctx = ctx
        self.record = record
        form = QFormLayout(self)
        form.addRow(tr("帮扶责任人"), QLabel(record.helper_name or ""))
        self.end = QLineEdit(ctx.ledger.today().isoformat())
        self.end.setObjectName("helperEnd")
        form.addRow(tr("结束日期"), self.end)
        form.addRow(save_cancel(self, self.save))

    def save(self) -> bool:
        try:
            end_on = parse_date(self.end.text(), tr("结束日期"))
        except UserError as error:
            show_error(self, error)
            return False
        ledger, pairing = self.ctx.ledger, self.record.id
        done = self.ctx.edit(
            self,
            tr("结束帮扶"),
            lambda: end_pairing(ledger, pairing=pairing, end_on=end_on),
            lambda: edit_pairing(ledger, pairing=pairing, changes={"end_on": None}),
        )
        if done:
            self.accept()
        return done
