"""Checking a case: "🔎 Check a report" (or /status) asks for the receipt code, the message holding it is deleted at
once, and the case shows its coarse status (and outcome once closed), the dialogue both ways, answering the
operators, and ending the dialogue (after a confirmation). ``/status CODE`` in one message works too, deleted alike.

The case id is never put in a button: it stays in this chat's conversation state after a correct code, so nobody
can forge a button into someone else's case; it stays there STATUS_SESSION_MINUTES after the lookup, then the
storage forgets it. Wrong codes get the same answer whatever is wrong with them; failed lookups are limited per user
(keyed hash) and across the deployment.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases import receipts, user_limits
from bot.cases.outbox import OutboxWorker
from bot.cases.reports import add_citizen_message, citizen_view, end_dialogue, find_case
from bot.core.crypto import SecretBox
from bot.core.settings import Settings
from bot.models.cases import CaseKind, Direction, Status
from bot.telegram.callbacks import MenuAction, MenuChoice, StatusAction, StatusChoice
from bot.telegram.conversation_storage import SESSION_EXPIRES
from bot.telegram.filters import NOT_COMMAND, PRIVATE, TEXT
from bot.telegram.states import StatusFlow
from bot.telegram.texts import Texts


async def ask_code(message: Message, t: Texts, state: FSMContext) -> None:
    await state.set_state(StatusFlow.code)
    await message.answer(t("status-ask-code"))


async def status_command(
    message: Message,
    command: CommandObject,
    t: Texts,
    state: FSMContext,
    user_key: str,
    settings: Settings,
    secrets: SecretBox,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    if not command.args:
        await ask_code(message, t, state)
        return
    await look_up(message, command.args, t, state, user_key, settings, secrets, sessions)


async def status_from_menu(query: CallbackQuery, t: Texts, state: FSMContext) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await ask_code(query.message, t, state)


async def code_typed(
    message: Message,
    t: Texts,
    state: FSMContext,
    user_key: str,
    settings: Settings,
    secrets: SecretBox,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await look_up(message, message.text or "", t, state, user_key, settings, secrets, sessions)


async def look_up(
    message: Message,
    typed: str,
    t: Texts,
    state: FSMContext,
    user_key: str,
    settings: Settings,
    secrets: SecretBox,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # The code should not stay in the chat history: delete the message that carried it (if Telegram lets us).
    with contextlib.suppress(TelegramAPIError):
        await message.delete()
    if receipts.normalize(typed) is None:
        # Not a guess at anyone's code (it cannot be one), so not counted: say so and keep asking.
        await state.set_state(StatusFlow.code)
        await message.answer(t("citizen-status-not-a-code"))
        return
    # Only failed lookups count (a reporter may check their case as often as they like), per account and across
    # the deployment: many accounts guessing together are held back too, and the slow hash's CPU bounded.
    failed = user_limits.FAILED_STATUS
    if (
        await user_limits.used(sessions, user_key=user_key, kind=failed) >= settings.status_hourly_limit
        or await user_limits.used(sessions, user_key=user_limits.EVERYONE, kind=failed)
        >= settings.status_global_hourly_limit
    ):
        await state.clear()
        await message.answer(t("status-too-many"))
        return
    case_id = await find_case(sessions, secrets, typed[:100])
    if case_id is None:
        await user_limits.count(sessions, user_key=user_key, kind=failed)
        await user_limits.count(sessions, user_key=user_limits.EVERYONE, kind=failed)
        await state.clear()
        await message.answer(t("status-not-found"))
        return
    await state.set_state(StatusFlow.viewing)
    # The case stays open in this chat only for a while: the state must not link this account to the case for
    # long (see open_case_of; the storage also drops it then).
    await state.set_data({"case": case_id, SESSION_EXPIRES: time.time() + settings.status_session_minutes * 60})
    await show_case(message, t, case_id, sessions)


def open_case_of(data: dict[str, Any]) -> int | None:
    """The case open in this chat after /status, or None once the session has lapsed."""
    if "case" not in data or float(data.get(SESSION_EXPIRES, 0)) < time.time():
        return None
    return int(data["case"])


async def show_case(message: Message, t: Texts, case_id: int, sessions: async_sessionmaker[AsyncSession]) -> None:
    view = await citizen_view(sessions, case_id)
    if view.status == Status.closed:
        outcome = view.outcome.value if view.outcome else "none"
        status = t("citizen-status-closed-outcome", outcome=t(f"citizen-outcome-{outcome}"))
    else:
        status = t(f"status-{view.status.value}")
    lines = [t("citizen-question-view" if view.kind == CaseKind.question else "status-view", status=status)]
    if not any(item.direction == Direction.to_citizen for item in view.messages):
        lines.append(t("status-no-messages"))
    for item in view.messages:
        key = "status-operator-message" if item.direction == Direction.to_citizen else "citizen-status-own-message"
        lines.append(t(key, date=t.when(item.created_at), text=item.body))
    builder = InlineKeyboardBuilder()
    if view.replies_open:
        builder.button(text=t("status-reply-button"), callback_data=StatusAction(action=StatusChoice.reply))
    if view.route_exists:
        builder.button(text=t("status-end-button"), callback_data=StatusAction(action=StatusChoice.end))
    markup = builder.adjust(1).as_markup() if view.replies_open or view.route_exists else None
    await message.answer("\n\n".join(lines)[:4000], reply_markup=markup)


async def start_reply(query: CallbackQuery, t: Texts, state: FSMContext) -> None:
    if open_case_of(await state.get_data()) is None:
        await state.clear()
        await query.answer(t("status-session-expired"), show_alert=True)
        return
    await query.answer()
    await state.set_state(StatusFlow.replying)
    if isinstance(query.message, Message):
        await query.message.answer(t("status-write-reply"))


async def reply_written(
    message: Message, t: Texts, state: FSMContext, sessions: async_sessionmaker[AsyncSession], outbox: OutboxWorker
) -> None:
    case_id = open_case_of(await state.get_data())
    await state.clear()
    if case_id is None:
        await message.answer(t("status-session-expired"))
        return
    if not await add_citizen_message(sessions, case_id=case_id, body=message.text or ""):
        await message.answer(t("status-reply-closed"))
        return
    outbox.wake()
    await message.answer(t("status-reply-sent"))


async def confirm_end(query: CallbackQuery, t: Texts, state: FSMContext) -> None:
    """Ending the dialogue cannot be undone (the way back to this chat is deleted): ask first."""
    if open_case_of(await state.get_data()) is None:
        await state.clear()
        await query.answer(t("status-session-expired"), show_alert=True)
        return
    await query.answer()
    if isinstance(query.message, Message):
        builder = InlineKeyboardBuilder()
        builder.button(text=t("citizen-end-yes-button"), callback_data=StatusAction(action=StatusChoice.end_yes))
        builder.button(text=t("citizen-end-no-button"), callback_data=StatusAction(action=StatusChoice.end_no))
        await query.message.answer(t("citizen-end-confirm"), reply_markup=builder.adjust(1).as_markup())


async def keep_dialogue(query: CallbackQuery, t: Texts) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramAPIError):
            await query.message.edit_reply_markup(reply_markup=None)
        await query.message.answer(t("citizen-end-kept"))


async def end(
    query: CallbackQuery, t: Texts, state: FSMContext, sessions: async_sessionmaker[AsyncSession], outbox: OutboxWorker
) -> None:
    case_id = open_case_of(await state.get_data())
    if case_id is None:
        await state.clear()
        await query.answer(t("status-session-expired"), show_alert=True)
        return
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramAPIError):
            await query.message.edit_reply_markup(reply_markup=None)
    await end_dialogue(sessions, case_id=case_id)
    await state.clear()
    outbox.wake()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(t("status-dialogue-ended"))


async def code_in_message(message: Message, t: Texts) -> None:
    """SecureDrop's rule: a message that contains a receipt code is refused (and removed), never stored."""
    with contextlib.suppress(TelegramAPIError):
        await message.delete()
    await message.answer(t("code-in-message"))


