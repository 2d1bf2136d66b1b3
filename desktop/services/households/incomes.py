"""A household's income by year (收入): record or correct a year, remove a year entered by mistake, list.

One record per household and year: its id derives from both (``natural_id("income", household, year)``,
as the demo makes it), so two devices that each enter a household's 2025 income write the same record
and their fields merge instead of doubling. Recording a year that exists edits it.

转移性收入 is kept as a total and, optionally, its parts (计划生育金, 低保金, 特困供养金, 养老金, 生态补偿金,
其他). The parts never add up to more than the total; a total left empty is the sum of the parts. Net
income (the four sources minus 生产经营性支出) and per person are derived, never stored.
"""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.errors import InvalidInput, NotFound, present
from desktop.domain.fields import LABELS as FIELD_LABELS
from desktop.domain.income import IncomeFigures, net_income, per_person
from desktop.services.context import Ledger, with_policy_settings
from desktop.services.households.lookup import members_of, resolve_household
from desktop.services.households.record_input import AmountInput, check_text, parse_amount
from desktop.store.ids import natural_id
from desktop.store.models import Household, Income, Village
from desktop.store.queries import live
from desktop.store.writer import ChangeWriter

# the current national standard is the 2010 constant-price line; earlier years are typos
EARLIEST_YEAR = 2010

TRANSFER_PARTS: tuple[str, ...] = (
    "transfer_family_planning",
    "transfer_dibao",
    "transfer_tekun",
    "transfer_pension",
    "transfer_eco",
    "transfer_other",
)
AMOUNT_FIELDS: tuple[str, ...] = (
    "wage",
    "business",
    "property",
    "transfer",
    *TRANSFER_PARTS,
    "business_costs",
)
LABELS = FIELD_LABELS["income"]  # the fields a user records, by their Chinese names


class Unchanged(Enum):
    """An argument not given: the field keeps its value (``None`` instead clears it)."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED
Given = AmountInput | Unchanged


@dataclass(frozen=True)
class IncomeRecord:
    id: str
    household_id: str
    year: int
    wage: Decimal | None
    business: Decimal | None
    property: Decimal | None
    transfer: Decimal | None
    transfer_family_planning: Decimal | None
    transfer_dibao: Decimal | None
    transfer_tekun: Decimal | None
    transfer_pension: Decimal | None
    transfer_eco: Decimal | None
    transfer_other: Decimal | None
    business_costs: Decimal | None
    note: str | None
    net: Decimal  # 家庭纯收入: the four sources minus 生产经营性支出
    members: int  # living members today, as the household window counts them
    per_person: Decimal | None  # None when nobody is registered
    poverty_line: Decimal | None  # the year's 扶贫标准 (None before the policy table's first year)
    monitoring_line: Decimal | None  # the year's 防返贫监测标准 (2021 on)
    line_note: str

    @builtins.property  # the field ``property`` (财产性收入) hides the builtin in the class body
    def above_poverty_line(self) -> bool | None:
        if self.per_person is None or self.poverty_line is None:
            return None
        return self.per_person > self.poverty_line

    def inputs(self) -> dict[str, Any]:
        """This year's figures as :func:`record_income` takes them (to put them back, e.g. on undo)."""
        return {name: getattr(self, name) for name in (*AMOUNT_FIELDS, "note")}


@dataclass(frozen=True)
class RecordedIncome:
    record: IncomeRecord
    previous: IncomeRecord | None  # the year as it was, None when it was new (or had been removed)
    changed: tuple[str, ...]  # fields whose value really changed


@dataclass(frozen=True)
class IncomePreview:
    """What :func:`record_income` would record, without writing (the form shows it while typing)."""

    net: Decimal
    transfer: Decimal | None
    members: int
    per_person: Decimal | None
    poverty_line: Decimal | None
    monitoring_line: Decimal | None
    line_note: str


