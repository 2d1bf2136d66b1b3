"""Per-person income by year as bars, with the year's poverty line or monitoring threshold across each.

Drawn with canvas primitives rather than ``reportlab.graphics``: the graphics renderer starts from its
own default fonts, which would put unembedded Helvetica and Times into the PDF's font list.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop.domain.income import format_amount
from desktop.reports.data import IncomeLine
from desktop.reports.fonts import FONT_NAME
from desktop.reports.styles import BAND_FILL, INK, MONITOR_LINE, MUTED, POVERTY_LINE, RULE

LABEL_SIZE = 7.5


class IncomeChart(Flowable):
    def __init__(self, incomes: Sequence[IncomeLine], width: float) -> None:
        super().__init__()
        self.incomes = [i for i in incomes if i.per_person is not None]
        self.width = width
        self.height = 48 * mm if self.incomes else 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if not self.incomes:
            return
        canv = self.canv
        values = [
            float(v)
            for i in self.incomes
            for v in (i.per_person, i.poverty_line, i.monitoring_line)
            if v is not None
        ]
        top = max(max(values) * 1.15, 1.0)
        base, chart_height = 14.0, self.height - 30
        slot = (self.width - 20) / len(self.incomes)
        bar = min(slot * 0.45, 16 * mm)
        canv.setFont(FONT_NAME, LABEL_SIZE)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(10, base, self.width - 10, base)
        for n, line in enumerate(self.incomes):
            x = 10 + slot * n + (slot - bar) / 2
            height = chart_height * max(float(line.per_person or 0), 0.0) / top
            canv.setFillColor(BAND_FILL)
            canv.setStrokeColor(INK)
            canv.setLineWidth(0.5)
            canv.rect(x, base, bar, height, stroke=1, fill=1)
            canv.setFillColor(INK)
            canv.drawCentredString(x + bar / 2, base + height + 3, format_amount(line.per_person or 0))
            canv.setFillColor(MUTED)
            canv.drawCentredString(x + bar / 2, base - 10, str(line.year))
            for level, colour, dashed in (
                (line.poverty_line, POVERTY_LINE, False),
                (line.monitoring_line, MONITOR_LINE, True),
            ):
                if level is not None:
                    y = base + chart_height * float(level) / top
                    self._rule(x - 6, x + bar + 6, y, colour, dashed)
        legend = self.height - 8
        self._rule(12, 30, legend + 3, POVERTY_LINE, False)
        self._rule(84, 102, legend + 3, MONITOR_LINE, True)
        canv.setFillColor(MUTED)
        canv.drawString(34, legend, "扶贫标准")
        canv.drawString(106, legend, "防返贫监测范围")
        canv.drawString(190, legend, "柱：人均纯收入（元）")

    def _rule(self, x1: float, x2: float, y: float, colour: Color, dashed: bool) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(colour)
        canv.setLineWidth(1.2)
        if dashed:
            canv.setDash(3, 2)
        canv.line(x1, y, x2, y)
        canv.restoreState()
