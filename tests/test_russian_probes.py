"""Russian probes of issue 10's seventh-session classes, written before any change (ru10) and kept as a floor.

Long polite stories, colloquial follow-ups ("ихние", "оперштабы", "англ тоже можно?"), a Kazakh greeting before
Russian, the Latin keyboard layout, chat Latin, and everyday complaints asked "куда жаловаться" (not the hotline's:
"did you mean" at most). Untuned (main at 796788b): right 20 of 27, reachable 25, wrong 0, off-topic abstained 3 of
5; after: 25, 26, 0, 5 (docs/benchmarks.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answers.answer_engine import AnswerEngine
from bot.answers.text_folding import flip_layout

# One JSON object a line, as the question sets: q, lang, expected (None: off-topic), also, kind.
PROBES = [json.loads(line) for line in (Path(__file__).parent / "devset" / "probes_ru10.jsonl").open(encoding="utf-8")]
RIGHT_FLOOR = 25  # of 27 with an entry
ABSTAINED_FLOOR = 5  # of 5 off-topic


def test_russian_probes_floor(engine: AnswerEngine) -> None:
    right = abstained = 0
    for probe in PROBES:
        result = engine.ask(probe["q"])
        if probe["expected"] is None:
            abstained += result.entry_id is None
        else:
            right += result.entry_id in {probe["expected"], *probe.get("also", [])}
    assert right >= RIGHT_FLOOR
    assert abstained >= ABSTAINED_FLOOR


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("gj-fyukbqcrb", "по-английски"),
        ("rnj-nj", "кто-то"),
        ("rjt-xnj", "кое-что"),
        ("y-v3h3vl3", "нөмірімді"),  # a Kazakh ө on the hyphen key stays ө
    ],
)
def test_layout_keeps_the_russian_hyphen(typed: str, meant: str) -> None:
    assert flip_layout(typed) == meant


@pytest.mark.parametrize(
    "question",
    ["vj;yj gbcfnm gj-fyukbqcrb&", "а на казахском тоже можно?", "англ тоже можно?", "можно на английском?"],
)
def test_language_follow_up_is_answered(engine: AnswerEngine, question: str) -> None:
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", "hotline-languages")


@pytest.mark.parametrize(
    "question",
    [
        "sosed shumit po nocham, kuda zhalovatsya?",
        "Соседская собака лает всю ночь, куда можно пожаловаться?",
        "во дворе машины паркуют на газоне, куда жаловаться",
    ],
)
def test_where_else_to_complain_is_not_answered(engine: AnswerEngine, question: str) -> None:
    assert engine.ask(question).entry_id is None


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("сосед шумит по ночам, сюда жаловаться?", "hotline-what-to-report"),  # asked of the hotline: its scope
        ("в инсте чел зовёт ехать воевать, куда на него жаловаться", "hotline-report-recruitment"),
    ],
)
def test_complaints_to_the_hotline_still_answered(engine: AnswerEngine, question: str, entry: str) -> None:
    assert engine.ask(question).entry_id == entry
