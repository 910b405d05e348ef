"""Delivering outbox rows through Telegram: operator cards and alerts, and operators' messages to reporters."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import LinkPreviewOptions
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases.outbox import Undeliverable
from bot.core.clock import utcnow
from bot.core.crypto import SecretBox
from bot.core.i18n import Translator
from bot.models import Case, CaseMessage, Evidence, OutboxMessage, ReplyRoute
from bot.models.cases import CaseKind
from bot.models.outbox import OutboxKind
from bot.telegram import operator_views
from bot.telegram.texts import Texts

log = logging.getLogger(__name__)


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
                    text, markup = operator_views.card(t, case, items), operator_views.case_buttons(t, case.id)
                case OutboxKind.urgent_alert:
                    text, markup = t("op-urgent-alert", number=case.number), operator_views.case_buttons(t, case.id)
                case OutboxKind.reminder:
                    minutes = int(item.payload.get("minutes", 0))
                    text, markup = (
                        t("op-reminder", number=case.number, minutes=minutes),
                        operator_views.case_buttons(t, case.id),
                    )
                case _:
                    key = "op-dialogue-ended" if item.payload.get("event") == "dialogue_ended" else "op-citizen-replied"
                    text, markup = t(key, number=case.number), operator_views.case_buttons(t, case.id)
        if self.console_url:  # every notice points at the case in the console (content stays there)
            text += "\n" + t("console-card-link", link=f"{self.console_url}/cases/{case.id}")
        await self.bot.send_message(
            self.operator_chat_id, text, reply_markup=markup, link_preview_options=LinkPreviewOptions(is_disabled=True)
        )

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
