"""Every page of a PDF, one under the other in a scroll area, each drawn only when it comes into view.

The pages are laid out from their sizes alone (read without drawing), so a 300-page roster is as quick
to open as a one-page card: only the pages in view, and one either side, are rendered, one at a time,
on a worker thread (PDFium through ``print_pages``); pages that scrolled far away are forgotten again.
Scrolling past 100 pages asks only for the pages where it stops. Zoom: fit width, fit page or 50–200 %
(100 % is the paper's real size on a 96 dpi screen), with Ctrl+wheel too.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QScrollArea, QWidget

from desktop.domain.errors import UserError
from desktop.ui.printing.pdf_pages import pages
from desktop.ui.shell.i18n import tr

FIT_WIDTH, FIT_PAGE = "fit-width", "fit-page"
PERCENTS = (50, 75, 100, 125, 150, 200)
GAP = 12  # px around and between pages
AROUND = 1  # pages rendered ahead, above and below those in view
KEEP = 2  # pages kept rendered beyond those in view before they are forgotten (memory at 200 %)
BACKGROUND = QColor("#9e9e9e")


class _Renderer(QObject):
    """One page at a time on the thread pool; the answer comes back on the GUI thread by signal."""

    rendered = Signal(int, int, float, object)  # generation, page index, dpi, QImage
    failed = Signal(int, int, str)  # generation, page index, message

    def render(self, generation: int, pdf: Path, index: int, dpi: float) -> None:
        def task() -> None:  # plain values only: nothing of the widgets lives on the worker thread
            drawn = pages(pdf, dpi=dpi, first=index + 1, last=index + 1)
            try:
                image = next(drawn)
            except UserError as problem:
                outcome: tuple[str, tuple[object, ...]] = ("failed", (generation, index, problem.message))
            except Exception as error:  # a damaged page: the others still show
                outcome = ("failed", (generation, index, str(error)))
            else:
                outcome = ("rendered", (generation, index, dpi, image))
            finally:
                drawn.close()  # the document is closed here, not whenever the generator is collected
            with contextlib.suppress(RuntimeError):  # the page was closed meanwhile: nobody to tell
                getattr(self, outcome[0]).emit(*outcome[1])

        QThreadPool.globalInstance().start(task)


class _Canvas(QWidget):
    def __init__(self, view: PageView) -> None:
        super().__init__()
        self.setObjectName("previewCanvas")
        self.view = view

    def paintEvent(self, event: QPaintEvent) -> None:
        self.view.paint(self, event.rect())


class PageView(QScrollArea):
    current_changed = Signal(int, int)  # page number (1-based), page count
    zoom_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPages")
        self.pdf: Path | None = None
        self.sizes: list[tuple[float, float]] = []  # points
        self.zoom: str | int = FIT_WIDTH
        self.images: dict[int, tuple[float, QImage]] = {}  # page index → (dpi, image)
        self.problems: dict[int, str] = {}
        self.tops: list[int] = []
        self.rects: list[QRect] = []
        self.current = 0  # page index
        self._generation = 0
        self._queue: list[int] = []
        self._busy = False
        self._going = False
        self._renderer = _Renderer(self)
        self._renderer.rendered.connect(self._rendered)
        self._renderer.failed.connect(self._failed)
        self.canvas = _Canvas(self)
        self.setWidget(self.canvas)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet("QScrollArea { background: #9e9e9e; }")
        self.viewport().installEventFilter(self)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _value: self._want())

    # --- public ------------------------------------------------------------------------------------
    def set_document(self, pdf: Path | None, sizes: list[tuple[float, float]]) -> None:
        """Show ``pdf`` (None: nothing), whose pages have these sizes in points."""
        self._generation += 1  # answers still on their way for the last document are dropped
        self.pdf, self.sizes = pdf, list(sizes) if pdf is not None else []
        self.images.clear()
        self.problems.clear()
        self._queue.clear()
        self.current = 0
        self._lay_out()
        self._going = True
        self.verticalScrollBar().setValue(0)
        self._going = False
        self._want()
        self.current_changed.emit(1 if self.sizes else 0, len(self.sizes))

    def page_count(self) -> int:
        return len(self.sizes)

    def go_to(self, number: int) -> None:
        """Scroll page ``number`` (1-based) to the top."""
        if not self.sizes:
            return
        index = min(max(number, 1), len(self.sizes)) - 1
        self._going = True
        self.verticalScrollBar().setValue(self.tops[index] - GAP)
        self._going = False
        self._set_current(index)
        self._want()

    def next_page(self) -> None:
        self.go_to(self.current + 2)

    def previous_page(self) -> None:
        self.go_to(self.current)

    def set_zoom(self, zoom: str | int) -> None:
        """FIT_WIDTH, FIT_PAGE or a percentage (clamped to 50–200)."""
        if isinstance(zoom, int):
            zoom = min(max(zoom, PERCENTS[0]), PERCENTS[-1])
        if zoom == self.zoom:
            return
        # keep the same spot of the current page at the top of the view
        within = 0.0
        if self.sizes:
            top, height = self.tops[self.current], self.rects[self.current].height()
            within = (self.verticalScrollBar().value() - top) / max(1, height)
        self.zoom = zoom
        self._lay_out()
        if self.sizes and zoom == FIT_PAGE:  # a whole page in view: that page, not a part of two
            self.go_to(self.current + 1)
        elif self.sizes:
            index = self.current
            self._going = True
            self.verticalScrollBar().setValue(round(self.tops[index] + within * self.rects[index].height()))
            self._going = False
        self._want()
        self.zoom_changed.emit()

    def percent(self) -> int:
        """The zoom now, as a percentage of the paper's real size."""
        return round(self._scale() / self._real_size() * 100)

    def zoom_in(self) -> None:
        now = self.percent()
        self.set_zoom(next((p for p in PERCENTS if p > now), PERCENTS[-1]))

    def zoom_out(self) -> None:
        now = self.percent()
        self.set_zoom(next((p for p in reversed(PERCENTS) if p < now), PERCENTS[0]))

    def page_rect(self, index: int) -> QRect:
        return QRect(self.rects[index])

    # --- drawing -----------------------------------------------------------------------------------
    def paint(self, canvas: QWidget, area: QRect) -> None:
        painter = QPainter(canvas)
        painter.fillRect(area, BACKGROUND)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for index, rect in enumerate(self.rects):
            if rect.bottom() < area.top():
                continue
            if rect.top() > area.bottom():
                break
            painter.fillRect(rect, Qt.GlobalColor.white)
            painter.setPen(QColor("#555555"))
            painter.drawRect(rect.adjusted(-1, -1, 0, 0))
            if index in self.images:
                painter.drawImage(QRectF(rect), self.images[index][1])
            else:
                text = self.problems.get(index) or tr("正在显示第 {number} 页…").format(number=index + 1)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
        painter.end()

    # --- events ------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.Wheel:
            wheel = event if isinstance(event, QWheelEvent) else None
            if wheel is not None and wheel.modifiers() & Qt.KeyboardModifier.ControlModifier:
                if wheel.angleDelta().y() > 0:
                    self.zoom_in()
                elif wheel.angleDelta().y() < 0:
                    self.zoom_out()
                return True
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()
        self._want()

    # --- private -----------------------------------------------------------------------------------
    def _real_size(self) -> float:
        """Pixels per point at 100 %: the paper's size on a 96 dpi screen."""
        return self.logicalDpiY() / 72

    def _scale(self) -> float:
        """Pixels per point now."""
        if not self.sizes:
            return self._real_size()
        room = self.viewport().width() - 2 * GAP - self.verticalScrollBar().sizeHint().width()
        widest = max(w for w, _ in self.sizes)
        fit_width = max(room, 100) / widest
        if self.zoom == FIT_WIDTH:
            return fit_width
        if self.zoom == FIT_PAGE:
            tallest = max(h for _, h in self.sizes)
            return min(fit_width, max(self.viewport().height() - 2 * GAP, 100) / tallest)
        return float(self.zoom) / 100 * self._real_size()

    def _lay_out(self) -> None:
        scale = self._scale()
        widths = [round(w * scale) for w, _ in self.sizes]
        width = max([self.viewport().width(), *(w + 2 * GAP for w in widths)])
        self.tops, self.rects, y = [], [], GAP
        for (_, h), w in zip(self.sizes, widths, strict=True):
            height = round(h * scale)
            self.tops.append(y)
            self.rects.append(QRect((width - w) // 2, y, w, height))
            y += height + GAP
        self.canvas.resize(width, max(y, self.viewport().height()))
        self.canvas.update()

    def _dpi(self) -> float:
        return round(self._scale() * 72 * self.devicePixelRatioF(), 1)

    def _in_view(self) -> list[int]:
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        return [i for i, r in enumerate(self.rects) if r.bottom() >= top and r.top() <= bottom]

    def _scrolled(self, _value: int) -> None:
        if not self._going:
            seen = self._in_view()
            if seen:  # the page that fills most of the view is the current one
                top = self.verticalScrollBar().value()
                bottom = top + self.viewport().height()

                def shown(i: int) -> int:
                    return min(bottom, self.rects[i].bottom()) - max(top, self.rects[i].top())

                self._set_current(max(seen, key=shown))
        self._want()

    def _set_current(self, index: int) -> None:
        if index != self.current or not self.sizes:
            self.current = index
        self.current_changed.emit(index + 1, len(self.sizes))

    def _want(self) -> None:
        """Ask for the pages in view (then one either side) at the current zoom; forget far ones."""
        if self.pdf is None or not self.sizes:
            return
        seen = self._in_view()
        if not seen:
            return
        first, last = seen[0], seen[-1]
        wanted = seen + [i for i in (first - AROUND, last + AROUND) if 0 <= i < len(self.sizes)]
        dpi = self._dpi()
        self._queue = [
            i for i in wanted if i not in self.problems and (i not in self.images or self.images[i][0] != dpi)
        ]
        for index in [i for i in self.images if i < first - KEEP or i > last + KEEP]:
            del self.images[index]
        self._next()

    def _next(self) -> None:
        if self._busy or not self._queue or self.pdf is None:
            return
        self._busy = True
        self._renderer.render(self._generation, self.pdf, self._queue.pop(0), self._dpi())

    def _rendered(self, generation: int, index: int, dpi: float, image: QImage) -> None:
        self._busy = False
        if generation == self._generation:
            self.images[index] = (dpi, image)
            self.canvas.update(self.rects[index])
        self._next()

    def _failed(self, generation: int, index: int, message: str) -> None:
        self._busy = False
        if generation == self._generation:
            self.problems[index] = message
            self.canvas.update(self.rects[index])
        self._next()
