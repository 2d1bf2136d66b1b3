"""A photo at full size in its own window: fitted to the window, or at 100% to check a detail.

The picture comes as bytes (decrypted in an encrypted data folder, where the stored file is
ciphertext); 另存为… writes a readable copy where the user chooses, to send or print it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.shell.dialogs import show_error, show_info
from desktop.ui.shell.i18n import tr


class PhotoViewer(QDialog):
    def __init__(
        self,
        image: bytes,
        title: str,
        details: str,
        parent: QWidget | None = None,
        *,
        save_copy: Callable[[Path], Path] | None = None,
        file_name: str = "照片.jpg",
    ) -> None:
        """``save_copy(target)`` writes the photo to a file the user chose (None: no 另存为…)."""
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.setWindowTitle(title)
        self.pixmap = QPixmap()
        self.pixmap.loadFromData(image)
        self._save_copy = save_copy
        self._file_name = file_name
        self.picture = QLabel()
        self.picture.setObjectName("photoViewerImage")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.picture)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area.viewport().installEventFilter(self)
        self.fit = QCheckBox(tr("适应窗口"))
        self.fit.setChecked(True)
        self.fit.setToolTip(tr("取消勾选以原始大小查看细节"))
        self.fit.toggled.connect(self._show)
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.close)
        self.save_button = QPushButton(tr("另存为…"))
        self.save_button.setObjectName("savePhotoCopy")
        self.save_button.setToolTip(tr("把这张照片另存一份（可以发送或打印）"))
        self.save_button.setVisible(save_copy is not None)
        self.save_button.clicked.connect(self._choose_copy)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        size = f"{self.pixmap.width()}×{self.pixmap.height()}" if not self.pixmap.isNull() else tr("无法打开")
        info = QLabel(f"{details}　{size}")
        info.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(info, 1)
        bottom.addWidget(self.fit)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(bottom)
        self.resize(1000, 680)
        self._show()

    def save_copy_to(self, target: Path) -> Path | None:
        """Write a readable copy to ``target``; None when refused (the reason shown)."""
        if self._save_copy is None:
            return None
        try:
            return self._save_copy(target)
        except Exception as error:
            show_error(self, error)
            return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # fitted to the scroll area's viewport once it has its new size (the dialog's own resize
        # event comes before the layout has resized the viewport)
        if (
            watched is self.scroll_area.viewport()
            and event.type() == QEvent.Type.Resize
            and self.fit.isChecked()
        ):
            self._show()
        return super().eventFilter(watched, event)

    def _show(self) -> None:
        if self.pixmap.isNull():
            self.picture.setText(tr("无法打开这张照片的文件"))
            return
        fit = self.fit.isChecked()
        self.scroll_area.setWidgetResizable(fit)
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fit else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        self.scroll_area.setHorizontalScrollBarPolicy(policy)
        self.scroll_area.setVerticalScrollBarPolicy(policy)
        if fit:
            room = self.scroll_area.viewport().size()
            shown = self.pixmap.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            self.picture.setPixmap(shown)
        else:
            self.picture.setPixmap(self.pixmap)
            self.picture.adjustSize()

    def _choose_copy(self) -> None:
        start = str(Path.home() / self._file_name)
        chosen, _ = QFileDialog.getSaveFileName(self, tr("照片另存为"), start, tr("JPEG 图片 (*.jpg)"))
        if chosen:
            saved = self.save_copy_to(Path(chosen))
            if saved is not None:
                show_info(self, tr("照片已另存到 {path}").format(path=saved))
