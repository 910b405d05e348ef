"""Per-user preferences, keyed by a keyed hash of the Telegram user id (never the id itself)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from bot.core.clock import utcnow


class UserPreference(SQLModel, table=True):
    __tablename__ = "user_preferences"

    user_key: str = Field(primary_key=True, max_length=64, description="HMAC-SHA256 of the user id")
    language: str = Field(max_length=2)
    updated_at: datetime = Field(default_factory=utcnow)
