"""核查's overview as a Qt model: households × 两不愁三保障 + 饮水安全, each cell coloured by its verdict
(green 达标, red 未达标, orange 待核实), with the reasons as its tooltip."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.domain.enums import Dimension, Status
from desktop.services.checklist.verdicts import HouseholdChecklist
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop

AnyIndex = QModelIndex | QPersistentModelIndex

# --- the overview model ----------------------------------------------------------------------------

COL_NUMBER, COL_HEAD = 0, 1
COL_FIRST_DIMENSION = 2
DIMENSIONS: tuple[Dimension, ...] = tuple(Dimension)
COL_VILLAGE = COL_FIRST_DIMENSION + len(DIMENSIONS)  # last; the page shows it first, at a township
# the matrix's column headers: the dimension's name in Chinese, one word in a longer language (the form
# beside the matrix names it in full)
HEADERS = {
    Dimension.FOOD: tr_noop("不愁吃", "a column of the checklist matrix: one short word"),
    Dimension.CLOTHING: tr_noop("不愁穿", "a column of the checklist matrix: one short word"),
    Dimension.EDUCATION: tr_noop("义务教育", "a column of the checklist matrix: one short word"),
    Dimension.MEDICAL: tr_noop("基本医疗", "a column of the checklist matrix: one short word"),
    Dimension.HOUSING: tr_noop("住房安全", "a column of the checklist matrix: one short word"),
    Dimension.WATER: tr_noop("饮水安全", "a column of the checklist matrix: one short word"),
}
HouseholdIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2  # the Status of a dimension cell; None elsewhere
ReasonsRole = Qt.ItemDataRole.UserRole + 3  # tuple of reasons of a dimension cell
DimensionRole = Qt.ItemDataRole.UserRole + 4

BACKGROUND = {
    Status.MET: QColor("#c8e6c9"),
    Status.NOT_MET: QColor("#ffcdd2"),
    Status.UNKNOWN: QColor("#ffe0b2"),
}
FOREGROUND = {
    Status.MET: QColor("#1b5e20"),
    Status.NOT_MET: QColor("#b71c1c"),
    Status.UNKNOWN: QColor("#a64000"),
}


class ChecklistMatrixModel(QAbstractTableModel):
    """One row per household, one column per dimension; a cell shows the verdict in words (colour is
    never the only cue) and its reasons as the tooltip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HouseholdChecklist] = []

    def set_rows(self, rows: Sequence[HouseholdChecklist]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> HouseholdChecklist:
        return self._rows[row]

    def row_of(self, household_id: str) -> int | None:
        return next((r for r, c in enumerate(self._rows) if c.household_id == household_id), None)

    @staticmethod
    def dimension_at(column: int) -> Dimension | None:
        index = column - COL_FIRST_DIMENSION
        return DIMENSIONS[index] if 0 <= index < len(DIMENSIONS) else None

    @staticmethod
    def column_of(dimension: Dimension) -> int:
        return COL_FIRST_DIMENSION + DIMENSIONS.index(dimension)

    def counts(self) -> dict[Dimension, dict[Status, int]]:
        result = {d: dict.fromkeys(Status, 0) for d in DIMENSIONS}
        for row in self._rows:
            for dimension, verdict in row.verdicts.items():
                result[dimension][verdict.status] += 1
        return result

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COL_VILLAGE + 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == HouseholdIdRole:
            return row.household_id
        dimension = self.dimension_at(column)
        if dimension is None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                if column == COL_VILLAGE:
                    return row.village_name
                return row.number if column == COL_NUMBER else row.head_name
            return None
        verdict = row.verdicts.get(dimension)
        if verdict is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr_marked(verdict.status.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = f"{tr_marked(dimension.value)}：{tr_marked(verdict.status.label)}"
            return shown + "\n" + "\n".join(verdict.reasons)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(BACKGROUND[verdict.status])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(FOREGROUND[verdict.status])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == StatusRole:
            return verdict.status.value
        if role == ReasonsRole:
            return verdict.reasons
        if role == DimensionRole:
            return dimension.value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        dimension = self.dimension_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if dimension is None:
                if section == COL_VILLAGE:
                    return tr("村")
                return tr("户编号") if section == COL_NUMBER else tr("户主")
            return tr_marked(HEADERS[dimension])
        if role == Qt.ItemDataRole.ToolTipRole and dimension is not None:
            count = self.counts()[dimension]
            return tr("未达标 {not_met} 户，待核实 {unknown} 户").format(
                not_met=count[Status.NOT_MET], unknown=count[Status.UNKNOWN]
            )
        return None


# --- the check form --------------------------------------------------------------------------------
