"""家庭成员 as a spreadsheet: every member field the 一户一档 prints is a column, coded columns edit through
a drop-down with type-to-complete fed by the importer's lists, and the keyboard works as in Excel.

- Tab / Shift+Tab move to the next / previous cell, Enter / Shift+Enter to the next / previous row, also
  while a cell is being edited (the typed value is saved first). Typing on a cell starts editing it.
- Ctrl+C copies the selected cells as tab-separated text (what the cells show: ID and phone numbers
  stay masked until 显示证件号码和电话 is ticked). Ctrl+V pastes tab-separated text (from Excel or WPS)
  from the selected cell on; one value pasted on several selected cells fills them all. Ctrl+D fills
  the selection down with its top cell (one selected cell: with the cell above). Delete empties the
  selected cells. Each paste, fill or deletion is ONE undo step: Ctrl+Z takes it all back.
- A paste never creates members: rows past the last member are not pasted, and the line under the
  grid says how many (new members are added with 添加成员 below the grid, then pasted into). This keeps
  one paste one undo step, and nobody is added to a household by a stray extra line of a selection.
- A value that cannot be stored is refused in its cell, never in a message box: the cell keeps what was
  typed, in red, with the reason as its tooltip, and the line under the grid names the member and the
  field. The other cells of a paste are saved. Esc on a refused cell puts the stored value back; a
  corrected value replaces the refusal.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.fields import label
from desktop.domain.masking import mask_id_number, mask_numbers_in, mask_phone
from desktop.services.households.field_input import editable_fields, field_choices, parse_value
from desktop.services.households.members import add_member, edit_member
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import error_text
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.undo import ServiceEdit
from desktop.ui.widgets.field_editor import ERROR_STYLE, combo_for
from desktop.ui.widgets.record_table_model import AnyIndex, Column, RecordTableModel

# the member fields of the printed 一户一档, in its order (年龄 follows from the birth date), and the phone
MEMBER_FIELDS: tuple[str, ...] = (
    "name", "sex", "relation", "id_number", "birth_date", "age", "ethnicity", "political_status",
    "education", "schooling", "school_name", "health", "disability", "labour", "work_status", "work_months",
    "medical_insurance", "serious_illness_insurance", "pension_insurance", "family_doctor", "chronic_card",
    "dibao", "tekun", "soldier", "phone", "note",
)  # fmt: skip
MASKS: dict[str, Callable[[str], str]] = {"id_number": mask_id_number, "phone": mask_phone}
_EDITABLE = set(editable_fields("member"))
MEMBER_COLUMNS: tuple[Column, ...] = tuple(
    Column(
        field,
        tr_noop("年龄") if field == "age" else label("member", field),
        field in _EDITABLE,
        mask=MASKS.get(field),
    )
    for field in MEMBER_FIELDS
)
# within one row a new ID number is stored first: it brings its own sex and birth date
_FIRST = ("id_number",)
REFUSED_BACKGROUND = QColor("#ffcdd2")
REFUSED_TEXT = QColor("#b71c1c")
TYPING_STYLE = "background: #ffebee; color: #b71c1c;"
_SHOWN_REFUSALS = 6  # the error line names this many refused cells, then says how many more


@dataclass(frozen=True)
class Refusal:
    text: str  # what was typed (or pasted), kept in the cell
    reason: str


class MemberGridModel(RecordTableModel):
    """The members with refused cells on top: a refused cell shows what was typed, in red, with why."""

    def __init__(self, grid: MemberGrid) -> None:
        super().__init__(MEMBER_COLUMNS, parent=grid)
        self._grid = grid
        self.refused: dict[tuple[str, str], Refusal] = {}

    def field_at(self, column: int) -> str:
        return self.columns[column].field

    def refusal(self, index: AnyIndex) -> Refusal | None:
        if not index.isValid():
            return None
        return self.refused.get((self.row_at(index.row())["id"], self.field_at(index.column())))

    def locked(self, column: int) -> bool:
        """A masked column while masked: read only (its whole value is shown and edited on request)."""
        return self.masked() and self.columns[column].mask is not None

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """The same members are updated in place, or moved as a layout change when their order changed
        (the current cell, the selection and an open editor stay with their member); members added or
        gone reset the table, and the grid puts the current cell back on its member."""
        ids = [r.get("id") for r in rows]
        before = [r.get("id") for r in self._rows]
        if ids and ids == before:
            self._rows = [dict(r) for r in rows]
            self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(self.columns) - 1))
            return
        if ids and sorted(map(str, ids)) == sorted(map(str, before)):
            # the same members in a new order (a new ID number moves its birth date): a layout change, so
            # an open editor, the current cell and the selection follow their member (a reset would
            # drop the editor in the middle of saving it)
            self.layoutAboutToBeChanged.emit()
            position = {member_id: row for row, member_id in enumerate(ids)}
            kept = self.persistentIndexList()
            moved = [self.index(position[before[i.row()]], i.column()) for i in kept]
            self._rows = [dict(r) for r in rows]
            self.changePersistentIndexList(kept, moved)
            self.layoutChanged.emit()
            return
        alive = set(ids)
        self.refused = {key: value for key, value in self.refused.items() if key[0] in alive}
        super().set_rows(rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        refusal = self.refusal(index)
        if refusal is not None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return self.masked_text(index.column(), refusal.text)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.masked_reason(refusal.reason)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(REFUSED_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(REFUSED_TEXT)
        if role == Qt.ItemDataRole.EditRole and index.isValid() and self.locked(index.column()):
            return super().data(index, Qt.ItemDataRole.DisplayRole)  # never the whole number while masked
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and self.locked(index.column()):
            return tr("勾选“显示证件号码和电话”后可查看和修改")
        return super().data(index, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.columns[index.column()].editable and not self.locked(index.column()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = self.field_at(index.column())
        what = tr("修改成员{field}").format(field=tr_marked(label("member", field)))
        return self._grid.write_cells([(index.row(), index.column(), str(value))], what) > 0

    def masked_text(self, column: int, text: str) -> str:
        """A typed number as the column shows it: masked while masked (the window may have been locked
        since it was typed)."""
        mask = self.columns[column].mask
        return mask(text) if mask is not None and self.masked() and text else text

    def masked_reason(self, reason: str) -> str:
        return mask_numbers_in(reason) if self.masked() else reason

    def set_masked(self, masked: bool) -> None:
        super().set_masked(masked)
        self._grid.show_errors()

    def stored_text(self, row: int, column: int) -> str:
        """A cell's stored value as typed into an edit (no refusal)."""
        return str(super().data(self.index(row, column), Qt.ItemDataRole.EditRole) or "")

    def shown_text(self, row: int, column: int) -> str:
        return str(self.data(self.index(row, column), Qt.ItemDataRole.DisplayRole) or "")


