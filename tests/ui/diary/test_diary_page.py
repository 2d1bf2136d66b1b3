"""The 日志 page on a real ledger: an entry typed and saved with Enter, the day opened again for
correction, a leave entered, the calendar's colours and the month's counts, the search, a refused
entry, and the township's read-only view."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.services.context import EVERYTHING, Ledger
from desktop.services.diary import add_entry, list_entries, list_leaves
from desktop.services.households.history import record_history
from desktop.ui.diary.page import DiaryPage
from desktop.ui.shell.context import UiContext
from tests.ui.dialogs import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def type_chinese(widget: QWidget, text: str) -> None:
    """Chinese arrives as an input method delivers it: committed text (QTest types Latin-1 only)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def errors() -> list[str]:
    return shown()


def show(page: DiaryPage, qtbot: Any) -> DiaryPage:
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(ledger: Ledger, qtbot: Any) -> DiaryPage:
    ledger.today = lambda: dt.date(2026, 11, 23)
    return show(DiaryPage(UiContext(ledger)), qtbot)


def pick(page: DiaryPage, day: dt.date) -> None:
    page.calendar.setSelectedDate(QDate(day))


def test_an_entry_typed_and_saved_with_enter_then_corrected(
    page: DiaryPage, ledger: Ledger, qtbot: Any
) -> None:
    day = dt.date(2026, 11, 20)
    pick(page, day)
    assert page.form_state.text() == "新日志：2026-11-20"
    page.kind.setCurrentText("走访")
    type_chinese(page.place, "二组")
    qtbot.keyClicks(page.households, "001")
    type_chinese(page.content, "到二组走访卓嘎家")
    qtbot.keyClick(page.content, Qt.Key.Key_Return)
    assert errors() == []
    (entry,) = list_entries(ledger)
    assert (entry.day, entry.person, entry.place, entry.content, entry.households) == (
        day,
        "扎西",
        "二组",
        "到二组走访卓嘎家",
        ("001",),
    )
    assert page.saved_label.text() == "已保存 2026-11-20 的日志"
    assert page.entries.rowCount() == 1 and page.entries.row_at(0)["content"] == "到二组走访卓嘎家"
    assert page.day_state(day) == "在村"
    assert "在村 1 天" in page.summary.text() and "所需在村天数尚未设置" in page.summary.text()

    # the day again: the form holds the entry, Enter saves the correction, the history keeps both
    pick(page, dt.date(2026, 11, 19))
    assert page.content.text() == ""
    pick(page, day)
    assert page.form_state.text() == "修改 2026-11-20 的日志" and page.content.text() == "到二组走访卓嘎家"
    page.content.end(False)
    type_chinese(page.content, "，了解冬季取暖")
    qtbot.keyClick(page.content, Qt.Key.Key_Return)
    (entry,) = list_entries(ledger)
    assert entry.content == "到二组走访卓嘎家，了解冬季取暖"
    assert len(record_history(ledger, entry.id)) == 2
    assert page.saved_label.text() == "已修改 2026-11-20 的日志（修改记录保留）"


def test_a_leave_is_entered_and_coloured_and_a_present_day_on_it_is_refused(
    page: DiaryPage, ledger: Ledger, qtbot: Any
) -> None:
    page.leave_kind.setCurrentText("病假")
    page.leave_from.setDate(QDate(2026, 11, 10))
    page.leave_to.setDate(QDate(2026, 11, 12))
    type_chinese(page.approver, "李书记")
    qtbot.keyClick(page.approver, Qt.Key.Key_Return)
    assert errors() == []
    (leave,) = list_leaves(ledger)
    assert (leave.kind, leave.start, leave.end, leave.approver) == (
        "病假",
        dt.date(2026, 11, 10),
        dt.date(2026, 11, 12),
        "李书记",
    )
    assert [page.day_state(dt.date(2026, 11, d)) for d in (9, 10, 11, 12, 13)] == [
        "不在村",
        "请假",
        "请假",
        "请假",
        "不在村",
    ]
    fmt = page.calendar.dateTextFormat(QDate(2026, 11, 11))
    assert fmt.background().color().name() == "#f6dcb4"
    assert "病假 3 天" in page.summary.text()

    pick(page, dt.date(2026, 11, 11))
    type_chinese(page.content, "在村里开会")
    qtbot.keyClick(page.content, Qt.Key.Key_Return)
    (message,) = errors()
    assert "扎西 2026-11-11 在2026-11-10 至 2026-11-12 的病假中，不能同时记在村" in message
    assert list_entries(ledger) == []


