"""The state as a deterministic fold of operations.

Each field of each synced record is a last-writer-wins register ordered by ``(hlc, origin)``. Applying
the same operations in any order, any number of times, gives the same records: an operation already in
the log is skipped, and a field is written only if no logged operation with a later clock set it.
The open conflicts of the records a batch touched are derived again at its end (conflicts.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, tuple_
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from desktop.store.base import Synced, synced_models, table_of
from desktop.store.codec import from_json
from desktop.store.conflicts import refresh_conflicts
from desktop.store.guard import sanction
from desktop.store.models import Operation
from desktop.store.oplog import Op
from desktop.store.queries import in_chunks
from desktop.store.transaction import WriteTransaction
from desktop.store.types import canonical_json


@dataclass
class FoldResult:
    applied: int = 0
    already_had: int = 0
    touched: set[tuple[str, str]] = field(default_factory=set)  # (table, record id)
    max_hlc: int = 0
    conflicts: int = 0  # open conflicts of the touched records after the batch


class UnknownTable(ValueError):
    pass


def apply_ops(session: Session, ops: Iterable[Op]) -> FoldResult:
    """Apply operations (local or received) inside the caller's transaction.

    Records the log knows nothing of yet (a village imported for the first time: nearly every record)
    are folded as a set: each field takes the value of the latest operation that sets it, in memory,
    then the log rows, the placeholders of parents not seen yet and the records are written with
    ``executemany`` and ``INSERT … ON CONFLICT``. Records that already have logged operations go
    through the per-operation fold below, which consults the log for later writers."""
    return apply_op_chunks(session, [ops])


def apply_op_chunks(session: Session, chunks: Iterable[Iterable[Op]]) -> FoldResult:
    """``apply_ops`` of every chunk in turn, in the caller's transaction, with one chunk in memory at a
    time (a bundle read member by member). The state is the same as one ``apply_ops`` of them all: a
    chunk's records that earlier chunks logged go through the per-operation fold, which consults the
    log. The open conflicts are derived once, at the end, for the records that may have any."""
    result = FoldResult()
    suspects: set[tuple[str, str]] = set()
    for chunk in chunks:
        _apply_chunk(session, chunk, result, suspects)
    result.conflicts = refresh_conflicts(session, suspects)
    return result


def _apply_chunk(
    session: Session, ops: Iterable[Op], result: FoldResult, suspects: set[tuple[str, str]]
) -> None:
    models = synced_models()
    batch = sorted({(op.origin, op.seq): op for op in ops}.values(), key=lambda op: op.clock)
    if not batch:
        return
    session.flush()  # pending local writes are in the log and the tables the lookups read
    known = _already_logged(session, batch)
    fresh = [op for op in batch if (op.origin, op.seq) not in known]
    result.already_had += len(batch) - len(fresh)
    for op in fresh:
        if op.table not in models:
            raise UnknownTable(op.table)
    latest_hlc = _latest_hlcs(session, {op.record_id for op in fresh})
    origins: dict[tuple[str, str], set[str]] = {}  # the origins of the ops applied, per record
    for op in fresh:
        origins.setdefault((op.table, op.record_id), set()).add(op.origin)
        result.max_hlc = max(result.max_hlc, op.hlc)
    result.applied += len(fresh)
    result.touched.update(origins)
    transaction = WriteTransaction.of(session)
    for key in origins:
        transaction.note_touched(*key)
    _fold_new_records(session, models, [op for op in fresh if op.record_id not in latest_hlc])
    _fold_logged_records(session, models, [op for op in fresh if op.record_id in latest_hlc], latest_hlc)
    # A record that had no logged operation before this chunk and got them all from one origin cannot
    # be in conflict (a fresh import of a whole village skips the derivation entirely).
    suspects.update(key for key in origins if key[1] in latest_hlc or len(origins[key]) > 1)


_ROWS_PER_STATEMENT = 1000


def _fold_new_records(session: Session, models: dict[str, type[Synced]], ops: list[Op]) -> None:
    """The set-based fold of ``ops`` (in clock order) of records without logged operations."""
    if not ops:
        return
    folded: dict[tuple[str, str], dict[str, Any]] = {}
    for op in ops:  # ascending clock: a later operation's fields replace an earlier one's
        folded.setdefault((op.table, op.record_id), {}).update(op.fields)
    _executemany(session, insert(table_of(Operation)), (_log_row(op) for op in ops))
    placeholders: dict[str, set[str]] = {}
    shapes: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
    written = set(folded)
    while folded:  # each record's folded fields give way to its row
        (table_name, record_id), raw_fields = folded.popitem()
        table = table_of(models[table_name])
        values: dict[str, Any] = {}
        for name, raw in raw_fields.items():
            column = table.columns.get(name)
            if column is None or name == "id":
                continue  # a field this version does not know: kept in the log, ignored in the state
            value = values[name] = from_json(column, raw)
            if value is not None and column.foreign_keys:
                # a child may arrive before its parent's creating operation: an empty record holds the
                # parent's place until that operation fills it (dump leaves it out, check reports it)
                (fk,) = column.foreign_keys
                placeholders.setdefault(fk.column.table.name, set()).add(value)
        shape = (table_name, tuple(sorted(values)))
        shapes.setdefault(shape, []).append({"id": record_id, **values})
    upsert = _upsert_for(session)
    for table_name, ids in sorted(placeholders.items()):
        table = table_of(models[table_name])
        _executemany(
            session,
            upsert(table).on_conflict_do_nothing(index_elements=[table.c.id]),
            ({"id": record_id} for record_id in sorted(ids)),
        )
    for (table_name, names), rows in sorted(shapes.items()):
        table = table_of(models[table_name])
        statement = upsert(table)
        # the row may be a placeholder made earlier: its fields take the folded values
        statement = (
            statement.on_conflict_do_update(
                index_elements=[table.c.id], set_={name: statement.excluded[name] for name in names}
            )
            if names
            else statement.on_conflict_do_nothing(index_elements=[table.c.id])
        )
        _executemany(session, statement, rows)
    _forget_loaded(session, written | {(t, i) for t, ids in placeholders.items() for i in ids})


def _executemany(session: Session, statement: Any, rows: Iterable[dict[str, Any]]) -> None:
    """``statement`` for each of ``rows`` (dicts of the same columns) through the driver's executemany:
    the statement is compiled once and each column's bind processing (dates, decimals, booleans on
    SQLite) applied here, without the per-row work of a Core execution. Rows are consumed and sent
    ``_ROWS_PER_STATEMENT`` at a time: only that many are converted at once."""
    connection = session.connection()
    dialect = connection.dialect
    table = statement.table
    compiled: Any = None
    for chunk in _batched(rows, _ROWS_PER_STATEMENT):
        if compiled is None:
            names = list(chunk[0])
            compiled = statement.compile(dialect=dialect, column_keys=names)
            processors = [
                (name, table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in names
            ]
            order = compiled.positiontup if compiled.positional else None
        converted = [
            {name: row[name] if process is None else process(row[name]) for name, process in processors}
            for row in chunk
        ]
        parameters: list[Any] = (
            converted if order is None else [tuple(row[name] for name in order) for row in converted]
        )
        connection.exec_driver_sql(compiled.string, parameters)


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _upsert_for(session: Session) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        # imported here: the PostgreSQL dialect (and asyncio with it) is a tenth of a second of every start
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert
    return sqlite_insert


def _log_row(op: Op) -> dict[str, Any]:
    return {
        "origin": op.origin,
        "seq": op.seq,
        "hlc": op.hlc,
        "author": op.author,
        "table_name": op.table,
        "record_id": op.record_id,
        "fields": canonical_json(op.fields),
        "base": canonical_json(op.base) if op.base else None,
        "prev_hash": op.prev_hash,
        "hash": op.hash,
    }


def _forget_loaded(session: Session, keys: set[tuple[str, str]]) -> None:
    """Records written around the ORM: the session's copies (and the row cache's) are read again."""
    transaction = WriteTransaction.current(session)
    cache = transaction.rows if transaction is not None else None
    if cache is not None:
        for key in keys:
            cache.forget(key)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Synced) and (type(obj).__tablename__, obj.id) in keys:
            session.expire(obj)


def _fold_logged_records(
    session: Session, models: dict[str, type[Synced]], batch: list[Op], latest_hlc: dict[str, int]
) -> None:
    """The per-operation fold (in clock order) of records that have logged operations: a field is
    written only if no logged operation with a later clock set it."""
    if not batch:
        return
    latest: dict[str, tuple[int, str] | None] = {}
    rows = RowCache.of(session)
    rows.prefetch(models, batch)
    # no autoflush: one flush at the end inserts the batch in bulk (the guard still checks it)
    with session.no_autoflush:
        for op in batch:
            model = models[op.table]
            if op.record_id not in latest:
                logged_hlc = latest_hlc.get(op.record_id)
                # only a record with a logged op at least as late needs the exact (hlc, origin) lookup
                latest[op.record_id] = (
                    None
                    if logged_hlc is None or logged_hlc < op.hlc
                    else _latest_clock(session, op.record_id)
                )
            newest = latest[op.record_id]
            if newest is None or op.clock > newest:
                winning = op.fields
                latest[op.record_id] = op.clock
            else:  # arrived late: only the fields no later operation has set
                winning = _fields_still_won(session, op)
            session.add(op.to_row())
            set_fields(rows, model, op.record_id, winning)
        session.flush()


class RowCache:
    """The records a batch touches, each looked up at most once (a lookup per op is the slow part)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._rows: dict[tuple[str, str], Synced | None] = {}

    @classmethod
    def of(cls, session: Session) -> RowCache:
        """The session's cache: every writer and fold of one transaction must see the same records,
        including those created but not flushed yet (``session.get`` cannot find those)."""
        transaction = WriteTransaction.of(session)
        if transaction.rows is None:
            transaction.rows = cls(session)
        return transaction.rows

    def prefetch(self, models: dict[str, type[Synced]], ops: list[Op]) -> None:
        wanted: dict[str, set[str]] = {}
        for op in ops:
            wanted.setdefault(op.table, set()).add(op.record_id)
            table = table_of(models[op.table]) if op.table in models else None
            for name, value in op.fields.items():
                column = table.columns.get(name) if table is not None else None
                if value is not None and column is not None and column.foreign_keys:
                    (fk,) = column.foreign_keys
                    wanted.setdefault(fk.column.table.name, set()).add(value)
        for table_name, ids in wanted.items():
            model = models.get(table_name)
            if model is None:
                continue
            ordered = sorted(ids)
            for chunk in in_chunks(ordered):
                found = {
                    row.id: row
                    for row in self.session.execute(select(model).where(model.id.in_(chunk))).scalars()
                }
                for record_id in chunk:
                    self._rows[(table_name, record_id)] = found.get(record_id)

    def forget(self, key: tuple[str, str]) -> None:
        self._rows.pop(key, None)

    def mark_new(self, model: type[Synced], record_id: str) -> None:
        self._rows[(model.__tablename__, record_id)] = None

    def get_or_create(self, model: type[Synced], record_id: str) -> Synced:
        key = (model.__tablename__, record_id)
        row = self._rows[key] if key in self._rows else self.session.get(model, record_id)
        if row is None:
            row = model(id=record_id)
            self.session.add(row)
        self._rows[key] = row
        return row


