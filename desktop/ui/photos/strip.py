"""The 照片 tab of a household window: the household's photos as thumbnails (loaded off the GUI thread,
from decrypted bytes in an encrypted data folder); a double-click opens one at full size, and a button
opens the 照片 page to add or correct photos."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.domain.errors import UserError
from desktop.services.photos import photo_bytes, photos_of, save_photo_copy
from desktop.ui.photos.grid_model import PhotoGridModel, attachment, taken_text
from desktop.ui.photos.grid_view import PhotoGridView
from desktop.ui.photos.viewer import PhotoViewer
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error
from desktop.ui.shell.i18n import tr


class HouseholdPhotos(QWidget):
    page_requested = Signal()  # open the 照片 page on this household

    def __init__(self, ctx: UiContext, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdPhotos")
        self.ctx = ctx
        self.household_id = household_id
        self.label = ""  # the household as a title reads it: 户编号 and head
        self.viewer: PhotoViewer | None = None
        self.model = PhotoGridModel(ctx.ledger, self)
        self.grid = PhotoGridView()
        self.grid.setObjectName("householdPhotoGrid")
        self.grid.setAcceptDrops(False)  # photos are added on the 照片 page, with a dimension to file them
        self.grid.setModel(self.model)
        self.grid.activated.connect(self.open_photo)
        self.grid.set_empty_text(tr("这一户还没有照片"))
        self.count = QLabel()
        self.count.setWordWrap(True)
        show_page = QPushButton(tr("在“照片”页查看和添加这户的照片"))
        show_page.setObjectName("showPhotos")
        show_page.clicked.connect(self.page_requested.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.grid, 1)
        layout.addWidget(show_page)

    def refresh(self, label: str = "") -> None:
        self.label = label or self.label
        try:
            rows = photos_of(self.ctx.ledger, self.household_id)
        except UserError:  # archived or moved away meanwhile: the window says so elsewhere
            rows = []
        self.model.set_rows(rows)
        self.count.setText(
            tr("共 {n} 张照片（危房改造前后、孩子返校等佐证）。双击查看原图。").format(n=len(rows))
            if rows
            else tr("照片（危房改造前后、孩子返校等佐证）在“照片”页添加，可按核查项归类。")
        )

    def open_photo(self, index: QModelIndex) -> PhotoViewer | None:
        if not index.isValid():
            return None
        row = self.model.row_at(index.row())
        try:
            data = photo_bytes(self.ctx.ledger, row.sha256) if row.available else None
        except (OSError, UserError) as error:
            show_error(self, error)
            return None
        if data is None:
            return None
        ledger, sha, what = self.ctx.ledger, row.sha256, row.caption or attachment(row)
        self.viewer = PhotoViewer(
            data,
            f"{self.label}　{what}",
            f"{taken_text(row)}　{attachment(row)}",
            self,
            save_copy=lambda target: save_photo_copy(ledger, sha, target),
            file_name=f"{self.label} {what}.jpg".replace("　", " ").strip(),
        )
        self.viewer.show()
        return self.viewer
