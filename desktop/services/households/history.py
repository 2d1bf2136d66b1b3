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
from desktop.services.households.labels import household_labels
from desktop.services.households.lookup import resolve_household, resolve_member
from desktop.store.base import synced_models, table_of
from desktop.store.clock import physical_ms
from desktop.store.ids import is_uuid
from desktop.store.models import Operation


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any  # as stored (a reference to another record is its id)
    new: Any
    old_shown: Any = None  # as a person reads it: "户 001（卓嘎）" for a household's id
    new_shown: Any = None


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
        names = _RecordNames(session)
        for op in ops:
            fields = json.loads(op.fields)
            changes = tuple(
                FieldChange(
                    name,
                    label(op.table_name, name),
                    current.get(name),
                    value,
                    names.shown(op.table_name, name, current.get(name)),
                    names.shown(op.table_name, name, value),
                )
                for name, value in sorted(fields.items())
            )
            current.update(fields)
            at = dt.datetime.fromtimestamp(physical_ms(op.hlc) / 1000)
            entries.append(HistoryEntry(at, op.author, op.origin, op.seq, op.table_name, changes))
    if not entries:
        raise NotFound(f"没有找到 {ref} 的变更记录")
    return entries


class _RecordNames:
    """A reference to another record as a person names it ("户 001（卓嘎）", a village's name, a member's
    name), never its UUID; looked up once each."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.cache: dict[tuple[str, str], str] = {}

    def shown(self, table: str, field: str, value: Any) -> Any:
        model = synced_models().get(table)
        column = table_of(model).columns.get(field) if model is not None else None
        if not isinstance(value, str) or column is None or not column.foreign_keys:
            return value
        (key,) = column.foreign_keys
        target = key.column.table.name
        if (target, value) not in self.cache:
            self.cache[(target, value)] = self._name(target, value)
        return self.cache[(target, value)]

    def _name(self, target: str, record_id: str) -> str:
        if target == "household":
            found = household_labels(self.session, [record_id]).get(record_id)
            if found is not None:
                return f"户 {found.number}（{found.head_name}）" if found.head_name else f"户 {found.number}"
        elif target in ("village", "member"):
            model = synced_models()[target]
            name = self.session.execute(select(model.name).where(model.id == record_id)).scalar()  # type: ignore[attr-defined]
            if name:
                return str(name)
        return f"（记录 {record_id[-8:]}）"


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
