"""Words that signal immediate danger (``knowledge/lexicon/emergency.yaml``), matched however they were typed."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.answers.text_folding import (
    clean,
    flip_layout,
    fold_cyrillic,
    has_cyrillic,
    has_latin,
    latin_to_cyrillic,
    tokens,
)

EMERGENCY_FILE = "lexicon/emergency.yaml"


class EmergencyWords:
    def __init__(self, phrases: list[str]) -> None:
        # Each phrase is a sequence of word starts: "атып жатыр" matches "атып жатыр" and "атыпты жатырмыз".
        # All of them in one regular expression: one scan of the text per reading, however long the list.
        alternatives = sorted(
            (r"\w*\s+".join(re.escape(word) for word in tokens(fold_cyrillic(clean(p)))) for p in phrases if p.strip()),
            key=len,
            reverse=True,
        )
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")") if alternatives else None

    @classmethod
    def load(cls, knowledge_dir: Path) -> EmergencyWords:
        raw = yaml.safe_load((knowledge_dir / EMERGENCY_FILE).read_text(encoding="utf-8")) or {}
        return cls([phrase for words in raw.values() for phrase in words])

    def found_in(self, text: str) -> bool:
        cleaned = clean(text)
        readings = [fold_cyrillic(cleaned)]
        if has_latin(cleaned):
            readings.append(fold_cyrillic(latin_to_cyrillic(cleaned)))
            if not has_cyrillic(cleaned):
                readings.append(fold_cyrillic(flip_layout(cleaned)))
        pattern = self._pattern
        return pattern is not None and any(pattern.search(reading) for reading in readings)
