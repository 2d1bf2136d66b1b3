"""``check``: the integrity of the store and the log, data-quality problems, and checklist gaps."""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.domain.checklist import MemberFacts
from desktop.domain.enums import HEAD_RELATIONS
from desktop.domain.errors import InvalidInput
from desktop.domain.fields import TABLE_LABELS
from desktop.domain.income import net_income, per_person
from desktop.domain.quality import household_problems
from desktop.services.checklist.facts import income_figures
from desktop.services.checklist.verdicts import HouseholdChecklist, village_checklists
from desktop.services.context import Ledger, judged_as_of
from desktop.services.village.info import village_in
from desktop.store.base import synced_models, table_of
from desktop.store.models import Household, Income, Member, Operation, OpLink, Village
from desktop.store.oplog import GENESIS_HASH, chain_hash, stored_hash
from desktop.store.queries import in_chunks, live
from desktop.store.writer import ChangeWriter


@dataclass(frozen=True)
class QualityProblem:
    household_number: str
    problem: str
    village: str = ""  # the village's name where several villages are checked together (a township)


@dataclass(frozen=True)
class Unplaced:
    """A household that belongs to no village: it counts on no village's page and travels in no bundle."""

    household_id: str
    number: str
    head_name: str


@dataclass(frozen=True)
class CheckReport:
    integrity: list[str] = field(default_factory=list)
    quality: list[QualityProblem] = field(default_factory=list)
    checklists: list[HouseholdChecklist] = field(default_factory=list)
    judged_on: dt.date | None = None  # the day ages and verdicts were judged on
    unplaced: list[Unplaced] = field(default_factory=list)
    # household id -> its village's name, filled where several villages are checked together
    village_of: dict[str, str] = field(default_factory=dict)
    households: int | None = None  # how many were judged (``checklists`` holds those with a gap); None: all

    @property
    def judged(self) -> int:
        return len(self.checklists) if self.households is None else self.households

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.unplaced

    def village(self, household_id: str) -> str:
        return self.village_of.get(household_id, "")

    def to_json(self) -> dict[str, object]:
        return {
            "judged_on": self.judged_on.isoformat() if self.judged_on else None,
            "integrity": self.integrity,
            "quality": [
                {"household": q.household_number, "village": q.village, "problem": q.problem}
                for q in self.quality
            ],
            "without_village": [
                {"id": u.household_id, "household": u.number, "head": u.head_name} for u in self.unplaced
            ],
            "gaps": [
                {
                    "household": c.number,
                    "village": self.village(c.household_id),
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
        village_of = {} if village_id else _village_names(session)
        quality = _quality(session, ledger, village_id, village_of)
        unplaced = _unplaced(session)
        in_view = [Household.number.is_not(None), live(Household)]
        if village_id is not None:
            in_view.append(Household.village_id == village_id)
        households = session.scalar(select(func.count()).select_from(Household).where(*in_view)) or 0
    gaps = village_checklists(ledger, only_gaps=True)  # a county's households, read in one pass
    return CheckReport(integrity, quality, gaps, ledger.judged_on(), unplaced, village_of, households)


def _village_names(session: Session) -> dict[str, str]:
    """Every live household's village name (a township checks all its villages at once)."""
    names = {v.id: v.name or v.code or "" for v in session.execute(select(Village)).scalars()}
    return {
        household_id: names.get(village_id or "", "（未归村）")
        for household_id, village_id in session.execute(
            select(Household.id, Household.village_id).where(Household.number.is_not(None), live(Household))
        )
    }


def _unplaced(session: Session) -> list[Unplaced]:
    """Live households with a 户编号 and no village (or one whose record is not held)."""
    villages = select(Village.id)
    found = session.execute(
        select(Household.id, Household.number).where(
            Household.number.is_not(None),
            live(Household),
            (Household.village_id.is_(None)) | Household.village_id.not_in(villages),
        )
    ).all()
    heads = _head_names(session, [h.id for h in found])
    return sorted(
        (Unplaced(h.id, h.number or "", heads.get(h.id, "")) for h in found),
        key=lambda u: (u.number, u.household_id),
    )


def _head_names(session: Session, household_ids: list[str]) -> dict[str, str]:
    if not household_ids:
        return {}
    rows = session.execute(
        select(Member.household_id, Member.name).where(
            Member.household_id.in_(household_ids), Member.relation.in_(sorted(HEAD_RELATIONS)), live(Member)
        )
    )
    return {household_id or "": name or "" for household_id, name in rows}


@dataclass(frozen=True)
class RepairResult:
    village_name: str
    numbers: list[str]


def repair_village(ledger: Ledger, village: str) -> RepairResult:
    """Every household of no village joins ``village`` (村代码 or name): ordinary edits in the change
    log, so the next bundle to the village carries them."""
    with ledger.store.session() as session:
        target = village_in(session, village)
        own = ledger.current_village_id()
        if own is not None and target.id != own:
            raise InvalidInput("这台设备只管本村的农户，只能归入本村，未做任何改动")
        unplaced = _unplaced(session)
        writer = ChangeWriter(session)
        for household in unplaced:
            clash = session.execute(
                select(Household.id).where(
                    Household.village_id == target.id,
                    Household.number == household.number,
                    Household.id != household.household_id,
                )
            ).first()
            if clash:
                raise InvalidInput(
                    f"{target.name or target.code}已有户编号 {household.number} 的农户，不能把未归村的同号农户归入"
                    "（先改其中一户的户编号），未做任何改动"
                )
            writer.update(Household, household.household_id, {"village_id": target.id})
        return RepairResult(target.name or target.code or "", [u.number for u in unplaced])


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
    """Each origin's chain, over operations and the content-free links of other villages' operations.
    One origin at a time, its entries streamed in seq order (operations before a link of the same seq):
    a county's millions of operations are never in memory at once."""
    origins = sorted(
        set(session.execute(select(Operation.origin).distinct()).scalars())
        | set(session.execute(select(OpLink.origin).distinct()).scalars())
    )
    problems: list[str] = []
    for origin in origins:
        problems += _chain_of(session, origin)
    return problems


def _chain_of(session: Session, origin: str) -> list[str]:
    c = table_of(Operation).c
    ops = session.execute(
        select(c.seq, c.hlc, c.author, c.table_name, c.record_id, c.fields, c.base, c.prev_hash, c.hash)
        .where(c.origin == origin)
        .order_by(c.seq)
        .execution_options(yield_per=5_000)
    )
    # each row's hash recomputed from its stored columns (no Op built, its fields not decoded)
    held_ops = (
        (seq, prev, held, stored_hash(origin, seq, hlc, author, table, record, fields, base, prev) == held)
        for seq, hlc, author, table, record, fields, base, prev, held in ops
    )
    return walk_chain(origin, held_ops, link_entries(session, origin))


ChainEntry = tuple[int, str, str, bool]  # seq, prev_hash, hash, whether the content matches its hash


def link_entries(session: Session, origin: str) -> Iterator[ChainEntry]:
    """The content-free links of ``origin``'s chain in seq order, each checked against its own hash."""
    links = table_of(OpLink)
    chained = session.execute(
        select(links).where(links.c.origin == origin).order_by(links.c.seq).execution_options(yield_per=5_000)
    )
    return (
        (link.seq, link.prev_hash, link.hash, chain_hash(link.prev_hash, link.body_digest) == link.hash)
        for link in chained
    )


def walk_chain(origin: str, held_ops: Iterable[ChainEntry], held_links: Iterable[ChainEntry]) -> list[str]:
    """The problems of one origin's chain, its operations and links merged in seq order (an operation
    before a link of the same seq): a changed entry, a wrong head, a gap, a break."""
    problems: list[str] = []
    short = origin[-8:]
    previous: ChainEntry | None = None
    for entry in heapq.merge(held_ops, held_links, key=lambda e: e[0]):
        seq, prev_hash, _, intact = entry
        if not intact:
            problems.append(f"设备 {short} 的第 {seq} 条变更记录内容与其校验值不符（可能被改动）")
        if previous is None:
            if seq == 1 and prev_hash != GENESIS_HASH:
                problems.append(f"设备 {short} 的第 1 条变更记录链头不正确")
            elif seq > 1:
                problems.append(f"缺少设备 {short} 的第 1–{seq - 1} 条变更记录")
        elif seq != previous[0] + 1:
            problems.append(f"缺少设备 {short} 的第 {previous[0] + 1}–{seq - 1} 条变更记录")
        elif prev_hash != previous[2]:
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


def _quality(
    session: Session, ledger: Ledger, village_id: str | None, village_of: dict[str, str]
) -> list[QualityProblem]:
    """The data-quality problems of the live households (by village, then 户编号), a chunk of households
    at a time: their members and latest incomes read as plain rows for that chunk only, so a county's
    households are never all in memory with their members."""
    keys = select(Household.id, Household.number).where(Household.number.is_not(None), live(Household))
    if village_id is not None:
        keys = keys.where(Household.village_id == village_id)
    ordered = sorted(
        session.execute(keys.order_by(Household.id)).all(),
        key=lambda h: (village_of.get(h.id, ""), h.number or ""),
    )
    households, members_of, incomes = table_of(Household), table_of(Member), table_of(Income)
    member_columns = [members_of.c[f.name] for f in dataclasses.fields(MemberFacts)]
    day = ledger.judged_on()
    result: list[QualityProblem] = []
    for chunk in in_chunks([h.id for h in ordered]):
        rows = {
            h.id: h
            for h in session.execute(
                select(
                    households.c.id,
                    households.c.number,
                    households.c.category,
                    households.c.farmland_mu,
                    households.c.forest_mu,
                ).where(households.c.id.in_(chunk))
            )
        }
        members: dict[str, list[MemberFacts]] = {}
        for household_id, *columns in session.execute(
            select(members_of.c.household_id, *member_columns).where(members_of.c.household_id.in_(chunk))
        ):  # member_facts of each row, its columns picked in the order of MemberFacts
            member = MemberFacts(*columns)
            if member.name is None or member.archived is None:
                member = dataclasses.replace(member, name=member.name or "", archived=bool(member.archived))
            members.setdefault(household_id or "", []).append(member)
        latest: dict[str, Any] = {}
        for income in session.execute(
            select(incomes).where(
                incomes.c.household_id.in_(chunk), incomes.c.year.is_not(None), live(incomes.c)
            )
        ):
            key = income.household_id or ""
            if key not in latest or (income.year or 0) > (latest[key].year or 0):
                latest[key] = income
        for household_id in chunk:
            household = rows.get(household_id)
            if household is None:  # gone between the two reads (a reader sees one snapshot: never)
                continue
            facts = members.get(household_id, [])
            latest_income = latest.get(household_id)
            figures = income_figures(latest_income) if latest_income else None
            current = sum(1 for f in facts if not f.archived)
            per = per_person(net_income(figures), current) if figures else None
            for problem in household_problems(
                household.category, facts, figures, per, household.farmland_mu, household.forest_mu, day
            ):
                result.append(
                    QualityProblem(household.number or "", problem, village_of.get(household_id, ""))
                )
    return result
