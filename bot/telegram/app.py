"""The one place that builds the Bot, the Dispatcher and the services they share, and runs them.

``PollingApp`` (``hotline run``) takes updates by long polling; ``WebhookApp`` (``hotline run --webhook``) by an
aiohttp endpoint, and may run as several replicas on PostgreSQL + Redis. Both stop gracefully on SIGTERM/SIGINT:
stop taking updates, let the updates in flight finish (up to SHUTDOWN_GRACE_SECONDS), flush the question log,
stop the background work, close Redis, the database and the Bot API session.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import logging
import signal
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramForbiddenError, TelegramUnauthorizedError
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from aiogram.methods.base import Response
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    ErrorEvent,
    Message,
    MessageId,
    Update,
    User,
)
from aiohttp import web
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import database, metrics, moderation, retention
from bot.answer_engine import AnswerEngine
from bot.coordination import Coordinator, connect_redis
from bot.crypto import SecretBox, load_or_create_secret
from bot.emergency import EmergencyWords
from bot.flood_control import Flood, FloodControl, RedisFloodControl
from bot.i18n import Translator
from bot.knowledge_base import LANGUAGES, KnowledgeBase, load_knowledge_base, load_lexicon
from bot.knowledge_stats import QuestionLog
from bot.outbox import OutboxWorker
from bot.preferences import LanguagePreferences
from bot.settings import ConfigError, Settings
from bot.telegram.conversation_storage import DatabaseStorage, HashedKeyBuilder
from bot.telegram.dedup import MemoryUpdateLog, RedisUpdateLog, UpdateDeduplication, UpdateLog
from bot.telegram.handlers import build_router
from bot.telegram.middlewares import UserContext
from bot.telegram.notifications import TelegramNotifier
from bot.telegram.observability import ApiErrorMetrics, add_ops_routes, start_health_server
from bot.telegram.outgoing import OutgoingPolicy, SendLimiter
from bot.telegram.texts import Texts, language_from_telegram
from bot.telegram.webhook import WebhookHandler, keep_trying_to_register

log = logging.getLogger(__name__)
# aiogram parses every reply as Response[T]; pydantic keeps such parametrised classes only weakly, so without a
# reference each garbage collection throws them away and the next reply rebuilds one (~10 ms). Keep the common ones.
_RESPONSE_MODELS = (Response[Message], Response[list[Update]], Response[bool], Response[MessageId], Response[User])
COMMANDS = ("start", "help", "report", "status", "language", "privacy", "about", "cancel")
PURGE_EVERY = timedelta(days=1)
PURGE_CHECK_SECONDS = 3600  # each instance asks hourly whether the day's purge is still to do
BACKGROUND_STOP_SECONDS = 5.0  # at shutdown, how long a background job may take to finish what it is doing


class InFlight:
    """Counts the updates being handled, so shutdown can wait for them (aiogram's polling does not)."""

    def __init__(self) -> None:
        self.count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @contextlib.contextmanager
    def track(self) -> Iterator[None]:
        self.count += 1
        self._idle.clear()
        metrics.IN_FLIGHT.inc()
        try:
            yield
        finally:
            self.count -= 1
            metrics.IN_FLIGHT.dec()
            if self.count == 0:
                self._idle.set()

    async def wait_idle(self, timeout: float) -> bool:
        """True once nothing is in flight; False if something still is after ``timeout`` seconds."""
        try:
            await asyncio.wait_for(self._idle.wait(), max(timeout, 0.0))
        except TimeoutError:
            return False
        return True


class HotlineDispatcher(Dispatcher):
    """aiogram's Dispatcher, counting and timing every update at the one entry both polling and webhooks use.

    This is outside every middleware, so an update waiting for its user's lock already counts as in flight.
    """

    def __init__(self, *, in_flight: InFlight, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.in_flight = in_flight

    async def feed_update(self, bot: Bot, update: Update, **kwargs: Any) -> Any:
        try:
            kind = update.event_type
        except Exception:  # an update type newer than aiogram
            kind = "unknown"
        metrics.UPDATES.labels(type=kind).inc()
        started = time.perf_counter()
        with self.in_flight.track():
            try:
                return await super().feed_update(bot, update, **kwargs)
            finally:
                metrics.HANDLING.labels(type=kind).observe(time.perf_counter() - started)


class SharedRedisStorage(RedisStorage):
    """RedisStorage whose close() leaves the shared client alone: aiogram closes the storage as soon as polling
    stops, while updates in flight still need Redis; Services.close closes it after them."""

    async def close(self) -> None:
        pass


@dataclass
class Services:
    """Everything handlers need, built once per process and handed to them by the Dispatcher."""

    settings: Settings
    kb: KnowledgeBase
    engine: AnswerEngine
    translator: Translator
    secrets: SecretBox
    db: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    preferences: LanguagePreferences
    question_log: QuestionLog
    flood: Flood
    emergency: EmergencyWords
    coordinator: Coordinator
    updates: UpdateLog
    redis: Redis | None = None  # REDIS_URL: state shared by all instances
    in_flight: InFlight = field(default_factory=InFlight)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)  # set: the background loops end
    outbox: OutboxWorker | None = None  # needs the Bot: set by the app that runs one
    background: list[asyncio.Task[Any]] = field(default_factory=list)

    def workflow_data(self) -> dict[str, Any]:
        return {
            "settings": self.settings,
            "kb": self.kb,
            "engine": self.engine,
            "translator": self.translator,
            "secrets": self.secrets,
            "sessions": self.sessions,
            "preferences": self.preferences,
            "question_log": self.question_log,
            "emergency": self.emergency,
            "outbox": self.outbox,
        }

    async def close(self) -> None:
        """Stop the background work, write the last question statistics, close Redis and the database."""
        # Asked to stop, each loop ends between two pieces of work; cancelling one mid-transaction would leave
        # the database driver rolling back under a cancelled task. Only what does not end in time is cancelled.
        self.stopping.set()
        if self.outbox is not None:
            self.outbox.wake()
        if self.background:
            _, late = await asyncio.wait(self.background, timeout=BACKGROUND_STOP_SECONDS)
            for task in late:
                task.cancel()
            await asyncio.gather(*self.background, return_exceptions=True)
        self.background.clear()
        try:
            await self.question_log.flush()  # the task flushes when cancelled too; this covers a failed attempt
        except Exception:
            log.exception("could not write the last question statistics")
        if self.redis is not None:
            await self.redis.aclose()
        await self.db.dispose()


def redis_namespace(settings: Settings) -> str:
    """Every Redis key starts with this: several bots (tokens) may share one Redis."""
    bot_id = settings.bot_token.get_secret_value().split(":", 1)[0] if settings.bot_token else "0"
    return f"hotline:{bot_id}"


def build_services(settings: Settings) -> Services:
    if settings.redis_url is not None and settings.secret_key is None:
        raise ConfigError(
            "configuration error: SECRET_KEY is not set; with REDIS_URL (several instances) every instance must "
            "share one SECRET_KEY, so set SECRET_KEY in the environment or in .env"
        )
    kb = load_knowledge_base(settings.knowledge_dir)
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    db = database.create_engine(settings.database)
    sessions = database.session_factory(db)
    namespace = redis_namespace(settings)
    redis = connect_redis(settings.redis_url.get_secret_value()) if settings.redis_url else None
    flood: Flood = FloodControl(rate=settings.flood_rate, burst=settings.flood_burst)
    updates: UpdateLog = MemoryUpdateLog()
    if redis is not None:
        flood = RedisFloodControl(redis, rate=settings.flood_rate, burst=settings.flood_burst, namespace=namespace)
        updates = RedisUpdateLog(redis, namespace=namespace, lease_seconds=settings.update_lease_seconds)
    return Services(
        settings=settings,
        kb=kb,
        engine=AnswerEngine(kb, lexicon=load_lexicon(settings.knowledge_dir)),
        translator=Translator(
            defaults={
                "emergency": settings.emergency_number,
                "police": settings.police_number,
                "retention": settings.retention_days,
            }
        ),
        secrets=SecretBox(load_or_create_secret(secret, settings.data_dir)),
        db=db,
        sessions=sessions,
        preferences=LanguagePreferences(sessions, redis=redis, namespace=namespace),
        question_log=QuestionLog(sessions),
        flood=flood,
        emergency=EmergencyWords.load(settings.knowledge_dir),
        coordinator=Coordinator(redis=redis, db=db, namespace=namespace),
        updates=updates,
        redis=redis,
    )


def build_bot(settings: Settings, policy: OutgoingPolicy | None = None) -> Bot:
    if settings.bot_token is None:
        raise ConfigError(
            "configuration error: BOT_TOKEN is not set; get one from @BotFather and set BOT_TOKEN "
            "in the environment or in .env"
        )
    session = AiohttpSession()
    if settings.telegram_api_url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url.rstrip("/")))
    limiter = SendLimiter(
        private_rate=settings.telegram_chat_rate,
        private_burst=settings.telegram_chat_burst,
        global_rate=max(settings.telegram_global_rate - 5, 1.0),
        global_burst=5,
    )
    session.middleware(policy or OutgoingPolicy(limiter=limiter))
    session.middleware(ApiErrorMetrics())  # innermost: counts each failed attempt, retried or not
    # Plain text everywhere: nothing a citizen or the knowledge base writes can be read as markup.
    return Bot(settings.bot_token.get_secret_value(), session=session, default=DefaultBotProperties(parse_mode=None))


