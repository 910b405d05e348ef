"""Free text outside any flow is a question for the knowledge base."""

from __future__ import annotations

import contextlib

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.answer_engine import MAX_QUESTION_CHARS, AnswerEngine
from bot.answers.emergency import EmergencyWords
from bot.answers.knowledge_base import KnowledgeBase
from bot.answers.knowledge_stats import QuestionLog, record_feedback
from bot.core import metrics
from bot.core.languages import LANGUAGES
from bot.core.settings import Settings
from bot.telegram import keyboards
from bot.telegram.callbacks import Feedback, ShowAnswer
from bot.telegram.filters import NOT_COMMAND, PRIVATE, TEXT
from bot.telegram.texts import Texts


async def send_answer(
    message: Message, t: Texts, kb: KnowledgeBase, settings: Settings, entry_id: str, *, asked: bool = True
) -> None:
    """An answer; 👍/👎 only when it answers a real question (``asked``), a person offered when that is the topic."""
    text = kb.answer(entry_id, t.lang, settings.placeholder_values())
    await message.answer(text, reply_markup=keyboards.answer_buttons(t, entry_id, feedback=asked))


async def answer_question(
    message: Message,
    t: Texts,
    engine: AnswerEngine,
    kb: KnowledgeBase,
    settings: Settings,
    question_log: QuestionLog,
    emergency: EmergencyWords,
) -> None:
    text = message.text or ""
    if not text.strip():
        await message.answer(t("empty-text"))
        return
    if len(text) > MAX_QUESTION_CHARS:
        await message.answer(t("too-long", limit=MAX_QUESTION_CHARS))
        return
    result = engine.ask(text, lang_hint=t.lang)
    question_log.record(result, text)
    metrics.ANSWERS.labels(outcome=result.decision).inc()
    # Reply in the question's language when the engine understood it; otherwise in the user's own.
    reply = t.to(result.lang) if result.decision != "unknown" else t
    if emergency.found_in(text):
        await message.answer(reply("emergency-notice"))
    if result.entry_id is not None:
        await send_answer(message, reply, kb, settings, result.entry_id, asked=asks_something(text))
    elif result.suggestions:
        await message.answer(
            reply("suggest-intro"), reply_markup=keyboards.suggestions(kb, reply.lang, result.suggestions)
        )
    else:
        await message.answer(reply("unknown-answer"), reply_markup=keyboards.offer_report(reply))


async def show_suggested_answer(
    query: CallbackQuery, callback_data: ShowAnswer, t: Texts, kb: KnowledgeBase, settings: Settings
) -> None:
    if callback_data.entry not in kb.by_id or query.message is None:
        await query.answer(t("stale-button"), show_alert=True)
        return
    await query.answer()
    await send_answer(query.message, t.to(callback_data.lang), kb, settings, callback_data.entry)


async def feedback(
    query: CallbackQuery,
    callback_data: Feedback,
    t: Texts,
    kb: KnowledgeBase,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    if callback_data.entry not in kb.by_id:
        await query.answer(t("stale-button"), show_alert=True)
        return
    if isinstance(query.message, Message) and query.message.reply_markup is None:
        # The buttons are gone, so this answer has had its vote: a late double tap or a forged query.
        await query.answer(t.to(callback_data.lang)("feedback-thanks"))
        return
    await record_feedback(
        sessions, entry_id=callback_data.entry, lang=callback_data.lang, helpful=callback_data.helpful
    )
    voter = t.to(callback_data.lang)
    await query.answer(voter("feedback-thanks"))
    if query.message is not None:
        # One vote per answer: the buttons go away once pressed (a double tap finds them gone already).
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)
        if not callback_data.helpful:  # not helped: a person, or a report, rather than a dead end
            await query.message.answer(voter("citizen-feedback-not-helped"), reply_markup=keyboards.offer_report(voter))


def asks_something(text: str) -> bool:
    """Whether a message is a question worth a 👍/👎: a question mark, or a few words ("hi", "thanks" are not)."""
    return "?" in text or len(text.split()) >= QUESTION_WORDS


QUESTION_WORDS = 3


def create_router() -> Router:
    router = Router(name="questions")
    router.message.filter(PRIVATE)
    router.message.register(answer_question, StateFilter(None), TEXT, NOT_COMMAND)
    router.callback_query.register(show_suggested_answer, ShowAnswer.filter(F.lang.in_(LANGUAGES)))
    router.callback_query.register(feedback, Feedback.filter(F.lang.in_(LANGUAGES)))
    return router