async def _contains_code(message: Message, raw_state: str | None = None) -> bool:
    """A code anywhere except in /status or as the answer to "send your code"."""
    if raw_state == StatusFlow.code.state:
        return False
    text = message.text or message.caption or ""
    return not text.startswith("/status") and receipts.looks_like_code(text)


def create_router() -> Router:
    router = Router(name="status")
    router.message.filter(PRIVATE)
    router.message.register(status_command, Command("status"))
    router.callback_query.register(status_from_menu, MenuAction.filter(F.action == MenuChoice.status))
    router.message.register(code_typed, StateFilter(StatusFlow.code), TEXT, NOT_COMMAND)
    router.callback_query.register(start_reply, StatusAction.filter(F.action == StatusChoice.reply))
    router.callback_query.register(confirm_end, StatusAction.filter(F.action == StatusChoice.end))
    router.callback_query.register(end, StatusAction.filter(F.action == StatusChoice.end_yes))
    router.callback_query.register(keep_dialogue, StatusAction.filter(F.action == StatusChoice.end_no))
    router.message.register(reply_written, StateFilter(StatusFlow.replying), TEXT, NOT_COMMAND)
    return router


def create_code_guard() -> Router:
    """Runs before every other private handler, except while the bot is asking for the code."""
    router = Router(name="code-guard")
    router.message.filter(PRIVATE)
    router.message.register(code_in_message, _contains_code)
    return router
