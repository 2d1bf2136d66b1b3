"""The right half of 台账打印: the first pages of the file just made, fitted to the width, with 打印 and
打开文件夹; or, on a machine that cannot render PDFs, where the file is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import tr

MARGIN = 28  # px left of the page images inside the scroll area (its scroll bar included)


class PrintPreviewPane(QGroupBox):
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("预览"), parent)
        self.setObjectName("printPreview")
        self.paths: list[Path] = []
        self.images: list[QImage] = []
        self.heading = QLabel(tr("选择要打印的台账和选项，点“生成 PDF 并预览”。"))
        self.heading.setObjectName("previewHeading")
        self.heading.setWordWrap(True)
        self.print_button = QPushButton(tr("打印…"))
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_requested.emit)
        self.folder_button = QPushButton(tr("打开文件夹"))
        self.folder_button.setObjectName("openFolder")
        self.folder_button.clicked.connect(self.open_folder)
        self.pages = QWidget()
        self.pages.setObjectName("previewPages")
        self.page_layout = QVBoxLayout(self.pages)
        self.page_layout.setSpacing(12)
        self.page_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.pages)
        self.scroll.setWidgetResizable(True)
        # pages are fitted to the width: never a sideways scroll bar, and the width never jumps when a
        # vertical one appears
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.setStyleSheet("QScrollArea { background: #9e9e9e; }")
        self.pages.setStyleSheet("#previewPages { background: #9e9e9e; }")
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self.show_pages([], [], None)

    def show_pages(self, paths: Sequence[Path], images: Sequence[QImage], heading: str | None) -> None:
        """The file(s) made and their first pages (none: nothing to preview, or no renderer)."""
        self.paths, self.images = list(paths), list(images)
        if heading is not None:
            self.heading.setText(heading)
        self.print_button.setEnabled(bool(self.images))
        self.folder_button.setEnabled(bool(self.paths))
        self._lay_out()

    def open_folder(self) -> None:
        if self.paths:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths[0].parent)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._lay_out()

    def _lay_out(self) -> None:
        while self.page_layout.count() > 1:  # keep the closing stretch
            item = self.page_layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        width = max(200, self.scroll.viewport().width() - MARGIN)
        for number, image in enumerate(self.images, start=1):
            page = QLabel()
            page.setObjectName(f"previewPage{number}")
            page.setFrameShape(QFrame.Shape.Box)
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
            page.setPixmap(
                QPixmap.fromImage(image).scaledToWidth(
                    min(width, image.width()), Qt.TransformationMode.SmoothTransformation
                )
            )
            self.page_layout.insertWidget(number - 1, page, 0, Qt.AlignmentFlag.AlignHCenter)
        if not self.images and self.paths:
            where = QLabel("\n".join(str(p) for p in self.paths[:5]) + ("\n…" if len(self.paths) > 5 else ""))
            where.setObjectName("previewPaths")
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            where.setWordWrap(True)
            self.page_layout.insertWidget(0, where)
