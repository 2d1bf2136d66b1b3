"""Type sizes, colours and table styles shared by the documents.

Sizes follow what county offices print: 10.5 pt (五号) body text, 9 pt (小五) in tables, 7 pt in the
landscape roster where 26 columns must fit. ``wordWrap="CJK"`` lets a line break between any two Hanzi
(and inside long digit runs), which Chinese typesetting allows and Latin word wrapping does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from desktop.domain.enums import Status
from desktop.reports.fonts import FONT_NAME

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN = 16 * mm

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5a5a5a")
RULE = colors.HexColor("#7a7a7a")
HEAD_FILL = colors.HexColor("#e6e9ee")
BAND_FILL = colors.HexColor("#f4f5f7")
# the national system's status colours: green met, red not met; amber for "still to be checked"
STATUS_COLOURS = {
    Status.MET: colors.HexColor("#1e7b34"),
    Status.NOT_MET: colors.HexColor("#c0241c"),
    Status.UNKNOWN: colors.HexColor("#b26a00"),
}
POVERTY_LINE = STATUS_COLOURS[Status.NOT_MET]
MONITOR_LINE = STATUS_COLOURS[Status.UNKNOWN]


def _style(name: str, size: float, **extra: Any) -> ParagraphStyle:
    values: dict[str, Any] = {
        "fontName": FONT_NAME,
        "fontSize": size,
        "leading": round(size * 1.45, 1),
        "textColor": INK,
        "wordWrap": "CJK",
        "alignment": TA_LEFT,
    }
    values.update(extra)
    return ParagraphStyle(name, **values)


@dataclass(frozen=True)
class Styles:
    cover_title: ParagraphStyle
    cover_line: ParagraphStyle
    title: ParagraphStyle
    section: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    note: ParagraphStyle


def make_styles() -> Styles:
    return Styles(
        cover_title=_style("cover_title", 30, leading=42, alignment=TA_CENTER, spaceAfter=8 * mm),
        cover_line=_style("cover_line", 14, leading=26, alignment=TA_LEFT),
        title=_style("title", 18, leading=26, alignment=TA_CENTER, spaceAfter=4 * mm),
        section=_style("section", 13, leading=18, spaceBefore=5 * mm, spaceAfter=2.5 * mm),
        body=_style("body", 10.5),
        small=_style("small", 9, textColor=MUTED),
        cell=_style("cell", 9, leading=12),
        cell_center=_style("cell_center", 9, leading=12, alignment=TA_CENTER),
        cell_head=_style("cell_head", 9, leading=12, alignment=TA_CENTER),
        note=_style("note", 8.5, leading=11.5, textColor=MUTED),
    )


def plain_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A table style without a grid. It names the font even when every cell is a paragraph: reportlab
    sets each cell's font before drawing it, and the default (Helvetica) would otherwise be listed,
    unembedded, among the PDF's fonts."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FONT_NAME, 9), *commands])


def grid_style(*, header_rows: int = 1, extra: list[tuple[Any, ...]] | None = None) -> TableStyle:
    """Thin full grid, shaded header rows, text at the top of each cell."""
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT_NAME, 9),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ]
    return TableStyle(commands + (extra or []))
