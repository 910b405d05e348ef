"""Texts bound to one language, as handlers receive them (``t("welcome")``)."""

from __future__ import annotations

from typing import Any

from bot.core.i18n import Translator
from bot.core.languages import LANGUAGES


class Texts:
    def __init__(self, translator: Translator, lang: str) -> None:
        self.translator = translator
        self.lang = lang

    def __call__(self, key: str, **args: Any) -> str:
        return self.translator.text(self.lang, key, **args)

    def to(self, lang: str) -> Texts:
        """The same catalog in another language (e.g. the language a question was asked in)."""
        return Texts(self.translator, lang)


def language_from_telegram(language_code: str | None, default: str) -> str:
    """Telegram's ``language_code`` (``ru``, ``kk``, ``en-US`` …) → kk/ru/en, else the configured default."""
    if language_code:
        base = language_code.split("-")[0].lower()
        if base in LANGUAGES:
            return base
        if base == "kz":  # some clients report Kazakh by its country code
            return "kk"
    return default
