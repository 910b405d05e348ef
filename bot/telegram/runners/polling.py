"""Long polling: what ``hotline run`` runs, and what the end-to-end tests run."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiogram import Dispatcher
from aiohttp import web

from bot.telegram.observability import start_health_server
from bot.telegram.polling_batches import PollingBatches
from bot.telegram.runners.base import App, StartCancelled

log = logging.getLogger(__name__)
# Bounded concurrency: a burst of updates queues here instead of exhausting the database pool.
TASKS_CONCURRENCY_LIMIT = 64


class PollingApp(App):
    """The bot taking updates by long polling; /healthz and /metrics on HEALTH_HOST:HEALTH_PORT."""

    async def run(self, *, handle_signals: bool = True) -> None:
        if handle_signals:  # from the start: a SIGTERM during the migrations still ends cleanly
            self._handle_signals()
        try:
            bot, services, dispatcher = await self._start_unless_stopped()
        except StartCancelled:
            log.info("stopped before the start-up had finished")
            return
        bot.session.middleware(PollingBatches())  # a busy bot's updates come several to a getUpdates
        loop = asyncio.get_running_loop()
        health: web.AppRunner | None = None
        deadline = loop.time()
        try:
            if self.settings.health_port:
                health = await start_health_server(services, self.settings.health_host, self.settings.health_port)
            stopper = asyncio.create_task(self._stop_polling_when_asked(dispatcher))
            dispatcher.startup.register(self.ready.set)
            if not self._stop_requested.is_set():
                log.info("taking updates by long polling")
                # aiogram handles each update as a task and does not wait for them when polling stops: InFlight does.
                await dispatcher.start_polling(
                    bot,
                    allowed_updates=dispatcher.resolve_used_update_types(),
                    handle_signals=False,
                    close_bot_session=False,
                    tasks_concurrency_limit=TASKS_CONCURRENCY_LIMIT,
                )
            stopper.cancel()
            deadline = loop.time() + self.settings.shutdown_grace_seconds
        finally:
            await self._finish(bot, services, deadline)
            if health is not None:
                await health.cleanup()

    async def _stop_polling_when_asked(self, dispatcher: Dispatcher) -> None:
        await self._stop_requested.wait()
        with contextlib.suppress(RuntimeError):  # polling already over
            await dispatcher.stop_polling()

    async def stop(self) -> None:
        self.request_stop()
        if self.dispatcher is not None:
            with contextlib.suppress(RuntimeError):
                await self.dispatcher.stop_polling()
