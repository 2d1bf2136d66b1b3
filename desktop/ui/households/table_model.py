"""The household roster as a Qt table model: the households' keys first, their rows on demand.

``set_keys`` takes what ``household_keys`` gives — every household's id, 户编号, 村民小组, 户类别 and
village, in 户编号 order — so the list has all its rows at once, sorts by those columns and filters by
them without reading a member; a row's other cells (户主, 人数, 电话, …) are read a page at a time
(``household_rows``) when the view first asks for one of them. Sorting by one of those columns reads
the rest in one go, as the whole list was read before. ``set_rows`` takes finished rows (tests, small
lists).

A search that finds many households (``z`` across a county: 45,000) need not even read every key:
``set_key_pages`` takes the first keys and a way to read those after them, which the view asks for
(``fetchMore``) as it scrolls to the end of what is there; ``load_all_keys`` reads the rest at once,
for a sort, a filter or an export over every household found.

Phone numbers are masked unless asked for: the roster is often on screen in a village office with
people standing around.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop.domain.masking import mask_phone
from desktop.services.households.rows import HouseholdKeys, HouseholdRow
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
# rows read at a time: a screenful and more (a 1080 p screen shows about 35)
PAGE_ROWS = 200
_DISPLAY, _ALIGN = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole
_ROLES = frozenset({_DISPLAY, SortRole, HouseholdIdRole, _ALIGN})
Fetch = Callable[[Sequence[str]], Sequence[HouseholdRow]]
# (offset, how many or None for every one left): the keys after the first ``offset``
MoreKeys = Callable[[int, int | None], HouseholdKeys]


def natural_key(text: str) -> str:
    """A string that sorts ``2`` before ``10`` and ``002`` with ``2``: each digit run becomes its
    length-prefixed value (``10`` -> ``0210``)."""
    if text.isascii() and text.isdigit():  # the usual 户编号, all digits: no pattern to run
        digits = text.lstrip("0") or "0"
        return f"{len(digits):03d}{digits}"
    return _DIGITS.sub(lambda m: f"{len(str(int(m.group()))):03d}{int(m.group())}", text)


class HouseholdTableModel(QAbstractTableModel):
    all_keys_read = Signal()  # the last keys of set_key_pages read (maybe none were left)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._keys = HouseholdKeys([], [], [], [], [])
        self._fetch: Fetch | None = None
        self._rows: dict[str, HouseholdRow] = {}  # by id: the rows read so far
        self._position: dict[str, int] | None = None  # id -> row, made when first asked
        self._number_keys: list[str] = []
        self._in_number_order = True
        self._show_phones = False
        self._more_keys: MoreKeys | None = None  # the keys not read yet (set_key_pages)
        self._longest_village = ""
        self.key_page = PAGE_ROWS  # keys read at a time, after the first

    # --- content -------------------------------------------------------------------------------
    def set_keys(self, keys: HouseholdKeys, fetch: Fetch) -> None:
        """Every household listed, as keys; ``fetch(ids)`` reads the rows of some of them."""
        self._reset(keys, fetch, {})

    def set_key_pages(
        self, first: HouseholdKeys, more: MoreKeys | None, fetch: Fetch, *, longest_village: str = ""
    ) -> None:
        """The first households of a longer list, as keys, in its order; ``more(n, k)`` reads ``k`` keys
        after the first ``n`` (every one left when ``k`` is None), ``None``: there are no more.
        ``longest_village``: the longest village name the whole list may show (its column's width)."""
        self._reset(_copy(first), fetch, {}, more, longest_village)

    def has_more_keys(self) -> bool:
        """Households after the last row, not read yet (``set_key_pages``)."""
        return self._more_keys is not None

    def load_all_keys(self) -> None:
        """Every household's keys read now, as rows of the model (the view's sort and filters cover
        them all)."""
        if self._more_keys is not None:
            self._append(self._more_keys(len(self._keys.ids), None), None)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 (Qt's own signature)
        return not parent.isValid() and self._more_keys is not None

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid() and self._more_keys is not None:
            self._append(self._more_keys(len(self._keys.ids), self.key_page), self.key_page)

    def fetch_until(self, household_id: str, rows: int) -> None:
        """Keys read a page at a time until ``household_id`` is listed or ``rows`` are (a refresh keeps
        the household selected and as many rows as were there)."""
        ids = self._keys.ids
        if self._more_keys is not None and len(ids) < rows:
            self._append(self._more_keys(len(ids), rows - len(ids)), rows - len(ids))
        while household_id and self._more_keys is not None and len(ids) < rows + self.key_page:
            if self.row_of(household_id) is not None:
                break
            self.fetchMore()

    def _append(self, keys: HouseholdKeys, asked: int | None) -> None:
        last = asked is None or len(keys.ids) < asked
        if last:
            self._more_keys = None  # the end of the list
        if keys.ids:
            self._insert(keys)
        if last:
            self.all_keys_read.emit()

    def _insert(self, keys: HouseholdKeys) -> None:
        start = len(self._keys.ids)
        self.beginInsertRows(QModelIndex(), start, start + len(keys.ids) - 1)
        mine = self._keys
        for attribute in ("ids", "numbers", "group_names", "categories", "village_names"):
            getattr(mine, attribute).extend(getattr(keys, attribute))
        added = [natural_key(number) for number in keys.numbers]
        self._in_number_order = self._in_number_order and all(
            a <= b for a, b in itertools.pairwise(self._number_keys[-1:] + added)
        )
        self._number_keys.extend(added)
        if self._position is not None:
            self._position.update((hid, start + i) for i, hid in enumerate(keys.ids))
        self.endInsertRows()

    def set_rows(self, rows: Sequence[HouseholdRow]) -> None:
        keys = HouseholdKeys(
            ids=[r.id for r in rows],
            numbers=[r.number for r in rows],
            group_names=[r.group_name for r in rows],
            categories=[r.category for r in rows],
            village_names=[r.village_name for r in rows],
        )
        self._reset(keys, None, {r.id: r for r in rows})

    def _reset(
        self,
        keys: HouseholdKeys,
        fetch: Fetch | None,
        rows: dict[str, HouseholdRow],
        more: MoreKeys | None = None,
        longest_village: str = "",
    ) -> None:
        self.beginResetModel()
        self._keys, self._fetch, self._rows, self._position = keys, fetch, rows, None
        self._more_keys, self._longest_village = more, longest_village
        # once per row here, not once per comparison while the proxy sorts (10,000 rows: 150,000 of them)
        self._number_keys = [natural_key(number) for number in keys.numbers]
        self._in_number_order = all(a <= b for a, b in itertools.pairwise(self._number_keys))
        self.endResetModel()

    def in_number_order(self) -> bool:
        """The rows are in 户编号 order already (as the service lists them)."""
        return self._in_number_order

    def household_id(self, row: int) -> str:
        return self._keys.ids[row]

    def group_name(self, row: int) -> str:
        return self._keys.group_names[row]

    def category(self, row: int) -> str:
        return self._keys.categories[row]

    def group_names(self) -> set[str]:
        return set(self._keys.group_names)

    def row_of(self, household_id: str) -> int | None:
        """The row of a household, None when it is not listed."""
        if self._position is None:
            self._position = {hid: row for row, hid in enumerate(self._keys.ids)}
        return self._position.get(household_id)

    def longest_number(self) -> str:
        return max(self._keys.numbers, key=len, default="")

    def longest_village(self) -> str:
        if self._more_keys is not None:
            return self._longest_village
        return max(self._keys.village_names, key=len, default="")

    def row_at(self, row: int) -> HouseholdRow:
        household_id = self._keys.ids[row]
        found = self._rows.get(household_id)
        if found is None:
            start = row - row % PAGE_ROWS
            self._read(self._keys.ids[start : start + PAGE_ROWS])
            found = self._rows.get(household_id) or self._gone(row)
        return found

    def rows_read(self) -> int:
        """How many rows have been read so far (the rest are keys only)."""
        return len(self._rows)

    def read_all(self) -> None:
        """Every row read now, in one go (a sort by 户主 or 人数, an export): not a page at a time."""
        self.load_all_keys()
        missing = [hid for hid in self._keys.ids if hid not in self._rows]
        if missing:
            self._read(missing)

    def _read(self, ids: Sequence[str]) -> None:
        if self._fetch is not None:
            self._rows.update((r.id, r) for r in self._fetch(ids))

    def _gone(self, row: int) -> HouseholdRow:
        """A household archived or deleted since the keys were read: shown by its keys until the list
        is read again (the page refreshes on the change)."""
        keys = self._keys
        gone = HouseholdRow(
            id=keys.ids[row],
            number=keys.numbers[row],
            head_name="",
            group_name=keys.group_names[row],
            category=keys.categories[row],
            poverty_status="",
            member_count=0,
            phone="",
            archived=True,
            village_name=keys.village_names[row],
        )
        self._rows[gone.id] = gone
        return gone

    def show_phones(self) -> bool:
        return self._show_phones

    def set_show_phones(self, show: bool) -> None:
        if show == self._show_phones:
            return
        self._show_phones = show
        if self._keys.ids:
            top, bottom = self.index(0, COL_PHONE), self.index(len(self._keys.ids) - 1, COL_PHONE)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole, SortRole])

    # --- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's own signature)
        return 0 if parent.isValid() else len(self._keys.ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():  # the view asks for a dozen roles per cell
            return None
        number, column = index.row(), index.column()
        if not 0 <= number < len(self._keys.ids):
            return None
        if role == HouseholdIdRole:
            return self._keys.ids[number]
        if role == _ALIGN:
            return int(Qt.AlignmentFlag.AlignCenter) if column in (COL_MEMBERS, COL_NUMBER) else None
        if role == SortRole and column == COL_NUMBER:
            return self._number_keys[number]
        keyed = self._keyed_text(number, column)
        if keyed is not None:
            return keyed
        if role == SortRole:
            self.read_all()  # the proxy sorts by this column: every row, in one read
        row = self.row_at(number)
        if role == SortRole and column == COL_MEMBERS:
            return row.member_count
        return self._text(row, column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr_marked(HEADERS[section]) if section in HEADERS else None
        return None

    def _keyed_text(self, row: int, column: int) -> str | None:
        """A cell the keys hold (no row read for it)."""
        keys = self._keys
        if column == COL_NUMBER:
            return keys.numbers[row]
        if column == COL_GROUP:
            return keys.group_names[row]
        if column == COL_CATEGORY:
            return keys.categories[row]
        if column == COL_VILLAGE:
            return keys.village_names[row]
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


def _copy(keys: HouseholdKeys) -> HouseholdKeys:
    """Keys whose lists the model may extend."""
    return HouseholdKeys(
        ids=list(keys.ids),
        numbers=list(keys.numbers),
        group_names=list(keys.group_names),
        categories=list(keys.categories),
        village_names=list(keys.village_names),
    )
