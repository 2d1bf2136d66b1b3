"""The handle every service takes: the open store, the policy tables and today's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.errors import StoreProblem, UserError
from desktop.domain.policy import PolicyTables
from desktop.store.database import Store
from desktop.store.device import get_device
from desktop.store.disk import explain
from desktop.store.models import DeviceState


@dataclass
class Ledger:
    store: Store
    policy: PolicyTables
    today: Callable[[], dt.date] = field(default=dt.date.today)

    def device(self) -> DeviceState:
        with self.store.read_session() as session:
            state = get_device(session)
        if state is None:
            raise StoreProblem("台账尚未初始化，请先运行 zhucun init 或 zhucun demo")
        return state

    def current_village_id(self) -> str | None:
        return self.device().village_id


def explain_failure(error: BaseException, home: Path) -> UserError | None:
    """A full disk or a busy ledger met where no service expected it, as the user's one-line error."""
    return explain(error, home)
