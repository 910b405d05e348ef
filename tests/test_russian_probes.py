"""The classes of issue 10's seventh-session Russian rounds (ru10, ru10b), one test each.

Long polite stories, colloquial follow-ups ("ихние", "оперштабы", "англ тоже можно?"), a Kazakh greeting before
Russian, the Latin keyboard layout, chat Latin, "хочу рассказать о …", everyday complaints asked "куда жаловаться"
and militants killed (not the hotline's or the briefing's: "did you mean" at most). Batch "before" (32) was written
before any change: main at 796788b right 20 of 27, reachable 25, wrong 0, off-topic abstained 3 of 5; after 26, 27,
0, 5. Batch "after" (12) was written after the first changes, as a check of them: main 5 of 8, 7, 0, 1 of 4; after
8, 8, 0, 4 (docs/benchmarks.md). ru10b's 27 probes (the held-out phrasings' classes, bench/answer_crossval.py), written
before its changes: main at 5319f2e right 15 of 22, reachable 19, off-topic abstained 4 of 5; after 20, 22, 4. The
probes are tests/sets/questions_probes_ru10*.jsonl, with floors in tests/test_answer_engine.py's FLOORS.
"""

from __future__ import annotations

import pytest

from bot.answers.answer_engine import AnswerEngine
from bot.answers.text_folding import flip_layout


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
        "Сколько террористов ликвидировали в 2019 году?",  # killed: the briefing counts groups neutralised
        "Какой номер у налоговой?",  # another service's number, not the emergency one
        "где в Алматы готовят лучший плов?",  # "готовят" without an attack
        "как устроиться на службу в кнб",  # a job
    ],
)
def test_not_the_hotlines_or_the_briefings_matter_is_not_answered(engine: AnswerEngine, question: str) -> None:
    assert engine.ask(question).entry_id is None


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("сосед шумит по ночам, сюда жаловаться?", "hotline-what-to-report"),  # asked of the hotline: its scope
        ("в инсте чел зовёт ехать воевать, куда на него жаловаться", "hotline-report-recruitment"),
        ("Хочу рассказать про одного человека, как это сделать?", "hotline-how-to-report"),
        ("сколько радикальных групп ликвидировали в 2019", "radical-groups-neutralised"),
        # the held-out phrasings' classes (ru10b)
        ("Где готовили теракты в 2019 году?", "terror-plots-prevented"),  # where / whether a plot was prepared
        ("в каком городе хотели устроить теракт в 2019?", "terror-plots-prevented"),
        ("Сколько лет дали тем, кто готовил теракты в Алматы?", "terror-plot-sentences"),  # a sentence asked
        ("вы храните мой номер?", "hotline-privacy"),  # stored, not seen (main: phone-visible)
        ("а юзернейм мой вы где-то храните?", "hotline-privacy"),
        ("Какой номер полиции?", "hotline-emergency"),
        ("как проверить статус без кода", "hotline-lost-code"),
        ("сколько человек закрыли за терроризм в 2019", "terrorism-convictions"),
    ],
)
def test_the_hotlines_and_the_briefings_matters_are_answered(engine: AnswerEngine, question: str, entry: str) -> None:
    assert engine.ask(question).entry_id == entry
