"""The citizen's report: category → description → evidence → the category's questions → review → submit.

The draft lives in the conversation state (database-backed, keyed by a keyed hash), so it survives a restart; which
step comes next is bot.cases.drafts.next_step's decision (see go_on). The receipt is shown only after submit_report
has committed the case and its operator notification.
"""

from __future__ import annotations

import contextlib
import functools
import re
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.danger import DangerRecogniser
from bot.cases import drafts, user_limits
from bot.cases.forms import QuestionKind, Questionnaires
from bot.cases.outbox import OutboxWorker
from bot.cases.reports import AlreadySubmitted, EvidenceItem, submit_report
from bot.core import metrics
from bot.core.crypto import SecretBox
from bot.core.settings import Settings
from bot.models.cases import DESCRIPTION_LIMIT, Category
from bot.telegram import keyboards
from bot.telegram.callbacks import MenuAction, ReportCategory, ReportChoice, ReportStep, ReportStepChoice
from bot.telegram.filters import NOT_COMMAND, NOT_TEXT, PRIVATE, TEXT
from bot.telegram.states import ReportFlow
from bot.telegram.texts import Texts

URL = re.compile(r"https?://\S+|www\.\S+|t\.me/\S+", re.IGNORECASE)
EVIDENCE_LIMIT = 30
DESCRIPTION_PREVIEW = 300


def _keyboard(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    """Buttons (text, callback data) laid out in the rows given."""
    return _markup(tuple(tuple(row) for row in rows))


# A step's buttons are the same for every citizen writing in a language: built once. aiogram's InlineKeyboardBuilder
# deep-copies its markup on every export, several times per keyboard: 14% of the event loop's CPU per report
# (cProfile of bench/report_submissions.py, docs/benchmarks.md). aiogram only reads a markup when it sends it, so one
# instance can be shared (as keyboards.feedback does).
@functools.lru_cache(maxsize=1024)
def _markup(rows: tuple[tuple[tuple[str, str], ...], ...]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=text, callback_data=data) for text, data in row] for row in rows]
    )


def _step(t: Texts, *actions: str) -> InlineKeyboardMarkup:
    labels = {
        "done": "report-evidence-done-button",
        "skip": "report-evidence-skip-button",
        "cancel": "report-cancel-button",
    }
    return _keyboard(*([(t(labels[a]), ReportStep(action=a).pack())] for a in actions))


# --- the steps, decided by drafts.next_step --------------------------------------------------------------------


async def go_on(
    message: Message,
    t: Texts,
    state: FSMContext,
    questionnaires: Questionnaires,
    settings: Settings,
    *,
    starting: bool = False,
) -> None:
    """Show the step the draft needs next (and enter its state): the one place where the flow moves forward.
    ``starting``: the first step of a new report, asked under the introduction, in the same message."""
    draft = await state.get_data()
    step = drafts.next_step(draft, questionnaires)
    await state.set_state(STATES[step])
    match step:
        case drafts.Step.category:
            await ask_category(message, t, "report-start" if starting else "report-choose-category")
        case drafts.Step.happening_now:
            await message.answer(t("danger-happening-now"), reply_markup=_happening_now_buttons(t))
        case drafts.Step.description:
            minimum = settings.description_min_chars
            await message.answer(t("report-describe", min=minimum), reply_markup=_step(t, "cancel"))
        case drafts.Step.evidence:
            await message.answer(t("report-evidence"), reply_markup=_step(t, "done", "cancel"))
        case drafts.Step.question:
            await ask_question(message, t, draft, questionnaires, settings)
        case drafts.Step.review:
            await show_review(message, t, draft, questionnaires)


STATES = {
    drafts.Step.category: ReportFlow.category,
    drafts.Step.description: ReportFlow.description,
    drafts.Step.happening_now: ReportFlow.happening_now,
    drafts.Step.evidence: ReportFlow.evidence,
    drafts.Step.question: ReportFlow.question,
    drafts.Step.review: ReportFlow.review,
}


# --- starting --------------------------------------------------------------------------------------------------------


async def start_report(
    message: Message,
    t: Texts,
    state: FSMContext,
    user_key: str,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    questionnaires: Questionnaires,
) -> None:
    # Only a check here: the allowance is spent when a report is sent, so an abandoned draft costs nothing.
    if not await user_limits.available(sessions, user_key=user_key, **_allowance(settings)):
        await message.answer(t("report-limit"))
        return
    await state.set_data(drafts.new_draft())
    # The introduction and the emergency notice above the first question, in one message: two Bot API calls fewer
    # per report than three messages (each call is most of a step's event-loop time: docs/benchmarks.md).
    await go_on(message, t, state, questionnaires, settings, starting=True)


