"""The roster's two reads — every household's keys first, then its rows a page at a time — list
exactly what ``list_households`` lists, in its order, on SQLite and on PostgreSQL."""

from __future__ import annotations

from desktop.services.context import Ledger
from desktop.services.households.households import (
    add_household,
    archive_household,
    household_keys,
    household_rows,
    list_households,
)
from desktop.services.households.members import add_member


def test_keys_then_rows_are_the_list(any_ledger: Ledger) -> None:
    ledger = any_ledger
    for number, head, group in [
        ("10", "卓嘎", "一组"),
        ("2", "格桑", "二组"),
        ("001", "央金", ""),
        ("3", "次仁", "一组"),
    ]:
        add_household(ledger, number=number, head={"name": head}, fields={"group_name": group or None})
    add_member(ledger, "10", {"name": "白玛", "relation": "子女"})
    archive_household(ledger, "3", "迁出")
    for search in (None, "zg", "一组", "2", "没有这个人"):
        listed = list_households(ledger, search=search)
        keys = household_keys(ledger, search=search)
        assert keys.ids == [r.id for r in listed], search
        assert keys.numbers == [r.number for r in listed]
        assert keys.group_names == [r.group_name for r in listed]
        assert keys.categories == [r.category for r in listed]
        assert keys.village_names == [r.village_name for r in listed]
        # any page, in the order asked
        assert household_rows(ledger, keys.ids[::-1]) == listed[::-1]
    assert [r.head_name for r in household_rows(ledger, household_keys(ledger).ids)] == [
        "央金",  # 001
        "卓嘎",  # 10
        "格桑",  # 2: 户编号 as text, as list_households orders them
    ]
    assert household_rows(ledger, ["no-such-id"]) == []