def record_income(
    ledger: Ledger,
    *,
    household: str,
    year: int,
    wage: Given = UNCHANGED,
    business: Given = UNCHANGED,
    property: Given = UNCHANGED,  # 财产性收入 (the model field's name)
    transfer: Given = UNCHANGED,
    transfer_family_planning: Given = UNCHANGED,
    transfer_dibao: Given = UNCHANGED,
    transfer_tekun: Given = UNCHANGED,
    transfer_pension: Given = UNCHANGED,
    transfer_eco: Given = UNCHANGED,
    transfer_other: Given = UNCHANGED,
    business_costs: Given = UNCHANGED,
    note: str | Unchanged | None = UNCHANGED,
) -> RecordedIncome:
    """Record a household's income for ``year``, or change the figures given (others keep their value;
    ``None`` or empty text clears one). All figures are checked before anything is written."""
    given = _given(locals())
    year = check_year(year, ledger.today())
    with ledger.store.session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        record_id = natural_id("income", target.id, str(year))
        row = session.get(Income, record_id)
        live = row is not None and not row.archived
        previous = _record(session, ledger, target, row) if live and row is not None else None
        values = merged_values(_values(row) if live and row is not None else {}, given)
        writer = ChangeWriter(session)
        fields = {**values, "household_id": target.id, "year": year}
        if row is None:
            writer.create(Income, fields, record_id)
            changed = tuple(name for name, value in values.items() if value is not None)
        else:
            if not live:  # a year removed earlier and entered again starts afresh
                fields |= {"archived": None, "archive_reason": None}
            changed = tuple(name for name in writer.update(Income, record_id, fields) if name in LABELS)
        session.flush()
        stored = present(session.get(Income, record_id), "the income just written")
        return RecordedIncome(_record(session, ledger, target, stored), previous, changed)


def preview_income(
    ledger: Ledger,
    *,
    household: str,
    year: int,
    **figures: AmountInput,
) -> IncomePreview:
    """Net and per person for figures typed into a form (all of them: none is taken from the record)."""
    unknown = set(figures) - set(AMOUNT_FIELDS)
    if unknown:
        raise TypeError(f"preview_income() got unexpected figures {sorted(unknown)}")
    year = check_year(year, ledger.today())
    values = merged_values({}, {name: figures.get(name) for name in AMOUNT_FIELDS}, require_any=False)
    with ledger.store.read_session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        size = len(members_of(session, target.id))
        net = net_income(_figures(values))
        poverty, monitoring, note = _lines(ledger, year, _province(session, target))
        return IncomePreview(net, values["transfer"], size, per_person(net, size), poverty, monitoring, note)


def remove_income(ledger: Ledger, *, household: str, year: int, reason: str = "录入有误") -> IncomeRecord:
    """Take a year out of the household's income (entered for the wrong household or year). The record
    is archived, not deleted: the change log keeps it, and entering the year again brings it back."""
    if not reason.strip():
        raise InvalidInput("删除收入记录需要写明原因")
    with ledger.store.session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        record_id = natural_id("income", target.id, str(year))
        row = session.get(Income, record_id)
        if row is None or row.archived:
            raise NotFound(f"户 {target.number} 没有 {year} 年的收入记录")
        removed = _record(session, ledger, target, row)
        ChangeWriter(session).update(Income, record_id, {"archived": True, "archive_reason": reason.strip()})
        return removed


def income_of(ledger: Ledger, *, household: str, year: int) -> IncomeRecord | None:
    with ledger.store.read_session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        row = session.get(Income, natural_id("income", target.id, str(year)))
        if row is None or row.archived:
            return None
        return _record(session, ledger, target, row)


def incomes_of(ledger: Ledger, *, household: str) -> list[IncomeRecord]:
    """Every recorded year of a household, oldest first."""
    with ledger.store.read_session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        rows = session.execute(
            select(Income)
            .where(
                Income.household_id == target.id,
                Income.year.is_not(None),
                live(Income),
            )
            .order_by(Income.year, Income.id)
        ).scalars()
        return [_record(session, ledger, target, row) for row in rows]


