"""The main window: the village's household roster with search.

Minimal on purpose; the left navigation (概况 · 农户 · 走访 …) comes later and this roster becomes its
农户 page.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.households import list_households
from desktop.services.ledger import Ledger
from desktop.services.village_info import village_summary
from desktop.ui.household_table_model import (
    COL_MEMBERS,
    COL_NUMBER,
    HouseholdIdRole,
    HouseholdTableModel,
    SortRole,
)

SEARCH_PLACEHOLDER = "搜索姓名、拼音首字母、户编号、身份证号或电话"
# long enough that typing "zhuoga" runs one query, short enough to feel immediate
SEARCH_DELAY_MS = 200


class MainWindow(QMainWindow):
    household_activated = Signal(str)  # household id, on Enter or double-click in the roster

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ledger = ledger
        summary = village_summary(ledger)
        self.setWindowTitle(f"驻村台账 — {summary.name}")

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        self.count_label = QLabel()

        self.model = HouseholdTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = self._make_table()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.search_box.returnPressed.connect(self.refresh)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addSpacing(16)
        top.addWidget(self.count_label)
        layout = QVBoxLayout()
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

        self.status_label = QLabel(
            _status_text(ledger.device().user_name or "", summary.name, summary.township)
        )
        self.statusBar().addWidget(self.status_label)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)

        self.refresh()
        self.resize(1200, 700)

    # --- public --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Query the service for the current search text and show the result, keeping the selection."""
        self._search_timer.stop()
        keep = self.selected_household_id()
        rows = list_households(self._ledger, search=self.search_box.text().strip() or None)
        self.model.set_rows(rows)
        self.count_label.setText(f"共 {len(rows)} 户")
        self._select(keep)

    def selected_household_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return str(index.siblingAtColumn(COL_NUMBER).data(HouseholdIdRole))

    # --- private -------------------------------------------------------------------------------
    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        # before enabling sorting, which sorts at once by the header's default: column 0 descending
        table.horizontalHeader().setSortIndicator(COL_NUMBER, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table instead of walking its cells
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (COL_NUMBER, COL_MEMBERS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.activated.connect(self._activated)
        return table

    def _select(self, household_id: str | None) -> None:
        if self.proxy.rowCount() == 0:
            return
        row = 0
        if household_id is not None:
            hits = self.proxy.match(
                self.proxy.index(0, COL_NUMBER), HouseholdIdRole, household_id, 1, Qt.MatchFlag.MatchExactly
            )
            if hits:
                row = hits[0].row()
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(self.proxy.index(row, COL_NUMBER), flags)

    def _activated(self) -> None:
        household_id = self.selected_household_id()
        if household_id is not None:
            self.household_activated.emit(household_id)

    def _focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # from the search box, Down goes to the roster and Escape clears the search
        if (
            watched is self.search_box
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if event.key() == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                self.refresh()
                return True
        return super().eventFilter(watched, event)


def _status_text(user: str, village: str, township: str) -> str:
    place = f"{township} {village}".strip()
    return f"使用人：{user}　　村：{place}"
