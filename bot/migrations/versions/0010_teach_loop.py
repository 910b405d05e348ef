"""teach loop: learned phrasings, editors' decisions and citizens' hints on gaps, the editor role

Revision ID: 0010_teach_loop
Revises: 0002
Create Date: 2026-11-30 16:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010_teach_loop"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # The role column is a native enum there; SQLite keeps it as text without a constraint. Inside the
        # migration's transaction (PostgreSQL 12+ allows it): committing early would release the advisory lock
        # that keeps replicas starting together from migrating at once.
        op.execute("ALTER TYPE role ADD VALUE IF NOT EXISTS 'editor'")
    op.create_table(
        "learned_phrasings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("taught_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("taught_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["taught_by"], ["operators.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("learned_phrasings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_learned_phrasings_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_learned_phrasings_key"), ["key"], unique=True)
    with op.batch_alter_table("knowledge_gaps", schema=None) as batch_op:
        batch_op.add_column(sa.Column("picked_entry", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True))
        batch_op.add_column(sa.Column("picks", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("disliked_entry", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True))
        batch_op.add_column(sa.Column("dislikes", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True))
        batch_op.add_column(sa.Column("decided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("knowledge_gaps", schema=None) as batch_op:
        for column in ("decided_at", "decision", "dislikes", "disliked_entry", "picks", "picked_entry"):
            batch_op.drop_column(column)
    with op.batch_alter_table("learned_phrasings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learned_phrasings_key"))
        batch_op.drop_index(batch_op.f("ix_learned_phrasings_entry_id"))
    op.drop_table("learned_phrasings")
