"""Finding households and members by what a person types: 户编号, ID number or UUID."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import HEAD_RELATIONS
from desktop.domain.errors import InvalidInput, NotFound
from desktop.domain.idnumber import normalize
from desktop.store.ids import is_uuid
from desktop.store.models import Household, Member
from desktop.store.queries import live


def resolve_household(session: Session, ref: str, village_id: str | None) -> Household:
    ref = ref.strip()
    if is_uuid(ref):
        found = session.get(Household, ref)
        if found is None or (found.number is None and found.village_id is None):
            raise NotFound(f"没有找到编号为 {ref} 的农户")
        return found
    query = select(Household).where(Household.number == ref)
    if village_id is not None:
        query = query.where(Household.village_id == village_id)
    matches = session.execute(query).scalars().all()
    if not matches:
        raise NotFound(f"没有找到户编号为 {ref} 的农户")
    if len(matches) > 1:
        raise InvalidInput(f"户编号 {ref} 在多个村都有，请用农户的 UUID 或先选定村")
    return matches[0]


def resolve_member(session: Session, ref: str, village_id: str | None) -> Member:
    ref = ref.strip()
    if is_uuid(ref):
        found = session.get(Member, ref)
        if found is None:
            raise NotFound(f"没有找到编号为 {ref} 的家庭成员")
        return found
    number = normalize(ref)
    query = select(Member).where(Member.id_number == number)
    if village_id is not None:
        query = query.join(Household, Household.id == Member.household_id).where(
            Household.village_id == village_id
        )
    matches = session.execute(query).scalars().all()
    if not matches:
        raise NotFound(f"没有找到证件号码为 {number} 的家庭成员")
    live = [m for m in matches if not m.archived] or matches
    return live[0]


def members_of(session: Session, household_id: str, *, include_archived: bool = False) -> list[Member]:
    query = select(Member).where(Member.household_id == household_id)
    if not include_archived:
        query = query.where(live(Member))
    members = session.execute(query).scalars().all()
    return sorted(
        members,
        key=lambda m: (
            m.relation not in HEAD_RELATIONS,
            m.number or "",
            m.birth_date.isoformat() if m.birth_date else "",
            m.id,
        ),
    )
