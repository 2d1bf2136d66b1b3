"""Recording a 两不愁三保障 + 饮水安全 check of one household."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.households.lookup import resolve_household
from desktop.store.models import Assessment
from desktop.store.writer import ChangeWriter


def record_assessment(
    ledger: Ledger, *, household: str, assessed_on: dt.date | None = None, fields: dict[str, Any]
) -> str:
    assessed_on = assessed_on or ledger.today()
    if assessed_on > ledger.today():
        raise InvalidInput(f"核查日期 {assessed_on} 在今天之后")
    if not fields:
        raise InvalidInput("核查至少要记录一项（例如 food_staple_ok=是）")
    with ledger.store.session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        return ChangeWriter(session).create(
            Assessment, {**fields, "household_id": target.id, "assessed_on": assessed_on}
        )
