"""The composition root: builds the Bot, the services and the Dispatcher once per process, in that order.

Nothing here runs anything; ``bot.telegram.runners`` start and stop what is built here. Every service exists once
``build_services`` returns (the outbox worker included), so the Dispatcher can be built at any time after it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from aiogram import BaseMiddleware, Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import PRODUCTION, TelegramAPIServer
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, StorageKey
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from aiogram.types import TelegramObject
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.answer_engine import AnswerEngine
from bot.answers.danger import DangerRecogniser
from bot.answers.knowledge_base import KnowledgeBase, load_knowledge_base, load_lexicon
from bot.answers.knowledge_stats import QuestionLog
from bot.answers.learning import LearnedKnowledge
from bot.cases.forms import Questionnaires, ReplyTemplates, load_questionnaires, load_reply_templates
from bot.cases.known_keys import KnownKeys
from bot.cases.outbox import OutboxWorker
from bot.cases.preferences import LanguagePreferences
from bot.core import database
from bot.core.coordination import Coordinator, connect_redis
from bot.core.crypto import SecretBox, load_or_create_secret, on_same_volume
from bot.core.file_modes import private_dir
from bot.core.flood_control import Flood, FloodControl, RedisFloodControl
from bot.core.i18n import Translator
from bot.core.settings import ConfigError, Settings
from bot.telegram.conversation_storage import (
    SESSION_EXPIRES,
    CoalescedStateWrites,
    DatabaseStorage,
    HashedKeyBuilder,
    StateBeforeReplies,
)
from bot.telegram.dedup import MemoryUpdateLog, RedisUpdateLog, UpdateDeduplication, UpdateLog
from bot.telegram.errors import create_error_router
from bot.telegram.handlers import build_router
from bot.telegram.isolation import ReleasedLocks
from bot.telegram.json_session import JsonBodySession
from bot.telegram.lifecycle import HotlineDispatcher, InFlight
from bot.telegram.middlewares import UserContext
from bot.telegram.notifications import TelegramNotifier
from bot.telegram.observability import ApiErrorMetrics, Problems
from bot.telegram.outgoing import OutgoingPolicy, Pacing, RedisSendLimiter, SendLimiter

log = logging.getLogger(__name__)
BACKGROUND_STOP_SECONDS = 5.0  # at shutdown, how long a background job may take to finish what it is doing


class CurrentEngine(BaseMiddleware):
    """Hands each update the answer engine in use now (``Services.engine``), as ``engine``."""

    def __init__(self, services: Services) -> None:
        self._services = services

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        data["engine"] = self._services.engine
        return await handler(event, data)


class SharedRedisStorage(RedisStorage):
    """RedisStorage whose close() leaves the shared client alone: aiogram closes the storage as soon as polling
    stops, while updates in flight still need Redis; Services.close closes it after them."""

    async def close(self) -> None:
        pass

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await super().set_data(key, data)
        if data and SESSION_EXPIRES in data:  # a /status session: Redis forgets it when it lapses
            await self.redis.expireat(self.key_builder.build(key, "data"), int(float(data[SESSION_EXPIRES])) + 1)


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
    known: KnownKeys  # which users have stored state (one process; with Redis: unused, see bot.cases.known_keys)
    question_log: QuestionLog
    flood: Flood
    danger: DangerRecogniser
    coordinator: Coordinator
    updates: UpdateLog
    outbox: OutboxWorker
    questionnaires: Questionnaires
    reply_templates: ReplyTemplates
    knowledge: LearnedKnowledge
    notifier: TelegramNotifier
    redis: Redis | None = None  # REDIS_URL: state shared by all instances
    problems: Problems = field(default_factory=Problems)  # named in /healthz (503) until solved
    in_flight: InFlight = field(default_factory=InFlight)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)  # set: the background loops end
    background: list[asyncio.Task[Any]] = field(default_factory=list)

    def use_engine(self, engine: AnswerEngine) -> None:
        """Answer with ``engine`` from the next update on (CurrentEngine hands it to each update)."""
        self.engine = engine

    def workflow_data(self) -> dict[str, Any]:
        return {
            "settings": self.settings,
            "kb": self.kb,
            "translator": self.translator,
            "secrets": self.secrets,
            "sessions": self.sessions,
            "preferences": self.preferences,
            "question_log": self.question_log,
            "danger": self.danger,
            "outbox": self.outbox,
            "questionnaires": self.questionnaires,
            "reply_templates": self.reply_templates,
            "notifier": self.notifier,
        }

    async def close(self) -> None:
        """Stop the background work, write the last question statistics, close Redis and the database."""
        # Asked to stop, each loop ends between two pieces of work; cancelling one mid-transaction would leave
        # the database driver rolling back under a cancelled task. Only what does not end in time is cancelled.
        self.stopping.set()
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


def build_services(settings: Settings, *, bot: Bot, redis: Redis | None = None) -> Services:
    """``redis``: the client the Bot's pacing already uses (one pool per process); else one is made if configured."""
    if settings.redis_url is not None and settings.configured_secret is None:
        raise ConfigError(
            "configuration error: SECRET_KEY is not set; with REDIS_URL (several instances) every instance must "
            "share one SECRET_KEY, so set SECRET_KEY in the environment or in .env"
        )
    kb = load_knowledge_base(settings.knowledge_dir)
    secret = settings.configured_secret
    private_dir(settings.data_dir)
    if settings.secret_key_file is not None and on_same_volume(settings.secret_key_file, settings.data_dir):
        log.warning(
            "SECRET_KEY_FILE %s is on the same volume as DATA_DIR: a copy of the data may take the secret with it; "
            "keep it on a secret mount (README: Secrets)",
            settings.secret_key_file,
        )
    db = database.create_engine(settings.database)
    sessions = database.session_factory(db)
    namespace = redis_namespace(settings)
    if redis is None and settings.redis_url is not None:
        redis = connect_redis(settings.redis_url.get_secret_value())
    flood: Flood = FloodControl(rate=settings.flood_rate, burst=settings.flood_burst)
    updates: UpdateLog = MemoryUpdateLog()
    if redis is not None:
        flood = RedisFloodControl(redis, rate=settings.flood_rate, burst=settings.flood_burst, namespace=namespace)
        updates = RedisUpdateLog(redis, namespace=namespace, lease_seconds=settings.update_lease_seconds)
    translator = Translator(
        defaults={
            "emergency": settings.emergency_number,
            "police": settings.police_number,
            "retention": settings.retention_days,
        }
    )
    secrets = SecretBox(load_or_create_secret(secret, settings.data_dir))
    known = KnownKeys(sessions)
    notifier = TelegramNotifier(
        bot,
        sessions,
        secrets,
        translator,
        operator_chat_id=settings.operator_chat_id,
        operator_language=settings.operators_language,
        zone=settings.zone,
        console_url=settings.console_url,
    )
    lexicon = load_lexicon(settings.knowledge_dir)
    engine = AnswerEngine(kb, lexicon=lexicon)
    services = Services(
        settings=settings,
        kb=kb,
        engine=engine,
        translator=translator,
        secrets=secrets,
        db=db,
        sessions=sessions,
        preferences=LanguagePreferences(sessions, known=known, redis=redis, namespace=namespace),
        known=known,
        question_log=QuestionLog(sessions),
        flood=flood,
        danger=DangerRecogniser.load(settings.knowledge_dir),
        coordinator=Coordinator(redis=redis, db=db, namespace=namespace),
        updates=updates,
        outbox=OutboxWorker(sessions, notifier),
        questionnaires=load_questionnaires(settings.knowledge_dir),
        reply_templates=load_reply_templates(settings.knowledge_dir),
        # Replaced below: the callback needs the Services it updates.
        knowledge=LearnedKnowledge(kb, lexicon, engine, on_change=lambda _: None),
        notifier=notifier,
        redis=redis,
    )
    services.knowledge = LearnedKnowledge(kb, lexicon, engine, on_change=services.use_engine)
    return services


