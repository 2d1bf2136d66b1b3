"""The to-do list of the 走访 page as a Qt model: open follow-ups, how late each is, red when overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.services.visits.lists import FollowUpRow
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.widgets.household_picker import household_label

AnyIndex = QModelIndex | QPersistentModelIndex
OVERDUE = QColor("#c62828")
DUE_TODAY = QColor("#ef6c00")

COL_DUE, COL_STATE, COL_NUMBER, COL_HEAD, COL_ACTION, COL_OWNER = range(6)
FOLLOW_UP_HEADERS = (
    tr_noop("期限"),
    tr_noop("状态"),
    tr_noop("户编号"),
    tr_noop("户主"),
    tr_noop("后续事项"),
    tr_noop("负责人"),
)
FollowUpIdRole = Qt.ItemDataRole.UserRole + 1
HouseholdIdRole = Qt.ItemDataRole.UserRole + 2
DaysOverdueRole = Qt.ItemDataRole.UserRole + 3  # int (positive: late) or None without a due date


class FollowUpTableModel(QAbstractTableModel):
    """Open follow-ups, most urgent first; the 状态 column says how late each is, in red when overdue."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FollowUpRow] = []
        self._today = dt.date.today()

    def set_rows(self, rows: Sequence[FollowUpRow], today: dt.date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today
        self.endResetModel()

    def row_at(self, row: int) -> FollowUpRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FOLLOW_UP_HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item, column = self._rows[index.row()], index.column()
        late = item.days_overdue(self._today)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column, late)
        if role == Qt.ItemDataRole.ToolTipRole:
            visited = (
                tr("（{visited_on} 走访时提出）").format(visited_on=item.visited_on)
                if item.visited_on
                else ""
            )
            return f"{household_label(item.number, item.head_name)}：{item.action}{visited}"
        if role == Qt.ItemDataRole.ForegroundRole and column in (COL_DUE, COL_STATE) and late is not None:
            if late > 0:
                return QBrush(OVERDUE)
            if late == 0:
                return QBrush(DUE_TODAY)
            return None
        if role == FollowUpIdRole:
            return item.id
        if role == HouseholdIdRole:
            return item.household_id
        if role == DaysOverdueRole:
            return late
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr_marked(FOLLOW_UP_HEADERS[section]) if 0 <= section < len(FOLLOW_UP_HEADERS) else None
        return None

    @staticmethod
    def _text(item: FollowUpRow, column: int, late: int | None) -> str:
        if column == COL_DUE:
            return item.due_on.isoformat() if item.due_on else ""
        if column == COL_STATE:
            if late is None:
                return tr("未定期限")
            if late > 0:
                return tr("逾期 {late} 天").format(late=late)
            return tr("今天到期") if late == 0 else tr("{days} 天后到期").format(days=-late)
        return {COL_NUMBER: item.number, COL_HEAD: item.head_name, COL_ACTION: item.action,
                COL_OWNER: item.owner}.get(column, "")  # fmt: skip
