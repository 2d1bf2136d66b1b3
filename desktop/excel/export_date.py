"""The date a national export was taken, from the title rows above its headers.

National exports and county copies print it as ``导出时间：2025-09-01 10:12``, ``导出日期：2025/9/1`` or
``截至2025年9月1日``; facts that depend on age (a child's 在校情况) are judged as of that date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

_WORDS = r"(?:导出时间|导出日期|数据截至|数据截止|统计截至|统计截止|截至|截止|统计时间|统计日期)"
_DATE = re.compile(_WORDS + r"(?:日期|时间)?\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def export_date(preamble: Iterable[str]) -> dt.date | None:
    """The first export date the title rows give, or None."""
    for text in preamble:
        match = _DATE.search(unicodedata.normalize("NFKC", text))
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    return None
