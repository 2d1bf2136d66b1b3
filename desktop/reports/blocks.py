"""Building blocks of the flowing documents: escaped paragraphs, tables that split cleanly, photo grids."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table

from desktop.reports.data import Pair, Photo
from desktop.reports.styles import BAND_FILL, RULE, Styles, grid_style, plain_style


def para(text: str, style: Any, *, colour: Color | None = None) -> Paragraph:
    """A paragraph of plain text: markup characters are escaped, line breaks kept."""
    body = escape(text).replace("\n", "<br/>")
    if colour is not None:
        body = f'<font color="#{colour.hexval()[2:]}">{body}</font>'
    return Paragraph(body, style)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str | Flowable]],
    widths: Sequence[float],
    styles: Styles,
    *,
    centre: Sequence[int] = (),
    extra: list[tuple[Any, ...]] | None = None,
) -> Table:
    """A gridded table whose header row repeats when it splits across pages; text cells wrap."""
    head = [para(h, styles.cell_head) for h in headers]
    body = [
        [
            cell
            if isinstance(cell, Flowable)
            else para(cell, styles.cell_center if i in centre else styles.cell)
            for i, cell in enumerate(row)
        ]
        for row in rows
    ]
    return Table([head, *body], colWidths=list(widths), repeatRows=1, style=grid_style(extra=extra))


def pairs_table(items: Sequence[Pair], width: float, styles: Styles, *, per_row: int = 2) -> Table:
    """Label / value pairs side by side (label cells shaded), as on the printed forms."""
    label_width = 24 * mm
    value_width = width / per_row - label_width
    padded = list(items) + [("", "")] * (-len(items) % per_row)
    rows = []
    for start in range(0, len(padded), per_row):
        row: list[Flowable] = []
        for label, value in padded[start : start + per_row]:
            row += [para(label, styles.cell), para(value, styles.cell)]
        rows.append(row)
    shading = [("BACKGROUND", (2 * i, 0), (2 * i, -1), BAND_FILL) for i in range(per_row)]
    return Table(
        rows,
        colWidths=[label_width, value_width] * per_row,
        style=grid_style(header_rows=0, extra=shading),
    )


def nothing(text: str, styles: Styles) -> Paragraph:
    return para(text, styles.small)


def photo_grid(photos: Sequence[Photo], width: float, styles: Styles, *, label: str = "") -> list[Flowable]:
    """Photos two to a row, each scaled into its cell with its caption beneath."""
    if not photos:
        return []
    cell_width = (width - 6 * mm) / 2
    max_height = 62 * mm
    cells: list[list[Flowable]] = []
    for photo in photos:
        caption = " · ".join(x for x in (label, photo.caption, photo.taken) if x)
        cells.append([_photo(photo, cell_width, max_height, styles), para(caption, styles.note)])
    if len(cells) % 2:
        cells.append([Spacer(1, 1)])
    rows = [[cells[i], cells[i + 1]] for i in range(0, len(cells), 2)]
    grid = Table(rows, colWidths=[cell_width + 3 * mm] * 2, hAlign="LEFT")
    grid.setStyle(
        plain_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
        )
    )
    return [Spacer(1, 2 * mm), grid]


def _photo(photo: Photo, max_width: float, max_height: float, styles: Styles) -> Flowable:
    if photo.image is None:
        box = Table(
            [[para(f"照片文件不在本机（{photo.sha256[:12]}），同步后可打印", styles.note)]],
            colWidths=[max_width],
            rowHeights=[24 * mm],
        )
        box.setStyle(
            plain_style(("BOX", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"))
        )
        return box
    pixel_width, pixel_height = ImageReader(io.BytesIO(photo.image)).getSize()
    scale = min(max_width / pixel_width, max_height / pixel_height)
    return Image(
        io.BytesIO(photo.image), width=pixel_width * scale, height=pixel_height * scale, hAlign="LEFT"
    )
