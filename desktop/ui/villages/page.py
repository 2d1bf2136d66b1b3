"""各村 (township only): every village side by side, and the choice of the village the other pages show.

Choosing a village (double-click, Enter, or the button) limits 概况, 农户 and the rest to it; 全部村
shows them all again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.exchange.devices import revoke_device
from desktop.services.preferences import SILENT_DAYS_SETTING, get_preference, set_preference
from desktop.services.village.overview import count_households
from desktop.services.village.township_overview import VillageRow, township_totals, township_villages
from desktop.ui.shell.background import BackgroundQuery
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import confirm, show_info
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.jobs import Job
from desktop.ui.shell.page import Page
from desktop.ui.widgets.record_table_model import AnyIndex, Column, RecordIdRole, RecordTableModel
from desktop.ui.widgets.tables import read_only_table
from desktop.ui.widgets.xlsx_export import export_button, run_export

SortRole = Qt.ItemDataRole.UserRole + 2
ALL_VILLAGES = tr_noop("全部村")

VILLAGE_COLUMNS = (
    Column("code", tr_noop("村代码")),
    Column("name", tr_noop("村名")),
    Column("households", tr_noop("户数")),
    Column("people", tr_noop("人数")),
    Column("registered", tr_noop("建档立卡户")),
    Column("monitored", tr_noop("监测户"), show=lambda v: f"{v}" if v else "—"),
    Column("not_met", tr_noop("有短板户"), show=lambda v: f"{v}" if v else "—"),
    Column("unknown", tr_noop("待核实户"), show=lambda v: f"{v}" if v else "—"),
    Column("coverage", tr_noop("近 30 天走访"), show=lambda v: f"{v * 100:.0f}%"),
    Column("devices", tr_noop("设备")),
    Column(
        "last_in_at", tr_noop("最近收到同步包"), show=lambda v: f"{v:%Y-%m-%d %H:%M}" if v else tr("从未")
    ),
    Column("last_in_device", tr_noop("来自"), show=lambda v: v or "—"),
    Column("silent", tr_noop("同步"), show=lambda v: v or tr("正常")),
    Column("gaps", tr_noop("缺少的操作"), show=lambda v: v or tr("无")),
)
SILENT_BACKGROUND = QColor("#ffe0b2")  # the colour is never the only cue: the 同步 column says it in words
COL_NAME = 1
DEVICE_COLUMNS = (
    Column("name", tr_noop("设备")),
    Column("last_in_at", tr_noop("最近收到"), show=lambda v: f"{v:%Y-%m-%d %H:%M}" if v else tr("从未")),
    Column("complete", tr_noop("完整到")),
    Column("gaps", tr_noop("缺少"), show=lambda v: v or tr("无")),
    Column("state", tr_noop("状态")),
    Column("fingerprint", tr_noop("指纹")),
)


class VillageTableModel(RecordTableModel):
    """The villages, sorting numbers as numbers (``SortRole``) and dates as dates."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(VILLAGE_COLUMNS, parent=parent)

    def set_villages(self, villages: Sequence[VillageRow]) -> None:
        self.set_rows(
            [
                {
                    "id": v.village_id,
                    "code": v.code,
                    "name": v.name,
                    "households": v.households,
                    "people": v.people,
                    "registered": v.registered,
                    "monitored": v.monitored,
                    "not_met": v.not_met,
                    "unknown": v.unknown,
                    "coverage": v.coverage,
                    "visited": v.visited,
                    "devices": len(v.devices),
                    "last_in_at": v.last_in_at,
                    "last_in_device": v.last_in_device,
                    "silent": _silence(v),
                    "gaps": v.gap_text,
                }
                for v in villages
            ]
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == SortRole and index.isValid() and 0 <= index.row() < self.rowCount():
            value = self.row_at(index.row()).get(self.columns[index.column()].field)
            if value is None or hasattr(value, "isoformat"):
                return value.isoformat() if value is not None else ""
            return value
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and 0 <= index.row() < self.rowCount():
            return QBrush(SILENT_BACKGROUND) if self.row_at(index.row()).get("silent") else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid():
            if isinstance(self.row_at(index.row()).get(self.columns[index.column()].field), int | float):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        return super().data(index, role)


def _silence(village: VillageRow) -> str:
    """``已 45 天没有同步包`` / ``从未收到同步包`` for a village silent too long; empty otherwise."""
    if not village.silent:
        return ""
    days = village.silent_for
    return tr("从未收到同步包") if days is None else tr("已 {days} 天没有同步包").format(days=days)


class VillagesPage(Page):
    title = tr_noop("各村")
    object_name = "villagesPage"
    SYNC_LIMIT = 1500  # households counted at once; more on a worker thread (see OverviewPage)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.villages: list[VillageRow] = []
        self.loader = BackgroundQuery(self)
        self.scope = QComboBox()
        self.scope.setObjectName("villageScope")
        self.scope.activated.connect(self._scope_chosen)
        self.scope_note = QLabel()
        self.scope_note.setWordWrap(True)
        # the 同步 column marks a village whose last bundle is older than this (a setting of this device)
        self.silent_days = QComboBox()
        self.silent_days.setObjectName("silentDays")
        for value, _text in SILENT_DAYS_SETTING.choices:
            self.silent_days.addItem(tr("{days} 天").format(days=value), value)
        self.silent_days.setCurrentIndex(
            max(self.silent_days.findData(get_preference(ctx.ledger, SILENT_DAYS_SETTING)), 0)
        )
        self.silent_days.activated.connect(self._silent_days_chosen)
        silent_label = QLabel(tr("标出多久没有同步包的村："))
        silent_label.setBuddy(self.silent_days)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("查看范围：")))
        top.addWidget(self.scope)
        top.addWidget(self.scope_note, 1)
        top.addWidget(silent_label)
        top.addWidget(self.silent_days)

        self.model = VillageTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = read_only_table(self.proxy, "villageTable", stretch_last=True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(lambda _i: self.choose_selected())
        self.table.selectionModel().currentRowChanged.connect(self._show_devices)
        choose = QPushButton(tr("只看所选的村"))
        choose.setObjectName("chooseVillage")
        choose.clicked.connect(self.choose_selected)
        everything = QPushButton(tr("看全部村"))
        everything.clicked.connect(lambda: self.choose(None))
        self.count_label = QLabel()
        self.export_button = export_button("exportVillages")
        self.export_button.setToolTip(tr("把各村汇总（上面的表）导出为 Excel 表格"))
        self.export_button.clicked.connect(self.export_summary)
        buttons = QHBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(everything)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        buttons.addWidget(self.export_button)

        self.devices = RecordTableModel(DEVICE_COLUMNS, parent=self)
        self.device_table = read_only_table(self.devices, "villageDevices", stretch_last=True)
        self.device_box = QGroupBox(tr("所选村的设备"))
        device_layout = QVBoxLayout(self.device_box)
        device_layout.addWidget(self.device_table)
        # a village's laptop lost or stolen: revoked here, where its village's devices are listed
        self.revoke_reason = QLineEdit()
        self.revoke_reason.setObjectName("revokeReason")
        self.revoke_reason.setPlaceholderText(tr("吊销原因（如：笔记本电脑丢失）"))
        self.revoke_button = QPushButton(tr("吊销所选设备…"))
        self.revoke_button.setObjectName("revokeVillageDevice")
        self.revoke_button.clicked.connect(self.revoke_selected)
        revoke_row = QHBoxLayout()
        revoke_row.addStretch(1)
        revoke_row.addWidget(self.revoke_reason, 1)
        revoke_row.addWidget(self.revoke_button)
        device_layout.addLayout(revoke_row)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("townshipTotals")
        self.totals_label.setWordWrap(True)
        self.totals_label.setVisible(False)
        layout.addWidget(self.totals_label)
        layout.addWidget(self.device_box, 2)
        ctx.village_changed.connect(self._show_scope)

    # --- public ------------------------------------------------------------------------------------
    def revoke_selected(self) -> bool:
        """吊销 the device chosen in the village's device list, after one question; the reason is said."""
        index = self.device_table.currentIndex()
        if not index.isValid():
            show_info(self, tr("请先在所选村的设备表中选中一台设备。"))
            return False
        row = self.devices.row_at(index.row())
        question = tr("吊销 {device}？此后它签名的同步包一律拒绝，这一步不能撤销。").format(
            device=row["name"]
        )
        if not confirm(self, question):
            return False
        ledger, device_id, reason = self.ctx.ledger, str(row["id"]), self.revoke_reason.text()
        if self.ctx.write(self, lambda: revoke_device(ledger, device_id, reason)) is None:
            return False
        self.revoke_reason.clear()
        return True

    def refresh(self) -> None:
        ledger = self.ctx.ledger
        if count_households(ledger, all_villages=True) <= self.SYNC_LIMIT:
            self.show_villages(township_villages(ledger))
        else:
            self.count_label.setText(tr("正在统计各村…（户数较多，请稍候）"))
            self.loader.ask(lambda: township_villages(ledger), self.show_villages)

    def show_villages(self, villages: list[VillageRow]) -> None:
        keep = self._selected_id()
        self.villages = villages
        self.model.set_villages(villages)
        households = sum(v.households for v in villages)
        self.count_label.setText(
            tr("共 {villages} 个村，{households} 户").format(villages=len(villages), households=households)
        )
        totals = township_totals(villages)
        self.totals_label.setVisible(len(totals) > 1)  # a county office holds several townships
        self.totals_label.setText(
            tr("各乡镇合计：")
            + "；".join(
                tr(
                    "{township} {villages} 个村 {households} 户 {people} 人，有短板 {not_met} 户，待核实 {unknown} 户"
                ).format(
                    township=t.township,
                    villages=t.villages,
                    households=t.households,
                    people=t.people,
                    not_met=t.not_met,
                    unknown=t.unknown,
                )
                for t in totals
            )
        )
        self._show_scope(self.ctx.village_id)
        self._select(keep or self.ctx.village_id)

    def choose(self, village_id: str | None) -> None:
        self.ctx.set_village(village_id)

    def export_summary(self) -> Job | None:
        """导出 Excel…: the township summary, a row per village, as the service tabulates it."""
        from desktop.services.xlsx.exporting import export_villages

        ledger = self.ctx.ledger
        name = tr("各村汇总-{day}.xlsx").format(day=ledger.today().isoformat())
        return run_export(
            self.ctx, self, tr("导出各村汇总"), name, lambda path: export_villages(ledger, path)
        )

    def choose_selected(self) -> None:
        village_id = self._selected_id()
        if village_id:
            self.choose(village_id)

    # --- private -----------------------------------------------------------------------------------
    def _show_scope(self, village_id: str | None) -> None:
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(tr_marked(ALL_VILLAGES), None)
        for village in self.villages:
            self.scope.addItem(f"{village.name}（{village.code}）", village.village_id)
        index = self.scope.findData(village_id) if village_id else 0
        self.scope.setCurrentIndex(max(index, 0))
        self.scope.blockSignals(False)
        name = next((v.name for v in self.villages if v.village_id == village_id), "")
        self.scope_note.setText(
            tr("其他各页现在只显示{name}。").format(name=name)
            if village_id
            else tr("其他各页现在显示全部村；双击一个村只看它。")
        )

    def _silent_days_chosen(self, index: int) -> None:
        value = self.silent_days.itemData(index)

        def save() -> bool:
            set_preference(self.ctx.ledger, SILENT_DAYS_SETTING, value)
            return True

        if self.ctx.write(self, save):
            self.refresh()

    def _scope_chosen(self, index: int) -> None:
        self.choose(self.scope.itemData(index))

    def _selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return str(index.siblingAtColumn(COL_NAME).data(RecordIdRole)) if index.isValid() else None

    def _select(self, village_id: str | None) -> None:
        if not self.proxy.rowCount():
            self.devices.set_rows([])
            return
        row = 0
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, COL_NAME).data(RecordIdRole) == village_id:
                row = r
        self.table.selectRow(row)
        self._show_devices(self.proxy.index(row, COL_NAME), QModelIndex())

    def _show_devices(self, current: QModelIndex, _previous: QModelIndex) -> None:
        village_id = current.siblingAtColumn(COL_NAME).data(RecordIdRole) if current.isValid() else None
        village = next((v for v in self.villages if v.village_id == village_id), None)
        self.device_box.setTitle(
            tr("{village}的设备").format(village=village.name) if village else tr("所选村的设备")
        )
        self.devices.set_rows(
            [
                {
                    "id": d.device_id,
                    "name": d.name,
                    "last_in_at": d.last_in_at,
                    "complete": tr("第 {n} 条").format(n=d.complete_to) if d.complete_to else tr("还没有"),
                    "gaps": d.gap_text,
                    "state": tr("已吊销") if d.revoked else tr("有效"),
                    "fingerprint": d.fingerprint,
                }
                for d in (village.devices if village else ())
            ]
        )
