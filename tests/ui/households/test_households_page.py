"""The 农户 page in the main window over a real ledger: listing, search with debounce, sorting, keyboard,
privacy, filters."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

import desktop.services.households.households as households_service
from desktop.services.context import Ledger
from desktop.services.households.households import add_household
from desktop.ui.households.page import SEARCH_PLACEHOLDER, HouseholdsPage
from desktop.ui.households.table_model import COL_HEAD, COL_MEMBERS, COL_PHONE, HouseholdIdRole
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from tests.ui.conftest import HOUSEHOLDS, USER, VILLAGE_NAME

# the offscreen platform cannot resize a window to its size hints, which is harmless here
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(ledger: Ledger, qtbot: Any) -> Iterator[HouseholdsPage]:
    shown = MainWindow(UiContext(ledger))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown.households  # the window stays referenced while the test runs


def column(window: HouseholdsPage, col: int) -> list[str]:
    return [window.proxy.index(r, col).data() for r in range(window.proxy.rowCount())]


def test_title_status_and_count(window: HouseholdsPage) -> None:
    main = window.window()
    assert isinstance(main, MainWindow)
    assert main.windowTitle() == f"驻村台账 — {VILLAGE_NAME}"
    assert USER in main.status_label.text() and VILLAGE_NAME in main.status_label.text()
    assert "未导出修改" in main.sync_label.text()
    assert window.search_box.placeholderText() == SEARCH_PLACEHOLDER
    assert window.count_label.text() == f"共 {len(HOUSEHOLDS)} 户"


def test_lists_every_household_in_number_order(window: HouseholdsPage) -> None:
    assert column(window, COL_HEAD) == ["卓嘎", "格桑", "央金", "扎西次仁"]  # 001 002 003 010
    first = window.proxy.index(0, COL_HEAD).data(HouseholdIdRole)
    assert window.selected_household_id() == first  # the first row, ready for Enter


def test_phones_are_masked(window: HouseholdsPage) -> None:
    phones = column(window, COL_PHONE)
    assert phones[0] == "138****1234"
    assert all("13800001234" not in p and "2812345" not in p for p in phones)


def test_search_pinyin_initials_after_debounce(
    window: HouseholdsPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str | None] = []

    def counting(real: Callable[..., Any]) -> Callable[..., Any]:
        def read(ledger: Ledger, *args: Any, **kwargs: Any) -> Any:
            calls.append(kwargs.get("search", args[0] if args else None))
            return real(ledger, *args, **kwargs)

        return read

    # the page reads a search's keys either way, importing them on use: all at once, or a page at a
    # time (search_keys)
    for read in ("household_keys", "search_keys"):
        monkeypatch.setattr(households_service, read, counting(getattr(households_service, read)))
    qtbot.keyClicks(window.search_box, "zg")
    assert window.proxy.rowCount() == len(HOUSEHOLDS)  # nothing yet: the query waits for a pause
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1, timeout=2000)
    assert calls == ["zg"]  # one query for the two keystrokes
    assert column(window, COL_HEAD) == ["卓嘎"]
    assert window.count_label.text() == "共 1 户"

    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)  # clears at once
    assert window.search_box.text() == ""
    assert window.proxy.rowCount() == len(HOUSEHOLDS)


def test_search_full_pinyin_of_a_part_of_a_name(ledger: Ledger, qtbot: Any) -> None:
    """The page asks the same service as the command line: 卓玛, the end of 次仁卓玛, found by zhuoma
    typed key by key."""
    add_household(ledger, number="011", head={"name": "次仁卓玛"}, fields={"group_name": "二组"})
    shown = MainWindow(UiContext(ledger))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    page = shown.households
    page.search_box.setFocus()
    qtbot.keyClicks(page.search_box, "zhuoma")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=2000)
    assert column(page, COL_HEAD) == ["次仁卓玛"]
    assert page.count_label.text() == "共 1 户"


def type_with_input_method(widget: QWidget, text: str) -> None:
    """Chinese arrives from an input method as a committed string, not as key presses (and QTest's
    keyClicks only handles Latin-1)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_enter_searches_without_waiting(window: HouseholdsPage, qtbot: Any) -> None:
    type_with_input_method(window.search_box, "二组")
    assert window.search_box.text() == "二组"
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert sorted(column(window, COL_HEAD)) == sorted(["央金", "扎西次仁"])


def test_search_by_number_id_and_phone(window: HouseholdsPage, qtbot: Any) -> None:
    for text, head in [("010", "扎西次仁"), ("13912345678", "格桑"), ("19730315", "央金")]:
        window.search_box.setText(text)
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
        assert column(window, COL_HEAD) == [head], text


def test_click_header_sorts_by_member_count(window: HouseholdsPage, qtbot: Any) -> None:
    header = window.table.horizontalHeader()
    middle = QPoint(
        header.sectionViewportPosition(COL_MEMBERS) + header.sectionSize(COL_MEMBERS) // 2,
        header.height() // 2,
    )
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert column(window, COL_MEMBERS) == ["1", "2", "3", "5"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert column(window, COL_MEMBERS) == ["5", "3", "2", "1"]


def test_keyboard_from_search_to_row(window: HouseholdsPage, qtbot: Any) -> None:
    window.activateWindow()
    window.search_box.setFocus()
    qtbot.waitUntil(window.search_box.hasFocus)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.table.hasFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    expected = window.proxy.index(1, 0).data(HouseholdIdRole)
    assert window.selected_household_id() == expected
    with qtbot.waitSignal(window.household_requested) as activated:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert activated.args == [expected]
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()


def test_refresh_keeps_the_selected_household(window: HouseholdsPage, qtbot: Any) -> None:
    window.table.selectRow(2)
    chosen = window.selected_household_id()
    type_with_input_method(window.search_box, "脱贫户")  # not in the search index: no rows
    window.refresh()
    assert window.proxy.rowCount() == 0 and window.selected_household_id() is None
    window.search_box.clear()
    window.refresh()
    window.table.selectRow(2)
    window.refresh()
    assert window.selected_household_id() == chosen
