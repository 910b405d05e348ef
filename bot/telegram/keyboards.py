"""Inline keyboards, built from the catalogs."""

from __future__ import annotations

import functools

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.answers.knowledge_base import KnowledgeBase
from bot.core.i18n import Translator
from bot.telegram.callbacks import Feedback, HumanAction, HumanChoice, MenuAction, MenuChoice, SetLanguage, ShowAnswer
from bot.telegram.texts import Texts

LANGUAGE_NAMES = {"kk": "🇰🇿 Қазақша", "ru": "🇷🇺 Русский", "en": "🇬🇧 English"}  # each in its own language
BUTTON_TEXT_LIMIT = 60


def main_menu(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for choice in MenuChoice:
        builder.button(text=t(f"menu-{choice.value}"), callback_data=MenuAction(action=choice))
    builder.adjust(1)
    return builder.as_markup()


def languages() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for lang, name in LANGUAGE_NAMES.items():
        builder.button(text=name, callback_data=SetLanguage(lang=lang))
    builder.adjust(1)
    return builder.as_markup()


def feedback(t: Texts, entry_id: str) -> InlineKeyboardMarkup:
    return _feedback(t.translator, t.lang, entry_id)


# Every answer carries these two buttons, the same for an entry and a language: built once (it was ~8% of the CPU
# time of answering a question). aiogram only reads the markup when sending, so one instance can be shared.
@functools.lru_cache(maxsize=4096)
def _feedback(translator: Translator, lang: str, entry_id: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for key, helpful in (("feedback-yes", True), ("feedback-no", False)):
        data = Feedback(entry=entry_id, lang=lang, helpful=helpful)
        builder.button(text=translator.text(lang, key), callback_data=data)
    return builder.as_markup()


def suggestions(kb: KnowledgeBase, lang: str, entry_ids: tuple[str, ...]) -> InlineKeyboardMarkup:
    """One button per suggested entry, labelled with the entry's first phrasing in ``lang``."""
    builder = InlineKeyboardBuilder()
    for entry_id in entry_ids:
        text = kb.by_id[entry_id].questions[lang][0]
        label = text if len(text) <= BUTTON_TEXT_LIMIT else text[: BUTTON_TEXT_LIMIT - 1] + "…"
        builder.button(text=label, callback_data=ShowAnswer(entry=entry_id, lang=lang))
    builder.adjust(1)
    return builder.as_markup()


def offer_report(t: Texts) -> InlineKeyboardMarkup:
    """Under an answer the bot could not give (or a 👎): a person, or a report."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t("citizen-ask-person-button"), callback_data=HumanAction(action=HumanChoice.ask))
    builder.button(text=t("unknown-report-button"), callback_data=MenuAction(action=MenuChoice.report))
    builder.adjust(1)
    return builder.as_markup()


def check_report(t: Texts) -> InlineKeyboardMarkup:
    """Under a receipt: the one way to follow a case (the bot asks for the code, then deletes that message)."""
    return _check_report(t.translator, t.lang)


@functools.lru_cache(maxsize=16)  # under every receipt: built once per language, as _feedback
def _check_report(translator: Translator, lang: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=translator.text(lang, "menu-status"), callback_data=MenuAction(action=MenuChoice.status))
    return builder.as_markup()


# Entries about reaching a person (added by editors) carry the button that does it.
PERSON_ENTRIES = frozenset({"hotline-human"})


def answer_buttons(t: Texts, entry_id: str, *, feedback: bool) -> InlineKeyboardMarkup | None:
    """Under an answer: 👍/👎 when it answered a real question, "🙋 Ask a person" under an entry about people."""
    if entry_id not in PERSON_ENTRIES:
        return _feedback(t.translator, t.lang, entry_id) if feedback else None  # the shared, cached one
    builder = InlineKeyboardBuilder()
    if feedback:
        builder.attach(InlineKeyboardBuilder.from_markup(_feedback(t.translator, t.lang, entry_id)))
    builder.row()
    builder.button(text=t("citizen-ask-person-button"), callback_data=HumanAction(action=HumanChoice.ask))
    return builder.as_markup()
