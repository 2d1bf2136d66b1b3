"""``check``: the integrity of the store and the log, data-quality problems, and checklist gaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.domain.fields import TABLE_LABELS
from desktop.domain.income import net_income, per_person
from desktop.domain.quality import household_problems
from desktop.services.checklist.facts import income_figures, member_facts
from desktop.services.checklist.verdicts import HouseholdChecklist, village_checklists
from desktop.services.context import Ledger, judged_as_of
from desktop.store.base import synced_models
from desktop.store.models import Household, Income, Member, Operation, OpLink
from desktop.store.oplog import GENESIS_HASH, Op, chain_hash
from desktop.store.queries import live


@dataclass(frozen=True)
class QualityProblem:
    household_number: str
    problem: str


@dataclass(frozen=True)
class CheckReport:
    integrity: list[str] = field(default_factory=list)
    quality: list[QualityProblem] = field(default_factory=list)
    checklists: list[HouseholdChecklist] = field(default_factory=list)
    judged_on: dt.date | None = None  # the day ages and verdicts were judged on

    @property
    def ok(self) -> bool:
        return not self.integrity

    def to_json(self) -> dict[str, object]:
        return {
            "judged_on": self.judged_on.isoformat() if self.judged_on else None,
            "integrity": self.integrity,
            "quality": [{"household": q.household_number, "problem": q.problem} for q in self.quality],
            "gaps": [
                {
                    "household": c.number,
                    "head": c.head_name,
                    "gaps": {
                        d.value: {"status": v.status.value, "reasons": list(v.reasons)}
                        for d, v in c.gaps.items()
                    },
                }
                for c in self.checklists
                if c.gaps
            ],
        }


def run_check(ledger: Ledger, *, as_of: dt.date | None = None) -> CheckReport:
    """Integrity, data quality and the checklist gaps, ages and verdicts judged on ``as_of``."""
    ledger = judged_as_of(ledger, as_of)
    village_id = ledger.current_village_id()
    with ledger.store.read_session() as session:
        integrity = _database_integrity(session) + _chain_problems(session) + _missing_records(session)
        integrity += _duplicate_id_numbers(session, village_id)
        quality = _quality(session, ledger, village_id)
    return CheckReport(integrity, quality, village_checklists(ledger), ledger.judged_on())


def _database_integrity(session: Session) -> list[str]:
    if session.get_bind().dialect.name != "sqlite":
        return []
    result = session.execute(text("PRAGMA quick_check")).scalars().all()
    return (
        []
        if result == ["ok"]
        else [f"数据库文件损坏：{len(result)} 处问题，首处：{result[0].splitlines()[-1]}"]
    )


def _chain_problems(session: Session) -> list[str]:
    """Each origin's chain, over operations and the content-free links of other villages' operations."""
    entries: list[tuple[str, int, str, str, bool]] = []  # origin, seq, prev_hash, hash, content intact
    for row in session.execute(select(Operation)).scalars():
        op = Op.from_row(row)
        entries.append((op.origin, op.seq, op.prev_hash, op.hash, op.verify_hash()))
    for link in session.execute(select(OpLink)).scalars():
        entries.append(
            (
                link.origin,
                link.seq,
                link.prev_hash,
                link.hash,
                chain_hash(link.prev_hash, link.body_digest) == link.hash,
            )
        )
    entries.sort(key=lambda e: (e[0], e[1]))
    problems: list[str] = []
    previous: tuple[str, int, str, str, bool] | None = None
    for entry in entries:
        origin, seq, prev_hash, _, intact = entry
        short = origin[-8:]
        if not intact:
            problems.append(f"设备 {short} 的第 {seq} 条变更记录内容与其校验值不符（可能被改动）")
        if previous is None or previous[0] != origin:
            if seq == 1 and prev_hash != GENESIS_HASH:
                problems.append(f"设备 {short} 的第 1 条变更记录链头不正确")
            elif seq > 1:
                problems.append(f"缺少设备 {short} 的第 1–{seq - 1} 条变更记录")
        elif seq != previous[1] + 1:
            problems.append(f"缺少设备 {short} 的第 {previous[1] + 1}–{seq - 1} 条变更记录")
        elif prev_hash != previous[3]:
            problems.append(f"设备 {short} 的第 {seq} 条变更记录与上一条接不上（链断裂）")
        previous = entry
    return problems


def _missing_records(session: Session) -> list[str]:
    """Records held only as a place for a parent whose creating operation has not arrived."""
    problems = []
    logged = select(Operation.record_id)
    for table_name, model in synced_models().items():
        ids = session.execute(select(model.id).where(model.id.not_in(logged))).scalars().all()
        for record_id in ids:
            problems.append(f"{TABLE_LABELS.get(table_name, table_name)}记录 {record_id} 被引用，但尚未收到")
    return problems


def _duplicate_id_numbers(session: Session, village_id: str | None) -> list[str]:
    current = live(Member)
    query = (
        select(Member.id_number, func.count())
        .join(Household, Household.id == Member.household_id)
        .where(current, Member.id_number.is_not(None))
        .group_by(Member.id_number)
        .having(func.count() > 1)
    )
    if village_id is not None:
        query = query.where(Household.village_id == village_id)
    return [f"证件号码 {number} 登记在 {count} 名成员名下" for number, count in session.execute(query)]


def _quality(session: Session, ledger: Ledger, village_id: str | None) -> list[QualityProblem]:
    query = select(Household).where(
        Household.number.is_not(None), live(Household)
    )
    if village_id is not None:
        query = query.where(Household.village_id == village_id)
    households = sorted(session.execute(query).scalars(), key=lambda h: h.number or "")
    members: dict[str, list[Member]] = {}
    household_ids = select(Household.id).where(Household.village_id == village_id) if village_id else None
    member_query = (
        select(Member)
        if household_ids is None
        else select(Member).where(Member.household_id.in_(household_ids))
    )
    for member in session.execute(member_query).scalars():
        members.setdefault(member.household_id or "", []).append(member)
    latest: dict[str, Income] = {}
    income_query = select(Income).where(
        Income.year.is_not(None), live(Income)
    )
    if household_ids is not None:
        income_query = income_query.where(Income.household_id.in_(household_ids))
    for income in session.execute(income_query).scalars():
        key = income.household_id or ""
        if key not in latest or (income.year or 0) > (latest[key].year or 0):
            latest[key] = income
    result = []
    for household in households:
        facts = [member_facts(m) for m in members.get(household.id, [])]
        latest_income = latest.get(household.id)
        figures = income_figures(latest_income) if latest_income else None
        current = sum(1 for f in facts if not f.archived)
        per = per_person(net_income(figures), current) if figures else None
        for problem in household_problems(
            household.category,
            facts,
            figures,
            per,
            household.farmland_mu,
            household.forest_mu,
            ledger.judged_on(),
        ):
            result.append(QualityProblem(household.number or "", problem))
    return result
