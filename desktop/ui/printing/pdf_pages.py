"""PDF pages as images, for the preview and for printing.

PDFium (through pypdfium2, a dependency with wheels for Windows, Linux and macOS) renders the pages
everywhere Zhucun is installed, the frozen Windows build included. Qt's own PDF module (QtPdf, not in
PySide6-Essentials) and Poppler's ``pdftoppm`` remain fallbacks for an installation without PDFium.
With none, ``renderer()`` is None and the page shows the file instead of a preview. Everything here
may run on a worker thread: it makes QImages, never QPixmaps.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import threading
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from desktop.domain.errors import InvalidInput
from desktop.ui.shell.i18n import tr

PDFIUM, QTPDF, PDFTOPPM = "PDFium", "QtPdf", "pdftoppm"
# PDFium is not thread-safe: the preview and a print job may both be rendering (pypdfium2's docs)
_PDFIUM_LOCK = threading.Lock()
TIMEOUT = 120  # seconds for one page: a stuck renderer must not hang a worker for ever


def renderer() -> str | None:
    if importlib.util.find_spec("pypdfium2") is not None:
        return PDFIUM
    if importlib.util.find_spec("PySide6.QtPdf") is not None:
        return QTPDF
    return PDFTOPPM if shutil.which("pdftoppm") else None


def page_count(pdf: Path) -> int | None:
    """How many pages ``pdf`` has, when this machine can tell (None: unknown)."""
    if renderer() == PDFIUM:
        with _pdfium_document(pdf) as document, _PDFIUM_LOCK:
            return len(document)
    if renderer() == QTPDF:
        document = _qt_document(pdf)
        return document.pageCount()
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return None
    done = subprocess.run([pdfinfo, str(pdf)], capture_output=True, timeout=TIMEOUT, check=False)
    found = re.search(rb"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
    return int(found.group(1)) if found else None


def page_sizes(pdf: Path) -> list[tuple[float, float]] | None:
    """Each page's width and height in points, read without drawing anything (None: unknown here).

    The preview lays out every page from these, and draws a page only when it scrolls into view."""
    kind = renderer()
    if kind == PDFIUM:
        with _pdfium_document(pdf) as document, _PDFIUM_LOCK:
            return [tuple(document.get_page_size(i)) for i in range(len(document))]
    if kind == QTPDF:
        document = _qt_document(pdf)
        return [
            (document.pagePointSize(i).width(), document.pagePointSize(i).height())
            for i in range(document.pageCount())
        ]
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return None
    command = [pdfinfo, "-f", "1", "-l", "1000000", str(pdf)]
    done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    found = re.findall(rb"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", done.stdout, re.MULTILINE)
    return [(float(w), float(h)) for w, h in found] or None


def pages(pdf: Path, *, dpi: float, first: int = 1, last: int | None = None) -> Generator[QImage, None, None]:
    """Pages ``first``..``last`` (1-based; None: to the end) of ``pdf``, one image at a time."""
    kind = renderer()
    if kind == PDFIUM:
        yield from _pdfium_pages(pdf, dpi, first, last)
    elif kind == QTPDF:
        yield from _qtpdf_pages(pdf, dpi, first, last)
    elif kind == PDFTOPPM:
        yield from _pdftoppm_pages(pdf, dpi, first, last)
    else:
        raise InvalidInput(tr("本机没有显示 PDF 的组件，无法预览和直接打印：请用 PDF 阅读器打开文件打印"))


def _pdfium_pages(pdf: Path, dpi: float, first: int, last: int | None) -> Generator[QImage, None, None]:
    with _pdfium_document(pdf) as document:
        with _PDFIUM_LOCK:
            count = len(document)
        end = count if last is None else min(last, count)
        for index in range(first - 1, end):
            with _PDFIUM_LOCK:
                page = document[index]
                try:
                    # 4 bytes a pixel in RGBx order: what QImage's RGBX8888 reads without converting
                    bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
                    image = QImage(
                        bitmap.buffer,
                        bitmap.width,
                        bitmap.height,
                        bitmap.stride,
                        QImage.Format.Format_RGBX8888,
                    ).copy()  # the bitmap's memory is PDFium's, freed when it is closed
                    bitmap.close()
                finally:
                    page.close()
            yield image  # outside the lock: the consumer may take its time


@contextmanager
def _pdfium_document(pdf: Path) -> Iterator[Any]:
    import pypdfium2

    with _PDFIUM_LOCK:
        try:
            document = pypdfium2.PdfDocument(str(pdf))
        except (pypdfium2.PdfiumError, OSError) as exc:
            raise InvalidInput(
                tr("无法打开 {name}：不是完整的 PDF 文件（{exc}）").format(name=pdf.name, exc=exc)
            ) from None
    try:
        yield document
    finally:
        with _PDFIUM_LOCK:
            document.close()


def _pdftoppm_pages(pdf: Path, dpi: float, first: int, last: int | None) -> Generator[QImage, None, None]:
    tool = shutil.which("pdftoppm") or "pdftoppm"
    count = page_count(pdf)
    end = count if last is None else (last if count is None else min(last, count))
    number = first
    while end is None or number <= end:
        # one page a call, written to stdout: the caller can stop between pages, and no temporary files
        command = [
            tool,
            "-png",
            "-r",
            str(round(dpi)),
            "-f",
            str(number),
            "-l",
            str(number),
            "-singlefile",
            str(pdf),
        ]
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        if done.returncode != 0 or not done.stdout:
            if count is None and number > first:
                return  # past the last page of a file whose length could not be read
            message = done.stderr.decode(errors="replace").strip()
            raise InvalidInput(
                tr("无法显示 {name} 第 {number} 页：{message}").format(
                    name=pdf.name, number=number, message=message or tr("pdftoppm 出错")
                )
            )
        image = QImage.fromData(done.stdout, b"PNG")
        if image.isNull():
            raise InvalidInput(tr("无法显示 {name} 第 {number} 页").format(name=pdf.name, number=number))
        yield image
        number += 1


def _qtpdf_pages(pdf: Path, dpi: float, first: int, last: int | None) -> Generator[QImage, None, None]:
    document = _qt_document(pdf)
    end = document.pageCount() if last is None else min(last, document.pageCount())
    for index in range(first - 1, end):
        points = document.pagePointSize(index)
        yield document.render(
            index, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        )


def _qt_document(pdf: Path) -> Any:
    from PySide6.QtPdf import QPdfDocument  # type: ignore[import-not-found,unused-ignore]

    document = QPdfDocument()
    document.load(str(pdf))
    if document.status() != QPdfDocument.Status.Ready:
        raise InvalidInput(tr("无法打开 {pdf}").format(pdf=pdf))
    return document
