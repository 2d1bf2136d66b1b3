"""The household roster as a Qt table model over ``list_households`` rows.

Phone numbers are masked unless asked for: the roster is often on screen in a village office with
people standing around.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.masking import mask_phone
from desktop.services.households.households import HouseholdRow
from desktop.ui.shell.i18n import tr_marked, tr_noop

COL_NUMBER = 0
COL_HEAD = 1
COL_GROUP = 2
COL_CATEGORY = 3
COL_STATUS = 4
COL_MEMBERS = 5
COL_PHONE = 6
COL_VILLAGE = 7  # shown where several villages are listed together (a township), first

HEADERS = {
    COL_NUMBER: tr_noop("户编号"),
    COL_HEAD: tr_noop("户主"),
    COL_GROUP: tr_noop("村民小组"),
    COL_CATEGORY: tr_noop("户类别"),
    COL_STATUS: tr_noop("脱贫属性"),
    COL_MEMBERS: tr_noop("人数"),
    COL_PHONE: tr_noop("联系电话"),
    COL_VILLAGE: tr_noop("村"),
}

HouseholdIdRole = Qt.ItemDataRole.UserRole + 1
# what a QSortFilterProxyModel compares: ints for counts, a natural-order key for 户编号
SortRole = Qt.ItemDataRole.UserRole + 2

_DIGITS = re.compile(r"\d+")

AnyIndex = QModelIndex | QPersistentModelIndex


def natural_key(text: str) -> str:
    """A string that sorts ``2`` before ``10`` and ``002`` with ``2``: each digit run becomes its
    length-prefixed value (``10`` -> ``0210``)."""
    return _DIGITS.sub(lambda m: f"{len(str(int(m.group()))):03d}{int(m.group())}", text)


class HouseholdTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HouseholdRow] = []
        self._number_keys: list[str] = []
        self._in_number_order = True
        self._show_phones = False

    # --- content -------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[HouseholdRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        # once per row here, not once per comparison while the proxy sorts (10,000 rows: 150,000 of them)
        self._number_keys = [natural_key(row.number) for row in self._rows]
        keys = self._number_keys
        self._in_number_order = all(a <= b for a, b in itertools.pairwise(keys))
        self.endResetModel()

    def in_number_order(self) -> bool:
        """The rows are in 户编号 order already (as the service lists them)."""
        return self._in_number_order

    def row_at(self, row: int) -> HouseholdRow:
        return self._rows[row]

    def show_phones(self) -> bool:
        return self._show_phones

    def set_show_phones(self, show: bool) -> None:
        if show == self._show_phones:
            return
        self._show_phones = show
        if self._rows:
            top, bottom = self.index(0, COL_PHONE), self.index(len(self._rows) - 1, COL_PHONE)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole, SortRole])

    # --- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's own signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SortRole:
            if column == COL_MEMBERS:
                return row.member_count
            if column == COL_NUMBER:
                return self._number_keys[index.row()]
            return self._text(row, column)
        if role == HouseholdIdRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_MEMBERS, COL_NUMBER):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr_marked(HEADERS[section]) if section in HEADERS else None
        return None

    def _text(self, row: HouseholdRow, column: int) -> str | None:
        if column == COL_PHONE:
            return row.phone if self._show_phones else mask_phone(row.phone)
        if column == COL_MEMBERS:
            return str(row.member_count)
        attribute = _TEXT_FIELDS.get(column)
        return getattr(row, attribute) if attribute else None


_TEXT_FIELDS = {
    COL_NUMBER: "number",
    COL_HEAD: "head_name",
    COL_GROUP: "group_name",
    COL_CATEGORY: "category",
    COL_STATUS: "poverty_status",
    COL_VILLAGE: "village_name",
}
