"""operators' chat: its current id after a group upgrade, and whether the bot lost it

Revision ID: 0005_operators_chat
Revises: 0009_web_intake
Create Date: 2026-11-30 16:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005_operators_chat"
down_revision = "0009_web_intake"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "operators_chat",
        sa.Column("configured_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("current_id", sa.BigInteger(), nullable=False),
        sa.Column("lost_reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("lost_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("configured_id"),
    )


def downgrade() -> None:
    op.drop_table("operators_chat")
