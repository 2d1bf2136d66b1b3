"""The household window's forms for income, measures and helpers: saved through the undo stack, shown in
the tabs at once, and refused input shown as the service's Chinese message with nothing saved."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from desktop.services.context import Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.households import list_households
from desktop.services.maintenance.dump import dump_ledger
from desktop.ui.households.window import HouseholdDialog
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from tests.ui.dialogs import ModalDialogs, shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def main(ledger: Ledger, qtbot: Any) -> Iterator[MainWindow]:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window


@pytest.fixture
def dialog(main: MainWindow, ledger: Ledger) -> HouseholdDialog:
    household = next(r.id for r in list_households(ledger) if r.number == "001")  # 卓嘎, 3 people
    return main.open_household(household)


def error_texts() -> list[str]:
    return shown()


def table_rows(model: Any) -> list[dict[str, str]]:
    return [
        {column.field: model.index(row, c).data() for c, column in enumerate(model.columns)}
        for row in range(model.rowCount())
    ]


def test_an_income_entered_in_the_form_shows_per_person_and_ctrl_z_removes_it(
    main: MainWindow, dialog: HouseholdDialog, ledger: Ledger
) -> None:
    form = dialog.records.open_income_form()
    form.year.setValue(2025)
    form.amounts["wage"].setText("6000")
    form.amounts["business"].setText("2500")
    form.amounts["business_costs"].setText("600")
    form.amounts["transfer_dibao"].setText("1200")
    form.amounts["transfer_pension"].setText("900")
    assert "人均纯收入 3333.33 元（3 人）" in form.preview.text()  # shown while typing, nothing saved yet
    assert show_household(ledger, "001").incomes == []
    assert form.save() is True and not form.isVisible()
    (row,) = table_rows(dialog.incomes)
    assert row["year"] == "2025" and row["net"] == "10000.00" and row["per_person"] == "3333.33"
    assert main.ctx.undo_stack.canUndo()
    main.ctx.undo_stack.undo()
    assert show_household(ledger, "001").incomes == [] and dialog.incomes.rowCount() == 0
    main.ctx.undo_stack.redo()
    assert [r["per_person"] for r in table_rows(dialog.incomes)] == ["3333.33"]
    # opening the year again shows what was recorded; a change is undone back to the first figures
    again = dialog.records.open_income_form(2025)
    assert again.amounts["wage"].text() == "6000" and again.amounts["transfer"].text() == "2100"
    again.amounts["wage"].setText("7500")
    assert again.save()
    assert table_rows(dialog.incomes)[0]["per_person"] == "3833.33"
    main.ctx.undo_stack.undo()
    assert table_rows(dialog.incomes)[0]["per_person"] == "3333.33"


def test_a_new_income_form_is_for_the_year_just_ended_and_judges_nothing_while_empty(
    dialog: HouseholdDialog, ledger: Ledger
) -> None:
    form = dialog.records.open_income_form()
    assert form.year.value() == ledger.today().year - 1  # in December too: that year is not over yet
    assert "低于" not in form.preview.text() and form.preview.styleSheet() == ""
    assert form.preview.text() == "填写收入后，这里显示人均纯收入与当年贫困线的对比"
    form.amounts["wage"].setText("300")
    assert "人均纯收入 100 元（3 人）" in form.preview.text() and "低于贫困线" in form.preview.text()
    # the line's year and source are said, never a bare figure: the shipped table stops at 2019
    assert "尚未设置，沿用 2019 年标准 3218 元" in form.preview.text()
    form.amounts["wage"].setText("")
    assert "低于" not in form.preview.text()


def test_an_invalid_amount_shows_the_error_and_saves_nothing(dialog: HouseholdDialog, ledger: Ledger) -> None:
    before = dump_ledger(ledger)
    form = dialog.records.open_income_form()
    form.amounts["wage"].setText("6千")
    assert "工资性收入" in form.preview.text()  # the preview already says what is wrong
    assert form.save() is False
    (text,) = error_texts()
    assert "工资性收入" in text and "6千" in text
    assert form.isVisible()  # kept open to correct
    assert dump_ledger(ledger) == before and dialog.incomes.rowCount() == 0


def test_a_measure_and_a_change_of_helper_show_in_the_tab_and_undo(
    main: MainWindow, dialog: HouseholdDialog, ledger: Ledger, modal: ModalDialogs
) -> None:
    records = dialog.records
    form = records.open_measure_form()
    assert form is not None
    form.group.setCurrentIndex(form.group.findData("产业"))
    form.edits["project"].setText("牦牛养殖")
    form.edits["funds"].setText("15000")
    form.edits["start_on"].setText("2025-05-01")
    assert form.save()
    (measure,) = table_rows(dialog.measures)
    assert (
        measure["project"] == "牦牛养殖"
        and measure["group_name"] == "产业"
        and measure["start_on"] == "2025-05-01"
    )
    # 修改… on the only measure, then 撤销
    edit = records.open_measure_form(edit=True)
    assert edit is not None and edit.edits["project"].text() == "牦牛养殖"
    edit.edits["result"].setText("出栏 3 头")
    assert edit.save()
    assert table_rows(dialog.measures)[0]["result"] == "出栏 3 头"
    modal.answer("no")  # 否: the measure stays
    assert not records.archive_measure()
    assert "撤销帮扶措施“牦牛养殖”" in error_texts()[0]
    assert dialog.measures.rowCount() == 1
    modal.answer("yes")
    assert records.archive_measure()
    assert "撤销帮扶措施“牦牛养殖”" in error_texts()[0]
    assert dialog.measures.rowCount() == 0
    main.ctx.undo_stack.undo()
    assert [m["project"] for m in table_rows(dialog.measures)] == ["牦牛养殖"]

    helper = records.open_pairing_form()
    assert helper is not None
    helper.name.setText("张华")
    helper.unit.setText("县农业农村局")
    helper.phone.setText("13800001234")
    helper.start.setText("2021-06-01")
    assert helper.save()
    change = records.open_pairing_form(change=True)
    assert change is not None and change.replaced.count() == 1
    change.name.setText("李明")
    change.unit.setText("乡人民政府")
    change.start.setText("2026-03-01")
    assert change.save()
    rows = table_rows(dialog.pairings)
    assert [(r["helper_name"], r["start_on"], r["end_on"]) for r in rows] == [
        ("张华", "2021-06-01", "2026-02-28"),
        ("李明", "2026-03-01", ""),
    ]
    main.ctx.undo_stack.undo()  # the change is taken back: 张华 is the helper again
    assert [(r["helper_name"], r["end_on"]) for r in table_rows(dialog.pairings)] == [("张华", "")]
    main.ctx.undo_stack.redo()
    assert [r["helper_name"] for r in table_rows(dialog.pairings)] == ["张华", "李明"]


def test_a_bad_phone_for_a_helper_is_refused_and_nothing_saved(
    dialog: HouseholdDialog, ledger: Ledger
) -> None:
    before = dump_ledger(ledger)
    form = dialog.records.open_pairing_form()
    assert form is not None
    form.name.setText("张华")
    form.phone.setText("12345")
    assert form.save() is False
    (text,) = error_texts()
    assert "联系电话" in text
    assert dump_ledger(ledger) == before and dialog.pairings.rowCount() == 0
