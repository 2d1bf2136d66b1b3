"""Refuse any write to a synced record that does not come through an operation.

The fold records every value it writes to a synced record (``sanction``). At flush, every new or
changed synced record must hold exactly the sanctioned values: anything else was set by code that went
around the change log, and the flush (so the whole transaction) fails loudly. Deleting a synced record,
and bulk ORM statements on one, are always refused.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from desktop.store.base import Synced
from desktop.store.transaction import WriteTransaction

_MISSING = object()


class UnloggedWrite(RuntimeError):
    """A synced record was about to change without an operation in the change log."""


def sanction(session: Session, record: Synced, field: str, value: Any) -> None:
    """Note that ``field`` of ``record`` was set to ``value`` by an operation being applied."""
    WriteTransaction.of(session).sanction(type(record).__tablename__, record.id, field, value)


def install(session_factory: Any) -> None:
    """Guard every session ``session_factory`` makes (the store's)."""
    event.listen(session_factory, "before_flush", _refuse_unlogged_writes)
    event.listen(session_factory, "after_flush_postexec", _forget_sanctioned)
    event.listen(session_factory, "do_orm_execute", _refuse_bulk_writes)


def _refuse_unlogged_writes(session: Session, flush_context: Any, instances: Any) -> None:
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise UnloggedWrite(f"synced records are archived, never deleted: {type(obj).__name__} {obj.id}")
    transaction = WriteTransaction.current(session)
    sanctioned = transaction.sanctioned if transaction is not None else {}
    for obj in session.new:
        if isinstance(obj, Synced):
            allowed = sanctioned.get((type(obj).__tablename__, obj.id), {})
            for attr in inspect(obj).mapper.column_attrs:
                value = getattr(obj, attr.key)
                if attr.key != "id" and value is not None and allowed.get(attr.key, _MISSING) != value:
                    raise UnloggedWrite(f"{type(obj).__name__} {obj.id}.{attr.key} set without an operation")
    for obj in session.dirty:
        if not isinstance(obj, Synced):
            continue
        allowed = sanctioned.get((type(obj).__tablename__, obj.id), {})
        state = inspect(obj)
        for attr in state.attrs:
            if attr.history.has_changes() and allowed.get(attr.key, _MISSING) != attr.value:
                raise UnloggedWrite(f"{type(obj).__name__} {obj.id}.{attr.key} changed without an operation")


def _forget_sanctioned(session: Session, flush_context: Any) -> None:
    transaction = WriteTransaction.current(session)
    if transaction is not None:
        transaction.sanctioned.clear()


def _refuse_bulk_writes(state: Any) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    for mapper in state.all_mappers:
        if issubclass(mapper.class_, Synced):
            raise UnloggedWrite(f"bulk write to {mapper.class_.__tablename__} bypasses the change log")
