"""``hotline console``: the aiohttp application and its process (migrations first, SIGTERM stops it cleanly)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from datetime import timedelta

from aiohttp import ClientSession, ClientTimeout, web

from bot.cases import deployment
from bot.cases.forms import load_questionnaires
from bot.console import access, admin, casework, insight, signin
from bot.console.reply_templates import load_templates
from bot.console.web import CONSOLE_KEY, HERE, Console, require_session, security_headers
from bot.core import database
from bot.core.crypto import SecretBox, load_or_create_secret
from bot.core.i18n import Translator
from bot.core.settings import Settings

log = logging.getLogger(__name__)


async def healthz(_request: web.Request) -> web.Response:
    return web.Response(text="ok")


def build_console(settings: Settings, sessions, box: SecretBox) -> Console:
    return Console(
        settings=settings,
        sessions=sessions,
        box=box,
        translator=Translator(defaults=settings.placeholder_values()),
        policy=access.SessionPolicy(
            idle=timedelta(minutes=settings.console_idle_minutes),
            lifetime=timedelta(hours=settings.console_session_hours),
        ),
        templates=load_templates(settings.knowledge_dir),
        questionnaires=load_questionnaires(settings.knowledge_dir),
    )


def build_app(console: Console) -> web.Application:
    app = web.Application(middlewares=[security_headers, require_session], client_max_size=64 * 1024)
    app[CONSOLE_KEY] = console

    async def http_client(app: web.Application):
        console.http = ClientSession(timeout=ClientTimeout(total=60, sock_connect=10))
        yield
        await console.http.close()

    app.cleanup_ctx.append(http_client)
    app.router.add_get("/healthz", healthz)
    app.router.add_static("/static/", HERE / "static", append_version=False)
    signin.add_routes(app)
    casework.add_routes(app)
    insight.add_routes(app)
    admin.add_routes(app)
    return app


async def serve(settings: Settings, *, ready: asyncio.Event | None = None, stop: asyncio.Event | None = None) -> None:
    """Migrate, listen on CONSOLE_HOST:CONSOLE_PORT until SIGTERM/SIGINT (or ``stop``), then close."""
    await database.upgrade_async(settings.database)
    engine = database.create_engine(settings.database)
    box = SecretBox(load_or_create_secret(settings.configured_secret, settings.data_dir))
    sessions = database.session_factory(engine)
    try:
        await deployment.check_secret(sessions, box)  # the key the data was made with
        # OPERATOR_IDS as the bot applies it at start: only what changed since, so revocations made since stand.
        await deployment.apply_operator_ids(sessions, settings.operator_ids)
    except Exception:
        await engine.dispose()
        raise
    console = build_console(settings, sessions, box)
    runner = web.AppRunner(build_app(console), access_log=None)  # access logs would carry case numbers and tokens
    await runner.setup()
    site = web.TCPSite(runner, settings.console_host, settings.console_port)
    await site.start()
    log.info("console listening on %s:%s", settings.console_host, settings.console_port)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    if ready is not None:
        ready.set()
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        await engine.dispose()
