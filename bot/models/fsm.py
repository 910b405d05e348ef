"""Conversation state (the report flow survives a restart), keyed by a keyed hash, never by user or chat id."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from bot.core.clock import utcnow


class ConversationState(SQLModel, table=True):
    __tablename__ = "conversation_states"

    key: str = Field(primary_key=True, max_length=64, description="HMAC of aiogram's storage key")
    state: str | None = Field(default=None, max_length=100)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, index=True)
