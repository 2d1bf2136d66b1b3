"""日志: the work team's diary (驻村工作日志) and presence (在岗考勤) beside 走访.

Left, the month's calendar, each day coloured present / leave / meeting / away for the person chosen,
and the month's counts against the township's required days. In the middle, on a village laptop, the
form for the day picked in the calendar: a day with an entry opens it for correction (one entry per day
and person), Enter in a line saves; 在村 marks a day with no entry, 取消在村 takes a mark back; below
it, leave, and the month's leave of the person with 修改 and 删除. Right, the entries
with a search box, the month table of every person (a township: every village), and the gaps month
by month over a span the user picks (a person below the required days, a week with no diary).
A township only reads: the forms are hidden. Every mark, leave and correction is one step of 撤销
(Ctrl+Z), itself a logged edit.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.services.diary import (
    DiaryEntry,
    LeaveRow,
    MonthGap,
    PersonMonth,
    add_entry,
    add_leave,
    attendance,
    attendance_gaps,
    edit_entry,
    edit_leave,
    entry_on,
    list_entries,
    list_leaves,
    mark_present,
    month_span,
    remove_leave,
    restore_leave,
    rules,
    set_required_days,
    team_members,
    unmark_present,
)
from desktop.services.diary.attendance import AWAY_DAY, LEAVE_DAY, MEETING_DAY, PRESENT_DAY
from desktop.services.drafts import DIARY as DIARY_DRAFT
from desktop.services.photos import ReadyPhoto, photo_bytes, photos_of_entry, read_photos, save_photo_copy
from desktop.services.reversal import Reversal, put_back, take_back
from desktop.services.village.info import village_summary
from desktop.ui.photos.drop import PhotoDropList
from desktop.ui.photos.grid_model import PhotoGridModel, taken_text
from desktop.ui.photos.grid_view import PhotoGridView
from desktop.ui.photos.viewer import PhotoViewer
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import CANCEL, SAVE, ask_save, show_error
from desktop.ui.shell.i18n import tr, tr_noop
from desktop.ui.shell.jobs import Job
from desktop.ui.shell.page import Page
from desktop.ui.widgets.dates import py_date
from desktop.ui.widgets.draft_keeper import DraftKeeper
from desktop.ui.widgets.record_table_model import Column, RecordTableModel
from desktop.ui.widgets.tables import read_only_table

DAY_COLOURS = {
    PRESENT_DAY: "#cfe8cf",
    LEAVE_DAY: "#f6dcb4",
    MEETING_DAY: "#cfdcf2",
    AWAY_DAY: "#e4e4e4",
}

ENTRY_COLUMNS = (
    Column("day", tr_noop("日期")),
    Column("village_name", tr_noop("村")),
    Column("person", tr_noop("记录人")),
    Column("kind", tr_noop("类别")),
    Column("place", tr_noop("地点")),
    Column("content", tr_noop("工作内容")),
    Column("households", tr_noop("涉及农户")),
    Column("photos", tr_noop("照片")),
)
LEAVE_COLUMNS = (
    Column("kind", tr_noop("类别")),
    Column("start", tr_noop("从")),
    Column("end", tr_noop("到")),
    Column("approver", tr_noop("批准人")),
)
MONTH_COLUMNS = (
    Column("village_name", tr_noop("村")),
    Column("person", tr_noop("姓名")),
    Column("present", tr_noop("在村")),
    Column("leave", tr_noop("请假和外出")),
    Column("away", tr_noop("不在村")),
    Column("on_duty", tr_noop("在岗")),
    Column("required", tr_noop("所需")),
    Column("gap", tr_noop("差额")),
    Column("weeks", tr_noop("无日志的周")),
)

GAP_COLUMNS = (
    Column("village_name", tr_noop("村")),
    Column("person", tr_noop("姓名")),
    Column("month", tr_noop("月份")),
    Column("present", tr_noop("在村")),
    Column("on_duty", tr_noop("在岗")),
    Column("required", tr_noop("所需")),
    Column("gap", tr_noop("差额")),
    Column("weeks", tr_noop("无日志的周")),
    Column("flag", tr_noop("缺口")),
)


class DiaryPage(Page):
    draft_restored = Signal()  # a draft from before was put back in the form: the window shows this page
    watches = frozenset({"work_log", "policy_setting", "village", "photo", "household"})
    title = tr_noop("日志")
    object_name = "diaryPage"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.months: list[PersonMonth] = []
        self.shown: DiaryEntry | None = None  # the entry the form corrects, None: a new one
        self.leaves: list[LeaveRow] = []  # the person's leave in the month shown, as listed
        self.editing_leave: LeaveRow | None = None  # the leave the leave form corrects, None: a new one
        self.viewer: PhotoViewer | None = None  # an entry's photo at full size
        self.photo_job: Job | None = None  # the entry's photos being read in
        column = QWidget()
        left = QVBoxLayout(column)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self._build_calendar())
        left.addWidget(self._build_form())
        left.addWidget(self._build_leave())
        left.addWidget(self._build_required())
        left.addStretch(1)
        scroll = QScrollArea()  # a small screen scrolls the forms, never cuts them
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(360)
        scroll.setMaximumWidth(460)
        right = QVBoxLayout()
        right.addLayout(self._build_search())
        right.addWidget(self.entries_table, 3)
        right.addWidget(QLabel(tr("本月考勤")))
        right.addWidget(self.month_table, 2)
        right.addLayout(self._build_gaps())
        right.addWidget(self.gaps_table, 2)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll, 0)
        layout.addLayout(right, 1)
        writable = not ctx.is_township
        self.form_box.setVisible(writable)
        self.leave_box.setVisible(writable)
        self.required_box.setVisible(ctx.is_township)
        self.entries_table.setColumnHidden(1, writable)  # the village column: a township's only
        self.month_table.setColumnHidden(0, writable)
        self.gaps_table.setColumnHidden(0, writable)
        # what the form held when the day was loaded: typing makes it differ (then nothing wipes it)
        self._loaded: tuple[Any, ...] | None = None
        self._form_day: dt.date | None = None
        today = QDate(ctx.ledger.today())
        self.calendar.setMaximumDate(today)
        self.calendar.setSelectedDate(today)
        self._day_picked(today)
        # the draft (drafts.py): kept a moment after each change, offered again after a crash
        self.drafts = DraftKeeper(ctx, DIARY_DRAFT, self.draft, self)
        self.drafts.watch(
            self.place.textChanged, self.content.textChanged, self.households.textChanged,
            self.kind.currentIndexChanged, self.photos.changed,
        )  # fmt: skip
        if writable:
            QTimer.singleShot(0, self.offer_draft)

    # --- public ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        ledger = self.ctx.ledger
        code = self._village_code()
        people = self._people()
        chosen = self.person.currentText()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItems(people)
        if chosen in people:
            self.person.setCurrentText(chosen)
        self.person.blockSignals(False)
        words = self.search.text().strip()
        entries = list_entries(ledger, search=words, village_code=code)
        self.entries.set_rows([_entry_record(e) for e in reversed(entries)])
        self.entry_count.setText(tr("共 {n} 条").format(n=len(entries)))
        self._load_month()
        self._load_gaps()
        if not self.ctx.is_township and not self.typed():  # never over what is being typed
            self._day_picked(self.calendar.selectedDate())

    def save_entry(self) -> bool:
        """Save the form: a new entry for the day, or the correction of the day's entry. Photos in the
        list are read in first on a worker thread (a progress dialog for big ones); the entry, as the
        form held it on saving, and its photos are then written together, or nothing when a file is bad."""
        day = self._form_day or py_date(self.entry_date.date())
        households = [h for h in self.households.text().replace("，", ",").split(",") if h.strip()]
        fields: dict[str, Any] = {
            "kind": self.kind.currentText(),
            "content": self.content.text(),
            "place": self.place.text(),
            "households": households,
            "person": self.person.currentText() or None,
        }
        shown, files = self.shown, self.photos.files()
        if not files:
            return self._write_entry(day, shown, fields, [])
        ledger = self.ctx.ledger
        self.photo_job = self.ctx.run(
            self,
            tr("正在读取 {n} 张日志照片…").format(n=len(files)),
            lambda progress: read_photos(ledger, files, progress=progress),
            lambda ready: self._photos_read(day, shown, fields, ready),
        )
        return True

    def _photos_read(
        self, day: dt.date, shown: DiaryEntry | None, fields: dict[str, Any], ready: list[ReadyPhoto]
    ) -> None:
        self._write_entry(day, shown, fields, ready)

    def _write_entry(
        self, day: dt.date, shown: DiaryEntry | None, fields: dict[str, Any], ready: list[ReadyPhoto]
    ) -> bool:
        ledger, reversal = self.ctx.ledger, Reversal()
        fields = {**fields, "photos": ready or None}

        def do() -> object:  # once; a redo after 撤销 writes the same again (services/reversal.py)
            if not reversal.empty:
                put_back(ledger, reversal)
                return None
            if shown is None:
                return add_entry(ledger, day=day, reversal=reversal, **fields)
            return edit_entry(ledger, shown.id, reversal=reversal, **fields)

        label = tr("写 {day} 的日志") if shown is None else tr("修改 {day} 的日志")
        if not self.ctx.edit(
            self, label.format(day=day.isoformat()), do, lambda: take_back(ledger, reversal)
        ):
            return False
        what = tr("已保存 {day} 的日志") if shown is None else tr("已修改 {day} 的日志（修改记录保留）")
        what = what.format(day=day.isoformat())
        if ready:
            what += tr("，照片 {n} 张").format(n=len(ready))
        self.saved_label.setText(what)
        self.photos.clear_files()
        self._load_day(day)  # the saved entry, as stored: nothing typed is pending any more
        self.keep_draft()
        return True

    # --- the form's unsaved text and its draft -----------------------------------------------------
    def typed(self) -> bool:
        """The form holds something the user typed or picked and has not saved."""
        return not self.ctx.is_township and self._loaded is not None and self._form_values() != self._loaded

    def draft(self) -> dict[str, Any] | None:
        if not self.typed() or self._form_day is None:
            return None
        return {
            "day": self._form_day.isoformat(),
            "person": self.person.currentText(),
            "entry_id": self.shown.id if self.shown is not None else None,
            "kind": self.kind.currentText(),
            "place": self.place.text(),
            "content": self.content.text(),
            "households": self.households.text(),
            "photos": [str(path) for path in self.photos.files()],
        }

    def keep_draft(self) -> None:
        """Write the draft now (a moment after each change); a form with nothing unsaved removes it."""
        self.drafts.keep()

    def throw_away_draft(self) -> None:
        """放弃: the form shows the day as stored again and the kept draft is removed."""
        if self._form_day is not None:
            self._load_day(self._form_day)
        self.photos.clear_files()
        self.keep_draft()

    def offer_draft(self) -> bool:
        """At start: a diary entry left unsaved by a crash or a power cut is offered back."""

        def question(draft: dict[str, Any]) -> str:
            return tr("上次有一条没有保存的日志（{day}，{person}），要恢复到日志表单吗？").format(
                day=draft.get("day") or "", person=draft.get("person") or ""
            )

        restored = self.drafts.offer(question, self._restore)
        if restored:
            self.draft_restored.emit()
        return restored

    def _restore(self, draft: dict[str, Any]) -> None:
        person = str(draft.get("person") or "")
        if person and self.person.findText(person) >= 0:
            self.person.setCurrentText(person)
        day = QDate.fromString(str(draft.get("day") or ""), "yyyy-MM-dd")
        if day.isValid() and day <= self.calendar.maximumDate():
            self.calendar.setSelectedDate(day)
            self._day_picked(day)
        if draft.get("kind") in rules().kinds:
            self.kind.setCurrentText(str(draft["kind"]))
        self.place.setText(str(draft.get("place") or ""))
        self.content.setText(str(draft.get("content") or ""))
        self.households.setText(str(draft.get("households") or ""))
        self.photos.add_files([Path(p) for p in draft.get("photos") or []])  # those still there
        self.content.setFocus(Qt.FocusReason.OtherFocusReason)

    def _form_values(self) -> tuple[Any, ...]:
        return (
            self.kind.currentText(),
            self.place.text(),
            self.content.text(),
            self.households.text(),
            tuple(self.photos.files()),
        )

    def open_entry_photo(self, index: QModelIndex) -> PhotoViewer | None:
        """Double-click on one of the entry's photos: the picture at full size."""
        if not index.isValid():
            return None
        row = self.entry_photos.row_at(index.row())
        try:
            data = photo_bytes(self.ctx.ledger, row.sha256) if row.available else None
        except (OSError, UserError) as error:
            show_error(self, error)
            return None
        if data is None:
            return None
        ledger, sha = self.ctx.ledger, row.sha256
        day = self.shown.day.isoformat() if self.shown is not None else ""
        self.viewer = PhotoViewer(
            data,
            tr("{day} 的日志照片").format(day=day),
            taken_text(row),
            self,
            save_copy=lambda target: save_photo_copy(ledger, sha, target),
            file_name=tr("{day} 日志照片.jpg").format(day=day),
        )
        self.viewer.show()
        return self.viewer

    def _pick_photos(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            tr("选择日志照片"),
            str(Path.home()),
            tr("照片 (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG);;所有文件 (*)"),
        )
        self.photos.add_files([Path(f) for f in files])

    def mark_day_present(self) -> bool:
        """记为在村 the day picked (Ctrl+Z takes it back)."""
        ledger, day = self.ctx.ledger, py_date(self.entry_date.date())
        person = self.person.currentText() or None
        if self.day_state(day) == PRESENT_DAY:
            self.saved_label.setText(tr("{day} 已经记为在村").format(day=day.isoformat()))
            return False
        done = self.ctx.edit(
            self,
            tr("记 {day} 在村").format(day=day.isoformat()),
            lambda: mark_present(ledger, day=day, person=person),
            lambda: unmark_present(ledger, day=day, person=person),
        )
        if done:
            self.saved_label.setText(tr("已记 {day} 在村").format(day=day.isoformat()))
        return done

    def unmark_day_present(self) -> bool:
        """取消在村 for the day picked: the mark is archived, its history kept (Ctrl+Z puts it back)."""
        ledger, day = self.ctx.ledger, py_date(self.entry_date.date())
        person = self.person.currentText() or None
        done = self.ctx.edit(
            self,
            tr("取消 {day} 在村").format(day=day.isoformat()),
            lambda: unmark_present(ledger, day=day, person=person),
            lambda: mark_present(ledger, day=day, person=person),
        )
        if done:
            self.saved_label.setText(tr("已取消 {day} 在村（修改记录保留）").format(day=day.isoformat()))
        return done

    def save_leave(self) -> bool:
        """Save the leave form: a new leave, or the correction of the leave chosen with 修改."""
        ledger = self.ctx.ledger
        start, end = py_date(self.leave_from.date()), py_date(self.leave_to.date())
        kind, approver = self.leave_kind.currentText(), self.approver.text()
        person = self.person.currentText() or None
        old = self.editing_leave
        if old is not None:
            done = self.ctx.edit(
                self,
                tr("修改请假：{kind} {start}").format(kind=old.kind, start=old.start.isoformat()),
                lambda: edit_leave(ledger, old.id, kind=kind, start=start, end=end, approver=approver),
                lambda: edit_leave(
                    ledger, old.id, kind=old.kind, start=old.start, end=old.end, approver=old.approver
                ),
            )
            what = tr("已修改请假：{kind} {start} 至 {end}（修改记录保留）")
        else:
            saved: list[str] = []

            def add() -> None:  # the first time writes the leave, a redo after 撤销 brings it back
                if saved:
                    restore_leave(ledger, saved[0])
                    return
                saved.append(
                    add_leave(ledger, kind=kind, start=start, end=end, approver=approver, person=person)
                )

            done = self.ctx.edit(
                self,
                tr("请假：{kind} {start}").format(kind=kind, start=start.isoformat()),
                add,
                lambda: remove_leave(ledger, saved[0]),
            )
            what = tr("已记录{kind} {start} 至 {end}")
        if not done:
            return False
        self.leave_label.setText(what.format(kind=kind, start=start.isoformat(), end=end.isoformat()))
        self.new_leave()
        return True

    def edit_selected_leave(self) -> bool:
        """修改: the leave chosen in the table goes into the form; Enter or 保存修改 saves it."""
        leave = self._selected_leave()
        if leave is None:
            return False
        self.editing_leave = leave
        self.leave_kind.setCurrentText(leave.kind)
        self.leave_from.setDate(QDate(leave.start))
        self.leave_to.setDate(QDate(leave.end))
        self.approver.setText(leave.approver)
        self.leave_state.setText(
            tr("修改请假：{kind} {start} 至 {end}").format(
                kind=leave.kind, start=leave.start.isoformat(), end=leave.end.isoformat()
            )
        )
        self.leave_save.setText(tr("保存修改"))
        self.leave_cancel.setVisible(True)
        self.approver.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def new_leave(self) -> None:
        """The leave form for a new leave again (after saving, or 取消修改)."""
        self.editing_leave = None
        self.leave_state.setText("")
        self.leave_save.setText(tr("记录请假"))
        self.leave_cancel.setVisible(False)
        self.approver.clear()

    def remove_selected_leave(self) -> bool:
        """删除 the leave chosen in the table (archived, the change log keeps it; Ctrl+Z puts it back)."""
        leave = self._selected_leave()
        if leave is None:
            return False
        ledger = self.ctx.ledger
        what = tr("{kind} {start} 至 {end}").format(
            kind=leave.kind, start=leave.start.isoformat(), end=leave.end.isoformat()
        )
        done = self.ctx.edit(
            self,
            tr("删除请假：{what}").format(what=what),
            lambda: remove_leave(ledger, leave.id),
            lambda: restore_leave(ledger, leave.id),
        )
        if done:
            if self.editing_leave is not None and self.editing_leave.id == leave.id:
                self.new_leave()
            self.leave_label.setText(tr("已删除请假：{what}（Ctrl+Z 撤销）").format(what=what))
        return done

    def save_required(self) -> bool:
        """The township sets the days a month in the village (a 政策标准 record for every village)."""
        ledger, year, days = self.ctx.ledger, self.required_year.value(), self.required_days.value()
        source = self.required_source.text()
        count = self.ctx.write(self, lambda: set_required_days(ledger, year=year, days=days, source=source))
        if count is None:
            return False
        self.required_label.setText(
            tr("已为 {n} 个村设定 {year} 年每月所需在村天数 {days} 天").format(n=count, year=year, days=days)
        )
        return True

    def day_state(self, day: dt.date) -> str:
        """What the calendar shows for a day of the person chosen: 在村 / 请假 / 开会 / 不在村 / ""."""
        month = self._person_month()
        return "" if month is None else month.days.get(day, "")

    # --- building ----------------------------------------------------------------------------------
    def _build_calendar(self) -> QWidget:
        box = QGroupBox(tr("在岗日历"))
        self.person = QComboBox()
        self.person.setObjectName("diaryPerson")
        self.person.currentTextChanged.connect(lambda _t: self._load_month())
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("diaryCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self._load_month())
        self.calendar.selectionChanged.connect(lambda: self._day_picked(self.calendar.selectedDate()))
        legend = QLabel(tr("绿：在村　橙：请假　蓝：外出开会　灰：不在村"))
        legend.setObjectName("diaryLegend")
        legend.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("diarySummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("队员")))
        row.addWidget(self.person, 1)
        layout.addLayout(row)
        layout.addWidget(self.calendar)
        layout.addWidget(legend)
        layout.addWidget(self.summary)
        return box

    def _build_form(self) -> QWidget:
        self.form_box = QGroupBox(tr("写日志"))
        self.form_box.setObjectName("diaryForm")
        self.entry_date = QDateEdit()
        self.entry_date.setObjectName("diaryDate")
        self.entry_date.setDisplayFormat("yyyy-MM-dd")
        self.entry_date.setCalendarPopup(True)
        self.entry_date.dateChanged.connect(self._date_typed)
        self.kind = QComboBox()
        self.kind.setObjectName("diaryKind")
        self.kind.addItems(rules().kinds)
        self.place = QLineEdit()
        self.place.setObjectName("diaryPlace")
        self.place.setPlaceholderText(tr("村民小组，或 乡里开会 等；不填即在村里"))
        self.content = QLineEdit()
        self.content.setObjectName("diaryContent")
        self.content.setPlaceholderText(tr("这一天做了什么（回车保存）"))
        self.households = QLineEdit()
        self.households.setObjectName("diaryHouseholds")
        self.households.setPlaceholderText(tr("涉及的农户：户编号，逗号分隔"))
        for line in (self.place, self.content, self.households):
            line.returnPressed.connect(self.save_entry)
        self.photos = PhotoDropList()
        self.photos.setObjectName("diaryPhotos")
        self.photos.setMaximumHeight(64)
        self.photos.setToolTip(tr("把照片文件拖到这里，保存日志时一起保存；选中后按 Delete 移除"))
        pick = QPushButton(tr("选择照片…"))
        pick.setObjectName("diaryPickPhotos")
        pick.clicked.connect(self._pick_photos)
        self.entry_photos = PhotoGridModel(self.ctx.ledger, self, icon_edge=72)
        self.entry_photo_grid = PhotoGridView()
        self.entry_photo_grid.setObjectName("diaryEntryPhotos")
        self.entry_photo_grid.setAcceptDrops(False)
        self.entry_photo_grid.setModel(self.entry_photos)
        self.entry_photo_grid.setMaximumHeight(110)
        self.entry_photo_grid.activated.connect(self.open_entry_photo)
        self.entry_photo_grid.setVisible(False)
        self.form_state = QLabel()
        self.form_state.setObjectName("diaryFormState")
        self.saved_label = QLabel()
        self.saved_label.setObjectName("diarySaved")
        save = QPushButton(tr("保存日志"))
        save.setObjectName("diarySave")
        save.clicked.connect(self.save_entry)
        present = QPushButton(tr("记为在村"))
        present.setObjectName("diaryPresent")
        present.clicked.connect(self.mark_day_present)
        unmark = QPushButton(tr("取消在村"))
        unmark.setObjectName("diaryUnmark")
        unmark.setToolTip(tr("取消这一天的在村记录（修改记录保留，Ctrl+Z 撤销）"))
        unmark.clicked.connect(self.unmark_day_present)
        for label in (self.form_state, self.saved_label):
            label.setWordWrap(True)
        form = QFormLayout(self.form_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.form_state)
        form.addRow(tr("日期"), self.entry_date)
        form.addRow(tr("类别"), self.kind)
        form.addRow(tr("地点"), self.place)
        form.addRow(tr("内容"), self.content)
        form.addRow(tr("涉及农户"), self.households)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photos, 1)
        photo_row.addWidget(pick)
        form.addRow(tr("照片"), photo_row)
        form.addRow(self.entry_photo_grid)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addStretch(1)
        form.addRow(buttons)
        marks = QHBoxLayout()  # a row of its own: three buttons side by side do not fit a small screen
        marks.addWidget(present)
        marks.addWidget(unmark)
        marks.addStretch(1)
        form.addRow(marks)
        form.addRow(self.saved_label)
        return self.form_box

    def _build_leave(self) -> QWidget:
        self.leave_box = QGroupBox(tr("请假和外出开会"))
        self.leave_box.setObjectName("leaveForm")
        self.leave_kind = QComboBox()
        self.leave_kind.setObjectName("leaveKind")
        self.leave_kind.addItems(rules().leave_kinds)
        today = QDate(self.ctx.ledger.today())
        self.leave_from, self.leave_to = QDateEdit(today), QDateEdit(today)
        for edit, name in ((self.leave_from, "leaveFrom"), (self.leave_to, "leaveTo")):
            edit.setObjectName(name)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
        self.leave_from.dateChanged.connect(
            lambda d: self.leave_to.setDate(d) if self.leave_to.date() < d else None
        )
        self.approver = QLineEdit()
        self.approver.setObjectName("leaveApprover")
        self.approver.setPlaceholderText(tr("批准人（回车保存）"))
        self.approver.returnPressed.connect(self.save_leave)
        self.leave_save = QPushButton(tr("记录请假"))
        self.leave_save.setObjectName("leaveSave")
        self.leave_save.clicked.connect(self.save_leave)
        self.leave_cancel = QPushButton(tr("取消修改"))
        self.leave_cancel.setObjectName("leaveCancelEdit")
        self.leave_cancel.clicked.connect(self.new_leave)
        self.leave_cancel.setVisible(False)
        self.leave_state = QLabel()
        self.leave_state.setObjectName("leaveFormState")
        self.leave_label = QLabel()
        self.leave_label.setObjectName("leaveSaved")
        for label in (self.leave_state, self.leave_label):
            label.setWordWrap(True)
        self.leave_rows = RecordTableModel(LEAVE_COLUMNS)
        self.leave_table = read_only_table(self.leave_rows, "leaveTable", stretch_last=True)
        self.leave_table.setMinimumHeight(110)
        self.leave_table.doubleClicked.connect(lambda _i: self.edit_selected_leave())
        correct = QPushButton(tr("修改"))
        correct.setObjectName("leaveEdit")
        correct.clicked.connect(self.edit_selected_leave)
        remove = QPushButton(tr("删除"))
        remove.setObjectName("leaveRemove")
        remove.setToolTip(tr("删除记错的请假（变更日志保留，Ctrl+Z 撤销）"))
        remove.clicked.connect(self.remove_selected_leave)
        form = QFormLayout(self.leave_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.leave_state)
        form.addRow(tr("类别"), self.leave_kind)
        form.addRow(tr("从"), self.leave_from)
        form.addRow(tr("到"), self.leave_to)
        form.addRow(tr("批准人"), self.approver)
        buttons = QHBoxLayout()
        buttons.addWidget(self.leave_save)
        buttons.addWidget(self.leave_cancel)
        form.addRow(buttons)
        form.addRow(self.leave_label)
        listed = QLabel(tr("本月请假（选中一条可修改或删除）"))
        listed.setWordWrap(True)
        form.addRow(listed)
        form.addRow(self.leave_table)
        row = QHBoxLayout()
        row.addWidget(correct)
        row.addWidget(remove)
        row.addStretch(1)
        form.addRow(row)
        return self.leave_box

    def _build_required(self) -> QWidget:
        self.required_box = QGroupBox(tr("所需在村天数"))
        self.required_box.setObjectName("requiredDays")
        year = self.ctx.ledger.today().year
        self.required_year = QSpinBox()
        self.required_year.setObjectName("requiredYear")
        self.required_year.setRange(2015, year + 1)
        self.required_year.setValue(year)
        self.required_days = QSpinBox()
        self.required_days.setObjectName("requiredDaysValue")
        self.required_days.setRange(1, 31)
        self.required_days.setValue(1)
        self.required_source = QLineEdit()
        self.required_source.setObjectName("requiredSource")
        self.required_source.setPlaceholderText(tr("依据：文件名称和年份（必填，回车保存）"))
        self.required_source.returnPressed.connect(self.save_required)
        note = QLabel(
            tr(
                "政策标准：每月所需在村天数。没有附带的数字：按本省、本县的驻村干部管理文件设定，随同步包发到各村。"
            )
        )
        note.setWordWrap(True)
        self.required_label = QLabel()
        self.required_label.setWordWrap(True)
        form = QFormLayout(self.required_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(note)
        form.addRow(tr("年度"), self.required_year)
        form.addRow(tr("天数"), self.required_days)
        form.addRow(tr("依据"), self.required_source)
        form.addRow(self.required_label)
        return self.required_box

    def _build_search(self) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setObjectName("diarySearch")
        self.search.setPlaceholderText(tr("搜索日志：内容、地点、类别或记录人"))
        self.search.returnPressed.connect(self.refresh)
        self.search.textChanged.connect(lambda t: self.refresh() if not t else None)
        self.entry_count = QLabel()
        self.entries = RecordTableModel(ENTRY_COLUMNS)
        self.entries_table = read_only_table(self.entries, "diaryEntries", stretch=5)
        self.month = RecordTableModel(MONTH_COLUMNS)
        self.month_table = read_only_table(self.month, "diaryMonth", stretch_last=True)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.entry_count)
        return row

    def _build_gaps(self) -> QHBoxLayout:
        """缺口: per person and month from one month to another (at most 24), the days against the
        required ones and the weeks with no diary; a month short of either is marked."""
        today = self.ctx.ledger.today()
        this_month = QDate(today.year, today.month, 1)
        self.gaps_from, self.gaps_to = QDateEdit(this_month.addMonths(-2)), QDateEdit(this_month)
        for edit, name in ((self.gaps_from, "gapsFrom"), (self.gaps_to, "gapsTo")):
            edit.setObjectName(name)
            edit.setDisplayFormat("yyyy-MM")
            edit.setMaximumDate(QDate(today))
            edit.dateChanged.connect(lambda _d: self._load_gaps())
        self.gaps_state = QLabel()
        self.gaps_state.setObjectName("gapsState")
        self.gaps = RecordTableModel(GAP_COLUMNS)
        self.gaps_table = read_only_table(self.gaps, "diaryGaps", stretch_last=True)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("逐月缺口，从")))
        row.addWidget(self.gaps_from)
        row.addWidget(QLabel(tr("到")))
        row.addWidget(self.gaps_to)
        row.addWidget(self.gaps_state, 1)
        return row

    # --- behaviour ---------------------------------------------------------------------------------
    def _village_code(self) -> str | None:
        village_id = self.ctx.village_id
        return None if village_id is None else village_summary(self.ctx.ledger, village_id).code

    def _people(self) -> list[str]:
        village_id = self.ctx.village_id
        if village_id is None:
            return sorted({m.person for m in self.months})
        people = team_members(self.ctx.ledger, village_id)
        user = self.ctx.ledger.this_device().user_name
        return sorted(people, key=lambda p: (p != user, p))

    def _load_month(self) -> None:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        first = dt.date(year, month, 1)
        if first > self.ctx.ledger.today():
            self.months = []
        else:
            self.months = attendance(
                self.ctx.ledger, year=year, month=month, village_code=self._village_code()
            )
        if self.ctx.village_id is None and self.person.count() == 0:
            self.person.addItems(sorted({m.person for m in self.months}))
        self.month.set_rows([_month_record(m) for m in self.months])
        self._paint_calendar(year, month)
        if not self.ctx.is_township:
            first, last = month_span(year, month)
            person = self.person.currentText()
            self.leaves = list_leaves(self.ctx.ledger, start=first, end=last, person=person) if person else []
            self.leave_rows.set_rows([_leave_record(r) for r in self.leaves])

    def _load_gaps(self) -> None:
        start, end = self.gaps_from.date(), self.gaps_to.date()
        try:
            rows = attendance_gaps(
                self.ctx.ledger,
                start=(start.year(), start.month()),
                end=(end.year(), end.month()),
                village_code=self._village_code(),
            )
        except UserError as error:  # a span beyond 24 months: said beside the dates, nothing shown
            self.gaps.set_rows([])
            self.gaps_state.setText(error.message)
            return
        self.gaps.set_rows([_gap_record(r) for r in rows])
        flagged = sum(1 for r in rows if r.flagged)
        self.gaps_state.setText(tr("{n} 个人月有缺口").format(n=flagged) if flagged else tr("没有缺口"))

    def _selected_leave(self) -> LeaveRow | None:
        index = self.leave_table.currentIndex()
        if not index.isValid() or index.row() >= len(self.leaves):
            return None
        return self.leaves[index.row()]

    def _person_month(self) -> PersonMonth | None:
        person = self.person.currentText()
        return next((m for m in self.months if m.person == person), None)

    def _paint_calendar(self, year: int, month: int) -> None:
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clear every day
        chosen = self._person_month()
        if chosen is None:
            self.summary.setText(tr("本月没有考勤记录"))
            return
        for day, state in chosen.days.items():
            colour = DAY_COLOURS.get(state)
            if colour:
                shade = QTextCharFormat()
                shade.setBackground(QBrush(QColor(colour)))
                self.calendar.setDateTextFormat(QDate(day), shade)
        leave = tr("、", "between the items of a list").join(
            tr("{kind} {days} 天").format(kind=k, days=v) for k, v in chosen.leave.items()
        )
        leave = leave or tr("无请假")
        text = tr(
            "{year} 年 {month} 月：在村 {present} 天，{leave}，不在村 {away} 天，在岗 {duty} 天。"
        ).format(
            year=year, month=month, present=chosen.present, leave=leave, away=chosen.away, duty=chosen.on_duty
        )
        if chosen.required is None:
            text += tr("所需在村天数尚未设置（由乡镇在 日志 页按本省文件设定）")
        elif chosen.gap:
            text += tr("所需 {required} 天，差 {gap} 天").format(required=chosen.required, gap=chosen.gap)
        else:
            text += tr("所需 {required} 天，已达到").format(required=chosen.required)
        self.summary.setText(text)

    def _day_picked(self, date: QDate) -> None:
        if self.entry_date.date() != date:
            self.entry_date.setDate(date)  # loads the day through _date_typed
        else:
            self._date_typed(date)

    def _date_typed(self, date: QDate) -> None:
        if self.ctx.is_township:
            return
        day = py_date(date)
        if self.typed() and self._form_day is not None:
            if day == self._form_day:
                return  # the ledger was read again (an edit, a sync) while typing: the text stays
            moving = (
                self.shown is None
                and entry_on(self.ctx.ledger, day, self.person.currentText() or None) is None
            )
            if moving:  # a new entry whose date is changed: the typed text goes with it
                self._form_day = day
                self.form_state.setText(tr("新日志：{day}").format(day=day.isoformat()))
                return
            answer = ask_save(
                self, tr("{day} 的日志有改动还没有保存，换到另一天之前要保存吗？").format(day=self._form_day)
            )
            if answer == CANCEL or (answer == SAVE and not self._save_before_leaving()):
                self._show_day(self._form_day)  # back to the day being written
                return
        self._load_day(day)

    def _save_before_leaving(self) -> bool:
        """保存 when going to another day: True once the entry is stored (its photos read at once)."""
        saved = self.save_entry()
        return saved and not (self.photo_job is not None and self.photo_job in self.ctx.jobs)

    def _show_day(self, day: dt.date) -> None:
        date = QDate(day.year, day.month, day.day)
        for widget in (self.entry_date, self.calendar):
            widget.blockSignals(True)
        self.entry_date.setDate(date)
        self.calendar.setSelectedDate(date)
        for widget in (self.entry_date, self.calendar):
            widget.blockSignals(False)

    def _load_day(self, day: dt.date) -> None:
        """The form shows ``day``'s entry as stored (or an empty form for a new one)."""
        self._form_day = day
        self.shown = entry_on(self.ctx.ledger, day, self.person.currentText() or None)
        if self.shown is None:
            self.form_state.setText(tr("新日志：{day}").format(day=day.isoformat()))
            self.content.clear()
            self.place.clear()
            self.households.clear()
            self.entry_photos.set_rows([])
            self.entry_photo_grid.setVisible(False)
            self._loaded = self._form_values()
            return
        photos = photos_of_entry(self.ctx.ledger, self.shown.id) if self.shown.photos else []
        self.entry_photos.set_rows(photos)
        self.entry_photo_grid.setVisible(bool(photos))
        state = tr("修改 {day} 的日志").format(day=day.isoformat())
        if photos:
            state += tr("（照片 {n} 张，双击查看）").format(n=len(photos))
        self.form_state.setText(state)
        self.kind.setCurrentText(self.shown.kind)
        self.place.setText(self.shown.place)
        self.content.setText(self.shown.content)
        self.households.setText(",".join(self.shown.households))
        self._loaded = self._form_values()


