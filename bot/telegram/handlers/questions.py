"""Free text outside any flow is a question for the knowledge base."""

from __future__ import annotations

import contextlib

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, InaccessibleMessage, Message, ReplyParameters
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.answer_engine import MAX_QUESTION_CHARS, AnswerEngine
from bot.answers.danger import DangerRecogniser
from bot.answers.knowledge_base import KnowledgeBase
from bot.answers.knowledge_stats import QuestionLog, record_feedback
from bot.answers.learning import record_hint
from bot.core import metrics
from bot.core.languages import LANGUAGES
from bot.core.settings import Settings
from bot.telegram import keyboards
from bot.telegram.callbacks import Feedback, ShowAnswer
from bot.telegram.filters import NOT_COMMAND, PRIVATE, TEXT
from bot.telegram.texts import Texts


def _replying_to(question: Message) -> ReplyParameters:
    # Answers quote the question they answer: a 👎 or a "did you mean" pick then arrives with the question's text
    # (the button's message replies to it), which is what the editors' teach loop needs, and nothing else is kept.
    return ReplyParameters(message_id=question.message_id, allow_sending_without_reply=True)


def _question_of(message: Message | InaccessibleMessage | None) -> str | None:
    if isinstance(message, Message) and message.reply_to_message is not None:
        return message.reply_to_message.text
    return None


async def send_answer(
    message: Message | InaccessibleMessage,
    t: Texts,
    kb: KnowledgeBase,
    settings: Settings,
    entry_id: str,
    reply_parameters: ReplyParameters | None = None,
    *,
    asked: bool = True,
) -> None:
    """An answer; 👍/👎 only when it answers a real question (``asked``), a person offered when that is the topic."""
    text = kb.answer(entry_id, t.lang, settings.placeholder_values())
    markup = keyboards.answer_buttons(t, entry_id, feedback=asked)
    await message.answer(text, reply_markup=markup, reply_parameters=reply_parameters)


async def answer_question(
    message: Message,
    t: Texts,
    engine: AnswerEngine,
    kb: KnowledgeBase,
    settings: Settings,
    question_log: QuestionLog,
    danger: DangerRecogniser,
) -> None:
    text = message.text or ""
    if not text.strip():
        await message.answer(t("empty-text"))
        return
    # Danger is noticed first, before anything is answered or refused (a long message about a bomb is not merely
    # "too long"), in the language the message is written in.
    urgent = danger.urgent(text)
    if urgent:
        metrics.DANGER_NOTICES.inc()
    if len(text) > MAX_QUESTION_CHARS:
        if urgent:
            await message.answer(t("danger-notice"))
        await message.answer(t("too-long", limit=MAX_QUESTION_CHARS))
        return
    result = engine.ask(text, lang_hint=t.lang)
    question_log.record(result, text)
    metrics.ANSWERS.labels(outcome=result.decision).inc()
    if urgent:
        await message.answer(t.to(result.lang)("danger-notice"))
    # Reply in the question's language when the engine understood it; otherwise in the user's own.
    reply = t.to(result.lang) if result.decision != "unknown" else t
    if result.entry_id is not None:
        await send_answer(
            message, reply, kb, settings, result.entry_id, _replying_to(message), asked=asks_something(text)
        )
        if result.suggestions:  # a narrow lead: the close runner-ups too, one tap away if the answer missed
            await message.answer(
                reply("see-also-intro"),
                reply_markup=keyboards.suggestions(kb, reply.lang, result.suggestions),
                reply_parameters=_replying_to(message),
            )
    elif result.suggestions:
        await message.answer(
            reply("suggest-intro"),
            reply_markup=keyboards.suggestions(kb, reply.lang, result.suggestions),
            reply_parameters=_replying_to(message),
        )
    else:
        await message.answer(reply("unknown-answer"), reply_markup=keyboards.offer_report(reply))


async def show_suggested_answer(
    query: CallbackQuery,
    callback_data: ShowAnswer,
    t: Texts,
    kb: KnowledgeBase,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    if callback_data.entry not in kb.by_id or not isinstance(query.message, Message):
        await query.answer(t("stale-button"), show_alert=True)
        return
    await query.answer()
    question = _question_of(query.message)
    await send_answer(
        query.message,
        t.to(callback_data.lang),
        kb,
        settings,
        callback_data.entry,
        _replying_to(query.message.reply_to_message) if query.message.reply_to_message else None,
    )
    if question:  # a hint for the editors: this wording meant that entry, in this citizen's view
        await record_hint(
            sessions, question=question, lang=callback_data.lang, entry_id=callback_data.entry, picked=True
        )


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
    if not isinstance(query.message, Message) or query.message.reply_markup is None:
        # The buttons are gone, so this answer has had its vote: a late double tap or a forged query. A message no
        # longer accessible (deleted: Telegram sends an InaccessibleMessage) cannot show whether it had its vote.
        await query.answer(t.to(callback_data.lang)("feedback-thanks"))
        return
    await record_feedback(
        sessions, entry_id=callback_data.entry, lang=callback_data.lang, helpful=callback_data.helpful
    )
    question = _question_of(query.message)
    if question and not callback_data.helpful:  # a candidate for the editors: this answer did not fit this wording
        await record_hint(
            sessions, question=question, lang=callback_data.lang, entry_id=callback_data.entry, picked=False
        )
    voter = t.to(callback_data.lang)
    await query.answer(voter("feedback-thanks"))
    if isinstance(query.message, Message):  # an inaccessible (too old) message cannot be edited
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
