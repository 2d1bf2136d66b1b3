"""The right half of 台账打印: every page of the file just made, with page navigation (第 x 页 共 y 页,
PgUp/PgDn, Home/End, a page number box), zoom (fit width, fit page, 50–200 %, Ctrl+wheel, Ctrl++ and
Ctrl+-), 打印 and 打开文件夹; or, on a machine that cannot render PDFs, where the file is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.printing.page_view import FIT_PAGE, FIT_WIDTH, PERCENTS, PageView
from desktop.ui.shell.i18n import tr


class PrintPreviewPane(QGroupBox):
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("预览"), parent)
        self.setObjectName("printPreview")
        self.paths: list[Path] = []
        self.heading = QLabel(tr("选择要打印的台账和选项，点“生成 PDF 并预览”。"))
        self.heading.setObjectName("previewHeading")
        self.heading.setWordWrap(True)
        self.print_button = QPushButton(tr("打印…"))
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_requested.emit)
        self.folder_button = QPushButton(tr("打开文件夹"))
        self.folder_button.setObjectName("openFolder")
        self.folder_button.clicked.connect(self.open_folder)
        self.where = QLabel()
        self.where.setObjectName("previewPaths")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where.setWordWrap(True)
        self.where.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.view = PageView()
        self.view.current_changed.connect(self._show_position)
        self.view.zoom_changed.connect(self._show_zoom)
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(self._navigation())
        layout.addWidget(self.where)
        layout.addWidget(self.view, 1)
        self._keys()
        self.show_document([], None, [], None)

    # --- public ------------------------------------------------------------------------------------
    def show_document(
        self,
        paths: Sequence[Path],
        shown: Path | None,
        sizes: Sequence[tuple[float, float]],
        heading: str | None,
    ) -> None:
        """The file(s) made, and ``shown`` (one of them) page by page; no sizes: nothing to preview
        (nothing made, or no renderer on this machine: then the paths are listed)."""
        self.paths = list(paths)
        if heading is not None:
            self.heading.setText(heading)
        previewed = shown is not None and bool(sizes)
        for widget in self._navigation_widgets:
            widget.setEnabled(previewed)
        self.view.set_document(shown if previewed else None, list(sizes) if previewed else [])
        self.print_button.setEnabled(previewed)
        self.folder_button.setEnabled(bool(self.paths))
        listed = "\n".join(str(p) for p in self.paths[:5]) + ("\n…" if len(self.paths) > 5 else "")
        self.where.setText(listed)
        self.where.setVisible(bool(self.paths) and not previewed)
        if previewed:
            self.view.setFocus()  # PgDn, Ctrl++ work at once

    def page_count(self) -> int:
        return self.view.page_count()

    def current_page(self) -> int:
        return self.view.current + 1 if self.view.page_count() else 0

    def open_folder(self) -> None:
        if self.paths:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths[0].parent)))

    # --- building ----------------------------------------------------------------------------------
    def _navigation(self) -> QHBoxLayout:
        self.previous_button = _tool("◀", tr("上一页（PgUp）"), "previousPage", self.view.previous_page)
        self.next_button = _tool("▶", tr("下一页（PgDn）"), "nextPage", self.view.next_page)
        self.page_box = QSpinBox()
        self.page_box.setObjectName("pageNumber")
        self.page_box.setKeyboardTracking(False)  # typing 12 goes to 12, not to 1 first
        self.page_box.setAccelerated(True)
        self.page_box.valueChanged.connect(self._page_typed)
        self.zoom_box = QComboBox()
        self.zoom_box.setObjectName("zoom")
        self.zoom_box.addItem(tr("适合宽度"), FIT_WIDTH)
        self.zoom_box.addItem(tr("适合整页"), FIT_PAGE)
        for percent in PERCENTS:
            self.zoom_box.addItem(f"{percent} %", percent)
        self.zoom_box.activated.connect(lambda row: self.view.set_zoom(self.zoom_box.itemData(row)))
        self.zoom_out_button = _tool("−", tr("缩小（Ctrl+-）"), "zoomOut", self.view.zoom_out)
        self.zoom_in_button = _tool("+", tr("放大（Ctrl++）"), "zoomIn", self.view.zoom_in)
        self._navigation_widgets: list[QWidget] = [
            self.previous_button, self.page_box, self.next_button,
            self.zoom_out_button, self.zoom_box, self.zoom_in_button,
        ]  # fmt: skip
        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addWidget(self.page_box)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(QLabel(tr("缩放")))
        row.addWidget(self.zoom_out_button)
        row.addWidget(self.zoom_box)
        row.addWidget(self.zoom_in_button)
        return row

    def _keys(self) -> None:
        """Keys work while anything in the preview has the focus (the page list, its buttons)."""
        keys = {
            self.view.next_page: ("PgDown",),
            self.view.previous_page: ("PgUp",),
            lambda: self.view.go_to(1): ("Ctrl+Home",),
            lambda: self.view.go_to(self.view.page_count()): ("Ctrl+End",),
            self.view.zoom_in: ("Ctrl++", "Ctrl+="),
            self.view.zoom_out: ("Ctrl+-",),
            lambda: self._choose_zoom(FIT_WIDTH): ("Ctrl+0",),
        }
        for action, sequences in keys.items():
            for sequence in sequences:
                shortcut = QShortcut(QKeySequence(sequence), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(action)

    # --- reacting ----------------------------------------------------------------------------------
    def _choose_zoom(self, zoom: str | int) -> None:
        self.view.set_zoom(zoom)

    def _show_position(self, number: int, count: int) -> None:
        text = tr("第 {page} 页 共 {pages} 页").format(page="\x00", pages=count)
        prefix, _, suffix = text.partition("\x00")
        self.page_box.blockSignals(True)
        self.page_box.setRange(min(1, count), max(count, 1))
        self.page_box.setPrefix(prefix)
        self.page_box.setSuffix(suffix)
        self.page_box.setValue(number)
        self.page_box.blockSignals(False)
        self.previous_button.setEnabled(number > 1)
        self.next_button.setEnabled(number < count)

    def _page_typed(self, number: int) -> None:
        self.view.go_to(number)

    def _show_zoom(self) -> None:
        row = self.zoom_box.findData(self.view.zoom)
        if row < 0:
            row = self.zoom_box.findData(self.view.percent())
        self.zoom_box.setCurrentIndex(row)


def _tool(text: str, tip: str, name: str, action: Callable[[], None]) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setObjectName(name)
    button.setAutoRaise(False)
    button.clicked.connect(action)
    return button
