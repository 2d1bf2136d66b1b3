"""Nothing typed into the 日志 form is lost: a refresh while typing keeps the text, going to another day
with an entry asks first, closing the window asks, and a crash or power cut keeps a draft offered at
the next start."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.services.context import EVERYTHING, Ledger
from desktop.services.diary import add_entry, list_entries
from desktop.services.drafts import DIARY, load_draft
from desktop.ui.diary.page import DiaryPage
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from tests.ui.dialogs import ModalDialogs

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing",
)
TODAY = dt.date(2026, 11, 23)


def type_chinese(widget: QWidget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def dated(ledger: Ledger) -> Ledger:
    ledger.today = lambda: TODAY
    return ledger


def open_window(ledger: Ledger, qtbot: Any) -> tuple[MainWindow, DiaryPage]:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("日志")
    assert isinstance(page, DiaryPage)
    return window, page


def focus_table(window: MainWindow, page: DiaryPage, qtbot: Any) -> None:
    """The user clicks on the list of entries (offscreen, the window is activated again first)."""
    window.activateWindow()
    qtbot.waitActive(window)
    page.entries_table.setFocus()
    qtbot.waitUntil(page.entries_table.hasFocus)


def pick(page: DiaryPage, day: dt.date) -> None:
    page.calendar.setSelectedDate(QDate(day))


def test_a_refresh_while_typing_keeps_the_text(dated: Ledger, qtbot: Any, modal: ModalDialogs) -> None:
    _window, page = open_window(dated, qtbot)
    pick(page, dt.date(2026, 11, 20))
    type_chinese(page.content, "到二组走访卓嘎家")
    page.ctx.changed.emit(EVERYTHING)  # another program wrote the ledger, or a sync came in
    page.refresh()
    assert page.content.text() == "到二组走访卓嘎家"
    assert page.form_state.text() == "新日志：2026-11-20"
    modal.answer("discard")  # the window closing at the end of the test asks about the typed text


def test_a_new_entry_moves_with_its_date_but_a_day_with_an_entry_asks(
    dated: Ledger, qtbot: Any, modal: ModalDialogs
) -> None:
    add_entry(dated, day=dt.date(2026, 11, 18), kind="会议", content="村两委会议")
    _window, page = open_window(dated, qtbot)
    pick(page, dt.date(2026, 11, 20))
    type_chinese(page.content, "到二组走访卓嘎家")
    pick(page, dt.date(2026, 11, 19))  # no entry that day: the new text is simply for the 19th
    assert page.content.text() == "到二组走访卓嘎家" and page.form_state.text() == "新日志：2026-11-19"
    assert modal.texts() == []
    modal.answer("cancel")
    pick(page, dt.date(2026, 11, 18))  # the 18th has its entry: asked, 取消 stays on the 19th
    assert "2026-11-19 的日志有改动还没有保存" in modal.texts()[-1]
    assert page.calendar.selectedDate() == QDate(2026, 11, 19) and page.content.text() == "到二组走访卓嘎家"
    modal.answer("save")
    pick(page, dt.date(2026, 11, 18))  # 保存: stored for the 19th, then the 18th is shown
    assert {(e.day, e.content) for e in list_entries(dated)} == {
        (dt.date(2026, 11, 18), "村两委会议"),
        (dt.date(2026, 11, 19), "到二组走访卓嘎家"),
    }
    assert page.content.text() == "村两委会议"


def test_closing_the_window_with_an_unsaved_entry_asks(
    dated: Ledger, qtbot: Any, modal: ModalDialogs
) -> None:
    window, page = open_window(dated, qtbot)
    type_chinese(page.content, "整理走访记录")
    modal.answer("cancel")
    window.close()
    assert window.isVisible() and "日志表单里有没有保存的内容" in modal.texts()[-1]
    modal.answer("discard")
    window.close()
    assert not window.isVisible() and list_entries(dated) == []
    assert load_draft(dated, DIARY) is None


def test_a_draft_survives_a_crash_and_is_offered_at_the_next_start(
    dated: Ledger, qtbot: Any, modal: ModalDialogs
) -> None:
    _window, page = open_window(dated, qtbot)
    pick(page, dt.date(2026, 11, 21))
    type_chinese(page.place, "三组")
    type_chinese(page.content, "雪后巡查村道")
    qtbot.waitUntil(lambda: load_draft(dated, DIARY) is not None, timeout=3000)  # kept a moment later
    assert load_draft(dated, DIARY) == {
        "day": "2026-11-21", "person": page.person.currentText(), "entry_id": None, "kind": page.kind.currentText(),
        "place": "三组", "content": "雪后巡查村道", "households": "", "photos": [],
    }  # fmt: skip
    # the power goes: nothing closes the window; at the next start the draft is offered
    modal.answer("yes")
    window, again = open_window(dated, qtbot)
    qtbot.waitUntil(lambda: bool(modal.texts()))
    assert "上次有一条没有保存的日志（2026-11-21" in modal.texts()[-1]
    qtbot.waitUntil(lambda: again.content.text() == "雪后巡查村道")
    assert again.place.text() == "三组" and again.form_state.text() == "新日志：2026-11-21"
    assert window.stack.currentWidget() is again
    qtbot.keyClicks(again.households, "")
    again.save_entry()
    assert [(e.day, e.content) for e in list_entries(dated)] == [(dt.date(2026, 11, 21), "雪后巡查村道")]
    assert load_draft(dated, DIARY) is None
    modal.answer("discard")  # the first window (the one "crashed") still holds the text when closed


def test_saving_an_entry_is_one_ctrl_z_and_a_correction_too(
    dated: Ledger, qtbot: Any, modal: ModalDialogs
) -> None:
    from PySide6.QtCore import Qt

    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    window, page = open_window(dated, qtbot)
    window.activateWindow()
    qtbot.waitActive(window)
    pick(page, dt.date(2026, 11, 20))
    type_chinese(page.place, "三组")
    type_chinese(page.content, "雪后巡查村道")
    qtbot.keyClick(page.content, Qt.Key.Key_Return)
    assert page.ctx.undo_stack.count() == 1
    assert [(e.day, e.content) for e in list_entries(dated)] == [(dt.date(2026, 11, 20), "雪后巡查村道")]
    focus_table(window, page, qtbot)  # away from the text field, whose own Ctrl+Z undoes typing
    qtbot.keyClick(page.entries_table, Qt.Key.Key_Z, ctrl)
    qtbot.waitUntil(lambda: list_entries(dated) == [])
    assert page.form_state.text() == "新日志：2026-11-20" and page.content.text() == ""
    qtbot.keyClick(page.entries_table, Qt.Key.Key_Z, ctrl | shift)
    qtbot.waitUntil(lambda: [e.content for e in list_entries(dated)] == ["雪后巡查村道"])
    # a correction, then taken back: the words as they were
    page.content.selectAll()
    type_chinese(page.content, "雪后巡查三组村道，清理积雪")
    qtbot.keyClick(page.content, Qt.Key.Key_Return)
    assert [e.content for e in list_entries(dated)] == ["雪后巡查三组村道，清理积雪"]
    focus_table(window, page, qtbot)
    qtbot.keyClick(page.entries_table, Qt.Key.Key_Z, ctrl)
    qtbot.waitUntil(lambda: [e.content for e in list_entries(dated)] == ["雪后巡查村道"])
    assert page.content.text() == "雪后巡查村道" and page.place.text() == "三组"
    # taken back for good, then written anew for the same day: nothing of the old one comes back
    qtbot.keyClick(page.entries_table, Qt.Key.Key_Z, ctrl)
    qtbot.waitUntil(lambda: list_entries(dated) == [])
    type_chinese(page.content, "到乡里开会")
    qtbot.keyClick(page.content, Qt.Key.Key_Return)
    (entry,) = list_entries(dated)
    assert (entry.content, entry.place) == ("到乡里开会", "")
