"""照片: a household's photos as thumbnails, filtered by checklist dimension; photos added by dropping
files (or a folder) on the grid or with the file picker, on a worker thread, with a result per file;
caption and time taken corrected beside the grid; each photo opened at full size."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Dimension
from desktop.domain.errors import InvalidInput, UserError
from desktop.services.photos import (
    PhotoResult,
    PhotoStatus,
    add_photos,
    photo_bytes,
    photos_of,
    save_photo_copy,
)
from desktop.ui.photos.details import PhotoDetails
from desktop.ui.photos.grid_model import PhotoGridModel, attachment, taken_text
from desktop.ui.photos.grid_view import PhotoGridView
from desktop.ui.photos.viewer import PhotoViewer
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.jobs import Job, Progress
from desktop.ui.shell.page import Page
from desktop.ui.widgets.household_picker import HouseholdPicker

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")
FAILED = QColor("#c62828")
DUPLICATE = QColor("#6d4c41")
MARKS = {PhotoStatus.STORED: "✓", PhotoStatus.DUPLICATE: "＝", PhotoStatus.FAILED: "✗"}


class PhotosPage(Page):
    watches = frozenset({"photo", "visit", "household", "member", "work_log", "village"})
    title = tr_noop("照片")
    object_name = "photosPage"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.photo_job: Job | None = None
        self.viewer: PhotoViewer | None = None
        self.picker = HouseholdPicker(ctx)
        self.picker.chosen.connect(self._household_chosen)
        self.dimension = QComboBox()
        self.dimension.setObjectName("photoDimension")
        self.dimension.addItem(tr("全部照片"), None)
        for dimension in Dimension:
            self.dimension.addItem(tr_marked(dimension.value), dimension.value)
        self.dimension.setToolTip(tr("只看这一项的佐证照片；新照片也归入这一项"))
        self.dimension.currentIndexChanged.connect(self._filter_changed)
        self.add_button = QPushButton(tr("添加照片…"))
        self.add_button.setObjectName("addPhotos")
        self.add_button.clicked.connect(self._pick_files)
        self.count_label = QLabel()
        self.target_label = QLabel()
        self.target_label.setObjectName("photoTarget")

        self.model = PhotoGridModel(ctx.ledger, self)
        self.grid = PhotoGridView()
        self.grid.setModel(self.model)
        self.grid.files_dropped.connect(self.add_files)
        self.grid.activated.connect(lambda _index: self.open_selected())
        self.grid.selectionModel().currentChanged.connect(self._show_current)
        self.model.dataChanged.connect(self._thumbnail_arrived)
        self.details = PhotoDetails(ctx)
        self.details.open_requested.connect(self.open_selected)
        self.results = QListWidget()
        self.results.setObjectName("photoResults")
        self.results.setWordWrap(True)
        self.results_label = QLabel(tr("把照片文件（或文件夹）拖到左侧，或点“添加照片…”"))
        self.results_label.setWordWrap(True)
        self._build()
        self._household_chosen("")

    # --- public ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        household_id = self.picker.household_id()
        current = self._current_photo_id()
        rows = []
        if household_id:
            try:
                rows = photos_of(self.ctx.ledger, household_id, dimension=self.dimension.currentData())
            except UserError as error:  # the household was archived or moved away meanwhile
                self.picker.clear_choice()
                show_error(self, error)
        self.model.set_rows(rows)
        self.count_label.setText(tr("共 {n} 张").format(n=len(rows)) if household_id else "")
        self.select_photo(current)

    def show_household(self, household_id: str, label: str) -> None:
        """Open the page on a household (from elsewhere in the window)."""
        self.picker.set_household(household_id, label)

    def select_photo(self, photo_id: str | None) -> bool:
        for number in range(self.model.rowCount()):
            if self.model.row_at(number).id == photo_id:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
                self.grid.selectionModel().setCurrentIndex(self.model.index(number), flags)
                return True
        self.details.show_photo(None, None)
        return False

    def add_files(self, paths: Sequence[Path]) -> Job | None:
        """Add photo files (folders: the photos in them) to the chosen household on a worker thread."""
        household_id = self.picker.household_id()
        if not household_id:
            show_error(
                self, InvalidInput(tr("请先在上方选择农户：输入姓名、拼音首字母或户编号，再从列表中选择"))
            )
            return None
        files = _expand(paths)
        if not files:
            show_error(self, InvalidInput(tr("没有找到照片文件（JPEG、PNG）")))
            return None
        ledger, dimension = self.ctx.ledger, self.dimension.currentData()

        def work(progress: Progress) -> list[PhotoResult]:
            return add_photos(
                ledger, household_id, files, dimension=dimension,
                progress=lambda done, total, _result: progress(done, total),
            )  # fmt: skip

        self.photo_job = self.ctx.run(
            self, tr("正在添加 {n} 张照片…").format(n=len(files)), work, self._added
        )
        return self.photo_job

    def open_selected(self) -> PhotoViewer | None:
        row = self.details.row
        try:  # bytes: in an encrypted data folder the stored file is ciphertext
            data = photo_bytes(self.ctx.ledger, row.sha256) if row and row.sha256 else None
        except (OSError, UserError) as error:
            show_error(self, error)
            return None
        if row is None or data is None:
            return None
        title = f"{self.picker.text()}　{row.caption or attachment(row)}"
        ledger, sha = self.ctx.ledger, row.sha256
        self.viewer = PhotoViewer(
            data, title, f"{taken_text(row)}　{attachment(row)}", self,
            save_copy=lambda target: save_photo_copy(ledger, sha, target),
            file_name=f"{self.picker.text()} {row.caption or attachment(row)}.jpg".replace("　", " "),
        )  # fmt: skip
        self.viewer.show()
        return self.viewer

    # --- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("农户", "one household, chosen in a form")))
        bar.addWidget(self.picker, 2)
        bar.addSpacing(8)
        bar.addWidget(QLabel(tr("核查项")))
        bar.addWidget(self.dimension)
        bar.addSpacing(8)
        bar.addWidget(self.add_button)
        bar.addWidget(self.count_label, 1)
        left = QVBoxLayout()
        left.addLayout(bar)
        left.addWidget(self.target_label)
        left.addWidget(self.grid, 1)
        added = QGroupBox(tr("添加结果"))
        inner = QVBoxLayout(added)
        inner.addWidget(self.results_label)
        inner.addWidget(self.results, 1)
        right = QVBoxLayout()
        right.addWidget(self.details)
        right.addWidget(added, 1)
        side = QWidget()
        side.setLayout(right)
        side.setFixedWidth(340)
        right.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(side)

    # --- reacting ----------------------------------------------------------------------------------
    def _household_chosen(self, household_id: str) -> None:
        self.add_button.setEnabled(bool(household_id))
        self._update_target()
        if household_id:
            self.grid.set_empty_text(tr("这一户还没有照片。\n把照片文件拖到这里，或点“添加照片…”"))
        else:
            self.grid.set_empty_text(tr("先在上方选择农户：输入姓名、拼音首字母或户编号"))
        self.refresh()

    def _filter_changed(self) -> None:
        self._update_target()
        self.refresh()

    def _update_target(self) -> None:
        if not self.picker.household_id():
            self.target_label.setText(tr("选择农户后，可查看、添加和修改这一户的照片。"))
            return
        where = self.dimension.currentData()
        into = tr("，归入“{where}”的佐证照片").format(where=tr_marked(where)) if where else ""
        self.target_label.setText(
            tr("新照片将添加到：{household}{into}").format(household=self.picker.text(), into=into)
        )

    def _show_current(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.details.show_photo(None, None)
            return
        self.details.show_photo(self.model.row_at(current.row()), self.model.thumbnail(current.row()))

    def _thumbnail_arrived(self, first: QModelIndex, last: QModelIndex) -> None:
        current = self.grid.currentIndex()
        if current.isValid() and first.row() <= current.row() <= last.row():
            self._show_current(current)

    def _current_photo_id(self) -> str | None:
        current = self.grid.currentIndex()
        return self.model.row_at(current.row()).id if current.isValid() else None

    def _pick_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            tr("选择照片"),
            str(Path.home()),
            tr("照片 (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG);;所有文件 (*)"),
        )
        if files:
            self.add_files([Path(f) for f in files])

    def _added(self, results: list[PhotoResult]) -> None:
        self.results.clear()
        for result in results:
            item = QListWidgetItem(f"{MARKS[result.status]} {result.file.name}：{_short(result)}")
            item.setToolTip(result.message)
            if result.status == PhotoStatus.FAILED:
                item.setForeground(QBrush(FAILED))
            elif result.status == PhotoStatus.DUPLICATE:
                item.setForeground(QBrush(DUPLICATE))
            self.results.addItem(item)
        counts = {status: sum(1 for r in results if r.status == status) for status in PhotoStatus}
        self.results_label.setText(
            tr("已处理 {n} 个文件：添加 {stored} 张，已有 {duplicate} 张，失败 {failed} 个").format(
                n=len(results),
                stored=counts[PhotoStatus.STORED],
                duplicate=counts[PhotoStatus.DUPLICATE],
                failed=counts[PhotoStatus.FAILED],
            )
        )
        first = next((r.photo_id for r in results if r.status == PhotoStatus.STORED), None)
        if first:
            self.select_photo(first)


def _expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given (a bad one gets its own message from the service); a folder: its photos."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in PHOTO_SUFFIXES)
        else:
            files.append(path)
    return files


def _short(result: PhotoResult) -> str:
    """What happened to a file, without its path (shown already) or the new record's id."""
    if result.status == PhotoStatus.FAILED:
        return result.message.removeprefix(f"{result.file}：")
    details = [f"{result.width}×{result.height}"] if result.width and result.height else []
    if result.taken_at is not None:
        details.append(tr("拍摄于 {taken_at:%Y-%m-%d %H:%M}").format(taken_at=result.taken_at))
    if result.has_place:
        details.append(tr("含拍摄位置"))
    done = tr("已添加") if result.status == PhotoStatus.STORED else tr("这一户已有这张照片，未重复添加")
    return f"{done}（{'，'.join(details)}）" if details else done
