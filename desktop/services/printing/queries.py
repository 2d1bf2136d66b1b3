"""The reads every printed ledger shares: which villages and households to print, a household's live
records of one kind in bulk, and members in the order the ledger lists them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from desktop.domain.enums import HEAD_RELATIONS
from desktop.services.context import Ledger
from desktop.store.models import Household, Member, Village
from desktop.store.queries import live


def chosen_village_ids(ledger: Ledger, session: Session, code: str | None) -> list[str] | None:
    """The village asked for, else this device's village; None (all villages) on a township device."""
    if code:
        from desktop.services.village.info import village_in

        return [village_in(session, code).id]  # 村代码 or name
    current = ledger.current_village_id()
    return None if current is None else [current]


Query = TypeVar("Query", bound=Select)  # a select of any columns


def printable_households(session: Session, village_ids: list[str] | None) -> list[Household]:
    query = _printable(select(Household), village_ids)
    return sorted(session.execute(query).scalars(), key=_print_order(session))


def printable_household_ids(session: Session, village_ids: list[str] | None) -> list[tuple[str, str | None]]:
    """(id, 贫困户属性) of the households :func:`printable_households` gives, in the same order, without
    loading the records (a township's roster reads them a chunk at a time)."""
    columns = select(Household.id, Household.category, Household.village_id, Household.number)
    rows = sorted(session.execute(_printable(columns, village_ids)).all(), key=_print_order(session))
    return [(row.id, row.category) for row in rows]


def _printable(query: Query, village_ids: list[str] | None) -> Query:
    """Households with a 户编号, not archived, of ``village_ids`` (None: every village)."""
    query = query.where(Household.number.is_not(None), live(Household))
    return query if village_ids is None else query.where(Household.village_id.in_(village_ids))


def _print_order(session: Session) -> Callable[[Any], tuple[str, str, str]]:
    """By 村代码, then 户编号 (then id, for a stable order)."""
    codes = dict(session.execute(select(Village.id, Village.code)).all())
    return lambda h: (codes.get(h.village_id or "") or "", h.number or "", h.id)


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
