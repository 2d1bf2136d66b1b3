"""核查's overview as a Qt model: households × 两不愁三保障 + 饮水安全, each cell coloured by its verdict
(green 达标, red 未达标, orange 待核实), with the reasons as its tooltip."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.domain.checklist import Verdict
from desktop.domain.enums import Dimension, Status
from desktop.services.checklist.standing import ChecklistKeys
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
# rows read at a time: a screenful and more (as the 农户 list)
PAGE_ROWS = 200
Fetch = Callable[[Sequence[str]], Sequence[HouseholdChecklist]]
HouseholdIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2  # the Status of a dimension cell; None elsewhere
ReasonsRole = Qt.ItemDataRole.UserRole + 3  # tuple of reasons of a dimension cell
DimensionRole = Qt.ItemDataRole.UserRole + 4

_CELL_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        StatusRole,
        ReasonsRole,
        DimensionRole,
    }
)


def _no_counts() -> dict[Dimension, dict[Status, int]]:
    return {d: dict.fromkeys(Status, 0) for d in DIMENSIONS}


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
    never the only cue) and its reasons as the tooltip.

    ``set_keys`` takes what ``checklist_keys`` gives — every listed household's id, 户编号 and village
    with the counts per dimension — so a county's list has all its rows at once; a row's verdicts and
    户主 are read a page at a time (``fetch``, ``checklist_rows``) when the view first shows it, as the
    农户 list does. ``set_rows`` takes finished rows (tests, small lists)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._keys = ChecklistKeys([], [], [], 0, _no_counts())
        self._fetch: Fetch | None = None
        self._rows: dict[str, HouseholdChecklist] = {}  # by id: the rows read so far
        self._position: dict[str, int] | None = None  # id -> row, made when first asked

    def set_keys(self, keys: ChecklistKeys, fetch: Fetch) -> None:
        """The households listed, as keys; ``fetch(ids)`` reads the rows of some of them."""
        self._reset(keys, fetch, {})

    def set_rows(self, rows: Sequence[HouseholdChecklist]) -> None:
        counts = _no_counts()
        for row in rows:
            for dimension, verdict in row.verdicts.items():
                counts[dimension][verdict.status] += 1
        keys = ChecklistKeys(
            [r.household_id for r in rows],
            [r.number for r in rows],
            [r.village_name for r in rows],
            len(rows),
            counts,
        )
        self._reset(keys, None, {r.household_id: r for r in rows})

    def _reset(self, keys: ChecklistKeys, fetch: Fetch | None, rows: dict[str, HouseholdChecklist]) -> None:
        self.beginResetModel()
        self._keys, self._fetch, self._rows, self._position = keys, fetch, rows, None
        self.endResetModel()

    def total(self) -> int:
        """How many households the village (or township) has, listed or not."""
        return self._keys.total

    def row_at(self, row: int) -> HouseholdChecklist:
        household_id = self._keys.ids[row]
        found = self._rows.get(household_id)
        if found is None:
            start = row - row % PAGE_ROWS
            if self._fetch is not None:
                page = self._keys.ids[start : start + PAGE_ROWS]
                self._rows.update((c.household_id, c) for c in self._fetch(page))
            found = self._rows.get(household_id) or self._gone(row)
        return found

    def rows_read(self) -> int:
        """How many rows have been read so far (the rest are keys only)."""
        return len(self._rows)

    def _gone(self, row: int) -> HouseholdChecklist:
        """A household archived since the keys were read: its keys, every verdict unknown, until the
        list is read again (the page refreshes on the change)."""
        keys = self._keys
        unknown = Verdict(Status.UNKNOWN, ())
        gone = HouseholdChecklist(
            keys.ids[row], keys.numbers[row], "", dict.fromkeys(DIMENSIONS, unknown), keys.village_names[row]
        )
        self._rows[gone.household_id] = gone
        return gone

    def row_of(self, household_id: str) -> int | None:
        if self._position is None:
            self._position = {hid: row for row, hid in enumerate(self._keys.ids)}
        return self._position.get(household_id)

    @staticmethod
    def dimension_at(column: int) -> Dimension | None:
        index = column - COL_FIRST_DIMENSION
        return DIMENSIONS[index] if 0 <= index < len(DIMENSIONS) else None

    @staticmethod
    def column_of(dimension: Dimension) -> int:
        return COL_FIRST_DIMENSION + DIMENSIONS.index(dimension)

    def counts(self) -> dict[Dimension, dict[Status, int]]:
        """Per dimension, how many listed households are of each status."""
        return {d: dict(c) for d, c in self._keys.counts.items()}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._keys.ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COL_VILLAGE + 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys.ids):
            return None
        number, column = index.row(), index.column()
        if role == HouseholdIdRole:
            return self._keys.ids[number]
        dimension = self.dimension_at(column)
        if dimension is None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                if column == COL_VILLAGE:  # the keys' columns: no row read for them
                    return self._keys.village_names[number]
                if column == COL_NUMBER:
                    return self._keys.numbers[number]
                return self.row_at(number).head_name
            return None
        if role not in _CELL_ROLES:  # the view asks for a dozen roles per cell
            return None
        row = self.row_at(number)
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
