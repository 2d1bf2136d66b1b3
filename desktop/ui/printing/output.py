"""Printing PDF files on a QPrinter, as page images (Qt in Essentials cannot print a PDF itself).

Runs on a worker thread: Qt allows painting on a QPrinter outside the GUI thread, provided no other
thread uses that printer meanwhile. The page images carry their own margins, so each is laid on the
whole sheet, scaled to fit and centred.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from desktop.domain.errors import InvalidInput
from desktop.ui.printing.pdf_pages import page_count, pages
from desktop.ui.shell.i18n import tr
from desktop.ui.shell.jobs import Progress

PRINT_DPI = 200  # sharp text on an office laser printer; a roster page stays about 10 MB in memory


def print_files(printer: QPrinter, files: Sequence[Path], progress: Progress, *, dpi: int = PRINT_DPI) -> int:
    """Print every page of ``files`` in order; returns the pages sent (fewer when cancelled)."""
    counts = [page_count(f) for f in files]
    total = sum(c or 0 for c in counts)
    printer.setFullPage(True)
    painter = QPainter()
    sent = 0
    try:
        for pdf in files:
            for image in pages(pdf, dpi=dpi):
                if not progress(sent, total):
                    printer.abort()
                    return sent
                if sent == 0:
                    if not painter.begin(printer):
                        raise InvalidInput(tr("无法开始打印：请检查打印机是否连接、是否有纸"))
                elif not printer.newPage():
                    raise InvalidInput(tr("打印机无法换页，打印已中止"))
                sheet = printer.paperRect(QPrinter.Unit.DevicePixel)
                size = QSizeF(image.size()).scaled(sheet.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRectF(sheet.topLeft(), size)
                target.moveCenter(sheet.center())
                painter.drawImage(target, image)
                sent += 1
    finally:
        if painter.isActive():
            painter.end()
    progress(sent, max(total, sent))
    return sent


def orientation_of(width: int, height: int) -> QPageLayout.Orientation:
    """The sheet orientation for a page image (the roster is A4 landscape, everything else portrait)."""
    if width > height:
        return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait
