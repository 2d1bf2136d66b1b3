"""The household window's share of the diary: the 驻村工作日志 entries that name the household, listed
under its visits."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from desktop.services.context import Ledger
from desktop.services.diary import list_entries
from desktop.ui.shell.i18n import tr_noop
from desktop.ui.widgets.record_table_model import Column, RecordTableModel

COLUMNS = (
    Column("day", tr_noop("日期")),
    Column("person", tr_noop("记录人")),
    Column("kind", tr_noop("类别")),
    Column("content", tr_noop("工作内容")),
)


def diary_table_model(parent: QObject) -> RecordTableModel:
    return RecordTableModel(COLUMNS, parent=parent)


def diary_rows(ledger: Ledger, household_id: str) -> list[dict[str, Any]]:
    entries = list_entries(ledger, household_id=household_id)
    return [
        {"id": e.id, "day": e.day.isoformat(), "person": e.person, "kind": e.kind, "content": e.content}
        for e in reversed(entries)
    ]
