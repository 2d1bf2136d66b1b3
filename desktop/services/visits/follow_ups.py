"""Marking a visit's follow-up done (and, for undo, open again)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.domain.errors import InvalidInput, NotFound
from desktop.services.context import Ledger
from desktop.store.models import FollowUp
from desktop.store.writer import ChangeWriter


def set_follow_up_done(
    ledger: Ledger, follow_up_id: str, *, done: bool = True, on: dt.date | None = None
) -> dict[str, Any]:
    """Done on ``on`` (default today), or open again; returns the fields that really changed."""
    on = on or ledger.today()
    if done and on > ledger.today():
        raise InvalidInput(f"完成日期 {on} 在今天之后")
    with ledger.store.session() as session:
        item = session.get(FollowUp, follow_up_id)
        if item is None or item.archived:
            raise NotFound("没有找到这条后续事项，可能已被删除")
        changes = {"done": True, "done_on": on} if done else {"done": False, "done_on": None}
        return ChangeWriter(session).update(FollowUp, item.id, changes)
