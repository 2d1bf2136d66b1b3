"""Visits (走访) and their follow-ups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.domain.enums import VISIT_KINDS
from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.households.lookup import resolve_household
from desktop.store.models import FollowUp, Visit
from desktop.store.writer import ChangeWriter


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
