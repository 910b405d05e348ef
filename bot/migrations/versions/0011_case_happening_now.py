"""the reporter's answer to "is it happening right now?" on the case (cases.happening_now), so operators who open
the case later see it, not only the card and the alert

Revision ID: 0011_case_happening_now
Revises: 0006_citizen_path
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_case_happening_now"
down_revision = "0006_citizen_path"
branch_labels = None
depends_on = None

# Until now the answer travelled only in the payload of the case's card in the outbox (bot/models/outbox.py,
# HAPPENING_NOW): cases reported before this migration get it from there (a purged case's outbox rows are gone, and
# so is its answer: it stays unknown).
OUTBOX = sa.table(
    "outbox", sa.column("case_id", sa.Integer), sa.column("kind", sa.String), sa.column("payload", sa.JSON)
)
CASES = sa.table("cases", sa.column("id", sa.Integer), sa.column("happening_now", sa.Boolean))
BATCH = 500


def upgrade() -> None:
    # Plain ALTER TABLE on both databases (SQLite 3.35+ drops a column too): batch mode would copy the table, and
    # SQLite, with foreign keys enforced, refuses to drop a table other tables' rows point at.
    op.add_column("cases", sa.Column("happening_now", sa.Boolean(), nullable=True))
    if op.get_context().as_sql:
        return  # an offline (SQL script) run has no rows to read
    bind = op.get_bind()
    said: dict[bool, list[int]] = {True: [], False: []}
    # The kind is a native enum on PostgreSQL: compared as text, the one query serves both databases.
    cards = sa.select(OUTBOX.c.case_id, OUTBOX.c.payload).where(sa.cast(OUTBOX.c.kind, sa.String) == "new_case")
    for case_id, payload in bind.execute(cards):
        answer = (payload or {}).get("happening_now") if isinstance(payload, dict) else None
        if case_id is not None and answer in ("yes", "no"):
            said[answer == "yes"].append(case_id)
    for value, ids in said.items():
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            bind.execute(sa.update(CASES).where(CASES.c.id.in_(chunk)).values(happening_now=value))


def downgrade() -> None:
    op.drop_column("cases", "happening_now")
