"""web intake: the channel of a case, web drafts and encrypted uploads

Revision ID: 0009_web_intake
Revises: 0008_console
Create Date: 2026-11-30 17:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009_web_intake"
down_revision = "0008_console"
branch_labels = None
depends_on = None


CHANNEL = sa.Enum("telegram", "web", name="channel")  # a native enum on PostgreSQL, as the other case fields


def upgrade() -> None:
    CHANNEL.create(op.get_bind(), checkfirst=True)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", CHANNEL, nullable=False, server_default="telegram"))
    op.create_table(
        "web_drafts",
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("sealed", sa.Text(), nullable=False),
        sa.Column("challenge", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("submitted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("web_drafts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_drafts_created_at"), ["created_at"], unique=False)
    op.create_table(
        "web_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("item", sa.Integer(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("content_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("web_uploads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_uploads_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_web_uploads_token_hash"), ["token_hash"], unique=False)


def downgrade() -> None:
    op.drop_table("web_uploads")
    op.drop_table("web_drafts")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("channel")
    CHANNEL.drop(op.get_bind(), checkfirst=True)
