"""防返贫 monitoring records: list them with what is wrong or late, start one, record its dated steps,
and eliminate the risk (or take that back).

Identification runs clue → 入户核实 → 数据比对 → 民主评议 → 公示 (5–7 days) → 乡镇审核 → 县级审批, in
≤ 15 days from the first clue. Steps out of order or in the future are refused; a slow step or a short
notice is only pointed out, because the dates already happened and the ledger must tell the truth.
Risk elimination needs income at or above the monitoring line, and 两不愁三保障 + 饮水安全 all met;
a household with no labour capacity (兜底保障) stays monitored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import MONITORING_CATEGORIES, Status
from desktop.domain.errors import InvalidInput, NotFound
from desktop.domain.income import net_income, per_person
from desktop.domain.monitoring import monitoring_income_check, risk_types_problems
from desktop.services.checklist.facts import income_figures, member_facts
from desktop.services.checklist.verdicts import checklists
from desktop.services.context import Ledger, with_policy_settings
from desktop.services.households.labels import household_labels
from desktop.services.households.lookup import members_of, resolve_household
from desktop.store.models import Household, Income, Monitoring, Village
from desktop.store.queries import live
from desktop.store.writer import ChangeWriter

CLUE_SOURCES: tuple[str, ...] = ("自主申报", "干部走访", "部门预警")
# the identification steps, in the order they must happen
STEPS: tuple[tuple[str, str], ...] = (
    ("clue_on", "发现线索"),
    ("home_check_on", "入户核实"),
    ("cross_check_on", "数据比对"),
    ("review_on", "民主评议"),
    ("notice_from", "公示开始"),
    ("notice_to", "公示结束"),
    ("township_review_on", "乡镇审核"),
    ("identified_on", "县级审批认定"),
)
LABELS: dict[str, str] = {
    "category": "监测类型",
    "risk_types": "风险类型",
    "clue_source": "线索来源",
    "measures": "帮扶措施",
    "safety_net": "兜底保障",
    "eliminated_on": "风险消除日期",
    "elimination_note": "风险消除说明",
    **dict(STEPS),
}
EDITABLE = frozenset(LABELS) - {"eliminated_on", "elimination_note"}
MAX_DAYS_TO_IDENTIFY = 15
NOTICE_DAYS = (5, 7)

IDENTIFYING, MONITORED, ELIMINATED = "认定中", "监测中", "风险已消除"


@dataclass(frozen=True)
class MonitoringRow:
    id: str
    household_id: str
    number: str
    head_name: str
    group_name: str
    category: str
    risk_types: tuple[str, ...]
    clue_source: str
    steps: dict[str, dt.date | None]  # STEPS order
    measures: str
    safety_net: bool
    eliminated_on: dt.date | None
    elimination_note: str
    notes: tuple[str, ...]  # what is late, missing or doubtful, one sentence each

    @property
    def status(self) -> str:
        if self.eliminated_on is not None:
            return ELIMINATED
        return MONITORED if self.steps.get("identified_on") else IDENTIFYING


# --- reading -----------------------------------------------------------------------------------------


def list_monitoring(
    ledger: Ledger, *, village_id: str | None = None, all_villages: bool = False
) -> list[MonitoringRow]:
    """Monitoring records of the current village (or ``village_id``, or all), by 户编号."""
    if village_id is None and not all_villages:
        village_id = ledger.current_village_id()
    query = select(Monitoring).where(live(Monitoring), Monitoring.household_id.is_not(None))
    if village_id is not None:
        query = query.where(
            Monitoring.household_id.in_(select(Household.id).where(Household.village_id == village_id))
        )
    with ledger.store.read_session() as session:
        records = list(session.execute(query).scalars())
        labels = household_labels(session, (r.household_id or "" for r in records))
        rows = [_row(r, labels, _step_notes(r, ledger.today())) for r in records]
    return sorted(rows, key=lambda r: (r.number, r.steps.get("clue_on") or dt.date.min, r.id))


def monitoring_record(ledger: Ledger, monitoring_id: str) -> MonitoringRow:
    """One record with everything worth knowing before acting on it: step notes, risk-type problems,
    the income test and what still stands in the way of eliminating the risk."""
    with ledger.store.read_session() as session:
        record = _get(session, monitoring_id)
        labels = household_labels(session, [record.household_id or ""])
        notes = [*_step_notes(record, ledger.today()), *_risk_notes(session, record)]
        try:
            income = _income_note(session, ledger, record)
        except _NoThreshold as missing:
            income = None, str(missing)
        if income and income[0] is not True:  # below the line it is named among the obstacles
            notes.append(income[1])
        return _row(record, labels, tuple(notes))


def elimination_problems(ledger: Ledger, monitoring_id: str) -> list[str]:
    """Why the risk cannot be marked eliminated now (empty: it can)."""
    with ledger.store.read_session() as session:
        return _elimination_problems(session, ledger, _get(session, monitoring_id))


# --- writing -----------------------------------------------------------------------------------------


def start_monitoring(
    ledger: Ledger,
    *,
    household: str,
    category: str,
    risk_types: list[str],
    clue_source: str | None = None,
    clue_on: dt.date | None = None,
    measures: str | None = None,
    safety_net: bool = False,
) -> str:
    """Bring a household into monitoring (the first step: the clue); returns the new record's id."""
    fields: dict[str, Any] = {
        "category": category,
        "risk_types": list(risk_types),
        "clue_source": clue_source or None,
        "clue_on": clue_on or ledger.today(),
        "measures": (measures or "").strip() or None,
        "safety_net": bool(safety_net),
    }
    with ledger.store.session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        if target.archived:
            raise InvalidInput(f"户编号 {target.number} 已注销，不能纳入监测")
        active = session.execute(
            select(Monitoring.id).where(
                Monitoring.household_id == target.id,
                Monitoring.eliminated_on.is_(None),
                live(Monitoring),
            )
        ).first()
        if active:
            raise InvalidInput(f"户编号 {target.number} 已在监测中，请修改现有的监测记录")
        _check(session, ledger, target.id, fields)
        return ChangeWriter(session).create(Monitoring, {**fields, "household_id": target.id})


