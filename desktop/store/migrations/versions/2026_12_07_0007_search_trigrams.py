"""search trigrams

A trigram index for household search (issue 17): finding a term no longer reads every household's text,
and showing what was found reads no member (the count and the 户主 are kept beside the text).
SQLite: an FTS5 table (tokenizer ``trigram``, no positions) holding each text of ``household_search``
under its rowid, and its vocabulary; search_index.refresh keeps it in step with one INSERT … SELECT per
chunk (a trigger per row took 2.5× as long). PostgreSQL: the ``pg_trgm``
extension and a GIN ``gin_trgm_ops`` index on ``household_search.text``.

Neither is required: where this SQLite lacks FTS5's trigram tokenizer (older than 3.34, or built
without FTS5), or the server has no ``pg_trgm`` or this account may not create it, nothing is made and
search reads every text as before (desktop/store/search_index.py; ``zhucun doctor`` says which). A
server's administrator may run ``CREATE EXTENSION pg_trgm`` later: the next open makes the index.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

FTS = "household_search_fts"
TERMS = "household_search_fts_terms"
TRIGRAM_INDEX = "ix_household_search_text_trgm"

FTS_TABLE = f"CREATE VIRTUAL TABLE {FTS} USING fts5(text, tokenize='trigram', detail='none')"


def upgrade() -> None:
    # shown beside each household found; filled when the texts are rebuilt (search_index.INDEX_FORMAT 3)
    op.add_column(
        "household_search", sa.Column("member_count", sa.Integer(), server_default="0", nullable=False)
    )
    op.add_column("household_search", sa.Column("head_name", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        if _sqlite_has_trigrams(bind):
            _create_fts()
    elif bind.dialect.name == "postgresql":
        _create_trigram_index(bind)


def _sqlite_has_trigrams(bind: sa.Connection) -> bool:
    """Tried on an in-memory database of the same driver (sqlite3, or sqlcipher3 for an encrypted
    ledger): a failed CREATE here would leave nothing behind to undo."""
    probe = bind.dialect.dbapi.connect(":memory:")  # type: ignore[union-attr]
    try:
        probe.execute(FTS_TABLE)
    except Exception:  # no fts5 module, or no trigram tokenizer: search reads every text
        return False
    finally:
        probe.close()
    return True


def _create_fts() -> None:
    op.execute(FTS_TABLE)
    op.execute(f"CREATE VIRTUAL TABLE {TERMS} USING fts5vocab({FTS}, 'row')")
    op.execute(f"INSERT INTO {FTS}(rowid, text) SELECT rowid, text FROM household_search")


def _create_trigram_index(bind: sa.Connection) -> None:
    available = bind.execute(
        sa.text("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).scalar()
    if not available:
        return
    try:
        with bind.begin_nested():  # no right to create it: the migration goes on without
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return
    op.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON household_search USING gin (text gin_trgm_ops)"
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(f"DROP TABLE IF EXISTS {TERMS}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    elif bind.dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")  # the extension stays: others may use it
    with op.batch_alter_table("household_search", schema=None) as batch_op:
        batch_op.drop_column("head_name")
        batch_op.drop_column("member_count")
