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
        # any page, in the order asked; from the search index (a search's rows) the same
        assert household_rows(ledger, keys.ids[::-1]) == listed[::-1]
        assert household_rows(ledger, keys.ids[::-1], from_index=True) == listed[::-1]
    assert [r.head_name for r in household_rows(ledger, household_keys(ledger).ids)] == [
        "央金",  # 001
        "卓嘎",  # 10
        "格桑",  # 2: 户编号 as text, as list_households orders them
    ]
    assert household_rows(ledger, ["no-such-id"]) == household_rows(ledger, ["x"], from_index=True) == []
    everyone = household_keys(ledger).ids + [r.id for r in list_households(ledger, include_archived=True)]
    assert household_rows(ledger, everyone, from_index=True) == household_rows(ledger, everyone)


def test_a_search_read_a_page_at_a_time_is_its_keys_in_order(any_ledger: Ledger) -> None:
    """``search_keys``' pages, one after the other, are ``household_keys``' list for the search, and
    the first counts it as ``search_households`` does (超过 N 户); where every 户编号 is digits of one
    length their order as text is the roster's, which ``numbers_sort_as_text`` says."""
    from desktop.services.households.households import numbers_sort_as_text, search_keys
    from desktop.store.models import Village
    from desktop.store.writer import ChangeWriter

    ledger = any_ledger
    with ledger.store.session() as session:
        second = ChangeWriter(session).create(Village, {"code": "513302", "name": "色乌绒村"})
        ChangeWriter(session).create(Village, {"code": "513303", "name": "还没有农户的村"})  # lists none
    for n in range(14):
        add_household(
            ledger,
            number=f"{n % 7:03d}",  # each 户编号 in both villages
            head={"name": "卓嘎" if n % 3 else "扎西"},
            fields={"group_name": "一组" if n % 2 else "二组"},
            village_id=None if n < 7 else second,
        )
    archive_household(ledger, "004", "迁出")
    assert numbers_sort_as_text(ledger) and numbers_sort_as_text(ledger, all_villages=True)
    for term in ("z", "zg", "卓", "0", "一组", "没有这个人"):
        whole = household_keys(ledger, search=term, all_villages=True)
        for size in (1, 4, 100):
            first = search_keys(ledger, term, all_villages=True, limit=size, count_up_to=5)
            ids, offset = list(first.keys.ids), len(first.keys.ids)
            while len(
                page := search_keys(ledger, term, all_villages=True, offset=offset, limit=size).keys.ids
            ):
                ids += page
                offset += len(page)
            assert ids == whole.ids, (term, size)
            assert (
                search_keys(ledger, term, all_villages=True, offset=size, limit=None).keys.ids == ids[size:]
            )
            assert (first.total, first.more) == (min(len(ids), max(5, size)), len(ids) > 5), (term, size)
            assert first.longest_village == "色乌绒村"  # the longest name a county's list may show
        mine = search_keys(ledger, term, limit=100)  # the current village's, as household_keys'
        assert mine.keys == household_keys(ledger, search=term) and mine.longest_village == ""
    add_household(ledger, number="10", head={"name": "央金"})
    assert not numbers_sort_as_text(ledger)  # "10" sorts before "2" as text, after it in the list
    assert numbers_sort_as_text(ledger, village_id=second)
    add_household(ledger, number="00A", head={"name": "央金"}, village_id=second)
    assert not numbers_sort_as_text(ledger, village_id=second)
