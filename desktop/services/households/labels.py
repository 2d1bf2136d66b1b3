"""How lists name a household: 户编号, head's name and 村民小组, looked up for many households at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import HEAD_RELATIONS
from desktop.store.models import Household, Member
from desktop.store.queries import in_chunks, live


@dataclass(frozen=True)
class HouseholdLabel:
    number: str
    head_name: str
    group_name: str
    village_id: str | None


def household_labels(session: Session, household_ids: Iterable[str]) -> dict[str, HouseholdLabel]:
    ids = sorted(set(household_ids))
    found: dict[str, HouseholdLabel] = {}
    heads: dict[str, str] = {}
    current = live(Member)
    for chunk in in_chunks(ids):
        for member_household, name in session.execute(
            select(Member.household_id, Member.name).where(
                current, Member.relation.in_(sorted(HEAD_RELATIONS)), Member.household_id.in_(chunk)
            )
        ):
            if member_household is not None:
                heads.setdefault(member_household, name or "")
        for household_id, number, group, village_id in session.execute(
            select(Household.id, Household.number, Household.group_name, Household.village_id).where(
                Household.id.in_(chunk)
            )
        ):
            found[household_id] = HouseholdLabel(
                number or "", heads.get(household_id, ""), group or "", village_id
            )
    return found
