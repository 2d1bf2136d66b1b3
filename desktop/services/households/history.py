"""The change history of one record from the change log: who changed which fields, when, old → new."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.domain.errors import NotFound
from desktop.domain.fields import label
from desktop.services.context import Ledger
from desktop.services.households.lookup import resolve_household, resolve_member
from desktop.store.clock import physical_ms
from desktop.store.ids import is_uuid
from desktop.store.models import Operation


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    author: str
    origin: str
    seq: int
    table: str
    changes: tuple[FieldChange, ...]


def record_history(ledger: Ledger, ref: str) -> list[HistoryEntry]:
    village_id = ledger.current_village_id()
    with ledger.store.read_session() as session:
        record_id = _record_id(session, ref, village_id)
        ops = session.execute(
            select(Operation)
            .where(Operation.record_id == record_id)
            .order_by(Operation.hlc, Operation.origin)
        ).scalars()
        current: dict[str, Any] = {}
        entries = []
        for op in ops:
            fields = json.loads(op.fields)
            changes = tuple(
                FieldChange(name, label(op.table_name, name), current.get(name), value)
                for name, value in sorted(fields.items())
            )
            current.update(fields)
            at = dt.datetime.fromtimestamp(physical_ms(op.hlc) / 1000)
            entries.append(HistoryEntry(at, op.author, op.origin, op.seq, op.table_name, changes))
    if not entries:
        raise NotFound(f"没有找到 {ref} 的变更记录")
    return entries


def _record_id(session: Any, ref: str, village_id: str | None) -> str:
    if is_uuid(ref.strip()):
        return ref.strip()
    try:
        return resolve_household(session, ref, village_id).id
    except NotFound:
        pass
    try:
        return resolve_member(session, ref, village_id).id
    except NotFound:
        raise NotFound(f"没有找到户编号或证件号码为 {ref} 的农户或家庭成员") from None
