"""The household window's forms for income by year, assistance measures and helpers (帮扶责任人).

Each save is one service call pushed on the window's undo stack with the call that takes it back, so
Ctrl+Z undoes it (the undo is itself a logged change that syncs). A refused save shows the service's
Chinese message and writes nothing; the form stays open to correct it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import MEASURE_GROUPS, UNIT_LEVELS
from desktop.domain.errors import UserError
from desktop.services.assistance.measures import (
    HelperChange,
    MeasureRecord,
    PairingRecord,
    add_measure,
    add_pairing,
    archive_measure,
    archive_pairing,
    change_helper,
    edit_measure,
    edit_pairing,
    end_pairing,
    measures_of,
    pairings_of,
    restore_measure,
    restore_pairing,
    revert_helper_change,
)
from desktop.services.households.field_input import parse_date
from desktop.services.households.incomes import (
    EARLIEST_YEAR,
    income_of,
    preview_income,
    record_income,
    remove_income,
)
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import confirm, show_error, show_info
from desktop.ui.shell.i18n import tr
from desktop.ui.widgets.record_table_model import RecordTableModel


def _income_labels() -> dict[str, str]:
    return {
        "wage": tr("工资性收入"),
        "business": tr("生产经营性收入"),
        "property": tr("财产性收入（含分红）"),
        "transfer": tr("转移性收入合计"),
        "transfer_family_planning": tr("　其中：计划生育金"),
        "transfer_dibao": tr("　　　　低保金"),
        "transfer_tekun": tr("　　　　特困供养金"),
        "transfer_pension": tr("　　　　养老金"),
        "transfer_eco": tr("　　　　生态补偿金"),
        "transfer_other": tr("　　　　其他"),
        "business_costs": tr("生产经营性支出"),
    }


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
        table.doubleClicked.connect(lambda index: self.open_income_form(_row(table, index.row()).get("year")))
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(_button(tr("记录/修改某年收入…"), "recordIncome", lambda: self.open_income_form()))
        layout.addLayout(row)
        return tab

    def measure_buttons(self, table: QTableView) -> QHBoxLayout:
        self.measure_table = table
        table.doubleClicked.connect(lambda _index: self.open_measure_form(edit=True))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(_button(tr("添加措施…"), "addMeasure", lambda: self.open_measure_form()))
        row.addWidget(_button(tr("修改…"), "editMeasure", lambda: self.open_measure_form(edit=True)))
        row.addWidget(_button(tr("撤销"), "archiveMeasure", self.archive_measure))
        return row

    def pairing_buttons(self, table: QTableView) -> QHBoxLayout:
        self.pairing_table = table
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(_button(tr("添加帮扶责任人…"), "addHelper", lambda: self.open_pairing_form()))
        row.addWidget(
            _button(tr("更换帮扶责任人…"), "changeHelper", lambda: self.open_pairing_form(change=True))
        )
        row.addWidget(_button(tr("结束帮扶"), "endHelper", lambda: self.open_end_form()))
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
        chosen = _selected_id(self.measure_table, len(records))
        if chosen is None or chosen not in records:
            show_info(self.window, tr("请先在帮扶措施表中选中一条措施。"))
            return None
        return records[chosen]

    def _selected_pairing(self, *, quiet: bool = False) -> PairingRecord | None:
        records = {p.id: p for p in pairings_of(self.ctx.ledger, household=self.household_id)}
        chosen = _selected_id(self.pairing_table, None)
        if chosen is None:
            current = [p for p in records.values() if p.current]
            chosen = current[0].id if len(current) == 1 else None  # the only current helper
        if chosen is None or chosen not in records:
            if not quiet:
                show_info(self.window, tr("请先在帮扶责任人表中选中一位。"))
            return None
        return records[chosen]


class IncomeForm(QDialog):
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
        for name, text in _income_labels().items():
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
        form.addRow(_save_cancel(self))
        self.year.setValue(year or today.year)
        self.year.valueChanged.connect(self._load)
        self._load(self.year.value())

    def _load(self, year: int) -> None:
        """Show the year as recorded (or empty), so saving edits it."""
        record = income_of(self.ctx.ledger, household=self.household_id, year=year)
        values = record.inputs() if record else {}
        for name, edit in self.amounts.items():
            value = values.get(name)
            edit.setText("" if value is None else _yuan(value))
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
        try:
            preview = preview_income(
                self.ctx.ledger, household=self.household_id, year=self.year.value(), **figures
            )
        except UserError as error:
            self.preview.setStyleSheet("color: #c62828")
            self.preview.setText(error.message)
            return
        parts = [tr("家庭纯收入 {net} 元").format(net=_yuan(preview.net))]
        if preview.per_person is None:
            parts.append(tr("户内没有在册人员，无法计算人均"))
        else:
            parts.append(
                tr("人均纯收入 {per} 元（{n} 人）").format(per=_yuan(preview.per_person), n=preview.members)
            )
        below = False
        if preview.poverty_line is not None:
            parts.append(tr("当年贫困线 {line} 元").format(line=_yuan(preview.poverty_line)))
            below = preview.per_person is not None and preview.per_person <= preview.poverty_line
        if preview.monitoring_line is not None:
            parts.append(tr("监测标准 {line} 元").format(line=_yuan(preview.monitoring_line)))
        if below:
            parts.append(tr("低于贫困线"))
        self.preview.setStyleSheet("color: #c62828" if below else "")
        self.preview.setText("　".join(parts))

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


class MeasureForm(QDialog):
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
        form.addRow(_save_cancel(self))
        if record is not None:
            self.group.setCurrentIndex(max(0, self.group.findData(record.group_name)))
            for name, edit in self.edits.items():
                value = getattr(record, name)
                edit.setText(
                    _yuan(value) if isinstance(value, Decimal) else "" if value is None else str(value)
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
            changes = {name: value for name, value in fields.items() if not _same(getattr(old, name), value)}
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


class PairingForm(QDialog):
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
        form.addRow(_save_cancel(self))

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


class EndPairingForm(QDialog):
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
        form.addRow(_save_cancel(self))

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


def _save_cancel(form: IncomeForm | MeasureForm | PairingForm | EndPairingForm) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(form.save)
    buttons.rejected.connect(form.reject)
    return buttons


def _button(text: str, name: str, action: Any) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(action)
    return button


def _row(table: QTableView, row: int) -> dict[str, Any]:
    model = table.model()
    return model.row_at(row) if isinstance(model, RecordTableModel) and 0 <= row < model.rowCount() else {}


def _selected_id(table: QTableView | None, only_if: int | None) -> str | None:
    """The record id of the selected row; with nothing selected, the only row when ``only_if`` is 1."""
    if table is None:
        return None
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if rows:
        return _row(table, rows[0].row()).get("id")
    if only_if == 1:
        return _row(table, 0).get("id")
    return None


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, Decimal) and new is not None:
        try:
            return old == Decimal(str(new).replace(",", ""))
        except ArithmeticError:
            return False
    if isinstance(old, dt.date) or old is None or isinstance(old, bool):
        return old == new
    return str(old) == str(new)


def _yuan(value: Decimal) -> str:
    return f"{value.normalize():f}"
