"""What the roster's filters ask of each household: its checklist gaps, whether it is being monitored,
and when it was last visited — in one pass for a whole village."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.domain.enums import Dimension
from desktop.services.context import Ledger
from desktop.store.models import Household, Monitoring, Visit
from desktop.store.queries import live

MONITORED = "监测中"
ELIMINATED = "风险已消除"


@dataclass(frozen=True)
class HouseholdFlags:
    gaps: frozenset[Dimension]
    monitoring: str  # "" / 监测中 / 风险已消除
    last_visit: dt.date | None


def household_flags(ledger: Ledger, *, village_id: str | None) -> dict[str, HouseholdFlags]:
    # imported when a filter first needs the flags: the roster's first screen does not judge anyone
    from desktop.services.checklist.verdicts import village_checklists

    checklists = {
        c.household_id: frozenset(c.gaps) for c in village_checklists(ledger, village_id=village_id)
    }
    with ledger.store.read_session() as session:
        in_village = select(Household.id)
        if village_id is not None:
            in_village = in_village.where(Household.village_id == village_id)
        current = live(Monitoring)
        monitoring: dict[str, str] = {}
        for household_id, eliminated in session.execute(
            select(Monitoring.household_id, Monitoring.eliminated_on).where(
                current, Monitoring.household_id.in_(in_village)
            )
        ):
            if household_id is None:
                continue
            if eliminated is None:
                monitoring[household_id] = MONITORED
            else:
                monitoring.setdefault(household_id, ELIMINATED)
        visits = dict(
            session.execute(
                select(Visit.household_id, func.max(Visit.visited_on))
                .where(live(Visit), Visit.household_id.in_(in_village))
                .group_by(Visit.household_id)
            ).all()
        )
    return {
        household_id: HouseholdFlags(gaps, monitoring.get(household_id, ""), visits.get(household_id))
        for household_id, gaps in checklists.items()
    }
