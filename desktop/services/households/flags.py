"""What the roster's filters ask of each household: its checklist gaps, whether it is being monitored,
and when it was last visited — in one pass for a whole village."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.domain.enums import Dimension, Status
from desktop.services.context import Ledger, judged_as_of

MONITORED = "监测中"
ELIMINATED = "风险已消除"


@dataclass(frozen=True)
class HouseholdFlags:
    gaps: frozenset[Dimension]
    monitoring: str  # "" / 监测中 / 风险已消除
    last_visit: dt.date | None


def household_flags(ledger: Ledger, *, village_id: str | None) -> dict[str, HouseholdFlags]:
    """The flags of the live households of ``village_id`` (None: the device's village, or all at a
    township). Their gaps from the households with one (``gap_rows``: the derived verdicts, judged
    directly where none holds), not from every household's verdicts and reasons."""
    # imported when a filter first needs the flags: the roster's first screen does not judge anyone (nor
    # read the ledger through the store, see services/first_screen)
    from sqlalchemy import func, select

    from desktop.services.checklist.standing import county_gaps, gap_rows
    from desktop.store.models import Household, Monitoring, Visit
    from desktop.store.queries import live

    ledger = judged_as_of(ledger, None)
    village_id = village_id or ledger.current_village_id()
    in_view = [Household.number.is_not(None), live(Household)]
    if village_id is not None:
        in_view.append(Household.village_id == village_id)
    with ledger.store.read_session() as session:
        # all villages: the county's gap households 概况, 各村 and the gap report read (read once, shared)
        found = (
            [g.row() for g in county_gaps(ledger)]
            if village_id is None
            else gap_rows(session, ledger, in_view)
        )
        gaps = {
            g.household_id: frozenset(
                d for d, s in zip(Dimension, g.statuses, strict=True) if s is not Status.MET
            )
            for g in found
        }
        checklists = {
            household_id: gaps.get(household_id, frozenset())
            for household_id in session.execute(select(Household.id).where(*in_view)).scalars()
        }
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
