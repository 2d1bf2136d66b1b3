"""Assistance measures (帮扶措施) and the helpers responsible for a household (帮扶责任人).

A measure: category, project, scale, implementing unit, funds, start, deadline, expected gain, result and
whether the household signed the result. A pairing: the helper's name, work unit, unit level, post,
phone, start and end. A change of helper ends the current pairing and starts a new one in one
transaction: history is never overwritten. Nothing is deleted; a record entered by mistake is archived.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import MEASURE_GROUPS, UNIT_LEVELS
from desktop.domain.errors import InvalidInput, present
from desktop.domain.fields import LABELS as FIELD_LABELS
from desktop.services.context import Ledger
from desktop.services.households.lookup import resolve_household
from desktop.services.households.record_input import (
    AmountInput,
    check_choice,
    check_day,
    check_order,
    check_phone,
    check_text,
    parse_amount,
    resolve_record,
)
from desktop.store.models import Household, Measure, Pairing
from desktop.store.queries import live
from desktop.store.writer import ChangeWriter

MEASURE_LABELS = FIELD_LABELS["measure"]  # the fields a user records
PAIRING_LABELS = FIELD_LABELS["pairing"]
# 扶贫小额信贷: at most 50,000 yuan for at most three years (DOMAIN §5)
MICROCREDIT_MAX = Decimal(50000)
MICROCREDIT_YEARS = 3


@dataclass(frozen=True)
class MeasureRecord:
    id: str
    household_id: str
    group_name: str | None
    project: str | None
    scale: str | None
    unit: str | None
    funds: Decimal | None
    start_on: dt.date | None
    deadline: dt.date | None
    expected_gain: Decimal | None
    result: str | None
    result_signed: bool | None
    archived: bool
    archive_reason: str | None


@dataclass(frozen=True)
class PairingRecord:
    id: str
    household_id: str
    helper_name: str | None
    work_unit: str | None
    unit_level: str | None
    post: str | None
    phone: str | None
    start_on: dt.date | None
    end_on: dt.date | None
    archived: bool
    archive_reason: str | None

    @property
    def current(self) -> bool:
        """Still responsible for the household (no end recorded)."""
        return self.end_on is None and not self.archived


@dataclass(frozen=True)
class HelperChange:
    ended: PairingRecord  # the previous helper's pairing, now with its end date
    started: PairingRecord  # the new helper's pairing


# --- measures -------------------------------------------------------------------------------------------


def add_measure(
    ledger: Ledger,
    *,
    household: str,
    group_name: str,
    project: str,
    scale: str | None = None,
    unit: str | None = None,
    funds: AmountInput = None,
    start_on: dt.date | None = None,
    deadline: dt.date | None = None,
    expected_gain: AmountInput = None,
    result: str | None = None,
    result_signed: bool | None = None,
) -> MeasureRecord:
    fields = _checked_measure(
        {
            "group_name": group_name,
            "project": project,
            "scale": scale,
            "unit": unit,
            "funds": funds,
            "start_on": start_on,
            "deadline": deadline,
            "expected_gain": expected_gain,
            "result": result,
            "result_signed": result_signed,
        },
        ledger.today(),
    )
    with ledger.store.session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        _refuse_archived(target)
        record_id = ChangeWriter(session).create(Measure, {**fields, "household_id": target.id})
        return _measure(_get(session, Measure, record_id))


def edit_measure(ledger: Ledger, *, measure: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change fields of a measure (``None`` clears one); returns the fields that really changed."""
    return _edit(ledger, Measure, measure, "帮扶措施", MEASURE_LABELS, _checked_measure, changes)


def archive_measure(ledger: Ledger, *, measure: str, reason: str) -> MeasureRecord:
    """Take a measure off the household's list (entered by mistake, cancelled). The log keeps it."""
    reason = check_text(reason, "撤销原因", required=True, limit=200) or ""
    with ledger.store.session() as session:
        row = resolve_record(session, Measure, measure, "帮扶措施")
        if row.archived:
            raise InvalidInput(f"这条帮扶措施（{row.project or ''}）已经撤销")
        ChangeWriter(session).update(Measure, row.id, {"archived": True, "archive_reason": reason})
        return _measure(row)


