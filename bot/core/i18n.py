"""User-facing text: Fluent catalogs ``bot/locales/{kk,ru,en}.ftl``, nothing written in code.

Fluent handles plural forms of Russian and Kazakh properly and lets translators reorder arguments. Each catalog must
define the same messages (tests check it), so a missing translation is a test failure rather than a blank reply.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

from bot.answers.knowledge_base import LANGUAGES

LOCALES = Path(__file__).resolve().parent.parent / "locales"


class MissingText(KeyError):
    pass


class Translator:
    def __init__(self, directory: Path = LOCALES, defaults: dict[str, Any] | None = None) -> None:
        self._bundles: dict[str, FluentBundle] = {}
        self._defaults = defaults or {}
        for lang in LANGUAGES:
            bundle = FluentBundle([lang], use_isolating=False)  # no bidi marks: Telegram shows them as boxes
            resource = FluentResource((directory / f"{lang}.ftl").read_text(encoding="utf-8"))
            errors = bundle.add_resource(resource)
            if errors:
                raise ValueError(f"{lang}.ftl: {errors[0]}")
            self._bundles[lang] = bundle

    def message_ids(self, lang: str) -> set[str]:
        return set(self._bundles[lang]._messages)

    def text(self, lang: str, key: str, **args: Any) -> str:
        """The message ``key`` in ``lang`` with arguments filled in (emergency numbers etc. by default)."""
        bundle = self._bundles.get(lang) or self._bundles["en"]
        if not bundle.has_message(key):
            raise MissingText(f"{lang}.ftl has no message {key!r}")
        message = bundle.get_message(key)
        value, errors = bundle.format_pattern(message.value, {**self._defaults, **args})
        if errors:
            raise ValueError(f"{lang}.ftl: {key}: {errors[0]}")
        return value