def set_fields(rows: RowCache, model: type[Synced], record_id: str, fields: dict[str, Any]) -> Synced:
    """Write decoded field values to a record, creating it (or a parent it refers to) when missing."""
    row = rows.get_or_create(model, record_id)
    table = table_of(model)
    for name, raw in fields.items():
        column = table.columns.get(name)
        if column is None or name == "id":
            continue  # a field this version does not know: kept in the log, ignored in the state
        value = from_json(column, raw)
        setattr(row, name, value)
        sanction(rows.session, row, name, value)
        if value is not None and column.foreign_keys:
            # A child may arrive before its parent's creating operation: an empty record holds the
            # parent's place until that operation fills it (dump leaves it out, check reports it).
            (fk,) = column.foreign_keys
            rows.get_or_create(synced_models()[fk.column.table.name], value)
    return row


def _already_logged(session: Session, batch: list[Op]) -> set[tuple[str, int]]:
    return held_keys(session, Operation, [(op.origin, op.seq) for op in batch])


def seqs_by_origin(keys: Iterable[tuple[str, int]]) -> Iterator[tuple[str, list[int]]]:
    """(origin, up to 500 of its seqs) for keys (origin, seq): what the primary key looks up fast."""
    by_origin: dict[str, set[int]] = {}
    for origin, seq in keys:
        by_origin.setdefault(origin, set()).add(seq)
    for origin, seqs in by_origin.items():
        ordered = sorted(seqs)
        for chunk in in_chunks(ordered):
            yield origin, chunk


