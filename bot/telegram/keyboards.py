"""Inline keyboards, built from the catalogs."""

from __future__ import annotations

import functools

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answers.knowledge_base import KnowledgeBase
from bot.core.i18n import Translator
from bot.telegram.callbacks import MENU_ACTIONS, Feedback, HumanAction, MenuAction, SetLanguage, ShowAnswer
from bot.telegram.texts import Texts

LANGUAGE_NAMES = {"kk": "🇰🇿 Қазақша", "ru": "🇷🇺 Русский", "en": "🇬🇧 English"}  # each in its own language
BUTTON_TEXT_LIMIT = 60


def _rows(*buttons: InlineKeyboardButton) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[button] for button in buttons])


def main_menu(t: Texts) -> InlineKeyboardMarkup:
    return _rows(
        *(
            InlineKeyboardButton(text=t(f"menu-{action}"), callback_data=MenuAction(action=action).pack())
            for action in MENU_ACTIONS
        )
    )


def languages() -> InlineKeyboardMarkup:
    return _rows(
        *(
            InlineKeyboardButton(text=name, callback_data=SetLanguage(lang=lang).pack())
            for lang, name in LANGUAGE_NAMES.items()
        )
    )


def feedback(t: Texts, entry_id: str) -> InlineKeyboardMarkup:
    return _feedback(t.translator, t.lang, entry_id)


# Entries about reaching a person (added by editors) carry the button that does it.
PERSON_ENTRIES = frozenset({"hotline-human"})


def answer_buttons(t: Texts, entry_id: str, *, feedback: bool) -> InlineKeyboardMarkup | None:
    """Under an answer: 👍/👎 when it answered a real question, "🙋 Ask a person" under an entry about people."""
    rows = list(_feedback(t.translator, t.lang, entry_id).inline_keyboard) if feedback else []
    if entry_id in PERSON_ENTRIES:
        rows.append(
            [InlineKeyboardButton(text=t("citizen-ask-person-button"), callback_data=HumanAction(action="ask").pack())]
        )
    if not rows:
        return None
    if rows == list(_feedback(t.translator, t.lang, entry_id).inline_keyboard):
        return _feedback(t.translator, t.lang, entry_id)  # the shared, cached one
    return InlineKeyboardMarkup(inline_keyboard=rows)


# Every answer carries these two buttons, the same for an entry and a language: built once (it was ~8% of the CPU
# time of answering a question). aiogram only reads the markup when sending, so one instance can be shared.
@functools.lru_cache(maxsize=4096)
def _feedback(translator: Translator, lang: str, entry_id: str) -> InlineKeyboardMarkup:
    def button(key: str, helpful: bool) -> InlineKeyboardButton:
        data = Feedback(entry=entry_id, lang=lang, helpful=helpful).pack()
        return InlineKeyboardButton(text=translator.text(lang, key), callback_data=data)

    return InlineKeyboardMarkup(inline_keyboard=[[button("feedback-yes", True), button("feedback-no", False)]])


def suggestions(kb: KnowledgeBase, lang: str, entry_ids: tuple[str, ...]) -> InlineKeyboardMarkup:
    """One button per suggested entry, labelled with the entry's first phrasing in ``lang``."""

    def label(entry_id: str) -> str:
        text = kb.by_id[entry_id].questions[lang][0]
        return text if len(text) <= BUTTON_TEXT_LIMIT else text[: BUTTON_TEXT_LIMIT - 1] + "…"

    return _rows(
        *(InlineKeyboardButton(text=label(e), callback_data=ShowAnswer(entry=e, lang=lang).pack()) for e in entry_ids)
    )


def offer_report(t: Texts) -> InlineKeyboardMarkup:
    """Under an answer the bot could not give: a person, or a report."""
    return _rows(
        InlineKeyboardButton(text=t("citizen-ask-person-button"), callback_data=HumanAction(action="ask").pack()),
        InlineKeyboardButton(text=t("unknown-report-button"), callback_data=MenuAction(action="report").pack()),
    )


def check_report(t: Texts) -> InlineKeyboardMarkup:
    """Under a receipt: the one way to follow a case (the bot asks for the code, then deletes the message)."""
    return _rows(InlineKeyboardButton(text=t("menu-status"), callback_data=MenuAction(action="status").pack()))
