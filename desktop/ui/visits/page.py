"""走访: a quick visit form (keyboard first, Ctrl+Enter saves), the to-do list of follow-ups due or
overdue, and every visit of the village, newest first.

The household picker, the photo drop list and the to-do model live in their own modules
(``household_picker``, ``photo_drop``, ``follow_up_model``).
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import VISIT_KINDS
from desktop.domain.errors import InvalidInput
from desktop.services.drafts import VISIT as VISIT_DRAFT
from desktop.services.drafts import discard_draft
from desktop.services.photos import PhotoResult, add_photos
from desktop.services.visits.follow_ups import set_follow_up_done
from desktop.services.visits.lists import VisitRow, list_visits, open_follow_ups
from desktop.services.visits.visits import (
    FollowUpInput,
    RecordedVisit,
    record_visit,
    restore_visit,
    withdraw_visit,
)
from desktop.ui.photos.drop import PhotoDropList
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error, show_info
from desktop.ui.shell.i18n import tr, tr_noop
from desktop.ui.shell.jobs import Job, Progress
from desktop.ui.shell.page import Page
from desktop.ui.visits.follow_up_model import (
    COL_ACTION,
    COL_NUMBER,
    COL_STATE,
    OVERDUE,
    DaysOverdueRole,
    FollowUpIdRole,
    FollowUpTableModel,
    HouseholdIdRole,
)
from desktop.ui.widgets.dates import py_date
from desktop.ui.widgets.draft_keeper import DraftKeeper
from desktop.ui.widgets.household_picker import HouseholdPicker
from desktop.ui.widgets.record_table_model import Column, RecordTableModel
from desktop.ui.widgets.tables import read_only_table
from desktop.ui.widgets.xlsx_export import export_button, run_export

# the to-do model's names stay importable from here (tests/ui/visits/test_visits_page.py imports them)
__all__ = [
    "COL_ACTION",
    "COL_STATE",
    "OVERDUE",
    "DaysOverdueRole",
    "FollowUpIdRole",
    "FollowUpTableModel",
    "HouseholdIdRole",
    "VisitsPage",
]

TODO_DAYS = 7  # the to-do list shows follow-ups overdue or due within this many days
DEFAULT_DUE_DAYS = 7
VISIT_LIMIT = 2000  # a township's "all villages" list stays quick to load


VISIT_COLUMNS = (
    Column("visited_on", tr_noop("日期")),
    Column("head_name", tr_noop("户主")),
    Column("kind", tr_noop("方式")),
    Column("visitors", tr_noop("走访人")),
    Column("content", tr_noop("走访内容")),
    Column("problems", tr_noop("问题和诉求")),
    Column("open_follow_ups", tr_noop("未办结"), show=lambda n: str(n) if n else ""),
    Column("number", tr_noop("户编号")),  # hidden (too long for the width), still found by the search box
)
VISIT_COL_VISITORS, VISIT_COL_CONTENT, VISIT_COL_PROBLEMS, VISIT_COL_NUMBER = 3, 4, 5, 7


# --- the page --------------------------------------------------------------------------------------


class VisitsPage(Page):
    watches = frozenset({"visit", "follow_up", "photo", "household", "member", "village", "work_log"})
    title = tr_noop("走访")
    object_name = "visitsPage"
    draft_restored = Signal()  # a draft from before was put back in the form: the window shows this page

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.photo_job: Job | None = None
        self._pending: list[FollowUpInput] = []
        form = self._build_form()
        todo = self._build_todo()
        visits = self._build_visit_list()
        right = QVBoxLayout()
        right.addWidget(todo, 2)
        right.addWidget(visits, 3)
        layout = QHBoxLayout(self)
        layout.addWidget(form, 0)
        layout.addLayout(right, 1)
        self._tab_order()
        today = _qdate(self.ctx.ledger.today())
        self.visit_date.setDate(today)
        self.visitors.setText(self.ctx.ledger.this_device().user_name or "")
        self._reset_form()
        # the draft (drafts.py): kept a moment after each change, offered again after a crash
        self.drafts = DraftKeeper(ctx, VISIT_DRAFT, self.draft, self)
        self.drafts.watch(
            self.content_edit.textChanged, self.problems_edit.textChanged, self.people_met.textChanged,
            self.policies.textChanged, self.follow_action.textChanged, self.visitors.textChanged,
            self.picker.chosen, self.photos.changed, self.kind.currentIndexChanged, self.visit_date.dateChanged,
        )  # fmt: skip
        QTimer.singleShot(0, self.offer_draft)

    # --- public ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        ledger, village, everywhere = self.ctx.ledger, self.ctx.village_id, self.ctx.village_id is None
        rows = list_visits(ledger, village_id=village, all_villages=everywhere, limit=VISIT_LIMIT)
        self.visits.set_rows([_visit_record(r) for r in rows])
        self.visit_count.setText(tr("共 {n} 次").format(n=len(rows)))
        within = None if self.show_all_open.isChecked() else TODO_DAYS
        todo = open_follow_ups(ledger, village_id=village, all_villages=everywhere, due_within_days=within)
        self.follow_ups.set_rows(todo, self.ctx.ledger.today())
        late = sum(1 for r in todo if (r.days_overdue(self.ctx.ledger.today()) or 0) > 0)
        self.todo_count.setText(
            tr("{n} 项，其中逾期 {late} 项").format(n=len(todo), late=late) if todo else tr("没有待办事项")
        )
        self.mark_done_button.setEnabled(bool(todo))

    def start_visit(self, household_id: str, label: str) -> None:
        """Open the form on a household (from elsewhere in the window)."""
        self.picker.set_household(household_id, label)
        self.content_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_visit(self) -> RecordedVisit | None:
        """Save the form as a visit (its photos follow on a worker thread); None when refused."""
        household_id = self.picker.household_id()
        if not household_id:
            show_error(self, InvalidInput(tr("请先选择农户：输入姓名、拼音首字母或户编号，再从列表中选择")))
            self.picker.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        if self.follow_action.text().strip():
            self._add_follow_up()  # typed but not yet added: meant to be saved with the visit
        label, files, follow_ups = self.picker.text(), self.photos.files(), list(self._pending)
        visited_on = py_date(self.visit_date.date())
        ledger, kind, visitors = self.ctx.ledger, self.kind.currentText(), _names(self.visitors.text())
        content, problems = self.content_edit.toPlainText(), self.problems_edit.toPlainText().strip() or None
        people_met, policies = self.people_met.text().strip() or None, self.policies.text().strip() or None
        saved: list[RecordedVisit] = []

        def save() -> None:  # the first time records the visit, a redo after 撤销 brings it back
            if saved:
                restore_visit(ledger, saved[0].visit_id)
                return
            saved.append(
                record_visit(
                    ledger, household=household_id, visited_on=visited_on, kind=kind, visitors=visitors,
                    content=content, problems=problems, people_met=people_met, policies=policies,
                    follow_ups=follow_ups,
                )
            )  # fmt: skip

        # one undoable step with the photos that follow: 撤销 archives the visit, its follow-ups and photos
        what = tr("走访：{label}").format(label=label)
        if not self.ctx.edit(self, what, save, lambda: withdraw_visit(ledger, saved[0].visit_id)):
            return None
        result = saved[0]
        discard_draft(self.ctx.ledger, VISIT_DRAFT)
        self.saved_label.setText(
            tr("已保存：{visited_on} {label}").format(visited_on=visited_on, label=label)
        )
        self._reset_form()
        if files:
            self._save_photos(result, files)
        return result

    # --- the draft ---------------------------------------------------------------------------------
    def draft(self) -> dict[str, Any] | None:
        """What is in the form and not saved; None when nothing of one visit has been typed or picked."""
        typed = (
            self.content_edit.toPlainText().strip() or self.problems_edit.toPlainText().strip()
            or self.people_met.text().strip() or self.policies.text().strip()
            or self.follow_action.text().strip() or self._pending or self.photos.count()
        )  # fmt: skip
        if not typed:
            return None
        return {
            "household_id": self.picker.household_id(),
            "label": self.picker.text(),
            "visited_on": py_date(self.visit_date.date()).isoformat(),
            "kind": self.kind.currentText(),
            "visitors": self.visitors.text(),
            "people_met": self.people_met.text(),
            "content": self.content_edit.toPlainText(),
            "policies": self.policies.text(),
            "problems": self.problems_edit.toPlainText(),
            "follow_action": self.follow_action.text(),
            "follow_ups": [[f.action, f.due_on.isoformat() if f.due_on else None] for f in self._pending],
            "photos": [str(path) for path in self.photos.files()],
        }

    def has_draft(self) -> bool:
        return self.draft() is not None

    def keep_draft(self) -> None:
        """Write the draft now (after each change, a moment later); an empty form removes it."""
        self.drafts.keep()

    def throw_away_draft(self) -> None:
        """放弃: the form emptied and the kept draft removed."""
        self._reset_form()
        self.keep_draft()

    def offer_draft(self) -> bool:
        """At start: a draft left by a crash or a power cut is offered; 是 puts it back in the form."""

        def question(draft: dict[str, Any]) -> str:
            photos = draft.get("photos") or []
            return tr("上次有一份没有保存的走访（{label}，照片 {n} 张），要恢复到走访表单吗？").format(
                label=draft.get("label") or tr("未选农户"), n=len(photos)
            )

        restored = self.drafts.offer(question, self._restore)
        if restored:
            self.draft_restored.emit()
        return restored

    def _restore(self, draft: dict[str, Any]) -> None:
        if draft.get("household_id"):
            self.picker.set_household(str(draft["household_id"]), str(draft.get("label") or ""))
        day = QDate.fromString(str(draft.get("visited_on") or ""), "yyyy-MM-dd")
        if day.isValid():
            self.visit_date.setDate(day)
        if draft.get("kind") in VISIT_KINDS:
            self.kind.setCurrentText(str(draft["kind"]))
        self.visitors.setText(str(draft.get("visitors") or self.visitors.text()))
        self.people_met.setText(str(draft.get("people_met") or ""))
        self.content_edit.setPlainText(str(draft.get("content") or ""))
        self.policies.setText(str(draft.get("policies") or ""))
        self.problems_edit.setPlainText(str(draft.get("problems") or ""))
        self.follow_action.setText(str(draft.get("follow_action") or ""))
        for action, due in draft.get("follow_ups") or []:
            due_on = dt.date.fromisoformat(due) if due else None
            self._pending.append(FollowUpInput(action=str(action), due_on=due_on))
            self.pending_list.addItem(tr("{action}（{due} 前）").format(action=action, due=due_on))
        self.photos.add_files([Path(p) for p in draft.get("photos") or []])  # those still there
        self.content_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def export_visits(self) -> Job | None:
        """导出 Excel…: every visit of the village in view, with its follow-ups."""
        from desktop.services.xlsx.exporting import export_visits

        ledger, village = self.ctx.ledger, self.ctx.village_id
        name = tr("走访记录-{day}.xlsx").format(day=ledger.today().isoformat())
        return run_export(
            self.ctx,
            self,
            tr("导出走访记录"),
            name,
            lambda path: export_visits(ledger, path, village_id=village),
        )

    def mark_selected_done(self) -> bool:
        index = self.todo_table.currentIndex()
        if not index.isValid():
            return False
        item = self.follow_ups.row_at(index.row())
        ledger = self.ctx.ledger
        return self.ctx.edit(
            self,
            tr("完成后续事项：{action}").format(action=item.action[:20]),
            lambda: set_follow_up_done(ledger, item.id, done=True),
            lambda: set_follow_up_done(ledger, item.id, done=False),
        )

    # --- building ----------------------------------------------------------------------------------
    def _build_form(self) -> QWidget:
        self.visit_date = QDateEdit()
        self.visit_date.setObjectName("visitDate")
        self.visit_date.setCalendarPopup(True)
        self.visit_date.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        self.kind.setObjectName("visitKind")
        self.kind.addItems(VISIT_KINDS)
        self.picker = HouseholdPicker(self.ctx)
        self.visitors = QLineEdit()
        self.visitors.setObjectName("visitors")
        self.visitors.setPlaceholderText(tr("多人用顿号分隔"))
        self.people_met = QLineEdit()
        self.people_met.setPlaceholderText(tr("例如：户主及配偶"))
        self.content_edit = _text_box("visitContent", tr("了解了什么、核实了什么（必填）"), 3)
        self.policies = QLineEdit()
        self.policies.setPlaceholderText(tr("宣讲的政策，可不填"))
        self.problems_edit = _text_box("visitProblems", tr("农户反映的问题和诉求"), 2)

        self.follow_action = QLineEdit()
        self.follow_action.setObjectName("followUpAction")
        self.follow_action.setPlaceholderText(tr("后续要办的事，回车添加"))
        self.follow_action.returnPressed.connect(self._add_follow_up)
        self.follow_due = QDateEdit()
        self.follow_due.setObjectName("followUpDue")
        self.follow_due.setCalendarPopup(True)
        self.follow_due.setDisplayFormat("yyyy-MM-dd")
        self.follow_due.setToolTip(tr("办结期限"))
        add_follow = QPushButton(tr("添加"))
        add_follow.setObjectName("addFollowUp")
        add_follow.clicked.connect(self._add_follow_up)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow_action, 1)
        follow_row.addWidget(self.follow_due)
        follow_row.addWidget(add_follow)
        self.pending_list = QListWidget()
        self.pending_list.setObjectName("pendingFollowUps")
        self.pending_list.setMaximumHeight(64)
        self.pending_list.setToolTip(tr("选中后按 Delete 移除"))
        self.pending_list.installEventFilter(self)

        self.photos = PhotoDropList()
        self.photos.setMaximumHeight(72)
        self.pick_photos_button = QPushButton(tr("选择照片…"))
        self.pick_photos_button.setObjectName("pickPhotos")
        self.pick_photos_button.clicked.connect(self._pick_photos)
        self.photo_count = QLabel()
        self.photos.changed.connect(
            lambda: self.photo_count.setText(
                tr("已选 {n} 张").format(n=self.photos.count()) if self.photos.count() else ""
            )
        )
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.pick_photos_button)
        photo_row.addWidget(self.photo_count, 1)

        self.save_button = QPushButton(tr("保存走访（Ctrl+Enter）"))
        self.save_button.setObjectName("saveVisit")
        self.save_button.clicked.connect(self.save_visit)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("visitSaved")
        self.saved_label.setWordWrap(True)

        date_row = QHBoxLayout()
        date_row.addWidget(self.visit_date)
        date_row.addSpacing(12)
        date_row.addWidget(QLabel(tr("方式")))
        date_row.addWidget(self.kind)
        date_row.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("走访日期"), date_row)
        form.addRow(tr("农户", "one household, chosen in a form"), self.picker)
        form.addRow(tr("走访人"), self.visitors)
        form.addRow(tr("见到的人"), self.people_met)
        form.addRow(tr("走访内容"), self.content_edit)
        form.addRow(tr("宣讲政策"), self.policies)
        form.addRow(tr("问题诉求"), self.problems_edit)
        form.addRow(tr("后续事项"), follow_row)
        form.addRow("", self.pending_list)
        form.addRow(tr("照片"), self.photos)
        form.addRow("", photo_row)
        box = QGroupBox(tr("记录走访"))
        box.setObjectName("visitForm")
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addWidget(self.save_button)
        inner.addWidget(self.saved_label)
        inner.addStretch(1)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), box, self.save_visit)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        scroll = QScrollArea()
        scroll.setWidget(box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumWidth(470)
        scroll.setMaximumWidth(560)
        return scroll

    def _build_todo(self) -> QWidget:
        self.follow_ups = FollowUpTableModel(self)
        self.todo_table = _table(self.follow_ups, "followUpTable")
        header = self.todo_table.horizontalHeader()
        header.setSectionResizeMode(COL_ACTION, QHeaderView.ResizeMode.Stretch)
        self.todo_table.setColumnHidden(COL_NUMBER, True)  # too long for the width: in the tooltip
        self.todo_table.activated.connect(
            lambda index: self.household_requested.emit(str(index.data(HouseholdIdRole)))
        )
        self.show_all_open = QCheckBox(tr("显示全部未办结事项"))
        self.show_all_open.toggled.connect(self.refresh)
        self.mark_done_button = QPushButton(tr("标记完成"))
        self.mark_done_button.setObjectName("markFollowUpDone")
        self.mark_done_button.setToolTip(tr("选中的事项已办结（Ctrl+Z 可撤销）"))
        self.mark_done_button.clicked.connect(self.mark_selected_done)
        self.todo_count = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.todo_count, 1)
        row.addWidget(self.show_all_open)
        row.addWidget(self.mark_done_button)
        box = QGroupBox(tr("待办后续事项（已逾期和 {days} 天内到期）").format(days=TODO_DAYS))
        layout = QVBoxLayout(box)
        layout.addWidget(self.todo_table, 1)
        layout.addLayout(row)
        return box

    def _build_visit_list(self) -> QWidget:
        self.visits = RecordTableModel(VISIT_COLUMNS, parent=self)
        self.visit_filter = QSortFilterProxyModel(self)
        self.visit_filter.setSourceModel(self.visits)
        self.visit_filter.setFilterKeyColumn(-1)
        self.visit_filter.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.visit_table = _table(self.visit_filter, "visitTable")
        header = self.visit_table.horizontalHeader()
        # 走访内容 and 问题 share the room; 走访人 gets five characters (full text in the tooltip)
        for column in (VISIT_COL_CONTENT, VISIT_COL_PROBLEMS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(VISIT_COL_VISITORS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(VISIT_COL_VISITORS, header.fontMetrics().horizontalAdvance("演示驻村干") + 16)
        self.visit_table.setColumnHidden(VISIT_COL_NUMBER, True)
        self.visit_table.activated.connect(self._visit_activated)
        self.visit_search = QLineEdit()
        self.visit_search.setObjectName("visitSearch")
        self.visit_search.setPlaceholderText(tr("在走访记录中查找（户主、户编号、内容、走访人…）"))
        self.visit_search.setClearButtonEnabled(True)
        self.visit_search.textChanged.connect(self.visit_filter.setFilterFixedString)
        self.visit_count = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.visit_search, 1)
        row.addWidget(self.visit_count)
        self.export_button = export_button("exportVisits")
        self.export_button.setToolTip(tr("把本村全部走访记录（含后续事项）导出为 Excel 表格"))
        self.export_button.clicked.connect(self.export_visits)
        row.addWidget(self.export_button)
        box = QGroupBox(tr("全部走访记录（双击打开农户）"))
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.visit_table, 1)
        return box

    def _tab_order(self) -> None:
        chain: list[QWidget] = [
            self.visit_date, self.kind, self.picker, self.visitors, self.people_met, self.content_edit,
            self.policies, self.problems_edit, self.follow_action, self.follow_due, self.pending_list,
            self.photos, self.pick_photos_button, self.save_button, self.todo_table, self.show_all_open,
            self.mark_done_button, self.visit_search, self.visit_table,
        ]  # fmt: skip
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- form actions ------------------------------------------------------------------------------
    def _reset_form(self) -> None:
        """Clear what belongs to one visit; keep date, kind and visitors for the next house."""
        today = _qdate(self.ctx.ledger.today())
        self.visit_date.setMaximumDate(today)
        self.follow_due.setDate(today.addDays(DEFAULT_DUE_DAYS))
        self.picker.clear_choice()
        for edit in (self.people_met, self.policies, self.follow_action):
            edit.clear()
        self.content_edit.clear()
        self.problems_edit.clear()
        self._pending.clear()
        self.pending_list.clear()
        self.photos.clear_files()
        self.picker.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_follow_up(self) -> None:
        action = self.follow_action.text().strip()
        if not action:
            return
        due = py_date(self.follow_due.date())
        self._pending.append(FollowUpInput(action=action, due_on=due))
        self.pending_list.addItem(tr("{action}（{due} 前）").format(action=action, due=due))
        self.follow_action.clear()
        self.drafts.timer.start()

    def _pick_photos(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            tr("选择走访照片"),
            str(Path.home()),
            tr("照片 (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG);;所有文件 (*)"),
        )
        self.photos.add_files([Path(f) for f in files])

    def _save_photos(self, visit: RecordedVisit, files: list[Path]) -> None:
        ledger = self.ctx.ledger

        def work(progress: Progress) -> list[PhotoResult]:
            results: list[PhotoResult] = []
            for done, path in enumerate(files):
                if not progress(done, len(files)):
                    break  # cancelled: the photos stored so far stay stored
                results += add_photos(ledger, visit.household_id, [path], visit=visit.visit_id)
            progress(len(files), len(files))
            return results

        self.photo_job = self.ctx.run(
            self, tr("正在保存 {n} 张走访照片…").format(n=len(files)), work, self._photos_saved
        )

    def _photos_saved(self, results: list[PhotoResult]) -> None:
        stored = sum(1 for r in results if r.ok)
        self.saved_label.setText(
            tr("{saved}，照片 {stored} 张").format(saved=self.saved_label.text(), stored=stored)
        )
        failed = [r.message for r in results if not r.ok]
        if failed:
            show_info(self, tr("走访已保存，但以下照片未能保存：\n") + "\n".join(failed))

    def _visit_activated(self, index: QModelIndex) -> None:
        row = self.visit_filter.mapToSource(index).row()
        self.household_requested.emit(str(self.visits.row_at(row)["household_id"]))

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # Delete removes a follow-up that has not been saved yet
        if (
            watched is self.pending_list
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.pending_list.currentRow() >= 0
        ):
            row = self.pending_list.currentRow()
            self.pending_list.takeItem(row)
            del self._pending[row]
            self.drafts.timer.start()
            return True
        return super().eventFilter(watched, event)


# --- helpers ---------------------------------------------------------------------------------------


def _visit_record(row: VisitRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "household_id": row.household_id,
        "visited_on": row.visited_on.isoformat() if row.visited_on else "",
        "number": row.number,
        "head_name": row.head_name,
        "kind": row.kind,
        "visitors": list(row.visitors),
        "content": row.content,
        "problems": row.problems,
        "open_follow_ups": row.open_follow_ups,
    }


def _names(text: str) -> list[str]:
    return [name for name in re.split(r"[、,，;；\s]+", text) if name]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _text_box(name: str, placeholder: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def _table(model: Any, name: str) -> QTableView:
    table = read_only_table(model, name)
    header = table.horizontalHeader()
    # with a large font a narrow page scrolls sideways instead of squeezing a column to nothing
    header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("走访内容") + 16)
    return table
