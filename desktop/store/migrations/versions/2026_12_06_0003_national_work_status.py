"""national work status

member.work_status holds the national 务工情况 values (issue 13), of which 乡（镇）外县内务工 has nine
characters: the column grows from 8 to 16. Stored values are unchanged.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 07:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("member") as batch:
        batch.alter_column("work_status", existing_type=sa.String(length=8), type_=sa.String(length=16))


def downgrade() -> None:
    with op.batch_alter_table("member") as batch:
        batch.alter_column("work_status", existing_type=sa.String(length=16), type_=sa.String(length=8))
