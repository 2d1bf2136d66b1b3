"""同步: carry bundles between the village and the township on a USB stick.

Export for a trusted device to a removable drive or a folder, import any number of bundles (file picker
or drag and drop) with one result row each, trust the sender of a quarantined bundle after reading its
fingerprint over the phone, settle conflicting edits, and see how far every device has synced. Export
and import run on the worker thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.services.exchange.bundles import (
    ExportReport,
    ImportReport,
    Outcome,
    export_bundle,
    import_bundle,
    list_quarantine,
)
from desktop.services.exchange.conflicts import list_conflicts, resolve_conflict
from desktop.services.exchange.identity import TrustResult
from desktop.services.exchange.status import DeviceStatus, sync_status
from desktop.services.exchange.village_exports import VillageExport, export_for_every_village
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_info
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.jobs import Job, Progress
from desktop.ui.shell.page import Page
from desktop.ui.sync.drives import removable_drives
from desktop.ui.sync.tables import (
    CONFLICT_COLUMNS,
    QUARANTINE_COLUMNS,
    STATUS_COLUMNS,
    ImportResultModel,
    conflict_rows,
    quarantine_rows,
    result_rows,
    status_rows,
)
from desktop.ui.sync.trust_dialog import TrustDialog
from desktop.ui.widgets.record_table_model import RecordIdRole, RecordTableModel
from desktop.ui.widgets.tables import read_only_table

BUNDLE_SUFFIX = ".zcb"
BUNDLE_FILTER = tr_noop("同步包 (*.zcb);;所有文件 (*)")


class SyncPage(Page):
    title = tr_noop("同步")
    object_name = "syncPage"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAcceptDrops(True)
        self.last_export: ExportReport | None = None
        self.last_village_exports: list[VillageExport] = []
        self.last_reports: list[ImportReport] = []
        self.trust_dialog: TrustDialog | None = None
        self._folders: list[str] = []  # folders chosen this session, offered beside the drives
        self.tabs = QTabWidget()
        self.tabs.setObjectName("syncTabs")
        self.tabs.addTab(self._exchange_tab(), tr("导出与导入"))
        self.tabs.addTab(self._quarantine_tab(), tr("隔离区"))
        self.tabs.addTab(self._conflicts_tab(), tr("冲突"))
        self.tabs.addTab(self._status_tab(), tr("各设备同步状态"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    # --- public ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        ledger = self.ctx.ledger
        devices = sync_status(ledger)
        self._fill_peers([d for d in devices if not d.is_me])
        self.refresh_drives()
        quarantined = list_quarantine(ledger)
        self.quarantine.set_rows(quarantine_rows(quarantined))
        self.tabs.setTabText(
            1, tr("隔离区（{n}）").format(n=len(quarantined)) if quarantined else tr("隔离区")
        )
        conflicts = list_conflicts(ledger)
        self.conflicts.set_rows(conflict_rows(conflicts))
        self.tabs.setTabText(2, tr("冲突（{n}）").format(n=len(conflicts)) if conflicts else tr("冲突"))
        self.status.set_rows(status_rows(devices))
        for table in (self.quarantine_table, self.conflict_table):
            if table.model().rowCount() and not table.currentIndex().isValid():
                table.selectRow(0)  # the row a button acts on is always the one shown selected
        self.trust_button.setEnabled(bool(quarantined))
        for button in (self.keep_mine, self.keep_theirs):
            button.setEnabled(bool(conflicts))

    def refresh_drives(self) -> None:
        """List the removable drives now mounted, keeping the folders the user chose."""
        current = self.destination.currentData()
        self.destination.clear()
        for drive in removable_drives():
            self.destination.addItem(drive.label, str(drive.path))
        for folder in self._folders:
            self.destination.addItem(tr("文件夹 {folder}").format(folder=folder), folder)
        index = self.destination.findData(current)
        self.destination.setCurrentIndex(index if index >= 0 else 0)
        self._update_export_button()

    def set_destination(self, folder: Path) -> None:
        index = self.destination.findData(str(folder))
        if index < 0:
            self._folders.append(str(folder))
            self.destination.addItem(tr("文件夹 {folder}").format(folder=folder), str(folder))
            index = self.destination.count() - 1
        self.destination.setCurrentIndex(index)
        self._update_export_button()

    def export_bundle(self) -> Job | None:
        """Write a bundle for the chosen device into the chosen drive or folder, on the worker thread."""
        to, folder = self.peer.currentData(), self.destination.currentData()
        if not to or not folder:
            return None
        ledger, full = self.ctx.ledger, self.full_export.isChecked()

        def work(progress: Progress) -> ExportReport:
            return export_bundle(ledger, to, Path(folder), full=full, progress=progress)

        return self.ctx.run(self, tr("正在导出同步包…"), work, self._exported)

    def export_every_village(self) -> Job | None:
        """Township: one bundle for every trusted village device into the chosen drive or folder."""
        folder = self.destination.currentData()
        if not folder:
            return None
        ledger, full = self.ctx.ledger, self.full_export.isChecked()

        def work(progress: Progress) -> list[VillageExport]:
            return export_for_every_village(ledger, Path(folder), full=full, progress=progress)

        return self.ctx.run(self, tr("正在为各村导出同步包…"), work, self._exported_every_village)

    def import_files(self, paths: list[Path]) -> Job | None:
        """Import bundles one after another on the worker thread; one result row each."""
        if not paths:
            return None
        ledger, dry_run = self.ctx.ledger, self.dry_run.isChecked()

        def work(progress: Progress) -> list[ImportReport]:
            reports = []
            for done, path in enumerate(paths):
                if not progress(done, len(paths)):
                    break
                try:
                    reports.append(import_bundle(ledger, path, dry_run=dry_run))
                except UserError as error:  # disk full, unreadable stick: this file only
                    reports.append(ImportReport(path, Outcome.REJECTED, error.message))
            progress(len(paths), len(paths))
            return reports

        return self.ctx.run(
            self,
            tr("正在导入 {n} 个同步包…").format(n=len(paths)),
            work,
            lambda r: self._imported(r, dry_run),
        )

    def open_trust_dialog(self) -> TrustDialog | None:
        """Trust the sender of the selected quarantined bundle, after its fingerprint is confirmed."""
        row = self._selected(self.quarantine_table, self.quarantine)
        if row is None:
            return None
        self.trust_dialog = TrustDialog(
            self.ctx,
            self,
            expected=row["fingerprint"],
            expected_sender=row["sender"],
            on_trusted=self._trusted,
        )
        self.trust_dialog.open()
        return self.trust_dialog

    def resolve_selected(self, keep: str) -> bool:
        row = self._selected(self.conflict_table, self.conflicts)
        if row is None:
            return False
        return self.ctx.write(self, lambda: resolve_conflict(self.ctx.ledger, row["id"], keep)) is not None

    # --- the tabs ----------------------------------------------------------------------------------
    def _exchange_tab(self) -> QWidget:
        self.peer = QComboBox()
        self.peer.setObjectName("exportPeer")
        self.peer.currentIndexChanged.connect(self._update_export_button)
        self.peer.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.peer.setMinimumContentsLength(30)
        self.destination = QComboBox()
        self.destination.setObjectName("exportDestination")
        self.destination.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.destination.setMinimumContentsLength(30)
        self.destination.setPlaceholderText(tr("没有找到 U 盘：请插入 U 盘后点“刷新 U 盘”，或选择一个文件夹"))
        for combo in (self.peer, self.destination):  # a long device name or placeholder is cut, not the page
            combo.setMinimumWidth(combo.fontMetrics().averageCharWidth() * 30)
        choose = QPushButton(tr("选择文件夹…"))
        choose.clicked.connect(self._choose_folder)
        rescan = QPushButton(tr("刷新 U 盘"))
        rescan.clicked.connect(self.refresh_drives)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(choose)
        where.addWidget(rescan)
        self.full_export = QCheckBox(tr("全部重新导出（U 盘丢失、对方缺少操作时使用）"))
        self.export_button = QPushButton(tr("导出同步包"))
        self.export_button.setObjectName("exportBundle")
        self.export_button.clicked.connect(self.export_bundle)
        self.export_all_button = QPushButton(tr("给每个村的设备各导出一个"))
        self.export_all_button.setObjectName("exportEveryVillage")
        self.export_all_button.setToolTip(
            tr("乡镇：为每台已信任的村设备各写一个同步包，放在“保存到”的文件夹里")
        )
        self.export_all_button.clicked.connect(self.export_every_village)
        self.export_all_button.setVisible(self.ctx.is_township)
        self.export_note = QLabel()
        self.export_note.setObjectName("exportNote")
        self.export_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("发给："), self.peer)
        form.addRow(tr("保存到："), where)
        form.addRow("", self.full_export)
        send_row = QHBoxLayout()
        send_row.addWidget(self.export_button)
        send_row.addWidget(self.export_all_button)
        send_row.addWidget(self.export_note, 1)
        export_box = QGroupBox(tr("导出同步包（带去乡镇或带回村里）"))
        export_layout = QVBoxLayout(export_box)
        export_layout.addLayout(form)
        export_layout.addLayout(send_row)

        pick = QPushButton(tr("选择同步包…"))
        pick.setObjectName("importBundles")
        pick.clicked.connect(self._choose_files)
        self.dry_run = QCheckBox(tr("试运行：只列出会改动什么，不写入"))
        hint = QLabel(tr("可一次选择多个，也可以把 .zcb 文件直接拖到本页。"))
        hint.setWordWrap(True)
        pick_row = QHBoxLayout()
        pick_row.addWidget(pick)
        pick_row.addWidget(self.dry_run)
        pick_row.addSpacing(16)
        pick_row.addWidget(hint, 1)
        self.results = ImportResultModel(self)
        self.results_table = _table(self.results, "importResults")
        self.results_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.results_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.results_table.selectionModel().currentRowChanged.connect(self._show_details)
        self.details = QPlainTextEdit()
        self.details.setObjectName("importDetails")
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(tr("选中一行查看详情（缺少的操作、警告、试运行列出的改动）"))
        self.details.setMaximumHeight(110)
        import_box = QGroupBox(tr("导入同步包"))
        import_layout = QVBoxLayout(import_box)
        import_layout.addLayout(pick_row)
        import_layout.addWidget(self.results_table, 1)
        import_layout.addWidget(self.details)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(export_box)
        layout.addWidget(import_box, 1)
        return tab

    def _quarantine_tab(self) -> QWidget:
        note = QLabel(
            tr(
                "这些同步包来自还没有被信任的设备，没有导入。请向对方要它的身份卡（.zcid），"
                "打电话核对指纹后信任它，它的同步包随即导入。"
            )
        )
        note.setWordWrap(True)
        self.quarantine = RecordTableModel(QUARANTINE_COLUMNS, parent=self)
        self.quarantine_table = _table(self.quarantine, "quarantineTable")
        self.trust_button = QPushButton(tr("核对指纹并信任发送设备…"))
        self.trust_button.setObjectName("trustQuarantined")
        self.trust_button.clicked.connect(self.open_trust_dialog)
        return _tab(note, self.quarantine_table, _buttons(self.trust_button))

    def _conflicts_tab(self) -> QWidget:
        note = QLabel(
            tr(
                "两台设备同时改了同一项时，本机先按统一规则取了一个值（“本机现在的值”），另一个值保留在这里。"
                "请核实后选择保留哪一个；选择会随下一个同步包传到其他设备。"
            )
        )
        note.setWordWrap(True)
        self.conflicts = RecordTableModel(CONFLICT_COLUMNS, parent=self)
        self.conflict_table = _table(self.conflicts, "conflictTable")
        self.conflict_table.activated.connect(self._open_conflict_household)
        self.keep_mine = QPushButton(tr("保留本机现在的值"))
        self.keep_mine.clicked.connect(lambda: self.resolve_selected("mine"))
        self.keep_theirs = QPushButton(tr("改用另一台设备的值"))
        self.keep_theirs.clicked.connect(lambda: self.resolve_selected("theirs"))
        return _tab(note, self.conflict_table, _buttons(self.keep_mine, self.keep_theirs))

    def _status_tab(self) -> QWidget:
        note = QLabel(
            tr(
                "每台设备：最近一次收到和发出同步包的时间，本机已完整收到它的第几条操作，以及缺少哪些"
                "（缺少时请对方勾选“全部重新导出”再导出一次）。"
            )
        )
        note.setWordWrap(True)
        self.status = RecordTableModel(STATUS_COLUMNS, parent=self)
        self.status_table = _table(self.status, "deviceStatusTable")
        self.status_table.setWordWrap(True)
        return _tab(note, self.status_table)

    # --- reactions ---------------------------------------------------------------------------------
    def _fill_peers(self, devices: list[DeviceStatus]) -> None:
        current = self.peer.currentData()
        self.peer.clear()
        for device in devices:
            if device.trusted_via != "未信任" and device.revoked_after_seq is None:
                self.peer.addItem(
                    tr("{name}　指纹 {fingerprint}").format(name=device.name, fingerprint=device.fingerprint),
                    device.fingerprint,
                )
        if self.peer.count() == 0:
            self.peer.addItem(tr("还没有信任的设备：先在“设置”页信任对方的身份卡"), None)
        index = self.peer.findData(current)
        self.peer.setCurrentIndex(max(index, 0))

    def _update_export_button(self) -> None:
        ready = bool(self.peer.currentData()) and bool(self.destination.currentData())
        self.export_button.setEnabled(ready)
        self.export_all_button.setEnabled(bool(self.destination.currentData()))

    def _exported(self, report: ExportReport) -> None:
        self.last_export = report
        missing = (
            tr("；{missing_blobs} 张照片本机没有文件，未能带上").format(missing_blobs=report.missing_blobs)
            if report.missing_blobs
            else ""
        )
        self.export_note.setText(
            tr("已导出 {file}（{size}）给 {recipient}：操作 {ops} 条，照片 {blobs} 张{missing}。").format(
                file=report.path.name,
                size=_size(report.size),
                recipient=report.recipient,
                ops=report.ops,
                blobs=report.blobs,
                missing=missing,
            )
        )
        self.export_note.setToolTip(str(report.path))

    def _exported_every_village(self, results: list[VillageExport]) -> None:
        self.last_village_exports = results
        lines = []
        for result in results:
            if result.report is None:
                lines.append(
                    tr("{device}：未导出，{problem}").format(device=result.recipient, problem=result.problem)
                )
            else:
                lines.append(
                    tr("{device}：{file}（{size}，操作 {ops} 条）").format(
                        device=result.recipient,
                        file=f"{result.report.path.parent.name}/{result.report.path.name}",
                        size=_size(result.report.size),
                        ops=result.report.ops,
                    )
                )
        written = sum(1 for r in results if r.report is not None)
        heading = tr("已为 {written} 台村设备导出同步包（共 {total} 台）：").format(
            written=written, total=len(results)
        )
        self.export_note.setText("\n".join([heading, *lines]))
        self.export_note.setToolTip("")

    def _imported(self, reports: list[ImportReport], dry_run: bool) -> None:
        self.last_reports = reports
        self.results.set_rows(result_rows(reports, dry_run=dry_run))
        self.tabs.setCurrentIndex(0)
        if reports:
            self.results_table.selectRow(0)

    def _trusted(self, result: TrustResult, reports: list[ImportReport]) -> None:
        if reports:
            self._imported(reports, False)
        released = tr("，隔离区中它的 {n} 个同步包已处理").format(n=len(reports)) if reports else ""
        show_info(
            self,
            tr("已信任 {place} 的设备{released}。").format(
                place=result.peer.village_name or result.peer.township_name or "", released=released
            ),
        )

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.details.setPlainText(self.results.row_at(current.row())["details"] if current.isValid() else "")

    def _open_conflict_household(self) -> None:
        row = self._selected(self.conflict_table, self.conflicts)
        if row is not None and row.get("household_id"):
            self.household_requested.emit(row["household_id"])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("选择保存同步包的文件夹"))
        if folder:
            self.set_destination(Path(folder))

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, tr("选择同步包"), "", tr_marked(BUNDLE_FILTER))
        self.import_files([Path(f) for f in files])

    def _selected(self, table: QTableView, model: RecordTableModel) -> dict[str, Any] | None:
        index = table.currentIndex()
        return model.row_at(index.row()) if index.isValid() and index.data(RecordIdRole) else None

    # --- drag and drop -----------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_bundles(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _dropped_bundles(event)
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)


def _dropped_bundles(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [f for f in files if f.suffix.lower() == BUNDLE_SUFFIX]


def _table(model: RecordTableModel, name: str) -> QTableView:
    table = read_only_table(model, name, stretch_last=True)
    # the user may widen a column (a long reason): sized to the contents at each reload, not fixed
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    model.modelReset.connect(lambda: table.resizeColumnsToContents())
    return table


def _tab(*parts: QWidget | QHBoxLayout) -> QWidget:
    tab = QWidget()
    layout = QVBoxLayout(tab)
    for part in parts:
        if isinstance(part, QWidget):
            layout.addWidget(part, 1 if isinstance(part, QTableView) else 0)
        else:
            layout.addLayout(part)
    return tab


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size, 1) / 1024:.0f} KB"
