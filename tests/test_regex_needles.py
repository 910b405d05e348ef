"""The substring gate before the phrase rewrites never skips a rewrite that would have changed the question."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.answers import phrases
from bot.answers.readings import readings
from bot.answers.regex_needles import Gated, needles
from bot.answers.text_folding import clean

DEV_SETS = [
    *sorted((Path(__file__).parent / "sets").glob("questions_dev*.jsonl")),
    *sorted((Path(__file__).parent / "sets").glob("questions_probes*.jsonl")),
    *sorted((Path(__file__).parent / "devset").glob("*.jsonl")),
]


def test_needles_of_literals_and_alternations() -> None:
    assert needles(re.compile(r"\b(?:кто|как)\s+ab+")) == ("как", "кто")
    assert needles(re.compile(r"\bstep[\s-]+by[\s-]+step\b")) == ("step",)


def test_no_needles_when_a_match_needs_no_fixed_letters() -> None:
    assert needles(re.compile(r"\w+\s+\d+")) is None
    assert needles(re.compile(r"a|\w+")) is None  # one alternative spells nothing fixed
    assert needles(re.compile(r"(?i)terror")) is None  # case-insensitive: a substring test would miss "Terror"


def test_every_rewrite_matching_a_dev_question_contains_one_of_its_needles() -> None:
    texts = [
        reading.text
        for path in DEV_SETS
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for reading in readings(clean(json.loads(line)["q"]), j_is_zh=True)
    ]
    gated = [
        (phrase, needed)
        for phrase, _ in (*phrases.CYRILLIC_PHRASES, *phrases.ENGLISH_PHRASES)
        if (needed := needles(phrase)) is not None
    ]
    assert len(gated) > 60
    for phrase, needed in gated:
        for text in texts:
            found = phrase.search(text)
            assert found is None or any(needle in found.group(0) for needle in needed), (phrase.pattern, text)


def test_a_gated_pattern_finds_what_the_pattern_finds() -> None:
    killed = Gated.of(phrases.RU_KILLED)
    assert killed.needed  # gated by the militant words
    for text in ("сколько террористов ликвидировали", "сколько групп ликвидировали", ""):
        assert bool(killed.search(text)) == bool(phrases.RU_KILLED.search(text)), text
    ungated = Gated.of(re.compile(r"\w+"))  # no needle: every text is searched
    assert ungated.needed is None and ungated.search("да") is not None
