"""Words that signal immediate danger (``knowledge/lexicon/emergency.yaml``), matched however they were typed."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.answers.readings import readings
from bot.answers.text_folding import clean, fold_cyrillic, tokens

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
        pattern = self._pattern
        if pattern is None:
            return False
        cleaned = clean(text)
        # The phrases are folded Cyrillic or plain Latin, so each reading is searched as it is; a text in neither
        # script (digits, emoji) as typed.
        searched = [reading.text for reading in readings(cleaned)] or [cleaned]
        return any(pattern.search(candidate) for candidate in searched)
