"""登记家庭变动: a form for every household event the command line knows (出生, 婚入, 迁入, 死亡, 婚出,
迁出, a move to another household of the village, 分户, 合户, 易地搬迁, 注销).

The form says in one line what saving will change, with the event's date, before anything is written.
A save is one step on the window's undo stack: Ctrl+Z takes the whole event back (the records it
created are archived, the fields it changed get their old values), Ctrl+Shift+Z does it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import HEAD_RELATIONS, RELOCATION_MODES
from desktop.domain.errors import InvalidInput, UserError
from desktop.services.households import events as ev
from desktop.services.households.field_input import field_choices, parse_value
from desktop.services.households.households import archive_household
from desktop.services.reversal import Reversal, put_back, take_back
from desktop.ui.households.form_parts import save_cancel
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.widgets.dates import py_date
from desktop.ui.widgets.field_editor import combo_for
from desktop.ui.widgets.household_picker import HouseholdPicker
from desktop.ui.widgets.unsaved import AsksBeforeClosing

# (the event kind the service records, what the list shows, which part of the form it needs)
# an arrival or departure is keyed by the kind the service records; the others by their part
KINDS: tuple[tuple[str, str, str], ...] = (
    *zip(ev.ARRIVALS, (tr_noop("出生（新增成员）"), tr_noop("婚入（新增成员）"),
                       tr_noop("从村外迁入（新增成员）")), ("add",) * 3, strict=True),
    *zip(ev.DEPARTURES, (tr_noop("死亡（减员）"), tr_noop("婚出（减员）"), tr_noop("迁出村外（减员）")),
         ("remove",) * 3, strict=True),
    ("move", tr_noop("迁到本村另一户"), "move"),
    ("split", tr_noop("分户"), "split"),
    ("merge", tr_noop("合户（本户全部成员并入另一户）"), "merge"),
    ("relocate", tr_noop("易地搬迁"), "relocate"),
    ("archive", tr_noop("注销农户（记录保留）"), "archive"),
)  # fmt: skip
PARTS = ("add", "remove", "move", "split", "merge", "relocate", "archive")


class HouseholdEventForm(AsksBeforeClosing, QDialog):
    """One event of one household; ``members`` are its members as the window shows them."""

    def __init__(
        self,
        ctx: UiContext,
        household_id: str,
        number: str,
        members: list[dict[str, Any]],
        parent: QWidget | None = None,
        kind: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("householdEventForm")
        self.setWindowTitle(tr("登记家庭变动"))
        self.ctx = ctx
        self.household_id = household_id
        self.number = number
        self.members = [m for m in members if m.get("id")]
        self.kind = QComboBox()
        self.kind.setObjectName("eventKind")
        for value, text, _part in KINDS:
            self.kind.addItem(tr_marked(text), value)
        today = ctx.ledger.today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setObjectName("eventDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.parts = QStackedWidget()
        self.part_index: dict[str, int] = {}
        for part, build in (
            ("add", self._add_part),
            ("remove", self._remove_part),
            ("move", self._move_part),
            ("split", self._split_part),
            ("merge", self._merge_part),
            ("relocate", self._relocate_part),
            ("archive", self._archive_part),
        ):
            self.part_index[part] = self.parts.addWidget(build())
        self.preview = QLabel()
        self.preview.setObjectName("eventPreview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("color: #0d47a1;")
        layout = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow(tr("变动类型"), self.kind)
        top.addRow(tr("变动日期"), self.day)
        layout.addLayout(top)
        layout.addWidget(self.parts)
        layout.addWidget(self.preview)
        buttons = save_cancel(self, self.save)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (
            self.day.dateChanged,
            self.name.textChanged,
            self.relation.currentTextChanged,
            self.leaving.currentIndexChanged,
            self.new_head.currentIndexChanged,
            self.mover.currentIndexChanged,
            self.move_relation.currentTextChanged,
            self.target.textChanged,
            self.split_members.itemChanged,
            self.split_head.currentIndexChanged,
            self.new_number.textChanged,
            self.merge_target.textChanged,
            self.mode.currentIndexChanged,
            self.site.textChanged,
            self.reason.textChanged,
        ):
            signal.connect(self._update_preview)
        if kind is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self._kind_changed()
        self.resize(520, 420)

    # --- the parts -----------------------------------------------------------------------------------
    def _member_combo(self, name: str, *, blank: str | None = None, head: bool = True) -> QComboBox:
        """The household's members; without the head where the head cannot be the one (a split, a move)."""
        combo = QComboBox()
        combo.setObjectName(name)
        if blank is not None:
            combo.addItem(blank, "")
        for member in self.members if head else self._not_head():
            combo.addItem(_member_label(member), member["id"])
        return combo

    def _add_part(self) -> QWidget:
        part = QWidget()
        form = QFormLayout(part)
        self.name = QLineEdit()
        self.name.setObjectName("eventName")
        self.sex = combo_for(field_choices("member", "sex") or ())
        self.sex.setObjectName("eventSex")
        self.relation = combo_for(field_choices("member", "relation") or ())
        self.relation.setObjectName("eventRelation")
        self.id_number = QLineEdit()
        self.id_number.setObjectName("eventIdNumber")
        self.id_number.setPlaceholderText(tr("可以以后再填"))
        form.addRow(tr("姓名"), self.name)
        form.addRow(tr("性别"), self.sex)
        form.addRow(tr("与户主关系"), self.relation)
        form.addRow(tr("证件号码"), self.id_number)
        return part

    def _remove_part(self) -> QWidget:
        part = QWidget()
        form = QFormLayout(part)
        self.leaving = self._member_combo("eventMember")
        self.new_head = self._member_combo("eventNewHead", blank=tr("（请选择）"))
        self.new_head_label = QLabel(tr("新户主"))
        self.note = QLineEdit()
        self.note.setObjectName("eventNote")
        form.addRow(tr("成员"), self.leaving)
        form.addRow(self.new_head_label, self.new_head)
        form.addRow(tr("备注"), self.note)
        self.leaving.currentIndexChanged.connect(self._head_needed)
        return part

    def _move_part(self) -> QWidget:
        part = QWidget()
        form = QFormLayout(part)
        self.mover = self._member_combo("eventMover", head=False)
        self.target = HouseholdPicker(self.ctx)
        self.target.setObjectName("eventTarget")
        self.move_relation = combo_for(field_choices("member", "relation") or ())
        self.move_relation.setObjectName("eventMoveRelation")
        form.addRow(tr("成员"), self.mover)
        form.addRow(tr("迁入户"), self.target)
        form.addRow(tr("在新户中与户主关系"), self.move_relation)
        return part

    def _split_part(self) -> QWidget:
        part = QWidget()
        form = QFormLayout(part)
        self.split_members = QListWidget()
        self.split_members.setObjectName("eventSplitMembers")
        for member in self._not_head():
            item = QListWidgetItem(_member_label(member))
            item.setData(Qt.ItemDataRole.UserRole, member["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.split_members.addItem(item)
        self.split_head = self._member_combo("eventSplitHead", blank=tr("（请选择）"), head=False)
        self.new_number = QLineEdit()
        self.new_number.setObjectName("eventNewNumber")
        form.addRow(tr("分出的成员"), self.split_members)
        form.addRow(tr("新户户主"), self.split_head)
        form.addRow(tr("新户户编号"), self.new_number)
        return part

    def _merge_part(self) -> QWidget:
        part = QWidget()
        form = QFormLayout(part)
        self.merge_target = HouseholdPicker(self.ctx)
        self.merge_target.setObjectName("eventMergeTarget")
        form.addRow(tr("并入户"), self.merge_target)
        return part

    def _relocate_part(self) -> QWidget:
        part = QWidget()
        form = QFormLayout(part)
        self.mode = QComboBox()
        self.mode.setObjectName("eventMode")
        self.mode.addItems(list(RELOCATION_MODES))
        self.site = QLineEdit()
        self.site.setObjectName("eventSite")
        form.addRow(tr("安置方式"), self.mode)
        form.addRow(tr("安置点"), self.site)
        return part

    def _archive_part(self) -> QWidget:
        part = QWidget()
        form = QFormLayout(part)
        self.reason = QLineEdit()
        self.reason.setObjectName("eventReason")
        self.reason.setPlaceholderText(tr("如 全户死亡、全户迁出"))
        form.addRow(tr("注销原因"), self.reason)
        return part

    # --- what the form holds -------------------------------------------------------------------------
    def event_kind(self) -> str:
        return str(self.kind.currentData())

    def part(self) -> str:
        return next(part for value, _text, part in KINDS if value == self.event_kind())

    def happened_on(self) -> dt.date:
        return py_date(self.day.date())

    def _kind_changed(self) -> None:
        part = self.part()
        self.parts.setCurrentIndex(self.part_index[part])
        self.day.setEnabled(part != "archive")  # 注销 is not a dated event of the register
        self._head_needed()
        self._update_preview()

    def _head_needed(self) -> None:
        leaving = self._member(self.leaving.currentData())
        needed = leaving is not None and leaving.get("relation") in HEAD_RELATIONS and len(self.members) > 1
        self.new_head.setVisible(needed)
        self.new_head_label.setVisible(needed)

    def _not_head(self) -> list[dict[str, Any]]:
        return [m for m in self.members if m.get("relation") not in HEAD_RELATIONS]

    def _member(self, member_id: Any) -> dict[str, Any] | None:
        return next((m for m in self.members if m["id"] == member_id), None)

    def _split_ids(self) -> list[str]:
        items = (self.split_members.item(row) for row in range(self.split_members.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def _update_preview(self) -> None:
        self.preview.setText(self.describe())

    def describe(self) -> str:
        """What saving will change, in one line (shown before saving)."""
        day = self.happened_on().isoformat()
        kind, part = self.event_kind(), self.part()
        this = tr("户 {number}").format(number=self.number)
        if part == "add":
            name = self.name.text().strip() or tr("（姓名未填）")
            text = tr("{day} {kind}：{name} 成为{household}的成员（{relation}）")
            return text.format(
                day=day, kind=kind, name=name, household=this, relation=self.relation.currentText() or "—"
            )
        if part == "remove":
            leaving = self._member(self.leaving.currentData())
            if leaving is None:
                return tr("这户没有可减员的成员。")
            text = tr("{day} {kind}：{name} 从{household}减员，记录保留。").format(
                day=day, kind=kind, name=leaving.get("name") or "", household=this
            )
            heir = self._member(self.new_head.currentData())
            if leaving.get("relation") in HEAD_RELATIONS and len(self.members) > 1:
                text += (
                    tr("新户主：{name}。").format(name=heir.get("name") or "")
                    if heir
                    else tr("请选择新户主。")
                )
            return text
        if part == "move":
            mover = self._member(self.mover.currentData())
            target = self.target.text().strip() if self.target.household_id() else tr("（请选择迁入户）")
            return tr("{day} {name} 从{household}迁到 {target}（{relation}），两户各记一条迁移。").format(
                day=day,
                name=(mover or {}).get("name") or "",
                household=this,
                target=target,
                relation=self.move_relation.currentText() or "—",
            )
        if part == "split":
            chosen = [self._member(i) for i in self._split_ids()]
            names = "、".join((m or {}).get("name") or "" for m in chosen) or tr("（请勾选分出的成员）")
            head = self._member(self.split_head.currentData())
            return tr("{day} 分户：{names} 从{household}分出，成为新户 {new}，户主 {head}。").format(
                day=day,
                names=names,
                household=this,
                new=self.new_number.text().strip() or tr("（户编号未填）"),
                head=(head or {}).get("name") or tr("（请选择）"),
            )
        if part == "merge":
            target = (
                self.merge_target.text().strip()
                if self.merge_target.household_id()
                else tr("（请选择并入户）")
            )
            return tr(
                "{day} 合户：{household}的 {n} 名成员并入 {target}，{household}注销（记录保留）。"
            ).format(day=day, household=this, n=len(self.members), target=target)
        if part == "relocate":
            return tr("{day} 易地搬迁：{household}{mode}到 {site}，住房安全按已搬迁判断。").format(
                day=day, household=this, mode=self.mode.currentText(), site=self.site.text().strip() or "—"
            )
        return tr("注销{household}：不再列出，记录保留；原因：{reason}").format(
            household=this, reason=self.reason.text().strip() or tr("（请写明原因）")
        )

    # --- saving ----------------------------------------------------------------------------------------
    def action(self) -> Callable[[Reversal], object]:
        """The service call the form holds; raises a UserError for what the form cannot say yet."""
        ledger, household, day, kind = (
            self.ctx.ledger,
            self.household_id,
            self.happened_on(),
            self.event_kind(),
        )
        part = self.part()
        if part == "add":
            fields: dict[str, Any] = {"name": self.name.text().strip()}
            for name, text in (
                ("sex", self.sex.currentText()),
                ("relation", self.relation.currentText()),
                ("id_number", self.id_number.text()),
            ):
                if text.strip():
                    fields[name] = parse_value("member", name, text.strip())
            return lambda r: ev.add_person(ledger, household, fields, kind=kind, happened_on=day, reversal=r)
        if part == "remove":
            member = str(self.leaving.currentData() or "")
            if not member:
                raise InvalidInput(tr("这户没有可减员的成员"))
            heir = str(self.new_head.currentData() or "") or None
            note = self.note.text().strip() or None
            return lambda r: ev.remove_person(
                ledger, member, kind=kind, happened_on=day, new_head=heir, note=note, reversal=r
            )
        if part == "move":
            member, target = str(self.mover.currentData() or ""), self.target.household_id()
            if not member:  # the head moves with the whole household: 分户 or 合户
                raise InvalidInput(tr("户主不能单独迁走：整户变动请用分户或合户"))
            if not target:
                raise InvalidInput(tr("请从列表中选择迁入户"))
            relation = self.move_relation.currentText().strip()
            if not relation:
                raise InvalidInput(tr("请填写在新户中与户主关系"))
            return lambda r: ev.move_member(
                ledger, member, to_household=target, relation=relation, happened_on=day, reversal=r
            )
        if part == "split":
            members, head = self._split_ids(), str(self.split_head.currentData() or "")
            number = self.new_number.text().strip()
            if not members:
                raise InvalidInput(tr("请勾选分出的成员"))
            if not head:
                raise InvalidInput(tr("请选择新户户主"))
            if not number:
                raise InvalidInput(tr("请填写新户的户编号"))
            return lambda r: ev.split_household(
                ledger,
                household,
                new_number=number,
                members=members,
                new_head=head,
                happened_on=day,
                reversal=r,
            )
        if part == "merge":
            target = self.merge_target.household_id()
            if not target:
                raise InvalidInput(tr("请从列表中选择并入户"))
            return lambda r: ev.merge_households(ledger, household, into=target, happened_on=day, reversal=r)
        if part == "relocate":
            mode, site = self.mode.currentText(), self.site.text().strip()
            return lambda r: ev.relocate_household(
                ledger, household, mode=mode, site=site, happened_on=day, reversal=r
            )
        reason = self.reason.text().strip()
        return lambda r: archive_household(ledger, household, reason, reversal=r)

    def save(self) -> bool:
        try:
            action = self.action()
        except UserError as error:
            show_error(self, error)
            return False
        ledger, reversal = self.ctx.ledger, Reversal()

        def do() -> object:
            if reversal.empty:
                return action(reversal)
            put_back(ledger, reversal)  # redo: the same records again, not a second event
            return None

        label = dict((value, text) for value, text, _part in KINDS)[self.event_kind()]
        what = tr("登记{kind}").format(kind=tr_marked(label))
        if not self.ctx.edit(self, what, do, lambda: take_back(ledger, reversal)):
            return False
        self.accept()
        return True


def _member_label(member: dict[str, Any]) -> str:
    relation = member.get("relation") or ""
    return f"{member.get('name') or ''}（{relation}）" if relation else str(member.get("name") or "")