def build_dispatcher(services: Services, storage: BaseStorage | None = None) -> Dispatcher:
    settings = services.settings
    isolation: BaseEventIsolation = SimpleEventIsolation()
    if services.redis is not None:
        keys = HashedKeyBuilder(services.secrets, services.coordinator.namespace)
        # A draft nobody submits expires with the retention period, as the database's drafts are purged then.
        ttl = timedelta(days=settings.retention_days)
        storage = storage or SharedRedisStorage(services.redis, key_builder=keys, state_ttl=ttl, data_ttl=ttl)
        # The user's lock lapses with the update's claim: a crashed instance blocks that user only so long.
        isolation = RedisEventIsolation(
            services.redis, key_builder=keys, lock_kwargs={"timeout": settings.update_lease_seconds}
        )
    storage = storage or DatabaseStorage(services.sessions, services.secrets)
    # One user's fast updates are handled one at a time (across instances, with Redis), so they never race on
    # their conversation state.
    dispatcher = HotlineDispatcher(storage=storage, events_isolation=isolation, in_flight=services.in_flight)
    dispatcher.workflow_data.update(services.workflow_data())
    # Before UserContext: a duplicate must not count against the user's flood allowance.
    dispatcher.update.outer_middleware(
        UpdateDeduplication(services.updates, lease_seconds=settings.update_lease_seconds)
    )
    dispatcher.update.outer_middleware(
        UserContext(
            secrets=services.secrets,
            preferences=services.preferences,
            translator=services.translator,
            flood=services.flood,
            default_language=services.settings.default_language,
        )
    )
    dispatcher.include_router(build_router())
    dispatcher.errors.register(_report_error)
    return dispatcher


