"""Each citizen's language, remembered across restarts under a keyed hash of their user id."""

from __future__ import annotations

from collections import OrderedDict

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import UserPreference
from bot.models.preferences import utcnow


class LanguagePreferences:
    """Read-through cache over ``user_preferences``; writes go to the database first, then the cache."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, cache_size: int = 50_000) -> None:
        self._sessions = sessions
        self._cache: OrderedDict[str, str | None] = OrderedDict()
        self._cache_size = cache_size

    async def get(self, user_key: str) -> str | None:
        if user_key in self._cache:
            self._cache.move_to_end(user_key)
            return self._cache[user_key]
        async with self._sessions() as session:
            row = await session.get(UserPreference, user_key)
        language = row.language if row else None
        self._remember(user_key, language)
        return language

    async def set(self, user_key: str, language: str) -> None:
        async with self._sessions() as session:
            row = await session.get(UserPreference, user_key)
            if row is None:
                session.add(UserPreference(user_key=user_key, language=language))
            else:
                row.language = language
                row.updated_at = utcnow()
                session.add(row)
            await session.commit()
        self._remember(user_key, language)

    def _remember(self, user_key: str, language: str | None) -> None:
        self._cache[user_key] = language
        self._cache.move_to_end(user_key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
