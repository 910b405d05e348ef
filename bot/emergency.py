"""Words that signal immediate danger (``knowledge/lexicon/emergency.yaml``), matched however they were typed."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.text_folding import (
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
        self._phrases = [tuple(tokens(fold_cyrillic(clean(p)))) for p in phrases if p.strip()]

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
        return any(self._match(tokens(reading)) for reading in readings)

    def _match(self, words: list[str]) -> bool:
        for phrase in self._phrases:
            size = len(phrase)
            for start in range(len(words) - size + 1):
                if all(words[start + i].startswith(phrase[i]) for i in range(size)):
                    return True
        return False
