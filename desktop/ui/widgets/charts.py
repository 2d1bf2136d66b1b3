"""Simple charts drawn with QPainter (the app ships Qt Essentials, without QtCharts).

``BarChart`` draws horizontal bars — Chinese labels read best on the left, one per line — with stacked
series, a legend when there is more than one series, and the figure after each bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.ui.shell.i18n import tr

BLUE = QColor("#3b7dd8")
RED = QColor("#d64541")
AMBER = QColor("#e8a33d")
GREEN = QColor("#3a9a5b")


@dataclass(frozen=True)
class Series:
    name: str
    color: QColor


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[float, ...]  # one per series, stacked left to right
    text: str = ""  # after the bar; the total when empty

    @property
    def total(self) -> float:
        return sum(self.values)


class BarChart(QWidget):
    PADDING = 6

    def __init__(
        self,
        series: Sequence[Series] = (Series("", BLUE),),
        *,
        maximum: float | None = None,
        empty_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.series = tuple(series)
        self.maximum = maximum  # None: the largest total
        self.empty_text = tr("暂无数据") if empty_text is None else empty_text
        self._bars: tuple[Bar, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(240)

    # --- public ------------------------------------------------------------------------------------
    def set_bars(self, bars: Sequence[Bar]) -> None:
        self._bars = tuple(bars)
        self.setToolTip("\n".join(f"{b.label}：{self._value_text(b)}" for b in self._bars))
        self.setAccessibleDescription(self.toolTip())
        self.updateGeometry()
        self.update()

    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    def sizeHint(self) -> QSize:
        return QSize(
            360, self._legend_height() + max(len(self._bars), 1) * self._row_height() + self.PADDING * 2
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    # --- painting ----------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        area = QRectF(self.rect()).adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        top = area.top() + self._draw_legend(painter, area)
        if not self._bars:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                area.adjusted(0, top - area.top(), 0, 0), Qt.AlignmentFlag.AlignCenter, self.empty_text
            )
            return
        label_width = max(metrics.horizontalAdvance(b.label) for b in self._bars) + 10
        value_width = max(metrics.horizontalAdvance(self._value_text(b)) for b in self._bars) + 10
        bar_left = area.left() + label_width
        bar_span = max(area.width() - label_width - value_width, 20)
        scale = bar_span / max(self.maximum or max(b.total for b in self._bars), 1e-9)
        row = self._row_height()
        for i, bar in enumerate(self._bars):
            y = top + i * row
            painter.setPen(text_color)
            painter.drawText(
                QRectF(area.left(), y, label_width - 10, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                bar.label,
            )
            track = QRectF(bar_left, y + row * 0.2, bar_span, row * 0.6)
            painter.fillRect(track, self.palette().color(QPalette.ColorRole.AlternateBase))
            x = bar_left
            for value, series in zip(bar.values, self.series, strict=False):
                width = max(value, 0) * scale
                painter.fillRect(QRectF(x, track.top(), width, track.height()), series.color)
                x += width
            painter.setPen(text_color)
            painter.drawText(
                QRectF(x + 6, y, area.right() - x - 6, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self._value_text(bar),
            )

    def _draw_legend(self, painter: QPainter, area: QRectF) -> float:
        if len(self.series) < 2:
            return 0.0
        metrics = painter.fontMetrics()
        x, size = area.left(), metrics.height() * 0.7
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for series in self.series:
            painter.fillRect(QRectF(x, area.top() + (metrics.height() - size) / 2, size, size), series.color)
            x += size + 4
            painter.drawText(QRectF(x, area.top(), area.right() - x, metrics.height()), series.name)
            x += metrics.horizontalAdvance(series.name) + 16
        return float(self._legend_height())

    # --- sizes -------------------------------------------------------------------------------------
    def _row_height(self) -> int:
        return self.fontMetrics().height() + 10

    def _legend_height(self) -> int:
        return self.fontMetrics().height() + 6 if len(self.series) > 1 else 0

    def _value_text(self, bar: Bar) -> str:
        return bar.text or f"{bar.total:g}"
