"""The 走访 page on a real ledger: a visit typed with the keyboard, with a follow-up and a dropped photo;
the to-do list; the list of visits; refusals; the models on their own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QBrush, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.services.context import EVERYTHING, Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.households import list_households
from desktop.services.photos import photos_of
from desktop.services.visits.lists import FollowUpRow, list_visits, open_follow_ups
from desktop.services.visits.visits import FollowUpInput, record_visit
from desktop.ui.shell.context import UiContext
from desktop.ui.visits.page import (
    COL_ACTION,
    COL_STATE,
    OVERDUE,
    DaysOverdueRole,
    FollowUpIdRole,
    FollowUpTableModel,
    HouseholdIdRole,
    VisitsPage,
)
from tests.ui.conftest import on_screen
from tests.ui.dialogs import shown

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    # the picker's drop-down list is a popup: the offscreen platform cannot raise it or grab the keyboard
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


@pytest.fixture
def page(ledger: Ledger, qtbot: Any) -> VisitsPage:
    shown = on_screen(VisitsPage(UiContext(ledger)), qtbot, 1246, 700)
    return shown


def household_id(ledger: Ledger, number: str) -> str:
    return next(r.id for r in list_households(ledger) if r.number == number)


def dialogs() -> list[str]:
    return shown()


def jpeg(path: Path) -> Path:
    Image.new("RGB", (640, 480), (30, 120, 200)).save(path, "JPEG", quality=90)
    return path


def drop_files(target: Any, files: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    target.dropEvent(event)


def double_click(qtbot: Any, widget: Any, pos: Any) -> None:
    """A real double click: the first click (press, release), then the second (QTest's mouseDClick
    alone sends no first press, and a view only activates the item the press landed on)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def choose_household(page: VisitsPage, qtbot: Any, typed: str, name: str) -> None:
    """Type into the picker, then Down and Enter in the list that drops down."""
    page.picker.setFocus()
    qtbot.keyClicks(page.picker, typed)
    assert any(name in label for _id, label in page.picker.matches())
    popup = page.picker.popup()
    qtbot.waitUntil(popup.isVisible)
    row = next(n for n, (_id, label) in enumerate(page.picker.matches()) if name in label)
    for _ in range(row + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_a_visit_typed_with_the_keyboard_is_saved_with_its_follow_up_and_photo(
    page: VisitsPage, ledger: Ledger, qtbot: Any, tmp_path: Path
) -> None:
    today = ledger.today()
    assert page.visit_date.date().toPython() == today
    choose_household(page, qtbot, "zg", "卓嘎")
    target = household_id(ledger, "001")
    assert page.picker.household_id() == target
    page.kind.setCurrentText("电话")
    # QTest can only type ASCII: Chinese arrives as an input method would deliver it, as committed text
    page.content_edit.insertPlainText("了解务工情况和医保缴费")
    page.problems_edit.insertPlainText("希望参加厨师培训")
    page.follow_action.insert("帮助报名厨师培训")
    page.follow_due.setDate(page.follow_due.date().addDays(-4))  # due in 3 days
    qtbot.keyClick(page.follow_action, Qt.Key.Key_Return)
    assert page.pending_list.count() == 1
    photo = jpeg(tmp_path / "入户照片.jpg")
    drop_files(page.photos, [photo, tmp_path])  # a folder dropped too: skipped
    assert page.photos.files() == [photo]

    qtbot.keyClick(page.content_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # saves
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=30_000)  # the photo is stored on a worker thread
    assert page.photo_job is not None and page.photo_job.error is None

    (visit,) = show_household(ledger, "001").visits
    assert visit["content"] == "了解务工情况和医保缴费"
    assert visit["kind"] == "电话"
    assert visit["problems"] == "希望参加厨师培训"
    assert visit["visitors"] == ["扎西"]
    (follow_up,) = open_follow_ups(ledger)
    assert (follow_up.action, follow_up.due_on) == ("帮助报名厨师培训", today + dt.timedelta(days=3))
    (stored,) = photos_of(ledger, "001", visit=visit["id"])
    assert stored.available and stored.width == 640
    assert "照片 1 张" in page.saved_label.text()
    # the form is ready for the next household; the lists show the new visit and its follow-up
    assert page.picker.household_id() == "" and page.content_edit.toPlainText() == ""
    assert page.photos.count() == 0 and page.pending_list.count() == 0
    assert page.visits.rowCount() == 1 and page.visits.row_at(0)["head_name"] == "卓嘎"
    assert page.follow_ups.rowCount() == 1
    assert page.follow_ups.index(0, COL_STATE).data() == "3 天后到期"
    assert not dialogs()


def test_a_file_that_is_no_photo_is_reported_and_the_visit_kept(
    page: VisitsPage, ledger: Ledger, qtbot: Any, tmp_path: Path
) -> None:
    fake = tmp_path / "不是照片.jpg"
    fake.write_text("这不是图片", encoding="utf-8")
    good = jpeg(tmp_path / "好照片.jpg")
    page.picker.set_household(household_id(ledger, "003"), "003　央金")
    page.content_edit.insertPlainText("查看饮水情况")
    page.photos.add_files([fake, good])
    visit = page.save_visit()
    assert visit is not None
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=30_000)
    (text,) = dialogs()
    assert "走访已保存，但以下照片未能保存" in text and "不是照片.jpg" in text
    assert [p.width for p in photos_of(ledger, "003", visit=visit.visit_id)] == [640]
    assert "照片 1 张" in page.saved_label.text()


