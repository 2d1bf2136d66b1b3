"""The roster 台账: A4 landscape, one row per person grouped by household, national column order.

Drawn straight onto the canvas rather than through platypus tables: a township roster has 50,000 rows,
and laying out one reportlab ``Table`` per page costs several times more than placing the strings,
while owning the pagination gives exactly what the paper form wants: a household is never split
across pages when it fits on one, its household columns (户编号, 人数, 人均纯收入 …) are written once
for all its rows, the column headings repeat on every page, and because the page count is known before
the first page is drawn, every page can say "第 x 页 共 y 页" in a single pass.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from desktop.reports.data import Roster, RosterHousehold, RosterPerson, VillageExitSummary
from desktop.reports.fonts import FONT_NAME
from desktop.reports.pages import Cancelled, Progress
from desktop.reports.styles import HEAD_FILL, INK, LANDSCAPE, MUTED, RULE

SIZE = 7.0  # pt, the body text: 26 columns across a landscape A4 and still readable (never below 7)
LEADING = 8.4
PAD = 2.0  # above and below a cell's text
PAD_X = 1.5  # left and right of it: the rules already separate the columns
SIDE = 7 * mm
TOP = 9 * mm
BOTTOM = 11 * mm
BAND = 17 * mm  # title, place and date above the table


@dataclass(frozen=True)
class Column:
    title: str
    chars: float  # Hanzi a line must hold: the common values fit on one line
    household: bool  # a household column: written once per household block
    align: str = "left"  # left / centre / right
    digits: int = 0  # digits a line must hold (numbers never wrap)


# DOMAIN.md §8: the national export's column order. Household columns may wrap (a household usually
# has several rows of height to fill); person columns are sized so their common values fit one line.
COLUMNS: tuple[Column, ...] = (
    Column("县", 2, True),
    Column("乡", 2, True),
    Column("行政村", 2, True),
    Column("自然村", 2, True),
    Column("户编号", 0, True, digits=8),  # two lines of 8: a household block is rarely one row high
    Column("人编号", 0, False, digits=18),
    Column("姓名", 5, False),
    Column("证件号码", 0, False, digits=18),
    Column("人数", 2, True, "centre"),
    Column("与户主关系", 3, False),
    Column("民族", 3, False),
    Column("文化程度", 4, False),
    Column("在校生状况", 4, False),
    Column("健康状况", 5, False),
    Column("劳动技能", 5, False),
    Column("务工状况", 4, False),
    Column("务工时间", 2, False, "centre"),
    Column("参加大病医疗", 2, False, "centre"),
    Column("脱贫属性", 3, True),
    Column("贫困户属性", 5, True),
    Column("主要致贫原因", 4, True),
    Column("危房户", 2, True, "centre"),
    Column("饮水安全", 2, True, "centre"),
    Column("饮水困难", 2, True, "centre"),
    Column("人均纯收入", 0, True, "right", digits=8),
    Column("联系电话", 0, True, digits=11),
)


def _household_cells(h: RosterHousehold) -> dict[int, str]:
    values = (h.county, h.township, h.village, h.natural_village, h.number, h.size, h.poverty_status,
              h.category, h.main_cause, h.dangerous_house, h.water_safe, h.water_difficult,
              h.per_person_income, h.phone)  # fmt: skip
    indexes = [i for i, c in enumerate(COLUMNS) if c.household]
    return dict(zip(indexes, values, strict=True))


def _person_cells(p: RosterPerson) -> dict[int, str]:
    values = (p.number, p.name, p.id_number, p.relation, p.ethnicity, p.education, p.schooling, p.health,
              p.labour, p.work_status, p.work_months, p.serious_illness)  # fmt: skip
    indexes = [i for i, c in enumerate(COLUMNS) if not c.household]
    return dict(zip(indexes, values, strict=True))


@lru_cache(maxsize=65536)
def width_of(text: str) -> float:
    return stringWidth(text, FONT_NAME, SIZE)


@lru_cache(maxsize=65536)
def wrap(text: str, width: float) -> tuple[str, ...]:
    """Break ``text`` into lines no wider than ``width``: between any two characters, as Chinese allows.

    Values repeat endlessly in a roster (非在校生, 普通劳动力), so the breaks are cached."""
    if not text:
        return ()
    if width_of(text) <= width:
        return (text,)
    lines: list[str] = []
    line = ""
    for char in text:
        if line and stringWidth(line + char, FONT_NAME, SIZE) > width:
            lines.append(line)
            line = char.lstrip()
        else:
            line += char
    if line:
        lines.append(line)
    return tuple(lines)


@dataclass(frozen=True)
class _Block:
    """One household's rows on one page (a household longer than a page continues on the next)."""

    household: RosterHousehold
    rows: tuple[tuple[dict[int, tuple[str, ...]], float], ...]  # (wrapped cells, height) per person
    household_cells: dict[int, tuple[str, ...]]
    height: float
    continued: bool


