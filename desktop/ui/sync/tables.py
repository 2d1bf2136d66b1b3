"""The tables of the 同步 page: what each imported bundle came to, the quarantine, the conflicts and every
device's sync state — columns, and rows built from the services' value objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop.services.exchange.bundles import ImportReport, Outcome, Quarantined
from desktop.services.exchange.conflicts import ConflictRow
from desktop.services.exchange.status import DeviceStatus
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.widgets.record_table_model import AnyIndex, Column, RecordTableModel

SHORT_OUTCOMES = {
    Outcome.APPLIED: tr_noop("已导入"),
    Outcome.ALREADY_HAD: tr_noop("已有"),
    Outcome.QUARANTINED: tr_noop("已隔离"),
    Outcome.REJECTED: tr_noop("已拒绝"),
    Outcome.SKIPPED: tr_noop("已跳过"),
}
OUTCOME_COLOURS = {
    Outcome.APPLIED: QColor("#d8f0dc"),
    Outcome.ALREADY_HAD: QColor("#e6e9ee"),
    Outcome.QUARANTINED: QColor("#fbe7c2"),
    Outcome.REJECTED: QColor("#f6d0cf"),
    Outcome.SKIPPED: QColor("#e6e9ee"),
}

RESULT_COLUMNS = (
    Column("file", tr_noop("同步包")),
    Column("outcome", tr_noop("结果")),
    Column("why", tr_noop("说明")),
)
QUARANTINE_COLUMNS = (
    Column("received", tr_noop("收到时间")),
    Column("sender", tr_noop("发送设备")),
    Column("fingerprint", tr_noop("发送设备指纹")),
    Column("bundle", tr_noop("同步包编号")),
)
CONFLICT_COLUMNS = (
    Column("household", tr_noop("农户", "the household a row is about")),
    Column("what", tr_noop("项目")),
    Column("mine", tr_noop("本机现在的值")),
    Column("theirs", tr_noop("另一台设备的值")),
    Column("detected", tr_noop("发现时间")),
)
STATUS_COLUMNS = (
    Column("name", tr_noop("设备")),
    Column("trust", tr_noop("信任方式")),
    Column("last_in", tr_noop("最近收到")),
    Column("last_out", tr_noop("最近发出")),
    Column("complete", tr_noop("收到它的操作")),
    Column("gaps", tr_noop("缺少")),
    Column("receipt", tr_noop("对方回执")),
    Column("fingerprint", tr_noop("指纹")),
)


class ImportResultModel(RecordTableModel):
    """One row per bundle, its outcome cell coloured (green applied … red rejected)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(RESULT_COLUMNS, parent=parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and 0 <= index.row() < self.rowCount():
            if self.columns[index.column()].field == "outcome":
                colour = OUTCOME_COLOURS.get(Outcome(self.row_at(index.row())["outcome_key"]))
                return QBrush(colour) if colour is not None else None
            return None
        return super().data(index, role)


def result_rows(reports: Sequence[ImportReport], *, dry_run: bool = False) -> list[dict[str, Any]]:
    rows = []
    for i, report in enumerate(reports):
        notes = [*report.gaps, *report.warnings]
        details = [f"{report.path}", f"{tr_marked(SHORT_OUTCOMES[report.outcome])}：{report.message}", *notes]
        details += [change.describe() for change in report.changes]
        rows.append(
            {
                "id": f"{i}",
                "file": report.path.name,
                "outcome": (tr("试运行：") if dry_run else "") + tr_marked(SHORT_OUTCOMES[report.outcome]),
                "outcome_key": report.outcome.value,
                "why": "；".join([report.message, *notes]),
                "details": "\n".join(details),
            }
        )
    return rows


def quarantine_rows(items: Sequence[Quarantined]) -> list[dict[str, Any]]:
    return [
        {
            "id": item.bundle_id,
            "received": _when(item.received_at),
            "sender": item.sender,
            "fingerprint": item.fingerprint,
            "bundle": item.bundle_id[-8:],
        }
        for item in items
    ]


def conflict_rows(conflicts: Sequence[ConflictRow]) -> list[dict[str, Any]]:
    def side(text: str, device: str, author: str, at: dt.datetime | None) -> str:
        who = "，".join(p for p in (device, author if author and author != device else "", _when(at)) if p)
        return f"{text}（{who}）"

    return [
        {
            "id": c.id,
            "household_id": c.household_id,
            "household": c.household_text or "—",
            "what": f"{tr_marked(c.table_label)}·{tr_marked(c.field_label)}",
            "mine": side(c.mine.text, c.mine.device, c.mine.author, c.mine.at),
            "theirs": side(c.theirs.text, c.theirs.device, c.theirs.author, c.theirs.at),
            "detected": _when(c.detected_at),
        }
        for c in conflicts
    ]


def status_rows(devices: Sequence[DeviceStatus]) -> list[dict[str, Any]]:
    rows = []
    for d in devices:
        trust = d.trusted_via + (tr("（已吊销）") if d.revoked_after_seq is not None else "")
        if d.is_me:
            complete = tr("本机共写了 {n} 条").format(n=d.holds)
        else:
            complete = tr("完整到第 {n} 条").format(n=d.complete_to) if d.complete_to else tr("还没有收到")
            if d.holds > d.complete_to:
                complete += tr("（最高第 {n} 条）").format(n=d.holds)
        receipt = ""
        if d.receipt:
            bundles = d.receipt.get("bundles") or []
            rejected = sum(1 for b in bundles if b.get("status") == "rejected")
            receipt = tr("收到本机同步包 {n} 个").format(n=len(bundles)) + (
                tr("，拒绝 {rejected} 个").format(rejected=rejected) if rejected else ""
            )
        rows.append(
            {
                "id": d.device_id,
                "name": d.name,
                "trust": trust,
                "last_in": "—" if d.is_me else _when(d.last_in_at) or tr("从未"),
                "last_out": "—" if d.is_me else _when(d.last_out_at) or tr("从未"),
                "complete": complete,
                "gaps": "、".join(
                    tr("第 {lo}–{hi} 条").format(lo=lo, hi=hi) if lo != hi else tr("第 {lo} 条").format(lo=lo)
                    for lo, hi in d.gaps
                )
                or tr("无"),
                "receipt": receipt,
                "fingerprint": d.fingerprint,
            }
        )
    return rows


def _when(at: dt.datetime | None) -> str:
    return f"{at:%Y-%m-%d %H:%M}" if at else ""
