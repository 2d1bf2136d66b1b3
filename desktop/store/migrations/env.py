"""Alembic environment: always driven from code (desktop.store.migrate) with an open connection."""

from __future__ import annotations

from alembic import context

import desktop.store.models  # noqa: F401  (registers every table)
from desktop.store.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through desktop.store.migrate, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode copies the table, which keeps later migrations simple.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
