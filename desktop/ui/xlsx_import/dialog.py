"""从 Excel 导入: the ``xlsx import`` of the command line as a three-step dialog.

1. choose the .xlsx (and, if needed, its sheet and a header mapping file);
2. 检查: a dry run on the worker thread shows the problems (sheet, row, column, reason) or what the
   import would do — households to add, fields to change (old → new), how many stay as they are — and
   the problems can be saved as an annotated copy of the sheet;
3. 导入: the real import on the worker thread, allowed once the check found no problems, or when the
   user chose to import only the households without problems; then it shows what was written.

Nothing is written to the ledger before step 3. The dry run always asks for ``accept_valid`` so its
report already tells which households would be left out and whether problems of the whole sheet (a
missing column) block even that; the real import passes ``accept_valid`` only when the box is ticked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.services.xlsx.importing import (
    ImportReport,
    Problem,
    import_roster,
    workbook_sheets,
    write_problem_copy,
)
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_info
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.jobs import Job, Progress
from desktop.ui.widgets.record_table_model import Column, RecordTableModel
from desktop.ui.widgets.tables import read_only_table

XLSX_FILTER = tr_noop("Excel 表格 (*.xlsx);;所有文件 (*)")
MAPPING_FILTER = tr_noop("表头对应文件 (*.toml);;所有文件 (*)")
AUTO_SHEET = tr_noop("（自动查找有花名册表头的工作表）")

PROBLEM_COLUMNS = (
    Column("sheet", tr_noop("工作表")),
    Column("row", tr_noop("行"), show=lambda row: tr("全表") if row is None else str(row)),
    Column("column", tr_noop("列")),
    Column("reason", tr_noop("问题")),
)
WARNING_COLUMNS = (*PROBLEM_COLUMNS[:3], Column("reason", tr_noop("提醒")))
ADDED_COLUMNS = (Column("kind", tr_noop("类别")), Column("what", tr_noop("新增内容")))
CHANGE_COLUMNS = (
    Column("record", tr_noop("记录")),
    Column("field", tr_noop("项目")),
    Column("old", tr_noop("原来的值"), show=lambda old: old or tr("（空）")),
    Column("new", tr_noop("导入后的值")),
)
TAB_PROBLEMS, TAB_WARNINGS, TAB_ADDED, TAB_CHANGES, TAB_NOTES = range(5)


def problem_rows(problems: list[Problem]) -> list[dict[str, Any]]:
    return [
        {"sheet": p.sheet, "row": p.row, "column": p.column.name if p.column else "", "reason": p.reason}
        for p in problems
    ]


def added_rows(report: ImportReport) -> list[dict[str, Any]]:
    rows = [{"kind": tr("新户"), "what": line} for line in report.added_households]
    rows += [{"kind": tr("新成员"), "what": line} for line in report.added_members]
    return rows


def change_rows(report: ImportReport) -> list[dict[str, Any]]:
    return [
        {"record": c.record, "field": tr_marked(c.field), "old": c.old, "new": c.new} for c in report.changes
    ]


def summary(report: ImportReport) -> str:
    if report.dry_run:
        text = tr(
            "将新增 {households} 户、{people} 人；将修改 {changed_households} 户、{changed_people} 人"
            "（共 {changes} 项）；不变 {same_households} 户、{same_people} 人"
        )
    else:
        text = tr(
            "已新增 {households} 户、{people} 人；已修改 {changed_households} 户、{changed_people} 人"
            "（共 {changes} 项）；不变 {same_households} 户、{same_people} 人"
        )
    return text.format(
        households=len(report.added_households),
        people=report.members_added,
        changed_households=report.changed_households,
        changed_people=report.changed_members,
        changes=len(report.changes),
        same_households=report.unchanged_households,
        same_people=report.unchanged_members,
    )


class XlsxImportDialog(QDialog):
    imported = Signal(object)  # the ImportReport of a written import

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("xlsxImportDialog")
        self.setWindowTitle(tr("从 Excel 导入花名册"))
        self.resize(900, 640)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # opened from a button, kept by nobody
        self.ctx = ctx
        self.report: ImportReport | None = None  # the last dry run, for the file as chosen now
        self.done_report: ImportReport | None = None  # the real import, once done
        self._job: Job | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(self._choose_box())
        layout.addWidget(self._check_box(), 1)
        layout.addWidget(self._import_box())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_buttons()

    # --- building ----------------------------------------------------------------------------------
    def _choose_box(self) -> QGroupBox:
        box = QGroupBox(tr("第 1 步：选择表格"))
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("xlsxFile")
        self.file_edit.setPlaceholderText(tr(".xlsx 花名册"))
        self.file_edit.textChanged.connect(self._inputs_changed)
        self.file_edit.editingFinished.connect(self._fill_sheets)
        browse = QPushButton(tr("选择…"))
        browse.setObjectName("chooseXlsx")
        browse.clicked.connect(self.choose_file)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("xlsxSheet")
        self.sheet_combo.addItem(tr_marked(AUTO_SHEET), None)
        self.sheet_combo.currentIndexChanged.connect(self._inputs_changed)
        self.mapping_edit = QLineEdit()
        self.mapping_edit.setObjectName("xlsxMapping")
        self.mapping_edit.setPlaceholderText(tr("可不填：表头写法不认识时，指定表头与字段的对应（.toml）"))
        self.mapping_edit.textChanged.connect(self._inputs_changed)
        browse_mapping = QPushButton(tr("选择…"))
        browse_mapping.setObjectName("chooseMapping")
        browse_mapping.clicked.connect(self.choose_mapping)
        self.check_button = QPushButton(tr("检查（试导入，不写入）"))
        self.check_button.setObjectName("checkXlsx")
        self.check_button.clicked.connect(self.check)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        mapping_row = QHBoxLayout()
        mapping_row.addWidget(self.mapping_edit, 1)
        mapping_row.addWidget(browse_mapping)
        form = QFormLayout(box)
        form.addRow(tr("表格文件"), file_row)
        form.addRow(tr("工作表"), self.sheet_combo)
        form.addRow(tr("表头对应"), mapping_row)
        form.addRow("", self.check_button)
        self._step1 = [self.file_edit, browse, self.sheet_combo, self.mapping_edit, browse_mapping]
        return box

    def _check_box(self) -> QGroupBox:
        box = QGroupBox(tr("第 2 步：检查结果（尚未写入）"))
        self.check_box = box
        self.check_label = QLabel(tr("选择表格后点“检查”：先看会导入什么，再决定是否导入"))
        self.check_label.setObjectName("checkSummary")
        self.check_label.setWordWrap(True)
        self.problems = RecordTableModel(PROBLEM_COLUMNS, parent=self)
        # listed, never blocking: a school status the child has outgrown, a 死亡 row, text like a formula
        self.warnings = RecordTableModel(WARNING_COLUMNS, parent=self)
        self.added = RecordTableModel(ADDED_COLUMNS, parent=self)
        self.changes = RecordTableModel(CHANGE_COLUMNS, parent=self)
        self.problem_table = _table(self.problems, "problemTable", stretch=3)
        self.warning_table = _table(self.warnings, "warningTable", stretch=3)
        self.added_table = _table(self.added, "addedTable", stretch=1)
        self.change_table = _table(self.changes, "changeTable", stretch=3)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("importNotes")
        self.notes.setReadOnly(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("importTabs")
        self.tabs.addTab(self.problem_table, tr("问题"))
        self.tabs.addTab(self.warning_table, tr("提醒"))
        self.tabs.addTab(self.added_table, tr("新增"))
        self.tabs.addTab(self.change_table, tr("修改", "the changes an import makes"))
        self.tabs.addTab(self.notes, tr("说明"))
        self.save_problems_button = QPushButton(tr("另存标出问题的表格…"))
        self.save_problems_button.setObjectName("saveProblems")
        self.save_problems_button.setToolTip(
            tr("另存一份表格：有问题的单元格标红，并加一列“问题”，改好后可再导入")
        )
        self.save_problems_button.clicked.connect(lambda: self.save_problems())
        row = QHBoxLayout()
        row.addWidget(self.check_label, 1)
        row.addWidget(self.save_problems_button)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.tabs, 1)
        return box

    def _import_box(self) -> QGroupBox:
        box = QGroupBox(tr("第 3 步：导入"))
        self.accept_valid = QCheckBox(tr("只导入没有问题的户"))
        self.accept_valid.setObjectName("acceptValid")
        self.accept_valid.setToolTip(tr("有问题的户整户不导入，其余照常导入"))
        self.accept_valid.toggled.connect(self._update_buttons)
        self.import_button = QPushButton(tr("导入"))
        self.import_button.setObjectName("importXlsx")
        self.import_button.clicked.connect(self.run_import)
        self.import_label = QLabel()
        self.import_label.setObjectName("importSummary")
        self.import_label.setWordWrap(True)
        layout = QHBoxLayout(box)
        layout.addWidget(self.accept_valid)
        layout.addWidget(self.import_label, 1)
        layout.addWidget(self.import_button)
        return box

    # --- public ------------------------------------------------------------------------------------
    def set_file(self, path: Path | str) -> None:
        self.file_edit.setText(str(path))
        self._fill_sheets()

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, tr("选择花名册"), self.file_edit.text(), tr_marked(XLSX_FILTER)
        )
        if name:
            self.set_file(name)

    def choose_mapping(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, tr("选择表头对应文件"), self.mapping_edit.text(), tr_marked(MAPPING_FILTER)
        )
        if name:
            self.mapping_edit.setText(name)

    def can_import(self) -> bool:
        report = self.report
        if report is None or self.done_report is not None or self._job is not None:
            return False
        if not report.problems:
            return True
        return self.accept_valid.isChecked() and not report.blocked  # row problems only

    def check(self) -> Job | None:
        """Step 2: the dry run on the worker thread; nothing is written."""
        path = self._path()
        if path is None or self._job is not None:
            return None
        ledger, sheet, mapping = self.ctx.ledger, self.sheet_combo.currentData(), self._mapping()

        def work(_progress: Progress) -> ImportReport:
            return import_roster(ledger, path, sheet=sheet, mapping=mapping, dry_run=True, accept_valid=True)

        self._clear()
        self.check_label.setText(tr("正在检查…"))
        return self._start(tr("正在检查表格…"), work, self._checked)

    def run_import(self) -> Job | None:
        """Step 3: the real import on the worker thread (``ctx.run`` emits ``ctx.changed`` after it)."""
        path = self._path()
        if path is None or not self.can_import():
            return None
        ledger, sheet, mapping = self.ctx.ledger, self.sheet_combo.currentData(), self._mapping()
        accept_valid = bool(self.report and self.report.problems and self.accept_valid.isChecked())

        def work(_progress: Progress) -> ImportReport:
            return import_roster(
                ledger, path, sheet=sheet, mapping=mapping, dry_run=False, accept_valid=accept_valid
            )

        self.import_label.setText(tr("正在导入…"))
        return self._start(tr("正在导入花名册…"), work, self._imported)

    def save_problems(self, target: Path | None = None) -> Job | None:
        """Save the sheet with its problem cells highlighted and a 问题 column (not the ledger)."""
        report = self.report
        if report is None or not report.problems or self._job is not None:
            return None
        if target is None:
            suggested = report.path.with_name(f"{report.path.stem}-问题.xlsx")
            name, _ = QFileDialog.getSaveFileName(
                self, tr("另存标出问题的表格"), str(suggested), tr_marked(XLSX_FILTER)
            )
            if not name:
                return None
            target = Path(name)
        source, sheet, header_row, problems = (
            report.path,
            report.sheet,
            report.header_rows[1],
            report.problems,
        )

        def work(_progress: Progress) -> Path:
            write_problem_copy(source, sheet, header_row, list(problems), target)
            return target

        return self._start(
            tr("正在另存问题表格…"),
            work,
            lambda saved: show_info(self, tr("已另存：{saved}").format(saved=saved)),
        )

    def reject(self) -> None:
        """Close, except while a job runs: its worker thread and progress dialog belong to this one."""
        if self._job is None:
            super().reject()

    # --- private -----------------------------------------------------------------------------------
    def _start(self, title: str, work: Any, on_done: Any) -> Job:
        job = self.ctx.run(self, title, work, on_done)
        self._job = job
        job.finished.connect(lambda: self._job_ended(job))
        self._update_buttons()
        return job

    def _job_ended(self, job: Job) -> None:
        if self._job is job:
            self._job = None
        if job.error is not None:  # shown by the job; the labels say where things stand
            if self.report is None:
                self.check_label.setText(tr("检查没有完成，未写入任何数据"))
            elif self.done_report is None:
                self.import_label.setText(tr("导入没有完成"))
        self._update_buttons()

    def _checked(self, report: ImportReport) -> None:
        self.report = report
        self._show(report)
        first, last = report.header_rows
        header = (
            tr("第 {first} 行").format(first=first)
            if first == last
            else tr("第 {first}–{last} 行").format(first=first, last=last)
        )
        text = tr("工作表“{sheet}”：表头在{header}，数据 {rows_read} 行。").format(
            sheet=report.sheet, header=header, rows_read=report.rows_read
        )
        if not report.problems:
            text += tr("没有发现问题。") + summary(report)
        elif report.blocked:
            text += tr("发现 {n} 处问题，其中有整张表的问题：改正表格后重新检查。").format(
                n=len(report.problems)
            )
        else:
            text += tr(
                "发现 {n} 处问题：改正后重新检查，或勾选“只导入没有问题的户”（{left_out} 户不导入）。没有问题的户："
            ).format(n=len(report.problems), left_out=len(report.left_out)) + summary(report)
        if report.warnings:
            text += tr("另有 {n} 条提醒，不影响导入，请看“提醒”。").format(n=len(report.warnings))
        self.check_label.setText(text)
        if report.problems:
            self.tabs.setCurrentIndex(TAB_PROBLEMS)
        elif report.changes and not report.added_households:
            self.tabs.setCurrentIndex(TAB_CHANGES)
        else:
            self.tabs.setCurrentIndex(TAB_ADDED)
        self.import_label.setText("" if not report.problems else tr("有问题的户不会导入"))
        self._update_buttons()

    def _imported(self, report: ImportReport) -> None:
        if not report.written:  # the file changed since the check and now has problems
            self.report = report
            self._show(report)
            self.import_label.setText(tr("表格有问题，未导入任何数据：请重新检查"))
            self._update_buttons()
            return
        self.done_report = report
        self._show(report)
        self.check_box.setTitle(tr("第 2 步：检查结果（已写入台账）"))
        self.check_label.setText(tr("已写入台账。") + summary(report))
        self.import_label.setText(tr("导入完成：") + summary(report))
        self._update_buttons()
        self.imported.emit(report)

    def _show(self, report: ImportReport) -> None:
        self.problems.set_rows(problem_rows(report.problems))
        self.warnings.set_rows(problem_rows(report.warnings))
        self.added.set_rows(added_rows(report))
        self.changes.set_rows(change_rows(report))
        notes = [tr("未导入的列 {line}").format(line=line) for line in report.ignored_columns]
        notes += [tr("说明：{note}").format(note=note) for note in report.notes]
        notes += [tr("有问题，不导入：{name}").format(name=name) for name in report.left_out]
        self.notes.setPlainText("\n".join(notes))
        self.tabs.setTabText(TAB_PROBLEMS, tr("问题（{n}）").format(n=len(report.problems)))
        self.tabs.setTabText(TAB_WARNINGS, tr("提醒（{n}）").format(n=len(report.warnings)))
        self.tabs.setTabText(TAB_ADDED, tr("新增（{n}）").format(n=self.added.rowCount()))
        self.tabs.setTabText(TAB_CHANGES, tr("修改（{n}）").format(n=len(report.changes)))
        self.tabs.setTabText(TAB_NOTES, tr("说明（{n}）").format(n=len(notes)) if notes else tr("说明"))

    def _clear(self) -> None:
        self.report = None
        self.done_report = None
        for model in (self.problems, self.warnings, self.added, self.changes):
            model.set_rows([])
        self.notes.clear()
        self.check_box.setTitle(tr("第 2 步：检查结果（尚未写入）"))
        for index, text in enumerate(
            (tr("问题"), tr("提醒"), tr("新增"), tr("修改", "the changes an import makes"), tr("说明"))
        ):
            self.tabs.setTabText(index, text)
        self.import_label.clear()

    def _inputs_changed(self) -> None:
        """Another file, sheet or mapping: the last check no longer holds."""
        if self.report is not None or self.done_report is not None:
            self._clear()
            self.check_label.setText(tr("表格已更换：请重新检查"))
        self._update_buttons()

    def _fill_sheets(self) -> None:
        path = self._path()
        current = self.sheet_combo.currentData()
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItem(tr_marked(AUTO_SHEET), None)
        for name in _sheet_names(path) if path else []:
            self.sheet_combo.addItem(name, name)
        self.sheet_combo.setCurrentIndex(max(self.sheet_combo.findData(current), 0) if current else 0)
        self.sheet_combo.blockSignals(False)

    def _update_buttons(self) -> None:
        idle = self._job is None
        for widget in self._step1:
            widget.setEnabled(idle)
        self.check_button.setEnabled(idle and self._path() is not None)
        report = self.report
        has_problems = bool(report and report.problems)
        self.save_problems_button.setEnabled(idle and has_problems)
        self.accept_valid.setEnabled(idle and has_problems and self.done_report is None)
        self.import_button.setEnabled(self.can_import())

    def _path(self) -> Path | None:
        text = self.file_edit.text().strip()
        return Path(text) if text else None

    def _mapping(self) -> Path | None:
        text = self.mapping_edit.text().strip()
        return Path(text) if text else None


def _sheet_names(path: Path) -> list[str]:
    """The workbook's sheets for the chooser; an unreadable file shows its error at 检查 instead."""
    try:
        return workbook_sheets(path)
    except UserError:
        return []


def _table(model: RecordTableModel, name: str, *, stretch: int) -> QTableView:
    table = read_only_table(model, name, stretch=stretch)
    table.setWordWrap(True)  # a problem's message is long: it wraps in its column
    return table
