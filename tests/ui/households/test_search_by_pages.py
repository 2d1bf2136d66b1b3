"""A search that finds more households than a page shows the first ones and how many it finds at once,
and the rest as the list scrolls to them: the same rows in the same order as the whole roster cut by
hand to those found; sorting, the filters and the export cover every household found."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.services.context import Ledger
from desktop.store.models import Household, Member
from desktop.store.writer import ChangeWriter
from desktop.ui.households.page import HouseholdsPage
from desktop.ui.households.table_model import COL_GROUP, COL_HEAD, COL_MEMBERS, COL_NUMBER
from desktop.ui.shell.context import UiContext
from tests.ui.conftest import on_screen
from tests.ui.households.test_households_page import type_with_input_method

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
PAGE = 5  # keys read at a time in these tests (200 in the program)


@pytest.fixture
def page(any_ledger: Ledger, qtbot: Any) -> Iterator[HouseholdsPage]:
    """The page over 40 households, on SQLite and on PostgreSQL."""
    ledger = any_ledger
    village_id = ledger.current_village_id()
    with ledger.store.session() as session:
        writer = ChangeWriter(session)
        for i in range(11, 51):  # 011 … 050
            household_id = writer.create(
                Household, {"number": f"{i:03d}", "village_id": village_id, "group_name": f"{i % 3 + 1}组"}
            )
            head = "卓嘎" if i % 4 else "扎西"
            writer.create(Member, {"household_id": household_id, "name": head, "relation": "户主"})
            for k in range(i % 5):
                writer.create(Member, {"household_id": household_id, "name": f"家人{k}", "relation": "子女"})
    shown = on_screen(HouseholdsPage(UiContext(ledger)), qtbot, 1000, 600)
    shown.model.key_page = PAGE
    yield shown


def rows(page: HouseholdsPage) -> list[tuple[str, ...]]:
    columns = (COL_NUMBER, COL_HEAD, COL_GROUP, COL_MEMBERS)
    return [tuple(str(page.proxy.index(r, c).data()) for c in columns) for r in range(page.proxy.rowCount())]


def search(page: HouseholdsPage, qtbot: Any, text: str) -> None:
    page.search_box.setFocus()
    page.search_box.clear()
    type_with_input_method(page.search_box, text)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)


def scroll_to_the_end(page: HouseholdsPage, qtbot: Any) -> None:
    """As a user does: Ctrl+End until the list grows no more."""
    page.table.setFocus()
    while True:
        before = page.proxy.rowCount()
        qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(10)
        if page.proxy.rowCount() == before:
            return


def test_a_long_search_reads_its_households_as_the_list_scrolls(page: HouseholdsPage, qtbot: Any) -> None:
    roster = rows(page)  # every household, no search
    by_hand = [r for r in roster if "卓" in r[1]]  # 卓嘎 is the head of 30 households; no one else has 卓
    assert len(by_hand) == 30
    search(page, qtbot, "卓")
    assert page.count_label.text() == f"共 {len(by_hand)} 户"  # counted, not read
    assert PAGE <= page.model.rowCount() < len(by_hand)  # the screen's worth (the view may ask for more)
    assert rows(page) == by_hand[: page.proxy.rowCount()]
    scroll_to_the_end(page, qtbot)
    assert rows(page) == by_hand
    assert page.count_label.text() == f"共 {len(by_hand)} 户"
    # the same search again (an edit elsewhere): as many rows as were there, the selection kept
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # the last household selected
    chosen = page.selected_household_id()
    assert chosen is not None
    page.refresh()
    assert rows(page) == by_hand and page.selected_household_id() == chosen


def test_sorting_and_filters_cover_every_household_found(page: HouseholdsPage, qtbot: Any) -> None:
    by_hand = [r for r in rows(page) if "卓" in r[1]]
    search(page, qtbot, "卓")
    assert page.model.rowCount() < len(by_hand)
    page.table.sortByColumn(COL_MEMBERS, Qt.SortOrder.DescendingOrder)
    assert [r[3] for r in rows(page)] == sorted((r[3] for r in by_hand), reverse=True)
    assert sorted(rows(page)) == sorted(by_hand)
    page.table.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    assert rows(page) == by_hand
    # the groups offered are those of every household found, whichever were read
    search(page, qtbot, "扎西")
    search(page, qtbot, "卓")
    assert page.model.rowCount() < len(by_hand)
    page.group_filter.setFocus()
    choices = [page.group_filter.itemText(i) for i in range(1, page.group_filter.count())]
    assert choices == sorted({r[2] for r in by_hand if r[2]})
    page.group_filter.setCurrentIndex(page.group_filter.findText("2组"))
    assert rows(page) == [r for r in by_hand if r[2] == "2组"]
    assert page.count_label.text() == f"共 {len([r for r in by_hand if r[2] == '2组'])} 户"
    page.group_filter.setCurrentIndex(0)
    # the export: every household found, in the list's order
    search(page, qtbot, "扎西")
    search(page, qtbot, "卓")
    assert page.model.rowCount() < len(by_hand)
    _headers, exported = page.shown_rows()
    assert [tuple(r[:2]) for r in exported] == [r[:2] for r in by_hand]


def test_a_search_that_finds_more_than_it_counts_says_so(page: HouseholdsPage, qtbot: Any) -> None:
    page.count_up_to = 20
    by_hand = [r for r in rows(page) if "卓" in r[1]]
    search(page, qtbot, "卓")
    assert page.count_label.text() == "超过 20 户"
    scroll_to_the_end(page, qtbot)
    assert rows(page) == by_hand and page.count_label.text() == f"共 {len(by_hand)} 户"
