"""The handle every service takes: the open store, the policy tables and today's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import func, select

from desktop.domain.errors import InvalidInput, StoreProblem, UserError
from desktop.domain.policy import PolicyTables, YearFigure
from desktop.store.database import Store
from desktop.store.device import get_device
from desktop.store.disk import explain
from desktop.store.models import DeviceState, PolicySetting


@dataclass
class Ledger:
    store: Store
    policy: PolicyTables
    today: Callable[[], dt.date] = field(default=dt.date.today)
    # the day verdicts, ages and default income years are judged on (``--as-of``); None: today
    as_of: dt.date | None = None
    # True once ``policy`` holds the township's 政策标准 records (see ``with_policy_settings``)
    settings_applied: bool = False

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


def explain_failure(error: BaseException, home: Path) -> UserError | None:
    """A full disk or a busy ledger met where no service expected it, as the user's one-line error."""
    return explain(error, home)


def judged_as_of(ledger: Ledger, as_of: dt.date | None) -> Ledger:
    """The ledger judging verdicts, ages and default income years on ``as_of`` (an inspection asks
    "as of 2025-09-01"; None: today), with the township's 政策标准 in its policy. A day after today is
    refused: nothing is known about it."""
    ledger = with_policy_settings(ledger)
    if as_of is None:
        return ledger
    today = ledger.today()
    if as_of > today:
        raise InvalidInput(
            f"判断日期 {as_of.isoformat()} 晚于今天（{today.isoformat()}），只能按今天或以前的日期判断"
        )
    return replace(ledger, as_of=as_of)


POVERTY_LINE, MONITORING = "扶贫标准", "监测标准"


def with_policy_settings(ledger: Ledger) -> Ledger:
    """The ledger whose policy puts the township's own figures (设置 → 政策标准, synced records) in front
    of the shipped files'. One read of a small table; a ledger that has them already is returned as is."""
    if ledger.settings_applied:
        return ledger
    figures: dict[str, dict[int, YearFigure]] = {POVERTY_LINE: {}, MONITORING: {}}
    village_id = ledger.current_village_id()
    with ledger.store.read_session() as session:
        query = select(PolicySetting).where(func.coalesce(PolicySetting.archived, False).is_(False))
        if village_id is not None:  # a village laptop: the figures the township sent to this village
            query = query.where(PolicySetting.village_id == village_id)
        rows = session.execute(query).scalars()
        # a township writes the same figure to each of its villages: one per kind and year is enough
        for row in sorted(rows, key=lambda r: r.id):
            if row.kind in figures and row.year is not None and row.amount is not None and row.source:
                figures[row.kind][row.year] = YearFigure(row.year, row.amount, row.note or "", row.source)
    policy = ledger.policy.with_settings(
        tuple(figures[POVERTY_LINE].values()), tuple(figures[MONITORING].values())
    )
    return replace(ledger, policy=policy, settings_applied=True)
