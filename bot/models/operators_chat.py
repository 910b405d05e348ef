"""Where the operators' notifications go, when Telegram moved the group, and whether the bot lost it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from bot.core.clock import utcnow


class OperatorsChat(SQLModel, table=True):
    """One row per configured OPERATOR_CHAT_ID, shared by every instance and kept across restarts.

    A basic group upgraded to a supergroup gets a new id (Telegram answers the old one with ``migrate_to_chat_id``):
    ``current_id`` follows it. ``lost_reason`` is Telegram's refusal while the bot cannot post there (removed from the
    group, chat deleted), cleared by the next delivery that gets through.
    """

    __tablename__ = "operators_chat"

    configured_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    current_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    lost_reason: str | None = Field(default=None, max_length=200)
    lost_at: datetime | None = None
    updated_at: datetime = Field(default_factory=utcnow)
