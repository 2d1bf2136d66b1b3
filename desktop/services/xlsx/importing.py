"""``xlsx import``: bring a 台账 spreadsheet into the ledger, all or nothing, and say exactly what changed.

The sheet is read and checked row by row (desktop/excel), then matched against the village in one
transaction: households by 户编号 (or by their head's ID number), members by ID number (or by name when
neither side has one). New households and members are created, changed fields are updated through the
change log, and everything else is left alone: a second import of the same file changes nothing, and
an empty cell never erases what the ledger holds. Nobody is archived or moved by a spreadsheet.

With any problem nothing is written, unless ``accept_valid``: then every household with a problem in
one of its rows is left out and the others are imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.codes import code_list
from desktop.domain.enums import HEAD_RELATIONS
from desktop.domain.errors import InvalidInput
from desktop.domain.field_values import CODE_LISTS
from desktop.domain.fields import label
from desktop.domain.income import format_amount
from desktop.excel.headers import IGNORED
from desktop.excel.mapping import load_mapping
from desktop.excel.problems import Problem, write_problem_copy
from desktop.excel.reading import SheetTable, read_roster, sheet_names
from desktop.excel.rows import HouseholdRows, PersonRow, Roster, build_roster
from desktop.services.context import Ledger
from desktop.services.households.field_input import parse_value
from desktop.store.base import Synced, table_of
from desktop.store.codec import normalise
from desktop.store.models import Household, Member, Village
from desktop.store.writer import ChangeWriter

# passed on from a lower layer on purpose (tests/test_layers.py): a problem of the sheet, and the
# marked copy of the sheet the dialog saves
PASSED_ON = ("Problem", "write_problem_copy")

HOUSEHOLDS_PER_WRITER = 200  # a fresh ChangeWriter now and then: each keeps every op it made in memory
_MODELS: dict[str, type[Synced]] = {"household": Household, "member": Member}
_NOT_IMPORTED = {
    "dangerous_house": "危房户（由住房鉴定等级判断）",
    "income_per_person": "人均纯收入（由各年收入计算）",
}


@dataclass(frozen=True)
class Change:
    record: str  # "户 001" or "户 001 卓嘎"
    field: str  # the field's Chinese label
    old: str
    new: str

    def describe(self) -> str:
        return f"{self.record}：{self.field} {self.old or '（空）'} → {self.new}"


@dataclass
class ImportReport:
    path: Path
    sheet: str
    header_rows: tuple[int, int]
    rows_read: int
    dry_run: bool
    accept_valid: bool
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # listed, never block, never change data
    as_of: dt.date | None = None  # the export date the title rows give
    notes: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    added_households: list[str] = field(default_factory=list)
    added_members: list[str] = field(default_factory=list)  # to households already in the ledger
    members_in_new_households: int = 0
    changes: list[Change] = field(default_factory=list)
    changed_households: int = 0
    changed_members: int = 0
    unchanged_households: int = 0
    unchanged_members: int = 0
    left_out: list[str] = field(default_factory=list)  # households with problems (accept_valid)
    written: bool = False
    problems_copy: Path | None = None
    problems_copy_error: str | None = None  # why the --problems copy could not be saved

    @property
    def members_added(self) -> int:
        return self.members_in_new_households + len(self.added_members)

    @property
    def blocked(self) -> bool:
        """Problems stop the import: nothing was (or, on a dry run, would be) written."""
        return bool(self.problems) and (not self.accept_valid or any(p.row is None for p in self.problems))


@dataclass
class _MemberPlan:
    row: PersonRow
    existing: Member | None
    fields: dict[str, Any]  # all fields for a new member; the changed ones for an existing member


@dataclass
class _HouseholdPlan:
    rows: HouseholdRows
    existing: Household | None
    number: str
    fields: dict[str, Any]  # all for a new household; the changed ones for an existing one
    members: list[_MemberPlan]


def import_roster(
    ledger: Ledger,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: Path | None = None,
    dry_run: bool = False,
    accept_valid: bool = False,
    problems_out: Path | None = None,
) -> ImportReport:
    village_id = ledger.current_village_id()
    if village_id is None:
        raise InvalidInput("本机是乡镇设备，没有自己的村：花名册请在村设备上导入")
    with ledger.store.read_session() as session:
        village = session.get(Village, village_id)
        village_name = village.name if village else None
    table = read_roster(path, sheet=sheet, mapping=load_mapping(mapping) if mapping else None)
    roster = build_roster(table, _convert, today=ledger.today(), village_name=village_name)
    report = ImportReport(path, table.sheet, table.header_rows, len(table.rows), dry_run, accept_valid)
    report.ignored_columns = [f"{c.letter} 列“{c.header}”：不认识的表头" for c in table.unmatched]
    report.ignored_columns += [
        f"{dup.letter} 列“{dup.header}”：与 {kept.letter} 列“{kept.header}”是同一项，以 {kept.letter} 列为准"
        for kept, dup in table.duplicates
    ]
    report.ignored_columns += [
        f"{c.letter} 列“{c.header}”：{_NOT_IMPORTED[c.target[1]]}，不导入"
        for c in table.columns
        if c.target is not None and c.target != IGNORED and c.target[1] in _NOT_IMPORTED
    ]
    with ledger.store.session() as session:
        plans = _Planner(session, village_id, roster).plan()
        report.problems = sorted(roster.problems + plans.problems, key=Problem.sort_key)
        report.notes = list(table.skipped) + roster.notes
        report.warnings = sorted(roster.warnings + _formula_warnings(table), key=Problem.sort_key)
        report.as_of = roster.as_of
        bad_rows = {p.row for p in report.problems}
        good = [p for p in plans.households if not bad_rows.intersection(p.rows.row_numbers)]
        if report.problems and not report.blocked:
            kept = {id(p) for p in good}
            report.left_out = [_name(p) for p in plans.households if id(p) not in kept]
        _describe(report, good)
        if not dry_run and not report.blocked:
            # a person's records, operations and search text: a few KB each (measured: about 3)
            ledger.store.require_free(len(table.rows) * 8192, "无法导入花名册")
            _write(session, village_id, good)
            report.written = True
    if problems_out is not None and report.problems:
        try:
            write_problem_copy(path, table.sheet, table.header_rows[1], report.problems, problems_out)
            report.problems_copy = problems_out
        except InvalidInput as exc:  # the import is done (or refused) already: say so, keep the report
            report.problems_copy_error = exc.message
    return report


def workbook_sheets(path: Path) -> list[str]:
    """The sheets of a workbook, for a chooser: read within the same limits as an import."""
    return sheet_names(path)


def _formula_warnings(table: SheetTable) -> list[Problem]:
    """Text a spreadsheet would run as a formula (``=HYPERLINK(…)``): imported as the text it is, and
    written back out as text by every export; listed so that nobody is surprised."""
    return [
        Problem(
            table.sheet,
            row,
            column,
            f"“{text if len(text) <= 30 else text[:30] + '…'}”像 Excel 公式，按文本导入（导出时也写成文本）",
        )
        for row, column, text in table.formulas
    ]


def _convert(table: str, name: str, text: str) -> Any:
    return parse_value(_MODELS[table], name, text)


@dataclass
class _Plans:
    households: list[_HouseholdPlan]
    problems: list[Problem]


class _Planner:
    """Matches the sheet's households and people with the village's, and works out what changes."""

    def __init__(self, session: Session, village_id: str, roster: Roster) -> None:
        self.session = session
        self.village_id = village_id
        self.roster = roster
        self.problems: list[Problem] = []
        households = session.execute(select(Household).where(Household.village_id == village_id)).scalars()
        self.households = {h.id: h for h in households}
        self.by_number = {h.number: h for h in self.households.values() if h.number}
        members = session.execute(
            select(Member)
            .join(Household, Household.id == Member.household_id)
            .where(Household.village_id == village_id)
        ).scalars()
        self.members: dict[str, list[Member]] = {}
        self.live_by_id: dict[str, Member] = {}
        for member in members:
            self.members.setdefault(member.household_id or "", []).append(member)
            if member.id_number and not member.archived:
                self.live_by_id[member.id_number] = member
        self.taken_numbers = set(self.by_number)
        self._next: int | None = None
        self._width = 3

    def plan(self) -> _Plans:
        plans = [self._household(rows) for rows in self.roster.households]
        found = [p for p in plans if p is not None]
        return _Plans(found, self.problems)

    def problem(self, row: int, target: tuple[str, str], reason: str) -> None:
        column = self.roster.table.column(target)
        self.problems.append(Problem(self.roster.table.sheet, row, column, reason))

    def _household(self, rows: HouseholdRows) -> _HouseholdPlan | None:
        first = rows.rows[0].number
        existing = self.by_number.get(rows.number) if rows.number else self._by_head(rows.head_id_number)
        if existing is not None and existing.archived:
            self.problem(
                first,
                ("household", "number"),
                f"户 {existing.number} 已注销（{existing.archive_reason or '未写原因'}），不再导入；"
                "如确需恢复，请先在台账中处理",
            )
            return None
        if existing is None:
            number = rows.number or self._new_number()
            self.taken_numbers.add(number)
            fields = dict(rows.household)
        else:
            number = existing.number or ""
            fields = _changed(existing, rows.household)
        plan = _HouseholdPlan(rows, existing, number, fields, [])
        household_members = self.members.get(existing.id, []) if existing else []
        used: set[str] = set()
        for person in rows.rows:
            member = self._member(person, existing, household_members, used)
            if member is not None:
                plan.members.append(member)
        self._check_head(plan, household_members)
        return plan

    def _by_head(self, id_number: str | None) -> Household | None:
        member = self.live_by_id.get(id_number) if id_number else None
        if member is None or member.relation not in HEAD_RELATIONS:
            return None
        return self.households.get(member.household_id or "")

    def _member(
        self, person: PersonRow, household: Household | None, members: list[Member], used: set[str]
    ) -> _MemberPlan | None:
        """What to do with one row's person; None: leave the row alone (a problem or a note says why)."""
        number = person.member.get("id_number")
        name = person.member.get("name")
        match: Member | None = None
        if number:
            match = self.live_by_id.get(number)
            if match is not None and (household is None or match.household_id != household.id):
                other = self.households.get(match.household_id or "")
                self.problem(
                    person.number,
                    ("member", "id_number"),
                    f"同一人出现在两户：证件号码 {number} 已登记在户 {other.number if other else '?'} 的"
                    f" {match.name} 名下；如已迁户，请先用 zhucun event move 办理迁移",
                )
                return None
            if match is None and any(m.id_number == number and m.archived for m in members):
                self.roster.notes.append(
                    f"第 {person.number} 行 {name or number}：已在台账中减员，表格中仍在，未作改动"
                )
                return None
        if match is None and name:
            # a person the ledger has without an ID number (or the sheet gives none): by name, if unique
            same = [
                m
                for m in members
                if m.name == name and not m.archived and m.id not in used and (not number or not m.id_number)
            ]
            match = same[0] if len(same) == 1 else None
        if match is None:
            return _MemberPlan(person, None, dict(person.member))
        used.add(match.id)
        return _MemberPlan(person, match, _changed(match, person.member))

    def _check_head(self, plan: _HouseholdPlan, members: list[Member]) -> None:
        relations: dict[str, str | None] = {
            m.id: m.relation for m in members if not m.archived
        }  # the household after the import: the ledger's people, updated and added
        for index, item in enumerate(plan.members):
            key = item.existing.id if item.existing else f"new-{index}"
            relations[key] = item.row.member.get("relation", relations.get(key))
        heads = [key for key, relation in relations.items() if relation in HEAD_RELATIONS]
        if len(heads) == 1:
            return
        first = plan.rows.rows[0].number
        if not heads:
            self.problem(
                first, ("member", "relation"), f"{plan.rows.key} 没有户主（与户主关系为“本人或户主”的一行）"
            )
        else:
            names = {m.id: m.name for m in members}
            names.update({f"new-{i}": item.row.member.get("name") for i, item in enumerate(plan.members)})
            shown = "、".join(str(names.get(key) or "?") for key in heads)
            self.problem(
                first, ("member", "relation"), f"导入后户 {plan.number} 将有 {len(heads)} 名户主：{shown}"
            )

    def _new_number(self) -> str:
        """The next free 户编号 after the highest in use, as wide as they are (at least 3 digits)."""
        if self._next is None:
            numeric = [n for n in self.taken_numbers if n.isdigit()]
            self._next = max((int(n) for n in numeric), default=0) + 1
            self._width = max([3, *(len(n) for n in numeric)])
        while f"{self._next:0{self._width}d}" in self.taken_numbers:
            self._next += 1
        return f"{self._next:0{self._width}d}"


