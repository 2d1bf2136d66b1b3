"""Income by year: record or correct one year of a household (figures in yuan, the transfer parts)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.income import default_income_year
from desktop.services.households.incomes import (
    EARLIEST_YEAR,
    income_of,
    preview_income,
    record_income,
    remove_income,
)
from desktop.ui.households.form_parts import (
    income_labels,
    save_cancel,
    yuan,
)
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.i18n import tr
from desktop.ui.widgets.unsaved import AsksBeforeClosing


class IncomeForm(AsksBeforeClosing, QDialog):
    """One year's income: the four sources (转移性 with its parts), production costs and a note, with the
    net and per-person income against the year's line shown while typing."""

    def __init__(self, ctx: UiContext, household_id: str, year: int | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("incomeForm")
        self.setWindowTitle(tr("记录/修改某年收入"))
        self.ctx = ctx
        self.household_id = household_id
        today = ctx.ledger.today()
        self.year = QSpinBox()
        self.year.setObjectName("incomeYear")
        self.year.setRange(EARLIEST_YEAR, today.year)
        self.year.setSuffix(tr(" 年"))
        self.state = QLabel()
        self.state.setObjectName("incomeState")
        self.amounts: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.addRow(tr("收入年度"), self.year)
        form.addRow("", self.state)
        for name, text in income_labels().items():
            edit = QLineEdit()
            edit.setObjectName(f"income_{name}")
            edit.setPlaceholderText(tr("元"))
            edit.textChanged.connect(self._update_preview)
            self.amounts[name] = edit
            form.addRow(text, edit)
        self.amounts["transfer"].setPlaceholderText(tr("不填时按下列各项相加"))
        self.note = QLineEdit()
        self.note.setObjectName("income_note")
        form.addRow(tr("备注"), self.note)
        self.preview = QLabel()
        self.preview.setObjectName("incomePreview")
        self.preview.setWordWrap(True)
        form.addRow(self.preview)
        form.addRow(save_cancel(self, self.save))
        self.year.setValue(year or max(default_income_year(today), EARLIEST_YEAR))
        self.year.valueChanged.connect(self._load)
        self._load(self.year.value())

    def _load(self, year: int) -> None:
        """Show the year as recorded (or empty), so saving edits it."""
        record = income_of(self.ctx.ledger, household=self.household_id, year=year)
        values = record.inputs() if record else {}
        for name, edit in self.amounts.items():
            value = values.get(name)
            edit.setText("" if value is None else yuan(value))
        self.note.setText(values.get("note") or "")
        text = tr("修改已记录的 {year} 年收入") if record else tr("{year} 年还没有收入记录")
        self.state.setText(text.format(year=year))
        self._update_preview()

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {name: edit.text().strip() or None for name, edit in self.amounts.items()}
        result["note"] = self.note.text().strip() or None
        return result

    def _update_preview(self) -> None:
        figures = {name: edit.text() for name, edit in self.amounts.items()}
        if not any(text.strip() for text in figures.values()):  # nothing typed: nothing to compare yet
            self.preview.setStyleSheet("")
            self.preview.setText(tr("填写收入后，这里显示人均纯收入与当年贫困线的对比"))
            return
        try:
            preview = preview_income(
                self.ctx.ledger, household=self.household_id, year=self.year.value(), **figures
            )
        except UserError as error:
            self.preview.setStyleSheet("color: #c62828")
            self.preview.setText(error.message)
            return
        parts = [tr("家庭纯收入 {net} 元").format(net=yuan(preview.net))]
        if preview.per_person is None:
            parts.append(tr("户内没有在册人员，无法计算人均"))
        else:
            parts.append(
                tr("人均纯收入 {per} 元（{n} 人）").format(per=yuan(preview.per_person), n=preview.members)
            )
        below = False
        if preview.poverty_line is not None:
            parts.append(tr("当年贫困线 {line} 元").format(line=yuan(preview.poverty_line)))
            below = preview.per_person is not None and preview.per_person <= preview.poverty_line
        if preview.monitoring_line is not None:
            parts.append(tr("监测标准 {line} 元").format(line=yuan(preview.monitoring_line)))
        if below:
            parts.append(tr("低于贫困线"))
        self.preview.setStyleSheet("color: #c62828" if below else "")
        # which year's figure is used and its source: "2025 年扶贫标准尚未设置，沿用 2019 年标准 …"
        lines = ["　".join(parts), *([preview.line_note] if preview.line_note else [])]
        self.preview.setText("\n".join(lines))

    def save(self) -> bool:
        ledger, household, year = self.ctx.ledger, self.household_id, self.year.value()
        values = self.values()
        before = income_of(ledger, household=household, year=year)

        def undo() -> Any:
            if before is None:
                return remove_income(ledger, household=household, year=year, reason="撤销")
            return record_income(ledger, household=household, year=year, **before.inputs())

        done = self.ctx.edit(
            self,
            tr("记录 {year} 年收入").format(year=year),
            lambda: record_income(ledger, household=household, year=year, **values),
            undo,
        )
        if done:
            self.accept()
        return done
