"""Per-user quotas that must survive restarts (reports a day, /status attempts), keyed by a keyed user hash."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.clock import utcnow
from bot.models import UserCounter


async def take(
    sessions: async_sessionmaker[AsyncSession], *, user_key: str, kind: str, limit: int, window: timedelta
) -> bool:
    """Count one use of ``kind``; False (and nothing counted) once ``limit`` uses fell within ``window``."""
    now = utcnow()
    async with sessions() as session:
        query = select(UserCounter).where(UserCounter.user_key == user_key, UserCounter.kind == kind)
        counter = (await session.exec(query)).first()
        if counter is None:
            counter = UserCounter(user_key=user_key, kind=kind, window_start=now, count=0)
        elif counter.window_start + window <= now:
            counter.window_start, counter.count = now, 0
        if counter.count >= limit:
            return False
        counter.count += 1
        session.add(counter)
        await session.commit()
        return True


async def available(
    sessions: async_sessionmaker[AsyncSession], *, user_key: str, kind: str, limit: int, window: timedelta
) -> bool:
    """Whether one more use of ``kind`` would be allowed now; counts nothing (a draft is free until it is sent)."""
    now = utcnow()
    async with sessions() as session:
        query = select(UserCounter).where(UserCounter.user_key == user_key, UserCounter.kind == kind)
        counter = (await session.exec(query)).first()
    if counter is None or counter.window_start + window <= now:
        return True
    return counter.count < limit
