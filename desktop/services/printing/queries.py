"""The reads every printed ledger shares: which villages and households to print, a household's live
records of one kind in bulk, and members in the order the ledger lists them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import HEAD_RELATIONS
from desktop.domain.errors import NotFound
from desktop.services.context import Ledger
from desktop.store.models import Household, Member, Village
from desktop.store.queries import live


def chosen_village_ids(ledger: Ledger, session: Session, code: str | None) -> list[str] | None:
    """The village asked for, else this device's village; None (all villages) on a township device."""
    if code:
        found = session.execute(select(Village.id).where(Village.code == code.strip())).scalar()
        if found is None:
            raise NotFound(f"没有村代码为 {code} 的村")
        return [found]
    current = ledger.current_village_id()
    return None if current is None else [current]


def printable_households(session: Session, village_ids: list[str] | None) -> list[Household]:
    query = select(Household).where(Household.number.is_not(None), live(Household))
    if village_ids is not None:
        query = query.where(Household.village_id.in_(village_ids))
    codes = dict(session.execute(select(Village.id, Village.code)).all())
    return sorted(
        session.execute(query).scalars(),
        key=lambda h: (codes.get(h.village_id or "") or "", h.number or "", h.id),
    )


def by_household(session: Session, model: Any, ids: list[str], *order: Any) -> dict[str, list[Any]]:
    rows: dict[str, list[Any]] = defaultdict(list)
    query = select(model).where(model.household_id.in_(ids), live(model)).order_by(*order, model.id)
    for row in session.execute(query).scalars():
        rows[row.household_id].append(row)
    return rows


def sorted_members(members: list[Member]) -> list[Member]:
    # the order of lookup.members_of: the head first, then by 人编号 and birth
    return sorted(
        members,
        key=lambda m: (
            m.relation not in HEAD_RELATIONS,
            m.number or "",
            m.birth_date.isoformat() if m.birth_date else "",
            m.id,
        ),
    )
