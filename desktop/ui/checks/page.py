"""核查: the village at a glance — households × 两不愁三保障 + 饮水安全, each cell coloured by its verdict
(green 达标, red 未达标, orange 待核实) and opening its household — beside the check form of one
household. A check starts from the last one found, is saved as a new dated check (Ctrl+Enter), and
can be undone (Ctrl+Z); the cell changes as soon as it is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Dimension, Status
from desktop.domain.errors import InvalidInput
from desktop.domain.fields import label
from desktop.services.checklist.assessments import record_assessment
from desktop.services.checklist.latest_check import DIMENSION_COLUMNS, latest_assessment, withdraw_assessment
from desktop.services.checklist.verdicts import HouseholdChecklist, household_checklist, village_checklists
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.page import Page
from desktop.ui.widgets.household_picker import HouseholdPicker, household_label

AnyIndex = QModelIndex | QPersistentModelIndex

# --- the overview model ----------------------------------------------------------------------------

COL_NUMBER, COL_HEAD = 0, 1
COL_FIRST_DIMENSION = 2
DIMENSIONS: tuple[Dimension, ...] = tuple(Dimension)
# the matrix's column headers: the dimension's name in Chinese, one word in a longer language (the form
# beside the matrix names it in full)
HEADERS = {
    Dimension.FOOD: tr_noop("不愁吃", "a column of the checklist matrix: one short word"),
    Dimension.CLOTHING: tr_noop("不愁穿", "a column of the checklist matrix: one short word"),
    Dimension.EDUCATION: tr_noop("义务教育", "a column of the checklist matrix: one short word"),
    Dimension.MEDICAL: tr_noop("基本医疗", "a column of the checklist matrix: one short word"),
    Dimension.HOUSING: tr_noop("住房安全", "a column of the checklist matrix: one short word"),
    Dimension.WATER: tr_noop("饮水安全", "a column of the checklist matrix: one short word"),
}
HouseholdIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2  # the Status of a dimension cell; None elsewhere
ReasonsRole = Qt.ItemDataRole.UserRole + 3  # tuple of reasons of a dimension cell
DimensionRole = Qt.ItemDataRole.UserRole + 4

BACKGROUND = {
    Status.MET: QColor("#c8e6c9"),
    Status.NOT_MET: QColor("#ffcdd2"),
    Status.UNKNOWN: QColor("#ffe0b2"),
}
FOREGROUND = {
    Status.MET: QColor("#1b5e20"),
    Status.NOT_MET: QColor("#b71c1c"),
    Status.UNKNOWN: QColor("#a64000"),
}


class ChecklistMatrixModel(QAbstractTableModel):
    """One row per household, one column per dimension; a cell shows the verdict in words (colour is
    never the only cue) and its reasons as the tooltip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HouseholdChecklist] = []

    def set_rows(self, rows: Sequence[HouseholdChecklist]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> HouseholdChecklist:
        return self._rows[row]

    def row_of(self, household_id: str) -> int | None:
        return next((r for r, c in enumerate(self._rows) if c.household_id == household_id), None)

    @staticmethod
    def dimension_at(column: int) -> Dimension | None:
        index = column - COL_FIRST_DIMENSION
        return DIMENSIONS[index] if 0 <= index < len(DIMENSIONS) else None

    @staticmethod
    def column_of(dimension: Dimension) -> int:
        return COL_FIRST_DIMENSION + DIMENSIONS.index(dimension)

    def counts(self) -> dict[Dimension, dict[Status, int]]:
        result = {d: dict.fromkeys(Status, 0) for d in DIMENSIONS}
        for row in self._rows:
            for dimension, verdict in row.verdicts.items():
                result[dimension][verdict.status] += 1
        return result

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COL_FIRST_DIMENSION + len(DIMENSIONS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == HouseholdIdRole:
            return row.household_id
        dimension = self.dimension_at(column)
        if dimension is None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return row.number if column == COL_NUMBER else row.head_name
            return None
        verdict = row.verdicts.get(dimension)
        if verdict is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr_marked(verdict.status.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = f"{tr_marked(dimension.value)}：{tr_marked(verdict.status.label)}"
            return shown + "\n" + "\n".join(verdict.reasons)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(BACKGROUND[verdict.status])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(FOREGROUND[verdict.status])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == StatusRole:
            return verdict.status.value
        if role == ReasonsRole:
            return verdict.reasons
        if role == DimensionRole:
            return dimension.value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        dimension = self.dimension_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if dimension is None:
                return tr("户编号") if section == COL_NUMBER else tr("户主")
            return tr_marked(HEADERS[dimension])
        if role == Qt.ItemDataRole.ToolTipRole and dimension is not None:
            count = self.counts()[dimension]
            return tr("未达标 {not_met} 户，待核实 {unknown} 户").format(
                not_met=count[Status.NOT_MET], unknown=count[Status.UNKNOWN]
            )
        return None


# --- the check form --------------------------------------------------------------------------------

ANSWERS = (
    (tr_noop("未填"), None),
    (tr_noop("达标"), "met"),
    (tr_noop("未达标"), "not_met"),
    (tr_noop("待核实"), "unknown"),
)
YES_NO = ((tr_noop("未填"), None), (tr_noop("是"), True), (tr_noop("否"), False))
# the yes/no questions asked under a dimension
QUESTIONS = {
    Dimension.FOOD: ("food_staple_ok", "food_protein_ok"),
    Dimension.CLOTHING: ("clothes_seasonal_ok", "clothes_bedding_ok"),
}


class ChecklistForm(QGroupBox):
    """The check of one household: per dimension the current verdict and its reasons, the answer
    (达标 / 未达标 / 待核实) and the evidence seen; the yes/no questions of 不愁吃 and 不愁穿."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("入户核查"), parent)
        self.setObjectName("checklistForm")
        self.ctx = ctx
        self.picker = HouseholdPicker(ctx)
        self.checked_on = QDateEdit()
        self.checked_on.setObjectName("assessedOn")
        self.checked_on.setCalendarPopup(True)
        self.checked_on.setDisplayFormat("yyyy-MM-dd")
        self.assessors = QLineEdit()
        self.assessors.setObjectName("assessors")
        self.assessors.setPlaceholderText(tr("多人用顿号分隔"))
        self.note = QLineEdit()
        self.note.setObjectName("assessmentNote")
        self.answers: dict[Dimension, QComboBox] = {}
        self.evidence: dict[Dimension, QLineEdit] = {}
        self.verdicts: dict[Dimension, QLabel] = {}
        self.reasons: dict[Dimension, QLabel] = {}
        self.questions: dict[str, QComboBox] = {}
        self.last_check = QLabel()
        self.last_check.setObjectName("lastCheck")
        self.last_check.setWordWrap(True)
        self.save_button = QPushButton(tr("保存核查（Ctrl+Enter）"))
        self.save_button.setObjectName("saveAssessment")

        head = QFormLayout()
        head.addRow(tr("农户", "one household, chosen in a form"), self.picker)
        dates = QHBoxLayout()
        dates.addWidget(self.checked_on)
        dates.addWidget(QLabel(tr("核查人")))
        dates.addWidget(self.assessors, 1)
        head.addRow(tr("核查日期"), dates)
        grid = QGridLayout()
        grid.setColumnStretch(3, 1)
        grid.setVerticalSpacing(2)
        line = 0
        for dimension in Dimension:
            line = self._dimension_rows(grid, line, dimension)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.last_check)
        layout.addLayout(grid)
        notes = QFormLayout()
        notes.addRow(tr("备注"), self.note)
        layout.addLayout(notes)
        layout.addWidget(self.save_button)
        layout.addStretch(1)
        self.set_enabled_fields(False)
        self.last_check.setText(tr("在左侧总览中点选一户，或在上面输入姓名、拼音首字母或户编号。"))
        self.dirty = False  # inputs changed since they were filled: a refresh must not overwrite them
        for widget in self.inputs()[1:]:
            if isinstance(widget, QComboBox):
                widget.activated.connect(self._touched)
            elif isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._touched)

    def _touched(self) -> None:
        self.dirty = True

    def _dimension_rows(self, grid: QGridLayout, line: int, dimension: Dimension) -> int:
        prefix = DIMENSION_COLUMNS[dimension.value]
        name = QLabel(f"<b>{tr_marked(dimension.value)}</b>")
        verdict = QLabel()
        verdict.setObjectName(f"verdict_{prefix}")
        verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        verdict.setMinimumWidth(64)
        answer = _combo(ANSWERS, f"answer_{prefix}")
        answer.setToolTip(tr("{dimension}的核查结论").format(dimension=tr_marked(dimension.value)))
        evidence = QLineEdit()
        evidence.setObjectName(f"evidence_{prefix}")
        evidence.setPlaceholderText(tr("核查依据：看到了什么、问了谁"))
        grid.addWidget(name, line, 0)
        grid.addWidget(verdict, line, 1)
        grid.addWidget(answer, line, 2)
        grid.addWidget(evidence, line, 3)
        line += 1
        for field in QUESTIONS.get(dimension, ()):  # one a line, indented: long in some languages
            combo = _combo(YES_NO, field)
            self.questions[field] = combo
            row = QHBoxLayout()
            row.addSpacing(16)
            row.addWidget(QLabel(tr_marked(label("assessment", field))))
            row.addWidget(combo)
            row.addStretch(1)
            grid.addLayout(row, line, 0, 1, 4)
            line += 1
        reasons = QLabel()
        reasons.setObjectName(f"reasons_{prefix}")
        reasons.setWordWrap(True)
        reasons.setStyleSheet("color: #555555;")
        grid.addWidget(reasons, line, 1, 1, 3)
        line += 1
        self.answers[dimension], self.evidence[dimension] = answer, evidence
        self.verdicts[dimension], self.reasons[dimension] = verdict, reasons
        return line

    def inputs(self) -> list[QWidget]:
        """Every input in Tab order."""
        widgets: list[QWidget] = [self.picker, self.checked_on, self.assessors]
        for dimension in Dimension:
            widgets += [self.answers[dimension], self.evidence[dimension]]
            widgets += [self.questions[f] for f in QUESTIONS.get(dimension, ())]
        return [*widgets, self.note, self.save_button]

    def set_enabled_fields(self, enabled: bool) -> None:
        for widget in self.inputs()[1:]:
            widget.setEnabled(enabled)

    def show_checklist(self, checklist: HouseholdChecklist) -> None:
        for dimension, verdict in checklist.verdicts.items():
            badge = self.verdicts[dimension]
            badge.setText(tr_marked(verdict.status.label))
            badge.setStyleSheet(
                f"background: {BACKGROUND[verdict.status].name()}; color: {FOREGROUND[verdict.status].name()};"
                " border-radius: 3px; padding: 1px 4px;"
            )
            self.reasons[dimension].setText("；".join(verdict.reasons))

    def fill(self, last: dict[str, Any] | None) -> None:
        """Start from the last check (answers, evidence, questions), dated today."""
        last = last or {}
        today = self.ctx.ledger.today()
        self.checked_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.checked_on.setDate(QDate(today.year, today.month, today.day))
        self.assessors.setText(last.get("assessors") or self.ctx.ledger.this_device().user_name or "")
        for dimension in Dimension:
            prefix = DIMENSION_COLUMNS[dimension.value]
            _select(self.answers[dimension], last.get(f"{prefix}_answer"))
            self.evidence[dimension].setText(last.get(f"{prefix}_evidence") or "")
        for field, combo in self.questions.items():
            _select(combo, last.get(field))
        self.note.setText("")
        if last:
            who = f"（{last['assessors']}）" if last.get("assessors") else ""
            self.last_check.setText(
                tr("上次核查：{date}{who}。以下按上次结果预填，请逐项核对。").format(
                    date=last.get("assessed_on"), who=who
                )
            )
        else:
            self.last_check.setText(tr("该户还没有核查记录。"))
        self.dirty = False

    def fields(self) -> dict[str, Any]:
        """The check as ``record_assessment`` takes it; refused when nothing was answered."""
        values: dict[str, Any] = {}
        for dimension in Dimension:
            prefix = DIMENSION_COLUMNS[dimension.value]
            values[f"{prefix}_answer"] = self.answers[dimension].currentData()
            values[f"{prefix}_evidence"] = self.evidence[dimension].text().strip() or None
        for field, combo in self.questions.items():
            values[field] = combo.currentData()
        answered = [v for k, v in values.items() if not k.endswith("_evidence") and v is not None]
        if not answered:
            raise InvalidInput(tr("请至少填写一个维度的核查结论或一个“是/否”问题"))
        values["assessors"] = self.assessors.text().strip() or None
        values["note"] = self.note.text().strip() or None
        return {k: v for k, v in values.items() if v is not None}


# --- the page --------------------------------------------------------------------------------------


class ChecksPage(Page):
    title = tr_noop("核查")
    object_name = "checksPage"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.household_id = ""
        self.matrix = ChecklistMatrixModel(self)
        self.table = self._make_table()
        self.only_gaps = QCheckBox(tr("只看有短板或待核实的户"))
        self.only_gaps.setObjectName("onlyGaps")
        self.only_gaps.toggled.connect(self.refresh)
        # the day the verdicts are judged on: an inspection asks "as of 2025-09-01" (ages, school age,
        # checks made by then); never after today
        day = self.ctx.ledger.today()
        today = QDate(day.year, day.month, day.day)
        self.judged_on = QDateEdit(today)
        self.judged_on.setObjectName("judgedOn")
        self.judged_on.setDisplayFormat("yyyy-MM-dd")
        self.judged_on.setCalendarPopup(True)
        self.judged_on.setMaximumDate(today)
        self.judged_on.setKeyboardTracking(False)  # typed dates re-judge on Enter, not on every digit
        self.judged_on.setToolTip(tr("按这一天判断年龄、适龄入学和各项结论（默认今天）"))
        self.judged_on.dateChanged.connect(self.refresh)
        self.count_label = QLabel()
        self.summary = QLabel()
        self.summary.setObjectName("gapSummary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.only_gaps)
        top.addStretch(1)
        for status in Status:
            chip = QLabel(tr_marked(status.label))
            chip.setStyleSheet(
                f"background: {BACKGROUND[status].name()}; color: {FOREGROUND[status].name()};"
                " padding: 1px 8px; border-radius: 3px;"
            )
            top.addWidget(chip)
        overview = QGroupBox(tr("全村核查总览（双击格子打开农户）"))
        left = QVBoxLayout(overview)
        judged = QHBoxLayout()  # a row of its own: the row below stays short in any language
        judged_label = QLabel(tr("判断日期"))
        judged_label.setBuddy(self.judged_on)
        judged.addWidget(judged_label)
        judged.addWidget(self.judged_on)
        judged.addStretch(1)
        left.addLayout(judged)
        left.addLayout(top)
        left.addWidget(self.table, 1)
        bottom = QHBoxLayout()  # the count below the matrix: the row above stays short in any language
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        left.addLayout(bottom)

        self.form = ChecklistForm(ctx)
        self.form.picker.chosen.connect(self._picked)
        self.form.save_button.clicked.connect(self.save_check)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.form, self.save_check)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        inputs = self.form.inputs()
        for first, second in pairwise(inputs):
            QWidget.setTabOrder(first, second)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumWidth(480)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(overview)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # --- public ------------------------------------------------------------------------------------
    def as_of(self) -> dt.date | None:
        """The day chosen above the matrix; None when it is today (the ledger's own day)."""
        day = self.judged_on.date().toPython()
        assert isinstance(day, dt.date)
        return None if day >= self.ctx.ledger.today() else day

    def refresh(self) -> None:
        day = self.ctx.ledger.today()
        today = QDate(day.year, day.month, day.day)
        if self.judged_on.maximumDate() != today:  # the app stayed open past midnight
            self.judged_on.setMaximumDate(today)
        rows = village_checklists(self.ctx.ledger, village_id=self.ctx.village_id, as_of=self.as_of())
        total = len(rows)
        if self.only_gaps.isChecked():
            rows = [r for r in rows if r.gaps]
        self.matrix.set_rows(rows)
        self.count_label.setText(tr("{shown} / {total} 户").format(shown=len(rows), total=total))
        self._summarise()
        if self.household_id:
            self._select_row(self.household_id)
            self._load(self.household_id, keep_inputs=self.form.dirty)

    def open_check(self, household_id: str) -> None:
        """Show the form of a household (and select its row when it is in the overview)."""
        row = self.matrix.row_of(household_id)
        found = (
            self.matrix.row_at(row)
            if row is not None
            else household_checklist(self.ctx.ledger, household_id, as_of=self.as_of())
        )
        self.form.picker.set_household(household_id, household_label(found.number, found.head_name))

    def save_check(self) -> bool:
        """Save the form as a new check of the household (undoable); False when refused."""
        if not self.household_id:
            show_error(
                self, InvalidInput(tr("请先选择农户：在左侧总览中点选，或输入姓名、拼音首字母或户编号"))
            )
            return False
        try:
            fields = self.form.fields()
        except InvalidInput as error:
            show_error(self, error)
            return False
        ledger, household = self.ctx.ledger, self.household_id
        day = self.form.checked_on.date().toPython()
        saved: list[str] = []

        def do() -> None:
            saved.append(record_assessment(ledger, household=household, assessed_on=day, fields=fields))

        def undo() -> None:
            withdraw_assessment(ledger, saved[-1])

        if not self.ctx.edit(
            self, tr("核查 {household}").format(household=self.form.picker.text()), do, undo
        ):
            return False
        self._load(household, keep_inputs=False)  # the form now starts from the check just saved
        return True

    # --- private -----------------------------------------------------------------------------------
    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("checklistMatrix")
        table.setModel(self.matrix)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in range(COL_FIRST_DIMENSION, COL_FIRST_DIMENSION + len(DIMENSIONS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        # a verdict is never elided (in any language): with a large font the matrix scrolls sideways instead
        verdicts = ("饮水安全", *(tr_marked(status.label) for status in Status))
        header.setMinimumSectionSize(max(header.fontMetrics().horizontalAdvance(t) for t in verdicts) + 12)
        # double-click or Enter on a cell (activated) opens the household
        table.activated.connect(self._open_household)
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        return table

    def _open_household(self, index: QModelIndex) -> None:
        household_id = index.data(HouseholdIdRole)
        if household_id:
            self.household_requested.emit(str(household_id))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            household_id = str(current.data(HouseholdIdRole))
            if household_id != self.household_id:
                self.open_check(household_id)

    def _picked(self, household_id: str) -> None:
        self.household_id = household_id
        self.form.set_enabled_fields(bool(household_id))
        if household_id:
            self._select_row(household_id)
            self._load(household_id, keep_inputs=False)

    def _load(self, household_id: str, *, keep_inputs: bool) -> None:
        self.form.show_checklist(household_checklist(self.ctx.ledger, household_id, as_of=self.as_of()))
        if not keep_inputs:
            self.form.fill(latest_assessment(self.ctx.ledger, household_id))

    def _select_row(self, household_id: str) -> None:
        row = self.matrix.row_of(household_id)
        if row is None:
            return
        current = self.table.currentIndex()
        column = current.column() if current.isValid() else COL_NUMBER
        self.table.selectionModel().setCurrentIndex(
            self.matrix.index(row, column), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _summarise(self) -> None:
        counts = self.matrix.counts()
        parts = []
        for status in (Status.NOT_MET, Status.UNKNOWN):
            found = [
                tr("{dimension} {n} 户").format(dimension=tr_marked(d.value), n=c[status])
                for d, c in counts.items()
                if c[status]
            ]
            if found:
                items = tr("、", "between the items of a list").join(found)
                parts.append(tr("{status}：{items}").format(status=tr_marked(status.label), items=items))
        separator = tr("；", "between the parts of a sentence")
        self.summary.setText(separator.join(parts) if parts else tr("所列农户各维度均已达标"))


def _combo(choices: tuple[tuple[str, Any], ...], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    # as wide as its longest answer when there is room; narrower (the list still shows it whole) in a
    # longer language on a narrow screen
    combo.setMinimumWidth(combo.fontMetrics().averageCharWidth() * 9)
    for text, value in choices:
        combo.addItem(tr_marked(text), value)
    return combo


def _select(combo: QComboBox, value: Any) -> None:
    for index in range(combo.count()):
        if combo.itemData(index) == value:
            combo.setCurrentIndex(index)
            return
    combo.setCurrentIndex(0)
