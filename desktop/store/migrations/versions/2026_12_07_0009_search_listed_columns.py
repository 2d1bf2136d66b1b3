"""search listed columns

The household's listed columns (户编号, 村民小组, 户类别, 脱贫属性, 电话, archived) beside its search text,
as the member count and the 户主 already are (issue 17 item 4): a search reads household_search alone,
sorts and cuts the page in SQL and counts with one COUNT, instead of reading every household found.
Filled here from the households with one UPDATE (the texts stay: rebuilding them all took 53 s at
50,000 households on PostgreSQL, 38 s on SQLite, on the loaded 2-core bench machine); ``search_index`` keeps them current from then on. Plain ADD COLUMN and
UPDATE, never a table rebuild: the SQLite FTS5 index points at household_search's rowids. On PostgreSQL
an index on 户编号 in code-point order (``COLLATE "C"``, the order of the list): a common term's first
page is read in that order and stops at the page (the top of 47,000 households found among 200,000 in
12 ms instead of 600 ms sorting them all). SQLite has it too (its own order is code points), and walks
it for a term of one or two characters (``search_index.ordered_walk``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

NUMBER_INDEX = "ix_household_search_number_c"  # search_index.NUMBER_INDEX
COLUMNS = (
    ("number", sa.String(length=32)),
    ("group_name", sa.String(length=32)),
    ("category", sa.String(length=16)),
    ("poverty_status", sa.String(length=8)),
    ("phone", sa.String(length=32)),
    ("archived", sa.Boolean()),
)


def upgrade() -> None:
    for name, type_ in COLUMNS:
        op.add_column("household_search", sa.Column(name, type_, nullable=True))
    names = ", ".join(name for name, _ in COLUMNS)
    op.execute(
        f"UPDATE household_search SET ({names}) = (SELECT {names} FROM household"
        " WHERE household.id = household_search.household_id)"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f'CREATE INDEX {NUMBER_INDEX} ON household_search (number COLLATE "C")')
    else:  # SQLite's own order is code points already
        op.execute(f"CREATE INDEX {NUMBER_INDEX} ON household_search (number)")


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {NUMBER_INDEX}")
    with op.batch_alter_table("household_search", schema=None) as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
