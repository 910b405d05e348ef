"""The citizen's report: category → description → evidence → place → time → review → submit.

The draft lives in the conversation state (database-backed, keyed by a keyed hash), so it survives a restart. The
receipt is shown only after submit_report has committed the case and its operator notification.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.danger import DangerRecogniser
from bot.cases import user_limits
from bot.cases.outbox import OutboxWorker
from bot.cases.reports import AlreadySubmitted, EvidenceItem, ReportDraft, submit_report
from bot.core import metrics
from bot.core.crypto import SecretBox
from bot.core.settings import Settings
from bot.models.cases import DESCRIPTION_LIMIT, Category
from bot.telegram.callbacks import MenuAction, MenuChoice, ReportCategory, ReportStep
from bot.telegram.callbacks import ReportStepChoice as Step
from bot.telegram.filters import NOT_COMMAND, NOT_TEXT, PRIVATE, TEXT
from bot.telegram.states import ReportFlow
from bot.telegram.texts import Texts

URL = re.compile(r"https?://\S+|www\.\S+|t\.me/\S+", re.IGNORECASE)
EVIDENCE_LIMIT = 30
DESCRIPTION_PREVIEW = 300


STEP_LABELS = {
    Step.done: "report-evidence-done-button",
    Step.skip: "report-evidence-skip-button",
    Step.submit: "report-submit-button",
    Step.more: "report-add-more-button",
    Step.cancel: "report-cancel-button",
    Step.now_yes: "danger-now-yes-button",
    Step.now_no: "danger-now-no-button",
}


def _add_steps(builder: InlineKeyboardBuilder, t: Texts, *actions: Step) -> InlineKeyboardBuilder:
    for action in actions:
        builder.button(text=t(STEP_LABELS[action]), callback_data=ReportStep(action=action))
    return builder.adjust(1)


def _step(t: Texts, *actions: Step) -> InlineKeyboardMarkup:
    return _add_steps(InlineKeyboardBuilder(), t, *actions).as_markup()


# --- starting --------------------------------------------------------------------------------------------------------


async def start_report(
    message: Message,
    t: Texts,
    state: FSMContext,
    user_key: str,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    allowed = await user_limits.take(
        sessions, user_key=user_key, kind=user_limits.REPORTS, limit=settings.report_daily_limit
    )
    if not allowed:
        await message.answer(t("report-limit"))
        return
    await state.set_state(ReportFlow.category)
    await state.set_data({"evidence": []})
    await message.answer(t("report-intro"))
    await message.answer(t("emergency-notice"))
    await category_needs_buttons(message, t)


async def report_from_menu(
    query: CallbackQuery,
    t: Texts,
    state: FSMContext,
    user_key: str,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await start_report(query.message, t, state, user_key, settings, sessions)


# --- steps -----------------------------------------------------------------------------------------------------------


async def choose_category(
    query: CallbackQuery, callback_data: ReportCategory, t: Texts, state: FSMContext, settings: Settings
) -> None:
    await query.answer()
    await state.update_data(category=callback_data.category.value)
    await state.set_state(ReportFlow.description)
    if isinstance(query.message, Message):
        await query.message.answer(
            t("report-describe", min=settings.description_min_chars), reply_markup=_step(t, Step.cancel)
        )


async def describe(message: Message, t: Texts, state: FSMContext, settings: Settings, danger: DangerRecogniser) -> None:
    text = (message.text or "").strip()
    urgent = danger.urgent(text)
    if len(text) < settings.description_min_chars and not urgent:  # "стреляют на рынке" is short and enough
        await message.answer(t("report-description-too-short", min=settings.description_min_chars))
        return
    if len(text) > DESCRIPTION_LIMIT:
        if urgent:
            await message.answer(t("danger-notice"))
        await message.answer(t("report-description-too-long", max=DESCRIPTION_LIMIT))
        return
    await state.update_data(description=text)
    if urgent:
        # Before any further step: whether it is happening now decides whether the citizen must call first.
        metrics.DANGER_NOTICES.inc()
        await state.set_state(ReportFlow.happening_now)
        await message.answer(t("danger-happening-now"), reply_markup=_step(t, Step.now_yes, Step.now_no))
        return
    await ask_for_evidence(message, t, state)


async def happening_now(query: CallbackQuery, callback_data: ReportStep, t: Texts, state: FSMContext) -> None:
    await query.answer()
    if not isinstance(query.message, Message):
        return
    with contextlib.suppress(TelegramAPIError):
        await query.message.edit_reply_markup(reply_markup=None)  # answered once; a second tap finds no buttons
    if callback_data.action == Step.now_yes:
        await state.update_data(happening_now=True)
        await query.message.answer(t("danger-call-now"))
    await ask_for_evidence(query.message, t, state)


async def happening_now_needs_buttons(message: Message, t: Texts) -> None:
    await message.answer(t("danger-happening-now"), reply_markup=_step(t, Step.now_yes, Step.now_no))


async def ask_for_evidence(message: Message, t: Texts, state: FSMContext) -> None:
    await state.set_state(ReportFlow.evidence)
    await message.answer(t("report-evidence"), reply_markup=_step(t, Step.done, Step.cancel))


def _evidence_of(message: Message) -> tuple[EvidenceItem | None, bool]:
    """The evidence in a message, and whether it is an image sent as a file (metadata kept)."""
    caption = message.caption
    group = message.media_group_id
    if message.photo:
        return EvidenceItem("photo", message.photo[-1].file_id, caption, group), False
    if message.document:
        as_file = (message.document.mime_type or "").startswith("image/")
        return EvidenceItem("document", message.document.file_id, caption, group), as_file
    for kind in ("video", "voice", "audio", "animation", "video_note"):
        media = getattr(message, kind)
        if media is not None:
            return EvidenceItem(kind, media.file_id, caption, group), False
    links = URL.findall(message.text or "")
    if links:
        return EvidenceItem("link", None, " ".join(links)[:2000], None), False
    return None, False


async def add_evidence(message: Message, t: Texts, state: FSMContext) -> None:
    item, image_as_file = _evidence_of(message)
    if item is None:
        await message.answer(t("report-evidence-unsupported"), reply_markup=_step(t, Step.done, Step.cancel))
        return
    data = await state.get_data()
    evidence: list[dict[str, Any]] = data.get("evidence", [])
    if len(evidence) >= EVIDENCE_LIMIT:
        await message.answer(
            t("report-evidence-limit", limit=EVIDENCE_LIMIT), reply_markup=_step(t, Step.done, Step.cancel)
        )
        return
    first_of_album = item.group is None or all(e.get("group") != item.group for e in evidence)
    evidence.append(item.__dict__)
    await state.update_data(evidence=evidence)
    if image_as_file:
        await message.answer(t("report-evidence-file-warning"))
    if first_of_album:  # one acknowledgement per album, not one per photo
        await message.answer(
            t("report-evidence-added", count=_items(evidence)), reply_markup=_step(t, Step.done, Step.cancel)
        )


def _items(evidence: list[dict[str, Any]]) -> int:
    """Evidence items as the operators will see them: an album counts once."""
    return len({e.get("group") or f"single-{n}" for n, e in enumerate(evidence)})


async def evidence_done(query: CallbackQuery, t: Texts, state: FSMContext) -> None:
    await query.answer()
    data = await state.get_data()
    if not isinstance(query.message, Message):
        return
    if data.get("returning"):
        await show_review(query.message, t, state)
        return
    await state.set_state(ReportFlow.place)
    await query.message.answer(t("report-place"), reply_markup=_step(t, Step.skip, Step.cancel))


async def give_place(message: Message, t: Texts, state: FSMContext) -> None:
    if message.location is not None:
        await state.update_data(latitude=message.location.latitude, longitude=message.location.longitude)
    elif message.venue is not None:
        await state.update_data(
            latitude=message.venue.location.latitude,
            longitude=message.venue.location.longitude,
            place=f"{message.venue.title}, {message.venue.address}"[:500],
        )
    elif message.text and message.text.strip():
        await state.update_data(place=message.text.strip()[:500])
    else:
        await message.answer(t("report-place"), reply_markup=_step(t, Step.skip, Step.cancel))
        return
    await ask_for_time(message, t, state)


async def ask_for_time(message: Message, t: Texts, state: FSMContext) -> None:
    await state.set_state(ReportFlow.time)
    await message.answer(t("report-time"), reply_markup=_step(t, Step.skip, Step.cancel))


async def give_time(message: Message, t: Texts, state: FSMContext) -> None:
    if not (message.text and message.text.strip()):
        await message.answer(t("report-time"), reply_markup=_step(t, Step.skip, Step.cancel))
        return
    await state.update_data(incident_time=message.text.strip()[:200])
    await show_review(message, t, state)


async def skip_step(query: CallbackQuery, t: Texts, state: FSMContext) -> None:
    await query.answer()
    if not isinstance(query.message, Message):
        return
    if await state.get_state() == ReportFlow.place.state:
        await ask_for_time(query.message, t, state)
    else:
        await show_review(query.message, t, state)


async def show_review(message: Message, t: Texts, state: FSMContext) -> None:
    await state.set_state(ReportFlow.review)
    data = await state.get_data()
    description = data.get("description", "")
    if len(description) > DESCRIPTION_PREVIEW:
        description = description[:DESCRIPTION_PREVIEW] + "…"
    place = data.get("place") or (t("report-location-given") if data.get("latitude") is not None else None)
    await message.answer(
        t(
            "report-review",
            category=t(f"category-{data.get('category', 'other')}"),
            description=description,
            evidence=_items(data.get("evidence", [])),
            place=place or t("report-not-given"),
            time=data.get("incident_time") or t("report-not-given"),
        )
    )
    await message.answer(t("report-review-privacy"))
    await message.answer(t("emergency-notice"), reply_markup=_step(t, Step.submit, Step.more, Step.cancel))


async def add_more(query: CallbackQuery, t: Texts, state: FSMContext) -> None:
    await query.answer()
    await state.update_data(returning=True)
    if isinstance(query.message, Message):
        await ask_for_evidence(query.message, t, state)


async def review_needs_buttons(message: Message, t: Texts) -> None:
    await message.answer(t("report-use-buttons"), reply_markup=_step(t, Step.submit, Step.more, Step.cancel))


async def submit(
    query: CallbackQuery,
    t: Texts,
    state: FSMContext,
    settings: Settings,
    secrets: SecretBox,
    danger: DangerRecogniser,
    sessions: async_sessionmaker[AsyncSession],
    outbox: OutboxWorker,
) -> None:
    data = await state.get_data()
    if await state.get_state() != ReportFlow.review.state or not data.get("description"):
        await query.answer(t("stale-button"), show_alert=True)
        return
    draft = ReportDraft(
        category=Category(data.get("category", Category.other)),
        description=data["description"],
        language=t.lang,
        evidence=[EvidenceItem(**item) for item in data.get("evidence", [])],
        place=data.get("place"),
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        incident_time=data.get("incident_time"),
        happening_now=bool(data.get("happening_now")),
    )
    chat_id = query.message.chat.id if query.message is not None else None
    try:
        receipt = await submit_report(
            sessions,
            secrets,
            danger,
            draft=draft,
            submission_key=secrets.submission_key(f"submit:{query.id}"),
            reply_chat_id=chat_id,
        )
    except AlreadySubmitted:
        await query.answer(t("report-already-received"))
        return
    # Only now, with the case committed, may the citizen be told it was received. The receipt goes first: the code
    # exists nowhere else, so nothing that can fail (clearing the draft, editing buttons) may come before it.
    metrics.REPORTS.inc()
    outbox.wake()
    if isinstance(query.message, Message):
        await query.message.answer(t("report-received", code=receipt.code))
    await state.clear()
    with contextlib.suppress(TelegramAPIError):
        await query.answer()
    if isinstance(query.message, Message):
        if receipt.urgent:
            await query.message.answer(t("emergency-notice"))
        with contextlib.suppress(TelegramAPIError):
            await query.message.edit_reply_markup(reply_markup=None)


async def cancel(query: CallbackQuery, t: Texts, state: FSMContext) -> None:
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(t("cancelled"))


async def not_text_for_description(message: Message, t: Texts) -> None:
    await message.answer(t("report-need-text"), reply_markup=_step(t, Step.cancel))


async def category_needs_buttons(message: Message, t: Texts) -> None:
    builder = InlineKeyboardBuilder()
    for category in Category:
        builder.button(text=t(f"category-{category.value}"), callback_data=ReportCategory(category=category))
    markup = _add_steps(builder, t, Step.cancel).as_markup()
    await message.answer(t("report-choose-category"), reply_markup=markup)


def create_router() -> Router:
    router = Router(name="report")
    router.message.filter(PRIVATE)
    router.message.register(start_report, Command("report"))
    router.callback_query.register(report_from_menu, MenuAction.filter(F.action == MenuChoice.report))
    router.callback_query.register(cancel, ReportStep.filter(F.action == Step.cancel), StateFilter(ReportFlow))
    router.callback_query.register(
        choose_category,
        ReportCategory.filter(),
        StateFilter(ReportFlow.category),
    )
    router.message.register(category_needs_buttons, StateFilter(ReportFlow.category), NOT_COMMAND)
    router.message.register(describe, StateFilter(ReportFlow.description), TEXT, NOT_COMMAND)
    router.message.register(not_text_for_description, StateFilter(ReportFlow.description), NOT_TEXT)
    router.callback_query.register(
        happening_now,
        ReportStep.filter(F.action.in_([Step.now_yes, Step.now_no])),
        StateFilter(ReportFlow.happening_now),
    )
    router.message.register(happening_now_needs_buttons, StateFilter(ReportFlow.happening_now), NOT_COMMAND)
    router.message.register(add_evidence, StateFilter(ReportFlow.evidence), NOT_COMMAND)
    router.callback_query.register(
        evidence_done, ReportStep.filter(F.action == Step.done), StateFilter(ReportFlow.evidence)
    )
    router.message.register(give_place, StateFilter(ReportFlow.place), NOT_COMMAND)
    router.message.register(give_time, StateFilter(ReportFlow.time), NOT_COMMAND)
    router.callback_query.register(
        skip_step, ReportStep.filter(F.action == Step.skip), StateFilter(ReportFlow.place, ReportFlow.time)
    )
    router.callback_query.register(add_more, ReportStep.filter(F.action == Step.more), StateFilter(ReportFlow.review))
    router.callback_query.register(submit, ReportStep.filter(F.action == Step.submit))
    router.message.register(review_needs_buttons, StateFilter(ReportFlow.review), NOT_COMMAND)
    return router