def restore_measure(ledger: Ledger, *, measure: str) -> MeasureRecord:
    """Bring an archived measure back (undoing 撤销)."""
    with ledger.store.session() as session:
        row = resolve_record(session, Measure, measure, "帮扶措施")
        ChangeWriter(session).update(Measure, row.id, {"archived": None, "archive_reason": None})
        return _measure(row)


def measures_of(ledger: Ledger, *, household: str, include_archived: bool = False) -> list[MeasureRecord]:
    with ledger.store.read_session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        rows = _children(session, Measure, target.id, Measure.start_on, include_archived)
        return [_measure(row) for row in rows]


# --- helpers (pairings) ---------------------------------------------------------------------------------


def add_pairing(
    ledger: Ledger,
    *,
    household: str,
    helper_name: str,
    work_unit: str | None = None,
    unit_level: str | None = None,
    post: str | None = None,
    phone: str | None = None,
    start_on: dt.date | None = None,
    end_on: dt.date | None = None,
) -> PairingRecord:
    """A helper responsible for the household from ``start_on`` (default today). ``end_on`` records a
    pairing that has already ended (entering history)."""
    fields = _checked_pairing(
        {
            "helper_name": helper_name,
            "work_unit": work_unit,
            "unit_level": unit_level,
            "post": post,
            "phone": phone,
            "start_on": start_on or ledger.today(),
            "end_on": end_on,
        },
        ledger.today(),
    )
    with ledger.store.session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        _refuse_archived(target)
        if fields.get("end_on") is None:
            _refuse_second_pairing(session, target.id, fields["helper_name"])
        record_id = ChangeWriter(session).create(Pairing, {**fields, "household_id": target.id})
        return _pairing(_get(session, Pairing, record_id))


def end_pairing(ledger: Ledger, *, pairing: str, end_on: dt.date | None = None) -> PairingRecord:
    """The helper is no longer responsible from ``end_on`` (default today); the pairing stays on record."""
    end_on = check_day(end_on or ledger.today(), PAIRING_LABELS["end_on"], today=ledger.today(), future=False)
    with ledger.store.session() as session:
        row = resolve_record(session, Pairing, pairing, "帮扶责任人记录")
        if row.archived:
            raise InvalidInput(f"{row.helper_name or ''} 的这条帮扶记录已经撤销")
        if row.end_on is not None:
            raise InvalidInput(f"{row.helper_name or ''} 的帮扶已于 {row.end_on} 结束")
        check_order(row.start_on, end_on, PAIRING_LABELS["start_on"], PAIRING_LABELS["end_on"])
        ChangeWriter(session).update(Pairing, row.id, {"end_on": end_on})
        return _pairing(row)


def change_helper(
    ledger: Ledger,
    *,
    household: str,
    helper_name: str,
    work_unit: str | None = None,
    unit_level: str | None = None,
    post: str | None = None,
    phone: str | None = None,
    on: dt.date | None = None,
    replaces: str | None = None,
) -> HelperChange:
    """A new helper from ``on`` (default today): the current pairing ends the day before (the same day if
    it began that day) and a new one starts, in one transaction. ``replaces`` (the pairing's number or
    the helper's name) says which one when the household has more than one current helper."""
    today = ledger.today()
    on = on or today
    fields = _checked_pairing(
        {
            "helper_name": helper_name,
            "work_unit": work_unit,
            "unit_level": unit_level,
            "post": post,
            "phone": phone,
            "start_on": on,
            "end_on": None,
        },
        today,
    )
    with ledger.store.session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        _refuse_archived(target)
        old = _current_pairing(session, target, replaces)
        if (old.helper_name or "") == fields["helper_name"]:
            raise InvalidInput(f"{fields['helper_name']} 已是该户的帮扶责任人，无需更换")
        if old.start_on is not None and on < old.start_on:
            raise InvalidInput(f"更换日期 {on} 早于 {old.helper_name or ''} 开始帮扶的日期 {old.start_on}")
        ended_on = max(on - dt.timedelta(days=1), old.start_on) if old.start_on else on - dt.timedelta(days=1)
        writer = ChangeWriter(session)
        writer.update(Pairing, old.id, {"end_on": ended_on})
        _refuse_second_pairing(session, target.id, fields["helper_name"])
        new_id = writer.create(Pairing, {**fields, "household_id": target.id})
        return HelperChange(_pairing(old), _pairing(_get(session, Pairing, new_id)))


