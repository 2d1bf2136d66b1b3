"""All synced records as canonical, sorted JSON: equal dumps mean equal ledgers, whatever the device."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.base import synced_models, table_of
from desktop.store.codec import to_json
from desktop.store.models import Operation
from desktop.store.scope import in_village
from desktop.store.types import canonical_json


def dump_records(session: Session, *, village_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
    result: dict[str, list[dict[str, Any]]] = {}
    for table_name, model in synced_models().items():
        table = table_of(model)
        # A record no operation created or changed is only a placeholder for a parent that has not
        # arrived (see fold._ensure_parent): not part of the ledger's state.
        query = select(model).where(table.c.id.in_(select(Operation.record_id)))
        if village_id is not None:
            query = query.where(in_village(table, village_id))
        rows = []
        for record in session.execute(query.order_by(table.c.id)).scalars():
            rows.append(
                {column.name: to_json(column, getattr(record, column.name)) for column in table.columns}
            )
        result[table_name] = rows
    return result


def dump_json(session: Session, *, village_id: str | None = None) -> str:
    return canonical_json(dump_records(session, village_id=village_id))
