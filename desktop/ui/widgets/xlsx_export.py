"""导出 Excel… from a page: the file asked for with the (translated) Qt file dialog, the workbook written
on a worker thread, then where it went and how many rows it holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_info
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.jobs import Job, Progress

if TYPE_CHECKING:  # the export itself brings openpyxl: imported when a page exports, not at start
    from desktop.services.xlsx.exporting import ExportResult

XLSX_FILTER = tr_noop("Excel 表格 (*.xlsx);;所有文件 (*)")


def export_button(name: str) -> QPushButton:
    button = QPushButton(tr("导出 Excel…"))
    button.setObjectName(name)
    return button


def ask_xlsx_path(parent: QWidget, title: str, suggested: str) -> Path | None:
    """The file to write, ``.xlsx`` added when the name has no such ending; None when cancelled."""
    folder = Path.home() / "Documents"
    start = (folder if folder.is_dir() else Path.home()) / suggested
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start), tr_marked(XLSX_FILTER))
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def run_export(
    ctx: UiContext, parent: QWidget, title: str, suggested: str, write: Callable[[Path], ExportResult]
) -> Job | None:
    """Ask where, then write on a worker thread; says where it went (errors are shown by the job)."""
    path = ask_xlsx_path(parent, title, suggested)
    if path is None:
        return None

    def work(_progress: Progress) -> ExportResult:
        return write(path)

    def done(result: ExportResult) -> None:
        show_info(parent, tr("已导出 {rows} 行到 {path}").format(rows=result.rows, path=result.path))

    return ctx.run(parent, tr("正在导出 Excel…"), work, done)
