"""The one write path: every local change becomes an operation in the same transaction.

Services never set attributes on synced records; they call ``create`` / ``update`` here, which tick the
device's clock, append a chained operation to the log and fold it into the record.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.base import Synced
from desktop.store.clock import HybridClock
from desktop.store.codec import normalise, to_json
from desktop.store.fold import RowCache, set_fields
from desktop.store.ids import new_id
from desktop.store.models import DeviceState
from desktop.store.oplog import Op
from desktop.store.touched import note_touched


class NotInitialised(RuntimeError):
    pass


class ChangeWriter:
    """Writes on behalf of one author on this device, inside the caller's transaction."""

    def __init__(self, session: Session, author: str | None = None) -> None:
        self.session = session
        state = session.execute(select(DeviceState).with_for_update()).scalar_one_or_none()
        if state is None:
            raise NotInitialised("device_state is empty: run init first")
        self.state = state
        self.author = author or state.user_name
        self._clock = HybridClock(state.last_hlc)
        self.ops: list[Op] = []
        self._rows = RowCache.of(session)

    def create(
        self,
        model: type[Synced],
        fields: dict[str, Any],
        record_id: str | None = None,
        *,
        known_new: bool = False,
    ) -> str:
        """``known_new``: the caller guarantees ``record_id`` is unused (as a fresh UUIDv7 is)."""
        rid = record_id or new_id()
        if record_id is None or known_new:
            self._rows.mark_new(model, rid)  # cannot exist yet: skip the lookup
        encoded = self._encode(model, {k: v for k, v in fields.items() if v is not None and v != []})
        self._record(model, rid, encoded)
        return rid

    def update(self, model: type[Synced], record_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Change fields of an existing record; returns only the fields whose value really changed."""
        row = self.session.get(model, record_id)
        if row is None:
            raise KeyError(record_id)
        table = model.__table__  # type: ignore[attr-defined]
        changed = {
            name: value
            for name, value in changes.items()
            if normalise(table.columns[name], value) != getattr(row, name)
        }
        if changed:
            self._record(model, record_id, self._encode(model, changed))
        return changed

    def _encode(self, model: type[Synced], fields: dict[str, Any]) -> dict[str, Any]:
        table = model.__table__  # type: ignore[attr-defined]
        unknown = [name for name in fields if name not in table.columns or name == "id"]
        if unknown:
            raise KeyError(f"{model.__tablename__} has no field {', '.join(unknown)}")
        return {name: to_json(table.columns[name], value) for name, value in fields.items()}

    def _record(self, model: type[Synced], record_id: str, fields: dict[str, Any]) -> None:
        state = self.state
        op = Op.make(
            origin=state.device_id,
            seq=state.last_seq + 1,
            hlc=self._clock.tick(),
            author=self.author,
            table=model.__tablename__,
            record_id=record_id,
            fields=fields,
            prev_hash=state.chain_head,
        )
        state.last_seq, state.last_hlc, state.chain_head = op.seq, op.hlc, op.hash
        # A local op is newer than everything this device has seen (the clock guarantees it), so it
        # wins every field without consulting the log.
        self.session.add(op.to_row())
        set_fields(self._rows, model, record_id, fields)
        note_touched(self.session, op.table, record_id)
        self.ops.append(op)
