"""The household window's forms for income by year, assistance measures and helpers (帮扶责任人).

Each save is one service call pushed on the window's undo stack with the call that takes it back, so
Ctrl+Z undoes it (the undo is itself a logged change that syncs). A refused save shows the service's
Chinese message and writes nothing; the form stays open to correct it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QHBoxLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.assistance.measures import (
    MeasureRecord,
    PairingRecord,
    archive_measure,
    measures_of,
    pairings_of,
    restore_measure,
)
from desktop.ui.households.form_parts import (
    button,
    row_values,
    selected_id,
)
from desktop.ui.households.income_form import IncomeForm
from desktop.ui.households.measure_form import MeasureForm
from desktop.ui.households.pairing_forms import EndPairingForm, PairingForm
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import confirm, show_info
from desktop.ui.shell.i18n import tr


class HouseholdRecordActions(QObject):
    """The buttons of the 收入 and 帮扶措施 tabs and the forms they open, for one household."""

    def __init__(self, ctx: UiContext, household_id: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.window = parent
        self.income_table: QTableView | None = None
        self.measure_table: QTableView | None = None
        self.pairing_table: QTableView | None = None

    # --- the tabs' buttons ---------------------------------------------------------------------------
    def income_tab(self, table: QTableView) -> QWidget:
        """The income table with its button; double-clicking a year opens it in the form."""
        self.income_table = table
        table.doubleClicked.connect(
            lambda index: self.open_income_form(row_values(table, index.row()).get("year"))
        )
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button(tr("记录/修改某年收入…"), "recordIncome", lambda: self.open_income_form()))
        layout.addLayout(row)
        return tab

    def measure_buttons(self, table: QTableView) -> QHBoxLayout:
        self.measure_table = table
        table.doubleClicked.connect(lambda _index: self.open_measure_form(edit=True))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button(tr("添加措施…"), "addMeasure", lambda: self.open_measure_form()))
        row.addWidget(button(tr("修改…"), "editMeasure", lambda: self.open_measure_form(edit=True)))
        row.addWidget(button(tr("撤销"), "archiveMeasure", self.archive_measure))
        return row

    def pairing_buttons(self, table: QTableView) -> QHBoxLayout:
        self.pairing_table = table
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button(tr("添加帮扶责任人…"), "addHelper", lambda: self.open_pairing_form()))
        row.addWidget(
            button(tr("更换帮扶责任人…"), "changeHelper", lambda: self.open_pairing_form(change=True))
        )
        row.addWidget(button(tr("结束帮扶"), "endHelper", lambda: self.open_end_form()))
        return row

    # --- what they open ------------------------------------------------------------------------------
    def open_income_form(self, year: int | None = None) -> IncomeForm:
        form = IncomeForm(self.ctx, self.household_id, year, self.window)
        form.open()
        return form

    def open_measure_form(self, *, edit: bool = False) -> MeasureForm | None:
        record = None
        if edit:
            record = self._selected_measure()
            if record is None:
                return None
        form = MeasureForm(self.ctx, self.household_id, record, self.window)
        form.open()
        return form

    def archive_measure(self) -> bool:
        record = self._selected_measure()
        if record is None:
            return False
        question = tr("撤销帮扶措施“{project}”？它不再列出，记录保留在变更日志中。")
        if not confirm(self.window, question.format(project=record.project or "")):
            return False
        ledger, measure = self.ctx.ledger, record.id
        return self.ctx.edit(
            self.window,
            tr("撤销帮扶措施"),
            lambda: archive_measure(ledger, measure=measure, reason="撤销"),
            lambda: restore_measure(ledger, measure=measure),
        )

    def open_pairing_form(self, *, change: bool = False) -> PairingForm | None:
        current = [p for p in pairings_of(self.ctx.ledger, household=self.household_id) if p.current]
        if change and not current:
            show_info(self.window, tr("这户目前没有帮扶责任人：请用“添加帮扶责任人…”。"))
            return None
        form = PairingForm(self.ctx, self.household_id, current if change else None, self.window)
        selected = self._selected_pairing(quiet=True)
        if change and selected is not None and selected.current:
            form.choose_replaced(selected.id)
        form.open()
        return form

    def open_end_form(self) -> EndPairingForm | None:
        record = self._selected_pairing()
        if record is None:
            return None
        if not record.current:
            show_info(self.window, tr("{name} 的帮扶已经结束。").format(name=record.helper_name or ""))
            return None
        form = EndPairingForm(self.ctx, record, self.window)
        form.open()
        return form

    # --- the selected row ----------------------------------------------------------------------------
    def _selected_measure(self) -> MeasureRecord | None:
        records = {m.id: m for m in measures_of(self.ctx.ledger, household=self.household_id)}
        chosen = selected_id(self.measure_table, len(records))
        if chosen is None or chosen not in records:
            show_info(self.window, tr("请先在帮扶措施表中选中一条措施。"))
            return None
        return records[chosen]

    def _selected_pairing(self, *, quiet: bool = False) -> PairingRecord | None:
        records = {p.id: p for p in pairings_of(self.ctx.ledger, household=self.household_id)}
        chosen = selected_id(self.pairing_table, None)
        if chosen is None:
            current = [p for p in records.values() if p.current]
            chosen = current[0].id if len(current) == 1 else None  # the only current helper
        if chosen is None or chosen not in records:
            if not quiet:
                show_info(self.window, tr("请先在帮扶责任人表中选中一位。"))
            return None
        return records[chosen]
