"""Group chats: the bot only points people to a private chat, and ignores everything else on purpose."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import Message

from bot.telegram.texts import Texts


async def command_in_group(message: Message, t: Texts) -> None:
    await message.reply(t("private-only"))


async def ignore_group_chatter(_: Message) -> None:
    """Messages between people in a group are not questions to the bot (and must not be stored)."""


def create_router() -> Router:
    router = Router(name="groups")
    router.message.filter(F.chat.type.in_({"group", "supergroup", "channel"}))
    router.edited_message.filter(F.chat.type.in_({"group", "supergroup", "channel"}))
    router.message.register(command_in_group, F.text.startswith("/"))
    router.message.register(ignore_group_chatter)
    router.edited_message.register(ignore_group_chatter)
    return router
