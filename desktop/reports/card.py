"""明白卡: one page per household, posted on the wall, so the family knows what it gets and from whom.

It shows no ID number (it hangs in view of visitors). Whatever the household's history, the card stays
on one page: when the measures are many, the content is scaled down to fit rather than spilling over.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer, Table

from desktop.reports.blocks import nothing, pairs_table, para, table
from desktop.reports.data import Card
from desktop.reports.pages import Progress, Section, SectionedDocument, SectionInfo
from desktop.reports.styles import BAND_FILL, PORTRAIT, Styles, grid_style, make_styles


def write_cards(out: BinaryIO, cards: Sequence[Card], *, progress: Progress | None = None) -> int:
    if not cards:
        raise ValueError("no households to print")
    styles = make_styles()
    doc = SectionedDocument(
        out,
        pagesize=PORTRAIT,
        title="帮扶明白卡",
        printed_on=cards[0].printed_on,
        sections=len(cards),
        progress=progress,
        outline=len(cards) > 1,
    )
    story: list[Flowable] = []
    for index, card in enumerate(cards):
        if index:
            story.append(PageBreak())
        info = SectionInfo(
            header_left=f"{card.village} · 明白卡 · 户编号 {card.number}",
            header_right=f"打印日期 {card.printed_on.isoformat()}",
            bookmark=f"{card.number} {card.head}" if len(cards) > 1 else "",
        )
        story += [
            Section(info),
            KeepInFrame(doc.width, doc.height, _card(card, styles, doc.width), mode="shrink"),
        ]
    return doc.render(story)


def _card(card: Card, styles: Styles, width: float) -> list[Flowable]:
    basics = [
        ("户主", card.head),
        ("家庭人口", card.size),
        ("户类别", card.category),
        ("联系电话", card.phone),
    ]
    parts: list[Flowable] = [
        para(card.title, styles.title),
        pairs_table([("家庭住址", card.address)], width, styles, per_row=1),
        pairs_table(basics, width, styles),
        Spacer(1, 3 * mm),
        para("保障情况", styles.section),
        pairs_table(card.situation, width, styles, per_row=1),
        para("帮扶措施", styles.section),
    ]
    if card.measures:
        parts.append(
            table(
                ["类别", "项目", "实施单位", "时间", "预计增收\n（元）"],
                [[m.group, m.project, m.unit, m.period, m.expected_gain] for m in card.measures],
                [width * w for w in (0.12, 0.32, 0.22, 0.2, 0.14)],
                styles,
            )
        )
        parts.append(para(f"预计年增收合计：{card.expected_total} 元", styles.body))
    else:
        parts.append(nothing("暂无帮扶措施", styles))
    blank = "＿" * 8
    signature = Table(
        [
            [para("帮扶责任人", styles.cell), para(card.helper, styles.cell)],
            [para("填卡人", styles.cell), para(f"{card.filled_by}　　联系电话：{blank}", styles.cell)],
            [para("户主签字", styles.cell), para(f"{blank}　　日期：＿＿＿＿年＿＿月＿＿日", styles.cell)],
        ],
        colWidths=[24 * mm, width - 24 * mm],
        style=grid_style(header_rows=0, extra=[("BACKGROUND", (0, 0), (0, -1), BAND_FILL)]),
    )
    signature.setStyle(
        [("TOPPADDING", (0, 2), (-1, 2), 8), ("BOTTOMPADDING", (0, 2), (-1, 2), 8)]
    )  # on top of the grid
    parts += [Spacer(1, 4 * mm), signature, Spacer(1, 3 * mm)]
    parts.append(para("如对帮扶政策和措施有疑问，请联系帮扶责任人或驻村工作队。", styles.small))
    return parts
