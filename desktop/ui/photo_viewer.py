"""A photo at full size in its own window: fitted to the window, or at 100% to check a detail."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


class PhotoViewer(QDialog):
    def __init__(self, image: Path, title: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.setWindowTitle(title)
        self.pixmap = QPixmap(str(image))
        self.picture = QLabel()
        self.picture.setObjectName("photoViewerImage")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.picture)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.viewport().installEventFilter(self)
        self.fit = QCheckBox("适应窗口")
        self.fit.setChecked(True)
        self.fit.setToolTip("取消勾选以原始大小查看细节")
        self.fit.toggled.connect(self._show)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        size = f"{self.pixmap.width()}×{self.pixmap.height()}" if not self.pixmap.isNull() else "无法打开"
        info = QLabel(f"{details}　{size}")
        info.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(info, 1)
        bottom.addWidget(self.fit)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bottom)
        self.resize(1000, 680)
        self._show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # fitted to the scroll area's viewport once it has its new size (the dialog's own resize
        # event comes before the layout has resized the viewport)
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize and self.fit.isChecked():
            self._show()
        return super().eventFilter(watched, event)

    def _show(self) -> None:
        if self.pixmap.isNull():
            self.picture.setText("无法打开这张照片的文件")
            return
        fit = self.fit.isChecked()
        self.scroll.setWidgetResizable(fit)
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fit else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        self.scroll.setHorizontalScrollBarPolicy(policy)
        self.scroll.setVerticalScrollBarPolicy(policy)
        if fit:
            room = self.scroll.viewport().size()
            shown = self.pixmap.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            self.picture.setPixmap(shown)
        else:
            self.picture.setPixmap(self.pixmap)
            self.picture.adjustSize()
