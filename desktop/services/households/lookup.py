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
    """The household a person names: its UUID, its 户编号 (in ``village_id`` when given), or
    ``村:户编号`` (村代码 or name, e.g. ``亚弄村:004``) where one number is used in several villages."""
    ref = ref.strip()
    if is_uuid(ref):
        found = session.get(Household, ref)
        if found is None or (found.number is None and found.village_id is None):
            raise NotFound(f"没有找到编号为 {ref} 的农户")
        return found
    village_ref, colon, number = ref.replace("：", ":").rpartition(":")
    if colon and village_ref.strip() and number.strip():
        from desktop.services.village.info import village_in

        village = village_in(session, village_ref)
        if village_id is not None and village.id != village_id:
            raise NotFound(f"{village.name or village.code} 不是本村，本机只能找本村的农户")
        return _numbered(session, number.strip(), village.id, shown=f"{village.name or village.code}的户编号")
    return _numbered(session, ref, village_id, shown="户编号")


def _numbered(session: Session, number: str, village_id: str | None, *, shown: str) -> Household:
    query = select(Household).where(Household.number == number)
    if village_id is not None:
        query = query.where(Household.village_id == village_id)
    matches = session.execute(query).scalars().all()
    if not matches:
        raise NotFound(f"没有找到{shown}为 {number} 的农户")
    if len(matches) > 1:
        # several villages (a township): say which, and how to name one
        from desktop.services.village.info import village_name_of

        names = sorted({village_name_of(session, m.village_id) for m in matches})
        example = next((n for n in names if n != "（未归村）"), "村名")
        raise InvalidInput(
            f"户编号 {number} 在多个村都有（{'、'.join(names)}），请写成“村:户编号”，如 {example}:{number}"
        )
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
