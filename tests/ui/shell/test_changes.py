"""Every write reports what it changed, and a page reads again only when the change concerns it: a
visit recorded leaves 日志 and 监测 as they are, and refreshes 走访; a write by another program (or one
that changed only this device's own state) makes every visible page read again."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.services.context import EVERYTHING, Change, Ledger
from desktop.services.households.households import edit_household
from desktop.services.visits.visits import record_visit
from desktop.ui.diary.page import DiaryPage
from desktop.ui.monitoring.page import MonitoringPage
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.page import Page
from desktop.ui.visits.page import VisitsPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_change_concerns_the_readers_of_its_kinds() -> None:
    visit = Change(kinds=frozenset({"visit", "follow_up"}))
    assert visit.concerns(frozenset({"visit"}))
    assert not visit.concerns(frozenset({"work_log", "policy_setting"}))
    assert visit.concerns(None)  # a reader of everything
    assert EVERYTHING.concerns(frozenset({"work_log"}))


def test_a_write_reports_the_kinds_it_changed(qtbot: QtBot, ledger: Ledger) -> None:
    ctx = UiContext(ledger)
    with qtbot.waitSignal(ctx.changed, timeout=5000) as reported:
        ctx.write(None, lambda: record_visit(ledger, household="001", content="了解春耕"))
    change = reported.args[0]
    assert isinstance(change, Change) and not change.everything
    assert "visit" in change.kinds and "household" not in change.kinds

    with qtbot.waitSignal(ctx.changed, timeout=5000) as reported:
        ctx.edit(None, "改电话", lambda: edit_household(ledger, "001", {"phone": "13800009999"}), lambda: None)
    assert reported.args[0].kinds == frozenset({"household"})


def test_a_write_that_committed_nothing_of_the_ledger_reports_everything(qtbot: QtBot, ledger: Ledger) -> None:
    ctx = UiContext(ledger)
    with qtbot.waitSignal(ctx.changed, timeout=5000) as reported:
        ctx.write(None, lambda: None)
    assert reported.args[0].everything


def _count_refreshes(page: Page, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = page.refresh

    def counted(*args: Any) -> None:
        calls.append(1)
        original(*args)

    monkeypatch.setattr(page, "refresh", counted)
    return calls


def test_pages_read_again_only_when_the_change_concerns_them(
    qtbot: QtBot, ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = UiContext(ledger)
    pages = {"diary": DiaryPage(ctx), "monitoring": MonitoringPage(ctx), "visits": VisitsPage(ctx)}
    for page in pages.values():
        qtbot.addWidget(page)
        page.resize(1200, 700)
        page.show()
    qtbot.waitUntil(lambda: all(page.isVisible() for page in pages.values()))
    calls = {name: _count_refreshes(page, monkeypatch) for name, page in pages.items()}

    ctx.write(None, lambda: record_visit(ledger, household="001", content="了解春耕"))
    qtbot.waitUntil(lambda: len(calls["visits"]) == 1)
    assert calls["diary"] == [] and calls["monitoring"] == []
    visits = pages["visits"]
    assert isinstance(visits, VisitsPage)
    assert visits.visits.rowCount() == 1  # the new visit is listed at once

    ctx.changed.emit(EVERYTHING)  # another program wrote: every visible page reads again
    qtbot.waitUntil(lambda: len(calls["diary"]) == 1 and len(calls["monitoring"]) == 1)
    assert len(calls["visits"]) == 2


def test_back_in_the_window_after_another_program_wrote_the_status_bar_reads_again(
    qtbot: QtBot, ledger: Ledger, tmp_path: Any
) -> None:
    from desktop.app import open_ledger
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    before = window.sync_label.text()
    assert "未导出修改" in before

    other = open_ledger(tmp_path)  # another program on the same data folder (a command, say)
    try:
        edit_household(other, "001", {"phone": "13800007777"})
    finally:
        other.store.close()
    assert window.sync_label.text() == before  # nothing tells the window while it is in the background

    focus_elsewhere = MainWindow(UiContext(ledger))  # the user works in another window …
    qtbot.addWidget(focus_elsewhere)
    focus_elsewhere.show()
    focus_elsewhere.activateWindow()
    qtbot.waitUntil(focus_elsewhere.isActiveWindow)
    window.activateWindow()  # … and comes back
    qtbot.waitUntil(lambda: window.sync_label.text() != before)
    unsent = [int(part.split("：")[1].split()[0]) for part in window.sync_label.text().split("　") if "未导出修改" in part]
    assert unsent and f"未导出修改：{unsent[0] - 1} 条" in before