def connect_shared_redis(settings: Settings) -> Redis | None:
    """The process's Redis client when REDIS_URL is set (shared by the Bot's pacing and the services)."""
    return connect_redis(settings.redis_url.get_secret_value()) if settings.redis_url else None


def build_bot(settings: Settings, policy: OutgoingPolicy | None = None, *, redis: Redis | None = None) -> Bot:
    """``redis``: pace messages together with every other instance (needs SECRET_KEY, which names the chats)."""
    if settings.bot_token is None:
        raise ConfigError(
            "configuration error: BOT_TOKEN is not set; get one from @BotFather and set BOT_TOKEN "
            "in the environment or in .env"
        )
    server = PRODUCTION
    if settings.telegram_api_url:
        server = TelegramAPIServer.from_base(settings.telegram_api_url.rstrip("/"))
    session = JsonBodySession(api=server)
    local = SendLimiter(
        private_rate=settings.telegram_chat_rate,
        private_burst=settings.telegram_chat_burst,
        group_rate=max(settings.telegram_group_rate - 3, 1.0) / 60,  # minus the burst of 3 (see SendLimiter)
        # Two messages a second spare of Telegram's limit: a message may leave 80 ms late without a 429 (SendLimiter).
        global_rate=max(settings.telegram_global_rate - 5, 1.0),
        global_burst=3,
        global_window=settings.telegram_global_rate,
    )
    limiter: Pacing = local
    if redis is not None and settings.secret_key is not None:  # without SECRET_KEY build_services says what to fix
        chats = SecretBox(settings.secret_key.get_secret_value())
        limiter = RedisSendLimiter(redis, like=local, namespace=redis_namespace(settings), chat_key=chats.chat_key)
    # Outermost: the update's state is stored before its reply waits for its turn, let alone goes out.
    session.middleware(StateBeforeReplies())
    session.middleware(policy or OutgoingPolicy(limiter=limiter))
    session.middleware(ApiErrorMetrics())  # innermost: counts each failed attempt, retried or not
    # Plain text everywhere: nothing a citizen or the knowledge base writes can be read as markup.
    return Bot(settings.bot_token.get_secret_value(), session=session, default=DefaultBotProperties(parse_mode=None))


