"""A long roster shows every household at once and reads each row's cells (户主, 人数, 电话) when it
comes into view: the end of the list, reached with the keyboard, shows the last household whole;
search, sorting and the filters work over all of them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.app import open_ledger
from desktop.services.context import Ledger
from desktop.services.setup import init_village
from desktop.store.models import Household, Member
from desktop.store.writer import ChangeWriter
from desktop.ui.households.page import HouseholdsPage
from desktop.ui.households.table_model import COL_HEAD, COL_MEMBERS, COL_NUMBER, PAGE_ROWS, HouseholdIdRole
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from tests.ui.households.test_households_page import type_with_input_method

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
COUNT = 3 * PAGE_ROWS + 50  # four pages of rows


@pytest.fixture
def long_village(tmp_path: Path) -> Iterator[Ledger]:
    ledger = open_ledger(tmp_path / "home", create=True)
    village_id = init_village(ledger, code="513301", name="亚弄村", user="扎西").village_id
    with ledger.store.session() as session:  # the services' write path, in one transaction for speed
        writer = ChangeWriter(session)
        for i in range(1, COUNT + 1):
            household_id = writer.create(
                Household,
                {"number": f"{i:03d}", "village_id": village_id, "group_name": "一组" if i % 2 else "二组"},
            )
            writer.create(Member, {"household_id": household_id, "name": f"户主{i:03d}", "relation": "户主"})
            for k in range(i % 4):
                writer.create(
                    Member, {"household_id": household_id, "name": f"家人{i}-{k}", "relation": "子女"}
                )
    yield ledger
    ledger.store.close()


@pytest.fixture
def page(long_village: Ledger, qtbot: Any) -> HouseholdsPage:
    window = MainWindow(UiContext(long_village))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window.households


def shown_cell(page: HouseholdsPage, row: int, column: int) -> str:
    return str(page.proxy.index(row, column).data())


def test_every_household_is_listed_and_only_the_rows_in_view_are_read(page: HouseholdsPage) -> None:
    assert page.count_label.text() == f"共 {COUNT} 户"
    assert page.proxy.rowCount() == COUNT
    assert page.model.rows_read() <= PAGE_ROWS  # the rows on the screen, not four pages


def test_the_end_of_the_list_shows_the_last_household(page: HouseholdsPage, qtbot: Any) -> None:
    page.activateWindow()
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    last = page.proxy.rowCount() - 1
    assert page.table.currentIndex().row() == last
    rect = page.table.visualRect(page.proxy.index(last, COL_HEAD))
    assert page.table.viewport().rect().contains(rect.center())  # scrolled into view
    assert shown_cell(page, last, COL_NUMBER) == f"{COUNT:03d}"
    assert shown_cell(page, last, COL_HEAD) == f"户主{COUNT:03d}"
    assert shown_cell(page, last, COL_MEMBERS) == str(1 + COUNT % 4)
    assert page.model.rows_read() < COUNT  # the rows in between were never needed
    # Ctrl+End moves without selecting (many rows may be selected): Up, Down selects the last one
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.selected_household_id() == page.proxy.index(last, COL_NUMBER).data(HouseholdIdRole)
    with qtbot.waitSignal(page.household_requested) as activated:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert activated.args == [page.selected_household_id()]


def test_search_narrows_and_escape_brings_every_household_back(page: HouseholdsPage, qtbot: Any) -> None:
    page.search_box.setFocus()
    type_with_input_method(page.search_box, "户主6")  # 600 … 650: by the head's name
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    heads = [shown_cell(page, r, COL_HEAD) for r in range(page.proxy.rowCount())]
    assert heads == [f"户主{n}" for n in range(600, COUNT + 1)]
    assert page.count_label.text() == f"共 {len(heads)} 户"
    qtbot.keyClick(page.search_box, Qt.Key.Key_Escape)
    assert page.proxy.rowCount() == COUNT


def test_sorting_by_members_and_filtering_by_group_cover_every_household(
    page: HouseholdsPage, qtbot: Any
) -> None:
    header = page.table.horizontalHeader()
    middle = QPoint(
        header.sectionViewportPosition(COL_MEMBERS) + header.sectionSize(COL_MEMBERS) // 2,
        header.height() // 2,
    )
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    members = [int(shown_cell(page, r, COL_MEMBERS)) for r in range(page.proxy.rowCount())]
    assert members == sorted(members) and members[0] == 1 and members[-1] == 4 and len(members) == COUNT
    page.group_filter.setFocus()
    qtbot.keyClick(page.group_filter, Qt.Key.Key_Down)  # 全部小组 → 一组
    assert page.group_filter.currentText() == "一组"
    assert page.proxy.rowCount() == (COUNT + 1) // 2
    assert page.count_label.text() == f"共 {(COUNT + 1) // 2} 户"
