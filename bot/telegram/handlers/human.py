"""The path to a person: a question the bot cannot answer goes to the operators as a question (not a tip).

Reached from /person and "🙋 Ask a person" (under an answer the bot could not give, after a 👎, under the answer to
"can I talk to a real person?"). The question becomes a case of kind ``question`` with a receipt code and the same
encrypted reply route as a report, so the operators' answer arrives in this chat without anyone knowing who asked.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.danger import DangerRecogniser
from bot.cases import user_limits
from bot.cases.outbox import OutboxWorker
from bot.cases.reports import QUESTION_MIN_CHARS, AlreadySubmitted, submit_question
from bot.core.crypto import SecretBox
from bot.core.settings import Settings
from bot.models.cases import DESCRIPTION_LIMIT
from bot.telegram import keyboards
from bot.telegram.callbacks import HumanAction
from bot.telegram.filters import NOT_COMMAND, NOT_TEXT, PRIVATE, TEXT
from bot.telegram.states import HumanFlow
from bot.telegram.texts import Texts


def _cancel_button(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("report-cancel-button"), callback_data=HumanAction(action="cancel"))
    return builder.as_markup()


def _allowance(settings: Settings) -> dict:
    return {"kind": user_limits.QUESTIONS, "limit": settings.report_daily_limit}


async def ask_person(
    message: Message,
    t: Texts,
    state: FSMContext,
    user_key: str,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    if not await user_limits.available(sessions, user_key=user_key, **_allowance(settings)):
        await message.answer(t("citizen-person-limit"))
        return
    await state.set_state(HumanFlow.question)
    await state.set_data({})
    await message.answer(t("citizen-person-prompt"), reply_markup=_cancel_button(t))


async def ask_person_button(
    query: CallbackQuery,
    t: Texts,
    state: FSMContext,
    user_key: str,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await ask_person(query.message, t, state, user_key, settings, sessions)


async def question_written(
    message: Message,
    t: Texts,
    state: FSMContext,
    user_key: str,
    settings: Settings,
    secrets: SecretBox,
    danger: DangerRecogniser,
    sessions: async_sessionmaker[AsyncSession],
    outbox: OutboxWorker,
) -> None:
    text = (message.text or "").strip()
    if len(text) < QUESTION_MIN_CHARS:
        await message.answer(t("citizen-person-too-short"), reply_markup=_cancel_button(t))
        return
    if len(text) > DESCRIPTION_LIMIT:
        await message.answer(t("report-description-too-long", max=DESCRIPTION_LIMIT), reply_markup=_cancel_button(t))
        return
    if not await user_limits.take(sessions, user_key=user_key, **_allowance(settings)):
        await state.clear()
        await message.answer(t("citizen-person-limit"))
        return
    try:
        receipt = await submit_question(
            sessions,
            secrets,
            danger,
            question=text,
            language=t.lang,
            submission_key=secrets.submission_key(f"question:{message.chat.id}:{message.message_id}"),
            reply_chat_id=message.chat.id,
        )
    except AlreadySubmitted:
        return  # the same message delivered twice: the first delivery answered
    outbox.wake()
    await message.answer(t("citizen-person-received", code=receipt.code), reply_markup=keyboards.check_report(t))
    await state.clear()
    if receipt.urgent:
        await message.answer(t("emergency-notice"))


async def not_text(message: Message, t: Texts) -> None:
    await message.answer(t("citizen-person-need-text"), reply_markup=_cancel_button(t))


def create_router() -> Router:
    router = Router(name="human")
    router.message.filter(PRIVATE)
    router.message.register(ask_person, Command("person"))
    router.callback_query.register(ask_person_button, HumanAction.filter(F.action == "ask"))
    router.message.register(question_written, StateFilter(HumanFlow.question), TEXT, NOT_COMMAND)
    router.message.register(not_text, StateFilter(HumanFlow.question), NOT_TEXT)
    return router
