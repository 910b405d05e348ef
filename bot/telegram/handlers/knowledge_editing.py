"""Editors teach the bot in Telegram: ``/gaps`` shows one unanswered question at a time with "means …" buttons.

Editors are staff with the ``editor`` role, and admins. The role is checked on every call, from the database;
a refusal is audited. The question texts are what citizens typed, without any identity (bot/answers/learning.py).
"""

from __future__ import annotations

import contextlib

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers import learning
from bot.answers.answer_engine import AnswerEngine
from bot.answers.knowledge_base import KnowledgeBase
from bot.cases import moderation
from bot.core.settings import Settings
from bot.models import Operator
from bot.telegram.callbacks import GapAction, GapDecision
from bot.telegram.texts import Texts

TEACH, OFF_TOPIC, SKIP, ALL_ENTRIES = GapAction.teach, GapAction.off_topic, GapAction.skip, GapAction.all_entries
LABEL_LIMIT = 48


def _entry_label(kb: KnowledgeBase, entry_id: str, lang: str) -> str:
    text = kb.by_id[entry_id].questions[lang][0]
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"


def _gap_view(
    staff: Texts, kb: KnowledgeBase, engine: AnswerEngine, candidate: learning.Candidate, offset: int
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [staff("kb-gap-question", text=candidate.text, language=candidate.lang, asked=candidate.asked)]
    if candidate.picked_entry in kb.by_id and candidate.picks:
        label = _entry_label(kb, candidate.picked_entry, staff.lang)
        lines.append(staff("kb-gap-picked", entry=label, count=candidate.picks))
    if candidate.disliked_entry in kb.by_id and candidate.dislikes:
        label = _entry_label(kb, candidate.disliked_entry, staff.lang)
        lines.append(staff("kb-gap-disliked", entry=label, count=candidate.dislikes))
    lines.append(staff("kb-gap-choose"))
    builder = InlineKeyboardBuilder()
    for entry_id in learning.suggested_entries(candidate, engine):
        if entry_id in kb.by_id:
            data = GapDecision(action=TEACH, ref=candidate.ref, entry=entry_id, offset=offset)
            builder.button(text=staff("kb-gap-means", entry=_entry_label(kb, entry_id, staff.lang)), callback_data=data)
    builder.button(text=staff("kb-gap-other-entry"), callback_data=GapDecision(action=ALL_ENTRIES, ref=candidate.ref))
    builder.button(text=staff("kb-gap-off-topic"), callback_data=GapDecision(action=OFF_TOPIC, ref=candidate.ref))
    builder.button(
        text=staff("kb-gap-skip"), callback_data=GapDecision(action=SKIP, ref=candidate.ref, offset=offset + 1)
    )
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


def _all_entries(staff: Texts, kb: KnowledgeBase, ref: str) -> InlineKeyboardMarkup:
    """Every entry, for a question whose meaning the engine did not guess (a few dozen buttons: Telegram allows 100)."""
    builder = InlineKeyboardBuilder()
    for entry in kb.entries:
        data = GapDecision(action=TEACH, ref=ref, entry=entry.id)
        builder.button(text=staff("kb-gap-means", entry=_entry_label(kb, entry.id, staff.lang)), callback_data=data)
    builder.button(text=staff("kb-gap-skip"), callback_data=GapDecision(action=SKIP, ref=ref))
    builder.adjust(1)
    return builder.as_markup()


async def _editor(
    sessions: async_sessionmaker[AsyncSession], user_id: int, user_key: str, action: str
) -> Operator | None:
    editor = await learning.find_editor(sessions, telegram_id=user_id)
    if editor is None:
        await moderation.audit_refusal(sessions, action=action, user_key=user_key)
    return editor


async def _next_gap(
    sessions: async_sessionmaker[AsyncSession], staff: Texts, kb: KnowledgeBase, engine: AnswerEngine, offset: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    found = await learning.candidates(sessions, limit=1, offset=offset)
    if not found:
        return staff("kb-gaps-none" if offset == 0 else "kb-gaps-end"), None
    return _gap_view(staff, kb, engine, found[0], offset)


async def gaps_command(
    message: Message,
    user_key: str,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    kb: KnowledgeBase,
    engine: AnswerEngine,
    t: Texts,
) -> None:
    if message.from_user is None or await _editor(sessions, message.from_user.id, user_key, "gaps") is None:
        await message.answer(t("op-forbidden"))
        return
    staff = t.to(settings.operators_language)
    text, markup = await _next_gap(sessions, staff, kb, engine, 0)
    await message.answer(text, reply_markup=markup)


async def gap_button(
    query: CallbackQuery,
    callback_data: GapDecision,
    user_key: str,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    kb: KnowledgeBase,
    engine: AnswerEngine,
    t: Texts,
) -> None:
    editor = await _editor(sessions, query.from_user.id, user_key, "gap_button")
    if editor is None:
        await query.answer(t("op-forbidden"), show_alert=True)
        return
    staff = t.to(settings.operators_language)
    message = query.message if isinstance(query.message, Message) else None
    offset = max(callback_data.offset, 0)
    if callback_data.action == ALL_ENTRIES:
        await query.answer()
        if message is not None:
            with contextlib.suppress(TelegramBadRequest):  # pressed twice: the list is there already
                await message.edit_reply_markup(reply_markup=_all_entries(staff, kb, callback_data.ref))
        return
    if callback_data.action == TEACH:
        outcome = await learning.teach_gap(
            sessions, kb=kb, ref=callback_data.ref, entry_id=callback_data.entry, editor=editor
        )
        done = staff(f"kb-taught-{outcome.value}" if outcome else "kb-gap-gone")
        offset = 0
    elif callback_data.action == OFF_TOPIC:
        dismissed = await learning.dismiss_gap(sessions, ref=callback_data.ref, editor=editor)
        done = staff("kb-gap-dismissed" if dismissed else "kb-gap-gone")
        offset = 0
    else:
        done = ""
    await query.answer(done)
    if message is None:
        return
    text, markup = await _next_gap(sessions, staff, kb, engine, offset)
    if done:
        text = f"{done}\n\n{text}"
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest:  # the message is too old to edit, or unchanged: send the next one instead
        await message.answer(text, reply_markup=markup)


def create_router() -> Router:
    router = Router(name="knowledge-editing")
    router.message.register(gaps_command, Command("gaps"))
    router.callback_query.register(gap_button, GapDecision.filter())
    return router
