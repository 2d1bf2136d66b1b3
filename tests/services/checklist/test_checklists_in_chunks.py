"""Checklists of many households at once (a county's 核查 and 各村 pages) are judged 500 households at a
time from plain rows: every household's verdicts and head are those it has on its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.app import open_ledger
from desktop.domain.enums import Status
from desktop.services.checklist.verdicts import checklists, household_checklist
from desktop.services.demo import create_demo
from desktop.store.models import Household


@pytest.mark.slow
def test_checklists_across_chunks_equal_each_households_own(tmp_path: Path) -> None:
    ledger = open_ledger(tmp_path / "home", create=True)
    ledger.today = lambda: dt.date(2026, 11, 23)
    create_demo(ledger, households=1_100, villages=3)
    with ledger.store.read_session() as session:
        households = sorted(
            session.execute(select(Household)).scalars(), key=lambda h: (h.number or "", h.id)
        )
        together = checklists(session, ledger, households)
    assert [c.household_id for c in together] == [h.id for h in households]
    # the demo's four gaps per village, wherever they fall among the chunks
    assert sum(1 for c in together for v in c.verdicts.values() if v.status is Status.NOT_MET) == 12
    assert all(c.head_name for c in together)
    for index in (0, 1, 499, 500, 501, 999, 1_000, 1_099):
        assert together[index] == household_checklist(ledger, households[index].id)
    for gap in (c for c in together if c.gaps):
        assert gap == household_checklist(ledger, gap.household_id)
    ledger.store.close()
