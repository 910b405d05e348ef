"""Who may use the console: one-time sign-in links, the TOTP second factor, sessions.

A link (5 minutes, once) starts a *pending* session; the TOTP code (enrolled on first use) makes it a signed-in
one, under a new cookie. A session ends after ``idle`` without requests, at its absolute end, when its owner signs
out, when an admin revokes it, or when its owner is removed or given another role. The role itself is read fresh
on every request, so nothing here caches a permission. Tokens exist only in the browser and the link; the
database keeps keyed hashes of them.
"""

from __future__ import annotations

import secrets as random_tokens
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases.moderation import require
from bot.console import totp
from bot.core.clock import utcnow
from bot.core.crypto import SecretBox
from bot.models import AuditEntry, ConsoleCredential, ConsoleLink, ConsoleSession, Operator
from bot.models.operators import Role

PENDING_LIFETIME = timedelta(minutes=5)  # from the link to the code
TOUCH_EVERY = timedelta(seconds=30)  # last_seen_at is written at most this often
ISSUER = "Trust Hotline"


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta
    lifetime: timedelta


@dataclass(frozen=True)
class SignedIn:
    session: ConsoleSession
    operator: Operator


def _audit(session: AsyncSession, operator_id: int | None, action: str, detail: str | None = None) -> None:
    session.add(AuditEntry(operator_id=operator_id, action=action, detail=detail))


async def use_link(
    sessions: async_sessionmaker[AsyncSession], box: SecretBox, *, token: str, client: str | None
) -> str | None:
    """Spend a sign-in link: the cookie token of a new pending session, or None (unknown, expired or used)."""
    now = utcnow()
    token_hash = box.console_token_hash(token)
    async with sessions() as session:
        # One conditional UPDATE: of two simultaneous uses, exactly one succeeds.
        spent = await session.exec(
            update(ConsoleLink)
            .where(
                col(ConsoleLink.token_hash) == token_hash,
                col(ConsoleLink.used_at).is_(None),
                col(ConsoleLink.expires_at) > now,
            )
            .values(used_at=now)
        )
        link = (await session.exec(select(ConsoleLink).where(ConsoleLink.token_hash == token_hash))).first()
        operator = await session.get(Operator, link.operator_id) if link else None
        if spent.rowcount != 1 or link is None or operator is None or not operator.active:
            _audit(session, link.operator_id if link else None, "console_link_refused")
            await session.commit()
            return None
        cookie = random_tokens.token_urlsafe(32)
        session.add(
            ConsoleSession(
                token_hash=box.console_token_hash(cookie),
                operator_id=operator.id,  # type: ignore[arg-type]
                expires_at=now + PENDING_LIFETIME,
                client=(client or "")[:120] or None,
            )
        )
        await session.commit()
        return cookie


async def pending(sessions: async_sessionmaker[AsyncSession], box: SecretBox, *, token: str) -> SignedIn | None:
    """The half-way session of this cookie (link used, code not yet given), if still valid."""
    found = await _session_of(sessions, box, token)
    if found is None or found.session.verified:
        return None
    return found


async def enrolment_secret(
    sessions: async_sessionmaker[AsyncSession], box: SecretBox, *, operator_id: int, renew: bool = True
) -> str | None:
    """The TOTP secret to show while the operator has none enrolled (a new one, or with ``renew=False`` the one
    shown a moment ago, after a mistyped first code); None once enrolled: it is never shown again."""
    async with sessions() as session:
        credential = await session.get(ConsoleCredential, operator_id)
        if credential is not None and credential.enrolled_at is not None:
            return None
        if credential is not None and not renew:
            return box.open_second_factor(credential.sealed_secret)
        secret = totp.new_secret()
        if credential is None:
            credential = ConsoleCredential(operator_id=operator_id, sealed_secret=box.seal_second_factor(secret))
        credential.sealed_secret = box.seal_second_factor(secret)
        session.add(credential)
        await session.commit()
        return secret


async def verify_code(
    sessions: async_sessionmaker[AsyncSession],
    box: SecretBox,
    *,
    token: str,
    code: str,
    policy: SessionPolicy,
    unix_time: float | None = None,
) -> str | None:
    """Check the second factor of a pending session: the new cookie token of the signed-in session, or None."""
    found = await pending(sessions, box, token=token)
    if found is None:
        return None
    now = utcnow()
    async with sessions() as session:
        credential = await session.get(ConsoleCredential, found.operator.id)
        secret = box.open_second_factor(credential.sealed_secret) if credential else None
        step = (
            totp.matching_step(
                secret, code, unix_time=time.time() if unix_time is None else unix_time, after_step=credential.last_step
            )
            if secret and credential
            else None
        )
        row = await session.get(ConsoleSession, found.session.id)
        if step is None or credential is None or row is None:
            _audit(session, found.operator.id, "console_code_refused")
            await session.commit()
            return None
        credential.last_step = step
        credential.enrolled_at = credential.enrolled_at or now
        session.add(credential)
        # A new cookie once signed in: a token seen before the second factor is worth nothing after it.
        fresh = random_tokens.token_urlsafe(32)
        row.token_hash = box.console_token_hash(fresh)
        row.verified, row.last_seen_at, row.expires_at = True, now, now + policy.lifetime
        session.add(row)
        _audit(session, found.operator.id, "console_signed_in")
        await session.commit()
        return fresh


