"""Group chats: the bot only points people to a private chat, and ignores everything else on purpose."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import Message

from bot.telegram.texts import Texts

router = Router(name="groups")
router.message.filter(F.chat.type.in_({"group", "supergroup", "channel"}))
router.edited_message.filter(F.chat.type.in_({"group", "supergroup", "channel"}))


@router.message(F.text.startswith("/"))
async def command_in_group(message: Message, t: Texts) -> None:
    await message.reply(t("private-only"))


@router.message()
@router.edited_message()
async def ignore_group_chatter(_: Message) -> None:
    """Messages between people in a group are not questions to the bot (and must not be stored)."""
