"""One record field edited as a person expects: a drop-down with type-to-complete for a coded field (fed by
the national lists the importer reads), 是/否 for a yes-no field, a line for the rest; what is wrong shows
beside the field while typing, and nothing typed is erased: a refused value stays in the field, in red,
until the user corrects it or puts the stored value back with Esc."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

Check = Callable[[str], object]  # raises with a one-line reason when the text cannot be stored
ERROR_STYLE = "color: #c62828;"


def combo_for(choices: tuple[str, ...], *, blank: bool = True) -> QComboBox:
    """An editable drop-down over ``choices`` whose completer matches anywhere in a value (贫困 finds 脱贫
    不稳定户); typed text is never added to the list."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(([""] if blank else []) + list(choices))
    combo.setMaxVisibleItems(20)
    completer = QCompleter(list(choices), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


class FieldEditor(QWidget):
    """A field and its error line. ``committed(text)`` fires when the user is done with a changed value
    that passed ``check`` (Enter, leaving the field, picking from the list)."""

    committed = Signal(str)

    def __init__(self, name: str, check: Check, choices: tuple[str, ...] | None = None) -> None:
        super().__init__()
        self.setObjectName(f"editor_{name}")
        self._check = check
        self._stored = ""
        self.combo: QComboBox | None = None
        if choices is not None:
            self.combo = combo_for(choices)
            self.combo.setObjectName(f"field_{name}")
            line = self.combo.lineEdit()
            if line is None:  # an editable combo always has its line
                raise RuntimeError("an editable QComboBox without a line edit")
            self.line = line
            self.combo.activated.connect(lambda _index: self._finish())
        else:
            self.line = QLineEdit()
            self.line.setObjectName(f"field_{name}")
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self._finish)
        self.line.installEventFilter(self)
        self.error = QLabel("")
        self.error.setObjectName(f"error_{name}")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.combo if self.combo is not None else self.line)
        layout.addWidget(self.error)

    # --- what the window reads and sets ------------------------------------------------------------
    def text(self) -> str:
        return self.line.text().strip()

    def stored(self) -> str:
        return self._stored

    def pending(self) -> bool:
        """True while the field holds typed text that is not stored (refused, or not yet saved)."""
        return self.text() != self._stored

    def show_stored(self, text: str) -> None:
        """The stored value, unless the user is typing in the field or left a refused value in it."""
        typing = self.pending() and (self.line.hasFocus() or self.error.isVisible())
        self._stored = text
        if not typing:
            self._set_text(text)

    def set_read_only(self, read_only: bool, why: str = "") -> None:
        self.line.setReadOnly(read_only)
        if self.combo is not None:
            self.combo.setEnabled(not read_only)
        self.line.setToolTip(why if read_only else "")

    def refuse(self, reason: str) -> None:
        """Say beside the field why its text was not saved (the text stays)."""
        self.error.setText(reason)
        self.error.show()

    # --- reactions ---------------------------------------------------------------------------------
    def _set_text(self, text: str) -> None:
        if self.combo is not None:
            found = self.combo.findText(text, Qt.MatchFlag.MatchExactly)
            self.combo.setCurrentIndex(found)  # -1 for a value no longer offered (stored by an old version)
            if found < 0 or self.combo.currentText() != text:
                self.line.setText(text)
        else:
            self.line.setText(text)

    def _typed(self, text: str) -> None:
        text = text.strip()
        try:
            if text:
                self._check(text)
        except Exception as error:
            self.refuse(str(error))
        else:
            self.error.hide()

    def _finish(self) -> None:
        if self.line.isReadOnly():
            return
        text = self.text()
        self._typed(text)
        if self.error.isVisible() or text == self._stored:
            return
        self.committed.emit(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.line
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.pending()
        ):
            self.error.hide()  # Esc: the stored value back, what was typed dropped because the user said so
            self._set_text(self._stored)
            return True
        return super().eventFilter(watched, event)
