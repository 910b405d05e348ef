"""How cases look to operators: the card, the full case, the buttons. Never any identity of the reporter."""

from __future__ import annotations

import unicodedata

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.cases.forms import Questionnaires, ReplyTemplates
from bot.cases.moderation import CaseDetails
from bot.models import Case
from bot.models.case_numbers import case_number
from bot.models.cases import CaseKind, Channel
from bot.telegram.callbacks import CaseButton, NewStatus, OperatorAction, OperatorStatus, OperatorTemplate
from bot.telegram.keyboards import LANGUAGE_NAMES
from bot.telegram.texts import Texts

CARD_LAYOUT = (2, 2, 2)  # open claim / status reply / note release: every CaseButton, in order

# What a citizen wrote is confined and marked in operators' views, so it can never pass for the bot's own lines
# ("Claimed by: …", "Reporter reachable: no", a fake dialogue line): every line of a block starts with BLOCK_MARK,
# a line break inside a one-line field shows as LINE_BREAK, and invisible characters (bidirectional overrides and
# isolates, zero-width characters, other controls) are removed.
BLOCK_MARK = "│ "
LINE_BREAK = " ⏎ "


_INVISIBLE = ("Cc", "Cf", "Co", "Cs")  # controls, format characters (bidi, zero-width), private use, surrogates


def _visible(line: str) -> str:
    line = line.replace("\t", " ")
    return "".join(ch for ch in line if unicodedata.category(ch) not in _INVISIBLE).strip()


def citizen_line(text: str | None) -> str:
    """A citizen's field on one line: its line breaks shown as ⏎, nothing invisible left."""
    lines = [_visible(line) for line in (text or "").splitlines()]
    return LINE_BREAK.join(line for line in lines if line)


def citizen_block(text: str | None) -> str:
    """A citizen's text as a block whose every line is marked, nothing invisible left."""
    lines = [_visible(line) for line in (text or "").splitlines()] or [""]
    return "\n".join((BLOCK_MARK + line).rstrip() for line in lines)


def language(case: Case) -> str:
    """The reporter's language as operators should read it: its own name, so replies are written in it."""
    return f"{LANGUAGE_NAMES.get(case.language, case.language)} ({case.language})"


def with_happening_now(t: Texts, text: str, answer: str | None) -> str:
    """``text`` with "Happening now: yes / no / unknown" as its second line, right under the case number, where an
    operator looks first (unchanged for an ordinary case nobody asked about: ``answer`` None)."""
    if answer not in ("yes", "no", "unknown"):
        return text
    first, _, rest = text.partition("\n")
    return "\n".join(line for line in (first, t("op-card-happening-now", now=answer), rest) if line)


def card(t: Texts, case: Case, evidence_items: int, *, happening_now: str | None = None) -> str:
    if case.kind == CaseKind.question:
        return t(
            "citizen-op-question-card",
            urgent="yes" if case.urgent else "no",
            number=case.number,
            language=language(case),
            time=t.when(case.created_at),
        )
    similar = t("op-card-similar", number=case_number(case.similar_to)) if case.similar_to else ""
    text = t(
        "op-card",
        urgent="yes" if case.urgent else "no",
        number=case.number,
        category=t(f"category-{case.category}"),
        language=language(case),
        time=t.when(case.created_at),
        evidence=evidence_items,
        similar=similar,
    )
    text = with_happening_now(t, text, happening_now)
    # A web report has no chat behind it: replies wait for the reporter on the web status page.
    return f"{text}\n{t('op-web-case')}" if case.channel is Channel.web else text


def case_buttons(t: Texts, case: Case) -> InlineKeyboardMarkup:
    if case.id is None:
        raise ValueError("a case has buttons once it is saved")
    # Built directly, not with aiogram's InlineKeyboardBuilder, which deep-copies the markup on every export: under
    # every operators' card, it was ~5% of the event loop's CPU per report (cProfile, docs/benchmarks.md).
    buttons = [
        InlineKeyboardButton(
            text=t(f"op-button-{action.value}"), callback_data=OperatorAction(action=action, case=case.id).pack()
        )
        for action in CaseButton
    ]
    rows, start = [], 0
    for width in CARD_LAYOUT:
        rows.append(buttons[start : start + width])
        start += width
    return InlineKeyboardMarkup(inline_keyboard=rows)