async def _report_error(event: ErrorEvent, translator: Translator, settings: Settings) -> bool:
    """Log the failure without content or identity, and tell the user something went wrong."""
    update = event.update
    if isinstance(event.exception, TelegramForbiddenError):
        # The user blocked the bot mid-conversation: nothing to tell them, nothing to fix.
        log.info("update %s: the user has blocked the bot", update.update_id)
        return True
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


async def register_commands(bot: Bot, translator: Translator, default_language: str) -> None:
    """The command menu in every language, and the default language's for everyone else."""
    scope = BotCommandScopeAllPrivateChats()
    for lang in (*LANGUAGES, None):
        texts = Texts(translator, lang or default_language)
        commands = [BotCommand(command=name, description=texts(f"command-{name}")) for name in COMMANDS]
        await bot.set_my_commands(commands, scope=scope, language_code=lang)


async def start_background_work(services: Services, bot: Bot) -> None:
    """Operators from configuration, then the outbox worker, the question log and the scheduled jobs."""
    settings = services.settings
    await moderation.seed_operators(services.sessions, moderation.parse_operator_ids(settings.operator_ids))
    notifier = TelegramNotifier(
        bot,
        services.sessions,
        services.secrets,
        services.translator,
        operator_chat_id=settings.operator_chat_id,
        operator_language=settings.operators_language,
    )
    services.outbox = OutboxWorker(services.sessions, notifier)
    reminders = functools.partial(
        retention.enqueue_reminders,
        services.sessions,
        urgent_after=timedelta(minutes=settings.reminder_urgent_minutes),
        normal_after=timedelta(hours=settings.reminder_normal_hours),
    )
    purge = functools.partial(retention.purge_expired, services.sessions, retention_days=settings.retention_days)

    async def purge_once_a_day() -> int:
        # With several instances only the first to ask in a day purges (the claim is in Redis).
        if await services.coordinator.claim_period("retention-purge", PURGE_EVERY.total_seconds()):
            return await purge()
        return 0

    purge_once_a_day.__name__ = "purge_expired"
    for name, job in (
        ("outbox", services.outbox.run(services.stopping)),
        ("question-log", services.question_log.run(services.stopping)),
        ("reminders", every(60, reminders, services.stopping, wake=services.outbox.wake)),
        ("retention", every(PURGE_CHECK_SECONDS, purge_once_a_day, services.stopping)),
    ):
        services.background.append(asyncio.create_task(job, name=name))