def test_a_follow_up_marked_done_leaves_the_to_do_list_and_ctrl_z_brings_it_back(
    page: VisitsPage, ledger: Ledger, qtbot: Any
) -> None:
    today = ledger.today()
    record_visit(
        ledger, household="003", visited_on=today - dt.timedelta(days=20), content="查看住房",
        follow_ups=[FollowUpInput("联系住建局鉴定房屋", today - dt.timedelta(days=5)),
                    FollowUpInput("年底回访", today + dt.timedelta(days=60))],
    )  # fmt: skip
    page.ctx.changed.emit(EVERYTHING)
    assert page.follow_ups.rowCount() == 1  # the one due in 60 days waits
    assert page.follow_ups.index(0, COL_STATE).data() == "逾期 5 天"
    assert page.todo_count.text() == "1 项，其中逾期 1 项"
    page.show_all_open.setChecked(True)
    assert page.follow_ups.rowCount() == 2
    page.show_all_open.setChecked(False)

    page.todo_table.setCurrentIndex(page.follow_ups.index(0, COL_ACTION))
    qtbot.mouseClick(page.mark_done_button, Qt.MouseButton.LeftButton)
    assert [f.action for f in open_follow_ups(ledger, due_within_days=None)] == ["年底回访"]
    assert page.follow_ups.rowCount() == 0
    assert page.todo_count.text() == "没有待办事项"
    page.ctx.undo_stack.undo()
    assert page.follow_ups.rowCount() == 1
    assert len(open_follow_ups(ledger, due_within_days=None)) == 2


def test_double_click_on_a_visit_or_a_follow_up_opens_its_household(
    page: VisitsPage, ledger: Ledger, qtbot: Any
) -> None:
    record_visit(
        ledger, household="002", content="宣讲医保政策", follow_ups=[FollowUpInput("回访", ledger.today())]
    )
    page.ctx.changed.emit(EVERYTHING)
    for table in (page.visit_table, page.todo_table):
        rect = table.visualRect(table.model().index(0, 1))
        with qtbot.waitSignal(page.household_requested) as opened:
            double_click(qtbot, table.viewport(), rect.center())
        assert opened.args == [household_id(ledger, "002")]


def test_the_visit_list_is_searched_by_number_name_and_content(page: VisitsPage, ledger: Ledger) -> None:
    record_visit(ledger, household="001", content="了解务工情况")
    record_visit(ledger, household="010", content="宣讲医保政策")
    page.ctx.changed.emit(EVERYTHING)
    assert page.visit_filter.rowCount() == 2
    page.visit_search.setText("010")  # 户编号: a hidden column, still searched
    assert page.visit_filter.rowCount() == 1
    assert page.visits.row_at(page.visit_filter.mapToSource(page.visit_filter.index(0, 0)).row())[
        "content"
    ] == ("宣讲医保政策")
    page.visit_search.setText("卓嘎")
    assert page.visit_filter.rowCount() == 1
    page.visit_search.setText("务工")
    assert page.visit_filter.rowCount() == 1
    page.visit_search.clear()
    assert page.visit_filter.rowCount() == 2


