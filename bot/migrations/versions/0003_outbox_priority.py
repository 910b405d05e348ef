"""outbox priority: urgent notifications are delivered before any ordinary backlog

Revision ID: 0003_outbox_priority
Revises: 0005_operators_chat
Create Date: 2026-11-30 16:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_outbox_priority"
down_revision = "0005_operators_chat"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows already waiting keep first-in-first-out among themselves (priority 0); new urgent rows overtake them.
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("priority", sa.Integer(), nullable=False, server_default="0"))
    # Urgent cases' notifications still waiting at the upgrade get their priority too (Priority.urgent = 10).
    op.execute(
        "UPDATE outbox SET priority = 10 WHERE sent_at IS NULL AND failed_at IS NULL "
        "AND case_id IN (SELECT id FROM cases WHERE urgent)"
    )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("priority")
