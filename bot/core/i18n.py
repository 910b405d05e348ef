"""User-facing text: Fluent catalogs ``bot/locales/{kk,ru,en}.ftl``, nothing written in code.

Fluent handles plural forms of Russian and Kazakh properly and lets translators reorder arguments. Each catalog must
define the same messages (tests check it), so a missing translation is a test failure rather than a blank reply.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax.ast import Junk

from bot.core.languages import LANGUAGES

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
            # A message that does not parse is kept as Junk and silently left out of the bundle: refuse the file.
            for junk in (entry for entry in resource.body if isinstance(entry, Junk)):
                problem = junk.annotations[0].message if junk.annotations else "does not parse"
                first_line = (junk.content or "").splitlines()[0] if junk.content else ""
                raise ValueError(f"{lang}.ftl: {problem} in {first_line!r}")
            bundle.add_resource(resource)
            self._bundles[lang] = bundle

    def message_ids(self, lang: str) -> set[str]:
        return set(self._bundles[lang]._messages)

    def text(self, lang: str, key: str, **args: Any) -> str:
        """The message ``key`` in ``lang`` with arguments filled in (emergency numbers etc. by default)."""
        bundle = self._bundles.get(lang) or self._bundles["en"]
        if not bundle.has_message(key):
            raise MissingText(f"{lang}.ftl has no message {key!r}")
        message = bundle.get_message(key)
        if message.value is None:
            raise MissingText(f"{lang}.ftl: {key!r} has only attributes, no text")
        value, errors = bundle.format_pattern(message.value, {**self._defaults, **args})
        if errors:
            raise ValueError(f"{lang}.ftl: {key}: {errors[0]}")
        return str(value)
