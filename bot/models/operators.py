"""Staff: operators with roles, and the append-only audit log of everything they do."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from bot.core.clock import utcnow


class Role(StrEnum):
    admin = "admin"  # everything, plus managing operators, export and the audit log
    operator = "operator"  # works cases
    analyst = "analyst"  # reads the queue and statistics, changes nothing
    editor = "editor"  # teaches the knowledge base from unanswered questions; sees no cases


class Operator(SQLModel, table=True):
    """Staff are identified by their Telegram user id: they are the hotline, not its sources."""

    __tablename__ = "operators"

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_column=Column(BigInteger, unique=True, index=True, nullable=False))
    role: Role = Field(max_length=10)
    active: bool = True
    added_at: datetime = Field(default_factory=utcnow)
    added_by: int | None = Field(default=None, description="operator id of the admin who added them")


class AuditEntry(SQLModel, table=True):
    """Who did what to which case, when. Never content. Append-only: nothing updates or deletes these rows."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    operator_id: int | None = Field(default=None, foreign_key="operators.id")
    user_key: str | None = Field(default=None, max_length=64, description="keyed hash of a refused non-operator")
    action: str = Field(max_length=40)
    case_id: int | None = Field(default=None, foreign_key="cases.id", index=True)
    detail: str | None = Field(default=None, max_length=200, description="status names, counts; never content")
