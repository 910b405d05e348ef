"""Webhook mode (``hotline run --webhook``): any number of replicas behind a load balancer, on PostgreSQL + Redis.

One aiohttp server on WEBHOOK_HOST:WEBHOOK_PORT serves the webhook path and /healthz (the load balancer's check);
/metrics (and /healthz again) is on a private listener, HEALTH_HOST:HEALTH_PORT, as in polling mode: the public
port must not tell anyone when reports are made.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot.core.settings import ConfigError, Settings
from bot.telegram.observability import add_ops_routes, start_health_server
from bot.telegram.runners.base import App, StartCancelled
from bot.telegram.webhook import WebhookHandler, keep_trying_to_register

log = logging.getLogger(__name__)


class WebhookApp(App):
    """The bot behind an HTTPS endpoint."""

    def __init__(self, settings: Settings, *, settle_gc: bool = False) -> None:
        super().__init__(settings, settle_gc=settle_gc)
        self.draining = False
        self.port: int | None = None  # the bound port (WEBHOOK_PORT=0 picks a free one)

    def _check_settings(self) -> None:
        for name in ("webhook_url", "webhook_secret"):
            if getattr(self.settings, name) is None:
                raise ConfigError(
                    f"configuration error: {name.upper()} is not set; `hotline run --webhook` needs WEBHOOK_URL "
                    f"and WEBHOOK_SECRET; set {name.upper()} in the environment or in .env"
                )

    async def run(self, *, handle_signals: bool = True) -> None:
        self._check_settings()
        assert self.settings.webhook_secret is not None
        if handle_signals:  # from the start: a SIGTERM during the migrations still ends cleanly
            self._handle_signals()
        try:
            bot, services, dispatcher = await self._start_unless_stopped()
        except StartCancelled:
            log.info("stopped before the start-up had finished")
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time()
        private: web.AppRunner | None = None
        try:
            grace = self.settings.shutdown_grace_seconds
            app = web.Application()
            handler = WebhookHandler(
                dispatcher,
                bot,
                secret_token=self.settings.webhook_secret.get_secret_value(),
                draining=lambda: self.draining,
            )
            app.router.add_post(self.settings.listen_path, handler.handle)
            add_ops_routes(app, services, with_metrics=False)
            if self.settings.health_port:
                private = await start_health_server(services, self.settings.health_host, self.settings.health_port)
            # shutdown_timeout: on cleanup, requests in flight (each one an update being handled) get the grace.
            runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=grace)
            await runner.setup()
            try:
                site = web.TCPSite(runner, self.settings.webhook_host, self.settings.webhook_port)
                await site.start()
            except OSError as error:
                await runner.cleanup()
                raise ConfigError(
                    f"configuration error: WEBHOOK_PORT: cannot listen on {self.settings.webhook_host}:"
                    f"{self.settings.webhook_port} ({error.strerror}); set WEBHOOK_PORT to a free port"
                ) from None
            self.port = runner.addresses[0][1]
            allowed = dispatcher.resolve_used_update_types()
            registering = asyncio.create_task(
                keep_trying_to_register(bot, self.settings, allowed, services.coordinator, services.problems),
                name="webhook",
            )
            log.info("taking updates by webhook on port %s", self.port)
            self.ready.set()
            await self._stop_requested.wait()
            deadline = loop.time() + grace
            self.draining = True  # requests still arriving on open connections get 503: Telegram re-sends them
            registering.cancel()
            await runner.cleanup()  # stop listening; wait up to the grace for the requests in flight
            if private is not None:
                await private.cleanup()
        finally:
            await self._finish(bot, services, deadline)

    async def stop(self) -> None:
        self.request_stop()
