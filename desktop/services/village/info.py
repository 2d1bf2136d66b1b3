"""The village the ledger serves, in one line: its name and place, how many households and people."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.domain.errors import NotFound
from desktop.services.context import Ledger
from desktop.store.models import Household, Member, Village
from desktop.store.queries import live


@dataclass(frozen=True)
class VillageSummary:
    name: str
    code: str
    township: str
    county: str
    households: int  # live households with a 户编号
    people: int  # live members of those households


def village_summary(ledger: Ledger, village_id: str | None = None) -> VillageSummary:
    """The given village, else this device's; empty strings and zero counts if there is none."""
    village_id = village_id or ledger.current_village_id()
    with ledger.store.read_session() as session:
        village = session.get(Village, village_id) if village_id else None
        live_household = (
            Household.village_id == village_id,
            Household.number.is_not(None),
            live(Household),
        )
        households = session.scalar(select(func.count()).select_from(Household).where(*live_household))
        people = session.scalar(
            select(func.count())
            .select_from(Member)
            .join(Household, Household.id == Member.household_id)
            .where(*live_household, live(Member))
        )
    return VillageSummary(
        name=(village.name if village else None) or "",
        code=(village.code if village else None) or "",
        township=(village.township if village else None) or "",
        county=(village.county if village else None) or "",
        households=households or 0,
        people=people or 0,
    )


def village_id_for_code(ledger: Ledger, code: str) -> str:
    """The id of the village with this 村代码 (a township holds many villages)."""
    with ledger.store.read_session() as session:
        village_id = session.execute(select(Village.id).where(Village.code == code.strip())).scalar()
    if village_id is None:
        raise NotFound(f"没有村代码为 {code} 的村")
    return village_id
