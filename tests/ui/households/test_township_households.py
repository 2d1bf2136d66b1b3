"""农户 at a township with three villages that all have a 001 卓嘎 and a 004 扎西 (issue 19): the list
says which village each is of, and 新增农户 asks for the village."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from three_villages import ThreeVillages, three_villages

from desktop.services.households.households import list_households
from desktop.ui.checks.matrix_model import COL_VILLAGE as COL_CHECK_VILLAGE
from desktop.ui.checks.page import ChecksPage
from desktop.ui.households.new_household import NewHouseholdDialog
from desktop.ui.households.page import HouseholdsPage
from desktop.ui.households.table_model import COL_HEAD, COL_NUMBER, COL_VILLAGE
from desktop.ui.overview.page import GAP_VILLAGE, OverviewPage
from desktop.ui.printing.page import PrintingPage
from desktop.ui.printing.request import Document
from desktop.ui.shell.context import UiContext
from tests.ui.dialogs import ModalDialogs

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def office(tmp_path: Path) -> Iterator[ThreeVillages]:
    setup = three_villages(tmp_path)
    yield setup
    setup.close()


def commit_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_the_list_of_all_villages_has_a_village_column(office: ThreeVillages, qtbot: Any) -> None:
    ctx = UiContext(office.township.ledger)
    page = HouseholdsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert not page.table.isColumnHidden(COL_VILLAGE)
    assert page.table.horizontalHeader().visualIndex(COL_VILLAGE) == 0  # first, before 户编号
    shown = {
        (page.proxy.index(r, COL_VILLAGE).data(), page.proxy.index(r, COL_NUMBER).data())
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, COL_HEAD).data() == "卓嘎"
    }
    assert shown == {("亚弄村", "001"), ("日拉村", "001"), ("色乌绒村", "001")}
    headers, rows = page.shown_rows()
    assert headers[:3] == ["村", "户编号", "户主"]  # the exported list as on screen
    assert {tuple(r[:3]) for r in rows if r[1] == "004"} == {
        ("亚弄村", "004", "扎西"), ("日拉村", "004", "扎西"), ("色乌绒村", "004", "扎西"),
    }  # fmt: skip
    # one village chosen (各村): its households only, no 村 column
    ctx.set_village(office.villages[1].ledger.current_village_id())
    page.refresh()
    assert page.table.isColumnHidden(COL_VILLAGE)
    assert page.shown_rows()[0][0] == "户编号"


def test_a_new_household_at_a_township_needs_its_village(
    office: ThreeVillages, qtbot: Any, modal: ModalDialogs
) -> None:
    ledger = office.township.ledger
    before = len(list_households(ledger, all_villages=True))
    dialog = NewHouseholdDialog(UiContext(ledger))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.village.isVisible() and dialog.village.currentText() == "（请选择村）"
    assert [dialog.village.itemText(i) for i in range(1, dialog.village.count())] == [
        "亚弄村（513301207201）", "日拉村（513301207202）", "色乌绒村（513301207203）",
    ]  # fmt: skip
    qtbot.keyClicks(dialog.number, "012")
    commit_text(dialog.head_name, "格桑")  # as an input method types Chinese
    QTest.keyClick(dialog.head_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: modal.texts() == ["请选择农户所属的村"])
    assert len(list_households(ledger, all_villages=True)) == before  # nothing written
    assert dialog.isVisible()

    dialog.village.setFocus()
    QTest.keyClick(dialog.village, Qt.Key.Key_Down)
    QTest.keyClick(dialog.village, Qt.Key.Key_Down)
    assert dialog.village.currentText() == "日拉村（513301207202）"
    with qtbot.waitSignal(dialog.created):
        QTest.keyClick(dialog.head_name, Qt.Key.Key_Return)
    added = [r for r in list_households(ledger, all_villages=True) if r.number == "012"]
    assert [(r.village_name, r.head_name) for r in added] == [("日拉村", "格桑")]


def test_a_village_device_has_no_village_field(ledger: Any, qtbot: Any) -> None:
    dialog = NewHouseholdDialog(UiContext(ledger))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.village.isVisible()


def test_the_checks_of_all_villages_say_which_village(office: ThreeVillages, qtbot: Any) -> None:
    ctx = UiContext(office.township.ledger)
    page = ChecksPage(ctx)
    qtbot.addWidget(page)
    page.resize(1246, 700)
    page.show()
    page.refresh()
    assert page.overview.title() == "各村核查总览（双击格子打开农户）"
    assert not page.table.isColumnHidden(COL_CHECK_VILLAGE)
    assert page.table.horizontalHeader().visualIndex(COL_CHECK_VILLAGE) == 0
    shown = sorted(
        (page.matrix.index(r, COL_CHECK_VILLAGE).data(), page.matrix.row_at(r).number)
        for r in range(page.matrix.rowCount())
        if page.matrix.row_at(r).head_name == "扎西"
    )
    assert shown == [("亚弄村", "004"), ("日拉村", "004"), ("色乌绒村", "004")]
    ctx.set_village(office.villages[2].ledger.current_village_id())
    page.refresh()
    assert page.overview.title() == "全村核查总览（双击格子打开农户）"
    assert page.table.isColumnHidden(COL_CHECK_VILLAGE)
    assert page.matrix.rowCount() == 2


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_the_township_summary_is_printed_from_the_printing_page(
    office: ThreeVillages, qtbot: Any, tmp_path: Path, ledger: Any
) -> None:
    village_page = PrintingPage(UiContext(ledger))
    qtbot.addWidget(village_page)
    assert not village_page.options.documents.button(list(Document).index(Document.VILLAGES)).isVisibleTo(
        village_page
    )  # a village has no villages to sum up
    page = PrintingPage(UiContext(office.township.ledger))
    qtbot.addWidget(page)
    page.resize(1246, 690)
    page.show()
    page.options.folder.setText(str(tmp_path / "打印"))
    page.options.choose(Document.VILLAGES)
    assert page.options.name.text().startswith("各村汇总-")
    job = page.make()
    assert job is not None
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=60_000)
    assert job.error is None, job.error
    (made,) = (tmp_path / "打印").iterdir()
    text = subprocess.run(["pdftotext", str(made), "-"], capture_output=True, check=True, text=True).stdout
    assert "姑咱镇各村汇总" in text and "色乌绒村" in text


def test_the_overview_gap_list_of_all_villages_says_the_village(office: ThreeVillages, qtbot: Any) -> None:
    ctx = UiContext(office.township.ledger)
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.gap_model.rowCount() == 7)  # nobody checked yet: every household
    assert not page.gap_table.isColumnHidden(GAP_VILLAGE)
    assert page.gap_table.horizontalHeader().visualIndex(GAP_VILLAGE) == 0
    shown = sorted(
        (page.gap_model.row_at(r)["village"], page.gap_model.row_at(r)["number"])
        for r in range(page.gap_model.rowCount())
        if page.gap_model.row_at(r)["head_name"] == "卓嘎"
    )
    assert shown == [("亚弄村", "001"), ("日拉村", "001"), ("色乌绒村", "001")]
    assert page.gap_model.index(0, GAP_VILLAGE).data() in ("亚弄村", "日拉村", "色乌绒村")
    # visit coverage: 一组 of each village apart, not added up across villages
    assert [bar.label for bar in page.coverage_chart.bars()] == [
        "亚弄村一组", "亚弄村未分组", "日拉村一组", "色乌绒村一组",
    ]  # fmt: skip
    ctx.set_village(office.villages[0].ledger.current_village_id())
    page.refresh()
    qtbot.waitUntil(lambda: page.gap_model.rowCount() == 3)
    assert page.gap_table.isColumnHidden(GAP_VILLAGE)


def test_a_new_household_typed_and_closed_asks_before_anything_is_lost(
    ledger: Any, qtbot: Any, modal: ModalDialogs
) -> None:
    empty = NewHouseholdDialog(UiContext(ledger))
    qtbot.addWidget(empty)
    empty.show()
    qtbot.waitExposed(empty)
    QTest.keyClick(empty, Qt.Key.Key_Escape)  # nothing typed: closes without a question
    assert not empty.isVisible() and modal.texts() == []

    before = len(list_households(ledger))
    dialog = NewHouseholdDialog(UiContext(ledger))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.number, "012")
    commit_text(dialog.head_name, "格桑")
    modal.answer("cancel")
    QTest.keyClick(dialog.head_name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(modal.texts()) == 1)
    assert "有改动还没有保存" in modal.texts()[0]
    assert dialog.isVisible() and dialog.head_name.text() == "格桑"  # 取消: still there, as typed
    modal.answer("save")
    with qtbot.waitSignal(dialog.created):
        QTest.keyClick(dialog.head_name, Qt.Key.Key_Escape)  # 保存 from the question saves it
    assert not dialog.isVisible()
    assert len(list_households(ledger)) == before + 1