def build_dispatcher(services: Services, storage: BaseStorage | None = None) -> Dispatcher:
    settings = services.settings
    isolation: BaseEventIsolation = ReleasedLocks()
    if services.redis is not None:
        keys = HashedKeyBuilder(services.secrets, services.coordinator.namespace)
        # A draft nobody submits expires with the retention period, as the database's drafts are purged then.
        ttl = timedelta(days=settings.retention_days)
        storage = storage or SharedRedisStorage(services.redis, key_builder=keys, state_ttl=ttl, data_ttl=ttl)
        # The user's lock lapses with the update's claim: a crashed instance blocks that user only so long.
        isolation = RedisEventIsolation(
            services.redis, key_builder=keys, lock_kwargs={"timeout": settings.update_lease_seconds}
        )
    storage = storage or DatabaseStorage(services.sessions, services.secrets, known=services.known)
    # One user's fast updates are handled one at a time (across instances, with Redis), so they never race on
    # their conversation state.
    dispatcher = HotlineDispatcher(storage=storage, events_isolation=isolation, in_flight=services.in_flight)
    dispatcher.workflow_data.update(services.workflow_data())
    if isinstance(storage, DatabaseStorage):  # inside the user's lock, which aiogram's FSM middleware holds
        dispatcher.update.outer_middleware(CoalescedStateWrites(storage))
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
            zone=services.settings.zone,
        )
    )
    # The engine is rebuilt when editors teach it (bot/answers/learning.py): each update gets the current one.
    # Not through workflow_data: polling copies that once, at start.
    dispatcher.update.outer_middleware(CurrentEngine(services))
    dispatcher.include_router(build_router())
    # Last: errors a handler's own router did not take end here (logged without content, the user told).
    dispatcher.include_router(create_error_router())
    return dispatcher
