"""The chosen photo beside the grid: larger, with its caption and time taken to correct (undoable) and
a button to see it at full size."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.photos import PhotoRow, edit_photo
from desktop.ui.photos.grid_model import attachment
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.i18n import tr
from desktop.ui.widgets.dates import py_datetime

PREVIEW = QSize(240, 180)
UNKNOWN = QDateTime(QDate(1990, 1, 1), QTime(0, 0))  # the editor's minimum reads 未知


class PhotoDetails(QGroupBox):
    open_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("照片信息"), parent)
        self.setObjectName("photoDetails")
        self.ctx = ctx
        self.row: PhotoRow | None = None
        self.preview = QLabel()
        self.preview.setObjectName("photoPreview")
        self.preview.setFixedSize(PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)  # the text shown instead of a picture stays inside the box
        self.preview.setStyleSheet("background: #eceff1;")
        self.about = QLabel()
        self.about.setObjectName("photoAbout")
        self.about.setWordWrap(True)
        self.caption = QLineEdit()
        self.caption.setObjectName("photoCaption")
        self.caption.setPlaceholderText(tr("例如：危房改造后的正房"))
        self.caption.returnPressed.connect(self.save)
        self.taken = QDateTimeEdit()
        self.taken.setObjectName("photoTakenAt")
        self.taken.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.taken.setCalendarPopup(True)
        self.taken.setMinimumDateTime(UNKNOWN)
        self.taken.setSpecialValueText(tr("未知"))
        self.save_button = QPushButton(tr("保存修改"))
        self.save_button.setObjectName("savePhoto")
        self.save_button.setToolTip(tr("保存说明和拍摄时间（Ctrl+Z 可撤销）"))
        self.save_button.clicked.connect(self.save)
        self.open_button = QPushButton(tr("查看原图"))
        self.open_button.setObjectName("openPhoto")
        self.open_button.clicked.connect(self.open_requested.emit)
        form = QFormLayout()
        form.addRow(tr("说明", "a photo's caption"), self.caption)
        form.addRow(tr("拍摄时间"), self.taken)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.about)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.show_photo(None, None)

    def show_photo(self, row: PhotoRow | None, thumbnail: QPixmap | None) -> None:
        self.row = row
        for widget in (self.caption, self.taken, self.save_button, self.open_button):
            widget.setEnabled(row is not None)
        self.open_button.setEnabled(row is not None and row.available)
        self.caption.setText((row.caption or "") if row else "")
        self.taken.setMaximumDateTime(QDateTime(_qdate(self.ctx.ledger.today()), QTime(23, 59)))
        self.taken.setDateTime(QDateTime(row.taken_at) if row and row.taken_at else UNKNOWN)
        self.preview.setPixmap(QPixmap())
        if row is None:
            self.preview.setText(tr("在左侧选择一张照片"))
            self.about.setText("")
            return
        if thumbnail is not None:
            self.preview.setPixmap(
                thumbnail.scaled(
                    PREVIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            self.preview.setText(tr("正在载入…") if row.available else tr("照片文件尚未同步到本机"))
        size = f"{row.width}×{row.height}" if row.width and row.height else ""
        place = tr("含拍摄位置") if row.gps_lat is not None else ""
        self.about.setText("　".join(p for p in (attachment(row), size, place) if p))

    def save(self) -> bool:
        """Save a changed caption or time taken; False when nothing changed or the change was refused."""
        row = self.row
        if row is None:
            return False
        caption = self.caption.text().strip()
        new_caption = caption if caption != (row.caption or "") else None
        chosen = self.taken.dateTime()
        taken = None if chosen == UNKNOWN else py_datetime(chosen)
        new_taken = taken if taken is not None and taken != row.taken_at else None
        if new_caption is None and new_taken is None:
            return False
        ledger, photo_id = self.ctx.ledger, row.id

        def do() -> object:
            return edit_photo(ledger, photo_id, caption=new_caption, taken_at=new_taken)

        if new_taken is not None and row.taken_at is None:
            # an unknown time cannot be written back as unknown: this edit is not undoable
            return self.ctx.write(self, do) is not None
        old_caption = (row.caption or "") if new_caption is not None else None
        old_taken = row.taken_at if new_taken is not None else None
        return self.ctx.edit(
            self,
            tr("修改照片：{photo}").format(photo=caption or attachment(row)),
            do,
            lambda: edit_photo(ledger, photo_id, caption=old_caption, taken_at=old_taken),
        )


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
