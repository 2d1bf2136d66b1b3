"""Declarative base, constraint naming, and the mixin every synced record carries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Boolean, ForeignKey, MetaData, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """A record that travels between devices.

    Its state is the fold of the operations in the change log: every column except ``id`` is a
    last-writer-wins register, and every column is nullable because an operation touching one field may
    arrive before the one that created the record (required fields are enforced by the services).
    Nothing deletes a synced record; ``archived`` with a reason takes its place.
    """

    __synced__ = True
    if TYPE_CHECKING:  # what the declarative base gives every concrete model
        __tablename__: str

        def __init__(self, **fields: Any) -> None: ...

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    archived: Mapped[bool | None] = mapped_column(Boolean, default=None)
    archive_reason: Mapped[str | None] = mapped_column(Text)


def synced_models() -> dict[str, type[Synced]]:
    """Table name -> model class for every synced record, in a stable order."""
    found: dict[str, type[Synced]] = {}
    for mapper in sorted(Base.registry.mappers, key=lambda m: m.class_.__tablename__):
        cls = mapper.class_
        if issubclass(cls, Synced):
            found[cls.__tablename__] = cls
    return found


def table_of(model: type[Any]) -> Table:
    """The Core table of a mapped class (declarative types ``__table__`` as a mere ``FromClause``)."""
    return cast(Table, model.__table__)


def ref(target: str) -> ForeignKey:
    """A reference between synced records, checked at commit rather than per statement.

    Operations are applied in a batch in causal order, but a batch may still hold a child before its
    parent (relayed bundles, shuffled folds); deferring the check to commit keeps the batch
    all-or-nothing while foreign keys stay on.
    """
    return ForeignKey(target, deferrable=True, initially="DEFERRED")
