"""aiogram FSM storage in the database, so a half-written report survives a restart; or in Redis (several instances).

aiogram keys conversation state by bot, chat and user id; stored as they are, those ids would link a person to the
draft of their report. Here the key is an HMAC of them (SecretBox.conversation_key), so the table holds no id; and
``HashedKeyBuilder`` gives aiogram's RedisStorage and RedisEventIsolation the same kind of key, so Redis holds none.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, Literal

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, KeyBuilder, StateType, StorageKey
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.clock import utcnow
from bot.core.crypto import SecretBox
from bot.models import ConversationState

_KEEP = object()  # "leave the state as it is" (None means "no state")
# A state's data with this key (epoch seconds) lapses then: the storage forgets state and data (a /status session,
# whose case id must not stay linked to the account's key).
SESSION_EXPIRES = "expires_at"


def lapsed(data: Mapping[str, Any], now: float | None = None) -> bool:
    return SESSION_EXPIRES in data and float(data[SESSION_EXPIRES]) < (time.time() if now is None else now)


def hashed_key(secrets: SecretBox, key: StorageKey) -> str:
    parts = (key.bot_id, key.chat_id, key.user_id, key.thread_id, key.business_connection_id, key.destiny)
    return secrets.conversation_key(":".join(str(p) for p in parts))


class HashedKeyBuilder(KeyBuilder):
    """Redis keys ``<namespace>:fsm:<HMAC of bot, chat, user…>:<part>`` — no Telegram id in Redis either."""

    def __init__(self, secrets: SecretBox, namespace: str) -> None:
        self._secrets = secrets
        self._namespace = namespace

    def build(self, key: StorageKey, part: Literal["data", "state", "lock"] | None = None) -> str:
        built = f"{self._namespace}:fsm:{hashed_key(self._secrets, key)}"
        return f"{built}:{part}" if part else built


class DatabaseStorage(BaseStorage):
    """Write-through: every change is committed before aiogram goes on; reads come from memory once seen.

    Reading the state on every update from the database was the bot's largest cost per question. The cache is
    correct for one process (the only writer); several instances use Redis instead (see the deployment docs).
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], secrets: SecretBox, cache_size: int = 100_000):
        self._sessions = sessions
        self._secrets = secrets
        self._cache: OrderedDict[str, tuple[str | None, dict[str, Any]]] = OrderedDict()
        self._cache_size = cache_size

    async def _load(self, key: StorageKey) -> tuple[str | None, dict[str, Any]]:
        hashed = self._key(key)
        cached = self._cache.get(hashed)
        if cached is None:
            async with self._sessions() as session:
                row = await session.get(ConversationState, hashed)
                cached = (row.state, dict(row.data)) if row else (None, {})
            self._remember(hashed, cached)
        else:
            self._cache.move_to_end(hashed)
        if lapsed(cached[1]):
            await self._save(key, state=None, data={})
            return None, {}
        return cached

    def _remember(self, hashed: str, value: tuple[str | None, dict[str, Any]]) -> None:
        self._cache[hashed] = value
        self._cache.move_to_end(hashed)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def _key(self, key: StorageKey) -> str:
        return hashed_key(self._secrets, key)

    async def _save(self, key: StorageKey, *, state: object = _KEEP, data: dict | None = None) -> None:
        async with self._sessions() as session:
            row = await session.get(ConversationState, self._key(key))
            if row is None:
                row = ConversationState(key=self._key(key))
            if state is not _KEEP:
                row.state = state  # type: ignore[assignment]
            if data is not None:
                row.data = data
            row.updated_at = utcnow()
            if row.state is None and not row.data:
                await session.exec(delete(ConversationState).where(col(ConversationState.key) == row.key))
            else:
                session.add(row)
            await session.commit()
            self._remember(row.key, (row.state, dict(row.data)))

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._save(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._load(key))[0]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._save(key, data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return dict((await self._load(key))[1])

    async def close(self) -> None:
        pass


async def forget_lapsed_sessions(sessions: async_sessionmaker[AsyncSession]) -> int:
    """Delete conversation states whose session has lapsed (see SESSION_EXPIRES); returns how many.

    Only states with data are looked at, and the few that are /status sessions are recognised by their data.
    """
    now = time.time()
    async with sessions() as session:
        rows = (await session.exec(select(ConversationState.key, ConversationState.data))).all()
        gone = [key for key, data in rows if lapsed(data or {}, now)]
        if gone:
            await session.exec(delete(ConversationState).where(col(ConversationState.key).in_(gone)))
            await session.commit()
    return len(gone)
