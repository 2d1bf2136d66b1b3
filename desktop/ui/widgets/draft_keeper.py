"""A form's draft (services/drafts.py) as a page keeps it: written a moment after each change, removed
when the form holds nothing unsaved, offered back once at start after a crash or a power cut.
The 走访 and 日志 pages share it; each says what its draft holds and how it is put back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QWidget

from desktop.services.drafts import discard_draft, load_draft, save_draft
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import confirm

DELAY_MS = 600  # the draft is written this long after the last change (one write per pause)

Draft = dict[str, Any]


class DraftKeeper(QObject):
    def __init__(self, ctx: UiContext, name: str, draft: Callable[[], Draft | None], parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.name = name
        self.draft = draft  # what the form holds unsaved; None: nothing
        self.ready = False  # not before the kept draft was offered: it would be overwritten
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.keep)

    def watch(self, *signals: SignalInstance) -> None:
        """Each of ``signals`` (a field changed) keeps the draft a moment later."""
        for signal in signals:
            signal.connect(self.timer.start)

    def keep(self) -> None:
        """Write the draft now; a form with nothing unsaved removes it."""
        self.timer.stop()
        if not self.ready:
            return
        draft = self.draft()
        try:
            if draft is None:
                discard_draft(self.ctx.ledger, self.name)
            else:
                save_draft(self.ctx.ledger, self.name, draft)
        except OSError:
            pass  # a full disk: the form itself is still there; saving it will say what is wrong

    def offer(self, question: Callable[[Draft], str], restore: Callable[[Draft], None]) -> bool:
        """At start, once: a draft left by a crash is offered; 是 puts it back with ``restore``."""
        if self.ready:
            return False
        kept = load_draft(self.ctx.ledger, self.name)
        restored = False
        parent = self.parent()
        if kept is not None and confirm(parent if isinstance(parent, QWidget) else None, question(kept)):
            restore(kept)
            restored = True
        self.ready = True
        self.keep()  # a refused draft is removed; a restored one stays kept until saved
        return restored
