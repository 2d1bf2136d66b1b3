"""The roster goes out and comes back: exported from the demo village and imported into a new ledger
of the same village, every field the roster carries is equal in the two dumps; imported back into the
village it came from, it changes nothing at all."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desktop.app import open_ledger
from desktop.excel.headers import NATIONAL_ROSTER
from desktop.services.context import Ledger
from desktop.services.demo import create_demo
from desktop.services.maintenance.dump import dump_ledger
from desktop.services.setup import init_village
from desktop.services.xlsx.exporting import export_roster
from desktop.services.xlsx.importing import import_roster

TODAY = dt.date(2026, 11, 23)  # the day the conftest ledgers live on

ROSTER_FIELDS = {
    table: {f for _, (t, f) in NATIONAL_ROSTER if t == table} for table in ("household", "member")
}
ROSTER_FIELDS["member"] |= {"sex", "birth_date"}  # read from the ID number


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    ledger = open_ledger(tmp_path_factory.mktemp("demo") / "home", create=True)
    ledger.today = lambda: TODAY
    create_demo(ledger)
    yield ledger
    ledger.store.close()


def roster_view(dump: str) -> dict[str, Any]:
    """The live households of a dump, by 户编号, with the fields a roster carries and their people."""
    records = json.loads(dump)
    view: dict[str, Any] = {}
    numbers = {}
    for household in records["household"]:
        if household["number"] and not household["archived"]:
            numbers[household["id"]] = household["number"]
            view[household["number"]] = {
                "fields": {k: v for k, v in household.items() if k in ROSTER_FIELDS["household"]},
                "members": [],
            }
    for member in records["member"]:
        if member["household_id"] in numbers and not member["archived"]:
            fields = {k: v for k, v in member.items() if k in ROSTER_FIELDS["member"]}
            view[numbers[member["household_id"]]]["members"].append(fields)
    for entry in view.values():
        entry["members"].sort(key=lambda m: (m["id_number"] or "", m["name"]))
    return view


def sheet_values(path: Path) -> list[list[Any]]:
    return [list(row) for row in load_workbook(path).active.iter_rows(values_only=True)]  # type: ignore[union-attr]


def test_export_then_import_into_a_new_village_gives_an_equal_dump(demo: Ledger, tmp_path: Path) -> None:
    roster = tmp_path / "花名册.xlsx"
    exported = export_roster(demo, roster)
    assert (exported.households, exported.rows) == (71, 374)

    fresh = open_ledger(tmp_path / "new", create=True)
    fresh.today = lambda: TODAY
    try:
        init_village(
            fresh, code="513301207201", name="亚弄村", user="洛桑", province="四川省", county="康定市",
            township="甲根坝乡",
        )  # fmt: skip
        report = import_roster(fresh, roster)
        assert [p.describe() for p in report.problems] == []
        assert (len(report.added_households), report.members_added) == (71, 374)
        assert roster_view(dump_ledger(fresh)) == roster_view(dump_ledger(demo))

        # and the new village's roster is the same spreadsheet, but for the two figures the ledger
        # derives from records a roster does not carry (house appraisals, yearly income)
        again = tmp_path / "花名册-新.xlsx"
        export_roster(fresh, again)
        headers = [h for h, _ in NATIONAL_ROSTER]
        derived = {headers.index("危房户"), headers.index("人均纯收入")}
        original, copy = sheet_values(roster), sheet_values(again)
        assert len(original) == len(copy) == 375
        for left, right in zip(original, copy, strict=True):
            assert [v for i, v in enumerate(left) if i not in derived] == [
                v for i, v in enumerate(right) if i not in derived
            ]
    finally:
        fresh.store.close()


def test_importing_a_villages_own_roster_changes_nothing(demo: Ledger, tmp_path: Path) -> None:
    roster = tmp_path / "花名册.xlsx"
    export_roster(demo, roster)
    before = dump_ledger(demo)
    report = import_roster(demo, roster)
    assert report.problems == [] and report.written
    assert (report.added_households, report.added_members, report.changes) == ([], [], [])
    assert (report.unchanged_households, report.unchanged_members) == (71, 374)
    assert dump_ledger(demo) == before