def _changed(record: Synced, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields whose value differs from the record's. A coded value the ledger holds in an older
    spelling (户主, 缺劳力) is the same as the sheet's national one (本人或户主, 缺劳动力): not rewritten."""
    table = table_of(type(record))
    return {
        name: value
        for name, value in fields.items()
        if normalise(table.columns[name], value) != (old := getattr(record, name))
        and not _same_code(table.name, name, old, value)
    }


def _same_code(table: str, name: str, old: Any, new: Any) -> bool:
    key = CODE_LISTS.get((table, name))
    if key is None or old is None or new is None:
        return False
    codes = code_list(key)
    if isinstance(old, list) and isinstance(new, list):
        return [codes.canonical(v) for v in old] == [codes.canonical(v) for v in new]
    return isinstance(old, str) and isinstance(new, str) and codes.canonical(old) == codes.canonical(new)


def _name(plan: _HouseholdPlan) -> str:
    return f"{plan.rows.key}（第 {'、'.join(str(n) for n in plan.rows.row_numbers[:5])}" + (
        " 等行）" if len(plan.rows.rows) > 5 else " 行）"
    )


def _describe(report: ImportReport, plans: list[_HouseholdPlan]) -> None:
    for plan in plans:
        head = next(
            (
                m.row.member.get("name")
                for m in plan.members
                if m.row.member.get("relation") in HEAD_RELATIONS
            ),
            None,
        )
        if plan.existing is None:
            number_note = "" if plan.rows.number else "，表中无户编号，新编"
            report.added_households.append(
                f"户 {plan.number}（户主 {head or '?'}，{len(plan.members)} 人{number_note}）"
            )
            report.members_in_new_households += len(plan.members)
            continue
        for name, value in plan.fields.items():
            old = getattr(plan.existing, name)
            report.changes.append(
                Change(f"户 {plan.number}", label("household", name), _shown(old), _shown(value))
            )
        if plan.fields:
            report.changed_households += 1
        else:
            report.unchanged_households += 1
        for item in plan.members:
            if item.existing is None:
                report.added_members.append(f"户 {plan.number}：{item.fields.get('name') or '?'}")
            elif item.fields:
                report.changed_members += 1
                who = f"户 {plan.number} {item.existing.name or ''}".rstrip()
                for name, value in item.fields.items():
                    old = getattr(item.existing, name)
                    report.changes.append(Change(who, label("member", name), _shown(old), _shown(value)))
            else:
                report.unchanged_members += 1


def _write(session: Session, village_id: str, plans: list[_HouseholdPlan]) -> None:
    writer: ChangeWriter | None = None
    for index, plan in enumerate(plans):
        if writer is None or index % HOUSEHOLDS_PER_WRITER == 0:
            session.flush()
            writer = ChangeWriter(session)
        if plan.existing is None:
            household_id = writer.create(
                Household, {**plan.fields, "number": plan.number, "village_id": village_id}
            )
        else:
            household_id = plan.existing.id
            if plan.fields:
                writer.update(Household, household_id, plan.fields)
        for item in plan.members:
            if item.existing is None:
                writer.create(Member, {**item.fields, "household_id": household_id})
            elif item.fields:
                writer.update(Member, item.existing.id, item.fields)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format_amount(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)
