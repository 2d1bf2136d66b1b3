"""Undo for edits: each is a pair of service calls (do, undo), and undoing is itself a logged edit
that syncs like any other — nothing is ever rewritten in place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from desktop.ui.shell.dialogs import show_error


class ServiceEdit(QUndoCommand):
    def __init__(self, text: str, do: Callable[[], Any], undo: Callable[[], Any]) -> None:
        super().__init__(text)
        self._do, self._undo = do, undo
        self._skip_first_redo = False

    def redo_first(self) -> None:
        """Run the edit once before pushing (so a refusal can be shown and nothing pushed)."""
        self._do()
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        try:
            self._do()
        except Exception as error:
            show_error(None, error)
            self.setObsolete(True)

    def undo(self) -> None:
        try:
            self._undo()
        except Exception as error:
            show_error(None, error)
            self.setObsolete(True)