@dataclass(frozen=True)
class _Page:
    village: str
    blocks: tuple[_Block, ...]


class _Layout:
    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self.page_width, self.page_height = LANDSCAPE
        self.widths = _column_widths(self.page_width - 2 * SIDE)
        self.text_widths = [w - 2 * PAD_X for w in self.widths]
        # runs of adjacent person columns [start, end): a rule between two people of a household
        # crosses each run in one stroke
        self.person_runs = _runs([not c.household for c in COLUMNS])
        self.header_lines = [wrap(c.title, w) for c, w in zip(COLUMNS, self.text_widths, strict=True)]
        self.header_height = max(len(x) for x in self.header_lines) * LEADING + 2 * PAD
        self.table_top = self.page_height - TOP - BAND
        self.capacity = self.table_top - self.header_height - BOTTOM

    def _cells(self, values: dict[int, str]) -> dict[int, tuple[str, ...]]:
        return {i: wrap(text, self.text_widths[i]) for i, text in values.items()}

    @staticmethod
    def _height(cells: dict[int, tuple[str, ...]]) -> float:
        return max([1, *(len(lines) for lines in cells.values())]) * LEADING + 2 * PAD

    def pages(self) -> Iterator[_Page]:
        """The pages, one at a time: a township's roster is never laid out whole in memory."""
        emitted = 0
        current: list[_Block] = []
        used = 0.0
        village = None
        for household in self.roster.households:
            if village is not None and household.village != village and current:
                emitted += 1
                yield _Page(village, tuple(current))  # each village starts on a new page
                current, used = [], 0.0
            village = household.village
            first_cells = self._cells(_household_cells(household))
            rows = [
                (cells, self._height(cells))
                for cells in map(self._cells, map(_person_cells, household.persons))
            ]
            start, continued = 0, False
            while True:
                head_cells = _continued(first_cells) if continued else first_cells
                head_height = self._height(head_cells)
                remaining = rows[start:]
                whole = max(head_height, sum(h for _, h in remaining))
                if whole <= self.capacity - used:
                    current.append(_Block(household, tuple(remaining), head_cells, whole, continued))
                    used += whole
                    break
                if whole <= self.capacity and not continued:  # fits on a page of its own: move it
                    emitted += 1
                    yield _Page(village, tuple(current))
                    current, used = [], 0.0
                    continue
                # longer than a page: fill this page row by row and continue on the next
                taken, height = 0, 0.0
                while (
                    taken < len(remaining)
                    and max(head_height, height + remaining[taken][1]) <= self.capacity - used
                ):
                    height += remaining[taken][1]
                    taken += 1
                if taken == 0:
                    if not current:  # a single row taller than a page: cannot happen with these sizes
                        raise ValueError("roster row taller than a page")
                    emitted += 1
                    yield _Page(village, tuple(current))
                    current, used = [], 0.0
                    continue
                part = tuple(remaining[:taken])
                current.append(_Block(household, part, head_cells, max(head_height, height), continued))
                emitted += 1
                yield _Page(village, tuple(current))
                current, used = [], 0.0
                start += taken
                continued = True
        if current or not emitted:
            yield _Page(village or "", tuple(current))


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i, flag in enumerate(flags):
        if flag and runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        elif flag:
            runs.append((i, i + 1))
    return runs


