"""Taking a write back (撤销) and doing it again (重做), exactly: a household event, a diary entry.

An event such as 分户 creates records and changes others. The window's undo cannot run the event
backwards by its own rules (a 分户 undone and redone would find its new 户编号 taken), so the event is
recorded while it is written: the value each changed field had before and after, and the records it
created. Undoing writes the old values back and archives what was created (nothing synced is ever
deleted; a household created by a 分户 gives its 户编号 back); redoing writes the new values again and restores what was created. Both are ordinary
operations in the change log, so the history shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.store.base import Synced
from desktop.store.models import Household
from desktop.store.writer import ChangeWriter

UNDONE = "登记有误，已撤销"


@dataclass
class Reversal:
    """What one event wrote, in order."""

    # (model, id, fields it gives up while undone: a household's 户编号, free to be used again)
    created: list[tuple[type[Synced], str, dict[str, Any]]] = field(default_factory=list)
    # (model, id, fields before, fields after), only the fields whose value changed
    changed: list[tuple[type[Synced], str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.created and not self.changed


class RecordingWriter(ChangeWriter):
    """A change writer that also notes into a :class:`Reversal` what it wrote."""

    def __init__(self, session: Session, reversal: Reversal) -> None:
        super().__init__(session)
        self.reversal = reversal

    def create(
        self,
        model: type[Synced],
        fields: dict[str, Any],
        record_id: str | None = None,
        *,
        known_new: bool = False,
    ) -> str:
        rid = super().create(model, fields, record_id, known_new=known_new)
        held = {"number": fields["number"]} if model is Household and fields.get("number") else {}
        self.reversal.created.append((model, rid, held))
        return rid

    def update(self, model: type[Synced], record_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        row = self.session.get(model, record_id)
        before = {name: getattr(row, name) for name in changes} if row is not None else {}
        changed = super().update(model, record_id, changes)
        if changed:
            self.reversal.changed.append(
                (model, record_id, {name: before[name] for name in changed}, dict(changed))
            )
        return changed


def writer_for(session: Session, reversal: Reversal | None) -> ChangeWriter:
    return ChangeWriter(session) if reversal is None else RecordingWriter(session, reversal)


def take_back(ledger: Ledger, reversal: Reversal) -> None:
    """撤销: the fields get their old values (last change first), created records are archived; a write
    that changed nothing has nothing to take back."""
    if reversal.empty:
        return
    with ledger.store.session() as session:
        writer = ChangeWriter(session)
        for model, record_id, before, _after in reversed(reversal.changed):
            writer.update(model, record_id, before)
        for model, record_id, held in reversed(reversal.created):
            freed = dict.fromkeys(held)
            writer.update(model, record_id, {"archived": True, "archive_reason": UNDONE, **freed})


def put_back(ledger: Ledger, reversal: Reversal) -> None:
    """重做: created records come back, the fields get the event's values again."""
    if reversal.empty:
        return
    with ledger.store.session() as session:
        writer = ChangeWriter(session)
        for model, record_id, held in reversal.created:
            if model is Household and held:
                _refuse_taken_number(session, record_id, held["number"])
            writer.update(model, record_id, {"archived": None, "archive_reason": None, **held})
        for model, record_id, _before, after in reversal.changed:
            writer.update(model, record_id, after)


def _refuse_taken_number(session: Session, household_id: str, number: str) -> None:
    village_id = session.execute(select(Household.village_id).where(Household.id == household_id)).scalar()
    taken = session.execute(
        select(Household.id).where(
            Household.number == number, Household.village_id == village_id, Household.id != household_id
        )
    ).first()
    if taken:
        raise InvalidInput(f"户编号 {number} 已被另一户使用，不能重做")
