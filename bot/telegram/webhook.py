"""Webhook mode: the aiohttp endpoint Telegram posts updates to, and registering the webhook once per deployment.

The endpoint answers after the update is handled, not before (aiogram's ``handle_in_background=False``): a case and
its operator notification are committed before the citizen sees the receipt, so if this instance dies mid-update,
Telegram has no answer, re-sends the update, and another instance (or this one, restarted) handles it again; the
de-duplication claim (bot.telegram.dedup) keeps a finished update from being handled twice. Answering first would
confirm updates that a crash then loses. The cost is a connection held per update in flight, which Telegram's
``max_connections`` (40 by default) bounds.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Callable
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.methods import TelegramMethod
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from pydantic import ValidationError

from bot.core.coordination import Coordinator
from bot.core.settings import Settings
from bot.telegram.dedup import Delivery
from bot.telegram.observability import Problems

log = logging.getLogger(__name__)
# Telegram's answers that say the registration itself is wrong: the same call will be refused again.
PERMANENT = (TelegramBadRequest, TelegramUnauthorizedError, TelegramForbiddenError, TelegramNotFound)


class WebhookHandler(SimpleRequestHandler):
    """aiogram's handler (secret check → 401) that also answers 503 when Telegram should re-send the update later:
    while this instance shuts down, or while another instance still holds the update."""

    def __init__(self, dispatcher: Dispatcher, bot: Bot, *, secret_token: str, draining: Callable[[], bool]) -> None:
        super().__init__(dispatcher, bot, handle_in_background=False, secret_token=secret_token)
        self._draining = draining
        self._expected = secret_token.encode("ascii")

    def verify_secret(self, telegram_secret_token: str, bot: Bot) -> bool:
        # compare_digest raises on non-ASCII str: compare bytes, so any header gets 401, never a 500.
        given = telegram_secret_token.encode("utf-8", "surrogateescape")
        return hmac.compare_digest(given, self._expected)

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        if self._draining():
            return web.Response(status=503)
        try:
            update = await request.json(loads=bot.session.json_loads)
        except ValueError:
            log.warning("webhook: a request whose body is not JSON was refused")
            return web.Response(status=400)
        delivery = Delivery()
        try:
            result: TelegramMethod[Any] | None = await self.dispatcher.feed_webhook_update(
                bot, update, delivery=delivery, **self.data
            )
        except ValidationError as error:
            # An update this version cannot read: answered 200 so Telegram does not hold the queue re-sending it;
            # logged by field location only (pydantic's message would quote what the user wrote).
            fields = sorted({".".join(str(part) for part in item["loc"]) for item in error.errors()})
            log.warning("webhook: an update that could not be read was dropped (fields: %s)", ", ".join(fields)[:300])
            return web.Response(status=200)
        if delivery.retry_later:
            return web.Response(status=503)
        return web.Response(body=self._build_response_writer(bot=bot, result=result))


async def ensure_webhook(bot: Bot, settings: Settings, allowed_updates: list[str], coordinator: Coordinator) -> bool:
    """setWebhook only if Telegram has another URL or other update types; True if this instance set it.

    Every replica starts with this; the lock and the second look make the first one set it and the others see it
    set, so Telegram gets one setWebhook per deployment (each one would reset its delivery state).
    WEBHOOK_SECRET cannot be read back from Telegram: to rotate it, change WEBHOOK_URL too (e.g. its path).
    """
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    url = settings.webhook_url

    async def is_set() -> bool:
        info = await bot.get_webhook_info()
        return info.url == url and sorted(info.allowed_updates or []) == sorted(allowed_updates)

    if await is_set():
        return False
    async with coordinator.exclusive("set-webhook"):
        if await is_set():
            return False
        await bot.set_webhook(
            url,
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=allowed_updates,
            drop_pending_updates=False,  # updates sent while no instance ran are still wanted
        )
    log.info("webhook registered with Telegram")
    return True


async def keep_trying_to_register(
    bot: Bot, settings: Settings, allowed_updates: list[str], coordinator: Coordinator, problems: Problems
) -> None:
    """ensure_webhook until it succeeds: a replica that starts while Redis or Telegram is down still comes up
    (and says so in /healthz) instead of crash-looping.

    Telegram refusing the URL itself (400 "bad webhook: …", 401, 403) is permanent: retrying cannot help, so it is
    logged with Telegram's words, named in /healthz (503) and in ``hotline_problem``, and not retried; fixing
    WEBHOOK_URL and restarting is the way out. 429 waits what Telegram asks.
    """
    delay = 1.0
    while True:
        try:
            await ensure_webhook(bot, settings, allowed_updates, coordinator)
        except TelegramRetryAfter as error:
            wait = float(error.retry_after)
            log.warning("could not register the webhook yet (Telegram asks to wait %.0f s)", wait)
            await asyncio.sleep(wait)
            continue
        except PERMANENT as error:
            problems.report("webhook", f"refused by Telegram: {error.message}")
            log.error(
                "Telegram refused the webhook (%s); no updates will arrive: fix WEBHOOK_URL (an https:// URL on port "
                "443, 80, 88 or 8443 whose host resolves to a public address) and restart",
                error.message,
            )
            return
        except Exception as error:
            log.warning("could not register the webhook (%s); retrying in %.0f s", type(error).__name__, delay)
        else:
            problems.clear("webhook")
            return
        await asyncio.sleep(delay)
        delay = min(delay * 2, 60.0)
