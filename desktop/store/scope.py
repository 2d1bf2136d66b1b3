"""Which records belong to a village: the village itself, records that name it, and records of its
households. Used to limit dumps, queries and a township's return bundles to one village."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Table, select
from sqlalchemy.orm import Session

from desktop.store.base import synced_models, table_of
from desktop.store.models import Household, WorkLog


def in_village(table: Table, village_id: str) -> ColumnElement[bool]:
    if table.name == "village":
        return table.c.id == village_id
    if "village_id" in table.c:
        return table.c.village_id == village_id
    if table.name == "photo":  # a household's photo, or a diary entry's (which may name no household)
        return table.c.household_id.in_(
            select(Household.id).where(Household.village_id == village_id)
        ) | table.c.work_log_id.in_(select(WorkLog.id).where(WorkLog.village_id == village_id))
    if "household_id" in table.c:
        return table.c.household_id.in_(select(Household.id).where(Household.village_id == village_id))
    raise ValueError(f"{table.name} has no link to a village")


def record_ids_in_village(session: Session, village_id: str) -> set[str]:
    ids: set[str] = set()
    for model in synced_models().values():
        table: Any = table_of(model)
        ids.update(session.execute(select(table.c.id).where(in_village(table, village_id))).scalars())
    return ids
