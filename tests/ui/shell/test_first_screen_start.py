"""A village laptop's start shows its first screen (read with plain sqlite3, services/first_screen)
before the ledger is open, and the window is the one the open ledger shows: the same list in the same
order, the same count, title and status bar; the sync figures and everything else once it is open. An
action taken before then waits for the opening."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from desktop.app import open_ledger, opening_check
from desktop.services.context import Ledger
from desktop.services.first_screen import FirstScreen, first_screen
from desktop.ui.households.window import HouseholdDialog
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from tests.ui.conftest import HOUSEHOLDS, build_village

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def screen(tmp_path: Path) -> FirstScreen:
    build_village(tmp_path).store.close()
    found = first_screen(tmp_path)
    assert found is not None
    return found


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[list[Ledger]]:
    """The ledgers a test opens (as run_gui opens them), closed after it."""
    ledgers: list[Ledger] = []
    yield ledgers
    for ledger in ledgers:
        ledger.store.close()


def open_as_the_app(home: Path, opened: list[Ledger]) -> Ledger:
    ledger = open_ledger(home, defer_checks=True)
    opened.append(ledger)
    return ledger


def test_the_first_screen_is_the_window_of_the_open_ledger(
    screen: FirstScreen, tmp_path: Path, opened: list[Ledger], qtbot: Any
) -> None:
    ctx = UiContext(None, first=screen)
    early = MainWindow(ctx)
    qtbot.addWidget(early)
    early.show()
    usual = MainWindow(UiContext(open_as_the_app(tmp_path, opened)))
    qtbot.addWidget(usual)
    usual.show()

    assert not ctx.is_open
    assert early.households.shown_rows() == usual.households.shown_rows()
    assert [row[1] for row in early.households.shown_rows()[1]] == [h[1] for h in sorted(HOUSEHOLDS)]
    assert early.households.count_label.text() == usual.households.count_label.text() == "共 4 户"
    assert early.windowTitle() == usual.windowTitle() == "驻村台账 — 亚弄村"
    assert early.status_label.text() == usual.status_label.text()
    assert early.guide.isVisible() == usual.guide.isVisible()
    assert early.sync_label.text() == ""  # the sync figures come with the ledger

    with qtbot.waitSignal(ctx.opened):
        ctx.opening.set_result(open_as_the_app(tmp_path, opened))
    assert ctx.is_open
    assert early.sync_label.text() == usual.sync_label.text() != ""
    qtbot.keyClicks(early.households.search_box, "zg")  # now through the ledger's search
    qtbot.waitUntil(lambda: early.households.proxy.rowCount() == 1, timeout=3000)
    assert early.households.shown_rows()[1][0][1] == "卓嘎"


def test_a_household_opened_before_the_ledger_is_open_waits_for_it(
    screen: FirstScreen, tmp_path: Path, opened: list[Ledger], qtbot: Any
) -> None:
    ctx = UiContext(None, first=screen)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    table = window.households.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert not ctx.is_open
    opening = threading.Thread(target=lambda: ctx.opening.set_result(open_as_the_app(tmp_path, opened)))
    opening.start()
    qtbot.keyClick(table, Qt.Key.Key_Return)  # 002 格桑: its window, once the ledger is open
    opening.join()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, HouseholdDialog)]
    assert [d.household_id for d in dialogs] == [window.households.selected_household_id()]
    assert "格桑" in dialogs[0].windowTitle()
    assert ctx.is_open
    for dialog in dialogs:
        dialog.close()


def test_the_ledger_asked_for_before_the_first_paint_is_opened_at_once(
    screen: FirstScreen, tmp_path: Path, opened: list[Ledger], qtbot: Any
) -> None:
    """The opening begins once the window is painted; an action that needs the ledger before then (a
    page built at once, a key pressed while the start is slow) begins it and waits, where it used to
    wait for a paint its own wait held back: the program hung (seen under load, 设置 at the start)."""
    ctx = UiContext(None, first=screen)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()  # no event handled since: not painted, so the opening has not begun
    began: list[bool] = []

    def work() -> None:
        began.append(True)
        ctx.opening.set_result(open_as_the_app(tmp_path, opened))

    opening_check(window, ctx, work, give_up_after_ms=None)  # as run_gui starts the village laptop
    assert not began
    # a hang fails the test instead of the suite: the wait ends with an error after a minute
    watchdog = threading.Timer(60, lambda: ctx.opening.done() or ctx.opening.set_exception(TimeoutError()))
    watchdog.start()
    try:
        ledger = ctx.ledger  # the GUI thread asks, before any paint
    finally:
        watchdog.cancel()
        QThreadPool.globalInstance().waitForDone(60_000)
    assert began == [True] and ctx.is_open and ledger is opened[0]
    settings = window.show_page("设置")  # the page that hung: it reads the ledger's policy settings
    assert window.stack.currentWidget() is settings


def test_a_ledger_that_cannot_be_opened_leaves_the_first_screen(screen: FirstScreen, qtbot: Any) -> None:
    """The opening's error (said by the opening check, which then ends the program) is what an action
    meets meanwhile; the window keeps what it shows."""
    ctx = UiContext(None, first=screen)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    from desktop.domain.errors import StoreProblem

    ctx.opening.set_exception(StoreProblem("不是驻村台账的数据库"))
    qtbot.wait(10)
    assert not ctx.is_open
    assert window.households.count_label.text() == "共 4 户"
    with pytest.raises(StoreProblem):
        ctx.ledger  # noqa: B018
