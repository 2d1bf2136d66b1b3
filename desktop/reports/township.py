"""各村汇总: the township's summary over its villages, one row per village, on one landscape page."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.reports.blocks import nothing, para, table
from desktop.reports.data import TownshipSummary
from desktop.reports.pages import Section, SectionedDocument, SectionInfo
from desktop.reports.styles import LANDSCAPE, make_styles

SILENT = colors.HexColor("#ffe0b2")


def write_township_summary(out: BinaryIO, summary: TownshipSummary) -> int:
    styles = make_styles()
    doc = SectionedDocument(
        out, pagesize=LANDSCAPE, title=summary.title, printed_on=summary.printed_on, sections=1
    )
    info = SectionInfo(
        header_left=summary.township, header_right=f"打印日期：{summary.printed_on.isoformat()}"
    )
    story: list[Flowable] = [Section(info), para(summary.title, styles.title), Spacer(1, 3 * mm)]
    if summary.rows:
        weights = [1.4, 1.2, *([0.75] * (len(summary.headers) - 5)), 1.5, 1.2, 1.5]
        total = sum(weights)
        # the silent villages' rows coloured (their 同步 cell says it in words too); +1: the header row
        marks = [("BACKGROUND", (0, r + 1), (-1, r + 1), SILENT) for r in summary.silent]
        story.append(
            table(
                summary.headers,
                summary.rows,
                [doc.width * w / total for w in weights],
                styles,
                centre=tuple(range(2, len(summary.headers) - 3)),
                extra=marks,
            )
        )
    else:
        story.append(nothing("（本机还没有任何村的记录）", styles))
    if summary.township_rows:  # a county: the townships added up
        weights = [1.6, *([0.8] * (len(summary.township_headers) - 1))]
        total = sum(weights)
        story += [
            Spacer(1, 5 * mm),
            para("各乡镇合计", styles.section),
            table(
                summary.township_headers,
                summary.township_rows,
                [doc.width * w / total for w in weights],
                styles,
                centre=tuple(range(1, len(summary.township_headers))),
            ),
        ]
    story += [Spacer(1, 4 * mm), para(summary.note, styles.body)]
    return doc.render(story)
