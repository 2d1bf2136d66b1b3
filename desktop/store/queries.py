"""Small helpers every query of the ledger needs: the records still in use, and ids in bounded chunks.

``live(Model)`` is the one spelling of "not archived" (``archived`` is NULL on records written before
the column existed); ``in_chunks`` cuts an id list into pieces that stay well under SQLite's limit of
bound parameters in one ``IN (…)``. For the writes that bypass the ORM with the driver's ``executemany``
(the set fold, the search texts, the verdicts): ``insert_sql``, the statement, and ``tuple_getter``,
a row's values picked in one call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import func
from sqlalchemy.sql.elements import ColumnElement

CHUNK = 500  # ids per IN (…) list: well under SQLite's bound-parameter limit, a handful of queries a township

T = TypeVar("T")


def live(model: Any) -> ColumnElement[bool]:
    """The condition "this record is not archived" for a model with an ``archived`` column."""
    return func.coalesce(model.archived, False).is_(False)


def in_chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[list[T]]:
    """``items`` in consecutive lists of at most ``size``, in order (none for an empty sequence)."""
    if size < 1:
        raise ValueError(f"chunk size must be positive, not {size}")
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def tuple_getter(keys: Sequence[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """A getter of ``keys`` (a mapping's names or a row's places) that always gives a tuple, one key or
    none included (``itemgetter`` of one key gives the bare value)."""
    if not keys:
        return lambda item: ()
    if len(keys) == 1:
        (only,) = keys
        return lambda item: (item[only],)
    return itemgetter(*keys)


_INSERTS: dict[tuple[str, str, tuple[str, ...], str | None], str] = {}


def insert_sql(dialect: Any, table: Any, names: tuple[str, ...], conflict: str | None = None) -> str:
    """The SQL of an insert of ``names`` into ``table``, its parameters in that order, for the driver's
    ``executemany`` (the same words on SQLite and PostgreSQL), written once per process: ``conflict``
    None (a plain insert), "nothing" (keep the row held) or "update" (the row held takes the values, its
    other columns stay)."""
    key = (f"{dialect.name}+{dialect.driver}:{dialect.paramstyle}", table.name, names, conflict)
    found = _INSERTS.get(key)
    if found is None:
        mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(dialect.paramstyle)
        if mark is None:
            raise RuntimeError(f"no bulk insert for the parameter style {dialect.paramstyle}")
        quote = dialect.identifier_preparer.quote
        columns = [quote(table.c[name].name) for name in names]
        found = f"INSERT INTO {quote(table.name)} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(names))})"
        if conflict is not None:
            found += f" ON CONFLICT ({quote(table.c.id.name)}) DO "
            updated = [column for name, column in zip(names, columns, strict=True) if name != "id"]
            if conflict == "nothing" or not updated:
                found += "NOTHING"
            else:
                found += "UPDATE SET " + ", ".join(f"{column} = excluded.{column}" for column in updated)
        _INSERTS[key] = found
    return found