def _entry_record(entry: DiaryEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "day": entry.day.isoformat(),
        "village_name": entry.village_name,
        "person": entry.person,
        "kind": entry.kind,
        "place": entry.place or tr("村里"),
        "content": entry.content,
        "households": "、".join(entry.households),
        "photos": entry.photos or "",
    }


def _leave_record(leave: LeaveRow) -> dict[str, Any]:
    return {
        "id": leave.id,
        "kind": leave.kind,
        "start": leave.start.isoformat(),
        "end": leave.end.isoformat(),
        "approver": leave.approver,
    }


def _gap_record(row: MonthGap) -> dict[str, Any]:
    counts = row.counts
    flags = [tr("低于所需天数")] if row.below_required else []
    if counts.weeks_without_diary:
        flags.append(tr("有周无日志"))
    return {
        "id": f"{counts.village_code}/{counts.person}/{row.label}",
        "village_name": counts.village_name,
        "person": counts.person,
        "month": row.label,
        "present": counts.present,
        "on_duty": counts.on_duty,
        "required": tr("尚未设置") if counts.required is None else counts.required,
        "gap": "" if counts.gap is None else (counts.gap or tr("已达到")),
        "weeks": "、".join(d.strftime("%m-%d") for d in counts.weeks_without_diary),
        "flag": tr("、", "between the items of a list").join(flags),
    }


def _month_record(month: PersonMonth) -> dict[str, Any]:
    return {
        "id": f"{month.village_code}/{month.person}",
        "village_name": month.village_name,
        "person": month.person,
        "present": month.present,
        "leave": "、".join(f"{k} {v}" for k, v in month.leave.items()),
        "away": month.away,
        "on_duty": month.on_duty,
        "required": tr("尚未设置") if month.required is None else month.required,
        "gap": "" if month.gap is None else (month.gap or tr("已达到")),
        "weeks": "、".join(d.strftime("%m-%d") for d in month.weeks_without_diary),
    }
