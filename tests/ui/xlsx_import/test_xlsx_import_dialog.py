"""The 从 Excel 导入 dialog: the dry run shows problems or the diff, nothing is written before 导入, and
导入 stays disabled while there are problems unless only the valid households are to be imported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from records import make_id_number

from desktop.services.context import Ledger
from desktop.services.households.households import list_households
from desktop.services.maintenance.dump import dump_ledger
from desktop.ui.shell.context import UiContext
from desktop.ui.xlsx_import.dialog import XlsxImportDialog
from tests.excel.sheets import NATIONAL, family, person, write_rows
from tests.ui.conftest import id_number
from tests.ui.dialogs import ModalDialogs

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

GESANG = id_number("19710315", "013")  # head of household 002 in the test village


def clean_rows() -> list[dict[str, object]]:
    return [
        *family("020", 1, size=3),
        *family("021", 2, size=1),
        person("002", "格桑", GESANG, "户主", 联系电话="13900000000"),  # phone 13912345678 in the ledger
    ]


def open_dialog(qtbot: Any, ledger: Ledger) -> tuple[UiContext, XlsxImportDialog]:
    ctx = UiContext(ledger)
    dialog = XlsxImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return ctx, dialog


def wait_jobs(qtbot: Any, ctx: UiContext) -> None:
    qtbot.waitUntil(lambda: not ctx.jobs, timeout=20000)


def numbers(ledger: Ledger) -> set[str]:
    return {row.number for row in list_households(ledger)}


def test_clean_file_shows_the_diff_and_writes_only_on_import(
    qtbot: Any, qtmodeltester: Any, ledger: Ledger, tmp_path: Path
) -> None:
    path = write_rows(tmp_path / "花名册.xlsx", clean_rows())
    ctx, dialog = open_dialog(qtbot, ledger)
    before = dump_ledger(ledger)
    assert not dialog.check_button.isEnabled() and not dialog.import_button.isEnabled()

    dialog.set_file(path)
    assert dialog.sheet_combo.findData("花名册") > 0
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    wait_jobs(qtbot, ctx)

    report = dialog.report
    assert report is not None and report.dry_run and not report.problems and not report.written
    assert dump_ledger(ledger) == before  # the check wrote nothing
    assert numbers(ledger) == {"001", "002", "003", "010"}
    assert dialog.problems.rowCount() == 0
    added = [dialog.added.index(r, 1).data() for r in range(dialog.added.rowCount())]
    assert len(added) == 2 and added[0].startswith("户 020（户主 户主1，3 人")
    changes = [
        tuple(dialog.changes.index(r, c).data() for c in range(4)) for r in range(dialog.changes.rowCount())
    ]
    assert ("户 002", "联系电话", "13912345678", "13900000000") in changes
    assert "将新增 2 户、4 人" in dialog.check_label.text()
    assert f"不变 {report.unchanged_households} 户" in dialog.check_label.text()
    assert not dialog.save_problems_button.isEnabled() and not dialog.accept_valid.isEnabled()
    for model in (dialog.added, dialog.changes, dialog.problems):
        qtmodeltester.check(model)

    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(ctx.changed, timeout=20000), qtbot.waitSignal(dialog.imported, timeout=20000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_jobs(qtbot, ctx)

    assert dialog.done_report is not None and dialog.done_report.written
    assert numbers(ledger) == {"001", "002", "003", "010", "020", "021"}
    gesang = next(row for row in list_households(ledger) if row.number == "002")
    assert gesang.phone == "13900000000"
    assert "已新增 2 户、4 人" in dialog.import_label.text()
    assert not dialog.import_button.isEnabled()  # done: no second import from the same check


def bad_rows() -> list[dict[str, object]]:
    head = make_id_number(dt.date(1970, 3, 1), 1)
    bad_check = head[:17] + ("0" if head[17] != "0" else "1")
    return [
        *family("020", 1, size=2),
        person("021", "多吉", bad_check, "户主"),  # row 4: a wrong check digit
    ]


def test_a_bad_row_shows_the_problem_and_import_stays_disabled(
    qtbot: Any, qtmodeltester: Any, ledger: Ledger, tmp_path: Path
) -> None:
    path = write_rows(tmp_path / "花名册.xlsx", bad_rows())
    ctx, dialog = open_dialog(qtbot, ledger)
    before = dump_ledger(ledger)
    dialog.set_file(path)
    dialog.check()
    wait_jobs(qtbot, ctx)

    assert dialog.problems.rowCount() == 1
    sheet, row, column, reason = (dialog.problems.index(0, c).data() for c in range(4))
    assert (sheet, row, column) == ("花名册", "4", "H 列（证件号码）")
    assert "校验码错误" in reason
    assert dialog.tabs.currentWidget() is dialog.problem_table
    qtmodeltester.check(dialog.problems)
    assert not dialog.import_button.isEnabled()
    assert dialog.run_import() is None  # not even programmatically
    assert dump_ledger(ledger) == before

    # the annotated copy, saved on the worker thread
    copy = tmp_path / "问题.xlsx"
    assert dialog.save_problems_button.isEnabled()
    dialog.save_problems(copy)
    wait_jobs(qtbot, ctx)
    worksheet = load_workbook(copy).active
    assert worksheet is not None
    problem_column = len(NATIONAL) + 1
    assert worksheet.cell(1, problem_column).value == "问题"
    assert "校验码错误" in str(worksheet.cell(4, problem_column).value)
    assert dump_ledger(ledger) == before

    # only the households without problems
    dialog.accept_valid.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.accept_valid.setChecked(False)
    assert not dialog.import_button.isEnabled()
    dialog.accept_valid.setChecked(True)
    dialog.run_import()
    wait_jobs(qtbot, ctx)
    assert numbers(ledger) == {"001", "002", "003", "010", "020"}
    assert dialog.done_report is not None and dialog.done_report.left_out


def test_another_file_forgets_the_check(qtbot: Any, ledger: Ledger, tmp_path: Path) -> None:
    clean = write_rows(tmp_path / "clean.xlsx", clean_rows())
    ctx, dialog = open_dialog(qtbot, ledger)
    dialog.set_file(clean)
    dialog.check()
    wait_jobs(qtbot, ctx)
    assert dialog.import_button.isEnabled()
    dialog.set_file(tmp_path / "other.xlsx")
    assert dialog.report is None and not dialog.import_button.isEnabled()
    assert dialog.added.rowCount() == 0


def test_the_dialog_stays_open_while_a_job_runs(qtbot: Any, ledger: Ledger, tmp_path: Path) -> None:
    ctx, dialog = open_dialog(qtbot, ledger)
    dialog.set_file(write_rows(tmp_path / "clean.xlsx", clean_rows()))
    dialog.check()
    dialog.reject()
    assert dialog.isVisible()
    wait_jobs(qtbot, ctx)
    assert dialog.report is not None
    dialog.reject()
    assert not dialog.isVisible()


def test_an_unreadable_file_shows_an_error_and_writes_nothing(
    qtbot: Any, ledger: Ledger, tmp_path: Path, modal: ModalDialogs
) -> None:
    path = tmp_path / "not.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    ctx, dialog = open_dialog(qtbot, ledger)
    before = dump_ledger(ledger)
    dialog.set_file(path)
    dialog.check()
    wait_jobs(qtbot, ctx)
    assert [seen.name for seen in modal.seen] == ["errorDialog"]
    assert "未写入" in dialog.check_label.text() and not dialog.import_button.isEnabled()
    assert dump_ledger(ledger) == before


def test_warnings_are_listed_apart_and_never_block(qtbot: Any, ledger: Ledger, tmp_path: Path) -> None:
    """A national export lists people who died (健康状况 死亡): shown under 提醒, the rest imports."""
    died = make_id_number(dt.date(1941, 5, 6), 7)
    rows = [*family("020", 1, size=2), person("020", "老阿妈", died, "之母", 健康状况="死亡")]
    path = write_rows(tmp_path / "花名册.xlsx", rows)
    ctx, dialog = open_dialog(qtbot, ledger)
    dialog.set_file(path)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    wait_jobs(qtbot, ctx)

    assert dialog.problems.rowCount() == 0 and dialog.warnings.rowCount() == 1
    warning = dialog.warnings.index(0, 3).data()
    assert "老阿妈" in warning and "死亡" in warning
    assert dialog.tabs.tabText(1) == "提醒（1）"
    assert "另有 1 条提醒" in dialog.check_label.text()
    assert dialog.check_box.title() == "第 2 步：检查结果（尚未写入）"
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=20000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_jobs(qtbot, ctx)
    assert "020" in numbers(ledger)
    assert dialog.check_box.title() == "第 2 步：检查结果（已写入台账）"
