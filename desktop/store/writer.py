"""The one write path: every local change becomes an operation in the same transaction.

Services never set attributes on synced records; they call ``create`` / ``update`` here, which tick the
device's clock, append a chained operation to the log and fold it into the record.

Each operation records its ``base``: for every field it sets that some logged operation had set before,
the hash of the operation whose value this device showed and the write replaced (the field's winner).
That is what tells a later edit apart from a concurrent one (see conflicts.py). A brand-new record has
no base and costs no lookup.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.base import Synced, table_of
from desktop.store.clock import HybridClock
from desktop.store.codec import normalise, to_json
from desktop.store.conflicts import has_open_conflicts, refresh_conflicts
from desktop.store.fold import RowCache, set_fields, write_new_records
from desktop.store.ids import new_id
from desktop.store.models import DeviceState, Operation
from desktop.store.oplog import Op
from desktop.store.transaction import WriteTransaction


class NotInitialised(RuntimeError):
    pass


class ChangeWriter:
    """Writes on behalf of one author on this device, inside the caller's transaction."""

    def __init__(self, session: Session, author: str | None = None, *, hold_new: bool = False) -> None:
        """``hold_new``: creations of ids the caller guarantees unused (``known_new``) are held and
        written together by ``write_held`` through the set fold, without an ORM object each (the demo);
        until then nothing reads them."""
        self.session = session
        self._hold_new = hold_new
        self._held: list[Op] = []
        state = session.execute(select(DeviceState).with_for_update()).scalar_one_or_none()
        if state is None:
            raise NotInitialised("device_state is empty: run init first")
        self.state = state
        # the user who unlocked this store (an encrypted ledger), else the device's user from init
        self.author = author or session.info.get("author") or state.user_name
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
        new = record_id is None or known_new
        encoded = self._encode(model, {k: v for k, v in fields.items() if v is not None and v != []})
        if new and self._hold_new:
            self._held.append(self._next_op(model, rid, encoded, None))
            return rid
        if new:
            self._rows.mark_new(model, rid)  # cannot exist yet: skip the lookup
        # a natural id (one income per household and year) may already have operations to build on
        self._record(model, rid, encoded, None if new else self._base(model, rid, encoded))
        return rid

    def update(self, model: type[Synced], record_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Change fields of an existing record; returns only the fields whose value really changed."""
        row = self.session.get(model, record_id)
        if row is None:
            raise KeyError(record_id)
        table = table_of(model)
        changed = {
            name: value
            for name, value in changes.items()
            if normalise(table.columns[name], value) != getattr(row, name)
        }
        if changed:
            encoded = self._encode(model, changed)
            self._record(model, record_id, encoded, self._base(model, record_id, encoded))
        return changed

    def write_resolution(
        self,
        model: type[Synced],
        record_id: str,
        field: str,
        value: Any,
        *,
        winner_hash: str,
        loser_hash: str,
    ) -> Op:
        """A person's answer to a conflict: ``field`` takes ``value``, having seen both the winning and
        the losing operation. Always written, even when the value does not change, because the base is
        what closes the conflict on every device the operation reaches."""
        encoded = self._encode(model, {field: value})
        self._record(model, record_id, encoded, {field: [winner_hash, loser_hash]})
        return self.ops[-1]

    def _encode(self, model: type[Synced], fields: dict[str, Any]) -> dict[str, Any]:
        table = table_of(model)
        unknown = [name for name in fields if name not in table.columns or name == "id"]
        if unknown:
            raise KeyError(f"{model.__tablename__} has no field {', '.join(unknown)}")
        return {name: to_json(table.columns[name], value) for name, value in fields.items()}

    def _base(self, model: type[Synced], record_id: str, fields: dict[str, Any]) -> dict[str, list[str]]:
        """For each field, the hash of the logged operation that sets it with the greatest clock.

        One indexed query on the record's operations, newest first (pending ones of this transaction
        are flushed into it, and this writer's own are merged in case autoflush is off)."""
        wanted = set(fields)
        best: dict[str, tuple[tuple[int, str], str]] = {}
        rows = self.session.execute(
            select(Operation.hlc, Operation.origin, Operation.hash, Operation.fields)
            .where(Operation.record_id == record_id, Operation.table_name == model.__tablename__)
            .order_by(Operation.hlc.desc(), Operation.origin.desc())
        )
        with rows:
            for hlc, origin, digest, fields_json in rows:
                for name in wanted.intersection(json.loads(fields_json)):
                    best.setdefault(name, ((hlc, origin), digest))
                if len(best) == len(wanted):
                    break
        for op in self.ops:
            if op.record_id == record_id and op.table == model.__tablename__:
                for name in wanted.intersection(op.fields):
                    if name not in best or op.clock > best[name][0]:
                        best[name] = (op.clock, op.hash)
        return {name: [digest] for name, (_clock, digest) in best.items()}

    def write_held(self) -> None:
        """Write the held creations (see ``hold_new``): their log rows and records, set-based."""
        held, self._held = self._held, []
        write_new_records(self.session, held)

    def _next_op(
        self, model: type[Synced], record_id: str, fields: dict[str, Any], base: dict[str, list[str]] | None
    ) -> Op:
        """The next operation of this device's chain, its clock ticked and its state advanced."""
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
            base=base,
        )
        state.last_seq, state.last_hlc, state.chain_head = op.seq, op.hlc, op.hash
        self.ops.append(op)
        return op

    def _record(
        self, model: type[Synced], record_id: str, fields: dict[str, Any], base: dict[str, list[str]] | None
    ) -> None:
        """``base`` None: a brand-new record (no operations yet, so no base and no open conflicts)."""
        op = self._next_op(model, record_id, fields, base)
        # A local op is newer than everything this device has seen (the clock guarantees it), so it
        # wins every field without consulting the log.
        self.session.add(op.to_row())
        set_fields(self._rows, model, record_id, fields)
        WriteTransaction.of(self.session).note_touched(op.table, record_id)
        if base is not None and has_open_conflicts(self.session, op.table, record_id):
            refresh_conflicts(self.session, {(op.table, record_id)})
