"""A form of the household window closed with changes not saved asks 保存 / 放弃 / 取消; unchanged, it
closes without a question."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.services.context import Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.households import list_households
from desktop.ui.households.window import HouseholdDialog
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from tests.ui.dialogs import ModalDialogs

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
QUESTION = "这张表有改动还没有保存，关闭前要保存吗？"


@pytest.fixture
def dialog(ledger: Ledger, qtbot: Any) -> Iterator[HouseholdDialog]:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    household = next(r.id for r in list_households(ledger) if r.number == "001")
    yield window.open_household(household)


def test_an_unchanged_form_closes_without_a_question(
    dialog: HouseholdDialog, modal: ModalDialogs, qtbot: Any
) -> None:
    form = dialog.records.open_income_form()
    qtbot.waitExposed(form)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible() and modal.take() == []


def test_a_changed_income_form_asks_cancel_discard_and_save(
    dialog: HouseholdDialog, ledger: Ledger, modal: ModalDialogs, qtbot: Any
) -> None:
    form = dialog.records.open_income_form()
    qtbot.waitExposed(form)
    form.year.setValue(2025)
    form.amounts["wage"].setFocus()
    qtbot.keyClicks(form.amounts["wage"], "6000")

    modal.answer("cancel")  # 取消: the form stays as it was
    qtbot.keyClick(form.amounts["wage"], Qt.Key.Key_Escape)
    assert modal.take() == [QUESTION]
    assert form.isVisible() and form.amounts["wage"].text() == "6000"

    modal.answer("save")  # 保存: recorded, the form closes
    form.close()  # the window's ×
    assert modal.take() == [QUESTION]
    assert not form.isVisible()
    (income,) = show_household(ledger, "001").incomes
    assert income.year == 2025

    again = dialog.records.open_income_form()
    qtbot.waitExposed(again)
    again.year.setValue(2024)
    again.amounts["wage"].setFocus()
    qtbot.keyClicks(again.amounts["wage"], "5000")
    modal.answer("discard")  # 放弃: closed, nothing recorded
    qtbot.keyClick(again.amounts["wage"], Qt.Key.Key_Escape)
    assert modal.take() == [QUESTION] and not again.isVisible()
    assert [i.year for i in show_household(ledger, "001").incomes] == [2025]
