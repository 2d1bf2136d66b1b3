"""One write transaction's shared state, in one object instead of loose ``session.info`` keys.

Inside a transaction the change writer, the fold, the guard, conflict tracking and the search index
must agree on a few things: which records changed (the search index refreshes them before commit, and
the store's commit listeners hear which kinds changed after it), which values operations set (the guard
lets exactly those through at flush), which records have open conflicts (asked once per transaction),
and the records already looked up (so that every writer and fold of the transaction sees the same row,
flushed or not). ``WriteTransaction.of(session)`` is that state; it begins with the transaction's first
use and ends with its commit or rollback.

The store installs the listeners on its own session factory (``Store.__init__`` calls ``install`` here,
in ``guard`` and in ``search_index``): nothing attaches to SQLAlchemy's global ``Session`` class.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from desktop.store.fold import RowCache

_KEY = "zhucun.transaction"

RecordKey = tuple[str, str]  # (table, record id)


class WriteTransaction:
    """What the parts of one write transaction share (see the module's docstring)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.touched: set[RecordKey] = set()  # changed records the search index has not refreshed yet
        self.changed_tables: set[str] = set()  # every kind of synced record changed, for after the commit
        self.sanctioned: dict[RecordKey, dict[str, Any]] = {}  # values operations set, until the next flush
        self.conflicted: set[RecordKey] | None = None  # records with open conflicts, once asked
        self.rows: RowCache | None = None  # the records looked up, see fold.RowCache
        # the household of a touched record, where the write knew it whole (the set fold of records new
        # to the log): the search refresh need not look it up
        self.households: dict[RecordKey, str] = {}

    @classmethod
    def of(cls, session: Session) -> WriteTransaction:
        """The transaction ``session`` is in (begun on first use)."""
        found: WriteTransaction | None = session.info.get(_KEY)
        if found is None:
            found = session.info[_KEY] = cls(session)
        return found

    @classmethod
    def current(cls, session: Session) -> WriteTransaction | None:
        """The transaction if anything used it yet (None: nothing was written)."""
        return session.info.get(_KEY)

    def note_touched(self, table: str, record_id: str) -> None:
        self.touched.add((table, record_id))
        self.changed_tables.add(table)
        if self.households:
            self.households.pop((table, record_id), None)  # it may have moved: looked up again

    def note_touched_records(self, keys: Iterable[RecordKey]) -> None:
        """``note_touched`` of many records at once (a bundle's)."""
        keys = set(keys)
        self.touched |= keys
        self.changed_tables.update(table for table, _record_id in keys)
        if self.households:
            for key in keys:
                self.households.pop(key, None)

    def take_touched(self) -> set[RecordKey]:
        """The records changed since the last call (the search index refreshes them before commit)."""
        taken, self.touched = self.touched, set()
        return taken

    def take_households(self) -> dict[RecordKey, str]:
        """The households known for the records changed since the last call (see ``households``)."""
        taken, self.households = self.households, {}
        return taken

    def sanction(self, table: str, record_id: str, field: str, value: Any) -> None:
        """``field`` of the record was set to ``value`` by an operation being applied."""
        self.sanctioned.setdefault((table, record_id), {})[field] = value


def install(session_factory: Any, on_commit: Callable[[frozenset[str]], None]) -> None:
    """End each transaction of ``session_factory``'s sessions with its commit or rollback; after a commit
    that changed synced records call ``on_commit`` with their kinds."""

    def committed(session: Session) -> None:
        transaction: WriteTransaction | None = session.info.pop(_KEY, None)
        if transaction is not None and transaction.changed_tables:
            on_commit(frozenset(transaction.changed_tables))

    def rolled_back(session: Session) -> None:
        session.info.pop(_KEY, None)

    event.listen(session_factory, "after_commit", committed)
    event.listen(session_factory, "after_rollback", rolled_back)


def touched_by_table(touched: Iterable[RecordKey]) -> dict[str, list[str]]:
    """The ids of the touched records of each table, in one pass (a bundle touches 100,000 records)."""
    found: dict[str, list[str]] = {}
    for table_name, record_id in touched:
        ids = found.get(table_name)
        if ids is None:
            ids = found[table_name] = []
        ids.append(record_id)
    return found
