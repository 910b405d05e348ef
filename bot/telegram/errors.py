"""The last word on a failed update: logged without content or identity, and the user told in their language.

aiogram's ErrorsMiddleware turns a handler's exception into an error event that travels the router tree in
inclusion order; this router is included last, so it sees only what no earlier router's ``errors`` handler took
(e.g. the operators' router answers a refused action itself).
"""

from __future__ import annotations

import contextlib
import logging

from aiogram import Router
from aiogram.exceptions import TelegramForbiddenError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from bot.core.i18n import Translator
from bot.core.settings import Settings
from bot.telegram.texts import Texts, language_from_telegram

log = logging.getLogger(__name__)


async def user_blocked_the_bot(event: ErrorEvent) -> bool:
    # The user blocked the bot mid-conversation: nothing to tell them, nothing to fix.
    log.info("update %s: the user has blocked the bot", event.update.update_id)
    return True


async def report_error(event: ErrorEvent, translator: Translator, settings: Settings) -> bool:
    """Log the failure by class and traceback (never the update's text), and say something went wrong."""
    update = event.update
    log.error(
        "update %s failed: %s",
        update.update_id,
        type(event.exception).__name__,
        exc_info=(type(event.exception), event.exception, event.exception.__traceback__),
    )
    message = update.message or (update.callback_query.message if update.callback_query else None)
    user = (
        update.message.from_user
        if update.message
        else (update.callback_query.from_user if update.callback_query else None)
    )
    if message is None or message.chat.type != "private":
        return True
    lang = language_from_telegram(user.language_code if user else None, settings.default_language)
    with contextlib.suppress(Exception):
        await message.answer(Texts(translator, lang)("error-generic"))
    return True


def create_error_router() -> Router:
    router = Router(name="errors")
    router.errors.register(user_blocked_the_bot, ExceptionTypeFilter(TelegramForbiddenError))
    router.errors.register(report_error)
    return router
