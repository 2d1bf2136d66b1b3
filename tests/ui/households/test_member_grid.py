"""家庭成员 as a first secretary uses it, with the keyboard: every printed member field is a column, coded
cells are drop-downs with type-to-complete, Tab and Enter move while editing, Ctrl+C / Ctrl+V / Ctrl+D work
with Excel's tab-separated text, one paste or fill is one Ctrl+Z, and a value that cannot be stored stays in
its cell in red with the member and field named under the grid — never a message box."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QWidget

from desktop.domain.fields import label
from desktop.services.context import Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.households import list_households
from desktop.ui.households.member_grid import REFUSED_BACKGROUND
from desktop.ui.households.window import HouseholdDialog
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from tests.ui.conftest import id_number

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing",
)


@pytest.fixture
def main(ledger: Ledger, qtbot: Any) -> Iterator[MainWindow]:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window


def open_household(main: MainWindow, ledger: Ledger, qtbot: Any, number: str = "010") -> HouseholdDialog:
    dialog = main.open_household(next(r.id for r in list_households(ledger) if r.number == number))
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentWidget(dialog.member_grid)
    qtbot.waitUntil(lambda: active(dialog))
    return dialog


def active(dialog: HouseholdDialog) -> bool:
    """The household window in front (the main window may take the activation back once shown)."""
    if not dialog.isActiveWindow():
        dialog.activateWindow()
    return dialog.isActiveWindow()


def column(dialog: HouseholdDialog, field: str) -> int:
    return [c.field for c in dialog.members.columns].index(field)


def row_of(dialog: HouseholdDialog, name: str) -> int:
    return next(r for r in range(dialog.members.rowCount()) if dialog.members.row_at(r)["name"] == name)


def cell(dialog: HouseholdDialog, name: str, field: str) -> str:
    return str(dialog.members.index(row_of(dialog, name), column(dialog, field)).data() or "")


def go_to(
    qtbot: Any, dialog: HouseholdDialog, name: str, field: str, *, to: tuple[str, str] | None = None
) -> None:
    """Select a cell (or the block from it to ``to``), as a click and a shift-click would."""
    qtbot.waitUntil(lambda: active(dialog))
    view, model = dialog.member_table, dialog.members
    start = model.index(row_of(dialog, name), column(dialog, field))
    view.selectionModel().setCurrentIndex(start, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    if to is not None:
        end = model.index(row_of(dialog, to[0]), column(dialog, to[1]))
        for r in range(start.row(), end.row() + 1):
            for c in range(start.column(), end.column() + 1):
                view.selectionModel().select(model.index(r, c), QItemSelectionModel.SelectionFlag.Select)
    view.setFocus()
    assert view.hasFocus()


def editor(dialog: HouseholdDialog) -> QWidget:
    """The open cell editor: its line (a drop-down's line for a coded column), where keys are typed."""
    view = dialog.member_table
    assert view.state() == QAbstractItemView.State.EditingState
    widget = view.indexWidget(view.currentIndex())
    if isinstance(widget, QComboBox):
        line = widget.lineEdit()
        assert line is not None
        return line
    assert widget is not None
    return widget


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Typed as on the keyboard: the first key on a cell opens its editor, which then has the focus and
    gets the rest."""
    if text.isascii():
        qtbot.keyClick(widget, text[0])
        view = widget if isinstance(widget, QAbstractItemView) else None
        rest = view.indexWidget(view.currentIndex()) if view is not None else widget
        if isinstance(rest, QComboBox):
            rest = rest.lineEdit()
        assert rest is not None
        if text[1:]:
            qtbot.keyClicks(rest, text[1:])
    else:  # Chinese comes from an input method as a committed string
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def stored(ledger: Ledger, number: str, name: str) -> dict[str, Any]:
    return next(m for m in show_household(ledger, number).members if m["name"] == name)


def test_every_member_field_the_household_file_prints_is_a_column(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    dialog = open_household(main, ledger, qtbot, "001")
    model = dialog.members
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    for field in ("name", "sex", "relation", "id_number", "birth_date", "ethnicity", "political_status",
                  "education", "schooling", "school_name", "health", "disability", "labour", "work_status",
                  "work_months", "medical_insurance", "serious_illness_insurance", "pension_insurance",
                  "family_doctor", "chronic_card", "dibao", "tekun", "soldier", "note"):  # fmt: skip
        assert label("member", field) in headers, field
    assert "年龄" in headers
    # the ID number stays masked until asked for, and cannot be edited while masked
    number = stored(ledger, "001", "卓嘎")["id_number"]
    index = model.index(row_of(dialog, "卓嘎"), column(dialog, "id_number"))
    assert index.data() == number[:6] + "********" + number[-4:]
    assert index.data(Qt.ItemDataRole.EditRole) == index.data()
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    dialog.show_private.setChecked(True)
    assert index.data() == number and index.flags() & Qt.ItemFlag.ItemIsEditable


def test_a_coded_cell_is_a_drop_down_that_completes_and_enter_moves_down(
    main: MainWindow, ledger: Ledger, qtbot: Any, modal: Any
) -> None:
    dialog = open_household(main, ledger, qtbot)
    go_to(qtbot, dialog, "拉姆", "health")
    qtbot.keyClick(dialog.member_table, Qt.Key.Key_F2)
    combo = editor(dialog).parent()
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)] == [
        "健康", "长期慢性病", "大病", "残疾",
    ]  # fmt: skip
    line = combo.lineEdit()
    assert line is not None
    line.selectAll()
    type_text(qtbot, line, "慢性")
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == ["长期慢性病"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.currentText() == "长期慢性病"
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert stored(ledger, "010", "拉姆")["health"] == "长期慢性病"
    current = dialog.member_table.currentIndex()
    assert current.column() == column(dialog, "health")
    assert current.row() == row_of(dialog, "拉姆") + 1  # Enter went on to the next member
    assert dialog.member_table.state() != QAbstractItemView.State.EditingState
    assert modal.texts() == []


def test_typing_on_a_cell_edits_it_and_tab_saves_and_moves_on(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    dialog = open_household(main, ledger, qtbot)
    view = dialog.member_table
    go_to(qtbot, dialog, "多吉", "ethnicity")
    type_text(qtbot, view, "藏族")  # typing on a selected cell starts editing it
    qtbot.keyClick(editor(dialog), Qt.Key.Key_Tab)
    assert stored(ledger, "010", "多吉")["ethnicity"] == "藏族"
    assert view.currentIndex().column() == column(dialog, "ethnicity") + 1  # 政治面貌, the next cell
    type_text(qtbot, view, "群众")
    qtbot.keyClick(editor(dialog), Qt.Key.Key_Backtab)  # Shift+Tab saves and goes back
    assert stored(ledger, "010", "多吉")["political_status"] == "群众"
    assert view.currentIndex().column() == column(dialog, "ethnicity")
    assert cell(dialog, "多吉", "political_status") == "群众"
    # reopened, the values are there
    dialog.close()
    again = open_household(main, ledger, qtbot)
    assert cell(again, "多吉", "ethnicity") == "藏族" and cell(again, "多吉", "political_status") == "群众"


def test_a_wrong_value_stays_in_its_cell_in_red_named_under_the_grid_until_esc(
    main: MainWindow, ledger: Ledger, qtbot: Any, modal: Any
) -> None:
    dialog = open_household(main, ledger, qtbot)
    view = dialog.member_table
    go_to(qtbot, dialog, "德吉", "schooling")
    type_text(qtbot, view, "abc")
    line = editor(dialog)
    assert isinstance(line, QLineEdit)
    # named while typing, before leaving the cell
    assert "德吉" in dialog.member_grid.error_text() and "在校生状况" in dialog.member_grid.error_text()
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert modal.texts() == []  # no message box
    index = dialog.members.index(row_of(dialog, "德吉"), column(dialog, "schooling"))
    assert index.data() == "abc"  # what was typed is still there
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() == REFUSED_BACKGROUND
    assert "在校生状况" in index.data(Qt.ItemDataRole.ToolTipRole)
    error = dialog.member_grid.error_text()
    assert "德吉·在校生状况“abc”" in error
    assert stored(ledger, "010", "德吉").get("schooling") is None
    assert not main.ctx.undo_stack.canUndo()
    # another edit elsewhere does not drop it
    type_text(qtbot, view, "小学")
    qtbot.keyClick(editor(dialog), Qt.Key.Key_Return)
    assert index.data() == "abc" and "德吉·在校生状况" in dialog.member_grid.error_text()
    # closing asks before dropping it; 否 keeps the window
    modal.answer("no")
    dialog.close()
    assert dialog.isVisible() and "德吉·在校生状况" in modal.take()[-1]
    # Esc on the cell puts the stored value back
    go_to(qtbot, dialog, "德吉", "schooling")
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert index.data() == "" and dialog.member_grid.error_text() == ""
    # a corrected value replaces a refusal
    type_text(qtbot, view, "xyz")
    qtbot.keyClick(editor(dialog), Qt.Key.Key_Return)
    assert dialog.members.index(row_of(dialog, "德吉"), column(dialog, "schooling")).data() == "xyz"
    go_to(qtbot, dialog, "德吉", "schooling")
    type_text(qtbot, view, "小学")
    qtbot.keyClick(editor(dialog), Qt.Key.Key_Return)
    assert stored(ledger, "010", "德吉")["schooling"] == "小学"
    assert cell(dialog, "德吉", "schooling") == "小学" and dialog.member_grid.error_text() == ""


def test_copy_gives_excel_tab_separated_text(main: MainWindow, ledger: Ledger, qtbot: Any) -> None:
    dialog = open_household(main, ledger, qtbot)
    go_to(qtbot, dialog, "拉姆", "name", to=("多吉", "relation"))
    qtbot.keyClick(dialog.member_table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "拉姆\t\t子女\n多吉\t\t子女\n"


def test_a_paste_from_excel_is_saved_refusals_listed_and_undone_in_one_step(
    main: MainWindow, ledger: Ledger, qtbot: Any, modal: Any
) -> None:
    dialog = open_household(main, ledger, qtbot)
    view = dialog.member_table
    members = [dialog.members.row_at(r)["name"] for r in range(dialog.members.rowCount())]
    assert members[1:] == ["拉姆", "多吉", "德吉", "平措"]
    # Excel's clipboard: CRLF lines, tab cells, a line break after the last row; one more row than members
    QApplication.clipboard().setText(
        "汉族\t群众\t初中\r\n藏族\t中共党员\t博士\r\n藏族\t群众\t小学\r\n藏族\t\t高中\r\n回族\t群众\t小学\r\n"
    )
    go_to(qtbot, dialog, "拉姆", "ethnicity")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert modal.texts() == []
    after = {m["name"]: m for m in show_household(ledger, "010").members}
    assert [after[n]["ethnicity"] for n in members[1:]] == ["汉族", "藏族", "藏族", "藏族"]
    assert [after[n]["political_status"] for n in members[1:]] == ["群众", "中共党员", "群众", None]
    assert [after[n]["education"] for n in members[1:]] == ["初中", None, "小学", "高中"]
    assert len(show_household(ledger, "010").members) == 5  # no member made by the extra row
    error = dialog.member_grid.error_text()
    assert "多1 行" not in error and "多 1 行" in error and "添加成员" in error
    assert "多吉·文化程度“博士”" in error
    assert cell(dialog, "多吉", "education") == "博士"  # the refused cell keeps what was pasted
    # one Ctrl+Z takes the whole paste back
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = {m["name"]: m for m in show_household(ledger, "010").members}
    assert all(back[n]["ethnicity"] is None and back[n]["education"] is None for n in members[1:])
    assert cell(dialog, "拉姆", "ethnicity") == ""
    assert not main.ctx.undo_stack.canUndo()
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # and Ctrl+Y brings it back
    assert stored(ledger, "010", "平措")["education"] == "高中"


def test_ctrl_d_fills_down_in_one_undo_step(main: MainWindow, ledger: Ledger, qtbot: Any) -> None:
    dialog = open_household(main, ledger, qtbot)
    view = dialog.member_table
    go_to(qtbot, dialog, "拉姆", "medical_insurance")
    type_text(qtbot, view, "是")
    qtbot.keyClick(editor(dialog), Qt.Key.Key_Return)
    go_to(qtbot, dialog, "拉姆", "medical_insurance", to=("平措", "pension_insurance"))
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    for name in ("拉姆", "多吉", "德吉", "平措"):
        assert stored(ledger, "010", name)["medical_insurance"] is True
        assert cell(dialog, name, "medical_insurance") == "是"
    steps = main.ctx.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [stored(ledger, "010", n)["medical_insurance"] for n in ("拉姆", "多吉", "德吉", "平措")] == [
        True, None, None, None,
    ]  # fmt: skip
    assert main.ctx.undo_stack.index() == steps - 1


def test_a_member_added_below_the_grid_then_named_wrong_says_so(
    main: MainWindow, ledger: Ledger, qtbot: Any, modal: Any
) -> None:
    dialog = open_household(main, ledger, qtbot, "002")
    grid = dialog.member_grid
    grid.new_member_name.setFocus()
    type_text(qtbot, grid.new_member_name, "德吉")
    relation = grid.new_member_relation.lineEdit()
    assert relation is not None
    relation.setFocus()
    type_text(qtbot, relation, "女婿")
    qtbot.keyClick(grid.findChild(QWidget, "addMember"), Qt.Key.Key_Space)
    assert "与户主关系" in grid.error_text() and modal.texts() == []
    assert grid.new_member_name.text() == "德吉"  # kept to be corrected
    relation.selectAll()
    type_text(qtbot, relation, "之女")
    qtbot.keyClick(grid.findChild(QWidget, "addMember"), Qt.Key.Key_Space)
    assert stored(ledger, "002", "德吉")["relation"] == "之女"
    assert cell(dialog, "德吉", "relation") == "之女" and grid.new_member_name.text() == ""


def test_an_id_number_typed_brings_sex_and_birth_date_and_ctrl_z_takes_all_back(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    dialog = open_household(main, ledger, qtbot, "001")
    dialog.show_private.setChecked(True)  # ID numbers are edited when shown
    number = id_number("19950101", "011")
    go_to(qtbot, dialog, "次仁", "id_number")
    type_text(qtbot, dialog.member_table, number)
    qtbot.keyClick(editor(dialog), Qt.Key.Key_Tab)
    assert (cell(dialog, "次仁", "id_number"), cell(dialog, "次仁", "sex")) == (number, "男")
    assert cell(dialog, "次仁", "birth_date") == "1995-01-01"
    # the member moved in the list (members are ordered by birth date); the cursor went with him
    current = dialog.member_table.currentIndex()
    assert (current.row(), current.column()) == (row_of(dialog, "次仁"), column(dialog, "id_number") + 1)
    qtbot.keyClick(dialog.member_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    member = stored(ledger, "001", "次仁")
    assert (member["id_number"], member["sex"], member["birth_date"]) == (None, None, None)
    assert cell(dialog, "次仁", "sex") == ""


def test_one_copied_value_pastes_into_every_selected_cell_and_delete_empties_them(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    dialog = open_household(main, ledger, qtbot)
    view = dialog.member_table
    go_to(qtbot, dialog, "拉姆", "labour")
    type_text(qtbot, view, "普通劳动力")
    qtbot.keyClick(editor(dialog), Qt.Key.Key_Return)
    go_to(qtbot, dialog, "拉姆", "labour")
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    go_to(qtbot, dialog, "多吉", "labour", to=("平措", "labour"))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [cell(dialog, n, "labour") for n in ("多吉", "德吉", "平措")] == ["普通劳动力"] * 3
    assert dialog.member_grid.error_text() == ""
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [stored(ledger, "010", n)["labour"] for n in ("拉姆", "多吉", "德吉", "平措")] == [
        "普通劳动力", None, None, None,
    ]  # fmt: skip
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [cell(dialog, n, "labour") for n in ("多吉", "德吉", "平措")] == ["普通劳动力"] * 3


def test_rows_copied_from_excel_with_dates_and_yes_no_paste_across_columns(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    dialog = open_household(main, ledger, qtbot)
    # 出生日期 … 政治面貌 as an Excel sheet in Chinese shows them (and copies them): 1995/1/1
    QApplication.clipboard().setText("2001/3/9\t\t藏族\t共青团员\r\n2010年9月1日\t\t藏族\t群众\r\n")
    go_to(qtbot, dialog, "拉姆", "birth_date")
    qtbot.keyClick(dialog.member_table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.member_grid.error_text() == ""  # 年龄 left empty in the paste: nothing to refuse
    assert (stored(ledger, "010", "拉姆")["birth_date"], cell(dialog, "拉姆", "political_status")) == (
        "2001-03-09", "共青团员",
    )  # fmt: skip
    assert cell(dialog, "多吉", "birth_date") == "2010-09-01" and cell(dialog, "多吉", "age") != ""


def test_the_ledger_read_again_while_typing_keeps_what_is_typed(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    from desktop.services.context import EVERYTHING

    dialog = open_household(main, ledger, qtbot)
    go_to(qtbot, dialog, "平措", "school_name")
    type_text(qtbot, dialog.member_table, "yanong")
    main.ctx.changed.emit(EVERYTHING)  # as after a sync or another window's edit
    line = editor(dialog)
    assert isinstance(line, QLineEdit) and line.text() == "yanong"
    qtbot.keyClick(line, Qt.Key.Key_Escape)  # Esc while editing: the cell as it was, nothing saved
    assert dialog.member_table.state() != QAbstractItemView.State.EditingState
    assert cell(dialog, "平措", "school_name") == "" and stored(ledger, "010", "平措")["school_name"] is None


def test_enter_and_tab_move_without_editing_too(main: MainWindow, ledger: Ledger, qtbot: Any) -> None:
    dialog = open_household(main, ledger, qtbot)
    view = dialog.member_table
    go_to(qtbot, dialog, "拉姆", "relation")

    def where() -> tuple[int, int]:
        return view.currentIndex().row(), view.currentIndex().column()

    start = where()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert where() == (start[0] + 1, start[1])
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert where() == start
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert where() == (start[0], start[1] + 1)
    assert view.state() != QAbstractItemView.State.EditingState  # moving is not editing
