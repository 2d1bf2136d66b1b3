"""Income by year: recorded through the change log, one record per household and year, checked before
anything is written, compared with the year's line, and carried to the township in a bundle."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from records import make_id_number
from sync.devices import join, township_device, village_device

from desktop.domain.errors import InvalidInput, NotFound
from desktop.services.assistance.measures import add_measure, add_pairing, change_helper
from desktop.services.context import Ledger
from desktop.services.exchange.bundles import Outcome
from desktop.services.households.detail import show_household
from desktop.services.households.households import add_household
from desktop.services.households.incomes import (
    income_of,
    incomes_of,
    preview_income,
    record_income,
    remove_income,
)
from desktop.services.households.members import add_member
from desktop.services.maintenance.dump import dump_ledger
from desktop.store.ids import natural_id


@pytest.fixture
def family(ledger: Ledger) -> Ledger:
    """Household 001: 卓嘎 and her two sons (three people)."""
    add_household(
        ledger, number="001", head={"name": "卓嘎", "id_number": make_id_number(dt.date(1975, 1, 1), 2)}
    )
    add_member(ledger, "001", {"name": "次仁", "relation": "之子"})
    add_member(ledger, "001", {"name": "格桑", "relation": "之子"})
    return ledger


def test_a_year_is_recorded_and_the_household_window_shows_it_per_person_against_the_line(
    family: Ledger,
) -> None:
    result = record_income(
        family,
        household="001",
        year=2025,
        wage="6,000",
        business=Decimal("3000.50"),
        property=600,
        transfer_dibao="1200",
        transfer_pension="960",
        business_costs="900.5",
        note="入户核算",
    )
    record = result.record
    assert result.previous is None
    assert record.transfer == Decimal("2160")  # no total given: the parts added up
    assert record.net == Decimal("10860") and record.members == 3
    assert record.per_person == Decimal("3620")
    line = family.policy.poverty_line(2025, "四川省").amount
    assert record.poverty_line == line and record.above_poverty_line is (Decimal("3620") > line)
    (year,) = show_household(family, "001").incomes
    assert (year.year, year.net, year.per_person, year.poverty_line) == (
        2025,
        Decimal("10860"),
        Decimal("3620"),
        line,
    )
    household_id = show_household(family, "001").id
    assert record.id == natural_id("income", household_id, "2025")  # the id two devices agree on


def test_recording_a_year_again_edits_it_and_the_total_follows_its_parts(family: Ledger) -> None:
    first = record_income(
        family, household="001", year=2024, wage=5000, transfer_dibao=1000, transfer_eco=500
    )
    second = record_income(family, household="001", year=2024, transfer_dibao=1500)
    assert second.record.id == first.record.id
    assert second.previous is not None and second.previous.transfer == Decimal("1500")
    assert second.record.transfer == Decimal("2000") and second.record.wage == Decimal("5000")
    assert set(second.changed) == {"transfer", "transfer_dibao"}
    assert [r.year for r in incomes_of(family, household="001")] == [2024]
    assert dump_ledger(family).count('"year":2024') == 1
    # a total larger than the parts (some transfers not itemised) is kept when one part changes
    record_income(family, household="001", year=2024, transfer=3000)
    third = record_income(family, household="001", year=2024, transfer_eco=800)
    assert third.record.transfer == Decimal("3000")
    # None clears a figure
    cleared = record_income(family, household="001", year=2024, wage=None)
    assert cleared.record.wage is None and cleared.record.net == Decimal("3000")
    assert record_income(family, household="001", year=2024, transfer=3000).changed == ()


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"wage": "五千"}, "工资性收入"),
        ({"business": "-100"}, "生产经营性收入"),
        ({"property": "12.345"}, "财产性收入"),
        ({"business_costs": "1e9"}, "生产经营性支出"),
        ({"year": 2027, "wage": 100}, "收入年度"),
        ({"year": 2005, "wage": 100}, "收入年度"),
        ({"transfer": 1000, "transfer_dibao": 800, "transfer_pension": 400}, "转移性收入"),
        ({"note": "备注"}, "至少填写一项收入"),
        ({"wage": 100, "transfer_other": "NaN"}, "其他转移性收入"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
    family: Ledger, arguments: dict[str, Any], named: str
) -> None:
    record_income(family, household="001", year=2023, wage=4000)
    before = dump_ledger(family)
    call = {"household": "001", "year": 2025} | arguments
    with pytest.raises(InvalidInput, match=named):
        record_income(family, **call)
    if "note" not in arguments:  # also with a good figure, for a year that exists
        with pytest.raises(InvalidInput, match=named):
            record_income(family, **({"wage": 9999, "household": "001", "year": 2023} | arguments))
    assert dump_ledger(family) == before


def test_a_removed_year_leaves_the_lists_and_can_be_entered_again(family: Ledger) -> None:
    record_income(family, household="001", year=2022, wage=4000, business=2000)
    removed = remove_income(family, household="001", year=2022, reason="录错了户")
    assert removed.year == 2022
    assert income_of(family, household="001", year=2022) is None
    assert show_household(family, "001").incomes == []
    with pytest.raises(NotFound, match="2022"):
        remove_income(family, household="001", year=2022)
    again = record_income(family, household="001", year=2022, wage=4100)
    assert again.previous is None and again.record.business is None  # starts afresh
    assert [i.net for i in show_household(family, "001").incomes] == [Decimal("4100")]


def test_preview_shows_what_would_be_recorded_without_writing(family: Ledger) -> None:
    before = dump_ledger(family)
    preview = preview_income(family, household="001", year=2025, wage="3000", transfer_dibao="600")
    assert preview.net == Decimal("3600") and preview.per_person == Decimal("1200") and preview.members == 3
    with pytest.raises(InvalidInput, match="工资性收入"):
        preview_income(family, household="001", year=2025, wage="3千")
    assert dump_ledger(family) == before


def test_incomes_measures_and_a_helper_change_travel_to_the_township(tmp_path: Path) -> None:
    village, township = village_device(tmp_path, "v1"), township_device(tmp_path)
    try:
        join(village, township)
        ledger = village.ledger
        add_household(
            ledger, number="001", head={"name": "卓嘎", "id_number": make_id_number(dt.date(1975, 1, 1), 2)}
        )
        record_income(ledger, household="001", year=2025, wage=5200, transfer_dibao=1200)
        add_measure(ledger, household="001", group_name="产业", project="牦牛养殖", funds="3000")
        add_pairing(ledger, household="001", helper_name="张华", start_on=dt.date(2021, 6, 1))
        change_helper(ledger, household="001", helper_name="李明", on=dt.date(2026, 3, 1))
        report = township.receive(village.send(township))
        assert report.outcome == Outcome.APPLIED
        assert township.dump("513301") == village.dump("513301")
        household_id = show_household(ledger, "001").id
        there = show_household(township.ledger, household_id)
        assert [(i.year, i.net) for i in there.incomes] == [(2025, Decimal("6400"))]
        assert [m["project"] for m in there.measures] == ["牦牛养殖"]
        assert [(p["helper_name"], p["end_on"]) for p in there.pairings] == [
            ("张华", "2026-02-28"),
            ("李明", None),
        ]
        # the township corrects the year; the same record (same id) is edited and the change comes back
        record_income(township.ledger, household=household_id, year=2025, wage=5400)
        assert village.receive(township.send(village)).outcome == Outcome.APPLIED
        assert income_of(ledger, household="001", year=2025).net == Decimal("6600")  # type: ignore[union-attr]
        assert village.dump("513301") == township.dump("513301")
    finally:
        village.close()
        township.close()


def test_a_removed_year_no_longer_feeds_the_data_quality_check(family: Ledger) -> None:
    from desktop.services.maintenance.check import run_check

    def problems() -> list[str]:
        return [q.problem for q in run_check(family).quality if q.household_number == "001"]

    record_income(family, household="001", year=2025, wage=6000, business=2000, business_costs=300)
    clean = problems()
    record_income(family, household="001", year=2026, business=5000)  # the wrong year, no costs
    assert any("生产经营" in p for p in problems()) and problems() != clean
    remove_income(family, household="001", year=2026)
    assert problems() == clean  # back to 2025's figures
