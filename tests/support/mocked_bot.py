"""Handler tests without HTTP: the real Dispatcher, routers, middlewares and services on a Bot whose session
records what the bot sends and answers it as Telegram would, in memory.

After aiogram's own ``tests/mocked_bot.py`` (a session that records requests), with one difference: every method is
answered with a plausible success by itself (a sent message gets the next message id), so a test states only what
it sends and checks what came back, not the replies it expects in advance. A test that wants Telegram to refuse a
method queues the error with ``session.fail_next``. What Telegram does on the wire (limits, formats, errors) is the
emulator's job in ``tests/e2e``; this layer is for what a handler decides, in milliseconds.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramAPIError
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bot.cases import moderation
from bot.core import database
from bot.core.settings import load_settings
from bot.telegram.composition import Services, build_dispatcher, build_services

TOKEN = "4343434343:mocked-session-token-AAAAAAAAAAAAAA"
SECRET = "mocked-session-secret-key-0123456789abcdefghijk"


class RecordingSession(BaseSession):
    """Records every Bot API call; answers each as a success (or with the error a test queued for that method)."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self.fail_next: dict[str, TelegramAPIError] = {}  # API method name → the error its next call raises
        self._message_ids = itertools.count(1000)

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.requests.append(method)
        if (error := self.fail_next.pop(method.__api_method__, None)) is not None:
            raise error
        return self._success(bot, method)  # type: ignore[no-any-return]

    def _success(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        returning = method.__returning__
        if returning is Message:
            chat_id = getattr(method, "chat_id", 0)
            message = Message(
                message_id=next(self._message_ids),
                date=datetime.now(UTC),
                chat=Chat(id=chat_id, type="private" if isinstance(chat_id, int) and chat_id > 0 else "supergroup"),
                from_user=User(id=bot.id, is_bot=True, first_name="Hotline"),
                text=getattr(method, "text", None),
            )
            return message.as_(bot)
        if returning is bool:
            return True
        if returning is User:
            return User(id=bot.id, is_bot=True, first_name="Hotline", username="hotline_bot")
        raise NotImplementedError(f"RecordingSession answers no {method.__api_method__} yet: add it here")

    async def close(self) -> None:
        pass

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:  # pragma: no cover - no test downloads files here
        yield b""


@dataclass
class MockedHotline:
    """The hotline's dispatcher and services over a RecordingSession; a fresh SQLite database per test."""

    bot: Bot
    session: RecordingSession
    services: Services
    dispatcher: Dispatcher
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def send(self, user: User, text: str, *, chat_id: int | None = None) -> list[TelegramMethod[Any]]:
        """The user sends ``text`` (to the bot's private chat, or to ``chat_id``); returns what the bot called."""
        chat = Chat(id=chat_id or user.id, type="private" if chat_id is None else "supergroup")
        message = Message(
            message_id=next(self._update_ids), date=datetime.now(UTC), chat=chat, from_user=user, text=text
        )
        return await self._feed(Update(update_id=next(self._update_ids), message=message))

    async def press(self, user: User, data: str, *, chat_id: int | None = None) -> list[TelegramMethod[Any]]:
        """The user presses a button carrying ``data`` under one of the bot's messages."""
        chat = Chat(id=chat_id or user.id, type="private" if chat_id is None else "supergroup")
        under = Message(message_id=1, date=datetime.now(UTC), chat=chat, text="…")
        query = CallbackQuery(
            id=str(next(self._update_ids)), from_user=user, chat_instance="1", data=data, message=under
        )
        return await self._feed(Update(update_id=next(self._update_ids), callback_query=query))

    async def _feed(self, update: Update) -> list[TelegramMethod[Any]]:
        before = len(self.session.requests)
        await self.dispatcher.feed_update(self.bot, update)
        return self.session.requests[before:]


def texts_sent(calls: list[TelegramMethod[Any]]) -> list[str]:
    return [call.text for call in calls if hasattr(call, "text") and call.text is not None]


def alerts(calls: list[TelegramMethod[Any]]) -> list[tuple[str | None, bool | None]]:
    return [(call.text, call.show_alert) for call in calls if isinstance(call, AnswerCallbackQuery)]


@asynccontextmanager
async def mocked_hotline(data_dir: Path, **settings: Any) -> AsyncIterator[MockedHotline]:
    values: dict[str, Any] = {"bot_token": TOKEN, "secret_key": SECRET, "data_dir": data_dir, "health_port": 0}
    config = load_settings(**(values | settings))
    session = RecordingSession()
    bot = Bot(TOKEN, session=session)
    services = build_services(config, bot=bot)
    try:
        await database.upgrade_async(config.database)
        await moderation.seed_operators(services.sessions, config.operator_ids)
        yield MockedHotline(bot, session, services, build_dispatcher(services))
    finally:
        await services.close()
