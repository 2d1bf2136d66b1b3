"""household verdict

A device-local derived table of each household's 两不愁三保障 + 饮水安全 verdicts (issue 17 item 4): 概况,
各村 and the gap report count and read it instead of judging every household. Not synced, not in the
change log; filled when the program opens the ledger (services/checklist/standing.py) and refreshed
before every commit for the households it touched.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "household_verdict",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("stamp", sa.String(length=32), nullable=False),
        sa.Column("judged_on", sa.Date(), nullable=False),
        sa.Column("holds_until", sa.Date(), nullable=True),
        sa.Column("head_name", sa.Text(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("food", sa.String(length=8), nullable=False),
        sa.Column("clothes", sa.String(length=8), nullable=False),
        sa.Column("education", sa.String(length=8), nullable=False),
        sa.Column("medical", sa.String(length=8), nullable=False),
        sa.Column("housing", sa.String(length=8), nullable=False),
        sa.Column("water", sa.String(length=8), nullable=False),
        sa.Column("short", sa.Boolean(), nullable=False),
        sa.Column("to_verify", sa.Boolean(), nullable=False),
        sa.Column("verdicts", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("household_id", name=op.f("pk_household_verdict")),
    )
    with op.batch_alter_table("household_verdict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_verdict_holds_until"), ["holds_until"], unique=False)
    op.create_table(
        "household_verdict_member",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_household_verdict_member")),
    )
    with op.batch_alter_table("household_verdict_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_household_verdict_member_household_id"), ["household_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("household_verdict_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_verdict_member_household_id"))
    op.drop_table("household_verdict_member")
    with op.batch_alter_table("household_verdict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_verdict_holds_until"))
    op.drop_table("household_verdict")
