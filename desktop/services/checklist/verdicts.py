"""The 两不愁三保障 + 饮水安全 verdicts of households, from their members and latest check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.checklist import Verdict, evaluate
from desktop.domain.enums import HEAD_RELATIONS, Dimension, Status
from desktop.services.checklist.facts import assessment_facts, household_facts, member_facts
from desktop.services.context import Ledger, judged_as_of
from desktop.services.households.lookup import resolve_household
from desktop.store.base import table_of
from desktop.store.models import Assessment, Household, Member, Village
from desktop.store.queries import in_chunks, live


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
    ledger: Ledger, *, village_id: str | None = None, as_of: dt.date | None = None
) -> list[HouseholdChecklist]:
    """Every household's verdicts, judged on ``as_of`` (default today; a later day is refused)."""
    ledger = judged_as_of(ledger, as_of)
    village_id = village_id or ledger.current_village_id()
    with ledger.store.read_session() as session:
        query = select(Household).where(
            Household.number.is_not(None), live(Household)
        )
        if village_id is not None:
            query = query.where(Household.village_id == village_id)
        households = sorted(session.execute(query).scalars(), key=lambda h: (h.number or "", h.id))
        return checklists(session, ledger, households)


def checklists(session: Session, ledger: Ledger, households: list[Household]) -> list[HouseholdChecklist]:
    villages = {
        v.id: (v.province, v.name or v.code or "")
        for v in session.execute(select(Village.id, Village.province, Village.name, Village.code))
    }
    provinces = {village_id: province for village_id, (province, _name) in villages.items()}
    today = ledger.judged_on()
    result = []
    # 500 households at a time, members and checks read as plain rows (not ORM objects) and dropped once
    # judged: a county's 200,000 households never sit in memory with all their members at once
    member_table, assessment_table = table_of(Member), table_of(Assessment)
    for chunk in in_chunks(households):
        ids = [h.id for h in chunk]
        members: dict[str, list[Any]] = {}
        for member in session.execute(select(member_table).where(member_table.c.household_id.in_(ids))):
            members.setdefault(member.household_id or "", []).append(member)
        latest: dict[str, Any] = {}
        for check in session.execute(
            select(assessment_table).where(assessment_table.c.household_id.in_(ids))
        ):
            if check.assessed_on is None or check.archived or check.assessed_on > today:
                continue  # a check made after the day judged did not exist yet
            current = latest.get(check.household_id or "")
            if current is None or (check.assessed_on, check.id) > (current.assessed_on, current.id):
                latest[check.household_id or ""] = check
        for household in chunk:
            people = members.get(household.id, [])
            verdicts = evaluate(
                household_facts(household, provinces.get(household.village_id or "")),
                [member_facts(m) for m in people],
                assessment_facts(latest.get(household.id)),
                ledger.policy,
                today,
            )
            head = next(
                (m.name for m in people if m.relation in HEAD_RELATIONS and not m.archived and m.name), ""
            )
            village_name = villages.get(household.village_id or "", (None, "（未归村）"))[1]
            result.append(
                HouseholdChecklist(household.id, household.number or "", head, verdicts, village_name)
            )
    return result
