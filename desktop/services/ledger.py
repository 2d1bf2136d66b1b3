"""The handle every service takes: the open store, the policy tables and today's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from desktop.domain.errors import InvalidInput, StoreProblem
from desktop.domain.policy import PolicyTables
from desktop.store.database import Store
from desktop.store.device import get_device
from desktop.store.models import DeviceState


@dataclass
class Ledger:
    store: Store
    policy: PolicyTables
    today: Callable[[], dt.date] = field(default=dt.date.today)
    # the day verdicts, ages and default income years are judged on (``--as-of``); None: today
    as_of: dt.date | None = None

    def judged_on(self) -> dt.date:
        return self.as_of or self.today()

    def device(self) -> DeviceState:
        with self.store.read_session() as session:
            state = get_device(session)
        if state is None:
            raise StoreProblem("台账尚未初始化，请先运行 zhucun init 或 zhucun demo")
        return state

    def current_village_id(self) -> str | None:
        return self.device().village_id


def judged_as_of(ledger: Ledger, as_of: dt.date | None) -> Ledger:
    """The ledger judging verdicts, ages and default income years on ``as_of`` (an inspection asks
    "as of 2025-09-01"); unchanged for None. A day after today is refused: nothing is known about it."""
    if as_of is None:
        return ledger
    today = ledger.today()
    if as_of > today:
        raise InvalidInput(
            f"判断日期 {as_of.isoformat()} 晚于今天（{today.isoformat()}），只能按今天或以前的日期判断"
        )
    return replace(ledger, as_of=as_of)
