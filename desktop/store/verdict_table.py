"""Which households' derived verdicts (``household_verdict``) a transaction made stale, and dropping
them before the services judge those households again (services/checklist/standing.py).

Called before every commit with the households the search index refreshed and every record touched:
besides those households, the households of a touched village (its province decides the school ages),
of a touched check, and the household a touched member belonged to when last judged (a member who
moved leaves a household whose verdicts change too). Without a judge (a store used without a ledger)
the rows are only dropped: readers judge the households themselves until the rows are written again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Table, delete, literal, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.orm import Session

from desktop.store.base import table_of
from desktop.store.models import Assessment, Household, HouseholdVerdict, HouseholdVerdictMember
from desktop.store.queries import in_chunks, insert_sql, tuple_getter
from desktop.store.transaction import RecordKey, touched_by_table

# judges the households (ids) and writes their rows (the services' standing.refresh)
Judge = Callable[[Session, list[str]], None]


def affected(session: Session, household_ids: Iterable[str], touched: set[RecordKey]) -> set[str]:
    found = set(household_ids)
    lookups: list[tuple[str, Any, Any]] = [
        ("village", Household.village_id, Household.id),
        ("assessment", Assessment.id, Assessment.household_id),
        ("member", HouseholdVerdictMember.member_id, HouseholdVerdictMember.household_id),
    ]
    by_table = touched_by_table(touched)
    judged_members = _holds_any(session, HouseholdVerdictMember)  # none (a first import): none to find
    for table, key, value in lookups:
        if table == "member" and not judged_members:
            continue
        ids = sorted(by_table.get(table, ()))
        for chunk in in_chunks(ids):
            found.update(h for h in session.execute(select(value).where(key.in_(chunk))).scalars() if h)
    return found


def _holds_any(session: Session, model: Any) -> bool:
    """Whether ``model``'s table has a row (else nothing in it is looked up or deleted)."""
    return session.execute(select(literal(1)).select_from(model).limit(1)).first() is not None


def forget(session: Session, household_ids: list[str]) -> None:
    for chunk in in_chunks(household_ids):
        session.execute(delete(HouseholdVerdict).where(HouseholdVerdict.household_id.in_(chunk)))
        session.execute(delete(HouseholdVerdictMember).where(HouseholdVerdictMember.household_id.in_(chunk)))


def write(session: Session, rows: list[dict[str, Any]], members: list[dict[str, Any]]) -> None:
    """Write judged rows (their old ones dropped by ``forget``). On a server, replacing any: another
    client may have judged the same household a moment ago; the later commit's rows win, neither write
    fails. SQLite has one writer at a time: a plain insert."""
    on_server = session.get_bind().dialect.name == "postgresql"
    for model, key, values in (
        (HouseholdVerdict, "household_id", rows),
        (HouseholdVerdictMember, "member_id", members),
    ):
        if not values:
            continue
        if not on_server:
            _insert_rows(session, table_of(model), values)
            continue
        statement = postgresql_insert(model)
        columns = [c.name for c in model.__table__.columns if c.name != key]
        session.execute(
            statement.on_conflict_do_update(
                index_elements=[key], set_={name: statement.excluded[name] for name in columns}
            ),
            values,
        )


def _insert_rows(session: Session, table: Table, values: list[dict[str, Any]]) -> None:
    """A plain insert of ``values`` (dicts of the same keys) through the driver's executemany, each
    value bound as SQLAlchemy binds it (a date as its ISO text, a boolean as 0 or 1 on SQLite): the
    ORM's insert of a 10,000-household village's verdicts and members spent 0.8 s on its parameters."""
    connection = session.connection()
    dialect = connection.dialect
    names = tuple(values[0])
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    rows = list(map(tuple_getter(names), values))
    if any(processors):
        rows = [
            tuple(v if p is None or v is None else p(v) for v, p in zip(row, processors, strict=True))
            for row in rows
        ]
    connection.exec_driver_sql(insert_sql(dialect, table, names), rows)


def refresh(session: Session, household_ids: set[str], touched: set[RecordKey], judge: Judge | None) -> None:
    ids = sorted(affected(session, household_ids, touched))
    if not ids:
        return
    if _holds_any(session, HouseholdVerdict) or _holds_any(session, HouseholdVerdictMember):
        forget(session, ids)
    if judge is not None:
        judge(session, ids)
