"""基本信息 as a first secretary uses it: every field the 一户一档 prints is there and editable, coded fields
are drop-downs fed by the national lists with type-to-complete, a wrong value is named beside the field
while typing and never erased."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop.domain.codes import code_list
from desktop.domain.enums import HOUSE_GRADES, WATER_SOURCES
from desktop.domain.fields import label
from desktop.services.context import Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.households import list_households
from desktop.ui.households.window import BASIC_FIELDS, HouseholdDialog
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow

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


def open_001(main: MainWindow, ledger: Ledger, qtbot: Any) -> HouseholdDialog:
    dialog = main.open_household(next(r.id for r in list_households(ledger) if r.number == "001"))
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def type_into(qtbot: Any, dialog: HouseholdDialog, name: str, text: str) -> None:
    editor = dialog.basic_edits[name]
    dialog.basic.ensureWidgetVisible(editor)
    if not dialog.isActiveWindow():
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
    editor.line.setFocus()
    assert editor.line.hasFocus()
    editor.line.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor.line, text)
    else:  # Chinese comes from an input method as a committed string (keyClicks handles only Latin-1)
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(editor.line, event)


def test_every_field_the_household_file_prints_is_on_basic_info(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    dialog = open_001(main, ledger, qtbot)
    for printed in ("bank_account", "house_area", "farmland_mu", "forest_mu", "exit_steps", "water_lpd",
                    "house_appraiser", "relocation_site", "fuel", "toilet", "note"):  # fmt: skip
        assert printed in dialog.basic_edits
        assert dialog.basic_label(printed) == label("household", printed)
    assert len(BASIC_FIELDS) == len(set(BASIC_FIELDS))


def test_coded_fields_offer_the_national_lists(main: MainWindow, ledger: Ledger, qtbot: Any) -> None:
    dialog = open_001(main, ledger, qtbot)

    def offered(name: str) -> list[str]:
        combo = dialog.basic_edits[name].combo
        assert combo is not None, name
        return [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)]

    assert offered("category") == list(code_list("household_category").choices)
    assert offered("main_cause") == list(code_list("poverty_cause").choices)
    assert offered("house_grade") == list(HOUSE_GRADES)
    assert offered("water_source") == list(WATER_SOURCES)
    assert offered("has_power") == ["是", "否"]
    assert dialog.basic_edits["address"].combo is None  # free text stays a line
    assert dialog.basic_edits["category"].text() == "脱贫户"  # the stored value shown as picked


def test_typing_part_of_a_value_completes_it_and_enter_saves(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    dialog = open_001(main, ledger, qtbot)
    editor = dialog.basic_edits["water_source"]
    type_into(qtbot, dialog, "water_source", "受保护")
    combo = editor.combo
    assert combo is not None
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert shown == ["受保护井泉", "不受保护井泉"]  # found anywhere in the value
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: show_household(ledger, "001").fields["water_source"] == "受保护井泉")
    assert main.ctx.undo_stack.canUndo()
    main.ctx.undo_stack.undo()
    assert show_household(ledger, "001").fields["water_source"] is None
    assert editor.text() == ""


def test_a_wrong_value_is_named_while_typing_kept_and_never_saved(
    main: MainWindow, ledger: Ledger, qtbot: Any, modal: Any
) -> None:
    dialog = open_001(main, ledger, qtbot)
    editor = dialog.basic_edits["house_grade"]
    type_into(qtbot, dialog, "house_grade", "E")
    assert editor.error.isVisible()  # before leaving the field
    assert "住房鉴定等级" in editor.error.text() and "A、B、C、D" in editor.error.text()
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    dialog.basic_edits["address"].line.setFocus()  # leaves the field
    assert editor.text() == "E" and editor.error.isVisible()  # what was typed stays, with its reason
    assert show_household(ledger, "001").fields.get("house_grade") is None
    assert modal.texts() == []  # no message box: the reason sits beside the field
    # closing asks before dropping it; 否 keeps the window
    modal.answer("no")
    dialog.close()
    assert dialog.isVisible()
    assert "住房鉴定等级" in modal.take()[-1]
    # Esc in the field puts the stored value back: said by the user, nothing asked
    editor.line.setFocus()
    qtbot.keyClick(editor.line, Qt.Key.Key_Escape)
    assert editor.text() == "" and not editor.error.isVisible()
    # a corrected value saves
    type_into(qtbot, dialog, "house_grade", "b")
    assert not editor.error.isVisible()
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: show_household(ledger, "001").fields.get("house_grade") == "B")
    dialog.close()
    assert not dialog.isVisible()


def test_numbers_land_and_bank_account_are_edited_with_the_keyboard(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    dialog = open_001(main, ledger, qtbot)
    type_into(qtbot, dialog, "farmland_mu", "3.5")
    qtbot.keyClick(dialog.basic_edits["farmland_mu"].line, Qt.Key.Key_Tab)  # leaving the field saves it
    type_into(qtbot, dialog, "exit_steps", "民主评议、村两委核实、乡镇审核、县级审定")
    qtbot.keyClick(dialog.basic_edits["exit_steps"].line, Qt.Key.Key_Return)
    fields = show_household(ledger, "001").fields
    assert Decimal(str(fields["farmland_mu"])) == Decimal("3.5")
    assert fields["exit_steps"] == ["民主评议", "村两委核实", "乡镇审核", "县级审定"]
    account = dialog.basic_edits["bank_account"]
    assert account.line.isReadOnly()  # a bank account is shown and changed only when asked for
    dialog.show_private.setChecked(True)
    type_into(qtbot, dialog, "bank_account", "6228480469876543210")
    qtbot.keyClick(account.line, Qt.Key.Key_Return)
    assert show_household(ledger, "001").fields["bank_account"] == "6228480469876543210"
    dialog.show_private.setChecked(False)
    assert "9876543210" not in account.text() and account.text().endswith("3210")
    QApplication.processEvents()
