"""``xlsx export``: the roster in the national column order, the checklist gaps and the visits, as
spreadsheets a township can use as they are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.codes import code_list
from desktop.domain.enums import HEAD_RELATIONS, HOUSE_GRADES, SAFE_HOUSE_GRADES, Dimension, Status
from desktop.domain.errors import InvalidInput
from desktop.domain.field_values import CODE_LISTS
from desktop.domain.income import net_income, per_person
from desktop.excel.headers import NATIONAL_ROSTER
from desktop.excel.writing import SheetData, write_workbook
from desktop.services.checklist.facts import income_figures
from desktop.services.checklist.verdicts import village_checklists
from desktop.services.context import Ledger
from desktop.services.printing.queries import chosen_village_ids
from desktop.store.models import FollowUp, Household, Income, Member, Village, Visit
from desktop.store.queries import in_chunks, live

ROSTER_SHEET = "花名册"
GAPS_SHEET = "两不愁三保障短板"
VISITS_SHEET = "走访记录"
_TEXT_TARGETS = {
    *CODE_LISTS,  # national codes such as 01 stay text
    ("household", "number"),
    ("member", "number"),
    ("member", "id_number"),
    ("household", "phone"),
}
_STATUS_FILLS = {Status.NOT_MET: "red", Status.UNKNOWN: "yellow"}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    households: int
    short: int = 0  # gaps: households with a dimension not met (有短板)
    to_verify: int = 0  # gaps: the rest, with a dimension still to find out (待核实)


def export_roster(
    ledger: Ledger,
    path: Path,
    *,
    village_code: str | None = None,
    codes: bool = False,
    all_villages: bool = False,
) -> ExportResult:
    """One row per person of every live household, in the national export's column order, coded fields
    in their national spelling (a value stored as 户主 is written 本人或户主).

    ``village_code``: which village (a village device exports its own; a township device, without one,
    every village, as with ``all_villages``: the roster's own 村 column says which).
    ``codes``: write the national codes (01, 02 …) of coded fields instead; a value without a national
    code (a local addition such as 送教上门, or an older value such as 初中) is written as text."""
    with ledger.store.read_session() as session:
        rows: list[list[Any]] = []
        count = 0
        for village_id in _villages(ledger, session, village_code, all_villages=all_villages):
            village = session.get(Village, village_id)
            households = _households(session, village_id)
            members = _live_members(session, [h.id for h in households])
            incomes = _latest_incomes(session, [h.id for h in households])
            count += len(households)
            for household in households:
                people = members.get(household.id, [])
                income = incomes.get(household.id)
                per = per_person(net_income(income_figures(income)), len(people)) if income else None
                for member in people:
                    rows.append(
                        [
                            _national(
                                t, _roster_value(t, village, household, member, len(people), per), codes
                            )
                            for _, t in NATIONAL_ROSTER
                        ]
                    )
    text = frozenset(i for i, (_, target) in enumerate(NATIONAL_ROSTER) if target in _TEXT_TARGETS)
    write_workbook(path, [SheetData(ROSTER_SHEET, [h for h, _ in NATIONAL_ROSTER], rows, text)])
    return ExportResult(path, len(rows), count)


def export_list(
    ledger: Ledger, path: Path, sheet: str, headers: list[str], rows: list[list[Any]]
) -> ExportResult:
    """A list as the window shows it (the 农户 page, filtered and sorted as it is): its columns, its rows,
    every cell as text so that 户编号 001 and a phone number stay as they are."""
    del ledger  # the rows are what the user sees; the ledger is not read again
    write_workbook(path, [SheetData(sheet, headers, rows, frozenset(range(len(headers))))])
    return ExportResult(path, len(rows), len(rows))


def export_villages(ledger: Ledger, path: Path, *, silent_days: int | None = None) -> ExportResult:
    """各村汇总 (a township): a row per village with the figures of 各村."""
    from desktop.services.village.township_overview import (
        SUMMARY_HEADERS,
        TOWNSHIP_HEADERS,
        summary_rows,
        township_rows,
        township_totals,
        township_villages,
    )

    villages = township_villages(ledger, silent_days=silent_days)
    if not villages:
        raise InvalidInput("本机还没有任何村的记录，没有可导出的汇总")
    rows = [list(r) for r in summary_rows(villages)]
    silent = len(SUMMARY_HEADERS) - 1
    fills = {(i, silent): "yellow" for i, v in enumerate(villages) if v.silent}
    sheets = [SheetData("各村汇总", list(SUMMARY_HEADERS), rows, frozenset({0}), fills)]
    totals = township_totals(villages)
    if len(totals) > 1:  # a county office: the townships added up on a sheet of their own
        sheets.append(SheetData("各乡镇汇总", list(TOWNSHIP_HEADERS), township_rows(totals), frozenset()))
    write_workbook(path, sheets)
    return ExportResult(path, len(rows), sum(v.households for v in villages))


def export_gaps(
    ledger: Ledger,
    path: Path,
    *,
    village_code: str | None = None,
    as_of: dt.date | None = None,
    village_id: str | None = None,
    all_villages: bool = False,
) -> ExportResult:
    """One row per household with a dimension not met or not known, one column per dimension, judged
    on ``as_of`` (default today). ``village_id``: the village in view in the window (else by code; a
    township without one: every village, a 村 column first)."""
    with ledger.store.read_session() as session:
        ids = (
            [village_id]
            if village_id
            else _villages(ledger, session, village_code, all_villages=all_villages)
        )
        names = dict(session.execute(select(Village.id, Village.name).where(Village.id.in_(ids))).all())
        groups = dict(
            session.execute(
                select(Household.id, Household.group_name).where(Household.village_id.in_(ids))
            ).all()
        )
    several = len(ids) > 1
    checklists = [
        (vid, c)
        for vid in ids
        for c in village_checklists(ledger, village_id=vid, as_of=as_of, only_gaps=True)
        if c.gaps
    ]
    headers = [
        *(["村"] if several else []),
        "户编号",
        "户主",
        "村民小组",
        *(d.value for d in Dimension),
        "短板数",
    ]
    rows: list[list[Any]] = []
    fills: dict[tuple[int, int], str] = {}
    for row_index, (vid, checklist) in enumerate(checklists):
        row: list[Any] = [names.get(vid)] if several else []
        row += [checklist.number, checklist.head_name, groups.get(checklist.household_id)]
        for dimension in Dimension:
            verdict = checklist.verdicts[dimension]
            if verdict.status is Status.MET:
                row.append(Status.MET.label)
                continue
            fills[(row_index, len(row))] = _STATUS_FILLS[verdict.status]
            row.append(f"{verdict.status.label}：" + "；".join(verdict.reasons))
        row.append(len(checklist.gaps))
        rows.append(row)
    text = frozenset({1 if several else 0})  # 户编号 stays 001
    write_workbook(path, [SheetData(GAPS_SHEET, headers, rows, text, fills)])
    short = sum(1 for _vid, c in checklists if c.short)
    return ExportResult(path, len(rows), len(rows), short=short, to_verify=len(rows) - short)


def export_visits(
    ledger: Ledger,
    path: Path,
    *,
    village_code: str | None = None,
    village_id: str | None = None,
    all_villages: bool = False,
) -> ExportResult:
    """Every visit of the village, oldest first, with its follow-ups. ``village_id``: the village in view
    in the window (else by code; a township without one: every village, a 村 column first)."""
    with ledger.store.read_session() as session:
        ids = (
            [village_id]
            if village_id
            else _villages(ledger, session, village_code, all_villages=all_villages)
        )
        names = dict(session.execute(select(Village.id, Village.name).where(Village.id.in_(ids))).all())
        households = {h.id: h for vid in ids for h in _households(session, vid, include_archived=True)}
        heads = {
            m.household_id: m.name
            for ms in _live_members(session, list(households)).values()
            for m in ms
            if m.relation in HEAD_RELATIONS
        }
        visits = [
            v
            for v in _in_chunks(session, Visit, Visit.household_id, list(households))
            if not v.archived and v.visited_on is not None
        ]
        follow_ups: dict[str, list[FollowUp]] = {}
        for item in _in_chunks(session, FollowUp, FollowUp.visit_id, [v.id for v in visits]):
            if not item.archived:
                follow_ups.setdefault(item.visit_id or "", []).append(item)
    several = len(ids) > 1
    order = {vid: i for i, vid in enumerate(ids)}
    visits.sort(
        key=lambda v: (
            v.visited_on,
            order.get(households[v.household_id or ""].village_id or "", 0),
            households[v.household_id or ""].number or "",
            v.id,
        )
    )
    headers = [*(["村"] if several else []), "走访日期", "户编号", "户主", "方式", "走访人", "见到的人", "走访内容", "宣讲政策", "问题和诉求",
               "后续事项", "地点", "户签字"]  # fmt: skip
    rows = []
    for visit in visits:
        household = households[visit.household_id or ""]
        rows.append(
            [
                *([names.get(household.village_id or "")] if several else []),
                visit.visited_on,
                household.number,
                heads.get(household.id),
                visit.kind,
                "、".join(visit.visitors or []),
                visit.people_met,
                visit.content,
                visit.policies,
                visit.problems,
                "\n".join(_follow_up_text(f) for f in sorted(follow_ups.get(visit.id, []), key=_due_key)),
                visit.place,
                visit.signed,
            ]
        )
    number = 2 if several else 1
    write_workbook(path, [SheetData(VISITS_SHEET, headers, rows, frozenset({number}))])
    return ExportResult(path, len(rows), len({(r[0], r[number]) if several else r[number] for r in rows}))


# --- helpers -----------------------------------------------------------------------------------------


def _villages(ledger: Ledger, session: Session, code: str | None, *, all_villages: bool = False) -> list[str]:
    """The village asked for by code or name; else this device's village; else (a township, or asked
    with ``all_villages``) every village of the ledger, in code order."""
    if code and all_villages:
        raise InvalidInput("--village 和 --all-villages 只能选一个")
    chosen = None if all_villages else chosen_village_ids(ledger, session, code)
    if chosen is not None:
        return chosen
    villages = session.execute(select(Village.id).where(live(Village)).order_by(Village.code, Village.id))
    found = list(villages.scalars())
    if not found:
        raise InvalidInput("本机还没有任何村的记录，没有可导出的内容")
    return found


def _households(session: Session, village_id: str, *, include_archived: bool = False) -> list[Household]:
    query = select(Household).where(Household.village_id == village_id, Household.number.is_not(None))
    if not include_archived:
        query = query.where(live(Household))
    return sorted(session.execute(query).scalars(), key=lambda h: (h.number or "", h.id))


def _live_members(session: Session, household_ids: list[str]) -> dict[str, list[Member]]:
    found: dict[str, list[Member]] = {}
    for member in _in_chunks(session, Member, Member.household_id, household_ids):
        if not member.archived:
            found.setdefault(member.household_id or "", []).append(member)
    for people in found.values():
        # as members_of orders them: the head first, then by 人编号 and age
        people.sort(
            key=lambda m: (
                m.relation not in HEAD_RELATIONS,
                m.number or "",
                m.birth_date.isoformat() if m.birth_date else "",
                m.id,
            )
        )
    return found


def _latest_incomes(session: Session, household_ids: list[str]) -> dict[str, Income]:
    latest: dict[str, Income] = {}
    for income in _in_chunks(session, Income, Income.household_id, household_ids):
        if income.archived or income.year is None:
            continue
        current = latest.get(income.household_id or "")
        if current is None or (current.year or 0) < income.year:
            latest[income.household_id or ""] = income
    return latest


def _in_chunks(session: Session, model: Any, column: Any, ids: list[str]) -> Iterable[Any]:
    for chunk in in_chunks(ids):
        yield from session.execute(select(model).where(column.in_(chunk))).scalars()


def _roster_value(
    target: tuple[str, str],
    village: Village | None,
    household: Household,
    member: Member,
    people: int,
    income_per_person: Decimal | None,
) -> Any:
    table, name = target
    if table == "village":
        return getattr(village, name) if village else None
    if table == "household":
        return getattr(household, name)
    if table == "member":
        return getattr(member, name)
    if name == "people":
        return people
    if name == "dangerous_house":
        grade = household.house_grade
        return None if grade not in HOUSE_GRADES else grade not in SAFE_HOUSE_GRADES
    return income_per_person


def _national(target: tuple[str, str], value: Any, codes: bool) -> Any:
    key = CODE_LISTS.get(target)
    if key is None or not isinstance(value, str):
        return value
    found = code_list(key).entry(value)
    if found is None:
        return value  # not expected: stored values are validated; written as stored
    return (found.code or found.value) if codes else found.value


def _follow_up_text(item: FollowUp) -> str:
    parts = [
        item.owner or "",
        f"到期 {item.due_on}" if item.due_on else "",
        "已办结" if item.done else "未办结",
    ]
    return f"{item.action or ''}（{'，'.join(p for p in parts if p)}）"


def _due_key(item: FollowUp) -> tuple[str, str]:
    return (item.due_on.isoformat() if item.due_on else "9999", item.id)
