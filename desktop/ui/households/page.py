"""农户: every household, found by name, pinyin initials, 户编号, ID number or phone, and filtered by
村民小组, category, checklist gap, monitoring status or "not visited in N days"."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import HOUSEHOLD_CATEGORIES, Dimension
from desktop.domain.errors import InvalidInput
from desktop.services.households.flags import ELIMINATED, MONITORED, HouseholdFlags
from desktop.ui.households.filter import ANY_GAP, Filters, HouseholdFilterProxy
from desktop.ui.households.table_model import (
    COL_MEMBERS,
    COL_NUMBER,
    COL_VILLAGE,
    HouseholdIdRole,
    HouseholdTableModel,
)
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error, show_info
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.jobs import Job, Progress
from desktop.ui.shell.page import Page
from desktop.ui.widgets.tables import read_only_table
from desktop.ui.widgets.xlsx_export import export_button, run_export

if TYPE_CHECKING:
    from desktop.services.context import Change, Ledger
    from desktop.services.households.households import HouseholdKeys
    from desktop.services.printing.jobs import PrintResult

_FITTED = (COL_NUMBER, COL_MEMBERS, COL_VILLAGE)
SEARCH_PLACEHOLDER = tr_noop("搜索姓名、拼音、户编号、身份证号或电话")
# long enough that typing "zhuoga" runs one query, short enough to feel immediate
SEARCH_DELAY_MS = 200


class HouseholdsPage(Page):
    watches = frozenset(
        {
            "household", "member", "income", "assessment", "monitoring", "visit", "household_event",
            "village", "policy_setting", "measure", "pairing",
        }
    )  # fmt: skip
    title = tr_noop("农户")
    object_name = "householdsPage"
    add_requested = Signal()
    count_up_to = 1000  # a search read a page at a time counts this many at most: 超过 1000 户

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("householdSearch")
        self.search_box.setPlaceholderText(tr_marked(SEARCH_PLACEHOLDER))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        self.count_label = QLabel()
        self.model = HouseholdTableModel(self)
        self.proxy = HouseholdFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._make_table()
        self._flags_cache: dict[str, HouseholdFlags] | None = None
        # numbers_sort_as_text of a village (None: all), until the ledger changes
        self._numbers_as_text: tuple[str | None, bool] | None = None
        self._found: tuple[int, bool] = (0, False)  # a search read a page at a time: (total, more)
        self._listed_search: str | None = None
        self.model.all_keys_read.connect(self._show_count)

        self.group_filter = _combo(tr("全部小组"), before_use=self._groups_needed)
        self.category_filter = _combo(tr("全部类别"), HOUSEHOLD_CATEGORIES)
        self.gap_filter = _combo(tr("全部核查情况"))
        self.gap_filter.addItem(tr("有短板或待核实"), ANY_GAP)
        for dimension in Dimension:
            self.gap_filter.addItem(
                tr("{dimension}未达标或待核实").format(dimension=tr_marked(dimension.value)), dimension.value
            )
        self.monitoring_filter = _combo(tr("全部监测状态"), (MONITORED, ELIMINATED))
        self.visit_filter = QSpinBox()
        self.visit_filter.setRange(0, 999)
        self.visit_filter.setSuffix(tr(" 天未走访"))
        self.visit_filter.setSpecialValueText(tr("不限走访"))
        self.show_phones = QCheckBox(tr("显示电话"))
        self.show_phones.toggled.connect(self.model.set_show_phones)
        ctx.locked.connect(lambda: self.show_phones.setChecked(False))  # shown on request, never kept
        for combo in (self.group_filter, self.category_filter, self.gap_filter, self.monitoring_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.visit_filter.valueChanged.connect(self._apply_filters)
        add_button = QPushButton(tr("新增农户…"))
        add_button.setObjectName("addHousehold")
        add_button.clicked.connect(self.add_requested.emit)
        import_button = QPushButton(tr("从 Excel 导入…"))
        import_button.setObjectName("openXlsxImport")
        import_button.clicked.connect(self._open_xlsx_import)
        self.export_button = export_button("exportHouseholds")
        self.export_button.setToolTip(tr("把下面的列表（按现在的搜索和筛选）导出为 Excel 表格"))
        self.export_button.clicked.connect(self.export_list)
        # batch actions on the households selected (Ctrl/Shift + click, Ctrl+A)
        self.group_button = QPushButton(tr("设村民小组…"))
        self.group_button.setObjectName("setGroup")
        self.group_button.setToolTip(tr("把选中的农户（按住 Ctrl 或 Shift 多选）放进一个村民小组，可撤销"))
        self.group_button.clicked.connect(lambda: self.set_group_of_selected())
        self.print_button = QPushButton(tr("打印所选"))
        self.print_button.setObjectName("printSelected")
        print_menu = QMenu(self.print_button)
        self.print_files_action = print_menu.addAction(tr("选中农户的一户一档…"))
        self.print_files_action.triggered.connect(lambda: self.print_selected(cards=False))
        self.print_cards_action = print_menu.addAction(tr("选中农户的明白卡…"))
        self.print_cards_action.triggered.connect(lambda: self.print_selected(cards=True))
        self.print_button.setMenu(print_menu)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.search_box.returnPressed.connect(self.refresh)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(add_button)
        top.addWidget(import_button)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()
        for widget in (self.group_filter, self.category_filter, self.gap_filter, self.monitoring_filter):
            filters.addWidget(widget)
        filters.addWidget(self.visit_filter)
        filters.addStretch(1)
        filters.addWidget(self.show_phones)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()  # below the list: what to do with the households selected, or the list
        actions.addWidget(self.group_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        layout.addLayout(actions)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)

    # --- public ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Query the service for the current search text and show the result, keeping the selection."""
        self._search_timer.stop()
        keep = self.selected_household_id()
        search = self.search_box.text().strip() or None
        first = self.ctx.first
        if first is not None and search is None:
            # the start: the list as read before the ledger opened (it opens meanwhile, off this thread)
            from desktop.services.first_screen import first_screen_rows

            self.model.set_keys(first.keys, functools.partial(first_screen_rows, first))
            self._listed_search = search
        else:
            self._list(search, keep)
        # all villages of a township together: which village each 001 卓嘎 is of
        self.table.setColumnHidden(COL_VILLAGE, not (self.ctx.is_township and self.ctx.village_id is None))
        self._fit_columns()
        self._fill_groups(sorted(group for group in self.model.group_names() if group))
        self._apply_filters()
        self._select(keep)

    def selected_household_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return str(index.siblingAtColumn(COL_NUMBER).data(HouseholdIdRole))

    def selected_household_ids(self) -> list[str]:
        """Every household selected in the list, in the order shown."""
        rows = sorted(self.table.selectionModel().selectedRows(COL_NUMBER), key=lambda index: index.row())
        return [str(index.data(HouseholdIdRole)) for index in rows]

    def _list(self, search: str | None, keep: str | None) -> None:
        """The households found by ``search`` (None: all), through the store (imported once the window
        is up, see services/first_screen); ``keep``: the household to keep selected."""
        from desktop.services.households.households import household_keys, household_rows, search_keys

        ledger = self.ctx.ledger
        village_id, every = self.ctx.village_id, self.ctx.village_id is None
        # a search's rows from the search index, as list_households(search=…) reads them
        rows = functools.partial(household_rows, ledger, from_index=bool(search))
        if search and self._by_pages():
            # the first keys found and how many (超过 1000 户), the rest as the view scrolls to them:
            # a common term finds a fifth of a county, and the screen shows 35
            # the same search again (an edit, a sync): as many rows as were there, and the one selected
            shown = self.model.rowCount() if search == self._listed_search else 0
            found = search_keys(
                ledger,
                search,
                village_id=village_id,
                all_villages=every,
                limit=self.model.key_page,
                count_up_to=self.count_up_to,
            )
            more = None
            if found.total > len(found.keys.ids):
                more = functools.partial(_more_keys, ledger, search, village_id)
            self._found = (found.total, found.more)
            self.model.set_key_pages(found.keys, more, rows, longest_village=found.longest_village)
            self.model.fetch_until(keep or "", shown)
        else:
            # the households' keys now (no member read), each row's cells when the view first shows it
            keys = household_keys(ledger, search=search, village_id=village_id, all_villages=every)
            self.model.set_keys(keys, rows)
        self._listed_search = search

    def set_group_of_selected(self, group: str | None = None) -> bool:
        """设村民小组…: the selected households into one group (asked for when not given); one 撤销."""
        chosen = self.selected_household_ids()
        if not chosen:
            show_error(self, InvalidInput(tr("请先在列表中选择农户（按住 Ctrl 或 Shift 可以多选）")))
            return False
        if group is None:
            groups = [self.group_filter.itemText(i) for i in range(1, self.group_filter.count())]
            group, ok = QInputDialog.getItem(
                self,
                tr("设村民小组"),
                tr("把选中的 {n} 户放进村民小组：").format(n=len(chosen)),
                groups,
                0,
                True,
            )
            if not ok:
                return False
        from desktop.services.households.batch import restore_groups, set_group

        ledger, before = self.ctx.ledger, dict[str, str | None]()

        def do() -> None:
            before.update(set_group(ledger, chosen, group))

        what = tr("{n} 户设为{group}").format(n=len(chosen), group=group)
        done = self.ctx.edit(self, what, do, lambda: restore_groups(ledger, before))
        if done:
            self.refresh()
        return done

    def print_selected(self, *, cards: bool, out: Path | None = None) -> Job | None:
        """The 一户一档 (one PDF, a bookmark per household) or the 明白卡 of the selected households."""
        chosen = self.selected_household_ids()
        if not chosen:
            show_error(self, InvalidInput(tr("请先在列表中选择农户（按住 Ctrl 或 Shift 可以多选）")))
            return None
        what = tr("明白卡") if cards else tr("一户一档")
        if out is None:
            name = tr("{what}-选中{n}户.pdf").format(what=what, n=len(chosen))
            picked, _ = QFileDialog.getSaveFileName(
                self, tr("打印{what}").format(what=what), str(Path.home() / name), tr("PDF 文件 (*.pdf)")
            )
            if not picked:
                return None
            out = Path(picked) if picked.lower().endswith(".pdf") else Path(picked + ".pdf")
        ledger, target = self.ctx.ledger, out
        # on use: the print jobs' modules are a sizeable part of a start that never prints
        from desktop.services.printing.jobs import print_cards, print_household_files

        def work(progress: Progress) -> PrintResult:
            if cards:
                return print_cards(ledger, target, chosen, progress=progress)
            return print_household_files(ledger, target, households=chosen, combined=True, progress=progress)

        def done(result: PrintResult) -> None:
            if not result.cancelled:
                show_info(
                    self, tr("已生成 {path}（{n} 户，{pages} 页）").format(
                        path=target, n=result.households, pages=result.pages
                    ),
                )  # fmt: skip

        return self.ctx.run(self, tr("正在生成{what}…").format(what=what), work, done)

    def shown_rows(self) -> tuple[list[str], list[list[str]]]:
        """The list as it is on the screen: its column titles and its rows, filtered and sorted."""
        header = self.table.horizontalHeader()
        columns = [
            column
            for column in (header.logicalIndex(v) for v in range(header.count()))
            if not self.table.isColumnHidden(column)
        ]
        horizontal = Qt.Orientation.Horizontal
        headers = [str(self.proxy.headerData(c, horizontal)) for c in columns]
        self.model.read_all()  # in one read, not a page at a time
        rows = [
            ["" if (value := self.proxy.index(r, c).data()) is None else str(value) for c in columns]
            for r in range(self.proxy.rowCount())
        ]
        return headers, rows

    def export_list(self) -> Job | None:
        """导出 Excel…: the list as filtered now, in the same columns."""
        from desktop.services.xlsx.exporting import export_list

        headers, rows = self.shown_rows()
        ledger, sheet = self.ctx.ledger, tr("农户")
        name = tr("农户列表-{day}.xlsx").format(day=self.ctx.ledger.today().isoformat())
        return run_export(
            self.ctx,
            self,
            tr("导出农户列表"),
            name,
            lambda path: export_list(ledger, path, sheet, headers, rows),
        )

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    # --- private -----------------------------------------------------------------------------------
    def _filters(self) -> Filters:
        return Filters(
            group=self.group_filter.currentData() or "",
            category=self.category_filter.currentData() or "",
            gap=self.gap_filter.currentData() or "",
            monitoring=self.monitoring_filter.currentData() or "",
            not_visited_days=self.visit_filter.value(),
        )

    def _apply_filters(self) -> None:
        filters = self._filters()
        flags: dict[str, HouseholdFlags] = {}
        if filters.needs_flags:
            if self._flags_cache is None:
                from desktop.services.households.flags import household_flags

                self._flags_cache = household_flags(self.ctx.ledger, village_id=self.ctx.village_id)
            flags = self._flags_cache
        if filters != Filters():
            self.model.load_all_keys()  # filtered over every household found
        self.proxy.set_filters(filters, flags, self.ctx.today())
        self._show_count()
        if self.proxy.rowCount() and self.selected_household_id() is None:
            self._select(None)

    def _show_count(self) -> None:
        total, more = self._found
        if not self.model.has_more_keys():
            self.count_label.setText(tr("共 {n} 户").format(n=self.proxy.rowCount()))
        elif more:
            self.count_label.setText(tr("超过 {n} 户").format(n=total))
        else:
            self.count_label.setText(tr("共 {n} 户").format(n=total))

    def _by_pages(self) -> bool:
        """Whether a search's keys may be read a page at a time: the list in its own order (户编号
        ascending), no filter (each is over every household found), and 户编号 whose order as text is
        the natural one the list shows."""
        if not self.proxy.in_list_order() or self._filters() != Filters():
            return False
        village_id = self.ctx.village_id
        if self._numbers_as_text is None or self._numbers_as_text[0] != village_id:
            from desktop.services.households.households import numbers_sort_as_text

            every = village_id is None
            sort_as_text = numbers_sort_as_text(self.ctx.ledger, village_id=village_id, all_villages=every)
            self._numbers_as_text = (village_id, sort_as_text)
        return self._numbers_as_text[1]

    def _groups_needed(self) -> None:
        """Before the 村民小组 filter shows its choices: those of every household found."""
        if self.model.has_more_keys():
            self.model.load_all_keys()
            self._fill_groups(sorted(group for group in self.model.group_names() if group))
            self._show_count()

    def _data_changed(self, change: Change) -> None:
        # before the refresh the change may bring: a 户编号 may be new, a gap closed, a visit recorded
        self._numbers_as_text = None
        self._flags_cache = None
        super()._data_changed(change)

    def _open_xlsx_import(self) -> None:
        # imported on use: the wizard brings openpyxl, a quarter of a second of every start otherwise
        from desktop.ui.xlsx_import.dialog import XlsxImportDialog

        XlsxImportDialog(self.ctx, self).open()

    def _fill_groups(self, groups: list[str]) -> None:
        current = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        self.group_filter.clear()
        self.group_filter.addItem(tr("全部小组"), "")
        for group in groups:
            self.group_filter.addItem(group, group)
        index = self.group_filter.findData(current)
        self.group_filter.setCurrentIndex(max(index, 0))
        self.group_filter.blockSignals(False)

    def _make_table(self) -> QTableView:
        table = read_only_table(self.proxy, "householdTable")
        # before enabling sorting, which sorts at once by the header's default: column 0 descending
        table.horizontalHeader().setSortIndicator(COL_NUMBER, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # batch actions
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # as wide as their longest text (see _fit_columns), measured from the keys: ResizeToContents
        # would read the cells of every row (a hidden table measures all 10,000)
        for column in _FITTED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.moveSection(header.visualIndex(COL_VILLAGE), 0)
        table.setColumnHidden(COL_VILLAGE, True)
        table.activated.connect(self._activated)
        return table

    def _fit_columns(self) -> None:
        header, metrics = self.table.horizontalHeader(), self.table.fontMetrics()
        margin = 2 * (self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 8
        longest = {
            COL_NUMBER: self.model.longest_number(),
            COL_MEMBERS: "999",
            COL_VILLAGE: self.model.longest_village(),
        }
        for column in _FITTED:
            text = metrics.horizontalAdvance(longest[column]) + margin
            header.resizeSection(column, max(text, header.sectionSizeFromContents(column).width()))

    def _select(self, household_id: str | None) -> None:
        if self.proxy.rowCount() == 0:
            return
        row = 0
        source = None if household_id is None else self.model.row_of(household_id)
        if source is not None:
            shown = self.proxy.mapFromSource(self.model.index(source, COL_NUMBER))
            if shown.isValid():
                row = shown.row()
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(self.proxy.index(row, COL_NUMBER), flags)

    def _activated(self) -> None:
        household_id = self.selected_household_id()
        if household_id is not None:
            self.household_requested.emit(household_id)

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


class _Combo(QComboBox):
    """A filter whose choices may be made when first needed: ``before_use`` is called before it shows
    them, takes the focus (the arrow keys choose) or turns with the wheel."""

    def __init__(self, before_use: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._before_use = before_use

    def _use(self) -> None:
        if self._before_use is not None:
            self._before_use()

    def showPopup(self) -> None:
        self._use()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._use()
        super().focusInEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._use()
        super().wheelEvent(event)


def _more_keys(
    ledger: Ledger, search: str, village_id: str | None, offset: int, limit: int | None
) -> HouseholdKeys:
    from desktop.services.households.households import search_keys

    every = village_id is None
    return search_keys(
        ledger, search, village_id=village_id, all_villages=every, offset=offset, limit=limit
    ).keys


def _combo(
    everything: str, values: tuple[str, ...] = (), *, before_use: Callable[[], None] | None = None
) -> QComboBox:
    combo = _Combo(before_use)
    # as wide as its longest choice when there is room, narrower (the list still shows every choice
    # whole) when a longer language would push the filter row past a 1366 px screen
    combo.setMinimumWidth(combo.fontMetrics().averageCharWidth() * 12)
    combo.addItem(everything, "")
    for value in values:
        combo.addItem(value, value)
    return combo
