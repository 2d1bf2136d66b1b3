"""The page frame of the flowing documents: running header, "第 x 页 共 y 页", sections, bookmarks.

A document is one or more sections (one per household in a combined 一户一档). Each section numbers
its own pages, so a household's pages can be taken out of a combined print and filed on their own. The
total of a section is only known once it has been laid out; every page therefore draws the total as a
reference to a PDF form (XObject) that is defined when the canvas is saved. That keeps the build to one
pass however many pages there are, instead of laying the document out twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from desktop.reports.cancelled import Cancelled as Cancelled  # re-exported: its old home
from desktop.reports.fonts import FONT_NAME
from desktop.reports.styles import MARGIN, MUTED, RULE

HEADER_SIZE = 8.5
# progress(done, total) -> keep going; False cancels the build
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class SectionInfo:
    header_left: str
    header_right: str
    bookmark: str = ""  # an outline entry when not empty
    cover: bool = False  # the section's first page is a cover: no running header on it


class Section(Flowable):
    """Zero-size marker at the top of a section's first page."""

    def __init__(self, info: SectionInfo) -> None:
        super().__init__()
        self.info = info
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        doc = self.canv._doctemplate
        if not isinstance(doc, SectionedDocument):
            raise TypeError("a section mark drawn outside a SectionedDocument")
        doc.begin_section(self.info)


class SectionedDocument(BaseDocTemplate):
    def __init__(
        self,
        out: BinaryIO,
        *,
        pagesize: tuple[float, float],
        title: str,
        printed_on: dt.date,
        sections: int,
        progress: Progress | None = None,
        outline: bool = False,
    ) -> None:
        super().__init__(
            out,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 4,
            bottomMargin=MARGIN,
            title=title,
            author="驻村台账 Zhucun",
            subject=title,
            creator="驻村台账 Zhucun",
            lang="zh-CN",
            initialFontName=FONT_NAME,  # no unused, unembedded Helvetica in the font list
            initialFontSize=10.5,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._frame_page)])
        self.printed_on = printed_on
        self.section_count = sections
        self.progress = progress
        self.outline = outline
        self._section: SectionInfo | None = None
        self._section_index = -1
        self._section_first_page = 1
        self._section_pages: list[int] = []
        self.total_pages = 0

    def begin_section(self, info: SectionInfo) -> None:
        if self.progress is not None and not self.progress(self._section_index + 1, self.section_count):
            raise Cancelled
        self._section = info
        self._section_index += 1
        self._section_first_page = self.page
        self._section_pages.append(0)
        if info.bookmark:
            key = f"section{self._section_index}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(info.bookmark, key, level=0, closed=True)

    def _frame_page(self, canv: Canvas, doc: Any) -> None:
        info = self._section or SectionInfo("", "")
        number = self.page - self._section_first_page + 1
        if not self._section_pages:
            self._section_pages.append(0)
        self._section_pages[-1] = number
        self.total_pages = self.page
        width, height = self.pagesize
        canv.saveState()
        canv.setFillColor(MUTED)
        canv.setStrokeColor(RULE)
        canv.setFont(FONT_NAME, HEADER_SIZE)
        if not (info.cover and number == 1):
            top = height - MARGIN + 2
            canv.drawString(MARGIN, top, info.header_left)
            canv.drawRightString(width - MARGIN, top, info.header_right)
            canv.setLineWidth(0.5)
            canv.line(MARGIN, top - 3, width - MARGIN, top - 3)
        draw_page_number(canv, width / 2, MARGIN - 16, number, f"pages{max(self._section_index, 0)}")
        canv.restoreState()

    def canvas_maker(self) -> type[Canvas]:
        document = self

        class _Canvas(Canvas):
            def save(self) -> None:
                # the section totals, now known, as the forms every page already refers to
                for index, pages in enumerate(document._section_pages):
                    define_page_total(self, f"pages{index}", pages)
                if document.outline:
                    self.showOutline()
                super().save()

        return _Canvas

    def render(self, story: list[Flowable]) -> int:
        """Lay out and write the story; returns the number of pages."""
        self.build(story, canvasmaker=self.canvas_maker())
        if self.progress is not None:
            self.progress(self.section_count, self.section_count)
        return self.total_pages


def draw_page_number(canv: Canvas, centre_x: float, y: float, number: int, total_form: str) -> None:
    """ "第 x 页 共 y 页" centred near ``centre_x``, the total drawn by the form ``total_form``."""
    lead = f"第 {number} 页  共 "
    lead_width = stringWidth(lead, FONT_NAME, HEADER_SIZE)
    # the total's width is not known yet: centre as if it had as many digits as the page number
    guess = stringWidth(f"{number} 页", FONT_NAME, HEADER_SIZE)
    x = centre_x - (lead_width + guess) / 2
    canv.setFont(FONT_NAME, HEADER_SIZE)
    canv.drawString(x, y, lead)
    canv.saveState()
    canv.translate(x + lead_width, y)
    canv.doForm(total_form)
    canv.restoreState()


def define_page_total(canv: Canvas, name: str, total: int) -> None:
    canv.beginForm(name)
    canv.setFillColor(MUTED)
    canv.setFont(FONT_NAME, HEADER_SIZE)
    canv.drawString(0, 0, f"{total} 页")
    canv.endForm()
