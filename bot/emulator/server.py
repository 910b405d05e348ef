"""``BotAPIEmulator``: a local HTTP server that speaks the Telegram Bot API, plus the test-side controls.

Point aiogram at it with ``AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url))``; any token of
the form ``<digits>:<text>`` works and each token is an independent bot. Tests and the terminal chat drive the
other side with the user-side methods (see ``UserSide``) and inspect what the bot did.

    async with BotAPIEmulator() as emu:
        user = emu.user(1001, "Aigerim")
        await emu.send_message(user, "/start", token=TOKEN)
        reply = await emu.wait_for_bot_message(user.id, token=TOKEN)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from types import TracebackType
from typing import NoReturn

from aiohttp import web

from .errors import UNAUTHORIZED, ApiError
from .files import MAX_UPLOAD_BYTES
from .limits import RateLimits
from .methods.bot_api import activate_webhook
from .params import read_params
from .state import TOKEN_RE, DropConnection
from .userside import UserSide
from .webhook import WebhookSettings

log = logging.getLogger(__name__)


class BotAPIEmulator(UserSide):
    """Telegram's Bot API on 127.0.0.1, with users, fault injection and flood limits under test control.

    Knobs (plain attributes, change any time): ``callback_timeout`` (s before answerCallbackQuery says the query
    is too old), ``privacy_mode`` (bots see only commands/replies/mentions in groups), ``enforce_limits`` and
    ``limiter.limits`` (flood control), ``webhook_settings`` (retry delays, attempts, timeout),
    ``default_token`` (the bot user-side calls act for when no token is passed).
    """

    def __init__(
        self,
        *,
        default_token: str | None = None,
        callback_timeout: float = 15.0,
        privacy_mode: bool = True,
        limits: RateLimits | None = None,
        webhook: WebhookSettings | None = None,
    ) -> None:
        super().__init__(callback_timeout=callback_timeout, privacy_mode=privacy_mode, limits=limits, webhook=webhook)
        self.default_token = default_token
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None

    # ------------------------------------------------------------------------------------------ lifecycle

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on ``host:port`` (port 0: any free port; see ``base_url``)."""
        app = web.Application(client_max_size=MAX_UPLOAD_BYTES + 1024 * 1024)
        app.router.add_route("GET", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("POST", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)
        # handler_cancellation: a client that goes away (aiogram stopping) must not leave a poll pending.
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound_host, bound_port = self._runner.addresses[0][:2]
        self._base_url = f"http://{bound_host}:{bound_port}"

    async def stop(self) -> None:
        """Answer pending polls, stop webhook deliveries, close the server."""
        for bot in self.bots.values():
            bot.updates.end_poll("closed")
            if bot.deliverer is not None:
                await bot.deliverer.stop()
        await asyncio.sleep(0)
        if self._http is not None:
            await self._http.close()
            self._http = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` once started."""
        if self._base_url is None:
            raise RuntimeError("the emulator is not started")
        return self._base_url

    async def __aenter__(self) -> BotAPIEmulator:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # ------------------------------------------------------------------------------------------ HTTP

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        token, method = request.match_info["token"], request.match_info["method"]
        try:
            if not TOKEN_RE.match(token) or token in self.revoked_tokens:
                raise ApiError(401, UNAUTHORIZED)
            try:
                params = await read_params(request)
            except web.HTTPRequestEntityTooLarge:
                raise ApiError(413, "Request Entity Too Large") from None
            result = await self.execute(token, method, params)
        except ApiError as error:
            return web.json_response(error.envelope(), status=error.error_code)
        except DropConnection:
            _drop(request)
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        if not TOKEN_RE.match(token) or token in self.revoked_tokens:
            error = ApiError(401, UNAUTHORIZED)
            return web.json_response(error.envelope(), status=401)
        record = self.files.by_path(request.match_info["file_path"])
        if record is None:
            return web.json_response(ApiError(404, "Not Found").envelope(), status=404)
        content_type = record.meta.get("mime_type") or "application/octet-stream"
        return web.Response(body=record.data, content_type=content_type)

    # ------------------------------------------------------------------------------------------ webhooks

    def webhook_targets(self, token: str | None, urls: Sequence[str] | None, secret_token: str | None = None) -> None:
        """Deliver this bot's updates round-robin across ``urls`` (several bot instances); None/[] clears it.

        The override keeps the webhook active even after deleteWebhook; the secret is the one given here, else
        the one from setWebhook.
        """
        bot = self.bot_state(token)
        was_active = bot.webhook.active
        bot.webhook.override_urls = list(urls or [])
        bot.webhook.override_secret = secret_token
        if bot.webhook.active and not was_active:
            activate_webhook(self, bot)

    async def deliver_again(self, update_id: int, token: str | None = None) -> None:
        """POST an already delivered update once more (Telegram re-sends when it saw no answer in time)."""
        bot = self.bot_state(token)
        update = bot.updates.history.get(update_id)
        if update is None:
            raise LookupError(f"no update {update_id}")
        if not bot.webhook.active:
            raise RuntimeError("deliver_again needs an active webhook; getUpdates never repeats a confirmed update")
        bot.updates.pending[update_id] = update
        bot.updates.pending = dict(sorted(bot.updates.pending.items()))
        self.deliverer(bot).enqueue(update)
        await asyncio.sleep(0)

    def webhook_deliveries(self, token: str | None = None) -> list[tuple[int, str]]:
        """(update_id, url) of every successful webhook delivery, in order."""
        bot = self.bot_state(token)
        return list(bot.deliverer.delivered) if bot.deliverer else []

    def revoke_token(self, token: str) -> None:
        """From now on the token is rejected with 401, like a token revoked in @BotFather."""
        self.revoked_tokens.add(token)


def _drop(request: web.Request) -> NoReturn:
    """Close the connection without answering (the injected ``error_code=0`` fault)."""
    if request.transport is not None:
        request.transport.abort()
    raise _Dropped


class _Dropped(web.HTTPException):
    """aiohttp needs an exception to leave the handler; the client never sees it (the socket is closed)."""

    status_code = 500