class CellDelegate(QStyledItemDelegate):
    """A drop-down with type-to-complete for a coded column, a line for the others; Tab, Shift+Tab, Enter
    save and move on, Esc leaves the cell as it was (and drops a refusal)."""

    def __init__(self, grid: MemberGrid) -> None:
        super().__init__(grid)
        self._grid = grid

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        if self._grid.model.refusal(index) is not None:  # still red when selected
            option.palette.setColor(QPalette.ColorRole.Highlight, REFUSED_TEXT)
            option.palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        field = self._grid.model.field_at(index.column())
        choices = field_choices("member", field)
        editor: QWidget
        if choices is not None:
            combo = combo_for(choices)
            combo.setParent(parent)
            line = combo.lineEdit()
            assert line is not None
            editor = combo
        else:
            line = QLineEdit(parent)
            editor = line
        editor.setObjectName(f"cell_{field}")
        line.textEdited.connect(partial(self._grid.typing, QPersistentModelIndex(index), line))
        if line is not editor:
            line.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        filled = editor.property("filled")
        shown = editor.currentText() if isinstance(editor, QComboBox) else getattr(editor, "text", str)()
        if filled is not None and shown != filled:
            return  # the ledger read again (another window, a sync) never overwrites what is being typed
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setProperty("filled", text)
        if isinstance(editor, QComboBox):
            found = editor.findText(text, Qt.MatchFlag.MatchExactly) if text else -1
            editor.setCurrentIndex(found)
            line = editor.lineEdit()
            if line is not None:
                if line.text() != text:
                    line.setText(text)
                line.selectAll()  # a key typed on the cell replaces its value, as in Excel
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        text = editor.currentText() if isinstance(editor, QComboBox) else getattr(editor, "text", str)()
        if text.strip() == str(index.data(Qt.ItemDataRole.EditRole) or "").strip():
            return  # unchanged (a refused cell left as it was stays refused)
        model.setData(index, text, Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            editor: QObject | None = watched
            if isinstance(watched, QLineEdit) and isinstance(watched.parent(), QComboBox):
                editor = watched.parent()
            key = event.key()
            if isinstance(editor, QWidget) and key in (
                Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter,
            ):  # fmt: skip
                back = key == Qt.Key.Key_Backtab or bool(
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                )
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                self._grid.step(across=key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab), back=back)
                return True
            if isinstance(editor, QWidget) and key == Qt.Key.Key_Escape:
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.RevertModelCache)
                self._grid.forget_refusals([self._grid.view.currentIndex()])
                return True
        if watched is not None and isinstance(watched, QLineEdit) and isinstance(watched.parent(), QComboBox):
            return False  # the combo itself gets the delegate's usual handling
        return super().eventFilter(watched, event)


