"""Refuse any write to a synced record that does not come through an operation.

The fold and the change writer raise a flag on the session while they apply operations; the ORM flush
of a synced record without that flag, and every delete of one, is a bug and fails loudly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from desktop.store.base import Synced

_FLAG = "zhucun.applying_ops"


class UnloggedWrite(RuntimeError):
    """A synced record was about to change without an operation in the change log."""


@contextmanager
def applying_ops(session: Session) -> Iterator[None]:
    depth = session.info.get(_FLAG, 0)
    session.info[_FLAG] = depth + 1
    try:
        yield
    finally:
        session.info[_FLAG] = depth


@event.listens_for(Session, "before_flush")
def _refuse_unlogged_writes(session: Session, flush_context: Any, instances: Any) -> None:
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise UnloggedWrite(f"synced records are archived, never deleted: {type(obj).__name__} {obj.id}")
    if session.info.get(_FLAG, 0):
        return
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Synced) and (obj in session.new or session.is_modified(obj)):
            raise UnloggedWrite(f"{type(obj).__name__} {obj.id} changed without an operation")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_writes(state: Any) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    if state.session.info.get(_FLAG, 0):
        return
    for mapper in state.all_mappers:
        if issubclass(mapper.class_, Synced):
            raise UnloggedWrite(f"bulk write to {mapper.class_.__tablename__} bypasses the change log")