def held_keys(session: Session, model: Any, keys: Iterable[tuple[str, int]]) -> set[tuple[str, int]]:
    """The (origin, seq) of ``keys`` that ``model`` (the log, or the links) holds.

    Asked per origin: SQLite does not use the primary key for ``(origin, seq) IN (VALUES …)`` and read
    the whole log once per 500 keys — importing the 400th village of a county took 5 s more than the
    first."""
    found: set[tuple[str, int]] = set()
    for origin, seqs in seqs_by_origin(keys):
        rows = session.execute(select(model.seq).where(model.origin == origin, model.seq.in_(seqs)))
        found.update((origin, seq) for seq in rows.scalars())
    return found


def _latest_hlcs(session: Session, record_ids: set[str]) -> dict[str, int]:
    ids = sorted(record_ids)
    found: dict[str, int] = {}
    for chunk in in_chunks(ids):
        rows = session.execute(
            select(Operation.record_id, func.max(Operation.hlc))
            .where(Operation.record_id.in_(chunk))
            .group_by(Operation.record_id)
        )
        found.update((record_id, hlc) for record_id, hlc in rows)
    return found


def _latest_clock(session: Session, record_id: str) -> tuple[int, str] | None:
    row = session.execute(
        select(Operation.hlc, Operation.origin)
        .where(Operation.record_id == record_id)
        .order_by(Operation.hlc.desc(), Operation.origin.desc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


def _fields_still_won(session: Session, op: Op) -> dict[str, Any]:
    later = session.execute(
        select(Operation.fields).where(
            Operation.record_id == op.record_id,
            tuple_(Operation.hlc, Operation.origin) > tuple_(op.hlc, op.origin),
        )
    ).scalars()
    overwritten: set[str] = set()
    for fields_json in later:
        overwritten.update(json.loads(fields_json))
    return {name: value for name, value in op.fields.items() if name not in overwritten}
