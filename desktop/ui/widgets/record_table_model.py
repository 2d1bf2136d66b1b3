"""A table of plain records (dicts from services) with chosen columns; editable columns hand each edit
to a callback (a service call through the undo stack) instead of writing anything themselves."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.ui.shell.i18n import tr, tr_marked

RecordIdRole = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    editable: bool = False
    show: Callable[[Any], str] | None = None  # how a value reads (default: str, empty for None)
    # how the value reads while the model is masked (ID and phone numbers); editing shows it whole
    mask: Callable[[str], str] | None = None


class RecordTableModel(QAbstractTableModel):
    def __init__(
        self,
        columns: Sequence[Column],
        on_edit: Callable[[dict[str, Any], str, str], bool] | None = None,
        parent: Any = None,
    ) -> None:
        """``on_edit(record, field, text)`` returns True when the edit was saved."""
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[dict[str, Any]] = []
        self._on_edit = on_edit
        self._masked = True

    def masked(self) -> bool:
        return self._masked

    def set_masked(self, masked: bool) -> None:
        """Show masked columns masked (the default) or whole."""
        if masked == self._masked:
            return
        self._masked = masked
        if self._rows and any(c.mask for c in self.columns):
            last = self.index(len(self._rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.DisplayRole])

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def row_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record, column = self._rows[index.row()], self.columns[index.column()]
        value = record.get(column.field)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = column.show(value) if column.show else _text(value, shown=True)
            return column.mask(text) if self._masked and column.mask else text
        if role == Qt.ItemDataRole.EditRole:
            return _text(value)
        if role == RecordIdRole:
            return record.get("id")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.columns[index.column()].editable and self._on_edit is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._on_edit is None:
            return False
        record, column = self._rows[index.row()], self.columns[index.column()]
        text = str(value).strip()
        if text == _text(record.get(column.field)):
            return False
        if not self._on_edit(record, column.field, text):
            return False  # refused: the cell keeps the saved value
        record[column.field] = text
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr_marked(self.columns[section].label) if 0 <= section < len(self.columns) else None
        return None


def _text(value: Any, *, shown: bool = False) -> str:
    """``shown``: as the cell reads it (yes/no in the interface language); else as typed into an edit."""
    if value is None:
        return ""
    if isinstance(value, bool):
        if shown:
            return tr("是") if value else tr("否")
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)
