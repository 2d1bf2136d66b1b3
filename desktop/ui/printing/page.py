"""台账打印: choose 一户一档 (one household, all combined, or a file each), the roster 台账, 明白卡 or a
公示 list; the PDF is written on a worker thread (progress, cancel), then all its pages can be looked
through (drawn as they come into view) and printed. The preview follows the choice: choosing another
document (or other options) shows what was made for it in this session, or nothing yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.domain.errors import InvalidInput, UserError
from desktop.services.printing.ledgers import PrintResult
from desktop.ui.printing.options import PrintOptions
from desktop.ui.printing.output import orientation_of, print_files
from desktop.ui.printing.pdf_pages import page_sizes, renderer
from desktop.ui.printing.preview_pane import PrintPreviewPane
from desktop.ui.printing.request import Document, PrintRequest, run_request
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import confirm, show_error, show_info
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.jobs import Job, Progress
from desktop.ui.shell.page import Page


@dataclass
class Printed:
    """What a job made: the PDF(s), the sizes of the first one's pages to preview (or why not), and
    what the page said about it."""

    result: PrintResult
    sizes: list[tuple[float, float]] = field(default_factory=list)
    preview_problem: str = ""
    notes: str = ""

    @property
    def previewed(self) -> Path | None:
        return self.result.paths[0] if self.sizes and self.result.paths else None


class PrintingPage(Page):
    title = tr_noop("台账打印")
    object_name = "printingPage"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.job: Job | None = None
        self.printed: Printed | None = None  # what the preview shows: made for the options as they are
        self.made: dict[PrintRequest, Printed] = {}  # this session's files, by what was asked for
        self.options = PrintOptions(ctx)
        self.options.changed.connect(self._follow_choice)
        self.make_button = QPushButton(tr("生成 PDF 并预览（Ctrl+Enter）"))
        self.make_button.setObjectName("makePdf")
        self.make_button.clicked.connect(self.make)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.make)
        self.outcome = QLabel()
        self.outcome.setObjectName("printOutcome")
        self.outcome.setWordWrap(True)
        self.preview = PrintPreviewPane()
        self.preview.print_requested.connect(self._print_with_dialog)
        left = QVBoxLayout()
        left.addWidget(self.options)
        left.addWidget(self.make_button)
        left.addWidget(self.outcome)
        left.addStretch(1)
        side = QWidget()
        side.setLayout(left)
        side.setFixedWidth(470)
        left.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout(self)
        layout.addWidget(side)
        layout.addWidget(self.preview, 1)

    # --- public ------------------------------------------------------------------------------------
    def make(self) -> Job | None:
        """Write the chosen document on a worker thread, then preview it; None when refused."""
        request = self.options.request()
        missing = self.options.missing()
        if missing is not None:
            show_error(self, InvalidInput(missing[0]))
            missing[1].setFocus()
            return None
        if self.job is not None and self.job in self.ctx.jobs:
            return None
        exists = request.document != Document.EACH and request.out.is_file()
        if exists and not confirm(self, tr("{out} 已存在，要替换它吗？").format(out=request.out)):
            return None
        ledger, can_render = self.ctx.ledger, renderer() is not None

        def work(progress: Progress) -> Printed:
            result = run_request(ledger, request, progress)
            printed = Printed(result)
            if can_render and result.paths and not result.cancelled:
                try:  # the sizes only: the preview draws each page when it comes into view
                    printed.sizes = page_sizes(result.paths[0]) or []
                except UserError as problem:  # the PDF is made: a failed preview only loses the preview
                    printed.preview_problem = problem.message
            return printed

        self.outcome.setText("")
        return self._start(
            self.ctx.run(
                self,
                tr("正在生成{document}…").format(document=tr_marked(request.document.value)),
                work,
                lambda printed: self._made(request, printed),
            )
        )

    def print_to(self, printer: QPrinter) -> Job | None:
        """Print the file(s) just made on ``printer`` (chosen in the print dialog) on a worker thread."""
        if self.printed is None or not self.printed.result.paths:
            return None
        files = list(self.printed.result.paths)
        return self._start(
            self.ctx.run(
                self, tr("正在打印…"), lambda progress: print_files(printer, files, progress), self._sent
            )
        )

    # --- private -----------------------------------------------------------------------------------
    def _start(self, job: Job) -> Job:
        """One job at a time: a second click must not write the same file twice at once."""
        self.job = job
        for button in (self.make_button, self.preview.print_button):
            button.setEnabled(False)
        job.finished.connect(self._job_ended)
        return job

    def _job_ended(self) -> None:
        self.make_button.setEnabled(True)
        self.preview.print_button.setEnabled(bool(self.printed and self.printed.previewed))

    def _made(self, request: PrintRequest, printed: Printed) -> None:
        result = printed.result
        if result.cancelled:
            self.outcome.setText(tr("已取消，没有写入文件。"))
            self.printed = None
            self.preview.show_document([], None, [], tr("已取消。"))
            return
        if len(result.paths) == 1:
            made = tr("已生成 {name}：{pages} 页，{households} 户。").format(
                name=result.paths[0].name, pages=result.pages, households=result.households
            )
        else:
            folder = result.folder or (result.paths[0].parent if result.paths else "")
            made = tr("已生成 {files} 个文件（共 {pages} 页）到 {folder}。").format(
                files=len(result.paths), pages=result.pages, folder=folder
            )
        notes = [made]
        if result.not_overwritten:
            notes.append(
                tr("{n} 个同名文件是以前打印的，没有覆盖，这次的另起了名字（如 {name}）。").format(
                    n=len(result.not_overwritten), name=result.not_overwritten[0][1].name
                )
            )
        if result.missing_glyphs:
            notes.append(
                tr("字体中没有这些字，打印出来是空白方框，请核对：{characters}").format(
                    characters=" ".join(result.missing_glyphs)
                )
            )
        if result.missing_photos:
            notes.append(
                tr("{missing_photos} 张照片的文件本机还没有，同步后再打印即可。").format(
                    missing_photos=result.missing_photos
                )
            )
        printed.notes = "\n".join(notes)
        self.made[request] = printed
        if self.options.request() == request:  # still the choice (it may have changed meanwhile)
            self._show(printed)

    def _follow_choice(self) -> None:
        """Show what was made for the options as they are now, or that nothing is yet."""
        request = self.options.request()
        printed = self.made.get(request)
        if printed is not None and all(p.exists() for p in printed.result.paths):
            if printed is not self.printed:
                self._show(printed)
            return
        if self.printed is None and self.preview.page_count() == 0 and not self.preview.paths:
            return  # nothing shown: nothing to take away
        self.printed = None
        self.outcome.setText("")
        self.preview.show_document(
            [],
            None,
            [],
            tr("{document}：还没有生成。点“生成 PDF 并预览”。").format(
                document=tr_marked(request.document.value)
            ),
        )

    def _show(self, printed: Printed) -> None:
        self.printed = printed
        self.outcome.setText(printed.notes)
        self.preview.show_document(
            list(printed.result.paths), printed.previewed, printed.sizes, self._heading(printed)
        )

    def _heading(self, printed: Printed) -> str:
        result = printed.result
        where = (
            str(result.paths[0])
            if len(result.paths) == 1
            else tr("{parent}（{files} 个文件）").format(
                parent=result.folder or result.paths[0].parent, files=len(result.paths)
            )
        )
        if printed.previewed is not None:
            if len(result.paths) > 1:
                text = tr("预览 {name}（共 {pages} 页）").format(
                    name=result.paths[0].name, pages=len(printed.sizes)
                )
            else:
                text = tr("共 {pages} 页").format(pages=len(printed.sizes))
            return f"{where}\n{text}"
        if printed.preview_problem:
            return f"{where}\n{printed.preview_problem}"
        return tr("{where}\n本机无法显示 PDF 预览：请点“打开文件夹”，用 PDF 阅读器查看和打印。").format(
            where=where
        )

    def _print_with_dialog(self) -> None:
        if self.printed is None or not self.printed.sizes:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        width, height = self.printed.sizes[0]
        printer.setPageOrientation(orientation_of(round(width), round(height)))
        printer.setDocName(self.printed.result.paths[0].stem)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("打印"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _sent(self, sheets: int) -> None:
        show_info(self, tr("已发送 {sheets} 页到打印机。").format(sheets=sheets))
