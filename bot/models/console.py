"""The operators' console: sign-in links, sessions, second factors; and case tags (shared with Telegram).

Only hashes of the sign-in and session tokens are stored, so a copy of the database signs nobody in; the TOTP
secret is sealed with a key derived from SECRET_KEY. Staff are the hotline, not its sources: these rows name
operators, never a reporter.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from bot.core.clock import utcnow

TAG_LIMIT = 40


class ConsoleLink(SQLModel, table=True):
    """A one-time sign-in link (5 minutes), from the bot (/console) or the server (hotline console link)."""

    __tablename__ = "console_links"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, description="HMAC of the link's token; the token is not kept")
    operator_id: int = Field(foreign_key="operators.id", index=True)
    issued_via: str = Field(max_length=10, description="bot or server")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class ConsoleSession(SQLModel, table=True):
    """A browser signed in (``verified``) or half-way (link used, code not yet given)."""

    __tablename__ = "console_sessions"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, description="HMAC of the cookie; the cookie is not kept")
    operator_id: int = Field(foreign_key="operators.id", index=True)
    verified: bool = Field(default=False, description="the second factor was given")
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(description="absolute end, whatever the activity")
    ended_at: datetime | None = Field(default=None, index=True)
    ended_reason: str | None = Field(default=None, max_length=20, description="signed_out, revoked, role_changed…")
    client: str | None = Field(default=None, max_length=120, description="the browser's User-Agent, shortened")


class ConsoleCredential(SQLModel, table=True):
    """An operator's TOTP second factor (RFC 6238)."""

    __tablename__ = "console_credentials"

    operator_id: int = Field(foreign_key="operators.id", primary_key=True)
    sealed_secret: str = Field(max_length=500, description="Fernet token of the base32 TOTP secret")
    enrolled_at: datetime | None = Field(default=None, description="set once the first code matched")
    last_step: int = Field(default=0, description="the last accepted 30-second step: a code works once")


class CaseTag(SQLModel, table=True):
    __tablename__ = "case_tags"

    case_id: int = Field(foreign_key="cases.id", primary_key=True)
    tag: str = Field(max_length=TAG_LIMIT, primary_key=True, index=True)
    added_at: datetime = Field(default_factory=utcnow)
    added_by: int | None = Field(default=None, foreign_key="operators.id")
