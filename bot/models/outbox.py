"""The transactional outbox: notifications written in the same transaction as what they announce."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from bot.core.clock import utcnow


class OutboxKind(StrEnum):
    new_case = "new_case"  # a card in the operators' chat
    urgent_alert = "urgent_alert"
    citizen_message = "citizen_message"  # an operator's message, to the reporter's chat if a route exists
    operator_notice = "operator_notice"  # e.g. "the reporter answered in case HT-00042"
    reminder = "reminder"


class Priority:
    """Delivery order: higher first, then oldest first. An urgent case's card and alert must not wait behind a
    backlog of ordinary notifications (a flood of junk reports must not delay them)."""

    normal = 0
    urgent = 10


# In the payload of a case's card and its urgent alert: the reporter's answer to "is it happening right now?",
# "yes" | "no" | "unknown" (an urgent case whose reporter was not asked); absent for an ordinary case.
HAPPENING_NOW = "happening_now"


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    kind: OutboxKind = Field(max_length=20)
    case_id: int | None = Field(default=None, foreign_key="cases.id", index=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    priority: int = Field(default=Priority.normal, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = Field(default_factory=utcnow)
    next_attempt_at: datetime = Field(default_factory=utcnow, index=True)
    attempts: int = 0
    sent_at: datetime | None = Field(default=None, index=True)
    failed_at: datetime | None = Field(default=None, description="given up (e.g. the reporter blocked the bot)")
    last_error: str | None = Field(default=None, max_length=200)
