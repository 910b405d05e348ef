"""The operators' side in Telegram: case cards and their buttons, /queue, /case, /stats, /export, /audit, /op_*.

The role is checked on every call (moderation.require, fresh from the database). A refusal is handled in one place,
this router's error handler: the services raise Forbidden, ``refuse`` audits it and tells the person.
Operators' replies and notes are written as replies to the bot's prompt (ForceReply), which reaches the bot even
in a group with privacy mode on; the case id travels in the conversation state, not in the text.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, CommandObject, ExceptionTypeFilter, Filter, StateFilter, or_f
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    ErrorEvent,
    ForceReply,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    TelegramObject,
    Update,
    User,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases import console_links, dashboard, moderation, operators_chat, web_reports
from bot.cases.audit_words import audit_label
from bot.cases.export import ExportFormat, write_export
from bot.cases.forms import Questionnaires, ReplyTemplates
from bot.cases.moderation import ActionResult, Forbidden, QueueFilter
from bot.core.clock import utcnow
from bot.core.crypto import SecretBox
from bot.core.i18n import Translator
from bot.core.settings import Settings
from bot.models import Evidence, Operator
from bot.models.case_numbers import case_number, parse_case_number
from bot.models.cases import Channel, Status
from bot.models.operators import Role
from bot.telegram import operator_views, stats_chart
from bot.telegram.callbacks import CaseButton, OperatorAction, OperatorStatus, OperatorTemplate
from bot.telegram.filters import COMMAND, TEXT
from bot.telegram.keyboards import LANGUAGE_NAMES
from bot.telegram.states import OperatorFlow
from bot.telegram.texts import Texts

EXPORT_FORMATS: dict[str, ExportFormat] = {"csv": "csv", "json": "json"}
CLAIM_ANSWERS = {
    ActionResult.done: "op-claimed",
    ActionResult.already_yours: "op-already-yours",
    ActionResult.taken: "op-taken",
    ActionResult.closed: "op-closed",
    ActionResult.not_found: "op-not-found",
}


class OperatorContext(BaseMiddleware):
    """Adds ``operator`` (or None) and ``staff`` (texts in the operators' language) to operator handlers."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = data.get("event_from_user")
        settings: Settings = data["settings"]
        data["operator"] = await moderation.operator_for(data["sessions"], user.id) if user else None
        # Staff read the operators' language; anyone else (who will only be refused) reads their own.
        staff = Texts(data["translator"], settings.operators_language, settings.zone)
        data["staff"] = staff if data["operator"] else data.get("t", staff)
        chat = data.get("event_chat")
        if chat is not None and chat.type != "private" and not await _is_operators_chat(chat.id, settings, data):
            # Staff work in the operators' chat and in their private chat with the bot, nowhere else: in any other
            # group the bot was added to, case content would reach whoever is in it.
            raise WrongPlace(data["operator"])
        return await handler(event, data)


async def _is_operators_chat(chat_id: int, settings: Settings, data: dict[str, Any]) -> bool:
    """OPERATOR_CHAT_ID, or the supergroup it became (bot/cases/operators_chat.py)."""
    configured = settings.operator_chat_id
    if configured is None:
        return False
    return chat_id == configured or chat_id == await operators_chat.current_chat(
        data["sessions"], configured_id=configured
    )


class WrongPlace(Forbidden):
    """A staff command or button in a group other than the operators' chat: refused whoever sends it."""


# --- refusals: every handler here lets moderation's Forbidden fly, and this one place handles it ---


def attempted_action(update: Update) -> str:
    """What a refused update tried, as the audit names it: ``button:claim``, ``status``, ``queue``, ``write``…"""
    if update.callback_query is not None:
        with contextlib.suppress(TypeError, ValueError):
            return f"button:{OperatorAction.unpack(update.callback_query.data or '').action.value}"
        if (update.callback_query.data or "").startswith(f"{OperatorTemplate.__prefix__}:"):
            return "template"
        return "status"  # the router's only other button
    text = update.message.text if update.message is not None else None
    if text and text.startswith("/"):
        return text[1:].split(maxsplit=1)[0].split("@")[0]  # the command, as Command() matched it
    return "write"  # the answer to a "write your reply/note" prompt


async def refuse(
    event: ErrorEvent,
    sessions: async_sessionmaker[AsyncSession],
    translator: Translator,
    settings: Settings,
    user_key: str = "",
    t: Texts | None = None,
) -> None:
    """Audit a refused action (the person only as a keyed hash, unless they are an operator) and say it is refused.

    Staff read the operators' language; anyone else (a forged button, a curious citizen) reads their own."""
    assert isinstance(event.exception, Forbidden)
    refusal, update = event.exception, event.update
    action = attempted_action(update)
    await moderation.audit_refusal(
        sessions,
        action=f"elsewhere:{action}" if isinstance(refusal, WrongPlace) else action,
        user_key=user_key,
        operator=refusal.operator,
        case_id=refusal.case_id,
    )
    staff = Texts(translator, settings.operators_language, settings.zone)
    text = (staff if refusal.operator is not None or t is None else t)("op-forbidden")
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.message is not None:
        await update.message.answer(text)


# --- card buttons ---


async def on_case_button(
    query: CallbackQuery,
    bot: Bot,
    callback_data: OperatorAction,
    operator: Operator | None,
    staff: Texts,
    state: FSMContext,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    secrets: SecretBox,
    questionnaires: Questionnaires,
    reply_templates: ReplyTemplates,
) -> None:
    case_id, action = callback_data.case, callback_data.action
    number = case_number(case_id)
    message = query.message if isinstance(query.message, Message) else None
    match action:
        case CaseButton.open:
            found = await moderation.open_case(sessions, operator, case_id)
            if found is None:
                await query.answer(staff("op-not-found"), show_alert=True)
                return
            send = case_sender(bot, staff, found, settings, sessions, secrets, questionnaires)
            if message is not None and message.chat.type == "private":
                await query.answer()
                await send(message.chat.id)
            elif await _privately(bot, query.from_user.id, send):
                what = staff("security-what-case", number=number)
                await query.answer(staff("security-sent-privately", what=what))
            else:
                await query.answer(staff("security-start-private-chat"), show_alert=True)
        case CaseButton.claim:
            result = await moderation.claim_case(sessions, operator, case_id)
            hours = int(moderation.CLAIM_DURATION.total_seconds() // 3600)
            text = staff(CLAIM_ANSWERS[result], number=number, hours=hours)
            await query.answer(text, show_alert=result is not ActionResult.done)
        case CaseButton.status:
            moderation.require(operator, moderation.WORKERS, case_id)
            await query.answer()
            if message is not None:
                await message.answer(
                    staff("op-choose-status", number=number),
                    reply_markup=operator_views.status_buttons(staff, case_id),
                )
        case CaseButton.reply | CaseButton.note:
            moderation.require(operator, moderation.WORKERS, case_id)
            replying = action is CaseButton.reply
            await state.set_state(OperatorFlow.replying if replying else OperatorFlow.noting)
            await state.set_data({"case": case_id})
            await query.answer()
            if message is not None:
                language = await moderation.reporter_language(sessions, case_id)
                if replying and language is not None and reply_templates.templates:
                    # The saved replies first, so that the prompt to write one's own is the newest message.
                    name = LANGUAGE_NAMES.get(language, language)
                    await message.answer(
                        staff("citizen-op-templates", number=number, language=name),
                        reply_markup=operator_views.template_buttons(staff, case_id, reply_templates),
                    )
                prompt = staff("op-write-reply" if replying else "op-write-note", number=number)
                sent = await send_prompt(message, staff, query.from_user, prompt)
                await state.update_data(prompt=sent.message_id)  # only the answer to this prompt is taken
        case CaseButton.release:
            result = await moderation.release_case(sessions, operator, case_id)
            released = result is ActionResult.done
            await query.answer(staff("op-released" if released else "op-not-released", number=number))


async def send_prompt(message: Message, staff: Texts, operator: User, prompt: str) -> Message:
    """A ForceReply prompt that names the operator who pressed the button: with ``selective`` a client opens the reply
    box only for users the message mentions or replies to, and this message replies to nobody's (it answers a button
    on the bot's own card). A text_mention needs no username."""
    name = operator.first_name or operator.full_name
    text = staff("opchat-prompt-for", name=name, prompt=prompt)
    start = text.find(name)
    entities = None
    if name and start >= 0:
        entities = [MessageEntity(type="text_mention", offset=_utf16(text[:start]), length=_utf16(name), user=operator)]
    return await message.answer(text, entities=entities, reply_markup=ForceReply(selective=True))


def _utf16(text: str) -> int:
    """Entity offsets and lengths count UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


async def _privately(bot: Bot, user_id: int, send: Callable[[int], Awaitable[None]]) -> bool:
    """Send case content to a staff member's private chat (their chat id is their user id); False if the bot may
    not write there (they never started it, or blocked it). Never into a group: not everyone there is staff."""
    try:
        await send(user_id)
    except (TelegramForbiddenError, TelegramBadRequest):
        return False
    return True


async def _content_on_request(
    message: Message, bot: Bot, staff: Texts, send: Callable[[int], Awaitable[None]], what: str
) -> None:
    """Content asked for in a private chat is answered there; asked for in the operators' chat, it goes to the
    private chat of who asked, and the group reads only that it was sent."""
    if message.chat.type == "private":
        await send(message.chat.id)
    elif message.from_user is not None and await _privately(bot, message.from_user.id, send):
        await message.answer(staff("security-sent-privately", what=what))
    else:
        await message.answer(staff("security-start-private-chat"))


def case_sender(
    bot: Bot,
    staff: Texts,
    found: moderation.CaseDetails,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    secrets: SecretBox,
    questionnaires: Questionnaires,
) -> Callable[[int], Awaitable[None]]:
    """``send_case`` of this case to a chat id yet to be chosen (here, or the private chat of who asked): what the
    Open button and /case hand to ``_privately`` and ``_content_on_request``."""
    return functools.partial(
        send_case,
        bot,
        staff=staff,
        found=found,
        settings=settings,
        sessions=sessions,
        secrets=secrets,
        questionnaires=questionnaires,
    )


async def send_case(
    bot: Bot,
    chat_id: int,
    staff: Texts,
    found: moderation.CaseDetails,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    secrets: SecretBox,
    questionnaires: Questionnaires | None = None,
) -> None:
    """The case, to one chat (a staff member's private chat), as TELEGRAM_CASE_CONTENT allows: everything (full),
    the fields and the description without place, dialogue, notes or files (summary), or no citizen content at all
    (none); a console link whenever there is one."""
    content = settings.case_content
    link = f"{settings.console_url.rstrip('/')}/cases/{found.case.id}" if settings.console_url else None
    if content != "full":
        text = operator_views.summary(staff, found, with_description=content == "summary")
        if link:
            text += "\n" + staff("console-card-link", link=link)
        await bot.send_message(chat_id, text[:4000], link_preview_options=LinkPreviewOptions(is_disabled=True))
        await bot.send_message(chat_id, found.case.number, reply_markup=operator_views.case_buttons(staff, found.case))
        return
    text = operator_views.details(staff, found, questionnaires)
    for start in range(0, len(text), 4000):
        await bot.send_message(chat_id, text[start : start + 4000])
    files = [item for item in found.evidence if item.file_id is not None]
    web_files = []
    if found.case.channel is Channel.web and found.case.id is not None:
        # Web files live encrypted in the database (bot/cases/web_reports.py): uploaded from memory, never disk.
        web_files = await web_reports.case_files(sessions, secrets, case_id=found.case.id)
    total = len(files) + len(web_files)
    undelivered: list[str] = []
    for position, item in enumerate(files, start=1):
        try:  # one file Telegram refuses (expired, flood limits past the retries) must not hide the rest
            await _send_evidence(bot, chat_id, item)
        except TelegramAPIError as error:
            reason = error.message[:200]
            undelivered.append(staff("opchat-evidence-undelivered", position=position, total=total, reason=reason))
    for position, (upload, data) in enumerate(web_files, start=len(files) + 1):
        document = BufferedInputFile(data, filename=upload.file_name)
        try:
            if upload.kind == "photo":
                await bot.send_photo(chat_id, document)
            else:
                await bot.send_document(chat_id, document)
        except TelegramAPIError as error:
            reason = error.message[:200]
            undelivered.append(staff("opchat-evidence-undelivered", position=position, total=total, reason=reason))
    # The last message carries the buttons, and says which files are missing rather than leaving them out silently.
    closing = "\n".join([*undelivered, found.case.number])
    await bot.send_message(chat_id, closing[:4096], reply_markup=operator_views.case_buttons(staff, found.case))


async def _send_evidence(bot: Bot, chat_id: int, item: Evidence) -> None:
    assert item.file_id is not None
    caption = operator_views.citizen_line(item.text) or None  # confined and marked, as in the case view
    match item.kind:
        case "photo":
            await bot.send_photo(chat_id, item.file_id, caption=caption)
        case "video":
            await bot.send_video(chat_id, item.file_id, caption=caption)
        case "voice":
            await bot.send_voice(chat_id, item.file_id, caption=caption)
        case "audio":
            await bot.send_audio(chat_id, item.file_id, caption=caption)
        case "animation":
            await bot.send_animation(chat_id, item.file_id, caption=caption)
        case "video_note":  # round videos have no caption
            await bot.send_video_note(chat_id, item.file_id)
        case _:
            await bot.send_document(chat_id, item.file_id, caption=caption)


async def on_template_button(
    query: CallbackQuery,
    callback_data: OperatorTemplate,
    operator: Operator | None,
    staff: Texts,
    state: FSMContext,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    reply_templates: ReplyTemplates,
    outbox: Any,
) -> None:
    """A saved reply, sent in the reporter's language whatever the operators' language is."""
    number = case_number(callback_data.case)
    template = reply_templates.get(callback_data.template)
    language = await moderation.reporter_language(sessions, callback_data.case)
    if template is None or language is None:
        await query.answer(staff("op-not-found"), show_alert=True)
        return
    body = template.text[language].format_map(settings.placeholder_values())
    sent = await moderation.reply_to_citizen(sessions, operator, callback_data.case, body) is ActionResult.done
    if sent:
        outbox.wake()
        if (await state.get_data()).get("case") == callback_data.case:
            await state.clear()  # answered: the "write your reply" prompt no longer waits for text
    await query.answer(staff("op-reply-queued" if sent else "op-reply-refused", number=number), show_alert=not sent)
    if sent and isinstance(query.message, Message):
        with contextlib.suppress(TelegramAPIError):
            await query.message.edit_reply_markup(reply_markup=None)
        await query.message.answer(staff("citizen-op-template-sent", number=number, text=body))


async def on_status_button(
    query: CallbackQuery,
    callback_data: OperatorStatus,
    operator: Operator | None,
    staff: Texts,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    number = case_number(callback_data.case)
    outcome = callback_data.value.outcome
    status = Status.in_review if outcome is None else Status.closed
    changed = await moderation.set_status(sessions, operator, callback_data.case, status, outcome) is ActionResult.done
    label = staff(f"op-outcome-{outcome.value}") if outcome else staff("op-status-in_review")
    key = "op-status-set" if changed else "op-status-not-set"
    await query.answer(staff(key, number=number, status=label), show_alert=not changed)


async def answers_the_prompt(message: Message, state: FSMContext) -> bool:
    """Whether a message is the operator's answer to their "write your reply/note" prompt: not a command, not other
    chatter in the group (which the bot does see when it is a group admin or privacy mode is off)."""
    reply = message.reply_to_message
    if reply is None or (message.text or "").startswith("/"):
        return False
    return reply.message_id == (await state.get_data()).get("prompt")


async def on_written(
    message: Message,
    operator: Operator | None,
    staff: Texts,
    state: FSMContext,
    sessions: async_sessionmaker[AsyncSession],
    outbox: Any,
) -> None:
    """The operator's reply to a "write your reply/note" prompt."""
    flow, data = await state.get_state(), await state.get_data()
    await state.clear()
    case_id = data.get("case")
    if case_id is None or not (message.text or "").strip():
        return
    number = case_number(case_id)
    if flow == OperatorFlow.replying.state:
        sent = await moderation.reply_to_citizen(sessions, operator, case_id, message.text or "")
        outbox.wake()
        key = "op-reply-queued" if sent is ActionResult.done else "op-reply-refused"
        await message.reply(staff(key, number=number))
    else:
        saved = await moderation.add_note(sessions, operator, case_id, message.text or "")
        await message.reply(staff("op-note-saved" if saved is ActionResult.done else "op-not-found", number=number))


# --- commands ---


async def queue_command(
    message: Message,
    command: CommandObject,
    operator: Operator | None,
    staff: Texts,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> None:
    argument = (command.args or "open").strip().lower()
    if argument not in QueueFilter.__members__:
        await message.answer(staff("op-queue-usage"))
        return
    cases = await moderation.queue(sessions, operator, QueueFilter(argument))
    if not cases:
        await message.answer(staff("op-queue-empty"))
        return
    lines = [staff("op-queue-title", filter=staff(f"console-queue-filter-{argument}"))]
    for case in cases:
        lines.append(
            staff(
                "op-queue-line",
                urgent="yes" if case.urgent else "no",
                number=case.number,
                category=staff(f"category-{case.category}"),
                status=operator_views.status_label(staff, case),
                time=staff.when(case.created_at),
                now=case.happening_now_said or "",
            )
        )
    builder = InlineKeyboardBuilder()
    for case in cases[:10]:
        assert case.id is not None
        builder.button(
            text=f"{staff('op-button-open')} {case.number}",
            callback_data=OperatorAction(action=CaseButton.open, case=case.id),
        )
    await message.answer("\n".join(lines)[:4000], reply_markup=builder.adjust(1).as_markup())


async def case_command(
    message: Message,
    bot: Bot,
    command: CommandObject,
    operator: Operator | None,
    staff: Texts,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    secrets: SecretBox,
    questionnaires: Questionnaires,
) -> None:
    case_id = parse_case_number(command.args or "")
    if case_id is None:
        await message.answer(staff("op-case-usage"))
        return
    found = await moderation.open_case(sessions, operator, case_id)
    if found is None:
        await message.answer(staff("op-not-found"))
        return
    what = staff("security-what-case", number=found.case.number)
    send = case_sender(bot, staff, found, settings, sessions, secrets, questionnaires)
    await _content_on_request(message, bot, staff, send, what)


async def stats_command(
    message: Message,
    command: CommandObject,
    operator: Operator | None,
    staff: Texts,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """/stats [7|30|90]: the dashboard's figures for the period, and its chart as a picture."""
    argument = (command.args or "30").strip()
    # ASCII digits only: "²".isdigit() is true, and int() of it fails.
    if not re.fullmatch(r"[0-9]{1,4}", argument, re.ASCII) or int(argument) not in dashboard.PERIODS:
        await message.answer(staff("console-stats-usage"))
        return
    days = int(argument)
    figures = await dashboard.figures(sessions, operator, days=days, zone=staff.zone)
    none = staff("op-stats-none")

    def minutes(value: float | None) -> str:
        return f"{value:g}" if value is not None else none

    by_category = ", ".join(
        f"{staff(f'category-{category}')}: {sum(counts)}"
        for category, counts in figures.by_category.items()
        if sum(counts)
    )
    answers = ", ".join(f"{lang} {f.answered}/{f.asked}" for lang, f in figures.languages.items())
    thumbs = ", ".join(
        f"{lang} {f.thumbs_down_share:.0%}" if f.thumbs_down_share is not None else f"{lang} {none}"
        for lang, f in figures.languages.items()
    )
    await message.answer(
        staff(
            "console-stats",
            days=days,
            total=figures.total,
            urgent=sum(figures.urgent),
            by_category=by_category or none,
            reply_median=minutes(figures.first_response.median),
            reply_p90=minutes(figures.first_response.p90),
            close_median=minutes(figures.closing.median),
            close_p90=minutes(figures.closing.p90),
            backlog=", ".join(f"{staff(f'console-age-{label}')}: {count}" for label, count in figures.backlog),
            reminders=figures.reminders,
            answers=answers,
            thumbs=thumbs,
        )
    )
    picture = stats_chart.cases_per_day(
        day_labels=[day.strftime("%d.%m") for day in figures.days], urgent=figures.urgent, other=figures.normal
    )
    caption = (
        staff("console-stats-chart", days=days) + f"\n🟥 {staff('console-urgent')} · 🟦 {staff('console-not-urgent')}"
    )
    await message.answer_photo(BufferedInputFile(picture, filename=f"stats-{days}d.png"), caption=caption)


async def export_command(
    message: Message,
    bot: Bot,
    command: CommandObject,
    operator: Operator | None,
    staff: Texts,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    fmt = EXPORT_FORMATS.get((command.args or "csv").strip().lower())
    if fmt is None:
        await message.answer(staff("op-export-usage"))
        return
    content = io.StringIO(newline="")
    count = await write_export(sessions, operator, fmt, content)
    name = f"cases-{utcnow():%Y%m%d-%H%M}.{fmt}"

    async def send(chat: int) -> None:
        caption = staff("op-export-ready", count=count, format=fmt)
        await bot.send_document(chat, BufferedInputFile(content.getvalue().encode(), filename=name), caption=caption)

    await _content_on_request(message, bot, staff, send, staff("security-what-export"))


async def audit_command(
    message: Message, operator: Operator | None, staff: Texts, sessions: async_sessionmaker[AsyncSession]
) -> None:
    entries = await moderation.audit_trail(sessions, operator)
    lines = [staff("op-audit-title")]
    for entry in entries:
        who = staff("op-operator", id=entry.operator_id) if entry.operator_id else "?"
        case = case_number(entry.case_id) if entry.case_id else ""
        lines.append(
            staff(
                "op-audit-line",
                time=staff.when(entry.at),
                who=who,
                action=audit_label(staff, entry.action, entry.detail or ""),
                case=case,
                detail="",
            )
        )
    await message.answer("\n".join(lines)[:4000])


async def operator_admin_command(
    message: Message,
    command: CommandObject,
    operator: Operator | None,
    staff: Texts,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    parts = (command.args or "").split()
    adding = command.command == "op_add"
    # ASCII digits only ("²".isdigit() is true, and int() of it fails); Telegram ids fit in 52 bits.
    if (
        not parts
        or not re.fullmatch(r"[0-9]{1,15}", parts[0], re.ASCII)
        or (adding and len(parts) > 1 and parts[1] not in Role.__members__)
    ):
        await message.answer(staff("op-admin-usage"))
        return
    telegram_id = int(parts[0])
    role = Role(parts[1]) if adding and len(parts) > 1 else (Role.operator if adding else None)
    await moderation.set_operator(sessions, operator, telegram_id=telegram_id, role=role)
    if role is None:
        await message.answer(staff("op-operator-removed", id=telegram_id))
    else:
        await message.answer(staff("op-operator-set", id=telegram_id, role=staff(f"console-role-{role.value}")))


async def operators_help(message: Message, staff: Texts, settings: Settings) -> None:
    """/help in the operators' chat is for operators: their commands, not the citizens' menu."""
    console = staff("console-op-help-console", url=settings.console_url) if settings.console_url else ""
    await message.answer(staff("console-op-help", console=console))


async def console_command(
    message: Message,
    operator: Operator | None,
    staff: Texts,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    secrets: SecretBox,
) -> None:
    """/console: a one-time sign-in link, only in the staff member's private chat (a group would show it to all)."""
    if operator is None:
        raise Forbidden(None)
    if message.chat.type != "private":
        await message.answer(staff("console-link-private-only"))
        return
    if not settings.console_url:
        await message.answer(staff("console-link-not-configured"))
        return
    token = await console_links.issue_link(sessions, secrets, operator=operator, via="bot")
    await message.answer(
        staff("console-link-sent", link=console_links.sign_in_link(settings, token)),
        link_preview_options=LinkPreviewOptions(is_disabled=True),  # a preview would fetch the link from Telegram
    )


class InOperatorsChat(Filter):
    """The operators' chat where it is now (a group Telegram upgraded has a new id: bot.cases.operators_chat)."""

    async def __call__(self, message: Message, settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> bool:
        configured = settings.operator_chat_id
        if configured is None:
            return False
        return message.chat.id == await operators_chat.current_chat(sessions, configured_id=configured)


def create_router() -> Router:
    """Operator handlers: in the operators' chat, and operator commands/buttons from anywhere (role-checked)."""
    router = Router(name="operators")
    # Operators' messages are commands or answers to the bot's prompts: a citizen's question skips this router
    # after two quick checks instead of eight.
    router.message.filter(or_f(StateFilter(OperatorFlow), COMMAND))
    # Inner middlewares: the operator lookup runs only for updates these handlers take, not for every citizen.
    router.message.middleware(OperatorContext())
    router.callback_query.middleware(OperatorContext())
    router.callback_query.register(on_case_button, OperatorAction.filter())
    router.callback_query.register(on_status_button, OperatorStatus.filter())
    router.callback_query.register(on_template_button, OperatorTemplate.filter())
    router.message.register(on_written, StateFilter(OperatorFlow.replying), TEXT, answers_the_prompt)
    router.message.register(on_written, StateFilter(OperatorFlow.noting), TEXT, answers_the_prompt)
    router.message.register(queue_command, Command("queue"))
    router.message.register(case_command, Command("case"))
    router.message.register(stats_command, Command("stats"))
    router.message.register(export_command, Command("export"))
    router.message.register(audit_command, Command("audit"))
    router.message.register(operator_admin_command, Command("op_add", "op_remove"))
    router.message.register(console_command, Command("console"))
    router.message.register(operators_help, Command("help"), InOperatorsChat())
    # Before the dispatcher's last-word error router: a refusal is an answer, not a failure.
    router.errors.register(refuse, ExceptionTypeFilter(Forbidden))
    return router