def _allowance(settings: Settings) -> dict[str, Any]:
    return {"kind": user_limits.REPORTS, "limit": settings.report_daily_limit}


async def report_from_menu(
    query: CallbackQuery,
    t: Texts,
    state: FSMContext,
    user_key: str,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    questionnaires: Questionnaires,
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await start_report(query.message, t, state, user_key, settings, sessions, questionnaires)


async def choose_category(
    query: CallbackQuery,
    callback_data: ReportCategory,
    t: Texts,
    state: FSMContext,
    questionnaires: Questionnaires,
    settings: Settings,
) -> None:
    await query.answer()
    draft = await state.get_data()
    drafts.choose_category(draft, callback_data.category.value)
    await state.set_data(draft)
    if isinstance(query.message, Message):
        await go_on(query.message, t, state, questionnaires, settings)


async def describe(
    message: Message,
    t: Texts,
    state: FSMContext,
    settings: Settings,
    questionnaires: Questionnaires,
    danger: DangerRecogniser,
) -> None:
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
    if urgent and "happening_now" not in await state.get_data():
        metrics.DANGER_NOTICES.inc()  # the next step (drafts.next_step) asks whether it is happening now
    await state.update_data(description=text, danger=urgent or (await state.get_data()).get("danger", False))
    await go_on(message, t, state, questionnaires, settings)


def _happening_now_buttons(t: Texts) -> InlineKeyboardMarkup:
    return _keyboard(
        [(t("danger-now-yes-button"), ReportStep(action=ReportStepChoice.now_yes).pack())],
        [(t("danger-now-no-button"), ReportStep(action=ReportStepChoice.now_no).pack())],
    )


async def happening_now(
    query: CallbackQuery,
    callback_data: ReportStep,
    t: Texts,
    state: FSMContext,
    questionnaires: Questionnaires,
    settings: Settings,
) -> None:
    await query.answer()
    if not isinstance(query.message, Message):
        return
    with contextlib.suppress(TelegramAPIError):
        await query.message.edit_reply_markup(reply_markup=None)  # answered once; a second tap finds no buttons
    now = callback_data.action == ReportStepChoice.now_yes
    await state.update_data(happening_now=now)
    if now:
        await query.message.answer(t("danger-call-now"))
    await go_on(query.message, t, state, questionnaires, settings)


async def happening_now_needs_buttons(message: Message, t: Texts) -> None:
    await message.answer(t("danger-happening-now"), reply_markup=_happening_now_buttons(t))


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
    draft = await state.get_data()
    if item is None and message.text and message.text.strip():
        # Words at this step add to the description: a citizen remembers details after the first message.
        if not drafts.add_text(draft, message.text.strip()):
            await message.answer(t("report-description-too-long", max=DESCRIPTION_LIMIT))
            return
        await state.set_data(draft)
        await message.answer(t("citizen-report-text-added"), reply_markup=_step(t, "done", "cancel"))
        return
    if item is None:
        await message.answer(t("report-evidence-unsupported"), reply_markup=_step(t, "done", "cancel"))
        return
    evidence: list[dict[str, Any]] = draft.get("evidence", [])
    if len(evidence) >= EVIDENCE_LIMIT:
        await message.answer(t("report-evidence-limit", limit=EVIDENCE_LIMIT), reply_markup=_step(t, "done", "cancel"))
        return
    first_of_album = item.group is None or all(e.get("group") != item.group for e in evidence)
    evidence.append(item.__dict__)
    await state.update_data(evidence=evidence)
    if image_as_file:
        await message.answer(t("report-evidence-file-warning"))
    if first_of_album:  # one acknowledgement per album, not one per photo
        await message.answer(
            t("report-evidence-added", count=_items(evidence)), reply_markup=_step(t, "done", "cancel")
        )


def _items(evidence: list[dict[str, Any]]) -> int:
    """Evidence items as the operators will see them: an album counts once."""
    return len({e.get("group") or f"single-{n}" for n, e in enumerate(evidence)})


async def evidence_done(
    query: CallbackQuery, t: Texts, state: FSMContext, questionnaires: Questionnaires, settings: Settings
) -> None:
    await query.answer()
    await state.update_data(evidence_done=True)
    if isinstance(query.message, Message):
        await go_on(query.message, t, state, questionnaires, settings)


# --- the category's questions --------------------------------------------------------------------------------------


async def ask_question(
    message: Message, t: Texts, draft: dict[str, Any], questionnaires: Questionnaires, settings: Settings
) -> None:
    question = drafts.current_question(draft, questionnaires)
    assert question is not None
    rows = [
        [(choice.text[t.lang], ReportChoice(asked=draft.get("asked", 0), choice=choice.id).pack())]
        for choice in question.choices
    ]
    rows.append([(t("report-evidence-skip-button"), ReportStep(action="skip").pack())])
    rows.append([(t("report-cancel-button"), ReportStep(action="cancel").pack())])
    await message.answer(question.ask[t.lang].format_map(settings.placeholder_values()), reply_markup=_keyboard(*rows))


async def answer_question(
    message: Message, t: Texts, state: FSMContext, questionnaires: Questionnaires, settings: Settings
) -> None:
    draft = await state.get_data()
    question = drafts.current_question(draft, questionnaires)
    if question is None:
        await go_on(message, t, state, questionnaires, settings)
        return
    answer: drafts.Answer | None = None
    text = (message.text or "").strip()
    if question.kind == QuestionKind.place and message.venue is not None:
        venue = message.venue
        answer = drafts.Answer(
            text=f"{venue.title}, {venue.address}",
            latitude=venue.location.latitude,
            longitude=venue.location.longitude,
        )
    elif question.kind == QuestionKind.place and message.location is not None:
        answer = drafts.Answer(latitude=message.location.latitude, longitude=message.location.longitude)
    elif text:
        answer = drafts.Answer(text=text)
    if answer is None:
        key = "citizen-report-answer-place" if question.kind == QuestionKind.place else "citizen-report-answer-words"
        await message.answer(t(key))
        await ask_question(message, t, draft, questionnaires, settings)
        return
    drafts.answer_question(draft, question, answer)
    await state.set_data(draft)
    await go_on(message, t, state, questionnaires, settings)


async def choose_answer(
    query: CallbackQuery,
    callback_data: ReportChoice,
    t: Texts,
    state: FSMContext,
    questionnaires: Questionnaires,
    settings: Settings,
) -> None:
    draft = await state.get_data()
    question = drafts.current_question(draft, questionnaires)
    # The button must be the current question's: an old question's button (pressed late) changes nothing.
    if (
        question is None
        or callback_data.asked != draft.get("asked", 0)
        or question.choice(callback_data.choice) is None
    ):
        await query.answer(t("stale-button"), show_alert=True)
        return
    await query.answer()
    drafts.answer_question(draft, question, drafts.Answer(choice=callback_data.choice))
    await state.set_data(draft)
    if isinstance(query.message, Message):
        await go_on(query.message, t, state, questionnaires, settings)


async def skip_question(
    query: CallbackQuery, t: Texts, state: FSMContext, questionnaires: Questionnaires, settings: Settings
) -> None:
    await query.answer()
    draft = await state.get_data()
    drafts.skip_question(draft)
    await state.set_data(draft)
    if isinstance(query.message, Message):
        await go_on(query.message, t, state, questionnaires, settings)


# --- review and edits ------------------------------------------------------------------------------------------------


async def show_review(message: Message, t: Texts, draft: dict[str, Any], questionnaires: Questionnaires) -> None:
    description = draft.get("description", "")
    if len(description) > DESCRIPTION_PREVIEW:
        description = description[:DESCRIPTION_PREVIEW] + "…"
    answers = "\n".join(
        t("citizen-report-review-answer", label=label, answer=value or t("report-not-given"))
        for label, value in drafts.review_lines(
            draft, questionnaires, t.lang, location_given=t("report-location-given")
        )
    )
    # The review, the privacy note and the emergency notice in one message with the buttons under it (three messages
    # before: two Bot API calls fewer per report).
    await message.answer(
        t(
            "citizen-report-review-to-submit",
            category=t(f"category-{draft.get('category', 'other')}"),
            description=description,
            evidence=_items(draft.get("evidence", [])),
            answers=answers or "–",
        ),
        reply_markup=_review_buttons(t),
    )


def _review_buttons(t: Texts) -> InlineKeyboardMarkup:
    return _keyboard(
        [(t("report-submit-button"), ReportStep(action="submit").pack())],
        [(t("citizen-report-add-more-button"), ReportStep(action="more").pack())],
        [
            (t("citizen-report-edit-description-button"), ReportStep(action="describe").pack()),
            (t("citizen-report-edit-category-button"), ReportStep(action="recategorize").pack()),
        ],
        [(t("report-cancel-button"), ReportStep(action="cancel").pack())],
    )


async def edit_draft(
    query: CallbackQuery,
    callback_data: ReportStep,
    t: Texts,
    state: FSMContext,
    questionnaires: Questionnaires,
    settings: Settings,
) -> None:
    """From the review: add more (words or files), write the description again, or choose another category."""
    await query.answer()
    draft = await state.get_data()
    match callback_data.action:
        case "more":
            draft["evidence_done"] = False
        case "describe":
            draft.pop("description", None)
        case _:
            draft.pop("category", None)
    await state.set_data(draft)
    if isinstance(query.message, Message):
        await go_on(query.message, t, state, questionnaires, settings)


async def review_needs_buttons(message: Message, t: Texts) -> None:
    await message.answer(t("citizen-report-use-buttons"), reply_markup=_review_buttons(t))


async def submit(
    query: CallbackQuery,
    t: Texts,
    state: FSMContext,
    user_key: str,
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
    chat_id = query.message.chat.id if query.message is not None else None
    try:
        receipt = await submit_report(
            sessions,
            secrets,
            danger,
            draft=drafts.to_report(data, language=t.lang),
            submission_key=secrets.submission_key(f"submit:{query.id}"),
            reply_chat_id=chat_id,
            # The allowance is spent by the commit that makes the case (one transaction: one commit and two
            # statements fewer per report than counting first, and a re-delivered Submit, which makes no case,
            # spends nothing); kept if the draft stays unsent (the citizen may try later).
            before_commit=lambda session, _case_id: user_limits.take_in(
                session, user_key=user_key, **_allowance(settings)
            ),
        )
    except AlreadySubmitted:
        await query.answer(t("report-already-received"))
        return
    except user_limits.LimitReached:
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.answer(t("citizen-report-limit-at-submit"))
        return
    # Only now, with the case committed, may the citizen be told it was received. The receipt goes first: the code
    # exists nowhere else, so nothing that can fail (clearing the draft, editing buttons) may come before it.
    metrics.REPORTS.inc()
    outbox.wake()
    if isinstance(query.message, Message):
        await query.message.answer(t("report-received", code=receipt.code), reply_markup=keyboards.check_report(t))
    await state.clear()
    with contextlib.suppress(TelegramAPIError):
        await query.answer()
    if isinstance(query.message, Message):
        if receipt.urgent:
            await query.message.answer(t("emergency-notice"))
        with contextlib.suppress(TelegramAPIError):
            await query.message.edit_reply_markup(reply_markup=None)


async def not_text_for_description(message: Message, t: Texts) -> None:
    await message.answer(t("report-need-text"), reply_markup=_step(t, "cancel"))


async def category_needs_buttons(message: Message, t: Texts) -> None:
    await ask_category(message, t, "report-choose-category")


async def ask_category(message: Message, t: Texts, key: str) -> None:
    categories = [[(t(f"category-{c.value}"), ReportCategory(category=c.value).pack())] for c in Category]
    cancel_row = [(t("report-cancel-button"), ReportStep(action="cancel").pack())]
    await message.answer(t(key), reply_markup=_keyboard(*categories, cancel_row))


def create_router() -> Router:
    router = Router(name="report")
    router.message.filter(PRIVATE)
    router.message.register(start_report, Command("report"))
    router.callback_query.register(report_from_menu, MenuAction.filter(F.action == "report"))
    router.callback_query.register(
        choose_category,
        ReportCategory.filter(F.category.in_([c.value for c in Category])),
        StateFilter(ReportFlow.category),
    )
    router.message.register(category_needs_buttons, StateFilter(ReportFlow.category), NOT_COMMAND)
    router.message.register(describe, StateFilter(ReportFlow.description), TEXT, NOT_COMMAND)
    router.message.register(not_text_for_description, StateFilter(ReportFlow.description), NOT_TEXT)
    router.callback_query.register(
        happening_now,
        ReportStep.filter(F.action.in_([ReportStepChoice.now_yes, ReportStepChoice.now_no])),
        StateFilter(ReportFlow.happening_now),
    )
    router.message.register(happening_now_needs_buttons, StateFilter(ReportFlow.happening_now), NOT_COMMAND)
    router.message.register(add_evidence, StateFilter(ReportFlow.evidence), NOT_COMMAND)
    router.callback_query.register(
        evidence_done, ReportStep.filter(F.action == "done"), StateFilter(ReportFlow.evidence)
    )
    router.message.register(answer_question, StateFilter(ReportFlow.question), NOT_COMMAND)
    router.callback_query.register(choose_answer, ReportChoice.filter(), StateFilter(ReportFlow.question))
    router.callback_query.register(
        skip_question, ReportStep.filter(F.action == "skip"), StateFilter(ReportFlow.question)
    )
    router.callback_query.register(
        edit_draft,
        ReportStep.filter(F.action.in_(["more", "describe", "recategorize"])),
        StateFilter(ReportFlow.review),
    )
    router.callback_query.register(submit, ReportStep.filter(F.action == "submit"))
    router.message.register(review_needs_buttons, StateFilter(ReportFlow.review), NOT_COMMAND)
    return router
