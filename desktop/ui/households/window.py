"""One household, in tabs: 基本信息 · 家庭成员 · 收入 · 两不愁三保障 · 帮扶 · 走访记录 · 照片 · 变更记录.

Fields are edited in place; each save is one service call pushed on the undo stack, so Ctrl+Z undoes it
(the undo is itself a logged change that syncs). Nothing is held unsaved: closing loses nothing.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import HEAD_RELATIONS, Status
from desktop.domain.errors import UserError
from desktop.domain.fields import label
from desktop.domain.masking import mask_account, mask_numbers_in, mask_phone
from desktop.services.households.detail import HouseholdDetail, show_household
from desktop.services.households.events import household_events
from desktop.services.households.field_input import field_choices, parse_value
from desktop.services.households.history import record_history
from desktop.services.households.households import edit_household
from desktop.ui.diary.household import diary_rows, diary_table_model
from desktop.ui.households.event_form import HouseholdEventForm
from desktop.ui.households.member_grid import MemberGrid
from desktop.ui.households.record_forms import HouseholdRecordActions
from desktop.ui.photos.strip import HouseholdPhotos
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import confirm
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.widgets.field_editor import FieldEditor
from desktop.ui.widgets.record_table_model import Column, RecordTableModel

# 基本信息 in the sections of the 一户一档 (every field it prints, editable here)
BASIC_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (tr_noop("基本情况"), ("number", "group_name", "natural_village", "address", "phone", "bank_account",
                       "military_family", "coop_member")),
    (tr_noop("识别与脱贫"), ("standard", "category", "poverty_status", "identified_year", "exit_year",
                        "main_cause", "other_causes", "exit_steps")),
    (tr_noop("住房"), ("house_area", "house_structure", "house_built_year", "house_grade", "house_appraiser",
                     "house_appraised_on", "renovation_year", "renovation_subsidy", "relocation_mode",
                     "relocation_site", "relocation_date")),
    (tr_noop("饮水"), ("water_source", "water_lpd", "water_quality_ok", "water_fetch_minutes",
                     "water_days_without", "water_short_area", "water_safe", "water_difficult")),
    (tr_noop("生产生活条件"), ("has_power", "production_power", "tv", "road_distance_km", "fuel", "toilet")),
    (tr_noop("土地"), ("farmland_mu", "irrigated_mu", "forest_mu", "grain_to_forest_mu", "pasture_mu")),
    (tr_noop("备注"), ("note",)),
)  # fmt: skip
BASIC_FIELDS = tuple(name for _, names in BASIC_SECTIONS for name in names)
# numbers masked like every list until 显示证件号码和电话 is ticked (then shown whole and editable)
PRIVATE_FIELDS = {"phone": mask_phone, "bank_account": mask_account}
STATUS_TEXT = {
    Status.MET: tr_noop("达标"),
    Status.NOT_MET: tr_noop("未达标"),
    Status.UNKNOWN: tr_noop("待核实"),
}
STATUS_COLOUR = {Status.MET: "#2e7d32", Status.NOT_MET: "#c62828", Status.UNKNOWN: "#ef6c00"}


class HouseholdDialog(QDialog):
    visit_requested = Signal(str, str)  # household id, label: open the 走访 form on it
    photos_requested = Signal(str, str)  # household id, label: open the 照片 page on it

    def __init__(self, ctx: UiContext, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdDialog")
        self.ctx = ctx
        self.household_id = household_id
        self.tabs = QTabWidget()
        self.basic_edits: dict[str, FieldEditor] = {}
        self.basic_forms: dict[str, QFormLayout] = {}
        self.basic = self._basic_tab()
        # 家庭成员: a spreadsheet of every member field the 一户一档 prints (member_grid.py)
        self.member_grid = MemberGrid(ctx, household_id, self)
        self.members = self.member_grid.model
        self.member_table = self.member_grid.view
        self.new_member_name = self.member_grid.new_member_name
        self.new_member_relation = self.member_grid.new_member_relation
        self.new_member_id = self.member_grid.new_member_id
        members_tab = self.member_grid

        self.incomes = RecordTableModel(
            [
                Column("year", tr_noop("年度")),
                Column("net", tr_noop("家庭纯收入（元）")),
                Column("per_person", tr_noop("人均纯收入（元）")),
                Column("poverty_line", tr_noop("当年贫困线（元）")),
                Column("line_note", tr_noop("说明")),
            ],
            parent=self,
        )
        self.checklist = QTextBrowser()
        self.checklist.setObjectName("checklistView")
        self.measures = RecordTableModel(
            [
                Column("group_name", tr_noop("措施类别")),
                Column("project", tr_noop("项目")),
                Column("start_on", tr_noop("开始")),
                Column("funds", tr_noop("资金（元）")),
                Column("unit", tr_noop("实施单位")),
                Column("result", tr_noop("成效")),
            ],
            parent=self,
        )
        self.pairings = RecordTableModel(
            [
                Column("helper_name", tr_noop("帮扶责任人")),
                Column("work_unit", tr_noop("单位")),
                Column("phone", tr_noop("电话"), mask=mask_phone),
                Column("start_on", tr_noop("开始")),
                Column("end_on", tr_noop("结束")),
            ],
            parent=self,
        )
        help_tab = QWidget()
        help_layout = QVBoxLayout(help_tab)
        help_layout.addWidget(QLabel(tr("帮扶措施")))
        self.records = HouseholdRecordActions(ctx, household_id, self)  # the forms behind the buttons
        self.measure_table = _table(self.measures)
        help_layout.addWidget(self.measure_table, 1)
        help_layout.addLayout(self.records.measure_buttons(self.measure_table))
        help_layout.addWidget(QLabel(tr("帮扶责任人")))
        self.pairing_table = _table(self.pairings)
        help_layout.addWidget(self.pairing_table, 1)
        help_layout.addLayout(self.records.pairing_buttons(self.pairing_table))
        self.visits = RecordTableModel(
            [
                Column("visited_on", tr_noop("日期")),
                Column("kind", tr_noop("方式")),
                Column("visitors", tr_noop("走访人")),
                Column("content", tr_noop("内容")),
                Column("problems", tr_noop("问题")),
            ],
            parent=self,
        )
        photos_tab = self.photos = HouseholdPhotos(ctx, household_id)
        self.photos.page_requested.connect(
            lambda: self.photos_requested.emit(self.household_id, self._label())
        )
        visits_tab = QWidget()
        visits_layout = QVBoxLayout(visits_tab)
        new_visit = QPushButton(tr("记录一次走访…"))
        new_visit.setObjectName("newVisit")
        new_visit.clicked.connect(lambda: self.visit_requested.emit(self.household_id, self._label()))
        self.history = RecordTableModel(
            [
                Column("at", tr_noop("时间")),
                Column("author", tr_noop("修改人")),
                Column("what", tr_noop("记录")),
                Column("changes", tr_noop("修改内容"), mask=mask_numbers_in),
            ],
            parent=self,
        )
        self.tabs.addTab(self.basic, tr("基本信息"))
        self.tabs.addTab(members_tab, tr("家庭成员"))
        self.tabs.addTab(self.records.income_tab(_table(self.incomes)), tr("收入"))
        self.tabs.addTab(self.checklist, tr("两不愁三保障"))
        self.tabs.addTab(help_tab, tr("帮扶措施"))
        visits_layout.addWidget(_table(self.visits), 1)
        visits_layout.addWidget(new_visit)
        self.diary = diary_table_model(self)  # 驻村工作日志 entries naming this household (issue 18)
        visits_layout.addWidget(QLabel(tr("驻村日志中的记录")))
        visits_layout.addWidget(_table(self.diary), 1)
        self.tabs.addTab(visits_tab, tr("走访记录"))
        self.tabs.addTab(photos_tab, tr("照片"))
        self.events = RecordTableModel(
            [
                Column("happened_on", tr_noop("日期")),
                Column("kind", tr_noop("变动")),
                Column("member_name", tr_noop("成员")),
                Column("other", tr_noop("相关户")),
                Column("note", tr_noop("说明")),
            ],
            parent=self,
        )
        history_tab = QWidget()
        history_layout = QVBoxLayout(history_tab)
        history_layout.addWidget(QLabel(tr("家庭变动")))
        self.event_table = _table(self.events)
        self.event_table.setObjectName("eventTable")
        history_layout.addWidget(self.event_table, 1)
        history_layout.addWidget(QLabel(tr("字段修改")))
        history_layout.addWidget(_table(self.history), 2)
        self.tabs.addTab(history_tab, tr("变更记录"))
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("householdHeading")
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        # ID and phone numbers are masked in the tables until asked for (people look over shoulders)
        self.show_private = QCheckBox(tr("显示证件号码和电话"))
        self.show_private.setObjectName("showPrivate")
        self.show_private.toggled.connect(self._show_private_numbers)
        ctx.locked.connect(lambda: self.show_private.setChecked(False))  # shown on request, never kept
        register = QPushButton(tr("登记家庭变动…"))
        register.setObjectName("registerEvent")
        register.setToolTip(tr("出生、死亡、婚入婚出、迁入迁出、分户、合户、易地搬迁、注销"))
        register.clicked.connect(lambda: self.open_event_form())
        heading_row.addWidget(register)
        heading_row.addWidget(self.show_private)
        layout.addLayout(heading_row)
        layout.addWidget(self.tabs, 1)
        self.resize(980, 640)
        self.setModal(False)
        self.detail: HouseholdDetail | None = None
        ctx.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        detail = show_household(self.ctx.ledger, self.household_id)
        self.detail = detail
        head = next((m.get("name") for m in detail.members if m.get("relation") in HEAD_RELATIONS), "") or ""
        self.heading.setText(
            tr("<b>{head}</b> 户　户编号 {number}　{village}　{n} 人").format(
                head=head, number=detail.number, village=detail.village_name, n=len(detail.members)
            )
        )
        self.setWindowTitle(tr("{head} 户 — 驻村台账").format(head=head))
        for name, editor in self.basic_edits.items():
            if name not in PRIVATE_FIELDS:
                editor.show_stored(_text(detail.fields.get(name)))
        self._mask_private_fields()
        self.member_grid.set_rows(detail.members)
        self.incomes.set_rows(
            [{"year": i.year, "net": i.net, "per_person": i.per_person, "poverty_line": i.poverty_line,
              "line_note": i.line_note} for i in detail.incomes]
        )  # fmt: skip
        lines = []
        for dimension, verdict in detail.verdicts.items():
            colour, text = STATUS_COLOUR[verdict.status], tr_marked(STATUS_TEXT[verdict.status])
            reasons = "；".join(verdict.reasons) or ""
            lines.append(
                f"<p><b>{tr_marked(dimension.value)}</b>　<span style='color:{colour}'>{text}</span><br>{reasons}</p>"
            )
        # 一超六有, newest income year first: the line, the 两不愁三保障 + 饮水 verdicts, power and TV
        for exit_verdict in reversed(detail.exit_standard):
            colour = STATUS_COLOUR[exit_verdict.status]
            text = tr_marked(STATUS_TEXT[exit_verdict.status])
            heading = tr("{year} 年脱贫退出标准（{standard}）").format(
                year=exit_verdict.year, standard=exit_verdict.standard
            )
            lines.append(f"<h3>{heading}　<span style='color:{colour}'>{text}</span></h3>")
            for item in exit_verdict.items:
                mark = {True: "✓", False: "✗", None: "?"}[item.passed]
                lines.append(f"<p>{mark} <b>{item.name}</b>　{item.reason}</p>")
        if not detail.exit_standard:
            lines.append(
                f"<h3>{tr('脱贫退出标准（一超六有）')}</h3><p>{tr('尚未录入收入，无法对照退出标准')}</p>"
            )
        self.checklist.setHtml("".join(lines))
        self.measures.set_rows(detail.measures)
        self.pairings.set_rows(detail.pairings)
        self.visits.set_rows(detail.visits)
        self.diary.set_rows(diary_rows(self.ctx.ledger, self.household_id))
        self.photos.refresh(self._label())
        self.history.set_rows(self._history(detail))
        self.events.set_rows(
            [
                {
                    **vars(e),
                    "other": e.other_household_number
                    and tr("户 {number}").format(number=e.other_household_number),
                }
                for e in household_events(self.ctx.ledger, detail.id)
            ]
        )

    def _show_private_numbers(self, show: bool) -> None:
        for model in (self.members, self.pairings, self.history):
            model.set_masked(not show)
        self._mask_private_fields()

    def _mask_private_fields(self) -> None:
        """The phone and the bank account on 基本信息 are masked like every list until 显示证件号码和电话
        is ticked (then shown whole and editable)."""
        shown = self.show_private.isChecked()
        for name, mask in PRIVATE_FIELDS.items():
            editor = self.basic_edits[name]
            editor.set_read_only(not shown, tr("勾选“显示证件号码和电话”后可查看和修改"))
            if self.detail is None:
                continue
            value = _text(self.detail.fields.get(name))
            if shown:
                editor.show_stored(value)
            elif not editor.pending() or editor.line.isReadOnly():
                editor.error.hide()
                editor.line.setText(mask(value) if value else "")
                editor._stored = editor.text()

    def _basic_tab(self) -> QScrollArea:
        """Every field of the household, in the sections of the 一户一档, two columns of sections."""
        inner = QWidget()
        grid = QGridLayout(inner)
        for position, (title, names) in enumerate(BASIC_SECTIONS):
            box = QGroupBox(tr_marked(title))
            form = QFormLayout(box)
            for name in names:
                editor = FieldEditor(
                    name, partial(parse_value, "household", name), field_choices("household", name)
                )
                editor.committed.connect(lambda text, n=name: self._save_field(n, text))
                self.basic_edits[name] = editor
                self.basic_forms[name] = form
                form.addRow(tr_marked(label("household", name)), editor)
            grid.addWidget(box, position // 2 if position < 6 else 3, position % 2 if position < 6 else 0,
                           1, 1 if position < 6 else 2)  # fmt: skip
        grid.setRowStretch(4, 1)
        area = QScrollArea()
        area.setObjectName("basicInfo")
        area.setWidgetResizable(True)
        area.setWidget(inner)
        return area

    def basic_label(self, name: str) -> str:
        """The label 基本信息 shows beside a field."""
        form = self.basic_forms[name]
        shown = form.labelForField(self.basic_edits[name])
        return shown.text() if isinstance(shown, QLabel) else ""

    def unsaved_fields(self) -> list[str]:
        """The fields of 基本信息 holding typed text that is not stored (a refused value)."""
        return [self.basic_label(name) for name, editor in self.basic_edits.items()
                if editor.pending() and not editor.line.isReadOnly()] + self.member_grid.unsaved()  # fmt: skip

    def may_close(self) -> bool:
        """Closing with a refused value in a field says so: what was typed is never dropped unseen."""
        unsaved = self.unsaved_fields()
        return not unsaved or confirm(
            self,
            tr("以下字段的内容没有保存（原因写在字段下方）：{fields}。仍然关闭并放弃这些内容吗？").format(
                fields="、".join(unsaved)
            ),
        )

    def reject(self) -> None:
        if self.may_close():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.may_close():
            super().closeEvent(event)
        else:
            event.ignore()

    def open_event_form(self, kind: str | None = None) -> HouseholdEventForm:
        detail = self.detail or show_household(self.ctx.ledger, self.household_id)
        form = HouseholdEventForm(self.ctx, detail.id, detail.number or "", list(detail.members), self, kind)
        form.open()
        return form

    def _label(self) -> str:
        detail = self.detail
        if detail is None:
            return ""
        head = next((m.get("name") for m in detail.members if m.get("relation") in HEAD_RELATIONS), "") or ""
        return f"{detail.number}　{head}"

    # --- edits -------------------------------------------------------------------------------------
    def _save_field(self, name: str, text: str) -> None:
        if self.detail is None:
            return
        old = self.detail.fields.get(name)
        if text == _text(old):
            return
        try:
            value = parse_value("household", name, text)
        except UserError as error:
            self.basic_edits[name].refuse(str(error))  # beside the field; the text stays
            return
        ref = self.household_id
        self.ctx.edit(
            self,
            tr("修改{field}").format(field=tr_marked(label("household", name))),
            lambda: edit_household(self.ctx.ledger, ref, {name: value}),
            lambda: edit_household(self.ctx.ledger, ref, {name: parse_value("household", name, _text(old))}),
        )

    def _add_member(self) -> None:
        self.member_grid.add_member()

    def _history(self, detail: HouseholdDetail) -> list[dict[str, Any]]:
        rows = []
        targets = [(detail.id, tr("户", "the household record, beside its members"))] + [
            (m["id"], m.get("name") or tr("成员")) for m in detail.members
        ]
        empty = tr("（空）")
        for record_id, what in targets:
            for entry in record_history(self.ctx.ledger, record_id):
                changes = "；".join(
                    f"{tr_marked(c.label)}：{_text(c.old_shown) or empty} → {_text(c.new_shown) or empty}"
                    for c in entry.changes
                )
                rows.append(
                    {
                        "at": entry.at.strftime("%Y-%m-%d %H:%M"),
                        "author": entry.author,
                        "what": what,
                        "changes": changes,
                        "sort": entry.at,
                    }
                )
        rows.sort(key=lambda r: r["sort"], reverse=True)
        return rows


def _table(model: RecordTableModel, *, editable: bool = False) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    if not editable:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    else:
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
    return table


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)
