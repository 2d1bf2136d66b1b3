"""Answers of whole-county reads kept for the reports that show them together (概况 of all villages,
各村 and the gap report each read the county's gap households and its household counts: at 200,000
households each read takes most of a second).

An answer is kept per store with a key: the caller's (the day, the policy, the days counted …), the
stamp of the data folder's database file (``Ledger.data_stamp``: any program's write changes it, to the
file system's clock tick), the newest operation's row number (every write of a record is an operation,
appended to the log, never removed: exact whoever wrote) and how many commits were made through the
store here (its commit listener). A server database keeps nothing: another client's commit would not be
seen, so it is read every time.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar, cast

from sqlalchemy import func, literal_column, select

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
    data = ledger.data_stamp()
    if data is None:
        return read()
    with ledger.store.read_session() as session:
        newest = session.scalar(select(func.max(literal_column("rowid"))).select_from(Operation))
    with _lock:
        kept = _kept.get(ledger.store)
        if kept is None:
            kept = _kept[ledger.store] = _Kept()
            ledger.store.add_commit_listener(functools.partial(_committed, kept))
        full = (kept.generation, data, newest, *key)
        held = kept.answers.get(name)
        if held is not None and held[0] == full:
            return cast(T, held[1])
    answer = read()  # outside the lock: a commit meanwhile changes the key (the answer is not used again)
    with _lock:
        kept.answers[name] = (full, answer)
    return answer


def _committed(kept: _Kept, _kinds: frozenset[str]) -> None:
    with _lock:
        kept.generation += 1
