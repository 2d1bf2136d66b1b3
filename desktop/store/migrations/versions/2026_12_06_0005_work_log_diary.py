"""work log diary

驻村工作日志 and 在岗考勤 (issue 18): a diary entry's place and households concerned, a leave's last day
and approver, on the existing synced ``work_log`` table.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 08:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desktop.store.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("work_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("place", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("household_ids", desktop.store.types.JsonText(), nullable=True))
        batch_op.add_column(sa.Column("until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("approver", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("work_log", schema=None) as batch_op:
        batch_op.drop_column("approver")
        batch_op.drop_column("until")
        batch_op.drop_column("household_ids")
        batch_op.drop_column("place")
