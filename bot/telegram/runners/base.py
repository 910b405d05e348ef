"""What both runners share: start-up in order, the stop request, and the graceful end.

Start: Bot → services → can Telegram be reached (one attempt) → migrations → the secret checked, OPERATOR_IDS
changes applied → background work → Dispatcher → command menu.
Stop (SIGTERM/SIGINT): the runner stops taking updates, the updates in flight get SHUTDOWN_GRACE_SECONDS, then the
question log is written, the background work stopped, Redis, the database and the Bot API session closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError
from aiogram.methods import GetMe

from bot.cases import deployment
from bot.core import database
from bot.core.settings import ConfigError, Settings
from bot.telegram.commands import register_commands
from bot.telegram.composition import (
    Services,
    build_bot,
    build_dispatcher,
    build_services,
    connect_shared_redis,
)
from bot.telegram.runtime import settle_garbage_collector
from bot.telegram.scheduler import start_background_work

log = logging.getLogger(__name__)


class TelegramUnreachable(Exception):
    """The Bot API could not be reached at start (no network, a wrong TELEGRAM_API_URL): one line says so."""


class StartCancelled(Exception):
    """A stop was requested (SIGTERM/SIGINT) before the start-up had finished; everything built is closed."""


class App:
    """Start-up, the stop request and the graceful end; subclasses take the updates."""

    def __init__(self, settings: Settings, *, settle_gc: bool = False) -> None:
        self.settings = settings
        # Only when the bot owns its process (``hotline run``): freezing is process-wide.
        self.settle_gc = settle_gc
        self.services: Services | None = None
        self.dispatcher: Dispatcher | None = None
        self.ready = asyncio.Event()
        self._stop_requested = asyncio.Event()

    async def _start(self) -> tuple[Bot, Services, Dispatcher]:
        redis = connect_shared_redis(self.settings)
        bot = build_bot(self.settings, redis=redis)
        try:
            # First: without a network nothing else is worth starting, and a stop now has no background work to end.
            # Before the services too: their warnings (SECRET_KEY not set, …) would come before the one line that
            # says why the bot stopped, and a newcomer without a network would read two problems for one.
            await self._check_reachable(bot)
            self.services = services = build_services(self.settings, bot=bot, redis=redis)
        except BaseException:
            await bot.session.close()
            if redis is not None:
                await redis.aclose()
            raise
        try:
            await database.upgrade_async(self.settings.database)
            await deployment.check_secret(services.sessions, services.secrets)
            await deployment.apply_operator_ids(services.sessions, self.settings.operator_ids)
            await services.preferences.prepare()
            start_background_work(services)
            self.dispatcher = dispatcher = build_dispatcher(services)
            try:
                await register_commands(bot, services.translator, self.settings.default_language)
            except TelegramUnauthorizedError:
                raise ConfigError(
                    "configuration error: BOT_TOKEN was rejected by Telegram (Unauthorized); check the token "
                    "with @BotFather and set BOT_TOKEN again"
                ) from None
        except BaseException:
            await services.close()
            await bot.session.close()
            raise
        if self.settle_gc:
            settle_garbage_collector()
        return bot, services, dispatcher

    async def _start_unless_stopped(self) -> tuple[Bot, Services, Dispatcher]:
        """``_start``, abandoned as soon as a stop is requested: a SIGTERM while the network is down or the
        migrations run must not wait for them (``_start`` closes what it built when it is cancelled)."""
        starting = asyncio.create_task(self._start())
        stopping = asyncio.create_task(self._stop_requested.wait())
        await asyncio.wait({starting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if starting.done():
            return starting.result()
        starting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await starting
        raise StartCancelled

    async def _check_reachable(self, bot: Bot) -> None:
        """One attempt (GetMe is never retried): without a network the answer is one line, not retries."""
        try:
            await bot(GetMe())
        except TelegramNetworkError as error:
            where = self.settings.telegram_api_url or "https://api.telegram.org"
            raise TelegramUnreachable(
                f"cannot reach the Telegram Bot API at {where} ({error.message.split(' - ')[-1]}); check the "
                "network (or TELEGRAM_API_URL) and start again"
            ) from None

    def _handle_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.request_stop, signum)

    def request_stop(self, signum: int | None = None) -> None:
        if signum is not None:
            log.info("received %s: stopping", signal.Signals(signum).name)
        self._stop_requested.set()

    async def _finish(self, bot: Bot, services: Services, deadline: float) -> None:
        """After intake has stopped: wait for the updates in flight until ``deadline``, then close everything."""
        loop = asyncio.get_running_loop()
        if not await services.in_flight.wait_idle(deadline - loop.time()):
            log.warning("%d update(s) still in flight after the shutdown grace; stopping", services.in_flight.count)
        await services.close()
        await bot.session.close()
        log.info("stopped")
