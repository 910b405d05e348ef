"""Everything no other handler took: a clear answer, never silence."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.telegram.filters import COMMAND, PRIVATE, TEXT
from bot.telegram.texts import Texts


async def unknown_command(message: Message, t: Texts) -> None:
    await message.answer(t("unknown-command"))


async def text_in_unexpected_state(message: Message, t: Texts) -> None:
    await message.answer(t("help"))


async def not_text(message: Message, t: Texts) -> None:
    """Stickers, voice, photos, locations, contacts, polls… outside a flow."""
    await message.answer(t("not-text"))


async def edited(message: Message, t: Texts) -> None:
    await message.answer(t("edited-message"))


async def stale_or_forged_button(query: CallbackQuery, t: Texts) -> None:
    await query.answer(t("stale-button"), show_alert=True)


def create_router() -> Router:
    router = Router(name="fallback")
    router.message.filter(PRIVATE)
    router.edited_message.filter(PRIVATE)
    router.message.register(unknown_command, COMMAND)
    router.message.register(text_in_unexpected_state, TEXT)
    router.message.register(not_text)
    router.edited_message.register(edited)
    router.callback_query.register(stale_or_forged_button)
    return router
