"""Each citizen's language, remembered across restarts under a keyed hash of their user id.

Read on every update. In one process: a citizen with no stored choice (``KnownKeys`` says so) costs nothing, the
others are read once and cached here. With several instances (REDIS_URL) a choice made on one instance must be seen
by the next update on any other, so every stored choice is also in one Redis hash, filled from the database once
(a marker key says it was) and written on every change: one Redis round trip answers both "which language" and
"none stored", and the database is read only if Redis lost the hash (restarted empty) until it is filled again.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases.known_keys import LOAD_BATCH, KnownKeys
from bot.core.clock import utcnow
from bot.models import UserPreference

log = logging.getLogger(__name__)


class LanguagePreferences:
    """Read-through cache over ``user_preferences``; writes go to the database first, then the cache."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        known: KnownKeys | None = None,
        cache_size: int = 50_000,
        redis: Redis | None = None,
        namespace: str = "hotline",
    ) -> None:
        self._sessions = sessions
        self._known = known or KnownKeys(sessions)
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._cache_size = cache_size
        self._redis = redis
        self._hash = f"{namespace}:languages"
        self._filled = f"{namespace}:languages:filled"
        self._filling = asyncio.Lock()

    async def prepare(self) -> None:
        """At start-up: know which citizens have stored anything (one process) or fill Redis's hash if it is empty."""
        if self._redis is None:
            await self._known.load()
            return
        try:
            if not await self._redis.exists(self._filled):
                await self._fill_shared()
        except RedisError:  # the bot starts anyway (/healthz says Redis is down); the first lookup fills it
            log.warning("language choices not copied to Redis at start (unreachable); copied on first use")

    async def get(self, user_key: str) -> str | None:
        if self._redis is not None:
            return await self._get_shared(user_key)
        if user_key in self._cache:
            self._cache.move_to_end(user_key)
            return self._cache[user_key]
        if not await self._known.may_have(user_key):
            return None
        language = await self._read(user_key)
        if language is not None:
            self._remember(user_key, language)
        return language

    async def set(self, user_key: str, language: str) -> None:
        self._known.add(user_key)
        async with self._sessions() as session:
            row = await session.get(UserPreference, user_key)
            if row is None:
                session.add(UserPreference(user_key=user_key, language=language))
            else:
                row.language = language
                row.updated_at = utcnow()
                session.add(row)
            await session.commit()
        if self._redis is not None:
            await self._redis.hset(self._hash, user_key, language)
        else:
            self._remember(user_key, language)

    async def _get_shared(self, user_key: str) -> str | None:
        assert self._redis is not None
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.hget(self._hash, user_key)
            pipe.exists(self._filled)
            language, filled = await pipe.execute()
        if language is not None:
            return str(language.decode() if isinstance(language, bytes) else language)
        if filled:
            return None
        await self._fill_shared()
        return await self._read(user_key)

    async def _fill_shared(self) -> None:
        """Copy every stored choice into the Redis hash. HSETNX: a choice written meanwhile is newer; it stays."""
        assert self._redis is not None
        async with self._filling:
            if await self._redis.exists(self._filled):
                return
            async with self._sessions() as session:
                query = select(UserPreference.user_key, UserPreference.language).execution_options(yield_per=LOAD_BATCH)
                result = await session.stream(query)
                async for batch in result.partitions():
                    async with self._redis.pipeline(transaction=False) as pipe:
                        for user_key, language in batch:
                            pipe.hsetnx(self._hash, user_key, language)
                        await pipe.execute()
            await self._redis.set(self._filled, b"1")

    async def _read(self, user_key: str) -> str | None:
        async with self._sessions() as session:
            row = await session.get(UserPreference, user_key)
        return row.language if row else None

    def _remember(self, user_key: str, language: str) -> None:
        self._cache[user_key] = language
        self._cache.move_to_end(user_key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
