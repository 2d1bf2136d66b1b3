"""A search reads the search index alone (the listed columns kept beside each text) and sorts and
cuts in the database: it lists exactly the rows, in the order, that the roster of every household
lists for the households found — several villages with the same 户编号, a village without a name,
archived households, after edits — and its first page and count are that list's, on SQLite and on
PostgreSQL."""

from __future__ import annotations

from desktop.services.context import Ledger
from desktop.services.households.households import (
    HouseholdRow,
    add_household,
    archive_household,
    edit_household,
    household_keys,
    list_households,
    search_households,
)
from desktop.services.households.members import add_member
from desktop.store.models import Village
from desktop.store.writer import ChangeWriter

TERMS = ["zg", "z", "卓", "卓嘎", "00", "1", "一组", "德吉", "没有这个人"]


def villages(ledger: Ledger) -> list[str]:
    with ledger.store.session() as session:
        writer = ChangeWriter(session)
        second = writer.create(Village, {"code": "513302", "name": "德吉村"})
        unnamed = writer.create(Village, {"code": "513300", "name": ""})  # listed by its code
    here = ledger.current_village_id()
    assert here is not None
    return [here, second, unnamed]


def fill(ledger: Ledger) -> None:
    for n, village in enumerate(villages(ledger)):
        for number, head, group in [("001", "卓嘎", "一组"), ("010", "扎西", "二组"), ("2", "卓玛", None)]:
            add_household(
                ledger,
                number=number,
                head={"name": head if n != 1 else head + "卓"},
                fields={"group_name": group, "phone": f"1380000{n}{number}"},
                village_id=village,
            )
    add_household(ledger, number="0099", head={"name": "次仁卓嘎"}, fields={"category": "一般户"})
    add_member(ledger, "001", {"name": "白玛", "relation": "子女"})
    archive_household(ledger, "2", "迁出")


def roster(ledger: Ledger, term: str, *, archived: bool = False) -> list[HouseholdRow]:
    """Every household, read and sorted as the roster without a search does, cut to those found."""
    found = {r.id for r in list_households(ledger, search=term, all_villages=True, include_archived=archived)}
    every = list_households(ledger, all_villages=True, include_archived=archived)
    return [r for r in every if r.id in found]


def check(ledger: Ledger) -> None:
    for term in TERMS:
        for archived in (False, True):
            listed = list_households(ledger, search=term, all_villages=True, include_archived=archived)
            assert listed == roster(ledger, term, archived=archived), term
            for limit in (1, 2, 200):
                page = search_households(
                    ledger, term, all_villages=True, include_archived=archived, limit=limit
                )
                assert page.rows == listed[:limit] and page.total == len(listed), (term, limit)
                assert not page.more
            if len(listed) > 3:  # counted no further than asked: 超过 3 户
                page = search_households(
                    ledger, term, all_villages=True, include_archived=archived, limit=2, count_up_to=3
                )
                assert page.rows == listed[:2] and (page.total, page.more) == (3, True)
        keys = household_keys(ledger, search=term, all_villages=True)
        listed = list_households(ledger, search=term, all_villages=True)
        assert keys.ids == [r.id for r in listed]
        assert keys.village_names == [r.village_name for r in listed]
        assert keys.group_names == [r.group_name for r in listed]


def test_a_search_lists_the_rows_of_the_roster_in_its_order(any_ledger: Ledger) -> None:
    fill(any_ledger)
    found = list_households(any_ledger, search="卓嘎", all_villages=True)
    assert [(r.number, r.village_name) for r in found] == [
        ("001", "513300"),  # a village without a name: its code
        ("001", "亚弄村"),
        ("001", "德吉村"),
        ("0099", "亚弄村"),
    ]
    assert {r.member_count for r in found if r.number == "001" and r.village_name == "亚弄村"} == {2}
    check(any_ledger)
    # what a search shows follows an edit of the listed columns at once
    edit_household(any_ledger, "0099", {"group_name": "二组", "category": "脱贫户", "phone": "13912345678"})
    (edited,) = list_households(any_ledger, search="0099")
    assert (edited.group_name, edited.category, edited.phone) == ("二组", "脱贫户", "13912345678")
    assert [r.number for r in search_households(any_ledger, "二组", limit=5).rows] == ["0099", "010"]
    archive_household(any_ledger, "0099", "迁出")
    assert list_households(any_ledger, search="0099") == []
    assert search_households(any_ledger, "0099", include_archived=True).rows[0].archived
    check(any_ledger)


def test_a_short_term_found_in_most_households_or_in_few_lists_the_same_rows(any_ledger: Ledger) -> None:
    """One or two characters typed across a county: a term in most texts ('z', '1') is walked in the
    list's order by the plain pattern, one in few ('p', '平') by its trigrams; either way the first page
    and the count are those of the roster of every household cut to the ones found."""
    ledger = any_ledger
    here, second, _ = villages(ledger)
    for n in range(24):
        add_household(
            ledger,
            number=f"{n % 12:03d}",  # each 户编号 in two villages
            head={"name": "卓嘎" if n % 3 else "扎西"},
            fields={"phone": f"1380000{n:04d}"},
            village_id=here if n < 12 else second,
        )
    add_household(ledger, number="100", head={"name": "平措"}, village_id=second)
    archive_household(ledger, "005", "迁出")
    from desktop.store import search_index

    with ledger.store.read_session() as session:
        walked = session.get_bind().dialect.name == "sqlite"
        ways = {search_index.dense(session, p) for p in ("% z%", "%1%", "% p%")} if walked else set()
    assert ways == ({True, False} if walked else set())  # both ways are taken on SQLite
    for term in ("z", "1", "p", "平", "zg", "0", "卓"):
        listed = roster(ledger, term)
        for limit, up_to in ((3, 5), (5, 1000), (200, 1000)):
            page = search_households(ledger, term, all_villages=True, limit=limit, count_up_to=up_to)
            assert page.rows == listed[:limit], (term, limit)
            assert (page.total, page.more) == (min(len(listed), max(limit, up_to)), len(listed) > up_to)
