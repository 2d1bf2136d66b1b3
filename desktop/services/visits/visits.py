"""Visits (走访) and their follow-ups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from desktop.domain.enums import VISIT_KINDS
from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.households.lookup import resolve_household
from desktop.store.models import FollowUp, Photo, Visit
from desktop.store.writer import ChangeWriter

# what a withdrawn visit and its follow-ups and photos are archived with: restore_visit brings back only
# these, never a photo or follow-up archived before for another reason
WITHDRAWN = "撤销走访"


@dataclass(frozen=True)
class FollowUpInput:
    action: str
    due_on: dt.date | None = None
    owner: str | None = None


@dataclass(frozen=True)
class RecordedVisit:
    visit_id: str
    household_id: str
    follow_up_ids: tuple[str, ...]


def record_visit(
    ledger: Ledger,
    *,
    household: str,
    visited_on: dt.date | None = None,
    kind: str = "入户",
    visitors: list[str] | None = None,
    content: str = "",
    problems: str | None = None,
    people_met: str | None = None,
    policies: str | None = None,
    place: str | None = None,
    follow_ups: list[FollowUpInput] | None = None,
) -> RecordedVisit:
    if kind not in VISIT_KINDS:
        raise InvalidInput(f"走访方式不能是“{kind}”，可选：{'、'.join(VISIT_KINDS)}")
    visited_on = visited_on or ledger.today()
    if visited_on > ledger.today():
        raise InvalidInput(f"走访日期 {visited_on} 在今天之后")
    if not content.strip():
        raise InvalidInput("请填写走访内容")
    with ledger.store.session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        writer = ChangeWriter(session)
        visit_id = writer.create(
            Visit,
            {
                "household_id": target.id,
                "visited_on": visited_on,
                "kind": kind,
                "visitors": visitors or [writer.author],
                "content": content.strip(),
                "problems": problems,
                "people_met": people_met,
                "policies": policies,
                "place": place,
            },
        )
        follow_up_ids = []
        for item in follow_ups or []:
            if not item.action.strip():
                raise InvalidInput("后续事项不能为空")
            follow_up_ids.append(
                writer.create(
                    FollowUp,
                    {
                        "visit_id": visit_id,
                        "household_id": target.id,
                        "action": item.action.strip(),
                        "due_on": item.due_on,
                        "owner": item.owner,
                        "done": False,
                    },
                )
            )
        return RecordedVisit(visit_id, target.id, tuple(follow_up_ids))


def withdraw_visit(ledger: Ledger, visit_id: str) -> int:
    """Undo of saving a visit: the visit, its follow-ups and its photos archived (the change log keeps
    them; nothing is deleted). Returns how many records were archived."""
    archived = {"archived": True, "archive_reason": WITHDRAWN}
    with ledger.store.session() as session:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.archived:
            raise InvalidInput("这次走访已经撤销")
        writer = ChangeWriter(session)
        writer.update(Visit, visit.id, archived)
        count = 1
        for model in (FollowUp, Photo):
            rows = session.execute(
                select(model.id).where(model.visit_id == visit_id, model.archived.is_not(True))
            )
            for row_id in list(rows.scalars()):
                writer.update(model, row_id, archived)
                count += 1
        return count


def restore_visit(ledger: Ledger, visit_id: str) -> int:
    """Redo of saving a visit after withdraw_visit: the visit and what was archived with it come back."""
    live = {"archived": None, "archive_reason": None}
    with ledger.store.session() as session:
        visit = session.get(Visit, visit_id)
        if visit is None or not visit.archived:
            raise InvalidInput("这次走访没有撤销，无需恢复")
        writer = ChangeWriter(session)
        writer.update(Visit, visit.id, live)
        count = 1
        for model in (FollowUp, Photo):
            rows = session.execute(
                select(model.id).where(model.visit_id == visit_id, model.archive_reason == WITHDRAWN)
            )
            for row_id in list(rows.scalars()):
                writer.update(model, row_id, live)
                count += 1
        return count
