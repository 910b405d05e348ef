"""Texts bound to one language, as handlers receive them (``t("welcome")``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.i18n import Translator
from bot.core.languages import LANGUAGES

UTC_ZONE = ZoneInfo("UTC")


class Texts:
    def __init__(self, translator: Translator, lang: str, zone: ZoneInfo = UTC_ZONE) -> None:
        self.translator = translator
        self.lang = lang
        self.zone = zone  # the hotline's time zone (TIMEZONE): every time shown is in it

    def __call__(self, key: str, **args: Any) -> str:
        return self.translator.text(self.lang, key, **args)

    def to(self, lang: str) -> Texts:
        """The same catalog in another language (e.g. the language a question was asked in)."""
        return Texts(self.translator, lang, self.zone)

    def when(self, moment: datetime | None) -> str:
        """A stored (UTC) time as the hotline's local time; SQLite hands back naive datetimes, which are UTC."""
        if moment is None:
            return "–"
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return f"{aware.astimezone(self.zone):%Y-%m-%d %H:%M}"


def language_from_telegram(language_code: str | None, default: str) -> str:
    """Telegram's ``language_code`` (``ru``, ``kk``, ``en-US`` …) → kk/ru/en, else the configured default."""
    if language_code:
        base = language_code.split("-")[0].lower()
        if base in LANGUAGES:
            return base
        if base == "kz":  # some clients report Kazakh by its country code
            return "kk"
    return default
