"""Small helpers every query of the ledger needs: the records still in use, and ids in bounded chunks.

``live(Model)`` is the one spelling of "not archived" (``archived`` is NULL on records written before
the column existed); ``in_chunks`` cuts an id list into pieces that stay well under SQLite's limit of
bound parameters in one ``IN (…)``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
