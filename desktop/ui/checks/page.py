"""核查: the village at a glance — households × 两不愁三保障 + 饮水安全, each cell coloured by its verdict
(green 达标, red 未达标, orange 待核实) and opening its household — beside the check form of one
household. A check starts from the last one found, is saved as a new dated check (Ctrl+Enter), and
can be undone (Ctrl+Z); the cell changes as soon as it is saved.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from PySide6.QtCore import (
    QDate,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Status
from desktop.domain.errors import InvalidInput
from desktop.services.checklist.assessments import record_assessment
from desktop.services.checklist.latest_check import latest_assessment, withdraw_assessment
from desktop.services.checklist.verdicts import checklist_keys, checklist_rows, household_checklist
from desktop.ui.checks.form import ChecklistForm
from desktop.ui.checks.matrix_model import (
    BACKGROUND,
    COL_FIRST_DIMENSION,
    COL_NUMBER,
    COL_VILLAGE,
    DIMENSIONS,
    FOREGROUND,
    ChecklistMatrixModel,
    HouseholdIdRole,
)
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.jobs import Job
from desktop.ui.shell.page import Page
from desktop.ui.widgets.dates import py_date
from desktop.ui.widgets.household_picker import household_label
from desktop.ui.widgets.tables import read_only_table
from desktop.ui.widgets.xlsx_export import export_button, run_export

AnyIndex = QModelIndex | QPersistentModelIndex


class ChecksPage(Page):
    watches = frozenset(
        {"assessment", "household", "member", "income", "village", "policy_setting", "household_event"}
    )
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
        overview = self.overview = QGroupBox(tr("全村核查总览（双击格子打开农户）"))
        left = QVBoxLayout(overview)
        judged = QHBoxLayout()  # a row of its own: the row below stays short in any language
        judged_label = QLabel(tr("判断日期"))
        judged_label.setBuddy(self.judged_on)
        judged.addWidget(judged_label)
        judged.addWidget(self.judged_on)
        judged.addStretch(1)
        self.export_button = export_button("exportGaps")
        self.export_button.setToolTip(tr("把有短板或待核实的农户导出为 Excel 表格（按判断日期）"))
        self.export_button.clicked.connect(self.export_gaps)
        judged.addWidget(self.export_button)
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
        day = py_date(self.judged_on.date())
        return None if day >= self.ctx.ledger.today() else day

    def export_gaps(self) -> Job | None:
        """导出 Excel…: every household with a gap or an unknown, judged on the day chosen above."""
        from desktop.services.xlsx.exporting import export_gaps

        ledger, village, as_of = self.ctx.ledger, self.ctx.village_id, self.as_of()
        name = tr("两不愁三保障短板-{day}.xlsx").format(day=(as_of or ledger.today()).isoformat())
        return run_export(
            self.ctx, self, tr("导出短板"), name,
            lambda path: export_gaps(ledger, path, village_id=village, as_of=as_of),
        )  # fmt: skip

    def refresh(self) -> None:
        day = self.ctx.ledger.today()
        today = QDate(day.year, day.month, day.day)
        if self.judged_on.maximumDate() != today:  # the app stayed open past midnight
            self.judged_on.setMaximumDate(today)
        # the households' keys and counts at once, their verdicts a page at a time as they are shown:
        # a county's 200,000 households without every verdict and reason in memory
        ledger, as_of = self.ctx.ledger, self.as_of()
        keys = checklist_keys(
            ledger, village_id=self.ctx.village_id, as_of=as_of, only_gaps=self.only_gaps.isChecked()
        )
        self.matrix.set_keys(keys, lambda ids: checklist_rows(ledger, ids, as_of=as_of))
        # a township's villages together: say so, and which village each household is of
        several = self.ctx.is_township and self.ctx.village_id is None
        self.table.setColumnHidden(COL_VILLAGE, not several)
        self.overview.setTitle(
            tr("各村核查总览（双击格子打开农户）") if several else tr("全村核查总览（双击格子打开农户）")
        )
        self.count_label.setText(
            tr("{shown} / {total} 户").format(shown=self.matrix.rowCount(), total=self.matrix.total())
        )
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
        day = py_date(self.form.checked_on.date())
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
        table = read_only_table(self.matrix, "checklistMatrix")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)  # a verdict's cell
        table.setAlternatingRowColors(False)  # the verdicts' colours carry the meaning
        header = table.horizontalHeader()
        for column in range(COL_FIRST_DIMENSION, COL_FIRST_DIMENSION + len(DIMENSIONS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.moveSection(header.visualIndex(COL_VILLAGE), 0)
        table.setColumnHidden(COL_VILLAGE, True)
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
