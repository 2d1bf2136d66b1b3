"""The roster's 户编号 order: rows the service already lists in that order are shown as they are (no
sort through Python calls: seconds at 10,000 households), and any other order is still sorted."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.services.context import Ledger
from desktop.services.households.households import HouseholdRow
from desktop.ui.households.filter import HouseholdFilterProxy
from desktop.ui.households.table_model import (
    COL_MEMBERS,
    COL_NUMBER,
    HouseholdTableModel,
    SortRole,
    natural_key,
)
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from tests.ui.conftest import HOUSEHOLDS

# the offscreen platform cannot resize a window to its size hints, which is harmless here
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
ASCENDING, DESCENDING = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def row(number: str, members: int = 3) -> HouseholdRow:
    return HouseholdRow(
        f"id-{number}", number, f"户主{number}", "一组", "脱贫户", "已脱贫", members, "", False
    )


class CountingModel(HouseholdTableModel):
    """Counts the sort keys asked for: what a sort costs."""

    sort_calls = 0

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == SortRole:
            self.sort_calls += 1
        return super().data(index, role)


def shown(proxy: HouseholdFilterProxy, column: int = COL_NUMBER) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def roster() -> tuple[CountingModel, HouseholdFilterProxy]:
    model = CountingModel()
    proxy = HouseholdFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_NUMBER, ASCENDING)
    return model, proxy


def test_rows_in_number_order_are_shown_without_sorting(qtmodeltester: Any) -> None:
    model, proxy = roster()
    numbers = [f"5133012072010{n:03d}" for n in range(1, 1001)]
    model.set_rows([row(n) for n in numbers])
    assert shown(proxy) == numbers
    assert model.sort_calls == 0
    qtmodeltester.check(proxy)


def test_rows_out_of_number_order_are_still_sorted_naturally(qtmodeltester: Any) -> None:
    model, proxy = roster()
    model.set_rows([row("001"), row("10"), row("2")])  # plain string order, not 户编号 order
    assert shown(proxy) == ["001", "2", "10"]
    model.set_rows([row("1"), row("2"), row("3")])
    assert shown(proxy) == ["1", "2", "3"]
    model.set_rows([row("3"), row("1"), row("2")])
    assert shown(proxy) == ["1", "2", "3"]
    qtmodeltester.check(proxy)


def test_other_sorts_and_back() -> None:
    model, proxy = roster()
    model.set_rows([row("1", 5), row("2", 2), row("3", 9)])
    proxy.sort(COL_NUMBER, DESCENDING)
    assert shown(proxy) == ["3", "2", "1"]
    proxy.sort(COL_MEMBERS, ASCENDING)
    assert shown(proxy, COL_MEMBERS) == ["2", "5", "9"]
    model.set_rows([row("1", 5), row("2", 2), row("4", 1)])  # stays sorted by members
    assert shown(proxy, COL_MEMBERS) == ["1", "2", "5"]
    proxy.sort(COL_NUMBER, ASCENDING)
    assert shown(proxy) == ["1", "2", "4"]


def test_the_page_lists_a_village_in_number_order_and_opens_the_excel_wizard(
    ledger: Ledger, qtbot: Any
) -> None:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.households
    numbers = [page.proxy.index(r, COL_NUMBER).data() for r in range(page.proxy.rowCount())]
    assert numbers == sorted(numbers, key=natural_key) and len(numbers) == len(HOUSEHOLDS)
    page.findChild(QPushButton, "openXlsxImport").click()  # the wizard's module is loaded on first use
    dialog = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "XlsxImportDialog")
    qtbot.waitExposed(dialog)
    dialog.close()
