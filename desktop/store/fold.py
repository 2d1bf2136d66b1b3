"""The state as a deterministic fold of operations.

Each field of each synced record is a last-writer-wins register ordered by ``(hlc, origin)``. Applying
the same operations in any order, any number of times, gives the same records: an operation already in
the log is skipped, and a field is written only if no logged operation with a later clock set it.
The open conflicts of the records a batch touched are derived again at its end (conflicts.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from typing import Any

from sqlalchemy import Numeric, func, select, tuple_
from sqlalchemy.orm import Session

from desktop.store.base import Base, Synced, synced_models, table_of
from desktop.store.codec import decode_boolean, decode_date, decode_integer, decode_text, decoder, from_json
from desktop.store.conflicts import refresh_conflicts
from desktop.store.guard import sanction
from desktop.store.models import Operation
from desktop.store.oplog import Op
from desktop.store.queries import in_chunks, insert_sql, tuple_getter
from desktop.store.transaction import WriteTransaction, touched_by_table
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
    batch = sorted({(op.origin, op.seq): op for op in ops}.values(), key=_CLOCK)
    if not batch:
        return
    session.flush()  # pending local writes are in the log and the tables the lookups read
    empty_log = _log_is_empty(session)  # a first import or a fresh store: nothing to look up
    known = set() if empty_log else _already_logged(session, batch)
    fresh = [op for op in batch if (op.origin, op.seq) not in known] if known else batch
    result.already_had += len(batch) - len(fresh)
    if not fresh:
        return
    for table_name in {op.table for op in fresh}:
        if table_name not in models:
            raise UnknownTable(table_name)
    latest_hlc = {} if empty_log else _latest_hlcs(session, {op.record_id for op in fresh})
    first_origin: dict[tuple[str, str], str] = {}  # the first origin applied to each record
    several: set[tuple[str, str]] = set()  # records that got operations from more than one origin
    for op in fresh:
        key = (op.table, op.record_id)
        origin = first_origin.setdefault(key, op.origin)
        if origin != op.origin:
            several.add(key)
    result.max_hlc = max(result.max_hlc, fresh[-1].hlc)  # the batch is in clock order
    result.applied += len(fresh)
    result.touched.update(first_origin)
    WriteTransaction.of(session).note_touched_records(first_origin)
    if latest_hlc:
        _fold_new_records(session, models, [op for op in fresh if op.record_id not in latest_hlc])
        _fold_logged_records(session, models, [op for op in fresh if op.record_id in latest_hlc], latest_hlc)
    else:
        _fold_new_records(session, models, fresh)
    # A record that had no logged operation before this chunk and got them all from one origin cannot
    # be in conflict (a fresh import of a whole village skips the derivation entirely).
    suspects.update(several)
    if latest_hlc:
        suspects.update(key for key in first_origin if key[1] in latest_hlc)


def write_new_records(session: Session, ops: list[Op]) -> None:
    """Write ``ops`` (in clock order), operations this device just made of records nobody has written
    yet (fresh ids: no logged operation, no row), through the set fold: their log rows and records in a
    few statements, in the caller's transaction. The change writer's held creations (the demo)."""
    if ops:
        WriteTransaction.of(session).note_touched_records({(op.table, op.record_id) for op in ops})
        _fold_new_records(session, synced_models(), ops)


_CLOCK = attrgetter("hlc", "origin")  # Op.clock, without a property call per sorted item


def _fold_new_records(session: Session, models: dict[str, type[Synced]], ops: list[Op]) -> None:
    """The set-based fold of ``ops`` (in clock order) of records without logged operations.

    Such a record holds nothing yet (at most a parent's placeholder, every field empty), so its state is
    the fields of its operations laid over each other in clock order. The log rows, the placeholders of
    parents neither held nor in the batch, and the records are each sent as one ``executemany`` of a
    statement written once per process, with values converted by per-column functions chosen once
    (``_Plan``): no ORM object, no per-row statement work. Parents go before their children (tables in
    dependency order), so the deferred foreign-key checks find them and have nothing left to count."""
    if not ops:
        return
    connection = session.connection()
    dialect = connection.dialect
    folded: dict[tuple[str, str], dict[str, Any]] = {}
    merged: set[tuple[str, str]] = set()  # records whose fields are a copy of their first operation's
    for op in ops:  # ascending clock: a later operation's fields replace an earlier one's
        key = (op.table, op.record_id)
        fields = folded.get(key)
        if fields is None:
            folded[key] = op.fields  # read only: most records have one operation, nothing to copy
        elif key in merged:
            fields.update(op.fields)
        else:
            folded[key] = {**fields, **op.fields}
            merged.add(key)
    placeholders: dict[str, set[str]] = {}
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
    households = WriteTransaction.of(session).households  # whole records: their household is known
    plans: dict[tuple[str, tuple[str, ...]], tuple[_Plan, list[tuple[Any, ...]]]] = {}
    for key, fields in folded.items():
        table_name, record_id = key
        shape = (table_name, tuple(fields))
        found = plans.get(shape)
        if found is None:
            plan = _plan(dialect, table_name, shape[1], models)
            found = plans[shape] = (plan, groups.setdefault((table_name, plan.names), []))
        plan, group = found
        for name, parent in plan.references:
            parent_id = fields[name]
            if parent_id is not None:
                # a child may arrive before its parent's creating operation: an empty record holds the
                # parent's place until that operation fills it (dump leaves it out, check reports it)
                parent_id = str(parent_id)
                if (parent, parent_id) not in folded:
                    placeholders.setdefault(parent, set()).add(parent_id)
                if name == "household_id":
                    households[key] = parent_id
        group.append(plan.row(record_id, fields))
    held = _held_ids(connection, models, folded)  # before this fold's placeholders, of other records
    order = _dependency_order()
    for table_name in sorted(placeholders, key=order.__getitem__):
        table = table_of(models[table_name])
        _send(
            connection,
            insert_sql(dialect, table, ("id",), "nothing"),
            [(record_id,) for record_id in sorted(placeholders[table_name])],
        )
    for (table_name, names), rows in sorted(groups.items(), key=lambda item: (order[item[0][0]], item[0][1])):
        table = table_of(models[table_name])
        rows.sort()  # by id: the primary key's pages are filled in order
        placed = held.get(table_name)
        if placed:  # a placeholder made earlier: its fields take the folded values
            _send(
                connection,
                insert_sql(dialect, table, ("id", *names), "update" if names else "nothing"),
                [row for row in rows if row[0] in placed],
            )
            rows = [row for row in rows if row[0] not in placed]
        # the others are new rows: a plain insert (an upsert costs SQLite two thirds more per row)
        _send(connection, insert_sql(dialect, table, ("id", *names), None), rows)
    _write_log(connection, ops)  # last: its pages do not crowd the records' out of the cache meanwhile
    _forget_loaded(session, folded.keys() | {(t, i) for t, ids in placeholders.items() for i in ids})


def _write_log(connection: Any, ops: list[Op]) -> None:
    """The log rows of ``ops``, a few thousand at a time (the log's texts are not all held twice)."""
    log_insert = insert_sql(connection.dialect, table_of(Operation), _LOG_COLUMNS, None)
    for start in range(0, len(ops), _LOG_ROWS_AT_ONCE):
        _send(
            connection,
            log_insert,
            [
                (
                    op.origin,
                    op.seq,
                    op.hlc,
                    op.author,
                    op.table,
                    op.record_id,
                    op.fields_text(),
                    canonical_json(op.base) if op.base else None,
                    op.prev_hash,
                    op.hash,
                )
                for op in ops[start : start + _LOG_ROWS_AT_ONCE]
            ],
        )


def _held_ids(
    connection: Any, models: dict[str, type[Synced]], folded: dict[tuple[str, str], Any]
) -> dict[str, set[str]]:
    """The records of ``folded`` that their tables already hold, by table: placeholders of parents whose
    children came in an earlier batch (the placeholders this fold makes are of other records)."""
    wanted = touched_by_table(folded)
    held: dict[str, set[str]] = {}
    quote = connection.dialect.identifier_preparer.quote
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    for table_name, ids in wanted.items():
        table = table_of(models[table_name])
        name, key = quote(table.name), quote(table.c.id.name)
        if connection.exec_driver_sql(f"SELECT 1 FROM {name} LIMIT 1").first() is None:
            continue  # an empty table (a first import): nothing to look up
        ids.sort()
        for chunk in in_chunks(ids):
            found = connection.exec_driver_sql(
                f"SELECT {key} FROM {name} WHERE {key} IN ({', '.join([mark] * len(chunk))})", tuple(chunk)
            )
            held.setdefault(table_name, set()).update(row[0] for row in found)
    return held


_LOG_ROWS_AT_ONCE = 5000
_LOG_COLUMNS = (
    "origin",
    "seq",
    "hlc",
    "author",
    "table_name",
    "record_id",
    "fields",
    "base",
    "prev_hash",
    "hash",
)


@dataclass(frozen=True)
class _Plan:
    """How the folded fields of one shape (the field names, in the order the operations gave them) of
    one table become a row: the known columns (``names``, in table order) picked in one call
    (``pick``), then each value converted from JSON to the driver's parameter (codec.decoder, then the
    column type's bind processing) unless it already is one (a text for a text column, a boolean for a
    boolean: nothing to do), and the references among them (column, parent table)."""

    names: tuple[str, ...]
    pick: Callable[[dict[str, Any]], tuple[Any, ...]]
    converted: tuple[tuple[int, type | None, Callable[[Any], Any]], ...]  # (place, kept class, converter)
    references: tuple[tuple[str, str], ...]
    # the classes of a row's values -> the converters its values need (place, converter): rows of one
    # shape mostly share a few, so a row is looked at with two calls instead of one test per column
    _work: dict[tuple[type, ...], tuple[tuple[int, Callable[[Any], Any]], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def row(self, record_id: str, fields: dict[str, Any]) -> tuple[Any, ...]:
        values = (record_id, *self.pick(fields))
        classes = tuple(map(type, values))
        work = self._work.get(classes)
        if work is None:
            work = self._work_for(classes)
        if not work:
            return values
        converted = list(values)
        for index, convert in work:
            converted[index] = convert(converted[index])
        return tuple(converted)

    def _work_for(self, classes: tuple[type, ...]) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
        """The converters the values of ``classes`` need: those not None and not of the kept class."""
        work = tuple(
            (index, convert)
            for index, kept, convert in self.converted
            if classes[index] is not type(None) and classes[index] is not kept
        )
        if len(self._work) < _MOST_ROW_CLASSES:
            self._work[classes] = work
        return work


_MOST_ROW_CLASSES = 4096  # kinds of rows remembered per plan (more: looked at each time)


_PLANS: dict[tuple[str, str, tuple[str, ...]], _Plan] = {}


def _dialect_key(dialect: Any) -> str:
    return f"{dialect.name}+{dialect.driver}:{dialect.paramstyle}"


def _plan(dialect: Any, table_name: str, shape: tuple[str, ...], models: dict[str, type[Synced]]) -> _Plan:
    key = (_dialect_key(dialect), table_name, shape)
    plan = _PLANS.get(key)
    if plan is None:
        table = table_of(models[table_name])
        # a field this version does not know: kept in the log, ignored in the state
        known = [column for column in table.columns if column.name in shape and column.name != "id"]
        names = tuple(column.name for column in known)
        converted = tuple(
            (index, *_converter(dialect, column)) for index, column in enumerate(known, start=1)
        )
        references = []
        for column in known:
            if column.foreign_keys:
                (fk,) = column.foreign_keys
                references.append((column.name, fk.column.table.name))
        plan = _PLANS[key] = _Plan(names, tuple_getter(names), converted, tuple(references))
    return plan


def _converter(dialect: Any, column: Any) -> tuple[type | None, Callable[[Any], Any]]:
    """JSON value -> the driver's parameter for ``column`` (never called with None): codec.decoder
    followed by the type's bind processing, with the class of a value that needs neither (None: every
    value is converted). On SQLite the usual types are converted in one step, with the same results."""
    decode = decoder(column)
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if decode is decode_text and process is None:
        return str, decode_text
    if dialect.name == "sqlite":
        if decode is decode_boolean:
            return bool, decode_boolean  # sqlite3 binds True and False as 1 and 0, as the processor does
        if decode is decode_date:
            return None, _sqlite_date
        if isinstance(column.type, Numeric):
            return None, _sqlite_number(column.type.scale)
    if decode is decode_integer and process is None:
        return int, decode_integer
    if process is None:
        return None, decode
    return None, lambda value: process(decode(value))


def _sqlite_date(value: Any) -> str:
    # SQLAlchemy stores a date in SQLite as %04d-%02d-%02d: its ISO spelling; days repeat (a visit's,
    # a birthday): each spelling converted once per process, up to a bound
    return _iso_date(value) if value.__class__ is str else dt.date.fromisoformat(value).isoformat()


@functools.lru_cache(maxsize=16_384)
def _iso_date(value: str) -> str:
    return dt.date.fromisoformat(value).isoformat()


def _sqlite_number(scale: int | None) -> Callable[[Any], float]:
    step = Decimal(1).scaleb(-(scale or 0))

    def number(value: Any) -> float:
        # codec.from_json's Decimal, then SQLAlchemy's float for SQLite
        try:
            return float(Decimal(value if value.__class__ is str else str(value)).quantize(step))
        except InvalidOperation as exc:
            raise ValueError(f"not a number: {value!r}") from exc

    # amounts repeat ("0.00", a subsidy's sum): each spelling converted once per process, up to a bound
    spelt = functools.lru_cache(maxsize=16_384)(number)

    def converted(value: Any) -> float:
        return spelt(value) if value.__class__ is str else number(value)

    return converted


def _send(connection: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """``rows`` (values in the order of the statement's parameters) through the driver's executemany."""
    if rows:
        connection.exec_driver_sql(sql, rows)


def _dependency_order() -> dict[str, int]:
    """Each table's place in an order where a table comes after the tables it refers to."""
    return {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}


def _log_is_empty(session: Session) -> bool:
    log = Operation.__tablename__
    return session.connection().exec_driver_sql(f"SELECT 1 FROM {log} LIMIT 1").first() is None


def _forget_loaded(session: Session, keys: Iterable[tuple[str, str]]) -> None:
    """Records written around the ORM: the session's copies (and the row cache's) are read again."""
    transaction = WriteTransaction.current(session)
    cache = transaction.rows if transaction is not None else None
    if cache is not None:
        cache.forget_all(keys)
    loaded = [obj for obj in session.identity_map.values() if isinstance(obj, Synced)]
    if loaded:
        wanted = set(keys)
        for obj in loaded:
            if (type(obj).__tablename__, obj.id) in wanted:
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

    def forget_all(self, keys: Iterable[tuple[str, str]]) -> None:
        if self._rows:
            for key in keys:
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
