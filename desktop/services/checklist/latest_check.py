"""What the 核查 form needs around ``record_assessment``: the latest check of a household (so a new check
starts from what was found last time) and withdrawing a check saved by mistake (the form's undo)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from desktop.domain.errors import NotFound
from desktop.services.context import Ledger
from desktop.services.households.lookup import resolve_household
from desktop.store.base import table_of
from desktop.store.codec import to_json
from desktop.store.models import DIMENSION_COLUMNS as DIMENSION_COLUMNS  # the form's field prefixes
from desktop.store.models import Assessment
from desktop.store.queries import live
from desktop.store.writer import ChangeWriter

# passed on from a lower layer on purpose (tests/test_layers.py): the 核查 form's field prefixes per
# dimension
PASSED_ON = ("DIMENSION_COLUMNS",)

WITHDRAWN = "撤销核查记录"


def latest_assessment(ledger: Ledger, household: str) -> dict[str, Any] | None:
    """The household's latest check as field name -> JSON value (dates as ISO text), or None."""
    with ledger.store.read_session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        found = session.execute(
            select(Assessment)
            .where(
                Assessment.household_id == target.id,
                Assessment.assessed_on.is_not(None),
                live(Assessment),
            )
            .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        if found is None:
            return None
        return {c.name: to_json(c, getattr(found, c.name)) for c in table_of(Assessment).columns}


def withdraw_assessment(ledger: Ledger, assessment_id: str, reason: str = WITHDRAWN) -> None:
    """Archive a check (nothing is deleted): the verdicts fall back to the check before it."""
    with ledger.store.session() as session:
        if session.get(Assessment, assessment_id) is None:
            raise NotFound("没有找到这次核查记录")
        ChangeWriter(session).update(Assessment, assessment_id, {"archived": True, "archive_reason": reason})