def status_buttons(t: Texts, case_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for choice in NewStatus:
        label = t(f"op-outcome-{choice.value}") if choice.outcome else t("op-status-in_review")
        builder.button(text=label, callback_data=OperatorStatus(case=case_id, value=choice))
    builder.adjust(1)
    return builder.as_markup()


def status_label(t: Texts, case: Case) -> str:
    return t(f"status-{case.status.value}")


def summary(t: Texts, found: CaseDetails, *, with_description: bool) -> str:
    """A case without the reporter's place, dialogue, notes or files (TELEGRAM_CASE_CONTENT=summary), and without
    their description too (none)."""
    case = found.case
    text = t(
        "console-case-summary",
        number=case.number,
        status=status_label(t, case),
        category=t(f"category-{case.category}"),
        urgent="yes" if case.urgent else "no",
        time=t.when(case.created_at),
        evidence=len({item.item for item in found.evidence}),
    )
    text = with_happening_now(t, text, case.happening_now_said)
    if with_description and case.description:
        text += "\n\n" + case.description
    return text


def template_buttons(t: Texts, case_id: int, templates: ReplyTemplates) -> InlineKeyboardMarkup:
    """The saved replies, titled in the operators' language."""
    builder = InlineKeyboardBuilder()
    for template in templates.templates:
        builder.button(text=template.title[t.lang], callback_data=OperatorTemplate(case=case_id, template=template.id))
    builder.adjust(1)
    return builder.as_markup()


def details(t: Texts, found: CaseDetails, questionnaires: Questionnaires | None = None) -> str:
    case = found.case
    place = citizen_line(case.place)
    if case.latitude is not None:
        place = f"{place} ({case.latitude:.5f}, {case.longitude:.5f})".strip()
    lines = [
        t(
            "op-case-details",
            number=case.number,
            status=status_label(t, case),
            outcome=f" ({t(f'op-outcome-{case.outcome.value}')})" if case.outcome else "",
            category=t("citizen-op-kind-question")
            if case.kind == CaseKind.question
            else t(f"category-{case.category}"),
            language=language(case),
            urgent="yes" if case.urgent else "no",
            time=t.when(case.created_at),
            claimed=t("op-operator", id=case.claimed_by) if case.claimed_by else t("op-nobody"),
            place=place or "–",
            incident=citizen_line(case.incident_time) or "–",
            route=t("op-yes") if found.route_exists and not case.reporter_unreachable else t("op-no"),
            description=citizen_block(case.description) if case.description else "–",
        )
    ]
    lines[0] = with_happening_now(t, lines[0], case.happening_now_said)  # under the number, as on the card
    if questionnaires is not None and case.answers:
        lines.append(t("citizen-op-answers"))
        for label, answer in questionnaires.answered(case.category, case.answers, t.lang):
            lines.append(t("citizen-op-answer", label=label, answer=answer))
    for item in found.evidence:
        if item.kind == "link" and item.text:
            lines.append(t("op-evidence-link", text=citizen_line(item.text)))
    if found.messages:
        lines.append(t("op-case-messages"))
        for message in found.messages:
            key = "op-case-message-in" if message.operator_id is None else "op-case-message-out"
            text = citizen_line(message.body)
            lines.append(t(key, date=t.when(message.created_at), text=text, operator=message.operator_id or 0))
    if found.notes:
        lines.append(t("op-case-notes"))
        for note in found.notes:
            text = citizen_line(note.body)
            lines.append(t("op-case-note", date=t.when(note.created_at), text=text, operator=note.operator_id))
    if case.channel is Channel.web:
        lines.insert(1, t("op-web-case"))
    return "\n".join(lines)
