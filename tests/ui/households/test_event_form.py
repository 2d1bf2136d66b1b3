"""登记家庭变动 as a first secretary uses it: every household event has a form that says what saving
will change before anything is written; one Ctrl+Z takes the whole event back, Ctrl+Shift+Z does it
again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QWidget

from desktop.services.context import Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.events import household_events
from desktop.services.households.households import list_households
from desktop.ui.households.event_form import HouseholdEventForm
from desktop.ui.households.window import HouseholdDialog
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from tests.ui.dialogs import ModalDialogs

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing",
)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def main(ledger: Ledger, qtbot: Any) -> Iterator[MainWindow]:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window


def open_household(main: MainWindow, ledger: Ledger, qtbot: Any, number: str) -> HouseholdDialog:
    dialog = main.open_household(next(r.id for r in list_households(ledger) if r.number == number))
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def open_form(qtbot: Any, dialog: HouseholdDialog, kind_text: str) -> HouseholdEventForm:
    qtbot.mouseClick(dialog.findChild(QWidget, "registerEvent"), Qt.MouseButton.LeftButton)
    form = dialog.findChild(HouseholdEventForm, "householdEventForm")
    assert form is not None
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitActive(form)
    index = form.kind.findText(kind_text)
    assert index >= 0, [form.kind.itemText(i) for i in range(form.kind.count())]
    form.kind.setFocus()
    while form.kind.currentIndex() != index:  # as a user steps through the list with the arrow key
        qtbot.keyClick(form.kind, Qt.Key.Key_Down)
    return form


def type_text(qtbot: Any, line: QLineEdit, text: str) -> None:
    line.setFocus()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:  # Chinese comes from an input method as a committed string
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(line, event)


def members(ledger: Ledger, number: str) -> list[tuple[str, str]]:
    household = next(r for r in list_households(ledger, include_archived=True) if r.number == number)
    return sorted((m["name"], m["relation"]) for m in show_household(ledger, household.id).members)


def save(qtbot: Any, form: HouseholdEventForm) -> None:
    box = form.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_a_birth_is_shown_before_saving_and_one_ctrl_z_takes_it_back(
    main: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    dialog = open_household(main, ledger, qtbot, "001")
    before = members(ledger, "001")
    form = open_form(qtbot, dialog, "出生（新增成员）")
    type_text(qtbot, form.name, "拉姆")
    form.relation.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("之孙女")
    QApplication.sendEvent(form.relation.lineEdit(), event)
    day = dt.date.today().isoformat()
    assert form.preview.text() == f"{day} 出生：拉姆 成为户 001的成员（之孙女）"
    save(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert ("拉姆", "之孙女") in members(ledger, "001")
    assert [(e.kind, e.member_name) for e in household_events(ledger, "001")] == [("出生", "拉姆")]
    # the window shows it at once, on 家庭成员 and in 变更记录's 家庭变动
    assert "拉姆" in [dialog.members.row_at(r)["name"] for r in range(dialog.members.rowCount())]
    assert dialog.events.rowCount() == 1
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: members(ledger, "001") == before)
    assert household_events(ledger, "001") == [] and dialog.events.rowCount() == 0
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: ("拉姆", "之孙女") in members(ledger, "001"))
    assert len(members(ledger, "001")) == len(before) + 1  # the same person again, not a second one


def test_the_death_of_the_head_asks_for_the_new_head_and_a_refusal_keeps_the_form(
    main: MainWindow, ledger: Ledger, qtbot: Any, modal: ModalDialogs
) -> None:
    dialog = open_household(main, ledger, qtbot, "001")
    before = members(ledger, "001")
    form = open_form(qtbot, dialog, "死亡（减员）")
    assert form.leaving.currentText() == "卓嘎（本人或户主）"
    assert form.new_head.isVisible()
    assert form.preview.text().endswith("请选择新户主。")
    save(qtbot, form)  # no new head chosen: refused, nothing written, the form stays
    qtbot.waitUntil(lambda: bool(modal.named("errorDialog")))
    assert "新户主" in modal.named("errorDialog")[0].text
    assert form.isVisible() and members(ledger, "001") == before
    form.activateWindow()
    qtbot.waitActive(form)
    form.new_head.setFocus()
    while form.new_head.currentText() != "次仁（子女）":
        qtbot.keyClick(form.new_head, Qt.Key.Key_Down)
    assert "新户主：次仁。" in form.preview.text()
    save(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert members(ledger, "001") == sorted([("次仁", "本人或户主"), ("白玛", "子女")])


def test_a_split_then_undone_frees_the_new_number(main: MainWindow, ledger: Ledger, qtbot: Any) -> None:
    dialog = open_household(main, ledger, qtbot, "010")
    before = members(ledger, "010")
    form = open_form(qtbot, dialog, "分户")
    for row in range(form.split_members.count()):
        item = form.split_members.item(row)
        if item.text().startswith(("拉姆", "多吉")):
            item.setCheckState(Qt.CheckState.Checked)
    form.split_head.setFocus()
    while not form.split_head.currentText().startswith("拉姆"):
        qtbot.keyClick(form.split_head, Qt.Key.Key_Down)
    type_text(qtbot, form.new_number, "011")
    assert "拉姆、多吉 从户 010分出，成为新户 011，户主 拉姆" in form.preview.text()
    save(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert members(ledger, "011") == sorted([("拉姆", "本人或户主"), ("多吉", "其他")])
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: members(ledger, "010") == before)
    assert "011" not in [r.number for r in list_households(ledger, include_archived=True)]


def test_a_changed_form_asks_before_closing(
    main: MainWindow, ledger: Ledger, qtbot: Any, modal: ModalDialogs
) -> None:
    dialog = open_household(main, ledger, qtbot, "002")
    form = open_form(qtbot, dialog, "易地搬迁")
    type_text(qtbot, form.site, "新都桥安置点")
    modal.answer("cancel")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(modal.seen))
    assert form.isVisible()
    modal.answer("discard")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert household_events(ledger, "002") == []
