"""``hotline web``: the web intake as a process of its own (never on the console's or the bot's listener)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from datetime import timedelta

from aiohttp import web

from bot.answers.answer_engine import AnswerEngine
from bot.answers.emergency import EmergencyWords
from bot.answers.knowledge_base import load_knowledge_base, load_lexicon
from bot.cases import deployment, web_reports
from bot.cases.forms import load_questionnaires
from bot.core import database
from bot.core.coordination import connect_redis
from bot.core.crypto import SecretBox, load_or_create_secret
from bot.core.i18n import Translator
from bot.core.settings import ConfigError, Settings
from bot.web.app import WebServices, build_app
from bot.web.limits import WebLimits

log = logging.getLogger(__name__)
DRAFT_SWEEP_SECONDS = 300
REDIS_NAMESPACE = "hotline:web"  # the web intake's keys in a shared Redis (the bot's are hotline:<bot id>)


def build_web_services(settings: Settings) -> WebServices:
    if settings.redis_url is not None and settings.configured_secret is None:
        raise ConfigError(
            "configuration error: SECRET_KEY is not set; with REDIS_URL (several instances) every instance must "
            "share one SECRET_KEY, so set SECRET_KEY in the environment or in .env"
        )
    kb = load_knowledge_base(settings.knowledge_dir)
    db = database.create_engine(settings.database)
    redis = connect_redis(settings.redis_url.get_secret_value()) if settings.redis_url is not None else None
    return WebServices(
        settings=settings,
        sessions=database.session_factory(db),
        secrets=SecretBox(load_or_create_secret(settings.configured_secret, settings.data_dir)),
        translator=Translator(
            defaults={
                "emergency": settings.emergency_number,
                "police": settings.police_number,
                "retention": settings.retention_days,
            }
        ),
        kb=kb,
        engine=AnswerEngine(kb, lexicon=load_lexicon(settings.knowledge_dir)),
        emergency=EmergencyWords.load(settings.knowledge_dir),
        questionnaires=load_questionnaires(settings.knowledge_dir),
        limits=WebLimits(
            submissions_per_minute=settings.web_submissions_per_minute, redis=redis, namespace=REDIS_NAMESPACE
        ),
        redis=redis,
    )


class WebIntake:
    """Start (migrations, then listening), serve until asked to stop, stop cleanly."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ready = asyncio.Event()
        self.port: int | None = None
        self.services: WebServices | None = None
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def run(self, *, handle_signals: bool = True) -> None:
        if handle_signals:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(signum, self.stop)
        await database.upgrade_async(self.settings.database)
        self.services = services = build_web_services(self.settings)
        await deployment.check_secret(services.sessions, services.secrets)  # the key the data was made with
        # access_log=None: no address, User-Agent or request line is ever written.
        runner = web.AppRunner(build_app(services), access_log=None, handle_signals=False)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.settings.web_host, self.settings.web_port)
            await site.start()
        except OSError as error:
            await runner.cleanup()
            raise ConfigError(
                f"configuration error: WEB_PORT: cannot listen on {self.settings.web_host}:{self.settings.web_port} "
                f"({error.strerror}); set WEB_PORT to a free port"
            ) from None
        self.port = runner.addresses[0][1]
        sweeper = asyncio.create_task(self._sweep_drafts(services))
        log.info("web intake listening on port %s", self.port)
        self.ready.set()
        try:
            await self._stop.wait()
        finally:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper
            await runner.cleanup()
            await services.sessions.kw["bind"].dispose()
            if services.redis is not None:
                await services.redis.aclose()
            log.info("web intake stopped")

    async def _sweep_drafts(self, services: WebServices) -> None:
        ttl = timedelta(minutes=self.settings.web_draft_minutes)
        while True:
            try:
                await web_reports.expire_drafts(services.sessions, ttl=ttl)
            except Exception as exc:
                log.error("expiring web drafts failed: %s", type(exc).__name__)
            await asyncio.sleep(DRAFT_SWEEP_SECONDS)
