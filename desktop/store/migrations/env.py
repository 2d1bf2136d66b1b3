"""Alembic environment: always driven from code (desktop.store.migrate) with an open connection."""

from __future__ import annotations

from alembic import context

import desktop.store.models  # noqa: F401  (registers every table)
from desktop.store.base import Base
from desktop.store.search_index import derived_from_search

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through desktop.store.migrate, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode copies the table, which keeps later migrations simple.
    render_as_batch=True,
    compare_type=True,
    # the search's trigram index (FTS5 tables, a GIN index: 0007) is no model's: autogenerate leaves it.
    # A batch migration of household_search copies the table and drops its triggers: make them again.
    include_name=lambda name, *_: not derived_from_search(name),
)
with context.begin_transaction():
    context.run_migrations()
