"""security: deployment facts (the secret's verifier, the OPERATOR_IDS last applied); 64-bit operator ids

Revision ID: 0004_security
Revises: 0003_outbox_priority
Create Date: 2026-11-30 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004_security"
down_revision = "0003_outbox_priority"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deployment_facts",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    # Telegram ids pass 2**31 (newer accounts): PostgreSQL's integer could not hold them.
    with op.batch_alter_table("operators", schema=None) as batch_op:
        batch_op.alter_column("telegram_id", existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("operators", schema=None) as batch_op:
        batch_op.alter_column("telegram_id", existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False)
    op.drop_table("deployment_facts")
