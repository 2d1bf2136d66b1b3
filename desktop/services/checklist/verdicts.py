"""The 两不愁三保障 + 饮水安全 verdicts of households, from their members and latest check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.checklist import Verdict, evaluate, verdicts_hold_until
from desktop.domain.enums import HEAD_RELATIONS, Dimension, Status
from desktop.services.checklist.facts import assessment_facts, household_facts, member_facts
from desktop.services.context import Ledger, judged_as_of
from desktop.services.households.lookup import resolve_household
from desktop.store.base import table_of
from desktop.store.models import Assessment, Member, Village
from desktop.store.queries import in_chunks

if TYPE_CHECKING:
    from desktop.services.checklist.standing import ChecklistKeys


@dataclass(frozen=True)
class HouseholdChecklist:
    household_id: str
    number: str
    head_name: str
    verdicts: dict[Dimension, Verdict]
    village_name: str = ""  # its village's name (``（未归村）`` for none): a township lists several

    @property
    def gaps(self) -> dict[Dimension, Verdict]:
        """Dimensions not met or not known: what the work team has to act on or find out."""
        return {d: v for d, v in self.verdicts.items() if v.status is not Status.MET}

    # the one definition of 有短板 and 待核实 that 各村, 概况, ``check`` and the Excel export count by:
    # a household is counted once, under the worse of the two
    @property
    def short(self) -> bool:
        """有短板: a dimension not met."""
        return any(v.status is Status.NOT_MET for v in self.verdicts.values())

    @property
    def to_verify(self) -> bool:
        """待核实: nothing found not met, but a dimension still to find out."""
        return not self.short and any(v.status is Status.UNKNOWN for v in self.verdicts.values())


def household_checklist(ledger: Ledger, ref: str, *, as_of: dt.date | None = None) -> HouseholdChecklist:
    ledger = judged_as_of(ledger, as_of)
    with ledger.store.read_session() as session:
        household = resolve_household(session, ref, ledger.current_village_id())
        return checklists(session, ledger, [household])[0]


def village_checklists(
    ledger: Ledger, *, village_id: str | None = None, as_of: dt.date | None = None, only_gaps: bool = False
) -> list[HouseholdChecklist]:
    """Every household's verdicts (``only_gaps``: of those with a gap), judged on ``as_of`` (default
    today; a later day is refused), by 户编号. Read from the derived verdicts where they hold on that
    day (standing.py); the households whose verdicts do not are judged here."""
    from desktop.services.checklist.standing import standing_checklists

    ledger = judged_as_of(ledger, as_of)
    village_id = village_id or ledger.current_village_id()
    with ledger.store.read_session() as session:
        found = standing_checklists(session, ledger, village_id, only_gaps=only_gaps)
    return sorted(found, key=lambda c: (c.number, c.household_id))


def checklist_keys(
    ledger: Ledger, *, village_id: str | None = None, as_of: dt.date | None = None, only_gaps: bool = False
) -> ChecklistKeys:
    """What ``village_checklists`` lists, as keys (ids, 户编号, village names, in the same order) with the
    counts per dimension and status: 核查's list of a whole county without every household's verdicts and
    reasons in memory; ``checklist_rows`` reads those of a page of them."""
    from desktop.services.checklist.standing import standing_keys

    ledger = judged_as_of(ledger, as_of)
    village_id = village_id or ledger.current_village_id()
    with ledger.store.read_session() as session:
        return standing_keys(session, ledger, village_id, only_gaps=only_gaps)


def checklist_rows(
    ledger: Ledger, household_ids: Sequence[str], *, as_of: dt.date | None = None
) -> list[HouseholdChecklist]:
    """The verdicts of ``household_ids`` (live households; others left out), judged on ``as_of`` as
    ``village_checklists`` judges them, in the order given."""
    from desktop.services.checklist.standing import standing_checklists

    ledger = judged_as_of(ledger, as_of)
    with ledger.store.read_session() as session:
        found = {
            c.household_id: c
            for chunk in in_chunks(list(household_ids))
            for c in standing_checklists(session, ledger, None, household_ids=chunk)
        }
    return [found[i] for i in household_ids if i in found]


def checklists(session: Session, ledger: Ledger, households: Sequence[Any]) -> list[HouseholdChecklist]:
    """The verdicts of ``households`` (records or plain rows of the household table), judged now."""
    return [judged.checklist for judged in judge(session, ledger, households)]


@dataclass(frozen=True)
class Judged:
    checklist: HouseholdChecklist
    holds_until: dt.date | None  # the first day its verdicts may differ (None: not by the day alone)
    village_id: str | None
    member_ids: tuple[str, ...]  # every member on record (archived too)
    people: int  # members not archived


def judge(session: Session, ledger: Ledger, households: Sequence[Any]) -> Iterator[Judged]:
    """The one way households are judged (``checklists`` and the derived verdicts both use it)."""
    villages = {
        v.id: (v.province, v.name or v.code or "")
        for v in session.execute(select(Village.id, Village.province, Village.name, Village.code))
    }
    provinces = {village_id: province for village_id, (province, _name) in villages.items()}
    today = ledger.judged_on()
    # 500 households at a time, members and checks read as plain rows (not ORM objects) and dropped once
    # judged: a county's 200,000 households never sit in memory with all their members at once
    member_table, assessment_table = table_of(Member), table_of(Assessment)
    for chunk in in_chunks(households):
        ids = [h.id for h in chunk]
        members: dict[str, list[Any]] = {}
        for member in session.execute(select(member_table).where(member_table.c.household_id.in_(ids))):
            members.setdefault(member.household_id or "", []).append(member)
        latest: dict[str, Any] = {}
        later: dict[str, dt.date] = {}  # the first check after the day judged: it changes the verdicts
        for check in session.execute(
            select(assessment_table).where(assessment_table.c.household_id.in_(ids))
        ):
            if check.assessed_on is None or check.archived:
                continue
            key = check.household_id or ""
            if check.assessed_on > today:  # a check made after the day judged did not exist yet
                later[key] = min(later.get(key, check.assessed_on), check.assessed_on)
                continue
            current = latest.get(key)
            if current is None or (check.assessed_on, check.id) > (current.assessed_on, current.id):
                latest[key] = check
        for household in chunk:
            people = members.get(household.id, [])
            facts = household_facts(household, provinces.get(household.village_id or ""))
            people_facts = [member_facts(m) for m in people]
            verdicts = evaluate(
                facts, people_facts, assessment_facts(latest.get(household.id)), ledger.policy, today
            )
            head = next(
                (m.name for m in people if m.relation in HEAD_RELATIONS and not m.archived and m.name), ""
            )
            village_name = villages.get(household.village_id or "", (None, "（未归村）"))[1]
            until = verdicts_hold_until(facts, people_facts, ledger.policy, today)
            check_day = later.get(household.id)
            if check_day is not None:
                until = check_day if until is None else min(until, check_day)
            yield Judged(
                HouseholdChecklist(household.id, household.number or "", head, verdicts, village_name),
                until,
                household.village_id,
                tuple(m.id for m in people),
                sum(1 for m in people if not m.archived),
            )
