"""the citizen's path: questions for a person (cases.kind) and the category's questionnaire answers (cases.answers)

Revision ID: 0006_citizen_path
Revises: 0004_security
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_citizen_path"
down_revision = "0004_security"
branch_labels = None
depends_on = None


CASE_KIND = sa.Enum("tip", "question", name="casekind")  # the model's CaseKind: a PostgreSQL enum type


def upgrade() -> None:
    CASE_KIND.create(op.get_bind(), checkfirst=True)  # nothing on SQLite
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", CASE_KIND, nullable=False, server_default="tip"))
        batch_op.add_column(sa.Column("answers", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("answers")
        batch_op.drop_column("kind")
    CASE_KIND.drop(op.get_bind(), checkfirst=True)