def _continued(cells: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """The household columns of a household's rows continued from the previous page."""
    number = next(i for i, c in enumerate(COLUMNS) if c.title == "户编号")
    return {**cells, number: (*cells[number], "（续）")}


def _column_widths(total: float) -> list[float]:
    """Each column's need, plus a share of what is left over in proportion to its Hanzi."""
    digit = stringWidth("0", FONT_NAME, SIZE)
    need = [max(c.chars * SIZE, c.digits * digit) + 2 * PAD_X + 0.6 for c in COLUMNS]
    spare = max(0.0, total - sum(need))
    chars = sum(c.chars for c in COLUMNS)
    return [n + spare * c.chars / chars for n, c in zip(need, COLUMNS, strict=True)]


def write_roster(out: BinaryIO, roster: Roster, *, progress: Progress | None = None) -> int:
    """Write the roster; returns the page count. ``progress(done, total)`` is called per page."""
    layout = _Layout(roster)
    count = sum(1 for _ in layout.pages())  # for 第 x 页 共 y 页; the breaks are cached for the second pass
    canv = Canvas(out, pagesize=LANDSCAPE, initialFontName=FONT_NAME, initialFontSize=SIZE, lang="zh-CN")
    canv.setTitle(roster.title)
    canv.setAuthor("驻村台账 Zhucun")
    canv.setCreator("驻村台账 Zhucun")
    villages = len({h.village for h in roster.households})
    total = count + (roster.village_exit is not None)
    for number, page in enumerate(layout.pages(), 1):
        if progress is not None and not progress(number - 1, total):
            raise Cancelled
        _draw_page(canv, layout, page, number, total, villages > 1)
        canv.showPage()
    if roster.village_exit is not None:
        _draw_village_exit(canv, roster, roster.village_exit, total)
        canv.showPage()
    canv.save()
    if progress is not None:
        progress(total, total)
    return total


def _draw_village_exit(canv: Canvas, roster: Roster, summary: VillageExitSummary, total: int) -> None:
    """The last page of one village's roster: the village exit standard item by item, with its sources."""
    width, height = LANDSCAPE
    canv.setFillColor(INK)
    canv.setFont(FONT_NAME, 14)
    canv.drawCentredString(width / 2, height - TOP - 6 * mm, "贫困村退出标准")
    canv.setFont(FONT_NAME, 8)
    canv.setFillColor(MUTED)
    base = height - TOP - BAND + 2.5 * mm
    canv.drawString(SIDE, base, roster.place)
    canv.drawRightString(width - SIDE, base, f"制表日期：{roster.printed_on.isoformat()}")
    canv.drawCentredString(width / 2, BOTTOM - 6 * mm, f"第 {total} 页  共 {total} 页")
    canv.setFillColor(INK)
    y = height - TOP - BAND - 8 * mm
    canv.setFont(FONT_NAME, 12)
    canv.drawString(SIDE, y, summary.heading)
    y -= 9 * mm
    text_width = width - 2 * SIDE - 40 * mm
    for mark, name, reason in summary.items:
        canv.setFont(FONT_NAME, 10)
        canv.drawString(SIDE, y, f"{mark}  {name}")
        for line in wrap(reason, text_width * SIZE / 10) or ("",):  # wrap() measures at SIZE
            canv.drawString(SIDE + 40 * mm, y, line)
            y -= 5.5 * mm
        y -= 2 * mm
    canv.setFont(FONT_NAME, 8)
    canv.setFillColor(MUTED)
    for line in wrap(f"来源：{summary.source}", (width - 2 * SIDE) * SIZE / 8):
        y -= 4.5 * mm
        canv.drawString(SIDE, y, line)


def _draw_page(canv: Canvas, layout: _Layout, page: _Page, number: int, total: int, many: bool) -> None:
    roster = layout.roster
    width, height = LANDSCAPE
    # the band: title in the middle, place on the left, date (and income year) on the right
    canv.setFillColor(INK)
    canv.setFont(FONT_NAME, 14)
    canv.drawCentredString(width / 2, height - TOP - 6 * mm, roster.title)
    canv.setFont(FONT_NAME, 8)
    canv.setFillColor(MUTED)
    place = f"{roster.place} · {page.village}" if many else roster.place
    base = height - TOP - BAND + 2.5 * mm
    canv.drawString(SIDE, base, place)
    right = f"制表日期：{roster.printed_on.isoformat()}"
    if roster.income_year is not None:
        right = f"人均纯收入：{roster.income_year} 年（元）    {right}"
    canv.drawRightString(width - SIDE, base, right)
    canv.drawCentredString(width / 2, BOTTOM - 6 * mm, f"第 {number} 页  共 {total} 页")

    xs = [SIDE]
    for w in layout.widths:
        xs.append(xs[-1] + w)
    top = layout.table_top
    body_top = top - layout.header_height
    body_bottom = body_top - sum(b.height for b in page.blocks)
    canv.setFillColor(HEAD_FILL)
    canv.rect(xs[0], body_top, xs[-1] - xs[0], layout.header_height, stroke=0, fill=1)

    text = canv.beginText()
    text.setFont(FONT_NAME, SIZE, LEADING)
    text.setFillColor(INK)
    for i, lines in enumerate(layout.header_lines):
        text_height = len(lines) * LEADING
        y = body_top + (layout.header_height - text_height) / 2 + text_height - SIZE
        for line in lines:
            _place(text, line, xs[i], layout.widths[i], y, "centre")
            y -= LEADING
    rules: list[tuple[float, float, float, float]] = []
    household_rules: list[tuple[float, float, float, float]] = []
    y = body_top
    for block in page.blocks:
        first_row_top = y
        for i, lines in block.household_cells.items():
            _cell(text, lines, xs[i], layout.widths[i], first_row_top, COLUMNS[i].align)
        for n, (cells, row_height) in enumerate(block.rows):
            for i, lines in cells.items():
                _cell(text, lines, xs[i], layout.widths[i], y, COLUMNS[i].align)
            last = n == len(block.rows) - 1
            row_bottom = first_row_top - block.height if last else y - row_height
            if not last:
                rules += [(xs[a], row_bottom, xs[b], row_bottom) for a, b in layout.person_runs]
            y = row_bottom
        if not block.rows:
            y = first_row_top - block.height
        household_rules.append((xs[0], y, xs[-1], y))
    canv.drawText(text)

    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.3)
    if rules:
        canv.lines(rules)
    canv.lines([(x, body_bottom, x, top) for x in xs[1:-1]])
    canv.setStrokeColor(INK)
    canv.setLineWidth(0.6)
    canv.lines([*household_rules, (xs[0], body_top, xs[-1], body_top)])
    canv.setLineWidth(0.9)
    canv.rect(xs[0], body_bottom, xs[-1] - xs[0], top - body_bottom, stroke=1, fill=0)


def _cell(text: PDFTextObject, lines: Sequence[str], x: float, width: float, top: float, align: str) -> None:
    y = top - PAD - SIZE + 0.6
    for line in lines:
        _place(text, line, x, width, y, align)
        y -= LEADING


def _place(text: PDFTextObject, line: str, x: float, width: float, y: float, align: str) -> None:
    if align == "left":
        left = x + PAD_X
    else:
        used = width_of(line)
        left = x + (width - used) / 2 if align == "centre" else x + width - PAD_X - used
    text.setTextOrigin(left, y)
    text.textOut(line)
