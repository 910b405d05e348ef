"""Delivering outbox rows through Telegram: operator cards and alerts, and operators' messages to reporters."""

from __future__ import annotations

import contextlib
import logging
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError, TelegramMigrateToChat
from aiogram.types import InlineKeyboardMarkup, LinkPreviewOptions
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases import operators_chat
from bot.cases.outbox import Postponed, Undeliverable
from bot.core import metrics
from bot.core.clock import utcnow
from bot.core.crypto import SecretBox
from bot.core.i18n import Translator
from bot.models import Case, CaseMessage, Evidence, OutboxMessage, ReplyRoute
from bot.models.cases import CaseKind
from bot.models.outbox import HAPPENING_NOW, OutboxKind
from bot.telegram import operator_views
from bot.telegram.texts import Texts

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # console links: Telegram must not fetch them


class TelegramNotifier:
    def __init__(
        self,
        bot: Bot,
        sessions: async_sessionmaker[AsyncSession],
        secrets: SecretBox,
        translator: Translator,
        *,
        operator_chat_id: int | None,
        operator_language: str,
        zone: ZoneInfo,
        console_url: str | None = None,
    ) -> None:
        self.console_url = console_url.rstrip("/") if console_url else None
        self.bot = bot
        self.sessions = sessions
        self.secrets = secrets
        self.translator = translator
        self.operator_chat_id = operator_chat_id
        self.staff = Texts(translator, operator_language, zone)

    async def __call__(self, item: OutboxMessage) -> None:
        if item.kind == OutboxKind.citizen_message:
            await self._to_reporter(item)
        else:
            await self._to_operators(item)

    async def _to_operators(self, item: OutboxMessage) -> None:
        if self.operator_chat_id is None:
            # Kept pending (retried with backoff) rather than dropped: set OPERATOR_CHAT_ID and they arrive.
            raise LookupError("OPERATOR_CHAT_ID is not set")
        async with self.sessions() as session:
            case = await session.get(Case, item.case_id)
            if case is None:
                raise Undeliverable("case not found")
            t = self.staff
            match item.kind:
                case OutboxKind.new_case:
                    items = (
                        await session.exec(
                            select(func.count(func.distinct(Evidence.item))).where(Evidence.case_id == case.id)
                        )
                    ).one()
                    now = item.payload.get(HAPPENING_NOW)
                    text = operator_views.card(t, case, items, happening_now=now)
                    markup = operator_views.case_buttons(t, case)
                case OutboxKind.urgent_alert:
                    now = item.payload.get(HAPPENING_NOW)
                    text = operator_views.with_happening_now(t, t("op-urgent-alert", number=case.number), now)
                    markup = operator_views.case_buttons(t, case)
                case OutboxKind.reminder:
                    minutes = int(item.payload.get("minutes", 0))
                    text, markup = (
                        t("op-reminder", number=case.number, minutes=minutes),
                        operator_views.case_buttons(t, case),
                    )
                case _:
                    key = "op-dialogue-ended" if item.payload.get("event") == "dialogue_ended" else "op-citizen-replied"
                    text, markup = t(key, number=case.number), operator_views.case_buttons(t, case)
        if self.console_url:  # every notice points at the case in the console (content stays there)
            text += "\n" + t("console-card-link", link=f"{self.console_url}/cases/{case.id}")
        await self._post_to_operators(self.operator_chat_id, text, markup)

    async def _post_to_operators(self, configured_id: int, text: str, markup: InlineKeyboardMarkup) -> None:
        """Send to the operators' chat where it is now; follow a group upgrade; say so loudly when it is lost.

        A lost chat is said once per loss (logs, the staff's private chats, ``hotline_operators_chat_losses_total``)
        and shown while it lasts (/healthz, ``hotline_problem``); the row stays pending in the outbox (nothing is
        dropped) and is tried again with backoff, quietly (``Postponed``), until the chat is back.
        """
        chat_id, lost = await operators_chat.destination(self.sessions, configured_id=configured_id)
        try:
            try:
                await self.bot.send_message(chat_id, text, reply_markup=markup, link_preview_options=NO_PREVIEW)
            except TelegramMigrateToChat as moved:
                await self.follow_migration(configured_id, moved.migrate_to_chat_id)
                await self.bot.send_message(
                    moved.migrate_to_chat_id, text, reply_markup=markup, link_preview_options=NO_PREVIEW
                )
        except (TelegramForbiddenError, TelegramBadRequest) as error:
            if isinstance(error, TelegramBadRequest) and "chat not found" not in error.message:
                raise  # a problem with this message, not with the chat
            await self.chat_lost(configured_id, error.message)
            raise Postponed("operators_chat_lost") from error
        # Only a chat recorded as lost when this card set off is recorded as back (one look-up per card, not two); a
        # loss another instance records meanwhile is cleared by the next card that gets through.
        if lost:
            await self.chat_reachable(configured_id)

    async def chat_reachable(self, configured_id: int) -> bool:
        """The bot can post to the operators' chat (again); True if it had been lost until now."""
        if not await operators_chat.record_reachable(self.sessions, configured_id=configured_id):
            return False
        metrics.PROBLEM.labels(problem="operators_chat_lost").set(0)
        log.warning("the operators' chat is reachable again; waiting notifications follow")
        return True

    async def follow_migration(self, configured_id: int, new_id: int) -> None:
        """The operators' group became supergroup ``new_id``: store it (all instances use it) and tell the admins."""
        news = await operators_chat.record_migration(self.sessions, configured_id=configured_id, new_id=new_id)
        if not news:
            return
        log.warning("the operators' group was upgraded to a supergroup; notifications now go to its new id")
        await self.tell_staff("opchat-migrated", admins_only=True, chat_id=str(new_id))
        with contextlib.suppress(TelegramAPIError):
            await self.bot.send_message(new_id, self.staff("opchat-migrated", chat_id=str(new_id)))

    async def chat_lost(self, configured_id: int, reason: str) -> None:
        """Record that the bot cannot post to the operators' chat; announce it once per loss (every retry of every
        waiting notification comes here too, and another instance may have announced it already)."""
        metrics.PROBLEM.labels(problem="operators_chat_lost").set(1)
        if not await operators_chat.record_lost(self.sessions, configured_id=configured_id, reason=reason):
            return
        metrics.OPERATORS_CHAT_LOSSES.inc()
        log.error(
            "the operators' chat cannot be reached (Telegram: %s); notifications wait in the outbox. Add the bot "
            "back to the operators' group, or set OPERATOR_CHAT_ID to a chat it is in",
            reason,
        )
        await self.tell_staff("opchat-lost", admins_only=False, reason=reason)

    async def tell_staff(self, key: str, *, admins_only: bool, **args: object) -> int:
        """A message to each active admin (and operator) in their private chat; how many got it."""
        told = 0
        for telegram_id in await operators_chat.staff_ids(self.sessions, admins_only=admins_only):
            try:
                await self.bot.send_message(telegram_id, self.staff(key, **args))
            except TelegramAPIError as error:  # never opened a chat with the bot, blocked it…: the others still hear
                log.warning("could not alert a staff member in private: %s", type(error).__name__)
            else:
                told += 1
        if told == 0:
            log.error("no staff member could be told in private (%s): each should open a chat with the bot", key)
        return told

    async def _to_reporter(self, item: OutboxMessage) -> None:
        """Send an operator's message to the reporter's chat, by the bot, without operator names."""
        async with self.sessions() as session:
            message = await session.get(CaseMessage, item.payload.get("message_id"))
            route = await session.get(ReplyRoute, item.case_id)
            case = await session.get(Case, item.case_id)
            if message is None or case is None:
                raise Undeliverable("message not found")
            if route is None:
                raise Undeliverable("no reply route: the message waits for /status")
            chat = self.secrets.decrypt(route.sealed_chat)
            if chat is None:
                raise Undeliverable("reply route sealed with another secret")
            key = "citizen-operator-answer" if case.kind == CaseKind.question else "operator-message-to-citizen"
            text = Texts(self.translator, case.language)(key, text=message.body)
            try:
                await self.bot.send_message(int(chat), text[:4096])
            except (TelegramForbiddenError, TelegramBadRequest) as error:
                # Blocked the bot or deleted the chat: the message stays for /status; operators see it on the case.
                case.reporter_unreachable = True
                session.add(case)
                await session.commit()
                raise Undeliverable(f"reporter unreachable: {type(error).__name__}") from None
            message.delivered_at = utcnow()
            session.add(message)
            if case.reporter_unreachable:  # they unblocked the bot: the case must not say "unreachable" any more
                case.reporter_unreachable = False
                session.add(case)
            await session.commit()
