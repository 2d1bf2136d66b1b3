"""监测: the 防返贫 monitoring households — category, risk types (at most five, in order), measures,
each identification step with its date — and risk elimination with its date and reason.

Every save is checked by the service (steps in order, none in the future, risk types that fit the
household) and is undoable with Ctrl+Z; what is late or doubtful is pointed out beside the record.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import MONITORING_CATEGORIES, RISK_TYPES
from desktop.domain.errors import InvalidInput
from desktop.domain.monitoring import MAX_RISK_TYPES
from desktop.services.households.field_input import parse_date
from desktop.services.monitoring import (
    CLUE_SOURCES,
    ELIMINATED,
    IDENTIFYING,
    MONITORED,
    STEPS,
    MonitoringRow,
    edit_monitoring,
    eliminate_risk,
    elimination_problems,
    list_monitoring,
    monitoring_record,
    reopen_monitoring,
    start_monitoring,
    withdraw_monitoring,
)
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import confirm, show_error
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.page import Page
from desktop.ui.widgets.dates import py_date
from desktop.ui.widgets.household_picker import HouseholdPicker, household_label
from desktop.ui.widgets.record_table_model import Column, RecordTableModel
from desktop.ui.widgets.tables import read_only_table

COLUMNS = (
    Column("number", tr_noop("户编号")),
    Column("head_name", tr_noop("户主")),
    Column("category", tr_noop("监测类型")),
    Column("risk_types", tr_noop("风险类型")),
    Column("identified_on", tr_noop("认定日期")),
    Column("status", tr_noop("状态")),
    Column("notes", tr_noop("提示"), show=lambda n: tr("{n} 条").format(n=n) if n else ""),
)
COL_RISKS = 3
STATUS_FILTERS = (tr_noop("全部"), IDENTIFYING, MONITORED, ELIMINATED)
NOTE_STYLE = "color: #a64000;"


class MonitoringForm(QGroupBox):
    """One monitoring record: what it is, its steps and measures. ``values()`` reads it back."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("监测记录"), parent)
        self.setObjectName("monitoringForm")
        self.picker = HouseholdPicker(ctx)
        self.category = _combo(("", *MONITORING_CATEGORIES), "monitoringCategory")
        self.risks = [_combo(("", *RISK_TYPES), f"risk{n + 1}") for n in range(MAX_RISK_TYPES)]
        self.clue_source = _combo(("", *CLUE_SOURCES), "clueSource")
        self.safety_net = QCheckBox(tr("无劳动能力，兜底保障（继续监测）"))
        self.safety_net.setObjectName("safetyNet")
        self.steps: dict[str, QLineEdit] = {}
        for name, text in STEPS:
            edit = QLineEdit()
            edit.setObjectName(f"step_{name}")
            edit.setPlaceholderText(tr("如 2026-05-01"))
            edit.setToolTip(tr("{step}日期，未办可不填").format(step=text))
            self.steps[name] = edit
        self.measures = QPlainTextEdit()
        self.measures.setObjectName("monitoringMeasures")
        self.measures.setTabChangesFocus(True)
        self.measures.setPlaceholderText(tr("针对风险采取的帮扶措施"))
        self.measures.setFixedHeight(self.measures.fontMetrics().lineSpacing() * 3 + 14)
        self.notes = QLabel()
        self.notes.setObjectName("monitoringNotes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(NOTE_STYLE)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveMonitoring")

        risks = QGridLayout()
        for n, combo in enumerate(self.risks):
            risks.addWidget(combo, n // 3, n % 3)

        steps = QGridLayout()
        for n, (name, text) in enumerate(STEPS):
            steps.addWidget(QLabel(text), n // 2, (n % 2) * 2)
            steps.addWidget(self.steps[name], n // 2, (n % 2) * 2 + 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("农户", "one household, chosen in a form"), self.picker)
        form.addRow(tr("监测类型"), self.category)
        form.addRow(tr("风险类型"), risks)
        form.addRow(tr("线索来源"), self.clue_source)
        form.addRow("", self.safety_net)
        form.addRow(tr("帮扶措施"), self.measures)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        steps_box = QGroupBox(tr("识别程序（从发现线索到县级审批不超过 15 天）"))
        steps_box.setLayout(steps)
        layout.addWidget(steps_box)
        layout.addWidget(self.notes)
        layout.addWidget(self.save_button)

    def inputs(self) -> list[QWidget]:
        return [
            self.picker,
            self.category,
            *self.risks,
            self.clue_source,
            self.safety_net,
            self.measures,
            *self.steps.values(),
            self.save_button,
        ]

    def show_row(self, row: MonitoringRow | None) -> None:
        """Fill from a record, or empty for a new one."""
        _select(self.category, row.category if row else "")
        for n, combo in enumerate(self.risks):
            _select(combo, row.risk_types[n] if row and n < len(row.risk_types) else "")
        _select(self.clue_source, row.clue_source if row else "")
        self.safety_net.setChecked(bool(row and row.safety_net))
        self.measures.setPlainText(row.measures if row else "")
        for name, edit in self.steps.items():
            day = row.steps.get(name) if row else None
            edit.setText(day.isoformat() if day else "")
        self.notes.setText("\n".join(tr("提示：{n}").format(n=n) for n in row.notes) if row else "")

    def values(self) -> dict[str, Any]:
        """The form as service fields; a malformed date is refused with its step named."""
        risks = [c.currentText() for c in self.risks if c.currentText()]
        values: dict[str, Any] = {
            "category": self.category.currentText() or None,
            "risk_types": risks,
            "clue_source": self.clue_source.currentText() or None,
            "safety_net": self.safety_net.isChecked(),
            "measures": self.measures.toPlainText().strip() or None,
        }
        for name, text in STEPS:
            raw = self.steps[name].text().strip()
            values[name] = parse_date(raw, text) if raw else None
        return values


class MonitoringPage(Page):
    watches = frozenset(
        {"monitoring", "household", "member", "income", "village", "policy_setting", "household_event"}
    )
    title = tr_noop("监测")
    object_name = "monitoringPage"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[MonitoringRow] = []
        self.current: MonitoringRow | None = None
        self.adding = False
        self.model = RecordTableModel(COLUMNS, parent=self)
        self.table = self._make_table()
        self.status_filter = _combo(STATUS_FILTERS, "monitoringStatusFilter")
        self.status_filter.setItemText(0, tr_marked(STATUS_FILTERS[0]))  # the others are statuses as stored
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.count_label = QLabel()
        self.add_button = QPushButton(tr("新增监测户…"))
        self.add_button.setObjectName("addMonitoring")
        self.add_button.clicked.connect(self.new_record)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("状态")))
        top.addWidget(self.status_filter)
        top.addStretch(1)
        top.addWidget(self.add_button)
        listing = QGroupBox(tr("防返贫监测户（双击打开农户）"))
        left = QVBoxLayout(listing)
        left.addLayout(top)
        left.addWidget(self.table, 1)
        left.addWidget(self.count_label)  # below the table: the row above stays short in any language

        self.form = MonitoringForm(ctx)
        self.form.save_button.clicked.connect(self.save)
        self.form.picker.chosen.connect(lambda _id: self._show_elimination())
        elimination = self._build_elimination()
        right_widget = QWidget()
        right = QVBoxLayout(right_widget)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.form)
        right.addWidget(elimination)
        right.addStretch(1)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.form, self.save)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        chain = [*self.form.inputs(), self.eliminate_date, self.eliminate_note, self.eliminate_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        scroll = QScrollArea()
        scroll.setWidget(right_widget)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumWidth(500)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(listing)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([660, 540])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._show(None)

    # --- public ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        rows = list_monitoring(
            self.ctx.ledger, village_id=self.ctx.village_id, all_villages=self.ctx.village_id is None
        )
        wanted = STATUS_FILTERS[max(self.status_filter.currentIndex(), 0)]
        self.rows = [r for r in rows if wanted == STATUS_FILTERS[0] or r.status == wanted]
        self.model.set_rows([_record(r) for r in self.rows])
        monitored = sum(1 for r in rows if r.status != ELIMINATED)
        self.count_label.setText(
            tr("{shown} 条　在监测 {monitored} 户").format(shown=len(self.rows), monitored=monitored)
        )
        if self.current is not None and not self.adding:
            self.select(self.current.id)
        elif self.current is None and not self.adding and self.rows:
            self.select(self.rows[0].id)

    def select(self, monitoring_id: str) -> bool:
        """Show a record (and select its row); False when it is not in the list."""
        row = next((n for n, r in enumerate(self.rows) if r.id == monitoring_id), None)
        if row is None:
            self._show(None)
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)
        self._show(monitoring_record(self.ctx.ledger, monitoring_id))
        return True

    def new_record(self) -> None:
        """Empty the form to bring a household into monitoring."""
        self.table.clearSelection()
        self.adding = True
        self._show(None)
        self.form.picker.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        try:
            values = self.form.values()
        except InvalidInput as error:
            show_error(self, error)
            return False
        if self.adding:
            return self._start(values)
        if self.current is None:
            return False
        return self._edit(self.current, values)

    def eliminate(self) -> bool:
        """Mark the shown record's risk eliminated (asks first; undoable)."""
        record = self.current
        if record is None:
            return False
        on = py_date(self.eliminate_date.date())
        note = self.eliminate_note.text()
        who = household_label(record.number, record.head_name)
        if not confirm(self, tr("确认 {who} 于 {on} 风险已消除、不再监测？").format(who=who, on=on)):
            return False
        ledger = self.ctx.ledger
        done = self.ctx.edit(
            self,
            tr("风险消除：{who}").format(who=who),
            lambda: eliminate_risk(ledger, record.id, on=on, note=note),
            lambda: reopen_monitoring(ledger, record.id),
        )
        if done:
            self.eliminate_note.clear()
            self._reload(record.id)
        return done

    # --- private -----------------------------------------------------------------------------------
    def _start(self, values: dict[str, Any]) -> bool:
        household = self.form.picker.household_id()
        if not household:
            show_error(self, InvalidInput(tr("请先选择农户：输入姓名、拼音首字母或户编号，再从列表中选择")))
            return False
        ledger, made = self.ctx.ledger, []
        steps = {name: values.pop(name) for name, _ in STEPS}
        clue_on = steps.pop("clue_on")
        later = {k: v for k, v in steps.items() if v is not None}

        def do() -> None:
            made.append(start_monitoring(ledger, household=household, clue_on=clue_on, **values))
            if later:
                edit_monitoring(ledger, made[-1], later)

        def undo() -> None:
            withdraw_monitoring(ledger, made[-1])

        if not self.ctx.edit(
            self, tr("纳入监测：{household}").format(household=self.form.picker.text()), do, undo
        ):
            return False
        self.adding = False
        self._reload(made[-1])
        return True

    def _edit(self, record: MonitoringRow, values: dict[str, Any]) -> bool:
        old = _values_of(record)
        changes = {k: v for k, v in values.items() if v != old.get(k)}
        if not changes:
            return True
        before = {k: old.get(k) for k in changes}
        ledger = self.ctx.ledger
        done = self.ctx.edit(
            self,
            tr("修改监测记录：{household}").format(
                household=household_label(record.number, record.head_name)
            ),
            lambda: edit_monitoring(ledger, record.id, changes),
            lambda: edit_monitoring(ledger, record.id, before),
        )
        if done:
            self._reload(record.id)
        return done

    def _reload(self, monitoring_id: str) -> None:
        self.current = next((r for r in self.rows if r.id == monitoring_id), self.current)
        self.refresh()
        if not self.select(monitoring_id):
            # filtered out (e.g. now eliminated): show it anyway
            self._show(monitoring_record(self.ctx.ledger, monitoring_id))

    def _make_table(self) -> QTableView:
        table = read_only_table(self.model, "monitoringTable", stretch=COL_RISKS)
        table.activated.connect(self._open_household)
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        return table

    def _build_elimination(self) -> QGroupBox:
        self.eliminate_date = QDateEdit()
        self.eliminate_date.setObjectName("eliminatedOn")
        self.eliminate_date.setCalendarPopup(True)
        self.eliminate_date.setDisplayFormat("yyyy-MM-dd")
        self.eliminate_note = QLineEdit()
        self.eliminate_note.setObjectName("eliminationNote")
        self.eliminate_note.setPlaceholderText(tr("依据：收入稳定超过监测标准 6 个月以上，三保障和饮水安全…"))
        self.eliminate_button = QPushButton(tr("标记风险已消除"))
        self.eliminate_button.setObjectName("eliminateRisk")
        self.eliminate_button.clicked.connect(self.eliminate)
        self.elimination_state = QLabel()
        self.elimination_state.setObjectName("eliminationState")
        self.elimination_state.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.eliminate_date)
        row.addWidget(self.eliminate_note, 1)
        box = QGroupBox(tr("风险消除"))
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.elimination_state, 1)
        buttons.addWidget(self.eliminate_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(buttons)
        return box

    def _show(self, record: MonitoringRow | None) -> None:
        self.current = record
        self.form.show_row(record)
        adding = self.adding and record is None
        self.form.picker.setEnabled(adding)
        if record is not None:
            self.adding = False
            self.form.picker.set_household(
                record.household_id, household_label(record.number, record.head_name)
            )
        else:
            self.form.picker.clear_choice()
        for widget in self.form.inputs()[1:]:
            widget.setEnabled(record is not None or adding)
        self.form.save_button.setText(
            tr("纳入监测（Ctrl+Enter）") if adding else tr("保存修改（Ctrl+Enter）")
        )
        self.form.setTitle(tr("新增监测户") if adding else tr("监测记录"))
        today = self.ctx.ledger.today()
        self.eliminate_date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.eliminate_date.setDate(QDate(today.year, today.month, today.day))
        self._show_elimination()

    def _show_elimination(self) -> None:
        record = self.current
        enabled = record is not None and record.eliminated_on is None
        for widget in (self.eliminate_date, self.eliminate_note, self.eliminate_button):
            widget.setEnabled(enabled)
        if record is None:
            self.elimination_state.setText("" if self.adding else tr("在左侧选择一条监测记录。"))
        elif record.eliminated_on is not None:
            self.elimination_state.setText(
                tr("已于 {date} 消除风险：{note}（Ctrl+Z 可撤销刚做的标记）").format(
                    date=record.eliminated_on, note=record.elimination_note
                )
            )
        else:
            problems = elimination_problems(self.ctx.ledger, record.id)
            self.elimination_state.setStyleSheet(NOTE_STYLE if problems else "")
            self.elimination_state.setText(
                tr("暂不能消除：\n") + "\n".join(f"· {p}" for p in problems)
                if problems
                else tr("可以标记风险消除。")
            )

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and 0 <= current.row() < len(self.rows):
            record = self.rows[current.row()]
            if self.current is None or record.id != self.current.id or self.adding:
                self.adding = False
                self._show(monitoring_record(self.ctx.ledger, record.id))

    def _open_household(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self.rows):
            self.household_requested.emit(self.rows[index.row()].household_id)


def _record(row: MonitoringRow) -> dict[str, Any]:
    identified = row.steps.get("identified_on")
    return {
        "id": row.id,
        "number": row.number,
        "head_name": row.head_name,
        "category": row.category,
        "risk_types": list(row.risk_types),
        "identified_on": identified.isoformat() if identified else "",
        "status": row.status,
        "notes": len(row.notes),
    }


def _values_of(row: MonitoringRow) -> dict[str, Any]:
    values: dict[str, Any] = {
        "category": row.category or None,
        "risk_types": list(row.risk_types),
        "clue_source": row.clue_source or None,
        "safety_net": row.safety_net,
        "measures": row.measures or None,
    }
    values.update(row.steps)
    return values


def _combo(values: tuple[str, ...], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    # may be narrower than its longest choice (the list still shows it whole): no clipping at 150 %
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(4)
    combo.addItems(list(values))
    return combo


def _select(combo: QComboBox, text: str) -> None:
    combo.setCurrentIndex(max(combo.findText(text), 0))