def edit_monitoring(ledger: Ledger, monitoring_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change category, risk types, clue source, measures, 兜底保障 or step dates (``None`` clears a
    date); returns the fields that really changed. The whole record is checked as it would become."""
    unknown = [name for name in changes if name not in EDITABLE]
    if unknown:
        raise InvalidInput(f"监测记录没有可在此修改的字段：{'、'.join(unknown)}")
    with ledger.store.session() as session:
        record = _get(session, monitoring_id)
        values = {name: getattr(record, name) for name in EDITABLE}
        cleaned = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in changes.items()}
        values.update(cleaned)
        _check(session, ledger, record.household_id or "", values)
        if record.eliminated_on is not None and values.get("identified_on") is None:
            raise InvalidInput("风险已消除的记录必须有县级审批认定日期")
        return ChangeWriter(session).update(Monitoring, record.id, cleaned)


def eliminate_risk(ledger: Ledger, monitoring_id: str, *, on: dt.date, note: str) -> None:
    """Mark the risk eliminated on ``on``, with the reason; refused with every obstacle named."""
    note = note.strip()
    with ledger.store.session() as session:
        record = _get(session, monitoring_id)
        problems = []
        if not note:
            problems.append("请写明风险消除的依据（例如收入情况、三保障和饮水安全情况）")
        if on > ledger.today():
            problems.append(f"风险消除日期 {on} 在今天之后")
        identified = record.identified_on
        if identified is not None and on < identified:
            problems.append(f"风险消除日期 {on} 早于认定日期 {identified}")
        problems += _elimination_problems(session, ledger, record)
        if problems:
            raise InvalidInput("不能标记风险消除：" + "；".join(problems))
        ChangeWriter(session).update(Monitoring, record.id, {"eliminated_on": on, "elimination_note": note})


def reopen_monitoring(ledger: Ledger, monitoring_id: str) -> None:
    """Take back a risk elimination: the household is monitored again (the undo of ``eliminate_risk``)."""
    with ledger.store.session() as session:
        record = _get(session, monitoring_id)
        if record.eliminated_on is None:
            raise InvalidInput("这条监测记录的风险尚未消除")
        ChangeWriter(session).update(Monitoring, record.id, {"eliminated_on": None, "elimination_note": None})


def withdraw_monitoring(ledger: Ledger, monitoring_id: str, reason: str = "撤销纳入监测") -> None:
    """Archive a record entered by mistake (the undo of ``start_monitoring``); nothing is deleted."""
    with ledger.store.session() as session:
        record = _get(session, monitoring_id)
        ChangeWriter(session).update(Monitoring, record.id, {"archived": True, "archive_reason": reason})


# --- rules -------------------------------------------------------------------------------------------


def _check(session: Session, ledger: Ledger, household_id: str, values: Mapping[str, Any]) -> None:
    problems: list[str] = []
    category = values.get("category")
    if not category:
        problems.append("请选择监测类型")
    elif category not in MONITORING_CATEGORIES:
        problems.append(f"监测类型不能是“{category}”，可选：{'、'.join(MONITORING_CATEGORIES)}")
    risks = list(values.get("risk_types") or [])
    if not risks:
        problems.append("请至少选择一项风险类型")
    members = [member_facts(m) for m in members_of(session, household_id)]
    problems += risk_types_problems(risks, members)
    source = values.get("clue_source")
    if source and source not in CLUE_SOURCES:
        problems.append(f"线索来源不能是“{source}”，可选：{'、'.join(CLUE_SOURCES)}")
    today = ledger.today()
    previous: tuple[str, dt.date] | None = None
    for name, text in STEPS:
        day = values.get(name)
        if day is None:
            continue
        if not isinstance(day, dt.date):
            raise TypeError(f"{name} must be a date")
        if day > today:
            problems.append(f"{text}日期 {day} 在今天之后")
        if previous is not None and day < previous[1]:
            problems.append(f"{text}日期 {day} 早于{previous[0]}日期 {previous[1]}")
        previous = (text, day)
    if values.get("notice_to") and not values.get("notice_from"):
        problems.append("填了公示结束日期，请同时填写公示开始日期")
    if problems:
        raise InvalidInput("；".join(problems))


def _step_notes(record: Monitoring, today: dt.date) -> tuple[str, ...]:
    notes = []
    clue, identified = record.clue_on, record.identified_on
    if clue is not None:
        last = identified or today
        days = (last - clue).days
        if days > MAX_DAYS_TO_IDENTIFY:
            done = "认定" if identified else "至今未完成认定"
            notes.append(f"从发现线索到{done}用了 {days} 天，超过 {MAX_DAYS_TO_IDENTIFY} 天")
    if identified is not None:
        missing = [text for name, text in STEPS if getattr(record, name) is None]
        if missing:
            notes.append(f"已认定，但未记录：{'、'.join(missing)}")
    if record.notice_from is not None and record.notice_to is not None:
        days = (record.notice_to - record.notice_from).days + 1
        low, high = NOTICE_DAYS
        if not low <= days <= high:
            notes.append(f"公示 {days} 天，应为 {low}–{high} 天")
    return tuple(notes)


def _risk_notes(session: Session, record: Monitoring) -> list[str]:
    members = [member_facts(m) for m in members_of(session, record.household_id or "")]
    return risk_types_problems(list(record.risk_types or []), members)


def _income_note(session: Session, ledger: Ledger, record: Monitoring) -> tuple[bool | None, str] | None:
    """(below the monitoring line?, the sentence) for the latest year of income, or None without one."""
    household = session.get(Household, record.household_id)
    if household is None:
        return None
    latest = session.execute(
        select(Income)
        .where(
            Income.household_id == household.id,
            Income.year.is_not(None),
            live(Income),
        )
        .order_by(Income.year.desc())
        .limit(1)
    ).scalar_one_or_none()
    if latest is None or latest.year is None:
        return None, "尚未录入收入，无法与监测标准比较"
    village = session.get(Village, household.village_id) if household.village_id else None
    size = len(members_of(session, household.id))
    figure: Decimal | None = per_person(net_income(income_figures(latest)), size)
    try:
        check = monitoring_income_check(
            figure, latest.year, village.province if village else None, with_policy_settings(ledger).policy
        )
    except InvalidInput as error:  # no 监测范围 for that year (yet): the township sets it
        raise _NoThreshold(error.message) from None
    return check.below_threshold, f"{latest.year} 年{check.reason}"


class _NoThreshold(Exception):
    """No monitoring threshold for the year: income cannot show the risk is gone."""


def _elimination_problems(session: Session, ledger: Ledger, record: Monitoring) -> list[str]:
    problems = []
    if record.eliminated_on is not None:
        problems.append(f"该户的风险已于 {record.eliminated_on} 消除")
    if record.identified_on is None:
        problems.append("尚未完成认定（没有县级审批认定日期）")
    if record.safety_net:
        problems.append("该户无劳动能力、实行兜底保障，应继续监测")
    try:
        income = _income_note(session, ledger, record)
    except _NoThreshold as missing:
        problems.append(str(missing))
    else:
        if income is not None and income[0] is True:
            problems.append(income[1])
    household = session.get(Household, record.household_id)
    if household is not None:
        (checklist,) = checklists(session, ledger, [household])
        open_ = [
            f"{dimension.value}{verdict.status.label}"
            for dimension, verdict in checklist.verdicts.items()
            if verdict.status is not Status.MET
        ]
        if open_:
            problems.append(f"两不愁三保障和饮水安全尚未全部达标（{'、'.join(open_)}）")
    return problems


def _get(session: Session, monitoring_id: str) -> Monitoring:
    record = session.get(Monitoring, monitoring_id)
    if record is None or record.archived or record.household_id is None:
        raise NotFound("没有找到这条监测记录")
    return record


def _row(record: Monitoring, labels: Mapping[str, Any], notes: tuple[str, ...]) -> MonitoringRow:
    label = labels.get(record.household_id or "")
    return MonitoringRow(
        id=record.id,
        household_id=record.household_id or "",
        number=label.number if label else "",
        head_name=label.head_name if label else "",
        group_name=label.group_name if label else "",
        category=record.category or "",
        risk_types=tuple(record.risk_types or ()),
        clue_source=record.clue_source or "",
        steps={name: getattr(record, name) for name, _ in STEPS},
        measures=record.measures or "",
        safety_net=bool(record.safety_net),
        eliminated_on=record.eliminated_on,
        elimination_note=record.elimination_note or "",
        notes=notes,
    )
