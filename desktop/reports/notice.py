"""公示: the public notice list posted in the village, e.g. the households proposed for monitoring.

A notice hangs in public: it must never show ID numbers, phones, bank accounts or health status
(DOMAIN.md §6). ``Notice`` has no field for them, and as a second line of defence the renderer refuses
any text that looks like one (a long run of digits, or a health term), so a mistake in gathering the
data stops the print instead of reaching the notice board.
"""

from __future__ import annotations

import re
from typing import BinaryIO

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop.reports.blocks import nothing, para, table
from desktop.reports.data import Notice
from desktop.reports.fonts import strings_in
from desktop.reports.pages import Section, SectionedDocument, SectionInfo
from desktop.reports.styles import PORTRAIT, make_styles

# 7+ digits in a row (a phone, an ID or bank number, even with spaces or dashes in between), once the
# dates (2026-11-23) are taken out
_NUMBER = re.compile(r"\d(?:[\s\-]?\d){6,}")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
# health status as the ledger records it, and the risk types that reveal it
HEALTH_TERMS = ("健康", "长期慢性病", "患有大病", "大病", "慢性病", "残疾", "因病", "因残")


class PrivateDataInNotice(ValueError):
    """Text that a public notice must not show reached the renderer."""


def check_public(notice: Notice) -> None:
    for text in strings_in(notice):
        if _NUMBER.search(_DATE.sub(" ", text)):
            raise PrivateDataInNotice(f"公示中不能出现证件号码、电话或银行账号：{text!r}")
        for term in HEALTH_TERMS:
            if term in text:
                raise PrivateDataInNotice(f"公示中不能出现健康状况：{text!r}")


def write_notice(out: BinaryIO, notice: Notice) -> int:
    check_public(notice)
    styles = make_styles()
    doc = SectionedDocument(
        out, pagesize=PORTRAIT, title=notice.title, printed_on=notice.issued_on, sections=1
    )
    info = SectionInfo(header_left=notice.issuer, header_right=notice.period)
    rows = [
        [str(n), r.group, r.head, r.size, r.category, r.reasons, r.day] for n, r in enumerate(notice.rows, 1)
    ]
    story: list[Flowable] = [
        Section(info),
        para(notice.title, styles.title),
        para(notice.body, styles.body),
        Spacer(1, 2 * mm),
        para(notice.period, styles.body),
        Spacer(1, 4 * mm),
    ]
    if rows:
        weights = (0.07, 0.12, 0.14, 0.1, 0.16, 0.25, 0.16)
        story.append(
            table(("序号", *notice.columns), rows, [doc.width * w for w in weights], styles, centre=(0, 3))
        )
    else:
        story.append(nothing("（本期无公示对象）", styles))
    right = ParagraphStyle("right", parent=styles.body, alignment=TA_RIGHT)
    story.append(
        KeepTogether(
            [
                Spacer(1, 6 * mm),
                para(notice.contact, styles.body),
                Spacer(1, 10 * mm),
                para(f"{notice.issuer}（盖章）", right),
                para(_chinese_date(notice), right),
            ]
        )
    )
    return doc.render(story)


def _chinese_date(notice: Notice) -> str:
    day = notice.issued_on
    return f"{day.year} 年 {day.month} 月 {day.day} 日"
