"""A list of photo files to attach, filled by drag-and-drop or a file picker, before anything is saved."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from desktop.ui.shell.i18n import tr


class PhotoDropList(QListWidget):
    """Files dropped here (or picked) are attached to the visit when it is saved; Delete removes one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitPhotos")
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setToolTip(tr("把照片文件拖到这里；选中后按 Delete 移除"))

    def files(self) -> list[Path]:
        return [Path(self.item(r).data(Qt.ItemDataRole.UserRole)) for r in range(self.count())]

    def add_files(self, paths: Sequence[Path]) -> int:
        """Adds the files not yet listed; returns how many were skipped (folders, missing files)."""
        have = set(self.files())
        skipped = 0
        for path in paths:
            if not path.is_file():
                skipped += 1
                continue
            if path in have:
                continue
            have.add(path)
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.addItem(item)
        self.changed.emit()
        return skipped

    def clear_files(self) -> None:
        self.clear()
        self.changed.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if not urls:
            super().dropEvent(event)
            return
        self.add_files([Path(u.toLocalFile()) for u in urls])
        event.acceptProposedAction()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selectedItems():
            for item in self.selectedItems():
                self.takeItem(self.row(item))
            self.changed.emit()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, tr("把照片拖到这里，或点“选择照片…”")
            )
