"""The household picker the 走访, 核查, 监测 and 照片 pages share: type a name, pinyin initials (``zg`` →
卓嘎) or 户编号 and pick from the list that drops down."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from desktop.services.households.households import search_households
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.i18n import tr

PICKER_LIMIT = 20  # matches shown under the picker: enough to choose from, short enough to read


class HouseholdPicker(QLineEdit):
    """A line to type a name, pinyin initials (``zg`` → 卓嘎) or 户编号 into; matches drop down, and
    Enter or a click chooses one. Typing again forgets the choice until another is made."""

    chosen = Signal(str)  # household id; "" when the choice was cleared

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("householdPicker")
        self.setPlaceholderText(tr("输入姓名、拼音首字母或户编号，从列表中选择"))
        self.setClearButtonEnabled(True)
        self._matches = QStandardItemModel(self)
        self._completer = QCompleter(self._matches, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.setWidget(self)
        # the overload that passes the chosen row (PySide's stubs do not type signal overloads)
        self._completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self._household_id = ""
        self.textEdited.connect(self._search)
        self.editingFinished.connect(self._settle)

    def household_id(self) -> str:
        return self._household_id

    def set_household(self, household_id: str, label: str) -> None:
        self.setText(label)
        self._choose(household_id)

    def clear_choice(self) -> None:
        self.clear()
        self._matches.clear()
        self._choose("")

    def matches(self) -> list[tuple[str, str]]:
        """(id, label) of the households the last search found."""
        return [
            (str(self._matches.item(r).data(self.IdRole)), self._matches.item(r).text())
            for r in range(self._matches.rowCount())
        ]

    def popup(self) -> QAbstractItemView:
        popup = self._completer.popup()
        if popup is None:  # a QCompleter always has one once it has a widget
            raise RuntimeError("the completer has no popup")
        return popup

    # --- private ---------------------------------------------------------------------------------------
    def _search(self, text: str) -> None:
        self._choose("")
        self._matches.clear()
        if not text.strip():
            self.popup().hide()
            return
        # only the matches shown are read (a common name finds thousands in a county)
        rows = search_households(
            self.ctx.ledger, text.strip(), village_id=self.ctx.village_id,
            all_villages=self.ctx.village_id is None, limit=PICKER_LIMIT,
        ).rows  # fmt: skip
        for row in rows:
            item = QStandardItem(household_label(row.number, row.head_name, row.group_name))
            item.setData(row.id, self.IdRole)
            self._matches.appendRow(item)
        if rows:
            self._completer.complete()
        else:
            self.popup().hide()

    def _activated(self, index: QModelIndex) -> None:
        self.set_household(str(index.data(self.IdRole)), str(index.data()))

    def _settle(self) -> None:
        """Leaving the line with one match (or an exact 户编号) typed chooses it without the list."""
        if self._household_id or not self.text().strip():
            return
        found = self.matches()
        exact = [m for m in found if m[1].split("　")[0] == self.text().strip()]
        if len(found) == 1 or len(exact) == 1:
            household_id, label = (exact or found)[0]
            self.set_household(household_id, label)

    def _choose(self, household_id: str) -> None:
        if household_id != self._household_id:
            self._household_id = household_id
            self.chosen.emit(household_id)


def household_label(number: str, head: str, group: str = "") -> str:
    return "　".join(part for part in (number, head, group) if part)
