"""Printed ledgers on a township's PostgreSQL: the roster 台账 and 一户一档 of villages that arrived as
bundles hold every name and number, and read exactly as the same township prints them from SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_township import (
    DEMO_CODE,
    OTHER_CODE,
    OTHER_HEAD,
    OTHER_SPOUSE,
    Townships,
    townships_with_two_villages,
)
from sqlalchemy import select

from desktop.services.households.detail import show_household
from desktop.services.households.households import list_households
from desktop.services.printing.ledgers import print_household_file, print_roster
from desktop.store.models import Household, Monitoring

from . import pdf
from .pdf import need_poppler

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def townships(tmp_path_factory: pytest.TempPathFactory, postgres: object) -> Iterator[Townships]:
    need_poppler()
    made = townships_with_two_villages(tmp_path_factory.mktemp("ledgers-pg"), postgres)
    yield made
    made.close()


def test_roster_of_every_village_from_postgresql(townships: Townships, tmp_path: Path) -> None:
    ledger = townships.postgres.ledger
    target = tmp_path / "台账.pdf"
    result = print_roster(ledger, target, all_villages=True)
    pages = pdf.pages_text(target)
    assert result.pages == len(pages) >= 2
    households = list_households(ledger, all_villages=True)
    assert result.households == len(households) == 13
    everything = pdf.squash("".join(pages))
    for number, page in enumerate(pages, 1):
        assert f"第{number}页共{len(pages)}页" in pdf.squash(page)
    for row in households:
        assert row.number[:8] in everything and row.number[8:] in everything  # 户编号 wraps after 8
        for member in show_household(ledger, row.id).members:
            assert member["name"] in everything and member["id_number"] in everything
    for name, id_number in (OTHER_HEAD, OTHER_SPOUSE):
        assert name in everything and id_number in everything
    # the same roster as the township prints it from SQLite, page by page
    same = tmp_path / "sqlite.pdf"
    print_roster(townships.sqlite.ledger, same, all_villages=True)
    assert pdf.pages_text(same) == pages


def test_roster_of_one_village_from_postgresql(townships: Townships, tmp_path: Path) -> None:
    target = tmp_path / "日拉村.pdf"
    result = print_roster(townships.postgres.ledger, target, village_code=OTHER_CODE)
    flat = pdf.squash(pdf.text(target))
    assert result.households == 1
    assert "日拉村" in flat and OTHER_HEAD[1] in flat and OTHER_SPOUSE[0] in flat
    assert DEMO_CODE not in flat  # none of 亚弄村's households


def test_household_file_from_postgresql(townships: Townships, tmp_path: Path) -> None:
    ledger = townships.postgres.ledger
    with ledger.store.read_session() as session:
        monitored = session.execute(select(Monitoring.household_id)).scalars().first()
        household = session.get(Household, monitored)
        assert household is not None and household.number is not None
        number = household.number
    target = tmp_path / "一户一档.pdf"
    result = print_household_file(ledger, number, target)
    pages = pdf.pages_text(target)
    assert result.pages == len(pages) >= 4
    flat = pdf.squash("".join(pages))
    detail = show_household(ledger, number)
    for expected in (
        "一户一档",
        f"户编号{number}",
        "家庭成员",
        "家庭收入",
        "防返贫动态监测",
        "住房鉴定为C级危房",
    ):
        assert pdf.squash(expected) in flat, expected
    for member in detail.members:
        assert member["name"] in flat and member["id_number"] in flat
    for income in detail.incomes:
        assert f"{income.net.normalize():f}" in flat
    for pairing in detail.pairings:
        assert pairing["helper_name"] in flat
    same = tmp_path / "sqlite.pdf"
    print_household_file(townships.sqlite.ledger, number, same)
    assert pdf.pages_text(same) == pages