def check_year(year: int, today: dt.date) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidInput(f"收入年度应为四位数的年份，而不是“{year}”")
    if year > today.year:
        raise InvalidInput(f"收入年度 {year} 年在今年（{today.year} 年）之后")
    if year < EARLIEST_YEAR:
        raise InvalidInput(f"收入年度应在 {EARLIEST_YEAR} 年到 {today.year} 年之间，而不是 {year} 年")
    return year


def merged_values(old: dict[str, Any], given: dict[str, Any], *, require_any: bool = True) -> dict[str, Any]:
    """The year's fields after applying ``given`` to ``old``, checked; raises before anything is written."""
    parsed: dict[str, Any] = {
        name: parse_amount(value, LABELS[name]) for name, value in given.items() if name in AMOUNT_FIELDS
    }
    if "note" in given:
        parsed["note"] = check_text(given["note"], LABELS["note"], limit=500)
    new = {name: old.get(name) for name in (*AMOUNT_FIELDS, "note")} | parsed
    parts: list[Decimal] = [value for name in TRANSFER_PARTS if (value := new[name]) is not None]
    total = sum(parts, Decimal(0))
    if "transfer" not in parsed and any(name in parsed for name in TRANSFER_PARTS):
        old_parts: list[Decimal] = [old[name] for name in TRANSFER_PARTS if old.get(name) is not None]
        if old.get("transfer") is None or old["transfer"] == sum(old_parts, Decimal(0)):
            new["transfer"] = total if parts else None  # the total was the parts' sum: it follows them
    if new["transfer"] is None and parts:
        new["transfer"] = total
    stated: Decimal | None = new["transfer"]
    if parts and stated is not None and total > stated:
        raise InvalidInput(
            f"转移性收入各项之和 {_yuan(total)} 元超过了转移性收入合计 {_yuan(stated)} 元，"
            "请核对（合计可不填，按各项相加）"
        )
    if require_any and all(new[name] is None for name in AMOUNT_FIELDS):
        raise InvalidInput("请至少填写一项收入（工资性、生产经营性、财产性或转移性收入）")
    return new


def _given(arguments: dict[str, Any]) -> dict[str, Any]:
    return {
        name: arguments[name]
        for name in (*AMOUNT_FIELDS, "note")
        if not isinstance(arguments[name], Unchanged)
    }


def _values(row: Income) -> dict[str, Any]:
    return {name: getattr(row, name) for name in (*AMOUNT_FIELDS, "note")}


def _figures(values: dict[str, Any]) -> IncomeFigures:
    return IncomeFigures(
        wage=values["wage"],
        business=values["business"],
        property=values["property"],
        transfer=values["transfer"],
        business_costs=values["business_costs"],
    )


def _record(session: Session, ledger: Ledger, household: Household, row: Income) -> IncomeRecord:
    values = _values(row)
    size = len(members_of(session, household.id))
    net = net_income(_figures(values))
    year = row.year or 0
    poverty, monitoring, note = _lines(ledger, year, _province(session, household))
    return IncomeRecord(
        id=row.id,
        household_id=household.id,
        year=year,
        **values,
        net=net,
        members=size,
        per_person=per_person(net, size),
        poverty_line=poverty,
        monitoring_line=monitoring,
        line_note=note,
    )


def _province(session: Session, household: Household) -> str | None:
    village = session.get(Village, household.village_id) if household.village_id else None
    return village.province if village else None


def _lines(ledger: Ledger, year: int, province: str | None) -> tuple[Decimal | None, Decimal | None, str]:
    ledger = with_policy_settings(ledger)
    poverty = monitoring = None
    notes = []
    try:
        figure = ledger.policy.poverty_line(year, province)
        poverty = figure.amount
        notes.append(figure.labelled("扶贫标准", year))
    except InvalidInput:  # a year before the policy table
        pass
    try:
        figure = ledger.policy.monitoring_threshold(year, province)
        monitoring = figure.amount
        notes.append(figure.labelled("监测范围", year))
    except InvalidInput:  # before 2021: no 防返贫 monitoring yet
        pass
    return poverty, monitoring, "；".join(n for n in notes if n)


def _yuan(value: Decimal) -> str:
    return f"{value.normalize():f}"
