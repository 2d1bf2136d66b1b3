"""policy setting

政策标准 set by the township (a poverty line or monitoring threshold for a year, with its source), one
synced record per village so it travels in bundles.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "policy_setting",
        sa.Column("village_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=True),
        sa.Column("archive_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["village.id"],
            name=op.f("fk_policy_setting_village_id_village"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_setting")),
    )
    with op.batch_alter_table("policy_setting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_policy_setting_village_id"), ["village_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("policy_setting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_policy_setting_village_id"))
    op.drop_table("policy_setting")
