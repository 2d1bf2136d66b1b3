"""Batch actions on the households selected in 农户 (Ctrl+click): 设村民小组… as one step of 撤销, and the
一户一档 / 明白卡 of just those households."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QInputDialog, QWidget

from desktop.services.context import Ledger
from desktop.services.households.households import list_households
from desktop.ui.households.page import HouseholdsPage
from desktop.ui.households.table_model import COL_NUMBER
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from tests.ui.conftest import on_screen
from tests.ui.dialogs import ModalDialogs, save_as

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def main(ledger: Ledger, qtbot: Any) -> Iterator[MainWindow]:
    window = on_screen(MainWindow(UiContext(ledger)), qtbot, 1366, 768)
    yield window


def groups(ledger: Ledger) -> dict[str, str]:
    return {row.number: row.group_name for row in list_households(ledger)}


def click_rows(page: HouseholdsPage, qtbot: Any, numbers: list[str]) -> None:
    """A click on the first, Ctrl+click on the others, as a user selects several rows."""
    for i, number in enumerate(numbers):
        row = next(
            r for r in range(page.proxy.rowCount()) if page.proxy.index(r, COL_NUMBER).data() == number
        )
        rect = page.table.visualRect(page.proxy.index(row, COL_NUMBER))
        modifier = CTRL if i else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def answer_group(group: str) -> Any:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        combo = dialog.findChild(QComboBox)
        assert combo is not None and combo.isEditable()
        edit = combo.lineEdit()
        assert edit is not None
        edit.setText(group)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.click()

    return answer


def test_selected_households_get_a_group_in_one_undoable_step(
    main: MainWindow, ledger: Ledger, modal: ModalDialogs, qtbot: Any
) -> None:
    page = main.households
    click_rows(page, qtbot, ["001", "003"])
    assert sorted(page.selected_household_ids()) == sorted(
        r.id for r in list_households(ledger) if r.number in ("001", "003")
    )
    modal.on_next(answer_group("三组"))
    qtbot.mouseClick(page.group_button, Qt.MouseButton.LeftButton)
    assert groups(ledger) == {"001": "三组", "002": "一组", "003": "三组", "010": "二组"}
    assert page.group_filter.findData("三组") > 0  # the new group is offered in the filter

    main.activateWindow()  # offscreen, no window manager gives the window back after a dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)  # one 撤销 for both households
    assert groups(ledger) == {"001": "一组", "002": "一组", "003": "二组", "010": "二组"}
    qtbot.keyClick(page.table, Qt.Key.Key_Y, CTRL)
    assert groups(ledger)["001"] == "三组" and groups(ledger)["003"] == "三组"


def test_a_cancelled_group_changes_nothing_and_no_selection_is_refused(
    main: MainWindow, ledger: Ledger, modal: ModalDialogs, qtbot: Any
) -> None:
    page = main.households
    before = groups(ledger)
    click_rows(page, qtbot, ["002", "010"])
    modal.on_next(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    qtbot.mouseClick(page.group_button, Qt.MouseButton.LeftButton)
    assert groups(ledger) == before and not main.ctx.undo_stack.canUndo()
    page.table.clearSelection()
    qtbot.mouseClick(page.group_button, Qt.MouseButton.LeftButton)
    assert modal.take()[-1] == "请先在列表中选择农户（按住 Ctrl 或 Shift 可以多选）"
    assert groups(ledger) == before


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("cards", [False, True], ids=["household-files", "cards"])
def test_the_selected_households_are_printed(
    main: MainWindow, modal: ModalDialogs, qtbot: Any, tmp_path: Path, cards: bool
) -> None:
    page = main.households
    click_rows(page, qtbot, ["002", "010"])
    modal.on_next(save_as(tmp_path / "selected.pdf"))
    (page.print_cards_action if cards else page.print_files_action).trigger()
    qtbot.waitUntil(lambda: not main.ctx.jobs, timeout=60_000)
    said = modal.take()[-1]
    assert said.startswith(f"已生成 {tmp_path / 'selected.pdf'}（2 户")
    text = pdf_text(tmp_path / "selected.pdf")
    assert "格桑" in text and "扎西次仁" in text
    assert "卓嘎" not in text and "央金" not in text
