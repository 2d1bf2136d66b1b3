"""photo work log

驻村工作日志 photos (issue 18): a photo may belong to a diary entry (``work_log``) instead of, or as well
as, a household, on the existing synced ``photo`` table.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.add_column(sa.Column("work_log_id", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_photo_work_log_id"), ["work_log_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_photo_work_log_id_work_log"),
            "work_log",
            ["work_log_id"],
            ["id"],
            initially="DEFERRED",
            deferrable=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_photo_work_log_id_work_log"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_photo_work_log_id"))
        batch_op.drop_column("work_log_id")
