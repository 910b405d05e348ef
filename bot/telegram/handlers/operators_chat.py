"""The operators' chat changing under the bot: upgraded to a supergroup, or the bot removed from it.

Telegram tells the bot both as updates (a service message with ``migrate_to_chat_id``, ``my_chat_member``), so they
are acted on at once, not only when the next notification fails. The rules live in bot.cases.operators_chat and
the announcing in bot.telegram.notifications.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import ChatMemberUpdated, Message
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases import operators_chat
from bot.cases.outbox import OutboxWorker
from bot.core.settings import Settings
from bot.telegram.filters import Is
from bot.telegram.notifications import TelegramNotifier

GONE = ("left", "kicked")
BACK = ("member", "administrator", "creator", "restricted")


async def _is_operators_chat(chat_id: int, settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> bool:
    configured = settings.operator_chat_id
    if configured is None:
        return False
    return chat_id == await operators_chat.current_chat(sessions, configured_id=configured)


async def group_upgraded(
    message: Message, settings: Settings, sessions: async_sessionmaker[AsyncSession], notifier: TelegramNotifier
) -> None:
    if settings.operator_chat_id is None or message.migrate_to_chat_id is None:
        return
    if await _is_operators_chat(message.chat.id, settings, sessions):
        await notifier.follow_migration(settings.operator_chat_id, message.migrate_to_chat_id)


async def membership_changed(
    event: ChatMemberUpdated,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    notifier: TelegramNotifier,
    outbox: OutboxWorker,
) -> None:
    configured = settings.operator_chat_id
    if configured is None or not await _is_operators_chat(event.chat.id, settings, sessions):
        return
    status = event.new_chat_member.status
    if status in GONE:
        await notifier.chat_lost(configured, f"the bot is no longer a member of the chat ({status})")
    elif status in BACK and await notifier.chat_reachable(configured):
        await operators_chat.deliver_waiting_now(sessions)  # what waited goes out now, not after its back-off
        outbox.wake()


def create_router() -> Router:
    router = Router(name="operators_chat")
    # Is(): a bare magic filter would run in a worker thread for every message the bot gets (bot.telegram.filters).
    router.message.register(group_upgraded, Is(F.migrate_to_chat_id))
    router.my_chat_member.register(membership_changed)
    return router
