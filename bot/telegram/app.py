"""The one place that builds the Bot, the Dispatcher and the services they share, and runs them."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramForbiddenError, TelegramUnauthorizedError
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats, ErrorEvent
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import database, moderation, retention
from bot.answer_engine import AnswerEngine
from bot.crypto import SecretBox, load_or_create_secret
from bot.emergency import EmergencyWords
from bot.flood_control import FloodControl
from bot.i18n import Translator
from bot.knowledge_base import LANGUAGES, KnowledgeBase, load_knowledge_base, load_lexicon
from bot.knowledge_stats import QuestionLog
from bot.outbox import OutboxWorker
from bot.preferences import LanguagePreferences
from bot.settings import ConfigError, Settings
from bot.telegram.conversation_storage import DatabaseStorage
from bot.telegram.handlers import build_router
from bot.telegram.middlewares import UserContext
from bot.telegram.notifications import TelegramNotifier
from bot.telegram.outgoing import OutgoingPolicy, SendLimiter
from bot.telegram.texts import Texts, language_from_telegram

log = logging.getLogger(__name__)
COMMANDS = ("start", "help", "report", "status", "language", "privacy", "about", "cancel")


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
    flood: FloodControl
    emergency: EmergencyWords
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
        for task in self.background:
            task.cancel()
        for task in self.background:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.db.dispose()


def build_services(settings: Settings) -> Services:
    kb = load_knowledge_base(settings.knowledge_dir)
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    db = database.create_engine(settings.database)
    sessions = database.session_factory(db)
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
        preferences=LanguagePreferences(sessions),
        question_log=QuestionLog(sessions),
        flood=FloodControl(rate=settings.flood_rate, burst=settings.flood_burst),
        emergency=EmergencyWords.load(settings.knowledge_dir),
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
    # Plain text everywhere: nothing a citizen or the knowledge base writes can be read as markup.
    return Bot(settings.bot_token.get_secret_value(), session=session, default=DefaultBotProperties(parse_mode=None))


def build_dispatcher(services: Services, storage: BaseStorage | None = None) -> Dispatcher:
    storage = storage or DatabaseStorage(services.sessions, services.secrets)
    # One user's fast updates are handled one at a time, so they never race on their conversation state.
    dispatcher = Dispatcher(storage=storage, events_isolation=SimpleEventIsolation())
    dispatcher.workflow_data.update(services.workflow_data())
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
    for name, job in (
        ("outbox", services.outbox.run()),
        ("question-log", services.question_log.run()),
        ("reminders", every(60, reminders, wake=services.outbox.wake)),
        ("retention", every(24 * 3600, purge)),
    ):
        services.background.append(asyncio.create_task(job, name=name))


async def every(seconds: float, job: Callable[[], Awaitable[Any]], wake: Callable[[], None] | None = None) -> None:
    """Run ``job`` now and then every ``seconds``; a failure is logged and the schedule goes on."""
    while True:
        try:
            if await job() and wake is not None:
                wake()
        except Exception:
            log.exception("scheduled job %s failed", getattr(job, "func", job).__name__)
        await asyncio.sleep(seconds)


class PollingApp:
    """The bot taking updates by long polling: what ``hotline run`` runs, and what the end-to-end tests run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.services: Services | None = None
        self.dispatcher: Dispatcher | None = None
        self.ready = asyncio.Event()

    async def run(self, *, handle_signals: bool = True) -> None:
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
            log.info("taking updates by long polling")
            dispatcher.startup.register(self.ready.set)
            await dispatcher.start_polling(
                bot,
                allowed_updates=dispatcher.resolve_used_update_types(),
                handle_signals=handle_signals,
                close_bot_session=True,
            )
        finally:
            await services.close()

    async def stop(self) -> None:
        if self.dispatcher is not None:
            await self.dispatcher.stop_polling()
