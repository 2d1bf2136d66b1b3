"""设置: the village profile, this device's identity card and fingerprint, the devices it trusts, backups,
the interface language and 政策标准 (figures the township sets, with their sources)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import InvalidInput
from desktop.domain.fields import label
from desktop.services.exchange.bundles import ImportReport
from desktop.services.exchange.devices import revoke_device
from desktop.services.exchange.identity import TrustResult, export_card, my_identity
from desktop.services.exchange.status import sync_status
from desktop.services.maintenance.backups import RestoreResult, backup_ledger, backup_note, restore_ledger
from desktop.services.preferences import LANGUAGE, get_preference, set_preference
from desktop.services.village.profile import edit_village_profile, village_profile
from desktop.ui.security.panel import SecurityPanel
from desktop.ui.settings.policy_box import PolicySettingsBox
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import confirm, show_error, show_info
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.jobs import Job, Progress
from desktop.ui.shell.page import Page
from desktop.ui.sync.trust_dialog import TrustDialog, fingerprint_font
from desktop.ui.widgets.record_table_model import Column, RecordIdRole, RecordTableModel
from desktop.ui.widgets.tables import read_only_table

TEXT_FIELDS = ("name", "province", "city", "county", "township")
LIST_FIELDS = ("groups", "natural_villages")
WEST_CHOICES = (
    (tr_noop("未填"), None),
    (tr_noop("是（贫困发生率标准 3%）"), True),
    (tr_noop("否（中部，标准 2%）"), False),
)
PEER_COLUMNS = (
    Column("name", tr_noop("设备")),
    Column("fingerprint", tr_noop("指纹")),
    Column("trust", tr_noop("信任方式")),
    Column("state", tr_noop("状态")),
)
BACKUP_FILTER = tr_noop("驻村台账备份 (*.sqlite3);;所有文件 (*)")
LANGUAGE_NOTE = tr_noop("界面语言在下次启动驻村台账时生效。")


class SettingsPage(Page):
    title = tr_noop("设置")
    object_name = "settingsPage"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.trust_dialog: TrustDialog | None = None
        self.last_backup: Path | None = None
        self._profile: dict[str, Any] = {}
        self._profile_readonly = True
        left = QVBoxLayout()
        left.addWidget(self._identity_box())
        left.addWidget(self._peers_box(), 1)
        self.security = SecurityPanel(ctx)  # 用户与安全: encryption, users, passphrases, the idle lock
        left.addWidget(self.security)
        right = QVBoxLayout()
        right.addWidget(self._profile_box())
        right.addWidget(self._backup_box())
        right.addWidget(self._language_box())
        self.policy = PolicySettingsBox(ctx)  # 政策标准: figures the township sets, with their sources
        right.addWidget(self.policy)
        right.addStretch(1)
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # --- public ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        ledger = self.ctx.ledger
        me = my_identity(ledger)
        self.fingerprint.setText(me.fingerprint)
        role = tr("乡镇设备") if me.role == "township" else tr("村设备")
        place = me.village_name or me.township_name or ""
        self.identity_text.setText(
            tr("{role}　{place}\n使用人：{user}\n设备编号：{device}").format(
                role=role, place=place, user=me.user or tr("未署名"), device=me.device_id
            )
        )
        self.peers.set_rows(
            [
                {
                    "id": d.device_id,
                    "name": d.name,
                    "fingerprint": d.fingerprint,
                    "trust": d.trusted_via,
                    "state": tr("已吊销") if d.revoked_after_seq is not None else tr("有效"),
                }
                for d in sync_status(ledger)
                if not d.is_me and d.trusted_via != "未信任"
            ]
        )
        self.revoke_button.setVisible(self.ctx.is_township)
        self.revoke_button.setEnabled(self.peers.rowCount() > 0)
        self._fill_profile()
        self._show_backups()
        index = self.language.findData(get_preference(ledger, LANGUAGE))
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(index, 0))
        self.language.blockSignals(False)

    def export_card_to(self, folder: Path) -> bool:
        identity = self.ctx.write(self, lambda: export_card(self.ctx.ledger, folder))
        if identity is None:
            return False
        show_info(
            self,
            tr("身份卡已保存到 {folder}。请把它交给对方，并在电话中读出本机指纹：{fingerprint}").format(
                folder=folder, fingerprint=identity.fingerprint
            ),
        )
        return True

    def open_trust_dialog(self) -> TrustDialog:
        self.trust_dialog = TrustDialog(self.ctx, self, on_trusted=self._trusted)
        self.trust_dialog.open()
        return self.trust_dialog

    def save_profile(self) -> bool:
        """Save the changed profile fields as one undoable edit (saved as you go: on Enter or on
        leaving a field). A refused value is explained and the field shows the saved value again."""
        if self._profile_readonly:
            return False
        try:
            new = self._profile_values()
        except InvalidInput as error:
            self._show_profile(self._profile)  # before the dialog takes the focus, which ends the edit again
            show_error(self, error)
            return False
        changes = {f: v for f, v in new.items() if v != self._profile.get(f)}
        if not changes:
            return False
        old = {f: self._profile.get(f) for f in changes}
        village_id, ledger = self.ctx.village_id, self.ctx.ledger
        saved = self.ctx.edit(
            self,
            tr("修改村基本信息"),
            lambda: edit_village_profile(ledger, changes, village_id=village_id),
            lambda: edit_village_profile(ledger, old, village_id=village_id),
        )
        if not saved:
            self._show_profile(self._profile)
        return saved

    def backup_now(self) -> Job:
        ledger = self.ctx.ledger

        def work(_progress: Progress) -> Path:
            return backup_ledger(ledger)

        return self.ctx.run(self, tr("正在备份台账…"), work, self._backed_up)

    def restore_from(self, source: Path) -> Job | None:
        """Replace the ledger with a backup (the current one is backed up first), after a confirmation."""
        if not confirm(
            self,
            tr(
                "用备份 {name} 替换现在的台账？\n现在的台账会先另存一份备份，恢复后可以再恢复回来。\n恢复后，撤销记录会清空。"
            ).format(name=source.name),
        ):
            return None
        ledger = self.ctx.ledger

        def work(_progress: Progress) -> RestoreResult:
            return restore_ledger(ledger, source)  # reconnects to the restored file

        job = self.ctx.run(self, tr("正在从备份恢复…"), work, self._restored)
        job.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        return job

    def revoke_selected(self, reason: str) -> bool:
        index = self.peer_table.currentIndex()
        device_id = index.data(RecordIdRole) if index.isValid() else None
        if not device_id:
            return False
        row = self.peers.row_at(index.row())
        if not confirm(
            self, tr("吊销 {device}？此后它签名的同步包一律拒绝，这一步不能撤销。").format(device=row["name"])
        ):
            return False
        return self.ctx.write(self, lambda: revoke_device(self.ctx.ledger, device_id, reason)) is not None

    # --- the boxes ---------------------------------------------------------------------------------
    def _identity_box(self) -> QGroupBox:
        box = QGroupBox(tr("本机身份"))
        self.identity_text = QLabel()
        self.identity_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identity_text.setWordWrap(True)
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("myFingerprint")
        self.fingerprint.setFont(fingerprint_font(self.font(), 2.0))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setWordWrap(True)  # with a large system font: breaks between groups of four
        note = QLabel(tr("对方信任本机前，请在电话中读出上面的指纹，由对方核对。"))
        note.setWordWrap(True)
        export = QPushButton(tr("导出身份卡…"))
        export.setObjectName("exportCard")
        export.clicked.connect(self._choose_card_folder)
        layout = QVBoxLayout(box)
        layout.addWidget(self.identity_text)
        layout.addWidget(QLabel(tr("本机指纹：")))
        layout.addWidget(self.fingerprint)
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(export)
        layout.addLayout(bottom)
        return box

    def _peers_box(self) -> QGroupBox:
        box = QGroupBox(tr("已信任的设备"))
        self.peers = RecordTableModel(PEER_COLUMNS, parent=self)
        self.peer_table = read_only_table(self.peers, "trustedPeers", stretch=0)
        self.peer_table.setMinimumHeight(120)
        trust = QPushButton(tr("信任身份卡…"))
        trust.setObjectName("trustCard")
        trust.clicked.connect(self.open_trust_dialog)
        self.revoke_button = QPushButton(tr("吊销所选设备…"))
        self.revoke_button.clicked.connect(self._ask_revoke)
        layout = QVBoxLayout(box)
        layout.addWidget(self.peer_table, 1)
        layout.addLayout(_row(trust, self.revoke_button))
        return box

    def _profile_box(self) -> QGroupBox:
        box = QGroupBox(tr("村基本信息"))
        self.profile_note = QLabel()
        self.profile_note.setWordWrap(True)
        self.code_label = QLabel()
        self.code_label.setWordWrap(True)
        self.profile_edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow(_caption("code"), self.code_label)
        for field in (*TEXT_FIELDS, "altitude_m", *LIST_FIELDS):
            edit = QLineEdit()
            edit.setObjectName(f"profile_{field}")
            edit.editingFinished.connect(self.save_profile)
            self.profile_edits[field] = edit
            form.addRow(_caption(field), edit)
        for field in LIST_FIELDS:
            self.profile_edits[field].setPlaceholderText(tr("用顿号或逗号分隔，如：一组、二组"))
        self.west = QComboBox()
        self.west.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.west.setMinimumContentsLength(8)
        for text, value in WEST_CHOICES:
            self.west.addItem(tr_marked(text), value)
        self.west.activated.connect(self.save_profile)
        form.addRow(_caption("west"), self.west)
        self.profile_form = QWidget()
        self.profile_form.setLayout(form)
        layout = QVBoxLayout(box)
        layout.addWidget(self.profile_note)
        layout.addWidget(self.profile_form)
        return box

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(tr("备份与恢复"))
        self.backup_text = QLabel()
        self.backup_text.setObjectName("backupText")
        self.backup_text.setWordWrap(True)
        self.backup_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        backup = QPushButton(tr("立即备份"))
        backup.setObjectName("backupNow")
        backup.clicked.connect(self.backup_now)
        restore = QPushButton(tr("从备份恢复…"))
        restore.setObjectName("restoreBackup")
        restore.clicked.connect(self._choose_backup)
        layout = QVBoxLayout(box)
        layout.addWidget(self.backup_text)
        layout.addLayout(_row(backup, restore))
        layout.addStretch(1)
        return box

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(tr("界面语言"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        for value, text in LANGUAGE.choices:
            self.language.addItem(text, value)
        self.language.currentIndexChanged.connect(self._language_chosen)
        note = QLabel(tr_marked(LANGUAGE_NOTE))
        note.setWordWrap(True)
        layout = QHBoxLayout(box)
        layout.addWidget(self.language)
        layout.addWidget(note, 1)
        return box

    # --- reactions ---------------------------------------------------------------------------------
    def _fill_profile(self) -> None:
        village_id = self.ctx.village_id
        editable = not self.ctx.is_township
        if village_id is None:
            self._profile = {}
            self.code_label.setText("—")
            for edit in self.profile_edits.values():
                edit.clear()
            self.profile_note.setText(tr("乡镇设备：在“各村”页选择一个村后，这里显示它的基本信息。"))
            self._profile_readonly = True
            self.profile_form.hide()
            return
        self.profile_form.show()
        profile = village_profile(self.ctx.ledger, village_id=village_id)
        self.code_label.setText(profile.code + tr("（不能修改）"))
        self.code_label.setToolTip(tr("村的编号由村代码生成，同村各设备据此合并，所以村代码不能修改"))
        fresh = dict(profile.fields)
        try:
            typing = self._profile_values() != self._profile
        except InvalidInput:
            typing = True
        if not (typing and fresh == self._profile):  # a refresh for another reason keeps what is typed
            self._show_profile(fresh)
        self._profile = fresh
        self.profile_note.setText(
            tr("改完一项按回车或点别处即保存，可用 Ctrl+Z 撤销。")
            if editable
            else tr("村的基本信息由村里维护，乡镇设备只能查看。")
        )
        self._profile_readonly = not editable
        for edit in self.profile_edits.values():
            edit.setReadOnly(not editable)
        self.west.setEnabled(editable)

    def _show_profile(self, fields: dict[str, Any]) -> None:
        for field, edit in self.profile_edits.items():
            value = fields.get(field)
            edit.setText("、".join(value) if isinstance(value, list) else "" if value is None else str(value))
        self.west.setCurrentIndex(max(self.west.findData(fields.get("west")), 0))

    def _profile_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for field in TEXT_FIELDS:
            values[field] = self.profile_edits[field].text().strip() or None
        altitude = self.profile_edits["altitude_m"].text().strip()
        if altitude and not re.fullmatch(r"-?\d+", altitude):
            raise InvalidInput(tr("海拔应为整数（米），实为“{altitude}”").format(altitude=altitude))
        values["altitude_m"] = int(altitude) if altitude else None
        for field in LIST_FIELDS:
            parts = [p for p in re.split(r"[、,，;；\s]+", self.profile_edits[field].text()) if p]
            values[field] = parts or None
        values["west"] = self.west.currentData()
        return values

    def _show_backups(self) -> None:
        location = self.ctx.ledger.folder()
        if not location.is_sqlite:
            self.backup_text.setText(
                tr("服务器数据库请用 pg_dump 备份、pg_restore 恢复（见使用说明“乡镇服务器”一节）。")
            )
            return
        found = sorted(location.backups.glob("zhucun-*.sqlite3"), key=lambda p: p.name)
        newest = tr("最近一份：{name}").format(name=found[-1].name) if found else tr("还没有备份")
        self.backup_text.setText(
            tr(
                "备份保存在 {backups}（共 {n} 份，{newest}）。每天第一次打开时自动备份，保留最近 10 份；建议另外拷一份到 U 盘。"
            ).format(backups=location.backups, n=len(found), newest=newest)
        )
        skipped = backup_note(self.ctx.ledger)
        if skipped is not None:  # the day's backup was due and not made: said where backups are shown
            self.backup_text.setText(f"{self.backup_text.text()}\n{skipped}")

    def _backed_up(self, path: Path) -> None:
        self.last_backup = path
        self._show_backups()
        self.ctx.backup_noted.emit(backup_note(self.ctx.ledger))  # made now: the day's note goes
        show_info(self, tr("已备份到 {path}").format(path=path))

    def _restored(self, result: RestoreResult) -> None:
        self.ctx.undo_stack.clear()  # the edits it holds were made to the replaced ledger
        kept = (
            tr("原来的台账已另存为 {path}。").format(path=result.previous_kept_at)
            if result.previous_kept_at
            else ""
        )
        show_info(self, tr("已从 {name} 恢复。{kept}").format(name=result.restored_from.name, kept=kept))

    def _trusted(self, result: TrustResult, reports: list[ImportReport]) -> None:
        applied = sum(1 for r in reports if r.outcome == "applied")
        released = (
            tr("隔离区中它的 {n} 个同步包已处理，其中 {applied} 个导入了新内容。").format(
                n=len(reports), applied=applied
            )
            if reports
            else ""
        )
        show_info(
            self,
            tr("已信任：指纹 {fingerprint}。{released}").format(
                fingerprint=result.peer.fingerprint, released=released
            ),
        )

    def _language_chosen(self) -> None:
        value = self.language.currentData()
        self.ctx.write(self, lambda: set_preference(self.ctx.ledger, LANGUAGE, value))

    def _choose_card_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("身份卡保存到哪个文件夹（或 U 盘）"))
        if folder:
            self.export_card_to(Path(folder))

    def _choose_backup(self) -> None:
        start = str(self.ctx.ledger.folder().backups)
        path, _ = QFileDialog.getOpenFileName(self, tr("选择备份文件"), start, tr_marked(BACKUP_FILTER))
        if path:
            self.restore_from(Path(path))

    def _ask_revoke(self) -> None:
        reason, ok = QInputDialog.getText(self, tr("吊销设备"), tr("吊销原因（如：笔记本电脑丢失）："))
        if ok:
            self.revoke_selected(reason)


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def _caption(field: str) -> str:
    """A village profile field's label (from the domain) in the interface language, for a form row."""
    caption = tr_marked(label("village", field)) + (tr("（米）") if field == "altitude_m" else "")
    return tr("{field}：").format(field=caption)
