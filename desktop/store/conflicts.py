"""Open conflicts, derived from the change log: a field that two devices changed concurrently.

Each field is a last-writer-wins register, so concurrent edits already resolve the same way everywhere;
what this module adds is the list of values that lost without anybody having seen them. For one field
of one record:

- W is the operation with the greatest clock that sets it (the value every device shows);
- ancestors(W) is the transitive closure of W over ``base[field]``: the operations whose value of that
  field a writer saw and replaced on the way to W (only hashes of this record's operations are
  followed; a hash whose operation has not arrived still counts as an ancestor);
- for every other origin O, L is O's latest operation setting the field. It is an open conflict when L
  is not an ancestor of W and its value differs from W's. Operations of one origin never conflict.

The closure follows the field's own ``base`` only: a writer that replaced another field of an operation
has not seen (nor replaced) its value of this field.

The result depends only on the set of operations, never on the order they arrived in, so every device
holding the same operations has the same conflicts with the same ids. The ``conflict`` table is the
device-local cache of that derivation, refreshed for the records an apply or a write touched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.base import synced_models, table_of
from desktop.store.models import Conflict, Operation
from desktop.store.queries import in_chunks
from desktop.store.transaction import WriteTransaction
from desktop.store.types import canonical_json


@dataclass(frozen=True, slots=True)
class LoggedOp:
    """What conflict derivation needs of one logged operation."""

    origin: str
    seq: int
    hlc: int
    hash: str
    fields: dict[str, Any]
    base: dict[str, list[str]]

    @property
    def clock(self) -> tuple[int, str]:
        return (self.hlc, self.origin)


@dataclass(frozen=True, slots=True)
class FoundConflict:
    id: str
    table: str
    record_id: str
    field: str
    winner: LoggedOp
    loser: LoggedOp


def conflict_id(table: str, record_id: str, field: str, loser_origin: str, loser_seq: int) -> str:
    """The same id on every device: the first 12 hex digits of SHA-256 of the conflict's identity."""
    key = f"{table}|{record_id}|{field}|{loser_origin}|{loser_seq}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def find_conflicts(
    table: str, record_id: str, ops: Iterable[LoggedOp], fields: Iterable[str] | None = None
) -> list[FoundConflict]:
    """The open conflicts among the operations of one record (pure: no database).

    ``fields`` limits the search to those field names (the columns this version knows)."""
    ops = list(ops)
    if len({op.origin for op in ops}) < 2:
        return []
    allowed = None if fields is None else set(fields)
    setters: dict[str, list[LoggedOp]] = {}
    for op in ops:
        for name in op.fields:
            if allowed is None or name in allowed:
                setters.setdefault(name, []).append(op)
    by_hash = {op.hash: op for op in ops}
    found: list[FoundConflict] = []
    for name in sorted(setters):
        candidates = setters[name]
        winner = max(candidates, key=lambda op: op.clock)
        latest: dict[str, LoggedOp] = {}
        for op in candidates:
            if op.origin != winner.origin and (op.origin not in latest or op.clock > latest[op.origin].clock):
                latest[op.origin] = op
        if not latest:
            continue
        seen = _ancestors(winner, name, by_hash)
        for origin in sorted(latest):
            loser = latest[origin]
            if loser.hash in seen or loser.fields[name] == winner.fields[name]:
                continue
            found.append(
                FoundConflict(
                    conflict_id(table, record_id, name, loser.origin, loser.seq),
                    table,
                    record_id,
                    name,
                    winner,
                    loser,
                )
            )
    return found


def _ancestors(op: LoggedOp, field: str, by_hash: dict[str, LoggedOp]) -> set[str]:
    seen: set[str] = set()
    stack = list(op.base.get(field, ()))
    while stack:
        digest = stack.pop()
        if digest in seen:
            continue
        seen.add(digest)
        parent = by_hash.get(digest)
        if parent is not None:
            stack.extend(parent.base.get(field, ()))
    return seen


def refresh_conflicts(session: Session, records: Iterable[tuple[str, str]]) -> int:
    """Re-derive the conflict rows of ``records`` (table, record id) from their logged operations.

    Rows that persist keep their ``detected_at``. Returns how many conflicts those records have open."""
    wanted = set(records)
    if not wanted:
        return 0
    ids = sorted({record_id for _table, record_id in wanted})
    rows_by_record: dict[tuple[str, str], list[Any]] = {}
    for chunk in in_chunks(ids):
        logged = session.execute(
            select(
                Operation.table_name,
                Operation.record_id,
                Operation.origin,
                Operation.seq,
                Operation.hlc,
                Operation.hash,
                Operation.fields,
                Operation.base,
            ).where(Operation.record_id.in_(chunk))
        )
        for op_row in logged:
            record_key = (op_row.table_name, op_row.record_id)
            if record_key in wanted:
                rows_by_record.setdefault(record_key, []).append(op_row)
    models = synced_models()
    found: dict[str, FoundConflict] = {}
    for (table, record_id), rows in sorted(rows_by_record.items()):
        model = models.get(table)
        if model is None or len({row.origin for row in rows}) < 2:
            continue  # a table this version does not know, or one origin only: nothing to find
        columns = {column.key for column in table_of(model).columns} - {"id"}
        ops = [
            LoggedOp(
                row.origin,
                row.seq,
                row.hlc,
                row.hash,
                json.loads(row.fields),
                json.loads(row.base) if row.base else {},
            )
            for row in rows
        ]
        for conflict in find_conflicts(table, record_id, ops, columns):
            found[conflict.id] = conflict

    existing: dict[str, Conflict] = {}
    for chunk in in_chunks(ids):
        for held in session.execute(select(Conflict).where(Conflict.record_id.in_(chunk))).scalars():
            if (held.table_name, held.record_id) in wanted:
                existing[held.id] = held
    for conflict_id, held in existing.items():
        if conflict_id not in found:
            session.delete(held)
    now = dt.datetime.now().replace(microsecond=0)
    for conflict_id, conflict in found.items():
        row = existing.get(conflict_id)
        if row is None:
            row = Conflict(id=conflict_id, detected_at=now)
            session.add(row)
        row.table_name = conflict.table
        row.record_id = conflict.record_id
        row.field_name = conflict.field
        row.winner_origin = conflict.winner.origin
        row.winner_seq = conflict.winner.seq
        row.winner_value = canonical_json(conflict.winner.fields[conflict.field])
        row.loser_origin = conflict.loser.origin
        row.loser_seq = conflict.loser.seq
        row.loser_value = canonical_json(conflict.loser.fields[conflict.field])

    cached = WriteTransaction.of(session).conflicted
    if cached is not None:
        cached -= wanted
        cached.update((c.table, c.record_id) for c in found.values())
    return len(found)


def has_open_conflicts(session: Session, table: str, record_id: str) -> bool:
    """Whether the record has an open conflict; one query per transaction, then a set lookup."""
    transaction = WriteTransaction.of(session)
    if transaction.conflicted is None:
        rows = session.execute(select(Conflict.table_name, Conflict.record_id).distinct())
        transaction.conflicted = {(table_name, rid) for table_name, rid in rows}
    return (table, record_id) in transaction.conflicted
