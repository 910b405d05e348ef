"""Per-user quotas that must survive restarts (reports a day, failed /status lookups an hour), keyed by a keyed user
hash, and a deployment-wide guard on failed /status lookups.

Windows are fixed and aligned to the clock (the UTC day for reports, the hour for /status): a counter row then says
"this pseudonym reported on day D", never the second it started, which would match a case's ``created_at``. A row is
deleted once its window has passed (``forget_expired``, every few minutes).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.clock import utcnow
from bot.models import UserCounter

REPORTS = "report"
QUESTIONS = "question"  # questions passed to a person (/person)
FAILED_STATUS = "status_failed"
WINDOWS = {REPORTS: timedelta(days=1), QUESTIONS: timedelta(days=1), FAILED_STATUS: timedelta(hours=1)}
EVERYONE = "*"  # the user_key of deployment-wide counters (a keyed hash is 64 hex digits: never "*")


def window_of(kind: str, now: datetime) -> datetime:
    """The start of the aligned window ``now`` falls in (whole days and hours since the epoch, UTC)."""
    seconds = int(WINDOWS[kind].total_seconds())
    stamp = int(now.timestamp())
    return datetime.fromtimestamp(stamp - stamp % seconds, UTC)


async def used(sessions: async_sessionmaker[AsyncSession], *, user_key: str, kind: str) -> int:
    """How many uses of ``kind`` fell in the current window."""
    async with sessions() as session:
        query = select(UserCounter).where(UserCounter.user_key == user_key, UserCounter.kind == kind)
        counter = (await session.exec(query)).first()
    if counter is None or counter.window_start != window_of(kind, utcnow()):
        return 0
    return counter.count


async def available(sessions: async_sessionmaker[AsyncSession], *, user_key: str, kind: str, limit: int) -> bool:
    """Whether one more use of ``kind`` would be allowed now; counts nothing (a draft is free until it is sent)."""
    return await used(sessions, user_key=user_key, kind=kind) < limit


class LimitReached(Exception):
    """``limit`` uses of the kind fell in the current window already: nothing was counted."""


async def take_in(session: AsyncSession, *, user_key: str, kind: str, limit: int) -> None:
    """Count one use of ``kind`` in the caller's transaction, so it is committed (or rolled back) with what it counts:
    a report's allowance is spent by the commit that makes the case, and by nothing else. Raises LimitReached once
    ``limit`` uses fell in the current window.

    Two first uses at once (two instances, the same user) would both insert the row: the second commit then fails on
    the unique key and its caller's transaction with it (nothing made, the caller may try again). The user's updates
    are handled one at a time across instances (the event isolation), so it does not happen in practice.
    """
    counter = await _counter_in_window(session, user_key=user_key, kind=kind)
    if counter.count >= limit:
        raise LimitReached
    counter.count += 1
    session.add(counter)


async def count(sessions: async_sessionmaker[AsyncSession], *, user_key: str, kind: str) -> None:
    """Count one use of ``kind`` in the current window."""
    for attempt in (1, 2):
        async with sessions() as session:
            counter = await _counter_in_window(session, user_key=user_key, kind=kind)
            counter.count += 1
            session.add(counter)
            try:
                await session.commit()
                return
            except IntegrityError:  # two first uses at once (another instance): count on the row it made
                await session.rollback()
                if attempt == 2:
                    raise


async def take(sessions: async_sessionmaker[AsyncSession], *, user_key: str, kind: str, limit: int) -> bool:
    """Count one use of ``kind``; False (and nothing counted) once ``limit`` uses fell in the current window."""
    if await used(sessions, user_key=user_key, kind=kind) >= limit:
        return False
    await count(sessions, user_key=user_key, kind=kind)
    return True


async def forget_expired(sessions: async_sessionmaker[AsyncSession]) -> int:
    """Delete the counters whose window has passed; returns how many."""
    now = utcnow()
    deleted = 0
    async with sessions() as session:
        for kind in WINDOWS:
            result = await session.exec(
                delete(UserCounter).where(
                    col(UserCounter.kind) == kind, col(UserCounter.window_start) < window_of(kind, now)
                )
            )
            deleted += result.rowcount
        # Kinds no longer counted (an older version's "status") go too.
        result = await session.exec(delete(UserCounter).where(col(UserCounter.kind).not_in(list(WINDOWS))))
        deleted += result.rowcount
        await session.commit()
    return deleted


async def _counter_in_window(session: AsyncSession, *, user_key: str, kind: str) -> UserCounter:
    """The user's counter of ``kind``, locked for this transaction, reset if its window has passed (new if none)."""
    start = window_of(kind, utcnow())
    query = select(UserCounter).where(UserCounter.user_key == user_key, UserCounter.kind == kind)
    counter = (await session.exec(query.with_for_update())).first()
    if counter is None:
        return UserCounter(user_key=user_key, kind=kind, window_start=start, count=0)
    if counter.window_start != start:
        counter.window_start, counter.count = start, 0
    return counter
