"""Per-update context: who (as a keyed hash), in which language, and whether they are flooding.

Runs as an outer middleware on every update, after aiogram's own one has found ``event_from_user`` and ``event_chat``.
Handlers receive ``user_key`` (never the raw id for storage), ``lang`` and ``t`` (texts in that language).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import BaseMiddleware, Bot
from aiogram.types import CallbackQuery, TelegramObject, Update, User

from bot.cases.preferences import LanguagePreferences
from bot.core.crypto import SecretBox
from bot.core.flood_control import Flood
from bot.core.i18n import Translator
from bot.telegram.texts import Texts, language_from_telegram

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class UserContext(BaseMiddleware):
    def __init__(
        self,
        *,
        secrets: SecretBox,
        preferences: LanguagePreferences,
        translator: Translator,
        flood: Flood,
        default_language: str,
        zone: ZoneInfo,
    ) -> None:
        self.zone = zone
        self.secrets = secrets
        self.preferences = preferences
        self.translator = translator
        self.flood = flood
        self.default_language = default_language

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or user.is_bot:
            return await handler(event, data)
        user_key = self.secrets.user_key(user.id)
        lang = await self.preferences.get(user_key) or language_from_telegram(user.language_code, self.default_language)
        t = Texts(self.translator, lang, self.zone)
        data.update(user_key=user_key, lang=lang, t=t)
        message = event.message if isinstance(event, Update) else None
        # The files of an album are one message to their sender: one token for the album (flood_control).
        allowed, warn = await self.flood.take(user_key, album=message.media_group_id if message else None)
        if allowed:
            return await handler(event, data)
        if warn:
            await self._slow_down(event, data, t)
        return None

    @staticmethod
    async def _slow_down(event: TelegramObject, data: dict[str, Any], t: Texts) -> None:
        """Tell the user once per pause; everything else they send meanwhile is dropped on purpose."""
        bot: Bot = data["bot"]
        update = event if isinstance(event, Update) else None
        query: CallbackQuery | None = update.callback_query if update else None
        if query is not None:
            await query.answer(t("slow-down"), show_alert=True)
            return
        chat = data.get("event_chat")
        if chat is not None and chat.type == "private":
            await bot.send_message(chat.id, t("slow-down"))
