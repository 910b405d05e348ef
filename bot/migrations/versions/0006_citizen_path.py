"""the citizen's path: questions for a person (cases.kind) and the category's questionnaire answers (cases.answers)

Revision ID: 0006_citizen_path
Revises: 0010_teach_loop
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_citizen_path"
down_revision = "0010_teach_loop"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=10), nullable=False, server_default="tip"))
        batch_op.add_column(sa.Column("answers", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("answers")
        batch_op.drop_column("kind")
