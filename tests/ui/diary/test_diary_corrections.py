"""Corrections on the 日志 page, each an ordinary logged edit that Ctrl+Z takes back: a 在村 mark removed
with 取消在村, a leave corrected with 修改 and removed with 删除 from the month's leave table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from desktop.services.context import Ledger
from desktop.services.diary import add_leave, attendance, list_leaves, mark_present
from desktop.services.households.history import record_history
from desktop.ui.diary.page import DiaryPage
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from tests.ui.conftest import on_screen
from tests.ui.dialogs import shown

from .test_diary_page import type_chinese

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
D = dt.date


@pytest.fixture
def page(ledger: Ledger, qtbot: Any) -> Iterator[DiaryPage]:
    ledger.today = lambda: D(2026, 11, 23)
    window = on_screen(MainWindow(UiContext(ledger)), qtbot, 1400, 900)
    found = window.show_page("日志")
    assert isinstance(found, DiaryPage)
    yield found


def click(page: DiaryPage, qtbot: Any, name: str) -> None:
    button = page.findChild(QPushButton, name)
    assert button is not None and button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def back_to_window(page: DiaryPage, qtbot: Any) -> None:
    """The user is back in the window once the message is closed (offscreen Qt does not reactivate it)."""
    page.window().activateWindow()
    qtbot.waitUntil(page.window().isActiveWindow)


def present_days(ledger: Ledger) -> int:
    return attendance(ledger, year=2026, month=11)[0].present


def test_a_present_mark_is_removed_and_ctrl_z_puts_it_back(
    page: DiaryPage, ledger: Ledger, qtbot: Any
) -> None:
    page.calendar.setSelectedDate(QDate(2026, 11, 10))
    click(page, qtbot, "diaryPresent")
    assert shown() == [] and present_days(ledger) == 1 and page.day_state(D(2026, 11, 10)) == "在村"

    click(page, qtbot, "diaryUnmark")
    assert shown() == []
    assert page.saved_label.text() == "已取消 2026-11-10 在村（修改记录保留）"
    assert present_days(ledger) == 0 and page.day_state(D(2026, 11, 10)) == "不在村"
    assert "在村 0 天" in page.summary.text()

    qtbot.keyClick(page, Qt.Key.Key_Z, CTRL)  # 撤销: the mark is back, the calendar green again
    assert present_days(ledger) == 1 and page.day_state(D(2026, 11, 10)) == "在村"
    fmt = page.calendar.dateTextFormat(QDate(2026, 11, 10))
    assert fmt.background().color().name() == "#cfe8cf"
    qtbot.keyClick(page, Qt.Key.Key_Z, CTRL | SHIFT)  # 重做
    assert present_days(ledger) == 0 and page.day_state(D(2026, 11, 10)) == "不在村"

    # a day with nothing to take back says so in one line and writes nothing
    page.calendar.setSelectedDate(QDate(2026, 11, 12))
    click(page, qtbot, "diaryUnmark")
    assert shown() == ["扎西 2026-11-12 没有记在村，无需取消"]


def test_a_leave_is_corrected_and_removed_from_the_table_and_each_is_undone(
    page: DiaryPage, ledger: Ledger, qtbot: Any
) -> None:
    leave_id = add_leave(ledger, kind="事假", start=D(2026, 11, 10), end=D(2026, 11, 11), approver="李书记")
    mark_present(ledger, day=D(2026, 11, 14))
    page.refresh()
    assert page.leave_rows.rowCount() == 1 and page.leave_rows.row_at(0)["kind"] == "事假"

    page.leave_table.setFocus()
    page.leave_table.selectRow(0)
    click(page, qtbot, "leaveEdit")
    assert page.leave_state.text() == "修改请假：事假 2026-11-10 至 2026-11-11"
    assert page.approver.text() == "李书记" and page.leave_save.text() == "保存修改"
    page.leave_kind.setCurrentText("病假")
    page.leave_to.setDate(QDate(2026, 11, 13))
    qtbot.keyClick(page.approver, Qt.Key.Key_Return)
    assert shown() == []
    (leave,) = list_leaves(ledger)
    assert (leave.id, leave.kind, leave.end) == (leave_id, "病假", D(2026, 11, 13))
    assert page.leave_label.text() == "已修改请假：病假 2026-11-10 至 2026-11-13（修改记录保留）"
    assert page.leave_save.text() == "记录请假" and page.leave_rows.row_at(0)["end"] == "2026-11-13"
    assert page.day_state(D(2026, 11, 13)) == "请假"
    assert len(record_history(ledger, leave_id)) == 2

    qtbot.keyClick(page, Qt.Key.Key_Z, CTRL)  # 撤销 the correction: a logged edit back
    (leave,) = list_leaves(ledger)
    assert (leave.kind, leave.end) == ("事假", D(2026, 11, 11))
    assert page.leave_rows.row_at(0)["kind"] == "事假" and page.day_state(D(2026, 11, 13)) == "不在村"
    assert len(record_history(ledger, leave_id)) == 3

    # a correction onto a present day: one line, nothing written, the form still holds it
    page.leave_table.selectRow(0)
    click(page, qtbot, "leaveEdit")
    page.leave_to.setDate(QDate(2026, 11, 15))
    qtbot.keyClick(page.approver, Qt.Key.Key_Return)
    assert shown() == ["扎西 2026-11-14 已记在村，不能在这一天请假"]
    assert list_leaves(ledger)[0].end == D(2026, 11, 11) and page.leave_save.text() == "保存修改"
    back_to_window(page, qtbot)
    click(page, qtbot, "leaveCancelEdit")
    assert page.leave_state.text() == "" and page.approver.text() == ""

    page.leave_table.selectRow(0)
    click(page, qtbot, "leaveRemove")
    assert shown() == [] and list_leaves(ledger) == [] and page.leave_rows.rowCount() == 0
    assert page.leave_label.text() == "已删除请假：事假 2026-11-10 至 2026-11-11（Ctrl+Z 撤销）"
    assert page.day_state(D(2026, 11, 10)) == "不在村"
    qtbot.keyClick(page, Qt.Key.Key_Z, CTRL)  # 撤销 the removal
    assert [r.id for r in list_leaves(ledger)] == [leave_id] and page.leave_rows.rowCount() == 1
    assert page.day_state(D(2026, 11, 10)) == "请假"


def test_a_new_leave_is_undone_and_redone(page: DiaryPage, ledger: Ledger, qtbot: Any) -> None:
    page.leave_kind.setCurrentText("公休")
    page.leave_from.setDate(QDate(2026, 11, 16))
    page.leave_to.setDate(QDate(2026, 11, 17))
    type_chinese(page.approver, "李书记")
    qtbot.keyClick(page.approver, Qt.Key.Key_Return)
    assert shown() == [] and [r.kind for r in list_leaves(ledger)] == ["公休"]
    qtbot.keyClick(page, Qt.Key.Key_Z, CTRL)
    assert list_leaves(ledger) == [] and page.leave_rows.rowCount() == 0
    qtbot.keyClick(page, Qt.Key.Key_Y, CTRL)
    assert [r.kind for r in list_leaves(ledger)] == ["公休"] and page.leave_rows.rowCount() == 1
