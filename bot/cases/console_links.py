"""One-time sign-in links to the operators' console: issued from the bot (``/console``) or the server, audited.

Here rather than in bot/console so the Telegram side can issue them without importing the console's web layer.
"""

from __future__ import annotations

import secrets as random_tokens
from datetime import timedelta

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases.moderation import Forbidden
from bot.core.clock import utcnow
from bot.core.crypto import SecretBox
from bot.core.settings import Settings
from bot.models import AuditEntry, ConsoleLink, Operator

LINK_LIFETIME = timedelta(minutes=5)


def console_base(settings: Settings) -> str:
    """Where staff open the console: CONSOLE_URL, else the address it listens on."""
    if settings.console_url:
        return settings.console_url.rstrip("/")
    return f"http://{settings.console_host}:{settings.console_port}"


def sign_in_link(settings: Settings, token: str) -> str:
    return f"{console_base(settings)}/signin/{token}"


async def issue_link(
    sessions: async_sessionmaker[AsyncSession], box: SecretBox, *, operator: Operator, via: str
) -> str:
    """A new one-time sign-in token for an active staff member (the path part of the link); audited."""
    if not operator.active:
        raise Forbidden(operator)
    token = random_tokens.token_urlsafe(32)
    async with sessions() as session:
        session.add(
            ConsoleLink(
                token_hash=box.console_token_hash(token),
                operator_id=operator.id,  # type: ignore[arg-type]
                issued_via=via,
                expires_at=utcnow() + LINK_LIFETIME,
            )
        )
        session.add(AuditEntry(operator_id=operator.id, action="console_link_issued", detail=via))
        await session.commit()
    return token