async def _session_of(sessions: async_sessionmaker[AsyncSession], box: SecretBox, token: str) -> SignedIn | None:
    if not token:
        return None
    now = utcnow()
    async with sessions() as session:
        row = (
            await session.exec(select(ConsoleSession).where(ConsoleSession.token_hash == box.console_token_hash(token)))
        ).first()
        if row is None or row.ended_at is not None or (row.expires_at or now) <= now:
            return None
        operator = await session.get(Operator, row.operator_id)
        if operator is None or not operator.active:
            return None
        return SignedIn(row, operator)


async def signed_in(
    sessions: async_sessionmaker[AsyncSession], box: SecretBox, *, token: str, policy: SessionPolicy
) -> SignedIn | None:
    """The signed-in session of this cookie, or None; ends it when it has idled too long."""
    found = await _session_of(sessions, box, token)
    if found is None or not found.session.verified:
        return None
    now = utcnow()
    last_seen = found.session.last_seen_at or now
    if now - last_seen > policy.idle:
        await _end(sessions, found.session.id, reason="idle", by=None)  # type: ignore[arg-type]
        return None
    if now - last_seen > TOUCH_EVERY:
        async with sessions() as session:
            await session.exec(
                update(ConsoleSession).where(col(ConsoleSession.id) == found.session.id).values(last_seen_at=now)
            )
            await session.commit()
    return found


async def _end(sessions: async_sessionmaker[AsyncSession], session_id: int, *, reason: str, by: int | None) -> bool:
    async with sessions() as session:
        result = await session.exec(
            update(ConsoleSession)
            .where(col(ConsoleSession.id) == session_id, col(ConsoleSession.ended_at).is_(None))
            .values(ended_at=utcnow(), ended_reason=reason)
        )
        if result.rowcount == 1 and by is not None:
            _audit(session, by, f"console_session_{reason}", f"session #{session_id}")
        await session.commit()
        return result.rowcount == 1


async def sign_out(sessions: async_sessionmaker[AsyncSession], current: SignedIn) -> None:
    await _end(sessions, current.session.id, reason="signed_out", by=current.operator.id)  # type: ignore[arg-type]


async def end_own(sessions: async_sessionmaker[AsyncSession], operator: Operator, *, session_id: int) -> bool:
    """End one of one's own sessions (e.g. a browser left open elsewhere); False if it is not theirs."""
    async with sessions() as session:
        row = await session.get(ConsoleSession, session_id)
        if row is None or row.operator_id != operator.id:
            return False
    return await _end(sessions, session_id, reason="signed_out", by=operator.id)


async def revoke(sessions: async_sessionmaker[AsyncSession], admin: Operator | None, *, session_id: int) -> bool:
    """An admin ends someone's session (it fails at its next request); audited."""
    admin = require(admin, (Role.admin,))
    return await _end(sessions, session_id, reason="revoked", by=admin.id)


@dataclass(frozen=True)
class SessionRow:
    id: int
    operator_id: int
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    client: str | None
    current: bool


async def open_sessions(
    sessions: async_sessionmaker[AsyncSession],
    viewer: Operator | None,
    *,
    current_id: int | None,
    everyone: bool,
) -> list[SessionRow]:
    """Signed-in sessions still open: one's own, or (admins only) everyone's."""
    viewer = require(viewer, (Role.admin, Role.operator, Role.analyst))
    if everyone:
        require(viewer, (Role.admin,))
    now = utcnow()
    query = select(ConsoleSession).where(
        col(ConsoleSession.ended_at).is_(None),
        col(ConsoleSession.verified).is_(True),
        col(ConsoleSession.expires_at) > now,
    )
    if not everyone:
        query = query.where(ConsoleSession.operator_id == viewer.id)
    async with sessions() as session:
        rows = (await session.exec(query.order_by(col(ConsoleSession.last_seen_at).desc()))).all()
    return [
        SessionRow(
            row.id,  # type: ignore[arg-type]
            row.operator_id,
            row.created_at,
            row.last_seen_at,
            row.expires_at,
            row.client,
            row.id == current_id,
        )
        for row in rows
    ]
