"""Answers of whole-county reads kept for the reports that show them together (概况 of all villages,
各村 and the gap report each read the county's gap households and its household counts: at 200,000
households each read takes most of a second).

An answer is kept per store with a key: the caller's (the day, the policy, the days counted …), the
stamp of the data folder's database file (``Ledger.data_stamp``: any program's write changes it, to the
file system's clock tick), the newest operation's row number (every write of a record is an operation,
appended to the log, never removed: exact whoever wrote) and how many commits were made through the
store here (its commit listener). On a PostgreSQL server, where other clients write, the key holds the
server's write-ahead log insert position instead of the file's stamp and the newest row: every commit of
any client inserts its records there before it is seen, so an answer is never kept past another client's
write (nor past the server's own housekeeping, which only costs a read). A standby server, whose position
cannot be asked, keeps nothing.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar, cast

from sqlalchemy import func, literal_column, select, text

from desktop.services.context import Ledger
from desktop.store.database import Store
from desktop.store.models import Operation

T = TypeVar("T")


class _Kept:
    def __init__(self) -> None:
        self.generation = 0  # commits through the store
        self.answers: dict[str, tuple[tuple[Any, ...], object]] = {}


_kept: weakref.WeakKeyDictionary[Store, _Kept] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def shared_read(ledger: Ledger, name: str, key: tuple[Any, ...], read: Callable[[], T]) -> T:
    """``read()``'s answer, kept under ``name`` while ``key``, the database file and this store's
    commits are the same. ``read`` must read in a transaction of its own, begun when it is called (after
    the file's stamp is taken here): what is kept is then never older than its key says."""
    found = _look_up(ledger, name, key)
    if found is None:
        return read()
    kept, full, held = found
    if held is not None:
        return cast(T, held)
    answer = read()  # outside the lock: a commit meanwhile changes the key (the answer is not used again)
    with _lock:
        kept.answers[name] = (full, answer)
    return answer


def kept_answer(ledger: Ledger, name: str, key: tuple[Any, ...]) -> object | None:
    """What ``shared_read`` holds under ``name`` for ``key`` now, without reading it (None: nothing
    held, or it no longer holds): a report that needs less than the whole answer uses it only when
    another report has read it already."""
    found = _look_up(ledger, name, key)
    return None if found is None else found[2]


def _look_up(
    ledger: Ledger, name: str, key: tuple[Any, ...]
) -> tuple[_Kept, tuple[Any, ...], object | None] | None:
    """The store's answers, the full key of ``key`` now and the answer held under it (None: none);
    None where nothing is kept (a standby server)."""
    data = ledger.data_stamp()
    with ledger.store.read_session() as session:
        if data is not None:
            newest = session.scalar(select(func.max(literal_column("rowid"))).select_from(Operation))
        elif session.get_bind().dialect.name == "postgresql":
            newest = session.scalar(_SERVER_POSITION)
            if newest is None:
                return None
        else:
            return None
    with _lock:
        kept = _kept.get(ledger.store)
        if kept is None:
            kept = _kept[ledger.store] = _Kept()
            ledger.store.add_commit_listener(functools.partial(_committed, kept))
        full = (kept.generation, data, newest, *key)
        held = kept.answers.get(name)
        return kept, full, held[1] if held is not None and held[0] == full else None


# where the server's next write-ahead log record goes (None on a standby, which cannot say)
_SERVER_POSITION = text(
    "SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_insert_lsn()::text END"
)


def _committed(kept: _Kept, _kinds: frozenset[str]) -> None:
    with _lock:
        kept.generation += 1


def forget(ledger: Ledger) -> None:
    """Drop what is kept for ``ledger``'s store (a bench reads each report as if it were the first)."""
    with _lock:
        kept = _kept.get(ledger.store)
        if kept is not None:
            kept.answers.clear()
