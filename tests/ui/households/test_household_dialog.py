"""The household window: inline edits with validation, undo, filters on the roster, model checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.services.context import EVERYTHING, Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.households import list_households
from desktop.services.visits.visits import record_visit
from desktop.ui.households.window import HouseholdDialog
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.widgets.record_table_model import Column, RecordTableModel
from tests.ui.conftest import HOUSEHOLDS
from tests.ui.dialogs import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def main(ledger: Ledger, qtbot: Any) -> Iterator[MainWindow]:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window


def household_id(ledger: Ledger, number: str) -> str:
    return next(r.id for r in list_households(ledger) if r.number == number)


def error_dialogs() -> list[str]:
    return shown()


def member_row(dialog: HouseholdDialog, name: str) -> int:
    return next(r for r in range(dialog.members.rowCount()) if dialog.members.row_at(r)["name"] == name)


def test_an_invalid_id_number_is_refused_with_the_reason_and_nothing_saved(
    main: MainWindow, ledger: Ledger
) -> None:
    dialog = main.open_household(household_id(ledger, "001"))
    dialog.show_private.setChecked(True)  # ID numbers are edited when shown
    row = member_row(dialog, "次仁")
    column = [c.field for c in dialog.members.columns].index("id_number")
    index = dialog.members.index(row, column)
    assert dialog.members.setData(index, "513301199001011234", Qt.ItemDataRole.EditRole) is False
    assert error_dialogs() == []  # said in the cell and under the grid, not in a message box
    text = dialog.member_grid.error_text()
    assert "次仁·证件号码" in text and "校验码" in text
    members = {m["name"]: m for m in show_household(ledger, "001").members}
    assert members["次仁"].get("id_number") is None
    assert index.data() == "513301199001011234"  # what was typed stays, refused, until Esc
    dialog.show_private.setChecked(False)  # (or the window locks): the typed number is masked too
    assert index.data() == "513301********1234"
    assert "19900101" not in dialog.member_grid.error_text() + index.data(Qt.ItemDataRole.ToolTipRole)
    assert "次仁·证件号码“513301********1234”" in dialog.member_grid.error_text()


def test_an_edit_is_saved_at_once_and_undone_with_ctrl_z(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    dialog = main.open_household(household_id(ledger, "001"))
    phone = dialog.basic_edits["phone"].line
    assert phone.isReadOnly()  # masked: the number is shown (and editable) when asked for
    dialog.show_private.setChecked(True)
    phone.setText("13700000000")
    phone.editingFinished.emit()
    assert show_household(ledger, "001").fields["phone"] == "13700000000"
    assert main.ctx.undo_stack.canUndo()
    main.ctx.undo_stack.undo()
    assert show_household(ledger, "001").fields["phone"] == "13800001234"
    assert dialog.basic_edits["phone"].text() == "13800001234"  # the window shows the undone value
    main.ctx.undo_stack.redo()
    assert show_household(ledger, "001").fields["phone"] == "13700000000"


def test_a_member_added_in_the_window_appears_in_the_roster_count(main: MainWindow, ledger: Ledger) -> None:
    dialog = main.open_household(household_id(ledger, "002"))
    dialog.new_member_name.setText("德吉")
    dialog.new_member_relation.setEditText("之女")
    dialog._add_member()
    assert [m["name"] for m in show_household(ledger, "002").members].count("德吉") == 1
    counts = {r.number: r.member_count for r in list_households(ledger)}
    assert counts["002"] == 2
    page = main.households
    page.refresh()
    rows = {
        page.proxy.index(r, 0).data(): page.proxy.index(r, 5).data() for r in range(page.proxy.rowCount())
    }
    assert rows["002"] == "2"


def test_filters_by_group_gap_and_visits(main: MainWindow, ledger: Ledger, qtbot: Any) -> None:
    page = main.households
    assert page.proxy.rowCount() == len(HOUSEHOLDS)
    page.group_filter.setCurrentIndex(page.group_filter.findData("二组"))
    assert page.count_label.text() == "共 2 户"
    page.group_filter.setCurrentIndex(0)
    page.gap_filter.setCurrentIndex(page.gap_filter.findData("any"))
    assert page.proxy.rowCount() == len(
        HOUSEHOLDS
    )  # nobody checked yet: every household has gaps to find out
    page.gap_filter.setCurrentIndex(0)
    record_visit(ledger, household="003", visited_on=ledger.today(), content="了解务工情况")
    main.ctx.changed.emit(EVERYTHING)
    page.visit_filter.setValue(30)
    shown = {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}
    assert shown == {"001", "002", "010"}  # 003 was visited today


def test_record_table_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = RecordTableModel([Column("name", "姓名", True), Column("age", "年龄")], lambda r, f, t: True)
    model.set_rows([{"id": "a", "name": "卓嘎", "age": 40}, {"id": "b", "name": "次仁", "age": None}])
    qtmodeltester.check(model)


def test_household_filter_proxy_passes_qtmodeltester(main: MainWindow, qtmodeltester: Any) -> None:
    qtmodeltester.check(main.households.proxy)


def test_the_household_window_starts_a_visit_on_its_household(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    dialog = main.open_household(household_id(ledger, "003"))
    from PySide6.QtWidgets import QPushButton

    dialog.findChild(QPushButton, "newVisit").click()
    visits = main.page("走访")
    assert main.stack.currentWidget() is visits
    assert visits.picker.household_id() == household_id(ledger, "003")


def test_id_and_phone_numbers_are_masked_until_asked_for(main: MainWindow, ledger: Ledger) -> None:
    from desktop.services.households.members import edit_member
    from desktop.store.models import Pairing
    from desktop.store.writer import ChangeWriter

    number = show_household(ledger, "001").members[0]["id_number"]
    helper_phone = "13698765432"
    with ledger.store.session() as session:  # a helper with a phone, written as any synced record
        ChangeWriter(session).create(
            Pairing,
            {"household_id": household_id(ledger, "001"), "helper_name": "王强", "phone": helper_phone},
        )
    member_id = next(m["id"] for m in show_household(ledger, "001").members if m["name"] == "卓嘎")
    edit_member(ledger, member_id, {"id_number": "11010519491231002X"})
    dialog = main.open_household(household_id(ledger, "001"))

    def shown() -> str:
        return " ".join(
            str(model.index(r, c).data())
            for model in (dialog.members, dialog.pairings, dialog.history)
            for r in range(model.rowCount())
            for c in range(model.columnCount())
        )

    assert dialog.show_private.isChecked() is False
    assert "19491231" not in shown() and number[6:14] not in shown() and helper_phone not in shown()
    phone = show_household(ledger, "001").fields["phone"]
    basic_phone = dialog.basic_edits["phone"].line
    assert phone and basic_phone.text() == phone[:3] + "****" + phone[-4:] and basic_phone.isReadOnly()
    assert "110105********002X" in shown() and "136****5432" in shown()
    row = member_row(dialog, "卓嘎")
    column = [c.field for c in dialog.members.columns].index("id_number")
    # while masked the cell is read only and never gives the whole number (not to an editor, not to Ctrl+C)
    assert dialog.members.index(row, column).data(Qt.ItemDataRole.EditRole) == "110105********002X"
    assert not dialog.members.index(row, column).flags() & Qt.ItemFlag.ItemIsEditable
    dialog.show_private.setChecked(True)
    assert "11010519491231002X" in shown() and number in shown() and helper_phone in shown()
    assert basic_phone.text() == phone and not basic_phone.isReadOnly()
    dialog.show_private.setChecked(False)
    assert "11010519491231002X" not in shown() and phone not in basic_phone.text()
    # 变更记录 names the household a member belongs to, never its record id
    history = " ".join(str(dialog.history.index(r, 3).data()) for r in range(dialog.history.rowCount()))
    assert "所属户：（空） → 户 001" in history and household_id(ledger, "001") not in history


def test_the_checklist_tab_shows_the_exit_standard_per_income_year(ledger: Ledger, qtbot: Any) -> None:
    from desktop.services.households.households import edit_household
    from desktop.services.households.incomes import record_income

    edit_household(ledger, "002", {"has_power": True, "tv": False})
    record_income(ledger, household="002", year=2019, wage=9000)
    dialog = HouseholdDialog(UiContext(ledger), household_id(ledger, "002"))
    qtbot.addWidget(dialog)
    shown = dialog.checklist.toPlainText()
    assert "2019 年脱贫退出标准（一超六有）" in shown
    assert "✓ 收入超过扶贫标准" in shown
    assert "人均纯收入 9000 元，超过 2019 年扶贫标准 3218 元（来源：国家统计局" in shown
    assert "✗ 广播电视" in shown and "未通广播电视" in shown
    assert "未经核实" not in shown
    # the 收入 tab names the line's source, never a draft note
    (income,) = [dialog.incomes.row_at(r) for r in range(dialog.incomes.rowCount())]
    assert income["poverty_line"] == 3218
    assert income["line_note"] == "来源：国家统计局住户调查办公室《中国农村贫困监测报告 2020》"


def test_a_visit_recorded_while_filtering_by_visits_leaves_the_list_at_once(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    """The filter reads each household's last visit: a visit recorded meanwhile (here through the ledger,
    as the 走访 page or an import records one) takes its household off "30 天未走访" at once, not at the
    change after."""
    page = main.households
    page.visit_filter.setValue(30)
    assert page.proxy.rowCount() == len(HOUSEHOLDS)  # nobody visited yet
    record_visit(ledger, household="003", visited_on=ledger.today(), content="了解务工情况")

    def listed() -> set[str]:
        return {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}

    qtbot.waitUntil(lambda: listed() == {"001", "002", "010"}, timeout=5_000)
    assert page.count_label.text() == "共 3 户"