class GridView(QTableView):
    """The keys of a spreadsheet on a table that is not being edited."""

    def __init__(self, grid: MemberGrid) -> None:
        super().__init__()
        self._grid = grid

    def keyPressEvent(self, event: QKeyEvent) -> None:
        grid = self._grid
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if event.matches(QKeySequence.StandardKey.Copy):
            grid.copy()
        elif event.matches(QKeySequence.StandardKey.Paste):
            grid.paste()
        elif ctrl and key == Qt.Key.Key_D:
            grid.fill_down()
        elif event.matches(QKeySequence.StandardKey.Undo):
            grid.ctx.undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo) or (ctrl and key == Qt.Key.Key_Y):
            grid.ctx.undo_stack.redo()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            grid.step(across=False, back=bool(mods & Qt.KeyboardModifier.ShiftModifier))
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not ctrl:
            grid.clear_cells()
        elif key == Qt.Key.Key_Escape and grid.model.refused:
            grid.forget_refusals(self.selectedIndexes() or [self.currentIndex()])
        else:
            super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Chinese committed on a cell that is not being edited starts editing it with that text (Qt drops
        a commit that comes without a pre-edit, as some input methods send it)."""
        index = self.currentIndex()
        if (
            self.state() != QAbstractItemView.State.EditingState
            and event.commitString()
            and not event.preeditString()
            and index.isValid()
            and self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event)
        ):
            widget = self.indexWidget(index)
            target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
            if target is not None:
                if isinstance(target, QLineEdit):
                    target.selectAll()
                QApplication.sendEvent(target, event)
                target.setFocus()
            return
        super().inputMethodEvent(event)


class MemberGrid(QWidget):
    """The 家庭成员 tab: the grid, the line naming what was not saved, and the row that adds a member."""

    def __init__(self, ctx: UiContext, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.model = MemberGridModel(self)
        self.view = GridView(self)
        self.view.setObjectName("memberTable")
        self.view.setModel(self.model)
        self.view.setItemDelegate(CellDelegate(self))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setTabKeyNavigation(True)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_current)
        self._current: tuple[str, int] | None = None
        self._typing: str = ""  # what is wrong with the text being typed in a cell, if anything
        self._notes: list[str] = []  # said about the last paste (rows or columns that did not fit)
        self.error_line = QLabel("")
        self.error_line.setObjectName("memberGridError")
        self.error_line.setStyleSheet(ERROR_STYLE)
        self.error_line.setWordWrap(True)
        self.error_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_line.hide()
        hint = QLabel(
            tr("Tab、回车移到下一格；Ctrl+C 复制、Ctrl+V 从 Excel 粘贴、Ctrl+D 向下填充，Ctrl+Z 整步撤销")
        )
        hint.setObjectName("memberGridHint")
        hint.setStyleSheet("color: #666;")
        self.new_member_name = QLineEdit()
        self.new_member_name.setObjectName("newMemberName")
        self.new_member_name.setPlaceholderText(tr("姓名"))
        self.new_member_relation = combo_for(field_choices("member", "relation") or ())
        self.new_member_relation.setObjectName("newMemberRelation")
        relation_line = self.new_member_relation.lineEdit()
        assert relation_line is not None
        relation_line.setPlaceholderText(tr("与户主关系"))
        self.new_member_relation.setMinimumContentsLength(8)
        self.new_member_id = QLineEdit()
        self.new_member_id.setObjectName("newMemberId")
        self.new_member_id.setPlaceholderText(tr("证件号码"))
        add = QPushButton(tr("添加成员"))
        add.setObjectName("addMember")
        add.clicked.connect(self.add_member)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error_line)
        layout.addWidget(hint)
        row = QHBoxLayout()
        for widget in (self.new_member_name, self.new_member_relation, self.new_member_id):
            row.addWidget(widget)
        row.addWidget(add)
        layout.addLayout(row)

    # --- what the window reads ---------------------------------------------------------------------
    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        self.show_errors()

    def unsaved(self) -> list[str]:
        """The refused cells, as 成员·字段 (what closing the window would drop)."""
        return [
            f"{self._member_name(mid)}·{tr_marked(label('member', field))}"
            for mid, field in self.model.refused
        ]

    def error_text(self) -> str:
        return "" if self.error_line.isHidden() else self.error_line.text()

    # --- writing cells -----------------------------------------------------------------------------
    def write_cells(self, cells: Sequence[tuple[int, int, str]], what: str) -> int:
        """Store typed or pasted texts ``(row, column, text)`` as ONE undo step; a cell that cannot be
        stored keeps its text as refused, with the reason. Returns how many cells were saved."""
        model = self.model
        self._typing = ""  # the cell being typed in is done: saved or refused below
        pending: list[tuple[str, str, str, Any, Any]] = []  # member id, field, text, new value, old text
        refused: dict[tuple[str, str], Refusal] = {}
        ordered = sorted(cells, key=lambda c: (c[0], model.field_at(c[1]) not in _FIRST, c[1]))
        for row, column, raw in ordered:
            record, col = model.row_at(row), model.columns[column]
            key, text = (record["id"], col.field), raw.strip()
            stored = model.stored_text(row, column)
            shown = str(
                RecordTableModel.data(model, model.index(row, column), Qt.ItemDataRole.DisplayRole) or ""
            )
            if text in (stored, shown):
                model.refused.pop(key, None)  # the stored value typed back: nothing to change or refuse
                continue
            field_name = tr_marked(col.label)
            if not col.editable:
                if not text:
                    continue  # an empty cell pasted over 年龄 (it follows from the birth date)
                refused[key] = Refusal(raw, tr("{field}不能直接修改").format(field=field_name))
                continue
            if model.locked(column):
                refused[key] = Refusal(
                    raw, tr("勾选“显示证件号码和电话”后才能修改{field}").format(field=field_name)
                )
                continue
            try:
                value = parse_value("member", col.field, text)
            except UserError as error:
                refused[key] = Refusal(raw, error_text(error))
                continue
            pending.append((record["id"], col.field, raw, value, stored))
        # the stored sex and birth date of the rows, as they were (a new ID number changes them)
        before = {
            (model.row_at(row)["id"], other): model.stored_text(row, MEMBER_FIELDS.index(other))
            for row in {c[0] for c in cells}
            for other in ("sex", "birth_date")
        }
        accepted: list[tuple[str, str, Any]] = []
        olds: dict[str, dict[str, Any]] = {}  # member id -> the stored values the step takes back

        def first() -> None:
            by_member: dict[str, list[tuple[str, str, Any]]] = {}
            for member_id, field, raw, value, _old in pending:
                by_member.setdefault(member_id, []).append((field, raw, value))
            for member_id, changes in by_member.items():
                try:  # a member's cells in one write; refused, they are tried one by one
                    edit_member(self.ctx.ledger, member_id, {field: value for field, _raw, value in changes})
                except UserError:
                    pass
                else:
                    accepted.extend((member_id, field, value) for field, _raw, value in changes)
                    continue
                for field, raw, value in changes:
                    try:
                        edit_member(self.ctx.ledger, member_id, {field: value})
                    except UserError as error:
                        refused[(member_id, field)] = Refusal(raw, error_text(error))
                        continue
                    accepted.append((member_id, field, value))
            for member_id, field, _raw, _value, old in pending:
                if (member_id, field) in refused:
                    continue
                back = olds.setdefault(member_id, {})
                back.setdefault(field, parse_value("member", field, old))
                if field == "id_number":  # its sex and birth date came with it
                    for other in ("sex", "birth_date"):
                        back.setdefault(other, parse_value("member", other, before[(member_id, other)]))

        def again() -> None:
            by_member: dict[str, dict[str, Any]] = {}
            for member_id, field, value in accepted:
                by_member.setdefault(member_id, {})[field] = value
            for member_id, values in by_member.items():
                edit_member(self.ctx.ledger, member_id, values)

        def back() -> None:
            for member_id, values in reversed(olds.items()):
                edit_member(self.ctx.ledger, member_id, values)

        ran = False

        def do() -> None:
            nonlocal ran
            if ran:
                again()
            else:
                ran = True
                first()

        command = ServiceEdit(what, do, back)
        command.redo_first()  # refusals are caught cell by cell: nothing else is expected to raise
        for member_id, field, _value in accepted:
            model.refused.pop((member_id, field), None)
        model.refused.update(refused)
        if accepted:
            # pushed as one step (its first redo is skipped: it ran); the push reports the change, and
            # the window reads the members again
            self.ctx.undo_stack.push(command)
        if model.rowCount():
            model.dataChanged.emit(
                model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1)
            )
        self.show_errors()
        return len(accepted)

    def forget_refusals(self, indexes: Sequence[QModelIndex]) -> None:
        """Esc: the stored values back in refused cells (what was typed dropped because the user said so)."""
        dropped = False
        for index in indexes:
            if not index.isValid():
                continue
            key = (self.model.row_at(index.row())["id"], self.model.field_at(index.column()))
            if self.model.refused.pop(key, None) is not None:
                dropped = True
                self.model.dataChanged.emit(index, index)
        if dropped or self._typing:
            self._typing = ""
            self.show_errors()

    def typing(self, index: QPersistentModelIndex, line: QLineEdit, text: str) -> None:
        """While a cell is being typed in, what is wrong with it shows under the grid (and the cell is red)."""
        self._typing = ""
        if index.isValid() and text.strip():
            field = self.model.field_at(index.column())
            try:
                parse_value("member", field, text)
            except UserError as error:
                self._typing = f"{self._member_name(self.model.row_at(index.row())['id'])}·" + error_text(
                    error
                )
        if shiboken6.isValid(line):
            line.setStyleSheet(TYPING_STYLE if self._typing else "")
        self.show_errors()

    # --- keys --------------------------------------------------------------------------------------
    def step(self, *, across: bool, back: bool) -> None:
        """To the next (or previous) cell of the row, wrapping to the next row; or to the next row."""
        view, model = self.view, self.model
        current = view.currentIndex()
        self._typing = ""
        self.show_errors()
        view.setFocus()
        if not current.isValid() or model.rowCount() == 0:
            return
        row, column = current.row(), current.column()
        if across:
            flat = row * model.columnCount() + column + (-1 if back else 1)
            flat = max(0, min(flat, model.rowCount() * model.columnCount() - 1))
            row, column = divmod(flat, model.columnCount())
        else:
            row = max(0, min(row + (-1 if back else 1), model.rowCount() - 1))
        target = model.index(row, column)
        view.selectionModel().setCurrentIndex(target, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        view.scrollTo(target)

    def copy(self) -> None:
        """The selected cells as tab-separated lines, as Excel copies them (what the cells show)."""
        indexes = self.view.selectedIndexes() or [self.view.currentIndex()]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        out = io.StringIO()
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        for row in range(rows[0], rows[-1] + 1):
            writer.writerow(
                [
                    self.model.shown_text(row, column) if (row, column) in chosen else ""
                    for column in range(columns[0], columns[-1] + 1)
                ]
            )
        QGuiApplication.clipboard().setText(out.getvalue())

    def paste(self) -> None:
        """Tab-separated text (from Excel) from the selected cell on, as one undo step."""
        grid = _parse_tsv(QGuiApplication.clipboard().text())
        if not grid:
            return
        if self.model.rowCount() == 0:
            self._notes = [tr("这一户还没有成员，没有粘贴：请先用“添加成员”加入，再粘贴")]
            self.show_errors()
            return
        selected = [i for i in self.view.selectedIndexes() if i.isValid()]
        current = self.view.currentIndex()
        cells: list[tuple[int, int, str]] = []
        self._notes = []
        if len(grid) == 1 and len(grid[0]) == 1 and len(selected) > 1:
            cells = [(i.row(), i.column(), grid[0][0]) for i in selected]
        else:
            top = min((i.row() for i in selected), default=current.row())
            left = min((i.column() for i in selected), default=current.column())
            if top < 0 or left < 0:
                return
            rows_out = max(0, top + len(grid) - self.model.rowCount())
            columns_out = max(0, left + max(len(r) for r in grid) - self.model.columnCount())
            for r, values in enumerate(grid):
                for c, text in enumerate(values):
                    if top + r < self.model.rowCount() and left + c < self.model.columnCount():
                        cells.append((top + r, left + c, text))
            if rows_out:
                self._notes.append(
                    tr(
                        "粘贴的内容比成员多 {n} 行，多出的行没有粘贴：新成员请先用“添加成员”加入，再粘贴"
                    ).format(n=rows_out)
                )
            if columns_out:
                self._notes.append(tr("粘贴的内容超出最后一列 {n} 列，超出的没有粘贴").format(n=columns_out))
        self.write_cells(cells, tr("粘贴到家庭成员（{n} 格）").format(n=len(cells)))
        self._select_block(cells)

    def fill_down(self) -> None:
        """Each selected column takes the value of its top selected cell (one cell: of the cell above)."""
        selected = [i for i in self.view.selectedIndexes() if i.isValid()]
        if not selected and self.view.currentIndex().isValid():
            selected = [self.view.currentIndex()]
        by_column: dict[int, list[int]] = {}
        for index in selected:
            by_column.setdefault(index.column(), []).append(index.row())
        cells: list[tuple[int, int, str]] = []
        for column, rows in by_column.items():
            rows.sort()
            if len(rows) == 1:
                if rows[0] == 0:
                    continue
                source = rows[0] - 1
            else:
                source = rows.pop(0)
            text = str(self.model.index(source, column).data(Qt.ItemDataRole.EditRole) or "")
            cells += [(row, column, text) for row in rows]
        self._notes = []
        if cells:
            self.write_cells(cells, tr("向下填充家庭成员（{n} 格）").format(n=len(cells)))

    def clear_cells(self) -> None:
        selected = [i for i in self.view.selectedIndexes() if i.isValid()]
        cells = [(i.row(), i.column(), "") for i in selected if self.model.columns[i.column()].editable]
        self._notes = []
        if cells:
            self.write_cells(cells, tr("清空家庭成员（{n} 格）").format(n=len(cells)))

    # --- adding a member ---------------------------------------------------------------------------
    def add_member(self) -> None:
        """The member of the row under the grid; what is wrong shows on the line under the grid and the
        typed values stay."""
        fields: dict[str, Any] = {}
        self._notes = []
        try:
            fields["name"] = self.new_member_name.text().strip()
            if not fields["name"]:
                raise UserError(tr("新成员需要姓名"))
            relation = self.new_member_relation.currentText().strip()
            fields["relation"] = parse_value("member", "relation", relation) if relation else None
            if self.new_member_id.text().strip():
                fields["id_number"] = parse_value("member", "id_number", self.new_member_id.text())
        except UserError as error:
            self._notes = [tr("新成员没有添加：{reason}").format(reason=error_text(error))]
            self.show_errors()
            return

        def action() -> Any:
            try:
                return add_member(self.ctx.ledger, self.household_id, fields)
            except UserError as error:
                return error

        done = self.ctx.write(self, action)
        if isinstance(done, UserError):
            self._notes = [tr("新成员没有添加：{reason}").format(reason=error_text(done))]
        elif done is not None:
            self.new_member_name.clear()
            self.new_member_relation.setCurrentIndex(0)
            self.new_member_relation.setEditText("")
            self.new_member_id.clear()
        self.show_errors()

    # --- private -----------------------------------------------------------------------------------
    def _member_name(self, member_id: str) -> str:
        for row in range(self.model.rowCount()):
            record = self.model.row_at(row)
            if record["id"] == member_id:
                return str(record.get("name") or tr("成员"))
        return tr("成员")

    def show_errors(self) -> None:
        lines = list(self._notes)
        if self._typing:
            lines.append(self._typing)
        refused = list(self.model.refused.items())
        if refused:
            named = [
                f"{self._member_name(mid)}·{tr_marked(label('member', field))}"
                f"“{self.model.masked_text(MEMBER_FIELDS.index(field), r.text)}”："
                f"{self.model.masked_reason(r.reason)}"
                for (mid, field), r in refused[:_SHOWN_REFUSALS]
            ]
            more = len(refused) - _SHOWN_REFUSALS
            text = tr("未保存（改正后重新输入，或按 Esc 放弃）：") + "；".join(named)
            if more > 0:
                text += tr("；另有 {n} 格").format(n=more)
            lines.append(text)
        self.error_line.setText("\n".join(lines))
        self.error_line.setVisible(bool(lines))

    def _select_block(self, cells: Sequence[tuple[int, int, str]]) -> None:
        if not cells:
            return
        model = self.model
        top, left = min(c[0] for c in cells), min(c[1] for c in cells)
        bottom, right = max(c[0] for c in cells), max(c[1] for c in cells)
        selection = self.view.selectionModel()
        selection.setCurrentIndex(model.index(top, left), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        for row in range(top, bottom + 1):
            for column in range(left, right + 1):
                selection.select(model.index(row, column), QItemSelectionModel.SelectionFlag.Select)

    def _remember_current(self) -> None:
        current = self.view.currentIndex()
        self._current = (
            (self.model.row_at(current.row())["id"], current.column()) if current.isValid() else None
        )

    def _restore_current(self) -> None:
        if self._current is None:
            return
        member_id, column = self._current
        for row in range(self.model.rowCount()):
            if self.model.row_at(row)["id"] == member_id:
                index = self.model.index(row, column)
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                return


def _parse_tsv(text: str) -> list[list[str]]:
    """Excel's clipboard text: rows by line (CRLF), cells by tab, quoted cells holding line breaks."""
    if not text:
        return []
    rows = [list(r) for r in csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter="\t")]
    while rows and all(not cell for cell in rows[-1]):
        rows.pop()  # the line break Excel puts after the last row
    return rows
