"""From sheet rows to people and households, with every row problem named by row and column.

Each cell is turned into a field value (by the ``convert`` the caller passes: the same parsing the
command line uses), and each row is checked on its own: the ID number (check character, birth date,
digits Excel lost), sex and birth date against it, age against 在校生状况, coded values. Rows are then
grouped into households by 户编号, else by the head's ID number, else by order (a 户主 row starts a
household, the rows after it belong to it); household fields repeated on each member's row must agree,
and the same person may appear only once.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils.datetime import from_excel
from sqlalchemy import Boolean, Date, Integer, Numeric

from desktop.domain.codes import normalise
from desktop.domain.enums import HEAD_RELATION, HEAD_RELATIONS
from desktop.domain.errors import InvalidInput
from desktop.domain.field_values import CODE_LISTS
from desktop.domain.fields import CHOICES
from desktop.domain.idnumber import age_on, is_disability_certificate, normalize, parse_id_number
from desktop.excel.export_date import export_date
from desktop.excel.headers import IGNORED, Target, target_label
from desktop.excel.problems import Problem
from desktop.excel.reading import CellText, SheetColumn, SheetRow, SheetTable
from desktop.store.base import table_of
from desktop.store.models import Household, Member
from desktop.store.types import JsonText

# (table, field, text) -> value; raises InvalidInput with a Chinese reason
Convert = Callable[[str, str, str], Any]

# Ages (周岁, both ends included) at which a 在校情况 is plausible. Wide on purpose: only a clear
# contradiction is reported. Younger than the range (a 3-year-old in 七年级) or far older (a 76-year-old in
# 小学) is a data error, a problem; up to OUTGROWN_YEARS older is a status the person has outgrown since
# it was entered: a warning, never blocking. An out-of-school child of compulsory age is a checklist gap.
_STAGE_AGES: dict[str, tuple[int, int]] = {
    "学前教育": (2, 8),
    "小学": (5, 17),
    "初中": (10, 20),
    "高中": (13, 24),
    "中职": (13, 30),
    "高职": (15, 35),
    "大专及以上": (15, 60),
    "送教上门": (5, 25),
}
_GRADES = {"七年级": "初中", "八年级": "初中", "九年级": "初中"} | {
    f"{stage}{grade}年级": stage for stage in ("高中", "中职", "高职") for grade in "一二三"
}
SCHOOLING_AGES: dict[str, tuple[int, int]] = _STAGE_AGES | {g: _STAGE_AGES[s] for g, s in _GRADES.items()}
OUTGROWN_YEARS = 5
DECEASED = "死亡"  # in a national export's 健康状况: the person died (an event, not a health value)
FOOTER_CELLS = 2  # a row with no name or ID number and at most this many cells is a note, not a person
_SHORT_CHOICES = 12
_UNITS = re.compile(r"(个月|月|亩|元|平方米|平米|㎡|m2|人|公里|千米|km|升|分钟|天|年)$", re.IGNORECASE)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_MONTH = re.compile(r"(\d{4})(?:\s*[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))")  # 1970.3, 1970年3月, 197003
_YES = {"√", "✓", "✔"}
_NO = {"×", "✗", "✘"}
_MODELS = {"household": Household, "member": Member}


@dataclass
class PersonRow:
    number: int  # sheet row
    member: dict[str, Any] = field(default_factory=dict)
    household: dict[str, Any] = field(default_factory=dict)
    head_name: str | None = None  # 户主姓名 / 户主证件号码 columns
    head_id_number: str | None = None
    people: int | None = None  # 人数 as the sheet says
    birth_month: tuple[int, int] | None = None  # 出生年月 given as year and month only
    deceased: bool = False  # 健康状况 “死亡”


@dataclass
class HouseholdRows:
    key: str  # how the sheet names it: "户编号 001" or "户主证件号码 …"
    number: str | None  # 户编号, when the sheet has one
    head_id_number: str | None
    rows: list[PersonRow] = field(default_factory=list)
    household: dict[str, Any] = field(default_factory=dict)  # the household fields, merged from its rows

    @property
    def row_numbers(self) -> list[int]:
        return [r.number for r in self.rows]


@dataclass
class Roster:
    table: SheetTable
    per_household: bool  # one row per household (no 与户主关系 column): each row's person is the head
    households: list[HouseholdRows] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # listed, never block, never change data
    notes: list[str] = field(default_factory=list)
    as_of: dt.date | None = None  # the export date of the title rows: ages are judged on it


def build_roster(table: SheetTable, convert: Convert, *, today: dt.date, village_name: str | None) -> Roster:
    per_household = table.column(("member", "relation")) is None
    roster = Roster(table, per_household)
    roster.as_of = export_date(table.preamble)
    if roster.as_of is not None:
        roster.notes.append(f"表头注明导出日期 {roster.as_of.isoformat()}：年龄按该日计算")
    builder = _Builder(roster, convert, today, village_name)
    if not builder.required_columns():
        return roster
    people = [person for row in table.rows if (person := builder.person(row)) is not None]
    builder.group(people)
    return roster


class _Builder:
    def __init__(self, roster: Roster, convert: Convert, today: dt.date, village_name: str | None) -> None:
        self.roster = roster
        self.table = roster.table
        self.convert = convert
        self.today = today
        self.as_of = roster.as_of or today  # ages in the sheet are as of its export date
        self.village_name = village_name
        self.columns: list[SheetColumn] = [c for c in self.table.columns if c.target not in (None, IGNORED)]
        self.by_target: dict[Target, SheetColumn] = {c.target: c for c in self.columns if c.target}
        self._memo: dict[tuple[Target, str, bool], tuple[Any, str | None]] = {}

    # --- problems ---

    def problem(self, row: int | None, target: Target | None, reason: str) -> None:
        column = self.by_target.get(target) if target else None
        self.roster.problems.append(Problem(self.table.sheet, row, column, reason))

    def warning(self, row: int, target: Target, reason: str) -> None:
        self.roster.warnings.append(Problem(self.table.sheet, row, self.by_target.get(target), reason))

    def required_columns(self) -> bool:
        has = self.by_target.__contains__
        missing = []
        if not (has(("member", "name")) or has(("head", "name"))):
            missing.append("姓名")
        if not (has(("household", "number")) or has(("member", "id_number")) or has(("head", "id_number"))):
            missing.append("户编号或证件号码")
        for what in missing:
            self.problem(None, None, f"找不到“{what}”列；如表头写法不同，请用 --mapping 指定")
        if self.roster.per_household:
            self.roster.notes.append("表中没有“与户主关系”列：按一行一户读取，每行的姓名、证件号码为户主的")
        return not missing

    # --- one row ---

    def person(self, row: SheetRow) -> PersonRow | None:
        cells = {c.target: row.cells[c.index] for c in self.columns if c.index in row.cells and c.target}
        keys = (("member", "name"), ("member", "id_number"), ("head", "name"), ("head", "id_number"))
        if not any(k in cells for k in keys):
            if len(cells) <= FOOTER_CELLS:  # 填表人：… under the table, or a stray note
                self.roster.notes.append(f"第 {row.number} 行没有姓名和证件号码，已跳过")
            else:
                self.problem(row.number, ("member", "name"), "没有姓名和证件号码，无法判断是谁")
            return None
        person = PersonRow(row.number)
        for target, cell in cells.items():
            self._cell(person, target, cell)
        if person.deceased:
            who = person.member.get("name") or person.head_name or ""
            self.warning(
                row.number, ("member", "health"),
                f"{who}的健康状况为“死亡”，即已去世：未作为在世成员导入，台账未改动；"
                "如台账中此人仍在册，请用 zhucun event death 登记死亡",
            )  # fmt: skip
            return None
        if self.roster.per_household:
            self._as_head(person)
        self._check_person(person, ("member", "name") in cells or ("head", "name") in cells)
        return person

    def _cell(self, person: PersonRow, target: Target, cell: CellText) -> None:
        table, name = target
        row = person.number
        if cell.lost_digits and target != ("derived", "income_per_person"):
            self.problem(
                row,
                target,
                f"“{cell.text}”是被 Excel 存成数字的长号码，末几位已丢失，无法还原；"
                "请按原始资料把该列设为文本格式后重新填写",
            )
            return
        if name == "id_number":
            number = self._id_number(row, target, cell.text)
            if number is not None and table == "member":
                person.member["id_number"] = number
            elif number is not None:
                person.head_id_number = number
            return
        if table == "village":
            if (
                name == "name"
                and self.village_name
                and _village_key(cell.text) != _village_key(self.village_name)
            ):
                self.problem(row, target, f"行政村“{cell.text}”不是本台账的村（{self.village_name}）")
            return
        if table == "derived":
            if name == "people":
                try:
                    person.people = int(_whole_text(cell.text))
                except ValueError:
                    self.problem(row, target, f"人数应为整数，而不是“{cell.text}”")
            return
        if table == "head":
            person.head_name = cell.text
            return
        if target == ("member", "health") and normalise(cell.text) == DECEASED:
            person.deceased = True
            return
        month = _MONTH.fullmatch(unicodedata.normalize("NFKC", cell.text)) if name == "birth_date" else None
        if month:
            person.birth_month = (int(month[1]), int(month[2] or month[3]))  # checked, not stored
            return
        value = self._value(row, target, cell)
        if value is not None:
            (person.member if table == "member" else person.household)[name] = value

    def _id_number(self, row: int, target: Target, text: str) -> str | None:
        number = normalize(text)
        if len(number) == 20 and is_disability_certificate(number, self.today):
            return number  # 残疾人证号: the holder's ID number and two digits
        try:
            return parse_id_number(number, self.today).number
        except InvalidInput as exc:
            self.problem(row, target, exc.message)
            return None

    def _value(self, row: int, target: Target, cell: CellText) -> Any:
        key = (target, cell.text, cell.number)
        if key not in self._memo:  # a roster repeats the same few values thousands of times
            self._memo[key] = self._parse(target, cell)
        value, error = self._memo[key]
        if error is not None:
            self.problem(row, target, error)
            return None
        return list(value) if isinstance(value, list) else value

    def _parse(self, target: Target, cell: CellText) -> tuple[Any, str | None]:
        """The value, or the reason it is not one."""
        table, name = target
        kind = table_of(_MODELS[table]).columns[name].type
        text = cell.text
        if isinstance(kind, Integer):
            text = _whole_text(text)
        elif isinstance(kind, Numeric):
            text = _numeric_text(text)
        elif isinstance(kind, Boolean):
            text = "是" if text in _YES else "否" if text in _NO else text
        elif isinstance(kind, Date):
            text = _date_text(cell)
        elif name in ("phone", "bank_account"):
            text = unicodedata.normalize("NFKC", text).replace(" ", "")
        text = _alias(table, name, text)
        choices = CHOICES.get((table, name))
        coded = (table, name) in CODE_LISTS  # any national spelling; convert stores the canonical value
        if choices is not None and not coded and not isinstance(kind, JsonText) and text not in choices:
            shown = "、".join(choices) if len(choices) <= _SHORT_CHOICES else "、".join(choices[:6]) + " 等"
            return None, f"{target_label(target)}“{text}”不是可用的值（可选：{shown}）"
        try:
            return self.convert(table, name, text), None
        except InvalidInput as exc:
            return None, exc.message

    def _check_person(self, person: PersonRow, has_name: bool) -> None:
        row, member = person.number, person.member
        if not has_name:
            self.problem(row, ("member", "name"), "姓名为空")
        number = member.get("id_number")
        if number:
            ident = parse_id_number(number[:18], self.today)
            if member.get("sex") and member["sex"] != ident.sex:
                self.problem(
                    row,
                    ("member", "sex"),
                    f"性别“{member['sex']}”与证件号码不符（按证件号码应为{ident.sex}）",
                )
            if member.get("birth_date") and member["birth_date"] != ident.birth_date:
                self.problem(
                    row, ("member", "birth_date"),
                    f"出生日期 {member['birth_date']} 与证件号码不符（按证件号码应为 {ident.birth_date}）",
                )  # fmt: skip
            month = person.birth_month
            if month and month != (ident.birth_date.year, ident.birth_date.month):
                self.problem(
                    row, ("member", "birth_date"),
                    f"出生年月 {month[0]}.{month[1]:02d} 与证件号码不符（按证件号码应为 {ident.birth_date:%Y.%m}）",
                )  # fmt: skip
            member.setdefault("sex", ident.sex)
            member.setdefault("birth_date", ident.birth_date)
        birth = member.get("birth_date")
        schooling = member.get("schooling")
        if birth and schooling in SCHOOLING_AGES:
            age = age_on(birth, self.as_of)
            low, high = SCHOOLING_AGES[schooling]
            on = f"（按 {self.as_of.isoformat()}）" if self.roster.as_of else ""
            if age < low or age > high + OUTGROWN_YEARS:
                self.problem(
                    row, ("member", "schooling"),
                    f"在校生状况“{schooling}”与年龄不符：{age} 岁{on}（{schooling}一般为 {low}–{high} 岁）",
                )  # fmt: skip
            elif age > high:
                self.warning(
                    row, ("member", "schooling"),
                    f"在校生状况“{schooling}”已与年龄不符：{age} 岁{on}，{schooling}一般为 {low}–{high} 岁；"
                    "照表导入，请核实后更新",
                )  # fmt: skip
        months = member.get("work_months")
        if months is not None and not 0 <= months <= 12:
            self.problem(row, ("member", "work_months"), f"务工时间 {months} 个月，应在 0–12 个月之间")

    def _as_head(self, person: PersonRow) -> None:
        """One row per household: the row's person (or the 户主 columns) is the head."""
        member = person.member
        if person.head_name and not member.get("name"):
            member["name"] = person.head_name
        if person.head_id_number and not member.get("id_number"):
            member["id_number"] = person.head_id_number
        member["relation"] = HEAD_RELATION
        if "note" in member and "note" not in person.household:
            person.household["note"] = member.pop("note")

    # --- households ---

    def group(self, people: list[PersonRow]) -> None:
        groups: dict[str, HouseholdRows] = {}
        current: HouseholdRows | None = None  # the previous row's: a member row without 户编号 joins it
        for person in people:
            number = person.household.pop("number", None)
            head_id = person.head_id_number
            if self.roster.per_household:
                head_id = head_id or person.member.get("id_number")
            own_id = person.member.get("id_number")
            is_head = person.member.get("relation") in HEAD_RELATIONS
            if number:
                key, head_key = f"户编号 {number}", None
            elif head_id:
                key, head_key = f"户主证件号码 {head_id}", head_id
            elif is_head:
                key = (
                    f"户主证件号码 {own_id}"
                    if own_id
                    else f"第 {person.number} 行的户主 {person.member.get('name') or ''}"
                )
                head_key = own_id
            elif current is not None and not self.roster.per_household:
                key, head_key = current.key, current.head_id_number
            else:
                self.problem(
                    person.number, ("household", "number"), "没有户编号，前面也没有户主，无法判断属于哪一户"
                )
                continue
            group = groups.get(key)
            if group is None:
                group = groups[key] = HouseholdRows(key, number, head_key)
            elif self.roster.per_household:
                self.problem(
                    person.number, ("household", "number"),
                    f"{key} 已在第 {group.rows[0].number} 行出现；表中没有“与户主关系”列，一户只能占一行",
                )  # fmt: skip
                continue
            group.rows.append(person)
            current = group
        self.roster.households = list(groups.values())
        for group in self.roster.households:
            self._merge_household_fields(group)
            self._check_heads(group)
            self._check_people_count(group)
        self._check_duplicates()

    def _merge_household_fields(self, group: HouseholdRows) -> None:
        first_row: dict[str, int] = {}
        for person in group.rows:
            for name, value in person.household.items():
                if name not in group.household:
                    group.household[name] = value
                    first_row[name] = person.number
                elif group.household[name] != value:
                    self.problem(
                        person.number, ("household", name),
                        f"同一户（{group.key}）的{target_label(('household', name))}前后不一致："
                        f"第 {first_row[name]} 行为“{_shown(group.household[name])}”，本行为“{_shown(value)}”",
                    )  # fmt: skip

    def _check_heads(self, group: HouseholdRows) -> None:
        heads = [p for p in group.rows if p.member.get("relation") in HEAD_RELATIONS]
        for extra in heads[1:]:
            self.problem(
                extra.number, ("member", "relation"), f"{group.key} 已有户主（第 {heads[0].number} 行）"
            )

    def _check_people_count(self, group: HouseholdRows) -> None:
        declared = next((p.people for p in group.rows if p.people is not None), None)
        if declared is not None and not self.roster.per_household and declared != len(group.rows):
            self.roster.notes.append(
                f"{group.key}：人数填的是 {declared}，表中有 {len(group.rows)} 行（人数不导入，由成员计算）"
            )

    def _check_duplicates(self) -> None:
        seen: dict[str, tuple[HouseholdRows, PersonRow]] = {}
        for group in self.roster.households:
            for person in group.rows:
                number = person.member.get("id_number")
                if not number:
                    continue
                if number not in seen:
                    seen[number] = (group, person)
                    continue
                first_group, first = seen[number]
                if first_group is group:
                    self.problem(
                        person.number,
                        ("member", "id_number"),
                        f"与第 {first.number} 行是同一人（证件号码相同）",
                    )
                else:
                    for one, other, other_group in ((person, first, first_group), (first, person, group)):
                        self.problem(
                            one.number, ("member", "id_number"),
                            f"同一人出现在两户：证件号码 {number} 也在第 {other.number} 行（{other_group.key}）",
                        )  # fmt: skip


def _numeric_text(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    return _UNITS.sub("", folded)


def _whole_text(text: str) -> str:
    """``6.0`` (a whole number that went through a float) is 6."""
    folded = _numeric_text(text)
    return folded.split(".")[0] if re.fullmatch(r"-?\d+\.0+", folded) else folded


def _date_text(cell: CellText) -> str:
    text = unicodedata.normalize("NFKC", cell.text)
    if cell.number and re.fullmatch(r"\d{5}(\.\d+)?", text):
        # a date kept as a plain number: Excel's serial day count (10000 is 1927, 99999 is 2173)
        return from_excel(float(text)).date().isoformat()
    match = _DATE.fullmatch(text)
    if match:
        year, month, day = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


def _alias(table: str, name: str, text: str) -> str:
    """Spellings that can only mean one allowed value: 男性 -> 男. (Coded values' variants, such as 汉
    for 汉族 or 省外 for 省外务工, are in resources/codes.)"""
    if name == "sex" and text in ("男性", "女性"):
        return text[0]
    return text


def _village_key(name: str) -> str:
    text = "".join(unicodedata.normalize("NFKC", name).split())
    return text.removesuffix("村委会").removesuffix("村")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)
