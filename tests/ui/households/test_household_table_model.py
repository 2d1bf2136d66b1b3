"""The roster model on its own: no window, no database."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from desktop.services.households.households import HouseholdRow
from desktop.ui.households.table_model import (
    COL_CATEGORY,
    COL_GROUP,
    COL_HEAD,
    COL_MEMBERS,
    COL_NUMBER,
    COL_PHONE,
    COL_STATUS,
    HouseholdIdRole,
    HouseholdTableModel,
    SortRole,
    natural_key,
)

Display = Qt.ItemDataRole.DisplayRole


def row(number: str, head: str, members: int, phone: str = "13800001234") -> HouseholdRow:
    return HouseholdRow(
        id=f"id-{number}",
        number=number,
        head_name=head,
        group_name="一组",
        category="脱贫户",
        poverty_status="已脱贫",
        member_count=members,
        phone=phone,
        archived=False,
    )


ROWS = [row("001", "卓嘎", 3), row("10", "格桑", 12, "0836-2812345"), row("2", "央金", 2, "")]


def test_headers_and_cells() -> None:
    model = HouseholdTableModel()
    model.set_rows(ROWS)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["户编号", "户主", "村民小组", "户类别", "脱贫属性", "人数", "联系电话", "村"]
    assert model.rowCount() == 3
    cells: dict[int, Any] = {
        COL_NUMBER: "001",
        COL_HEAD: "卓嘎",
        COL_GROUP: "一组",
        COL_CATEGORY: "脱贫户",
        COL_STATUS: "已脱贫",
        COL_MEMBERS: "3",
        COL_PHONE: "138****1234",
    }
    for column, text in cells.items():
        assert model.index(0, column).data(Display) == text
    assert model.index(1, COL_PHONE).data(HouseholdIdRole) == "id-10"
    assert model.index(0, COL_MEMBERS).data(SortRole) == 3


def test_phones_are_masked_until_asked(qtbot: Any) -> None:
    model = HouseholdTableModel()
    model.set_rows(ROWS)
    assert [model.index(r, COL_PHONE).data() for r in range(3)] == ["138****1234", "083*****2345", ""]
    with qtbot.waitSignal(model.dataChanged):
        model.set_show_phones(True)
    assert model.index(0, COL_PHONE).data() == "13800001234"


def test_natural_key_orders_numbers_as_numbers() -> None:
    assert sorted(["10", "2", "001", "A-10", "A-9"], key=natural_key) == ["001", "2", "10", "A-9", "A-10"]


def test_set_rows_resets(qtbot: Any) -> None:
    model = HouseholdTableModel()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(ROWS)
    model.set_rows([])
    assert model.rowCount() == 0
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = HouseholdTableModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)


@pytest.mark.parametrize(
    ("column", "expected"),
    [(COL_MEMBERS, ["2", "3", "12"]), (COL_NUMBER, ["001", "2", "10"])],
)
def test_proxy_sorts_numerically(column: int, expected: list[str], qtmodeltester: Any) -> None:
    model = HouseholdTableModel()
    model.set_rows(ROWS)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, column).data() for r in range(3)] == expected
    qtmodeltester.check(proxy)


def test_a_number_of_digits_only_sorts_as_the_same_digits_in_text() -> None:
    """The all-digit 户编号 (the usual one) keys like a digit run inside a text does."""
    for number in ("0", "000", "7", "0012", "1200", "51330120720100001"):
        assert natural_key(number) + "-" == natural_key(number + "-")
    assert sorted(["10", "9", "0010", "009", "100"], key=natural_key) == ["9", "009", "10", "0010", "100"]
