"""The 走访 page's lists: every visit of a village (newest first) and the follow-ups still open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, case, func, select

from desktop.services.context import Ledger
from desktop.services.households.labels import household_labels
from desktop.store.models import FollowUp, Household, Visit
from desktop.store.queries import in_chunks, live


@dataclass(frozen=True)
class VisitRow:
    id: str
    household_id: str
    number: str
    head_name: str
    visited_on: dt.date | None
    kind: str
    visitors: tuple[str, ...]
    people_met: str
    content: str
    problems: str
    follow_ups: int
    open_follow_ups: int


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    visit_id: str | None
    household_id: str
    number: str
    head_name: str
    action: str
    owner: str
    due_on: dt.date | None
    visited_on: dt.date | None

    def days_overdue(self, today: dt.date) -> int | None:
        """Positive when past due, 0 on the day, negative before; None without a due date."""
        return None if self.due_on is None else (today - self.due_on).days


def list_visits(
    ledger: Ledger, *, village_id: str | None = None, all_villages: bool = False, limit: int | None = None
) -> list[VisitRow]:
    """Visits of the current village (or ``village_id``, or every village), newest first."""
    if village_id is None and not all_villages:
        village_id = ledger.current_village_id()
    current = live(Visit)
    query = select(Visit).where(current).order_by(Visit.visited_on.desc(), Visit.id.desc())
    if village_id is not None:
        query = query.where(Visit.household_id.in_(_households_of(village_id)))
    if limit is not None:
        query = query.limit(limit)
    with ledger.store.read_session() as session:
        visits = list(session.execute(query).scalars())
        counts: dict[str, tuple[int, int]] = {}
        ids = [v.id for v in visits]
        for chunk in in_chunks(ids):
            for visit_id, total, open_ in session.execute(
                select(
                    FollowUp.visit_id,
                    func.count(),
                    func.sum(case((func.coalesce(FollowUp.done, False).is_(False), 1), else_=0)),
                )
                .where(live(FollowUp), FollowUp.visit_id.in_(chunk))
                .group_by(FollowUp.visit_id)
            ):
                counts[visit_id] = (int(total), int(open_ or 0))
        labels = household_labels(session, (v.household_id for v in visits if v.household_id))
        rows = []
        for visit in visits:
            label = labels.get(visit.household_id or "")
            total, open_ = counts.get(visit.id, (0, 0))
            rows.append(
                VisitRow(
                    id=visit.id,
                    household_id=visit.household_id or "",
                    number=label.number if label else "",
                    head_name=label.head_name if label else "",
                    visited_on=visit.visited_on,
                    kind=visit.kind or "",
                    visitors=tuple(visit.visitors or ()),
                    people_met=visit.people_met or "",
                    content=visit.content or "",
                    problems=visit.problems or "",
                    follow_ups=total,
                    open_follow_ups=open_,
                )
            )
        return rows


def open_follow_ups(
    ledger: Ledger,
    *,
    village_id: str | None = None,
    all_villages: bool = False,
    due_within_days: int | None = 7,
) -> list[FollowUpRow]:
    """Follow-ups not done yet, the most urgent first.

    ``due_within_days``: only those overdue or due within that many days from today (the to-do list);
    ``None``: every open one, undated ones last."""
    if village_id is None and not all_villages:
        village_id = ledger.current_village_id()
    query = select(FollowUp).where(live(FollowUp), func.coalesce(FollowUp.done, False).is_(False))
    if village_id is not None:
        query = query.where(FollowUp.household_id.in_(_households_of(village_id)))
    if due_within_days is not None:
        query = query.where(FollowUp.due_on <= ledger.today() + dt.timedelta(days=due_within_days))
    with ledger.store.read_session() as session:
        items = list(session.execute(query).scalars())
        visit_ids = sorted({f.visit_id for f in items if f.visit_id})
        visited: dict[str, dt.date | None] = {}
        for chunk in in_chunks(visit_ids):
            visited.update(
                session.execute(select(Visit.id, Visit.visited_on).where(Visit.id.in_(chunk))).all()
            )
        labels = household_labels(session, (f.household_id for f in items if f.household_id))
    rows = []
    for item in items:
        label = labels.get(item.household_id or "")
        rows.append(
            FollowUpRow(
                id=item.id,
                visit_id=item.visit_id,
                household_id=item.household_id or "",
                number=label.number if label else "",
                head_name=label.head_name if label else "",
                action=item.action or "",
                owner=item.owner or "",
                due_on=item.due_on,
                visited_on=visited.get(item.visit_id or ""),
            )
        )
    return sorted(rows, key=lambda r: (r.due_on is None, r.due_on or dt.date.max, r.number, r.id))


def _households_of(village_id: str) -> Select[str]:
    return select(Household.id).where(Household.village_id == village_id)
