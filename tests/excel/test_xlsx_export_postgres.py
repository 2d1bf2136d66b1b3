"""Excel export on a township's PostgreSQL: a village's roster (and its gaps and visits) read back with
openpyxl holds the same rows as the same township exports from SQLite, and as the village itself
exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pg_township import (
    DEMO_CODE,
    OTHER_CODE,
    OTHER_HEAD,
    OTHER_SPOUSE,
    Townships,
    townships_with_two_villages,
)

from desktop.services.context import Ledger
from desktop.services.xlsx.exporting import export_gaps, export_roster, export_visits

from .sheets import NATIONAL

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def townships(tmp_path_factory: pytest.TempPathFactory, postgres: object) -> Iterator[Townships]:
    made = townships_with_two_villages(tmp_path_factory.mktemp("xlsx-pg"), postgres)
    yield made
    made.close()


def rows(path: Path) -> list[list[Any]]:
    book = load_workbook(path)
    (sheet,) = book.worksheets
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def exported(ledger: Ledger, path: Path, code: str | None, export: Any = export_roster) -> list[list[Any]]:
    export(ledger, path, village_code=code)
    return rows(path)


def test_roster_from_postgresql_equals_sqlite_and_the_village(townships: Townships, tmp_path: Path) -> None:
    on_postgres = exported(townships.postgres.ledger, tmp_path / "pg.xlsx", DEMO_CODE)
    assert on_postgres[0] == NATIONAL
    assert len(on_postgres) > 12  # a row per person of the demo village's 12 households
    assert on_postgres == exported(townships.sqlite.ledger, tmp_path / "sqlite.xlsx", DEMO_CODE)
    assert on_postgres == exported(townships.villages[0].ledger, tmp_path / "village.xlsx", None)
    ids = {row[NATIONAL.index("证件号码")] for row in on_postgres[1:]}
    assert len(ids) == len(on_postgres) - 1 and all(isinstance(i, str) and len(i) == 18 for i in ids)


def test_roster_of_the_other_village(townships: Townships, tmp_path: Path) -> None:
    sheet = exported(townships.postgres.ledger, tmp_path / "rila.xlsx", OTHER_CODE)
    people = {(row[NATIONAL.index("姓名")], row[NATIONAL.index("证件号码")]) for row in sheet[1:]}
    assert people == {OTHER_HEAD, OTHER_SPOUSE}
    assert {row[NATIONAL.index("行政村")] for row in sheet[1:]} == {"日拉村"}


def test_gaps_and_visits_from_postgresql_equal_sqlite(townships: Townships, tmp_path: Path) -> None:
    for export in (export_gaps, export_visits):
        on_postgres = exported(townships.postgres.ledger, tmp_path / "pg.xlsx", DEMO_CODE, export)
        assert len(on_postgres) > 1
        assert on_postgres == exported(townships.sqlite.ledger, tmp_path / "sqlite.xlsx", DEMO_CODE, export)


def test_a_township_exports_every_village_unless_one_is_named(townships: Townships, tmp_path: Path) -> None:
    everything = exported(townships.postgres.ledger, tmp_path / "all.xlsx", None)
    villages = {row[NATIONAL.index("行政村")] for row in everything[1:]}
    assert len(villages) >= 2 and "日拉村" in villages  # the roster's own 行政村 column says which
    one = exported(townships.postgres.ledger, tmp_path / "rila.xlsx", OTHER_CODE)
    assert sorted(map(tuple, one[1:])) == sorted(
        tuple(row) for row in everything[1:] if row[NATIONAL.index("行政村")] == "日拉村"
    )
    for export in (export_gaps, export_visits):  # a 村 column first when several villages are in it
        sheet = exported(townships.sqlite.ledger, tmp_path / "several.xlsx", None, export)
        assert sheet[0][0] == "村" and {row[0] for row in sheet[1:]} <= villages
        single = exported(townships.sqlite.ledger, tmp_path / "single.xlsx", DEMO_CODE, export)
        assert single[0][0] != "村"
        assert [row[1:] for row in sheet[1:] if row[0] == single_name(townships, DEMO_CODE)] == single[1:]


def single_name(townships: Townships, code: str) -> str:
    from desktop.services.village.info import list_villages

    return next(v.name for v in list_villages(townships.sqlite.ledger) if v.code == code)