def test_a_future_day_cannot_be_picked_and_the_search_finds_entries(
    page: DiaryPage, ledger: Ledger, qtbot: Any
) -> None:
    assert page.calendar.maximumDate() == QDate(2026, 11, 23)
    add_entry(ledger, day=dt.date(2026, 11, 2), kind="项目", content="查看水渠工程", place="一组")
    add_entry(ledger, day=dt.date(2026, 11, 3), kind="会议", content="村两委会议")
    page.ctx.changed.emit(EVERYTHING)
    assert page.entries.rowCount() == 2
    type_chinese(page.search, "水渠")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert [page.entries.row_at(r)["content"] for r in range(page.entries.rowCount())] == ["查看水渠工程"]
    page.search.clear()
    assert page.entries.rowCount() == 2


def test_the_township_reads_every_team_without_a_form(tmp_path: Path, qtbot: Any) -> None:
    from tests.sync.devices import join, township_device, village_device

    township = township_device(tmp_path)
    village = village_device(tmp_path, "yanong")
    join(village, township)
    add_entry(village.ledger, day=dt.date(2026, 11, 2), kind="走访", content="到一组走访", place="一组")
    township.receive(village.send(township))
    page = show(DiaryPage(UiContext(township.ledger)), qtbot)
    page.calendar.setCurrentPage(2026, 11)
    assert not page.form_box.isVisible() and not page.leave_box.isVisible()
    assert page.entries.row_at(0)["village_name"] == "亚弄村"
    (row,) = [page.month.row_at(r) for r in range(page.month.rowCount())]
    assert (row["village_name"], row["person"], row["present"], row["required"]) == (
        "亚弄村",
        "扎西",
        1,
        "尚未设置",
    )
    assert "11-09" in row["weeks"]  # the weeks after the 2nd have no entry

    # the township sets the required days (typed, Enter saves); the month table shows the gap
    assert page.required_box.isVisible()
    page.required_days.selectAll()
    qtbot.keyClicks(page.required_days, "20")
    type_chinese(page.required_source, "某县驻村干部管理办法（2026 年）")
    qtbot.keyClick(page.required_source, Qt.Key.Key_Return)
    assert errors() == []
    assert page.required_label.text() == "已为 1 个村设定 2026 年每月所需在村天数 20 天"
    (row,) = [page.month.row_at(r) for r in range(page.month.rowCount())]
    assert (row["required"], row["gap"]) == (20, 19)
    # the gaps month by month, read from the bundles: November is short of the days and of diary
    (november,) = [
        page.gaps.row_at(r) for r in range(page.gaps.rowCount()) if page.gaps.row_at(r)["month"] == "2026-11"
    ]
    assert (november["village_name"], november["person"], november["gap"]) == ("亚弄村", "扎西", 19)
    assert november["flag"] == "低于所需天数、有周无日志" and not page.gaps_table.isColumnHidden(0)
    page.close()
    village.close()
    township.close()


def test_an_entry_naming_a_household_shows_in_its_window(ledger: Ledger, qtbot: Any) -> None:
    from desktop.services.households.households import list_households
    from desktop.ui.shell.main_window import MainWindow

    ledger.today = lambda: dt.date(2026, 11, 23)
    add_entry(ledger, day=dt.date(2026, 11, 5), kind="走访", content="与卓嘎商量危房改造", households=["001"])
    add_entry(ledger, day=dt.date(2026, 11, 6), kind="会议", content="村两委会议")
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    household = next(r.id for r in list_households(ledger) if r.number == "001")
    dialog = window.open_household(household)
    rows = [dialog.diary.row_at(r) for r in range(dialog.diary.rowCount())]
    assert [(r["day"], r["person"], r["content"]) for r in rows] == [
        ("2026-11-05", "扎西", "与卓嘎商量危房改造")
    ]


