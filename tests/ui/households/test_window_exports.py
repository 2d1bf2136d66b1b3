"""导出 Excel… from the window: 农户 writes the list as filtered now, 核查 the gaps, 走访 the visits; the
file is chosen in the file dialog (typed, then Enter) and read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from desktop.services.context import Ledger
from desktop.services.visits.visits import record_visit
from desktop.ui.checks.page import ChecksPage
from desktop.ui.households.page import HouseholdsPage
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.visits.page import VisitsPage
from tests.ui.dialogs import ModalDialogs, save_as

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


@pytest.fixture
def main(ledger: Ledger, qtbot: Any) -> Iterator[MainWindow]:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window


def sheet_rows(path: Path) -> list[list[Any]]:
    book = load_workbook(path, read_only=True)
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def export(main: MainWindow, button: Any, path: Path, modal: ModalDialogs, qtbot: Any) -> str:
    modal.on_next(save_as(path))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not main.ctx.jobs, timeout=30_000)
    return modal.take()[-1]


def test_the_household_list_is_exported_as_filtered(
    main: MainWindow, modal: ModalDialogs, qtbot: Any, tmp_path: Path
) -> None:
    page = main.show_page("农户")
    assert isinstance(page, HouseholdsPage)
    page.group_filter.setCurrentIndex(page.group_filter.findData("二组"))
    assert page.proxy.rowCount() == 2
    headers, shown = page.shown_rows()

    said = export(main, page.export_button, tmp_path / "roster", modal, qtbot)  # .xlsx added
    written = tmp_path / "roster.xlsx"
    assert said == f"已导出 2 行到 {written}"
    rows = sheet_rows(written)
    assert rows[0] == headers and "户编号" in headers and "户主" in headers
    assert rows[1:] == [[cell or None for cell in row] for row in shown]
    assert sorted(row[headers.index("户编号")] for row in rows[1:]) == ["003", "010"]  # text, zeros kept


def test_the_gaps_and_the_visits_are_exported(
    main: MainWindow, ledger: Ledger, modal: ModalDialogs, qtbot: Any, tmp_path: Path
) -> None:
    checks = main.show_page("核查")
    assert isinstance(checks, ChecksPage)
    export(main, checks.export_button, tmp_path / "gaps.xlsx", modal, qtbot)
    rows = sheet_rows(tmp_path / "gaps.xlsx")
    assert rows[0][:3] == ["户编号", "户主", "村民小组"]
    assert sorted(row[0] for row in rows[1:]) == ["001", "002", "003", "010"]  # nothing checked yet

    yesterday = ledger.today() - dt.timedelta(days=1)
    record_visit(ledger, household="003", visited_on=yesterday, content="查看饮水情况")
    record_visit(ledger, household="001", content="了解务工情况")
    visits = main.show_page("走访")
    assert isinstance(visits, VisitsPage)
    said = export(main, visits.export_button, tmp_path / "visits.xlsx", modal, qtbot)
    assert said.startswith("已导出 2 行")
    rows = sheet_rows(tmp_path / "visits.xlsx")
    assert rows[0][:3] == ["走访日期", "户编号", "户主"]
    assert [(row[1], row[6]) for row in rows[1:]] == [("003", "查看饮水情况"), ("001", "了解务工情况")]


def test_a_cancelled_file_dialog_writes_nothing(
    main: MainWindow, modal: ModalDialogs, qtbot: Any, tmp_path: Path
) -> None:
    page = main.show_page("农户")
    assert isinstance(page, HouseholdsPage)
    modal.on_next(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert modal.take() == ["导出农户列表"]  # the file dialog, cancelled: no job, no message
    assert not main.ctx.jobs
    assert list(tmp_path.glob("*.xlsx")) == []
