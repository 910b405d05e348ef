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


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    kind: OutboxKind = Field(max_length=20)
    case_id: int | None = Field(default=None, foreign_key="cases.id", index=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    next_attempt_at: datetime = Field(default_factory=utcnow, index=True)
    attempts: int = 0
    sent_at: datetime | None = Field(default=None, index=True)
    failed_at: datetime | None = Field(default=None, description="given up (e.g. the reporter blocked the bot)")
    last_error: str | None = Field(default=None, max_length=200)
