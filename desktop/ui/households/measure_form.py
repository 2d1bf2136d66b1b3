"""An assistance measure (帮扶措施) of a household: add or edit one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from desktop.domain.enums import MEASURE_GROUPS
from desktop.domain.errors import UserError
from desktop.services.assistance.measures import (
    MeasureRecord,
    add_measure,
    archive_measure,
    edit_measure,
    restore_measure,
)
from desktop.services.households.field_input import parse_date
from desktop.ui.households.form_parts import (
    same_value,
    save_cancel,
    yuan,
)
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error
from desktop.ui.shell.i18n import tr
from desktop.ui.widgets.unsaved import AsksBeforeClosing


class MeasureForm(AsksBeforeClosing, QDialog):
    """A new measure, or changes to one (only the fields that changed are written)."""

    def __init__(
        self, ctx: UiContext, household_id: str, record: MeasureRecord | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("measureForm")
        self.setWindowTitle(tr("修改帮扶措施") if record else tr("添加帮扶措施"))
        self.ctx = ctx
        self.household_id = household_id
        self.record = record
        self.group = QComboBox()
        self.group.setObjectName("measureGroup")
        for value in MEASURE_GROUPS:
            self.group.addItem(value, value)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.addRow(tr("措施类别"), self.group)
        for name, text, hint in (
            ("project", tr("帮扶项目"), tr("如 牦牛养殖")),
            ("scale", tr("规模"), tr("如 5 头")),
            ("unit", tr("实施单位"), ""),
            ("funds", tr("资金（元）"), ""),
            ("start_on", tr("开始日期"), tr("如 2026-05-01")),
            ("deadline", tr("完成期限"), tr("如 2026-12-31")),
            ("expected_gain", tr("预计增收（元）"), ""),
            ("result", tr("帮扶成效"), ""),
        ):
            edit = QLineEdit()
            edit.setObjectName(f"measure_{name}")
            edit.setPlaceholderText(hint)
            self.edits[name] = edit
            form.addRow(text, edit)
        self.signed = QCheckBox(tr("户主已签字确认成效"))
        self.signed.setObjectName("measureSigned")
        form.addRow("", self.signed)
        form.addRow(save_cancel(self, self.save))
        if record is not None:
            self.group.setCurrentIndex(max(0, self.group.findData(record.group_name)))
            for name, edit in self.edits.items():
                value = getattr(record, name)
                edit.setText(
                    yuan(value) if isinstance(value, Decimal) else "" if value is None else str(value)
                )
            self.signed.setChecked(bool(record.result_signed))

    def fields(self) -> dict[str, Any]:
        """What the form holds, typed; raises a UserError for a date that is not one."""
        result: dict[str, Any] = {"group_name": self.group.currentData()}
        for name, edit in self.edits.items():
            text = edit.text().strip()
            if name in ("start_on", "deadline"):
                label = tr("开始日期") if name == "start_on" else tr("完成期限")
                result[name] = parse_date(text, label) if text else None
            else:
                result[name] = text or None
        was = self.record.result_signed if self.record else None
        result["result_signed"] = True if self.signed.isChecked() else (False if was else None)
        return result

    def save(self) -> bool:
        try:
            fields = self.fields()
        except UserError as error:
            show_error(self, error)
            return False
        ledger = self.ctx.ledger
        if self.record is None:
            done = self.ctx.edit(self, tr("添加帮扶措施"), *self._add(ledger, fields))
        else:
            measure, old = self.record.id, self.record
            changes = {
                name: value for name, value in fields.items() if not same_value(getattr(old, name), value)
            }
            if not changes:
                self.accept()
                return True
            before = {name: getattr(old, name) for name in changes}
            done = self.ctx.edit(
                self,
                tr("修改帮扶措施"),
                lambda: edit_measure(ledger, measure=measure, changes=changes),
                lambda: edit_measure(ledger, measure=measure, changes=before),
            )
        if done:
            self.accept()
        return done

    def _add(self, ledger: Any, fields: dict[str, Any]) -> tuple[Any, Any]:
        """Add once; redo after an undo brings the same record back rather than a second one."""
        made: list[str] = []

        def do() -> Any:
            if made:
                return restore_measure(ledger, measure=made[0])
            record = add_measure(ledger, household=self.household_id, **fields)
            made.append(record.id)
            return record

        return do, lambda: archive_measure(ledger, measure=made[0], reason="撤销添加")
