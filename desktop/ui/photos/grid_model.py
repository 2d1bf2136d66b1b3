"""A household's photos as a Qt list model for a grid of thumbnails.

Thumbnails are asked for only when the view first paints an item (``DecorationRole``), loaded on the
thumbnail hub's threads, and kept by SHA-256, so a household shown again appears at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from desktop.services.context import Ledger
from desktop.services.photos import PhotoRow
from desktop.ui.photos.thumbnails import thumbnail_hub
from desktop.ui.shell.i18n import tr, tr_marked

AnyIndex = QModelIndex | QPersistentModelIndex
PhotoIdRole = Qt.ItemDataRole.UserRole + 1
Sha256Role = Qt.ItemDataRole.UserRole + 2
ThumbnailReadyRole = Qt.ItemDataRole.UserRole + 3  # True once the real thumbnail is shown
ICON_EDGE = 150
CACHE_LIMIT = 600  # thumbnails kept (about 90 kB each): a few households' worth


def attachment(row: PhotoRow) -> str:
    """What a photo is evidence of, in a word or two."""
    if row.dimension:
        return tr_marked(row.dimension)  # a checklist dimension, stored by its Chinese name
    if row.monitoring_id:
        return tr("防返贫监测")
    if row.visit_id:
        return tr("走访")
    if row.work_log_id:
        return tr("驻村工作日志")
    return tr("农户照片")


def taken_text(row: PhotoRow) -> str:
    return f"{row.taken_at:%Y-%m-%d %H:%M}" if row.taken_at else tr("拍摄时间未知")


class PhotoGridModel(QAbstractListModel):
    def __init__(self, ledger: Ledger, parent: Any = None, *, icon_edge: int = ICON_EDGE) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.icon_edge = icon_edge
        self._rows: list[PhotoRow] = []
        self._thumbnails: dict[str, QPixmap | None] = {}  # None: no thumbnail can be made
        self._asked: set[str] = set()
        self._placeholders: dict[str, QPixmap] = {}
        thumbnail_hub().loaded.connect(self._loaded)

    def set_rows(self, rows: Sequence[PhotoRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if len(self._thumbnails) > CACHE_LIMIT:
            self._thumbnails.clear()
            self._asked.clear()
        self.endResetModel()

    def row_at(self, row: int) -> PhotoRow:
        return self._rows[row]

    def thumbnail(self, row: int) -> QPixmap | None:
        """The loaded thumbnail of a row, or None while loading or when there is none."""
        return self._thumbnails.get(self._rows[row].sha256)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            caption = row.caption or attachment(row)
            return (
                f"{row.taken_at:%Y-%m-%d}\n{caption}"
                if row.taken_at
                else tr("日期未知\n{caption}").format(caption=caption)
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            size = f"{row.width}×{row.height}" if row.width and row.height else ""
            parts = (row.caption or tr("（无说明）"), taken_text(row), attachment(row), size)
            return "\n".join(p for p in parts if p)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(row)
        if role == PhotoIdRole:
            return row.id
        if role == Sha256Role:
            return row.sha256
        if role == ThumbnailReadyRole:
            return self._thumbnails.get(row.sha256) is not None
        return None

    # --- thumbnails -------------------------------------------------------------------------------
    def _decoration(self, row: PhotoRow) -> QPixmap:
        if not row.available:
            return self._placeholder(tr("照片文件\n尚未同步到本机"))
        if row.sha256 in self._thumbnails:
            return self._thumbnails[row.sha256] or self._placeholder(tr("无法显示"))
        if row.sha256 not in self._asked:
            self._asked.add(row.sha256)
            thumbnail_hub().request(self.ledger, row.sha256, self.icon_edge)
        return self._placeholder(tr("正在载入…"))

    def _loaded(self, sha256: str, image: QImage) -> None:
        if sha256 not in self._asked:
            return  # asked for by another grid
        self._thumbnails[sha256] = None if image.isNull() else self._square(QPixmap.fromImage(image))
        for number, row in enumerate(self._rows):
            if row.sha256 == sha256:
                index = self.index(number)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, ThumbnailReadyRole])

    def _square(self, picture: QPixmap) -> QPixmap:
        """The picture centred on a transparent square, so captions line up whatever the orientation."""
        edge = self.icon_edge
        square = QPixmap(edge, edge)
        square.fill(Qt.GlobalColor.transparent)
        painter = QPainter(square)
        painter.drawPixmap((edge - picture.width()) // 2, (edge - picture.height()) // 2, picture)
        painter.end()
        return square

    def _placeholder(self, text: str) -> QPixmap:
        if text not in self._placeholders:
            edge = self.icon_edge
            card = QPixmap(edge, edge * 3 // 4)
            card.fill(QColor("#eceff1"))
            painter = QPainter(card)
            painter.setPen(QColor("#607d8b"))
            painter.drawText(QRect(0, 0, card.width(), card.height()), Qt.AlignmentFlag.AlignCenter, text)
            painter.end()
            self._placeholders[text] = self._square(card)
        return self._placeholders[text]