def test_without_a_household_or_content_nothing_is_saved_and_the_reason_shown(
    page: VisitsPage, ledger: Ledger, qtbot: Any
) -> None:
    page.content_edit.insertPlainText("了解情况")
    assert page.save_visit() is None
    (text,) = dialogs()
    assert "请先选择农户" in text
    page.content_edit.clear()
    qtbot.keyClicks(page.picker, "002")
    page.picker.editingFinished.emit()  # one match typed in full: chosen without the list
    assert page.picker.household_id() == household_id(ledger, "002")
    assert page.save_visit() is None
    (text,) = dialogs()
    assert text == "请填写走访内容"
    assert list_visits(ledger) == []
    assert page.picker.household_id() == household_id(ledger, "002")  # the form keeps what was typed


def test_tab_walks_the_form_in_reading_order(page: VisitsPage, qtbot: Any) -> None:
    page.picker.setFocus()
    qtbot.waitUntil(page.picker.hasFocus)
    expected = [page.visitors, page.people_met, page.content_edit, page.policies, page.problems_edit]
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget


def test_visit_lists_are_newest_first_and_scoped_to_open_follow_ups(ledger: Ledger) -> None:
    today = ledger.today()
    record_visit(ledger, household="001", visited_on=today - dt.timedelta(days=3), content="一")
    record_visit(
        ledger, household="010", visited_on=today, content="二",
        follow_ups=[FollowUpInput("甲", today + dt.timedelta(days=8)), FollowUpInput("乙", None)],
    )  # fmt: skip
    rows = list_visits(ledger)
    assert [(r.number, r.content, r.head_name) for r in rows] == [
        ("010", "二", "扎西次仁"),
        ("001", "一", "卓嘎"),
    ]
    assert (rows[0].follow_ups, rows[0].open_follow_ups) == (2, 2)
    assert open_follow_ups(ledger) == []  # 甲 is due in 8 days, 乙 has no date
    assert [f.action for f in open_follow_ups(ledger, due_within_days=8)] == ["甲"]
    assert [f.action for f in open_follow_ups(ledger, due_within_days=None)] == ["甲", "乙"]


FOLLOW_UPS = [
    FollowUpRow(
        "f1", "v1", "h1", "001", "卓嘎", "核实医保", "扎西", dt.date(2026, 3, 1), dt.date(2026, 2, 1)
    ),
    FollowUpRow("f2", "v1", "h1", "001", "卓嘎", "回访", "", dt.date(2026, 3, 10), None),
    FollowUpRow("f3", None, "h2", "002", "格桑", "报名培训", "", None, None),
]


def test_follow_up_model_roles_and_colours() -> None:
    model = FollowUpTableModel()
    model.set_rows(FOLLOW_UPS, dt.date(2026, 3, 5))
    assert [model.index(r, COL_STATE).data() for r in range(3)] == ["逾期 4 天", "5 天后到期", "未定期限"]
    assert model.index(0, COL_STATE).data(Qt.ItemDataRole.ForegroundRole) == QBrush(OVERDUE)
    assert model.index(1, COL_STATE).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, 0).data(FollowUpIdRole) == "f1"
    assert model.index(2, 3).data(HouseholdIdRole) == "h2"
    assert model.index(2, 0).data(DaysOverdueRole) is None
    assert "2026-02-01 走访时提出" in model.index(0, COL_ACTION).data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(COL_ACTION, Qt.Orientation.Horizontal) == "后续事项"


def test_follow_up_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = FollowUpTableModel()
    model.set_rows(FOLLOW_UPS, dt.date(2026, 3, 5))
    qtmodeltester.check(model)
    model.set_rows([], dt.date(2026, 3, 5))
    qtmodeltester.check(model)


def test_page_models_pass_qtmodeltester(page: VisitsPage, ledger: Ledger, qtmodeltester: Any) -> None:
    record_visit(
        ledger, household="001", content="了解情况", follow_ups=[FollowUpInput("回访", ledger.today())]
    )
    page.ctx.changed.emit(EVERYTHING)
    qtmodeltester.check(page.visits)
    qtmodeltester.check(page.visit_filter)
    qtmodeltester.check(page.follow_ups)