async def every(
    seconds: float,
    job: Callable[[], Awaitable[Any]],
    stopping: asyncio.Event,
    wake: Callable[[], None] | None = None,
) -> None:
    """Run ``job`` now and then every ``seconds`` until ``stopping``; a failure is logged and the schedule goes on."""
    while not stopping.is_set():
        try:
            if await job() and wake is not None:
                wake()
        except Exception:
            log.exception("scheduled job %s failed", getattr(job, "func", job).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), seconds)


# Young-generation collections every 20,000 net allocations instead of Python's 700: with the default the bot ran
# about one collection every four answered questions (~230/s at ~850 answers/s, measured), each walking the young
# objects of every update in flight (aiogram's pydantic models).
GC_THRESHOLDS = (20_000, 20, 20)


def settle_garbage_collector() -> None:
    """After start-up: move what lives for the whole run (knowledge base index, aiogram's models) out of the
    collector's sight, and collect young objects less often. Measured with bench/bot_throughput.py: CPU per answered
    question 1.88 → 1.47 ms. The cost: garbage in reference cycles lives a little longer before it is collected, and
    a start-up object that later becomes such garbage is never collected (it is freed as usual if no cycle holds it)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


class _App:
    """What both modes share: start-up, the stop request, and the graceful end."""

    def __init__(self, settings: Settings, *, settle_gc: bool = False) -> None:
        self.settings = settings
        # Only when the bot owns its process (``hotline run``): freezing is process-wide.
        self.settle_gc = settle_gc
        self.services: Services | None = None
        self.dispatcher: Dispatcher | None = None
        self.ready = asyncio.Event()
        self._stop_requested = asyncio.Event()

    async def _start(self) -> tuple[Bot, Services, Dispatcher]:
        bot = build_bot(self.settings)
        self.services = services = build_services(self.settings)
        try:
            await database.upgrade_async(self.settings.database)
            await start_background_work(services, bot)
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


class PollingApp(_App):
    """The bot taking updates by long polling: what ``hotline run`` runs, and what the end-to-end tests run."""

    async def run(self, *, handle_signals: bool = True) -> None:
        if handle_signals:  # from the start: a SIGTERM during the migrations still ends cleanly
            self._handle_signals()
        bot, services, dispatcher = await self._start()
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
                    # Bounded concurrency: a burst of updates queues here instead of exhausting the database pool.
                    tasks_concurrency_limit=64,
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


class WebhookApp(_App):
    """The bot behind an HTTPS endpoint (``hotline run --webhook``); any number of replicas with PostgreSQL + Redis.

    One aiohttp server on WEBHOOK_HOST:WEBHOOK_PORT serves the webhook path, /healthz and /metrics.
    """

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
        bot, services, dispatcher = await self._start()
        loop = asyncio.get_running_loop()
        deadline = loop.time()
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
            add_ops_routes(app, services)
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
                keep_trying_to_register(bot, self.settings, allowed, services.coordinator), name="webhook"
            )
            log.info("taking updates by webhook on port %s", self.port)
            self.ready.set()
            await self._stop_requested.wait()
            deadline = loop.time() + grace
            self.draining = True  # requests still arriving on open connections get 503: Telegram re-sends them
            registering.cancel()
            await runner.cleanup()  # stop listening; wait up to the grace for the requests in flight
        finally:
            await self._finish(bot, services, deadline)

    async def stop(self) -> None:
        self.request_stop()
