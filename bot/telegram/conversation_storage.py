"""aiogram FSM storage in the database, so a half-written report survives a restart; or in Redis (several instances).

aiogram keys conversation state by bot, chat and user id; stored as they are, those ids would link a person to the
draft of their report. Here the key is an HMAC of them (SecretBox.conversation_key), so the table holds no id; and
``HashedKeyBuilder`` gives aiogram's RedisStorage and RedisEventIsolation the same kind of key, so Redis holds none.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any, Literal

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, KeyBuilder, StateType, StorageKey
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import TelegramObject
from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases.known_keys import KnownKeys
from bot.core.clock import utcnow
from bot.core.crypto import SecretBox
from bot.models import ConversationState

_KEEP = object()  # "leave the state as it is" (None means "no state")
# A state's data with this key (epoch seconds) lapses then: the storage forgets state and data (a /status session,
# whose case id must not stay linked to the account's key).
SESSION_EXPIRES = "expires_at"


def lapsed(data: Mapping[str, Any], now: float | None = None) -> bool:
    return SESSION_EXPIRES in data and float(data[SESSION_EXPIRES]) < (time.time() if now is None else now)


_NOTHING: tuple[str | None, dict[str, Any]] = (None, {})


class _Pending:
    """The conversation states changed by the update being handled and not written yet."""

    def __init__(self, storage: DatabaseStorage) -> None:
        self.storage = storage
        self.keys: set[str] = set()

    async def write(self) -> None:
        while self.keys:
            await self.storage.write(self.keys.pop())


# Set while an update is handled (``coalesced``); None: each change is written at once.
_PENDING: contextvars.ContextVar[_Pending | None] = contextvars.ContextVar("pending_state_writes", default=None)


async def write_pending_state() -> None:
    """Write what the update being handled has changed so far (before the citizen is told anything)."""
    pending = _PENDING.get()
    if pending is not None:
        await pending.write()


Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


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
    """Conversation state in the database; reads come from memory once seen; writes coalesced per update.

    Reading the state on every update from the database was the bot's largest cost per question; a citizen who has
    no stored state (``KnownKeys``) is not looked up at all. The cache is correct for one process (the only writer);
    several instances use Redis instead (see the deployment docs).

    Inside ``coalesced()`` (``CoalescedStateWrites`` wraps every update in it) changes go to memory and are written
    in one statement each before the next Bot API call of that update (``StateBeforeReplies``) or at its end: a
    report step that sets both data and state commits once, and the state is stored before the citizen sees the
    reply to it, as before (a crash after "evidence added" keeps the evidence). Outside it (a test, a script) every
    change is written at once, as aiogram expects.
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        secrets: SecretBox,
        *,
        known: KnownKeys | None = None,
        cache_size: int = 100_000,
    ):
        self._sessions = sessions
        self._secrets = secrets
        self._known = known or KnownKeys(sessions)
        self._cache: OrderedDict[str, tuple[str | None, dict[str, Any]]] = OrderedDict()
        self._cache_size = cache_size

    async def _load(self, key: StorageKey) -> tuple[str | None, dict[str, Any]]:
        hashed = self._key(key)
        cached = self._cache.get(hashed)
        if cached is not None:
            self._cache.move_to_end(hashed)
        else:
            if not await self._known.may_have(hashed):
                return _NOTHING  # a first contact: nothing to read, and nothing kept in memory for them
            async with self._sessions() as session:
                row = await session.get(ConversationState, hashed)
                cached = (row.state, dict(row.data)) if row else _NOTHING
            self._remember(hashed, cached)
        if lapsed(cached[1]):  # a /status session past its time: forgotten, with the case id it held
            self._remember(hashed, _NOTHING)
            pending = _PENDING.get()
            if pending is None:
                await self.write(hashed)
            else:
                pending.keys.add(hashed)
            return _NOTHING
        return cached

    def _remember(self, hashed: str, value: tuple[str | None, dict[str, Any]]) -> None:
        self._cache[hashed] = value
        self._cache.move_to_end(hashed)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def _key(self, key: StorageKey) -> str:
        return hashed_key(self._secrets, key)

    async def _change(self, key: StorageKey, *, state: object = _KEEP, data: dict | None = None) -> None:
        current_state, current_data = await self._load(key)
        hashed = self._key(key)
        value = (
            current_state if state is _KEEP else state,
            current_data if data is None else data,
        )
        if value == _NOTHING and (current_state, current_data) == _NOTHING:
            return  # clearing what was never stored (not compared otherwise: handlers mutate lists in place)
        self._remember(hashed, value)  # type: ignore[arg-type]
        pending = _PENDING.get()
        if pending is None:
            await self.write(hashed)
        else:
            pending.keys.add(hashed)

    async def write(self, hashed: str) -> None:
        """Store what memory holds for ``hashed`` (one statement, one commit)."""
        state, data = self._cache.get(hashed, _NOTHING)
        async with self._sessions() as session:
            if state is None and not data:
                await session.exec(_FORGET, params={"key": hashed})
            else:
                self._known.add(hashed)
                values = {"key": hashed, "state": state, "data": data, "updated_at": utcnow()}
                await session.exec(_UPSERTS[session.get_bind().dialect.name], params=values)
            await session.commit()

    @contextlib.asynccontextmanager
    async def coalesced(self) -> AsyncIterator[None]:
        """Changes inside the block are written once at its end (also when it fails: they were made)."""
        if _PENDING.get() is not None:
            yield
            return
        pending = _Pending(self)
        token = _PENDING.set(pending)
        try:
            yield
        finally:
            _PENDING.reset(token)
            await pending.write()

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._change(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._load(key))[0]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._change(key, data=dict(data))

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


def _upsert(insert: Callable[[Any], Any]) -> Any:
    statement = insert(ConversationState)
    return statement.values(
        key=bindparam("key"), state=bindparam("state"), data=bindparam("data"), updated_at=bindparam("updated_at")
    ).on_conflict_do_update(
        index_elements=["key"],
        set_={
            "state": statement.excluded.state,
            "data": statement.excluded.data,
            "updated_at": statement.excluded.updated_at,
        },
    )


# Built once with bound parameters: a report writes its state ~8 times, and building the statement and its cache
# key every time cost ~0.35 of the ~0.75 ms of loop CPU per write (SQLite, /tmp microbenchmark, 3 × 500 writes).
_UPSERTS = {"postgresql": _upsert(postgresql_insert), "sqlite": _upsert(sqlite_insert)}
_FORGET = delete(ConversationState).where(col(ConversationState.key) == bindparam("key"))


class CoalescedStateWrites(BaseMiddleware):
    """Outer middleware on updates: the conversation state an update changes is written once, after it."""

    def __init__(self, storage: DatabaseStorage) -> None:
        self.storage = storage

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async with self.storage.coalesced():
            return await handler(event, data)


class StateBeforeReplies(BaseRequestMiddleware):
    """Bot API request middleware: the update's pending state changes are written before any call goes out."""

    async def __call__(
        self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot, method: TelegramMethod[TelegramType]
    ) -> Response[TelegramType]:
        await write_pending_state()
        return await make_request(bot, method)
