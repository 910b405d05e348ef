"""Which keyed hashes have anything stored (a language choice, a conversation state): a citizen writing for the
first time has none, and is answered without asking the database for rows that do not exist.

On the day of a public appeal almost every update comes from someone who never wrote before; reading their (absent)
preference and conversation state cost two database round trips (see docs/benchmarks.md, "First-contact surge").
``KnownKeys`` is a compact set of the first 64 bits of every stored key, filled from the database once and kept up to
date on every write. A key absent from it certainly has nothing stored; a key present may (64-bit prefixes of HMACs
collide rarely, and a deleted row stays known): then the database is asked, as before. It grows with the citizens who
have stored something, not with the citizens who wrote.

One process only: it sees its own writes. With several instances (REDIS_URL) conversation state lives in Redis and
language choices in a Redis hash (see ``bot.cases.preferences``), so no database read is needed there either.
"""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import ConversationState, UserPreference

LOAD_BATCH = 10_000


def short(key: str) -> int:
    """The first 64 bits of a hex HMAC: 8 bytes of payload per known key instead of a 64-character string."""
    return int(key[:16], 16)


class KnownKeys:
    """The stored keys of conversation states and language choices, loaded on first use."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._known: set[int] = set()
        self._loaded = False
        self._loading = asyncio.Lock()

    async def may_have(self, key: str) -> bool:
        """False: nothing is stored under ``key``. True: something may be (ask the database)."""
        if not self._loaded:
            await self.load()
        return short(key) in self._known

    def add(self, key: str) -> None:
        """Called before a row is written under ``key`` (a reader in between then asks the database, finds nothing)."""
        self._known.add(short(key))

    @property
    def count(self) -> int:
        return len(self._known)

    async def load(self) -> None:
        """Read every stored key once (at start-up, so no citizen's update waits for it)."""
        async with self._loading:
            if self._loaded:
                return
            async with self._sessions() as session:
                for column in (ConversationState.key, UserPreference.user_key):
                    result = await session.stream_scalars(select(column).execution_options(yield_per=LOAD_BATCH))
                    async for key in result:
                        self._known.add(short(key))
            self._loaded = True
