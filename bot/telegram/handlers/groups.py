"""Group chats: the bot only points people to a private chat, and ignores everything else on purpose."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.telegram.filters import COMMAND, IN_GROUP
from bot.telegram.texts import Texts


async def command_in_group(message: Message, t: Texts) -> None:
    await message.reply(t("private-only"))


async def ignore_group_chatter(_: Message) -> None:
    """Messages between people in a group are not questions to the bot (and must not be stored)."""


def create_router() -> Router:
    router = Router(name="groups")
    router.message.filter(IN_GROUP)
    router.edited_message.filter(IN_GROUP)
    router.message.register(command_in_group, COMMAND)
    router.message.register(ignore_group_chatter)
    router.edited_message.register(ignore_group_chatter)
    return router