def test_the_gaps_table_lists_each_month_and_a_span_over_two_years_is_said_beside_it(
    page: DiaryPage, ledger: Ledger, qtbot: Any
) -> None:
    from PySide6.QtWidgets import QDateTimeEdit

    from desktop.services.diary import mark_present

    for day in range(1, 31):
        mark_present(ledger, day=dt.date(2026, 9, day))
    add_entry(ledger, day=dt.date(2026, 10, 5), kind="会议", content="村两委会")
    page.ctx.changed.emit(EVERYTHING)
    assert (page.gaps_from.text(), page.gaps_to.text()) == ("2026-09", "2026-11")
    rows = [page.gaps.row_at(r) for r in range(page.gaps.rowCount())]
    assert [(r["person"], r["month"], r["present"], r["required"]) for r in rows] == [
        ("扎西", "2026-09", 30, "尚未设置"),
        ("扎西", "2026-10", 1, "尚未设置"),
        ("扎西", "2026-11", 0, "尚未设置"),
    ]
    assert rows[1]["weeks"] == "09-28、10-12、10-19、10-26" and rows[1]["flag"] == "有周无日志"
    assert page.gaps_state.text() == "3 个人月有缺口"

    # the year typed back to 2024: 27 months, more than the 24 the view lists
    page.gaps_from.setFocus()
    page.gaps_from.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(page.gaps_from, "2024")
    assert page.gaps_from.text() == "2024-09"
    assert page.gaps_state.text() == "2024-09 至 2026-11 共 27 个月，一次最多查 24 个月，请缩短范围"
    assert page.gaps.rowCount() == 0 and errors() == []
    # December 2024: exactly 24 months, listed
    page.gaps_from.setSelectedSection(QDateTimeEdit.Section.MonthSection)
    qtbot.keyClicks(page.gaps_from, "12")
    assert page.gaps_from.text() == "2024-12"
    assert page.gaps.rowCount() == 24 and page.gaps_state.text() == "24 个人月有缺口"


def test_photos_are_attached_to_an_entry_and_shown_on_it(
    page: DiaryPage, ledger: Ledger, qtbot: Any, tmp_path: Path
) -> None:
    from PIL import Image

    from desktop.services.photos import photos_of_entry

    files = [tmp_path / "水渠一.jpg", tmp_path / "水渠二.jpg"]
    for path, colour in zip(files, ((30, 120, 200), (200, 60, 30)), strict=True):
        Image.new("RGB", (640, 480), colour).save(path, "JPEG", quality=90)
    day = dt.date(2026, 11, 20)
    pick(page, day)
    page.kind.setCurrentText("项目")
    page.photos.add_files(files)  # as dropped on the list (or chosen with 选择照片…)
    type_chinese(page.content, "查看水渠工程")
    qtbot.keyClick(page.content, Qt.Key.Key_Return)  # the photos are read in on a worker, then saved
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=30_000)
    assert errors() == []
    (entry,) = list_entries(ledger)
    assert entry.photos == 2 and len(photos_of_entry(ledger, entry.id)) == 2
    assert page.saved_label.text() == "已保存 2026-11-20 的日志，照片 2 张"
    assert page.photos.count() == 0 and page.entries.row_at(0)["photos"] == 2

    # the day opened again: the entry's photos shown as thumbnails, a double-click shows one at full size
    pick(page, dt.date(2026, 11, 19))
    assert not page.entry_photo_grid.isVisible()
    pick(page, day)
    assert page.form_state.text() == "修改 2026-11-20 的日志（照片 2 张，双击查看）"
    assert page.entry_photo_grid.isVisible() and page.entry_photos.rowCount() == 2
    grid = page.entry_photo_grid
    spot = grid.visualRect(page.entry_photos.index(0, 0)).center()
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: page.viewer is not None and page.viewer.isVisible())
    assert page.viewer is not None and page.viewer.windowTitle() == "2026-11-20 的日志照片"
    page.viewer.close()

    # a bad file with the correction: one line, nothing written, the files stay in the list to fix
    bad = tmp_path / "坏.jpg"
    bad.write_bytes(b"not a photo")
    page.photos.add_files([bad])
    qtbot.keyClick(page.content, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=30_000)
    (message,) = errors()
    assert "坏.jpg" in message and "\n" not in message
    assert list_entries(ledger)[0].photos == 2 and page.photos.count() == 1