def revert_helper_change(ledger: Ledger, *, change: HelperChange) -> None:
    """Undo :func:`change_helper` in one transaction: the new pairing is archived, the old one current
    again. Both stay in the change log."""
    with ledger.store.session() as session:
        writer = ChangeWriter(session)
        writer.update(Pairing, change.started.id, {"archived": True, "archive_reason": "撤销更换帮扶责任人"})
        writer.update(Pairing, change.ended.id, {"end_on": None})


def edit_pairing(ledger: Ledger, *, pairing: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Correct a pairing's fields (a mistyped phone, a date); ``None`` clears one."""
    return _edit(ledger, Pairing, pairing, "帮扶责任人记录", PAIRING_LABELS, _checked_pairing, changes)


def archive_pairing(ledger: Ledger, *, pairing: str, reason: str) -> PairingRecord:
    """Take a pairing entered by mistake off the list (a helper who left is *ended*, not archived)."""
    reason = check_text(reason, "撤销原因", required=True, limit=200) or ""
    with ledger.store.session() as session:
        row = resolve_record(session, Pairing, pairing, "帮扶责任人记录")
        ChangeWriter(session).update(Pairing, row.id, {"archived": True, "archive_reason": reason})
        return _pairing(row)


def restore_pairing(ledger: Ledger, *, pairing: str) -> PairingRecord:
    with ledger.store.session() as session:
        row = resolve_record(session, Pairing, pairing, "帮扶责任人记录")
        ChangeWriter(session).update(Pairing, row.id, {"archived": None, "archive_reason": None})
        return _pairing(row)


def pairings_of(ledger: Ledger, *, household: str, include_archived: bool = False) -> list[PairingRecord]:
    """A household's helpers, past and present, in the order they began."""
    with ledger.store.read_session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        rows = _children(session, Pairing, target.id, Pairing.start_on, include_archived)
        return [_pairing(row) for row in rows]


# --- checks ---------------------------------------------------------------------------------------------


def _edit(
    ledger: Ledger,
    model: Any,
    ref: str,
    what: str,
    labels: Mapping[str, str],
    check: Callable[[dict[str, Any], dt.date], dict[str, Any]],
    changes: Mapping[str, Any],
) -> dict[str, Any]:
    """The changed fields checked together with the record's others (dates in order …), then written."""
    unknown = [name for name in changes if name not in labels]
    if unknown:
        raise InvalidInput(f"{what}没有可修改的字段“{'、'.join(unknown)}”")
    with ledger.store.session() as session:
        row = resolve_record(session, model, ref, what)
        current = {name: getattr(row, name) for name in labels}
        checked = check({**current, **changes}, ledger.today())
        return ChangeWriter(session).update(model, row.id, {name: checked[name] for name in changes})


def _checked_measure(fields: dict[str, Any], today: dt.date) -> dict[str, Any]:
    label = MEASURE_LABELS
    result: dict[str, Any] = {
        "group_name": check_choice(fields.get("group_name"), label["group_name"], MEASURE_GROUPS),
        "project": check_text(fields.get("project"), label["project"], required=True, limit=200),
        "scale": check_text(fields.get("scale"), label["scale"], limit=64),
        "unit": check_text(fields.get("unit"), label["unit"], limit=64),
        "funds": parse_amount(fields.get("funds"), label["funds"]),
        "start_on": check_day(fields.get("start_on"), label["start_on"], today=today, future=True),
        "deadline": check_day(fields.get("deadline"), label["deadline"], today=today, future=True),
        "expected_gain": parse_amount(fields.get("expected_gain"), label["expected_gain"]),
        "result": check_text(fields.get("result"), label["result"], limit=500),
        "result_signed": fields.get("result_signed"),
    }
    if result["group_name"] is None:
        raise InvalidInput(f"请选择{label['group_name']}：{'、'.join(MEASURE_GROUPS)}")
    check_order(result["start_on"], result["deadline"], label["start_on"], label["deadline"])
    if result["result_signed"] and not result["result"]:
        raise InvalidInput("户主签字确认的是帮扶成效：请先填写帮扶成效")
    if result["group_name"] == "金融" and "小额信贷" in (result["project"] or ""):
        if result["funds"] is not None and result["funds"] > MICROCREDIT_MAX:
            raise InvalidInput(f"扶贫小额信贷每户不超过 5 万元，而填的是 {result['funds'].normalize():f} 元")
        start, end = result["start_on"], result["deadline"]
        if start is not None and end is not None and end > _years_after(start, MICROCREDIT_YEARS):
            raise InvalidInput(f"扶贫小额信贷期限不超过 {MICROCREDIT_YEARS} 年（{start} 起，至 {end}）")
    return result


def _checked_pairing(fields: dict[str, Any], today: dt.date) -> dict[str, Any]:
    label = PAIRING_LABELS
    result: dict[str, Any] = {
        "helper_name": check_text(fields.get("helper_name"), label["helper_name"], required=True, limit=64),
        "work_unit": check_text(fields.get("work_unit"), label["work_unit"], limit=64),
        "unit_level": check_choice(fields.get("unit_level"), label["unit_level"], UNIT_LEVELS),
        "post": check_text(fields.get("post"), label["post"], limit=64),
        "phone": check_phone(fields.get("phone"), label["phone"]),
        "start_on": check_day(fields.get("start_on"), label["start_on"], today=today, future=False),
        "end_on": check_day(fields.get("end_on"), label["end_on"], today=today, future=False),
    }
    check_order(result["start_on"], result["end_on"], label["start_on"], label["end_on"])
    return result


def _refuse_archived(household: Household) -> None:
    if household.archived:
        raise InvalidInput(f"农户 {household.number} 已注销，不能再添加帮扶记录")


def _refuse_second_pairing(session: Session, household_id: str, helper_name: str) -> None:
    for row in _children(session, Pairing, household_id, Pairing.start_on, False):
        if row.end_on is None and row.helper_name == helper_name:
            since = f"（自 {row.start_on} 起）" if row.start_on else ""
            raise InvalidInput(f"{helper_name} 已是该户的帮扶责任人{since}")


def _current_pairing(session: Session, household: Household, replaces: str | None) -> Pairing:
    current = [
        row
        for row in _children(session, Pairing, household.id, Pairing.start_on, False)
        if row.end_on is None
    ]
    if replaces is not None and replaces.strip():
        wanted = replaces.strip()
        named = [row for row in current if row.helper_name == wanted]
        if len(named) == 1:
            return named[0]
        row = resolve_record(session, Pairing, wanted, "帮扶责任人记录")
        if row.household_id != household.id or row.id not in {r.id for r in current}:
            raise InvalidInput(f"{wanted} 不是户 {household.number} 当前的帮扶责任人")
        return row
    if not current:
        raise InvalidInput(f"户 {household.number} 目前没有帮扶责任人，请直接添加")
    if len(current) > 1:
        names = "、".join(row.helper_name or "" for row in current)
        raise InvalidInput(
            f"户 {household.number} 有 {len(current)} 名帮扶责任人（{names}），请指明更换哪一位"
        )
    return current[0]


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- records to values ----------------------------------------------------------------------------------


def _children(
    session: Session, model: Any, household_id: str, order: Any, include_archived: bool
) -> list[Any]:
    query = select(model).where(model.household_id == household_id)
    if not include_archived:
        query = query.where(live(model))
    return list(session.execute(query.order_by(order, model.id)).scalars())


def _get(session: Session, model: Any, record_id: str) -> Any:
    session.flush()
    return present(session.get(model, record_id), f"{model.__tablename__} {record_id}")


def _measure(row: Measure) -> MeasureRecord:
    return MeasureRecord(
        id=row.id,
        household_id=row.household_id or "",
        archived=bool(row.archived),
        archive_reason=row.archive_reason,
        **{name: getattr(row, name) for name in MEASURE_LABELS},
    )


def _pairing(row: Pairing) -> PairingRecord:
    return PairingRecord(
        id=row.id,
        household_id=row.household_id or "",
        archived=bool(row.archived),
        archive_reason=row.archive_reason,
        **{name: getattr(row, name) for name in PAIRING_LABELS},
    )
