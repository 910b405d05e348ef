"""The answer engine on the labelled development set, on bad input, and through `hotline ask`."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answers.answer_engine import AnswerEngine, decide
from bot.answers.knowledge_base import Entry, KnowledgeBase, Lexicon, load_lexicon
from bot.answers.phrases import (
    EN_COMPLAINT_ELSEWHERE,
    KK_COMPLAINT_HERE_OR_TERROR,
    KK_COMPLAINT_NUISANCE,
    KK_PRESENT_BEFORE_PARTICLE,
    NEIGHBOUR_FACT,
    _present_third_person,
)
from bot.answers.text_folding import clean, fold_cyrillic, stem

DEVSET = Path(__file__).parent / "devset"
KNOWLEDGE = Path(__file__).parent.parent / "knowledge"


def load_set(name: str) -> list[dict]:
    with (DEVSET / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def evaluate(engine: AnswerEngine, items: list[dict]) -> dict[str, float]:
    in_scope = [item for item in items if item["expected"]]
    out_of_scope = [item for item in items if not item["expected"]]
    results = [(item, engine.ask(item["q"])) for item in items]
    # "also": entries that answer the question as well (a more specific entry added later, e.g. hotline-lost-code).
    correct = sum(
        1
        for item, result in results
        if item["expected"] and result.entry_id in {item["expected"], *item.get("also", [])}
    )
    abstained = sum(1 for item, result in results if not item["expected"] and result.entry_id is None)
    language = sum(1 for item, result in results if result.lang == item["lang"])
    return {
        "in_scope_accuracy": correct / len(in_scope),
        "out_of_scope_abstention": abstained / len(out_of_scope),
        "language_accuracy": language / len(items),
    }


def test_quality_on_the_development_set(engine: AnswerEngine) -> None:
    """The issue's bar, on the set the engine was tuned on."""
    scores = evaluate(engine, load_set("dev.jsonl"))
    assert scores["in_scope_accuracy"] >= 0.95, scores
    assert scores["out_of_scope_abstention"] >= 0.90, scores
    assert scores["language_accuracy"] >= 0.98, scores


# Sets written by people who never saw the knowledge base's wording; dev2 was used for tuning thresholds,
# dev3 (the old holdout) was read too. Floors guard against regressions; figures in docs/benchmarks.md.
@pytest.mark.parametrize(("name", "in_scope", "out_of_scope"), [("dev2.jsonl", 0.86, 0.78), ("dev3.jsonl", 0.83, 0.88)])
def test_quality_on_unseen_wording_does_not_regress(
    engine: AnswerEngine, name: str, in_scope: float, out_of_scope: float
) -> None:
    scores = evaluate(engine, load_set(name))
    assert scores["in_scope_accuracy"] >= in_scope, scores
    assert scores["out_of_scope_abstention"] >= out_of_scope, scores
    assert scores["language_accuracy"] >= 0.98, scores


def test_development_set_covers_what_the_issue_asks() -> None:
    items = load_set("dev.jsonl") + load_set("dev2.jsonl") + load_set("dev3.jsonl")
    kinds = {item["kind"] for item in items}
    assert {"typo", "layout", "translit", "kk-no-letters", "kk-latin", "out-of-scope"} <= kinds
    assert len(items) >= 150
    assert sum(1 for item in items if item["expected"] is None) >= 40
    assert {item["lang"] for item in items} == {"kk", "ru", "en"}


def test_answers_come_in_the_language_of_the_question(engine: AnswerEngine) -> None:
    cases = {
        "Сколько иностранцев экстрадировали в 2019 году?": "ru",
        "How many foreigners were extradited in 2019?": "en",
        "2019 жылы қанша шетелдік экстрадицияланды?": "kk",
    }
    for question, lang in cases.items():
        result = engine.ask(question)
        assert (result.entry_id, result.lang) == ("foreigners-extradited", lang), question


def test_language_hint_breaks_ties_only(engine: AnswerEngine) -> None:
    assert engine.ask("2019", lang_hint="kk").lang == "kk"
    assert engine.ask("2019", lang_hint="en").lang == "en"
    assert engine.ask("How many people were convicted?", lang_hint="ru").lang == "en"


def test_a_question_asked_in_any_language_order_gets_what_it_would_get_asked_alone(kb: KnowledgeBase) -> None:
    """Ranking is kept per text whoever asks; the asker's language still decides the ties it decides alone."""
    engine = AnswerEngine(kb, lexicon=load_lexicon(KNOWLEDGE))
    questions = [item["q"] for item in load_set("dev.jsonl")] + ["2019", "ок", "?"]
    for order in (("kk", "ru", "en", None), (None, "en", "ru", "kk")):
        for question in questions:
            for hint in order:
                alone = decide(question, *engine.rank(question, hint), engine.entry_ids, engine.tuning)
                assert engine.ask(question, lang_hint=hint) == alone, (question, hint)
    assert {engine.ask("2019", lang_hint=hint).lang for hint in ("kk", "ru", "en")} == {"kk", "ru", "en"}


def test_a_narrow_lead_answer_also_offers_the_close_runner_ups_only(engine: AnswerEngine) -> None:
    """Under an answer that won by less than ``see_also_lead``, the runner-ups that close ("did you mean") too."""
    ids = ["a", "b", "c", "d"]
    tuning = engine.tuning
    narrow = decide("q", "en", [(0, 90.0), (1, 88.0), (2, 70.0)], ids, tuning)
    assert (narrow.decision, narrow.entry_id, narrow.suggestions) == ("answer", "a", ("b",))
    both = decide("q", "en", [(0, 60.0), (1, 56.0), (2, 51.0)], ids, tuning)
    assert (both.entry_id, both.suggestions) == ("a", ("b", "c"))
    clear = decide("q", "en", [(0, 90.0), (1, 90.0 - tuning.see_also_lead), (2, 40.0)], ids, tuning)
    assert (clear.entry_id, clear.suggestions) == ("a", ())
    wide = dataclasses.replace(tuning, see_also_lead=30.0)  # a runner-up under the suggestion floor is never offered
    floor = tuning.suggestion_floor
    assert decide("q", "en", [(0, 60.0), (1, floor - 1), (2, 0.0)], ids, wide).suggestions == ()
    assert decide("q", "en", [(0, 60.0), (1, floor + 1), (2, 0.0)], ids, wide).suggestions == ("b",)


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   \t\n ",
        "а" * 20_000,
        "террор " * 3_000,
        "😀😀🔥👍",
        "\x00\x01\x02\x1b[31m",
        "Қазақ Russian ﻿mixed скрипт 漢字 عربى ελληνικά",
        "?!.,;:-—«»",
        "\u200b\u200b",
    ],
)
def test_bad_input_abstains_without_exception(engine: AnswerEngine, question: str) -> None:
    result = engine.ask(question)
    assert result.entry_id is None
    assert result.lang in {"kk", "ru", "en"}


def test_places_from_the_briefing_do_not_pull_off_topic_questions(engine: AnswerEngine) -> None:
    for question in [
        "Какая погода в Таразе?",
        "Алматыда пәтер бағасы қанша?",
        "Best restaurants in Karaganda",
    ]:
        assert engine.ask(question).entry_id is None, question


def run_ask(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "ask", *args], input=stdin, capture_output=True, text=True, check=False
    )


@pytest.mark.slow  # runs the hotline command in a subprocess
def test_ask_json_interface() -> None:
    done = run_ask("--json", "Сколько человек осуждено за терроризм?")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert set(record) == {"question", "lang", "entry", "score", "answer", "suggestions", "urgent"}
    assert record["urgent"] is False  # a question about figures, not a message about danger
    assert record["entry"] == "terrorism-convictions"
    assert record["lang"] == "ru"
    assert "140" in record["answer"]
    assert isinstance(record["score"], int | float)


@pytest.mark.slow  # runs the hotline command in a subprocess
def test_ask_reads_stdin_line_by_line_in_order() -> None:
    done = run_ask("--json", stdin="How many links to terrorist sites were found?\nпогода\n\n")
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["question"] for r in records] == ["How many links to terrorist sites were found?", "погода", ""]
    assert records[0]["entry"] == "terrorist-web-content" and "14.5" in records[0]["answer"]
    assert records[1]["entry"] is None and records[1]["answer"] is None
    assert records[2]["entry"] is None


@pytest.mark.slow  # runs the hotline command in a subprocess
def test_ask_readable_text() -> None:
    done = run_ask("Where was the Temir Zhol exercise held?")
    assert done.returncode == 0
    assert "Taraz" in done.stdout


@pytest.mark.slow  # runs the hotline command in a subprocess
def test_ask_bad_arguments_exit_2() -> None:
    done = run_ask("--lang", "de", "x")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr
    assert run_ask("--unknown").returncode == 2


# Sets by writers who saw only the seed and the service's description (tests/sets/README.md): questions_dev was used
# for tuning; questions_dev_b (the first session's holdout) only checks that a change generalises (aggregates).
# Floors a little below what the engine reaches (bench/answer_quality.py; figures in docs/benchmarks.md), per
# language: right entry, reachable (answered or among "did you mean"), off-topic abstained (25 per language, so one
# question is 4 points).
SETS = Path(__file__).parent / "sets"
FLOORS = {
    "questions_dev.jsonl": {"kk": (0.93, 0.98, 0.92), "ru": (0.93, 0.99, 0.96), "en": (0.98, 0.99, 0.875)},
    "questions_dev_b.jsonl": {"kk": (0.87, 0.96, 0.84), "ru": (0.92, 0.98, 0.87), "en": (0.93, 0.99, 0.92)},
    # The second session's holdout (writers C, 105 + 30 per language); a dev set since the third session.
    "questions_dev_c.jsonl": {"kk": (0.93, 0.98, 0.93), "ru": (0.92, 0.98, 0.96), "en": (0.91, 0.98, 0.93)},
    # A second, smaller one (writers E, 45 + 15 per language), written after the second session's final change; the
    # holdout questions_holdout_2 until the seventh session, which read it as a dev set.
    "questions_dev_m.jsonl": {"kk": (0.98, 0.98, 0.93), "ru": (0.91, 0.97, 0.86), "en": (0.86, 0.95, 0.93)},
    # The third session's (writers F-kk, F-ru, F-en, 60 + 15 per language), written before its tuning, kept out of the
    # tree until it ended, measured twice (aggregates only).
    "questions_dev_d.jsonl": {"kk": (0.91, 0.96, 0.93), "ru": (0.90, 0.98, 0.93), "en": (0.90, 0.98, 0.93)},
    # The fourth session's first holdout (writers G, 72 + 16 per language), written before its tuning and measured
    # before/after its first round (aggregates); then read as a dev set for the second round.
    "questions_dev_e.jsonl": {"kk": (0.98, 0.98, 0.93), "ru": (0.96, 0.98, 0.93), "en": (0.90, 0.99, 0.93)},
    # The fourth session's second holdout (writers H, 72 + 16 per language), measured on the session's first code, after
    # its first and after its second round (aggregates); then read as a dev set for the third round.
    "questions_dev_f.jsonl": {"kk": (0.90, 0.98, 0.93), "ru": (0.90, 0.97, 0.93), "en": (0.95, 0.98, 0.93)},
    # The fourth session's third holdout (writers I, 72 + 16 per language): written during its second round, measured
    # on the session's first code and before/after its third round (aggregates only); read as a dev set in the fifth.
    "questions_dev_g.jsonl": {"kk": (0.93, 0.97, 0.87), "ru": (0.97, 0.98, 0.93), "en": (0.98, 0.98, 0.87)},
    # Writers J, 60 + 15 per language, written after the fourth session's last change and measured once on it; read as
    # a dev set in the fifth session.
    "questions_dev_h.jsonl": {"kk": (0.96, 0.98, 0.93), "ru": (0.98, 0.98, 0.93), "en": (0.98, 0.98, 0.93)},
    # Writers K (fifth session, 72 + 16 per language), before its tuning: measured on its first code (88.4% right) and
    # after its first round (89.8%), aggregates only; then read as a dev set for the second round.
    "questions_dev_i.jsonl": {"kk": (0.93, 0.98, 0.93), "ru": (0.98, 0.98, 0.93), "en": (0.98, 0.98, 0.93)},
    # Writers L (fifth session, 64 + 16 per language): measured on its first code (89.6% right) and after its second
    # round (91.1%: kk 89.1, ru 89.1, en 95.3), aggregates only; then read as a dev set for the third round.
    "questions_dev_j.jsonl": {"kk": (0.92, 0.98, 0.93), "ru": (0.93, 0.98, 0.93), "en": (0.98, 0.98, 0.93)},
    # Writers M (fifth session, 64 + 16 per language), written during its third round: 83.3% right on its first code,
    # 86.5% after its last change (kk 87.5, ru 85.9, en 85.9), measured once; read as a dev set in the sixth session
    # (thresholds 52 / 3: 91.7%; after its first round 99.0%).
    "questions_dev_k.jsonl": {"kk": (0.98, 0.98, 0.93), "ru": (0.96, 0.98, 0.93), "en": (0.96, 0.96, 0.93)},
    # Writers N (sixth session, 64 + 16 per language), written before its changes: 94.8% right on its first code,
    # 96.9% after its first round (aggregates only); then read as a dev set for the second round (100%).
    "questions_dev_l.jsonl": {"kk": (0.98, 0.98, 0.93), "ru": (0.98, 0.98, 0.93), "en": (0.98, 0.98, 0.93)},
    # The sixth session's holdouts (64 + 16 per language each; questions_holdout_9 to _12), measured in aggregate only:
    # writers O and P on its first code and after each round, Q (written after its last change) on its first and final
    # code; read as dev sets since the seventh session.
    "questions_dev_n.jsonl": {"kk": (0.96, 0.98, 0.93), "ru": (0.90, 0.96, 0.93), "en": (0.96, 0.96, 0.93)},
    "questions_dev_o.jsonl": {"kk": (0.98, 0.98, 0.93), "ru": (0.92, 0.98, 0.93), "en": (0.93, 0.95, 0.93)},
    # Writers R, after the session's review (no change of behaviour since Q), measured once on its final code.
    "questions_dev_q.jsonl": {"kk": (0.98, 0.98, 0.93), "ru": (0.96, 0.98, 0.93), "en": (0.93, 0.95, 0.93)},
    "questions_dev_p.jsonl": {"kk": (0.96, 0.98, 0.93), "ru": (0.96, 0.98, 0.93), "en": (0.92, 0.95, 0.87)},
    # Kazakh probes of the seventh session's Kazakh round (Latin 2021, chat Latin, no Kazakh letters, Russian words,
    # follow-ups, other public services), written before its changes: 41 / 42 of 44 and 8 of 8 off-topic, before and
    # after (docs/benchmarks.md).
    "questions_probes_kk10.jsonl": {"kk": (0.93, 0.95, 0.93)},
    # Kazakh probes of the seventh session's second Kazakh round (kk10b: Cyrillic, short, figures, chat Latin, Latin
    # 2021, no Kazakh letters, Russian words, everyday complaints elsewhere), written before its changes: 17 / 22 of 22
    # (2 wrong) and 3 of 4 off-topic before, 17 / 22 (1 wrong) and 4 of 4 after (docs/benchmarks.md).
    "questions_probes_kk10b.jsonl": {"kk": (0.77, 0.98, 0.93)},
    # A Kazakh complaint that names extremism is for the hotline (3 probes, abstained before the eighth session's fix of
    # phrases.KK_COMPLAINT_HERE_OR_TERROR), one about an everyday nuisance is not (3 off-topic).
    "questions_probes_kk11.jsonl": {"kk": (1.0, 1.0, 1.0)},
    # Russian probes of the seventh session's Russian rounds, each written before its changes: ru10 (long polite
    # stories, colloquial follow-ups, the Latin layout, everyday complaints; 35 + 9 off-topic) and ru10b (the held-out
    # phrasings' classes; 22 + 5 off-topic). Before / after in tests/test_russian_probes.py's docstring.
    "questions_probes_ru10.jsonl": {"ru": (0.97, 0.98, 1.0)},
    "questions_probes_ru10b.jsonl": {"ru": (0.90, 0.98, 0.8)},
    # The seventh session's holdouts (64 + 16 per language each), measured in aggregate only, never read: writers S and
    # T written before its changes (measured on its first and final code), U after its last change to the engine
    # (measured on the session's start code and once on its final code).
    "questions_holdout_13.jsonl": {"kk": (0.98, 0.98, 0.93), "ru": (0.92, 0.98, 0.93), "en": (0.90, 0.98, 0.93)},
    "questions_holdout_14.jsonl": {"kk": (0.93, 0.98, 0.93), "ru": (0.95, 0.98, 0.93), "en": (0.95, 0.98, 0.93)},
    "questions_holdout_15.jsonl": {"kk": (0.96, 0.98, 0.93), "ru": (0.96, 0.98, 0.93), "en": (0.95, 0.98, 0.93)},
    # Writers Z (eighth session, written while its danger and CPU rounds ran, never read): 97.9% right, 100% reachable
    # and abstained on its first code (kk 96.9, ru 98.4, en 98.4).
    "questions_holdout_16.jsonl": {"kk": (0.96, 0.98, 0.93), "ru": (0.96, 0.98, 0.93), "en": (0.96, 0.98, 0.93)},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_questions_by_independent_writers(engine: AnswerEngine, name: str) -> None:
    items = [json.loads(line) for line in (SETS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    for lang, (right_floor, reachable_floor, abstain_floor) in FLOORS[name].items():
        asked = [(item, engine.ask(item["q"])) for item in items if item["lang"] == lang]
        in_scope = [(item, r) for item, r in asked if item["expected"]]
        good = [{item["expected"], *item.get("also", [])} for item, _ in in_scope]
        right = sum(r.entry_id in g for (_, r), g in zip(in_scope, good, strict=True)) / len(in_scope)
        reachable = sum(
            r.entry_id in g or bool(g & set(r.suggestions)) for (_, r), g in zip(in_scope, good, strict=True)
        ) / len(in_scope)
        off_topic = [r for item, r in asked if not item["expected"]]
        abstained = sum(r.entry_id is None for r in off_topic) / len(off_topic)
        figures = {"right": right, "reachable": reachable, "abstained": abstained}  # aggregates only: never a question
        assert right >= right_floor and reachable >= reachable_floor and abstained >= abstain_floor, (lang, figures)


LONG_POLITE = {
    "en": (
        "Good evening, and thank you for running this service. I am a retired schoolteacher from a small town in the "
        "north, and my grandson set up Telegram on my phone only last week, so please forgive me if I write too much "
        "or in the wrong place. Our neighbours and I often talk in the evenings about the news, and last Sunday one of "
        "them said that the security services had published many numbers about terrorism a few years ago, and we "
        "could not agree about what they were. I do not want to spread rumours, and I always tell my former pupils to "
        "check their sources before they repeat anything. "
    )
    * 3
    + "So my question is simple: how many people were convicted of terrorism and religious extremism in 2019? "
    "Thank you very much for your patience, and I wish you and your colleagues good health.",
    "kk": (
        "Қайырлы кеш! Мен ауылда тұратын зейнеткер мұғаліммін, телефонды жақында ғана немерем орнатып берді, сондықтан "
        "артық жазсам, кешіріңіздер. Көршілерім екеуміз жаңалықтарды жиі талқылаймыз, бірақ кейде қай дерек дұрыс "
        "екенін білмей дауласып қаламыз. Мен бұрынғы шәкірттеріме әрдайым дереккөзді тексеруді үйрететінмін. "
    )
    * 4
    + "Сұрағым мынау: 2019 жылы терроризм және діни экстремизм үшін қанша адам сотталды? Алдын ала рахмет!",
}


@pytest.mark.parametrize("lang", sorted(LONG_POLITE))
def test_a_long_polite_message_is_answered_not_refused_for_its_length(engine: AnswerEngine, lang: str) -> None:
    question = LONG_POLITE[lang]
    assert 1_000 < len(question) <= 4_096
    result = engine.ask(question)
    assert (result.entry_id, result.lang) == ("terrorism-convictions", lang)


# "Хабарлама" (like "сообщение") is both a report and a message: sending one is how to report, reading one the
# operators wrote is checking a report. Written for this test, not taken from a set or from the knowledge base.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Күдікті адам туралы хабарлама жібергім келеді", "hotline-how-to-report"),
        ("операторлардың хабарламасын қайдан көремін", "hotline-receipt-code"),
        ("Хочу отправить сообщение о подозрительном человеке", "hotline-how-to-report"),
        ("Оператор написал мне сообщение, где его прочитать?", "hotline-receipt-code"),
        ("The operators sent me a message, where can I see it?", "hotline-receipt-code"),
    ],
)
def test_a_report_and_a_message_from_the_operators_are_told_apart(
    engine: AnswerEngine, question: str, entry: str
) -> None:
    assert engine.ask(question).entry_id == entry


def test_chat_shorthand_does_not_hide_a_clear_question(engine: AnswerEngine) -> None:
    assert engine.ask("operator pls").entry_id == "hotline-human"


# Written for this test, not taken from a set or from the knowledge base: English text-speak and typos (a swapped
# pair of letters, a missing letter), Russian chat Latin ("sh" for щ), each left at "did you mean" before.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("wat happens after i send a msg", "hotline-after-report"),
        ("hw do i send info about smth suspicious", "hotline-how-to-report"),
        ("how mnay ppl were convicted", "terrorism-convictions"),
        ("kak soobshit o verbovshike", "hotline-report-recruitment"),
        ("eto voobshe anonimno?", "hotline-anonymous"),
        ("можно ли востановить код?", "hotline-lost-code"),  # one с: восстановить, not остановить
    ],
)
def test_text_speak_typos_and_chat_latin_are_read(engine: AnswerEngine, question: str, entry: str) -> None:
    assert engine.ask(question).entry_id == entry


# Written for this test: a citizen repeats a figure rounded ("about 150" for 162) or in words, which counted against
# the entry.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("около 150 человек осудили за терроризм, верно?", "terrorism-convictions"),
        ("примерно 400 сайтов удалили?", "terrorist-web-content"),
        ("is it true that a hundred and sixty people were convicted of terrorism?", "terrorism-convictions"),
    ],
)
def test_a_rounded_figure_meets_the_figure_it_rounds(engine: AnswerEngine, question: str, entry: str) -> None:
    assert engine.ask(question).entry_id == entry


def tiny_kb(kk: list[str], ru: list[str]) -> KnowledgeBase:
    def entry(entry_id: str, kk_q: list[str], ru_q: list[str], en_q: list[str]) -> Entry:
        return Entry(
            entry_id,
            (),
            {lang: entry_id for lang in ("kk", "ru", "en")},
            {"kk": tuple(kk_q), "ru": tuple(ru_q), "en": tuple(en_q)},
            "test.yaml",
        )

    return KnowledgeBase(
        [
            entry("delete-chat", kk, ru, ["Can I delete my chat?"]),
            entry("languages", ["Бот қай тілде сөйлейді?"], ["На каком языке говорит бот?"], ["Which language?"]),
        ]
    )


def test_a_kazakh_question_meets_the_russian_phrasings_through_concepts() -> None:
    """The entry's Kazakh phrasing shares no word with the question; its Russian one means the same words."""
    kb = tiny_kb(["Ботпен сөйлесуді тазалауға бола ма?"], ["Можно ли удалить переписку с ботом?"])
    question = "Хат-хабарды жоюға бола ма?"
    concepts = {"delete": {"kk": ["жою"], "ru": ["удалить"]}, "chat": {"kk": ["хат-хабар"], "ru": ["переписка"]}}
    assert AnswerEngine(kb, lexicon=Lexicon()).ask(question).entry_id is None
    assert AnswerEngine(kb, lexicon=Lexicon(concepts=concepts)).ask(question).entry_id == "delete-chat"


@pytest.mark.parametrize(
    ("glued", "apart"),
    [
        ("мен хабарлаған адам біледіме?", "мен хабарлаған адам біледі ме?"),
        ("кодты қалпына келтіруге боладыма?", "кодты қалпына келтіруге болады ма?"),
        ("хабарламамды кім оқиды, жауап келеме?", "хабарламамды кім оқиды, жауап келе ме?"),
        ("анонимді хабарлауға боладыма?", "анонимді хабарлауға болады ма?"),
    ],
)
def test_a_question_particle_typed_onto_its_word_is_read_as_typed_apart(
    engine: AnswerEngine, glued: str, apart: str
) -> None:
    """People type "боладыма" for "болады ма": the glued particle must not make the word unknown."""
    together, separate = engine.ask(glued), engine.ask(apart)
    assert (together.decision, together.entry_id) == ("answer", separate.entry_id)


def test_a_word_that_ends_like_a_particle_keeps_its_meaning(engine: AnswerEngine) -> None:
    # "хабарлама" (a report) ends in -ма but is a word of the knowledge base: it is never cut to "хабарла".
    assert engine.ask("хабарламамның күйін қалай тексеремін?").entry_id == "hotline-receipt-code"


# Written for these tests, not taken from a set or from the knowledge base.
@pytest.mark.parametrize(
    ("addressed", "question"),
    [
        (
            "Құрметті сенім телефоны! Көршім күдікті адамдармен жүр, бұл туралы қалай хабарлаймын?",
            "Көршім күдікті адамдармен жүр, бұл туралы қалай хабарлаймын?",
        ),
        (
            "Dear trust hotline, my neighbour meets suspicious people, how do I report this?",
            "my neighbour meets suspicious people, how do I report this?",
        ),
    ],
)
def test_whom_a_letter_is_addressed_to_is_not_its_question(engine: AnswerEngine, addressed: str, question: str) -> None:
    # "сенім телефоны" / "trust hotline" as the addressee pulled the question towards the entry about the hotline.
    with_address, alone = engine.ask(addressed), engine.ask(question)
    assert (with_address.decision, with_address.entry_id, with_address.score) == (
        alone.decision,
        alone.entry_id,
        alone.score,
    )


@pytest.mark.parametrize(
    ("hyphenated", "bare"),
    [
        ("ҰҚК-ға хабарлама жібердім, кім оқиды?", "ҰҚК хабарлама жібердім, кім оқиды?"),
        ("WhatsApp-тағы топтан қалай шығамын?", "WhatsApp топтан қалай шығамын?"),
        ("Telegram ID-імді сақтайсыздар ма?", "Telegram ID сақтайсыздар ма?"),  # possessive + case
    ],
)
def test_a_case_ending_after_a_hyphen_is_no_word_of_its_own(engine: AnswerEngine, hyphenated: str, bare: str) -> None:
    # Kazakh writes the case ending of an abbreviation or a foreign name after a hyphen: it must not count as a word
    # the knowledge base never uses.
    assert engine.ask(hyphenated).score == engine.ask(bare).score


def test_a_russian_word_with_kazakh_endings_meets_its_russian_phrasings(engine: AnswerEngine) -> None:
    # "сумканы" = сумка + Kazakh accusative: the Russian stem of what the Kazakh grammar leaves ("сумк") is the word
    # of the entry's Russian phrasings. Written for this test.
    result = engine.ask("Вокзалда иесіз сумканы көрдім, не істеймін?")
    assert (result.decision, result.entry_id) == ("answer", "hotline-emergency")


def test_the_kazakh_idiom_for_prevent_reads_alike_in_any_form(engine: AnswerEngine) -> None:
    # "алдын алу" (prevent) is "take" + "its front": "алдын" alone is a filler ("алдын ала", in advance), so without
    # reading the idiom whole, "алдын алған" and "алдын алыпты" met the phrasings' "алдын алды" only by fuzzy luck.
    scores = {engine.ask(f"2019 жылы неше теракттың алдын {verb}?").score for verb in ("алды", "алған", "алыпты")}
    assert len(scores) == 1


def test_chat_latin_y_after_a_vowel_is_read_as_y_short(engine: AnswerEngine) -> None:
    # "qalay", "qanday": chat Latin writes й as y; ы never follows a vowel, so both spellings must read alike.
    with_y, with_i = (
        engine.ask("Qanday jagdaylar turaly habarlauga bolady?"),
        engine.ask("Qandai jagdailar turaly habarlauga bolady?"),
    )
    assert (with_y.entry_id, with_y.score) == (with_i.entry_id, with_i.score)


def test_kazakh_chat_shortenings_of_after_sending_are_read(engine: AnswerEngine) -> None:
    # "жібергенен" (-ген-нен with one н) and "кейн" (кейін without its і), as chats write "after sending".
    result = engine.ask("арызымды жібергенен кейн не болады ары қарай")
    assert (result.decision, result.entry_id) == ("answer", "hotline-after-report")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "Сәлеметсіз бе. Ағам сұрап жүр: хабарлама жазсам, деректерім қанша уақыт сақталады? Түсіндіріп берсеңіз.",
            "hotline-privacy",
        ),
        ("Қайырлы күн. Хабарламаны қалай жіберемін? Айтып беріңізші.", "hotline-how-to-report"),
    ],
)
def test_kazakh_please_explain_at_the_end_is_politeness(engine: AnswerEngine, question: str, entry: str) -> None:
    # "Түсіндіріп берсеңіз" (please explain) closing a message asks nothing of its own: read alone it answered "can I
    # talk to a person".
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", entry)
    assert engine.ask("Түсіндіріп беріңізші.").decision == "unknown"


@pytest.mark.parametrize(
    "question",
    [
        "Кімге жазып жатқанымды білмеймін, бұл кімнің боты?",
        "kimge jazyp otyrmyn ozi?",
        "Ағам сілтеме жіберді, енді кімге жазып отырмын, түсіндірсеңіз.",
    ],
)
def test_kazakh_whom_am_i_writing_to_is_who_runs_the_bot(engine: AnswerEngine, question: str) -> None:
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", "hotline-about")


def test_chat_latin_ayel_is_the_kazakh_word_for_wife(engine: AnswerEngine) -> None:
    # "ayelderi" is әйелдері (their wives), as "äielderı" is; read "аелдері" it met nothing and the question about
    # the militants' families was only suggested.
    result = engine.ask("shetelde jurgen sodyrlardyn ayelderi men balalary qansha")
    assert result.entry_id == "militants-abroad"
    assert engine.ask("shetelde jurgen sodyrlardyn äielderı men balalary qansha").entry_id == "militants-abroad"


@pytest.mark.parametrize(
    "question",
    [
        "Сенім телефонына қандай оқиғалар туралы жазу керек?",
        "Кандай окигалар туралы хабарлама жазамын?",
        "Сіздерге не туралы хабарлауға болады?",
        "qandai jagdai turaly habarlau kerek?",
    ],
)
def test_about_what_kind_asks_what_to_report_not_how(engine: AnswerEngine, question: str) -> None:
    # "қандай … туралы" / "не туралы" asks what the hotline takes; the question words are stop words, so without
    # reading the frame the how-to entry, which shares every other word, could win. Written for this test.
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", "hotline-what-to-report")


@pytest.mark.parametrize(
    "question", ["Мен көрсеткен адам мені таниды ма?", "Мен хабарлаған кісі менің атымды біле ме?"]
)
def test_the_person_i_reported_is_not_the_reporter(engine: AnswerEngine, question: str) -> None:
    # "the person I reported … my name": about the one reported, not about what the operators see of the reporter.
    # Written for this test.
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", "hotline-reported-person")


def test_a_year_with_its_case_ending_typed_on_rules_out_another_years_entry(engine: AnswerEngine) -> None:
    # "2017де" is "2017-де" typed without the hyphen: the year no entry covers must not be read as an unknown word,
    # or the 2019 figure is given for 2017. Written for this test.
    assert engine.ask("2017де неше теракттың алдын алды?").entry_id is None
    assert engine.ask("2019да неше теракттың алдын алды?").entry_id == "terror-plots-prevented"


def test_how_many_years_asks_the_term_of_a_sentence(engine: AnswerEngine) -> None:
    # "жыл" is a stop word (every question says "2019 жылы"), so "қанша жыл" must still tell the sentences entry
    # from the number of plots prevented. Written for this test.
    result = engine.ask("terakt jasamak bolgandar kansha jylga kesildi")
    assert (result.decision, result.entry_id) == ("answer", "terror-plot-sentences")


@pytest.mark.parametrize("question", ["Қант қазір қанша тұрады?", "Шымкентке автобус қанша турады"])
def test_a_price_question_in_kazakh_is_not_answered(engine: AnswerEngine, question: str) -> None:
    # "қанша тұрады" (how much does it cost): "тұрады" (stands) met the emergency entry's "қауіп төніп тұр".
    # Written for this test.
    assert engine.ask(question).entry_id is None


def test_an_inflected_function_word_is_not_guessed_as_a_typo(engine: AnswerEngine) -> None:
    # "керегі" (its need) stems to the stop word "керек"; guessed by the typo lookup it met "кезек" (queue), a word
    # of another entry, and the question was only "did you mean". Written for this test.
    result = engine.ask("Бот берген кодтың не керегі бар?")
    assert (result.decision, result.entry_id) == ("answer", "hotline-receipt-code")


def test_the_2021_kazakh_latin_ia_for_ya_is_read(engine: AnswerEngine) -> None:
    # The 2021 alphabet writes "категория" as "kategoriia": read as ия, like chat Latin "kategoriya". Written for this
    # test.
    # Both with the 2021 "ñ", so both are read as Kazakh Latin (no retyped penalty for either).
    official, chat = engine.ask("Qai kategoriiany tañdau kerek?"), engine.ask("Qai kategoriyany tañdau kerek?")
    assert (official.entry_id, official.score) == (chat.entry_id, chat.score)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Казир елде террор кауипи бар ма жок па?", "threat-persists"),
        ("Дәл қазір біреу аялдамада қару алып тұр, не істеймін?", "hotline-emergency"),
    ],
)
def test_now_is_a_filler_and_right_now_is_urgent(engine: AnswerEngine, question: str, entry: str) -> None:
    # "қазір" (now, these days) asks nothing; "дәл қазір" (right now) is the emergency's urgency. Written for this
    # test.
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", entry)


# Written for this test, not taken from a set: English phrases read as what they mean (who the writer is, reported
# speech, "who I am", a report with no name, telling the hotline something, "how many"), each a cause of misses on the
# fifth session's dev sets.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("I'm a teacher from Poland. Can a person stay anonymous when reporting here?", "hotline-anonymous"),
        ("As a retired engineer living in Aktobe I wonder whether terrorism is still a threat here", "threat-persists"),
        ("can i report without telling my name?", "hotline-anonymous"),
        ("do the operators see who i am?", "hotline-phone-visible"),
        ("how do i tell you about a suspicious guy in my building?", "hotline-how-to-report"),
        ("my uncle said 900 people gave up radical views, how many exactly?", "deradicalisation"),
        (
            "does the government only lock radicals up, or also talk them out of it? how many were brought back?",
            "deradicalisation",
        ),
        ("where do i type the code to check my case?", "hotline-receipt-code"),
    ],
)
def test_english_phrases_are_read_as_what_they_mean(engine: AnswerEngine, question: str, entry: str) -> None:
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", entry)


# Written for this test, not taken from a set (each was missed before the sixth English round): whoever passed a
# figure on and the doubt about it, "persons", "de-radicalized", "per year", modal verbs, "cannot find", parking as a
# nuisance, "is it real", "14 thousands", a count "sentenced", "destroyed", "write about".
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Is she right that around 900 persons were de-radicalized, or is she exaggerating?", "deradicalisation"),
        (
            "My cousin from Almaty says over four hundred drills are held per year, is he right?",
            "antiterror-training-events",
        ),
        ("what i must to do for send a report", "hotline-how-to-report"),
        ("I changed my phone and now I cannot find the code you gave me. What to do?", "hotline-lost-code"),
        ("my neighbor keeps parking on the sidewalk, can I complain to you?", "hotline-what-to-report"),
        ("is it real that 14 thousands sites were blocked?", "terrorist-web-content"),
        ("How many peoples was sentenced for terrorism in 2019 year?", "terrorism-convictions"),
        ("how many radical groups was destroyed last year?", "radical-groups-neutralised"),
        ("what can I write about to this bot?", "hotline-what-to-report"),
    ],
)
def test_english_claims_stories_and_learners_grammar(engine: AnswerEngine, question: str, entry: str) -> None:
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", entry)


def test_a_real_english_word_near_a_known_one_is_not_a_typo(engine: AnswerEngine) -> None:
    # "summit" is one letter from "submit", but m and b are not neighbouring keys: a summit is not a report being
    # sent (it answered what happens after a report at 86). Written for this test.
    assert engine.ask("When is the next summit?").entry_id is None


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("In 2015 my brother went to Syria. How can I report the man who recruited him?", "hotline-report-recruitment"),
        ("Is this chat run by the police?", "hotline-about"),
        ("Someone left a backpack under a bench at the bus stop, what do I do?", "hotline-emergency"),
    ],
)
def test_english_story_years_places_and_who_runs_the_bot(engine: AnswerEngine, question: str, entry: str) -> None:
    # A year of the story is not the year asked about (it ruled every entry out); where in town something lies is
    # the story's place; a bot "run by the police" asks who runs it. Written for this test.
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", entry)


def test_a_year_told_before_the_question_leaves_it_reachable(engine: AnswerEngine) -> None:
    result = engine.ask("After the 2016 attacks my parents still worry. How can I report something suspicious?")
    assert "hotline-how-to-report" in {result.entry_id, *result.suggestions}


def test_weather_in_a_city_of_the_briefing_is_not_a_topic(engine: AnswerEngine) -> None:
    # "погода" (weather) is one edit from "повод", a word of the knowledge base; with Taraz (the Temir Zhol exercise)
    # beside it, it was offered as "did you mean" that exercise. Written for this test.
    assert engine.ask("Какая погода в Таразе завтра?").decision == "unknown"


# English wordings of the classes that missed on writers M (questions_dev_k) and on the earliest sets once the
# thresholds fell to 52 / 3: a question for what no entry states of a named institution (its head, members, budget,
# jobs), or about Telegram itself, is at most "did you mean". Own wordings, not taken from a set; on the code before
# these rules the first four were answered (the two about Telegram guard the rule's other half).
@pytest.mark.parametrize(
    "question",
    [
        "How can I get a job at the National Security Committee?",
        "Which countries are member states of the CSTO?",
        "What is the yearly budget of the Anti-Terrorism Center?",
        "Who was the first chairman of the National Security Committee?",
        "how do I exit a telegram group chat",
        "How do I delete my telegram account for good?",
    ],
)
def test_english_questions_about_what_no_entry_states_are_not_answered(engine: AnswerEngine, question: str) -> None:
    assert engine.ask(question).decision != "answer"


def test_no_english_phrasing_of_the_knowledge_base_asks_what_no_entry_states(engine: AnswerEngine) -> None:
    """The rule above caps a question at "did you mean": a phrasing it matched could never be answered."""
    caught = [q for entry in engine.kb.entries for q in entry.questions["en"] if NEIGHBOUR_FACT.search(clean(q))]
    assert caught == []


# A story around the question: what the writer needs it for ("for a school report on …"), a closing sentence that only
# points back ("is there an official number for that?", "where else …"), a question told inside the story ("she asked
# whether …"), a figure given as a bound ("more than 150" is 162, not 140), a reply "received" after sending, a
# language excused. Own wordings; on the code before these rules all but the reply after sending missed their entry.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "My cousin is a guard at a colony and he says that more than a hundred and fifty prisoners dropped radical "
            "views in 2019. Is there an official number for that?",
            "prison-deradicalisation",
        ),
        (
            "My son studies in Manchester and he keeps asking me, only half seriously, if Kazakhstan is still in "
            "danger from terrorists. What was the official conclusion?",
            "threat-persists",
        ),
        (
            "Good morning, for a university report on security policy in the region we need the number of people "
            "convicted for terrorist and extremist offences in 2019. Could you share it?",
            "terrorism-convictions",
        ),
        ("Will I get any answer after I send my tip?", "hotline-after-report"),
        ("can i attach a photo and my location to the report?", "hotline-how-to-report"),
        ("Is there an actual person here or only a machine?", "hotline-human"),
        ("some code came after i submitted my tip, what is it for?", "hotline-receipt-code"),
    ],
)
def test_english_stories_bounds_and_back_references_are_read(engine: AnswerEngine, question: str, entry: str) -> None:
    result = engine.ask(question)
    assert (result.decision, result.entry_id, result.lang) == ("answer", entry, "en")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("понятно. то есть сажают не всех радикалов, я правильно понял?", "restraint-measures"),
        ("ясно. а правда что больше четырнадцати тысяч сайтов с терроризмом нашли?", "terrorist-web-content"),
        ("слышал, тысяч 15 экстремистских ссылок выявили, это так?", "terrorist-web-content"),
        ("про что сюда можно писать?", "hotline-what-to-report"),
        ("о каких случаях нужно сообщать?", "hotline-what-to-report"),
        ("реально анонимно или отследят по телеграму?", "hotline-anonymous"),
        ("сосед заманивает подростков в секту, куда писать", "hotline-report-recruitment"),
        ("а её сразу арестуют?", "hotline-reported-person"),  # him / her: the person reported
        ("я сам был в группе, меня посадят?", "hotline-leave-group"),  # me: the one leaving
        ("как мне отправить сообщение?", "hotline-how-to-report"),  # "how" to report, not what
    ],
)
def test_russian_follow_ups_figures_and_frames_are_read(engine: AnswerEngine, question: str, entry: str) -> None:
    # A nod or "я правильно понял" is no topic; a figure in words with "с лишним", in the genitive or with the scale
    # first is a figure; "о чём / про что … писать" asks what to report. Written for this test.
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("сестра сказала, что угрозы терактов у нас уже нет, так ли это?", "threat-persists"),  # who said it
        ("стоит ли сейчас бояться терактов?", "threat-persists"),  # whether to fear: the threat
        ("я пенсионерка, какие учения проводили на железке в Таразе?", "exercise-temir-zhol"),  # who asks; slang
        ("вы такие сайты блокируете или удаляете?", "terrorist-web-content"),  # "сайты" read as Russian
        ("в интернете всякие ролики экстремистские, вы их чистите?", "terrorist-web-content"),
        ("какие сроки дали за подготовку террористического акта?", "terror-plot-sentences"),  # the law's word
        ("сосед ставит машину на газон, мне сюда писать?", "hotline-what-to-report"),  # an everyday nuisance
        ("соседи шумят по ночам, это к вам?", "hotline-what-to-report"),  # is it the hotline's matter
        ("какие вещи можно вам сообщать, а какие не по адресу?", "hotline-what-to-report"),
    ],
)
def test_russian_hearsay_roles_and_formal_words_are_read(engine: AnswerEngine, question: str, entry: str) -> None:
    # Who told a claim or who the writer is is no topic; "бояться" with its modal asks about the threat; the law's
    # "террористический акт" is a "теракт"; a word of the Russian lexicon is read as Russian. Written for this test.
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", entry)


def test_a_question_about_this_person_is_answered_from_the_story(engine: AnswerEngine) -> None:
    # The last sentence alone fits how-to-report as well as report-recruitment; the story says which. A story of a
    # noisy neighbour with the same kind of question stays an everyday complaint. Written for this test.
    recruiter = engine.ask(
        "Добрый вечер. Я учитель в школе, очень волнуюсь. Один старшеклассник раздаёт ребятам листовки про джихад и "
        "зовёт их на тайные встречи после уроков, некоторые уже ходят. Родители ничего не знают. Как мне правильно "
        "сообщить о нём?"
    )
    neighbour = engine.ask(
        "Здравствуйте, пишу вам уже второй раз, извините. У нас в подъезде живёт мужчина, который по ночам громко "
        "включает музыку и постоянно ругается с соседами, участковый ничего не делает. Можно ли на него пожаловаться "
        "через вас?"
    )
    assert (recruiter.decision, recruiter.entry_id) == ("answer", "hotline-report-recruitment")
    assert (neighbour.decision, neighbour.entry_id) == ("answer", "hotline-what-to-report")


# Kazakh wordings of classes that missed on writers K (questions_dev_i): who the writer is, whom a greeting
# addresses, "nobody is to know my name", a question about the story before it ("бұл туралы"), "қандай нәрселер
# туралы" (about what things). Written for this test, not taken from a set or from the knowledge base; on the code
# before these rules the first four got only "did you mean" and the fifth a wrong answer.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Мен Алматыда тұратын зейнеткермін. Шетелдегі содырлар қанша?", "militants-abroad"),
        ("Жазсам, атым шығып кетпей ме?", "hotline-anonymous"),
        (
            "Сәлеметсіз бе. Жиенімді интернетте біреу шетелдегі соғысқа үгіттеп жүр, видеолар жіберіп тұрады. Бұл "
            "туралы сіздерге қалай хабарласам болады?",
            "hotline-report-recruitment",
        ),
        ("Қандай нәрселер туралы жазуға болады?", "hotline-what-to-report"),
        ("Сәлем, достар! Хабарламаны қалай жіберемін?", "hotline-how-to-report"),
    ],
)
def test_kazakh_frames_around_a_question_do_not_hide_it(engine: AnswerEngine, question: str, entry: str) -> None:
    result = engine.ask(question)
    assert (result.decision, result.entry_id, result.lang) == ("answer", entry, "kk")


# Kazakh wordings of classes that missed on writers L (questions_dev_j): a briefing "given" (брифинг берді), the
# emphatic "өзі" and chat "скока", the mixed "данныйлар" (data), a story followed by "бұл туралы қалай хабарлаймын"
# whose entries tie read alone. Written for this test, not taken from a set; on the code before these rules each got
# only "did you mean".
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Брифингті қай орган берді өзі?", "briefing-source"),
        ("Бұл брифингті кім берген?", "briefing-source"),
        ("Менің данныйларым қанша уақыт сақталады, скока күн?", "hotline-privacy"),
        ("сіздер данныйларды қайда сақтайсыздар?", "hotline-privacy"),
        (
            "Інім колледжде оқиды. Бір танымайтын адам оны жабық топқа қосып, шетелге соғысуға кетуге үгіттеп жүр. "
            "Бұл туралы қалай хабарлаймын?",
            "hotline-report-recruitment",
        ),
    ],
)
def test_kazakh_mixed_speech_and_back_references_are_read(engine: AnswerEngine, question: str, entry: str) -> None:
    result = engine.ask(question)
    assert (result.decision, result.entry_id, result.lang) == ("answer", entry, "kk")


# A Kazakh "how many" (қанша, неше) asks a count, which an entry whose answer states none cannot give: convictions in
# a year the briefing does not cover were answered with the state programme (its years, no count). A population
# ("қанша адам тұрады") is no briefing figure either. Own wording; the first two were answered on the code before.
@pytest.mark.parametrize(
    "question",
    [
        "2018-де қанша адам терроризм үшін түрмеге отырды?",
        "2022 жылы терроризм үшін қанша адам жазаланды?",
        "Қарағанды облысында неше адам тұрады?",
    ],
)
def test_kazakh_how_many_is_not_answered_without_a_count(engine: AnswerEngine, question: str) -> None:
    assert engine.ask(question).decision != "answer"


# Kazakh off-topic classes that the answer threshold of 52 / 3 let through on the dev sets (questions_dev_b kk
# abstained 72%): small talk, a year after the one named, a count an entry does not give, a person the briefing does
# not name, an operation or exercise it does not tell of (a quoted name of unknown words), a lost belonging that is not
# the receipt code, a job, "tell me" a joke or a poem. Own wordings, not taken from a set; all but the Latin greeting
# and the job were answered on the code before these rules (those two got "did you mean").
@pytest.mark.parametrize(
    "question",
    [
        "Сәлем бауырым, қалайсың? Не істеп жүрсің?",
        "Қалыңыз қалай? Не істеп отырсың?",
        "salem bot, qalaisyn, ne istep jatyrsyn",
        "2022 жылдан кейін мемлекеттік бағдарлама жалғаса ма?",
        "2022 жылдан кейінгі бағдарлама қандай болмақ?",
        "«Сарыарқа» жаттығуына неше әскери қатысты?",
        "Мемлекеттік бағдарламаға қанша ақша бөлінді?",
        "Антитеррорлық орталықтың жетекшісі кім?",
        "«Қасқыр» операциясында қанша адам ұсталды?",
        '"Бүркіт" жаттығуы қашан өтті?',
        "Паспортымды жоғалтып алдым, не істеуім керек?",
        "Әмиянымды жоғалттым, не істеймін?",
        "Сенім телефонына жұмысқа қалай тұрамын?",
        "Маған бір өлең айтып жіберші",
        # A foundation date and militants killed: neither is told by the briefing.
        "Қарағанды қаласы қашан салынған?",
        "Антитеррорлық орталық қашан құрылды?",
        "Былтыр қанша содыр жойылды?",
        "2019 zhyly kansha terrorist oltirildi",
    ],
)
def test_kazakh_questions_beside_the_knowledge_base_are_not_answered(engine: AnswerEngine, question: str) -> None:
    assert engine.ask(question).decision != "answer"


# The same rules leave the questions they resemble answered: the code lost (with the phone that held it), the
# programme's years, an operation the briefing names, who held the briefing, who made the bot, a report's status.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Мен өтініш кодын жоғалтып алдым, не істеймін?", "hotline-lost-code"),
        ("Телефонымды жоғалттым, код сонда еді, енді не істеймін?", "hotline-lost-code"),
        ("Бағдарлама қанша жылға арналған?", "state-program"),
        ("«Наемник» операциясы туралы айтып беріңізші", "operation-mercenary"),
        ("«Сарыарқа-Антитеррор-2019» жаттығуы қайда өтті?", "exercise-sary-arka"),
        ("Брифингті кім өткізді?", "briefing-source"),
        ("Бұл ботты кім жасаған?", "hotline-about"),
        ("Хабарламамның жағдайын қалай білемін?", "hotline-receipt-code"),
        ("2019 жылы терроризм үшін неше адам сотталды?", "terrorism-convictions"),
        ("«Темір жол-Антитеррор-2019» жаттығуы қашан өтті?", "exercise-temir-zhol"),
        ("Облыстарда қанша экстремистік ұяшық жойылды?", "radical-groups-neutralised"),
        ("Террористік сілтемелер жойыла ма?", "terrorist-web-content"),
    ],
)
def test_kazakh_near_neighbours_of_off_topic_questions_are_answered(
    engine: AnswerEngine, question: str, entry: str
) -> None:
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", entry)


# Kazakh classes that missed on writers M (questions_dev_k): the writer's trade as any agent noun in "-шы" ("мен …
# балықшымын"), "нендей … туралы" (about what sort of things), "what to press" as how to report, "жақсы" (well) and
# "берші" (tell me) as no topic, a short story followed by its question. Own wordings, not taken from a set; the code
# before answered these too, with narrower leads (the stories at 62.9 and 69.0, now 97.0 and 89.5): they guard the
# rules' reach beyond the three dev_k questions they were found on.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Мен тракторшымын, телефонды онша білмеймін, хабарламаны қалай жіберемін?", "hotline-how-to-report"),
        ("Нендей жағдайлар туралы хабарлауға болады?", "hotline-what-to-report"),
        ("Хабарлама жіберу үшін не басу керек, айтып берші", "hotline-how-to-report"),
        (
            "Қазақстаннан тыс жерде бір таныс мені соғысқа кетуге үгіттеді, телеграмнан жазады. Вербовщик туралы қалай "
            "хабарлаймын?",
            "hotline-report-recruitment",
        ),
        (
            "Інімді біреу шетелге кетуге үгіттеп жүр, ватсапта видеолар жібереді. Үгіттеушіні қалай хабарлаймын?",
            "hotline-report-recruitment",
        ),
    ],
)
def test_kazakh_trades_what_to_press_and_short_stories_are_read(
    engine: AnswerEngine, question: str, entry: str
) -> None:
    result = engine.ask(question)
    assert (result.decision, result.entry_id, result.lang) == ("answer", entry, "kk")


# Kazakh: being put through to a person ("адамға қосыңызшы") is talking to an operator, not attaching something; what
# will happen to "him" ("оны … қамай ма", "ол кісіге не болады") is the person reported, while "оған" after a report
# is the report, and all radicals arrested are restraint measures; people "hired" (жалдап жүр) are recruited. Own
# wordings; "ол кісіге не болады" was answered with what to report on the code before these rules, "жалдап жүрген"
# only suggested.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Тірі адамға қосыңызшы", "hotline-human"),
        ("Адамдарды жалдап жүрген біреу туралы қалай хабарласам болады?", "hotline-report-recruitment"),
        ("Хабарласам, ол кісіге не болады?", "hotline-reported-person"),
        ("Хабарласам, оны түрмеге қамай ма?", "hotline-reported-person"),
        ("Хабарламамды жібергеннен кейін оған не болады?", "hotline-after-report"),
        ("Барлық радикалдарды ұстап қамай ма?", "restraint-measures"),
    ],
)
def test_kazakh_a_person_to_talk_to_and_the_person_reported(engine: AnswerEngine, question: str, entry: str) -> None:
    result = engine.ask(question)
    assert (result.decision, result.entry_id) == ("answer", entry)


# Russian questions about a neighbour of the knowledge base's facts, which it does not state: a price ("стоит" is not
# "кто стоит за ботом"), who heads or works at an organisation, which countries belong to one, another year (typed
# with a Russian ending too) or the future, a part of a figure stated in total, an operation the briefing does not
# name, another service's account, password or tickets. Each shares its topic words with an entry and was answered
# at the thresholds of 52 / 3. Own wording, not from a set.
@pytest.mark.parametrize(
    "question",
    [
        "скока стоит доставка пиццы в Астане",
        "кто сейчас начальник Антитеррористического центра?",
        "сколько человек служит в КНБ",
        "какие страны являются членами ОДКБ кроме нас?",
        "сколько терактов предотвратили в 2023г?",
        "а за 2015 сколько сайтов нашли?",
        "сколько учений проведут в следующем году?",
        "сколько иностранцев среди 12 задержанных на границе?",
        "сколько человек задержали во время операции «Шторм» в Актобе?",
        "как заблокировать свой аккаунт в инстаграме?",
        "забыла пароль от госуслуг, как восстановить",
        "где купить билет на поезд до Тараза?",
    ],
)
def test_russian_neighbouring_facts_are_not_answered(engine: AnswerEngine, question: str) -> None:
    assert engine.ask(question).entry_id is None


# …while the facts it states, asked with the same words, are answered.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("кто вообще стоит за этим ботом?", "hotline-about"),
        ("сколько человек задержали в ходе операции «Наёмник»?", "operation-mercenary"),
        ("сколько терактов предотвратили в 2019-м?", "terror-plots-prevented"),
        ("где проходили учения «Сары-Арка»?", "exercise-sary-arka"),
        ("правда, что осудили 140 человек за терроризм?", "terrorism-convictions"),
        # a head in the writer's story is no question about who heads an organisation
        ("руководитель кружка при мечети вербует подростков, куда об этом писать?", "hotline-report-recruitment"),
        ("директор школы сказал, что угрозы терактов больше нет, это так?", "threat-persists"),
    ],
)
def test_russian_facts_the_knowledge_base_states_are_still_answered(
    engine: AnswerEngine, question: str, entry: str
) -> None:
    assert engine.ask(question).entry_id == entry


# Russian ways of asking read as what they mean. Own wording, not from a set: what the receipt code is for (not lost),
# the code not kept (lost), another verb of sending a report ("направить"), a social network named and thousands in
# speech ("тыщ"), the writer's job ("работаю водителем") and "по стране" (Kazakhstan), "антитеррор" before a noun,
# and "общение" (talking) with the bot in a language.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("какой-то код мне пришёл после отправки, что за код и для чего он?", "hotline-receipt-code"),
        ("код после отправки не сохранил, переписку тоже удалил, что теперь?", "hotline-lost-code"),
        ("каким образом направить вам сведения о подозрительном человеке?", "hotline-how-to-report"),
        ("в тиктоке полно роликов с призывами, вы такие удаляете? тыщ пятнадцать нашли?", "terrorist-web-content"),
        (
            "Работаю водителем маршрутки. Сколько антитеррор учений проводят по стране за год?",
            "antiterror-training-events",
        ),
        ("возможно ли общение с ботом на казахском?", "hotline-languages"),
        # "каждый год" is "ежегодно"; "112 или 102" and danger "вот-вот" are the emergency; how long a trouble lasts
        # ("уже третью неделю") is the story; "вправить мозги" is de-radicalising; "начать новую жизнь" is leaving.
        ("КНБ и правда каждый год проводит по несколько сотен учений?", "antiterror-training-events"),
        ("куда набирать, на 102 или на 112, если в подъезде стреляют?", "hotline-emergency"),
        ("у соседа бомба, похоже рванёт вот-вот, что делать?", "hotline-emergency"),
        ("уже третью неделю над нами шумят по ночам, это к вам?", "hotline-what-to-report"),
        ("скольким в 2019 году вправили мозги разъяснительной работой?", "deradicalisation"),
        ("сын несколько лет провёл в секте, теперь хочет начать новую жизнь, кто поможет?", "hotline-leave-group"),
    ],
)
def test_russian_ways_of_asking_are_read(engine: AnswerEngine, question: str, entry: str) -> None:
    assert engine.ask(question).entry_id == entry


# English: whether anyone at all will learn who wrote is the privacy entry (not what to report, which "reported"
# alone answered), while "he / they find out" stays the reported person's; a retention period named in days or months
# with deleting or keeping asks how long reports are kept. Own wording, not from a set.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("can anybody find out it was me that wrote to you?", "hotline-privacy"),
        ("will somebody learn that i am the one who sent this", "hotline-privacy"),
        ("if i report my boss will he find out it was me", "hotline-reported-person"),
        ("do u delete reports after like 3 months or keep forever", "hotline-privacy"),
        ("Are closed reports wiped after about a hundred days?", "hotline-privacy"),
    ],
)
def test_english_confidentiality_and_retention_are_read(engine: AnswerEngine, question: str, entry: str) -> None:
    assert engine.ask(question).entry_id == entry


# Second round, own wording (questions_dev_l's classes): a short Russian story whose question names the topic is read
# sentence by sentence; whom they arrest is restraint measures; the lost code told by how it came is still lost; losing
# a document is not losing the receipt code.
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "Извините за беспокойство. Есть ли сейчас риск терактов в стране? Мы с детьми собираемся в отпуск на "
            "Алаколь, хотим понимать. Спасибо.",
            "threat-persists",
        ),
        ("кого сажают под арест? всех кто подписан на такие группы?", "restraint-measures"),
        ("а задерживают всех подряд, кто смотрит такие видео, или только некоторых?", "restraint-measures"),
        ("я забыл код который мне дали что теперь делать", "hotline-lost-code"),
        ("потеряла номер обращения который пришел после отправки как быть", "hotline-lost-code"),
    ],
)
def test_russian_short_stories_and_whom_they_arrest_are_read(engine: AnswerEngine, question: str, entry: str) -> None:
    assert engine.ask(question).entry_id == entry


@pytest.mark.parametrize(
    "question",
    [
        "потерял паспорт что делать",
        "кого арестовали за кражу в нашем районе?",
        "Добрый день! Я пенсионерка из Павлодара. Пенсия пришла меньше обычного, не понимаю почему. Подскажите, "
        "пожалуйста, куда мне обратиться? Заранее спасибо.",
    ],
)
def test_russian_everyday_troubles_get_no_answer_of_the_briefing(engine: AnswerEngine, question: str) -> None:
    assert engine.ask(question).decision != "answer"


# The seventh session's English classes (questions_dev_m to _q, whose English wrong answers cost reach): a bot refused
# is a human asked for, which situations or cases the hotline is for is what to report, tracking a report is the
# receipt code, whether "they" (the officers) see the account is what operators see, someone talked into going to
# Syria is recruitment however the question names "this person", the writer's fear for family is not the question,
# giving up views is renouncing them. Own wordings, written before these rules (untuned: 11 of 32 right, 19 reachable,
# 7 wrong; after: 27, 30, 1).
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("i want a real operator, not a robot", "hotline-human"),
        ("no robot, operator pls", "hotline-human"),
        ("operator! not the bot", "hotline-human"),
        ("what situations can i contact you about and what not", "hotline-what-to-report"),
        ("which cases is this hotline meant for?", "hotline-what-to-report"),
        ("what issues can i message u about", "hotline-what-to-report"),
        ("Which topics are not for this line?", "hotline-what-to-report"),
        ("how can i follow my report", "hotline-receipt-code"),
        ("will they see my telegram nickname", "hotline-phone-visible"),
        ("can your officers figure out who i am from my profile pic and name", "hotline-phone-visible"),
        (
            "A guy on Instagram is messaging my cousin telling him to go fight in Syria. How do I report him?",
            "hotline-report-recruitment",
        ),
        (
            "Dear team, I am worried about my safety and my family. Could I report something without revealing who I "
            "am?",
            "hotline-anonymous",
        ),
        (
            "Hello. I am a master's student preparing a thesis about terrorism prevention in Kazakhstan. Could you "
            "tell me how many people abandoned radical ideas after work with theologians? Thank you in advance.",
            "deradicalisation",
        ),
    ],
)
def test_english_refusals_scopes_accounts_and_stories_are_read(engine: AnswerEngine, question: str, entry: str) -> None:
    assert engine.ask(question).entry_id == entry


# Whom to complain to (or whom to call about a nuisance), not asked of the hotline, is another service's question: at
# most "did you mean". Asked of the hotline ("can i complain here?") it stays what-to-report.
@pytest.mark.parametrize(
    "question",
    [
        "my landlord won't return my deposit, who can i complain to",
        "someone keeps leaving garbage near my door, who should i report this to",
        "my neighbours dog barks all night, who do i call about it",
        "the shop sold me expired milk, where do i complain",
    ],
)
def test_english_complaints_elsewhere_are_not_answered(engine: AnswerEngine, question: str) -> None:
    assert engine.ask(question).decision != "answer"


def test_english_complaints_asked_of_the_hotline_are_answered(engine: AnswerEngine) -> None:
    result = engine.ask("my neighbour plays loud music every night, where do i complain? here?")
    assert result.entry_id == "hotline-what-to-report"
    caught = [
        q
        for entry in engine.kb.entries
        for q in entry.questions["en"]
        if EN_COMPLAINT_ELSEWHERE.match(clean(q).lower())
    ]
    assert caught == []


def test_english_report_this_person_after_a_long_story_is_read_with_the_story(engine: AnswerEngine) -> None:
    """Read alone, "How should I report this woman?" is "report" only, tied in every hotline entry."""
    result = engine.ask(
        "A woman keeps messaging my daughter on TikTok trying to convince her to travel to Syria and marry a fighter. "
        "How should I report this woman?"
    )
    assert "hotline-report-recruitment" in (result.entry_id, *result.suggestions[:1])


def test_kazakh_in_the_2021_latin_alphabet_reads_as_its_cyrillic(engine: AnswerEngine) -> None:
    # Not a guess at another script (no retyped penalty), and a story read sentence by sentence as a Cyrillic one is;
    # "ts" is т + с ("sälemetsız"), not the ц of Russian chat Latin (questions_dev_n).
    latin = engine.ask("Jetı radikaldy top jäne 30-dan astam adam bolğan ba? Naqtylap berıñızşı")
    cyrillic = engine.ask("Жеті радикалды топ және 30-дан астам адам болған ба? Нақтылап беріңізші")
    assert latin.decision == cyrillic.decision == "answer"
    assert latin.entry_id == cyrillic.entry_id == "radical-groups-neutralised"
    greeting = engine.ask(
        "Sälemetsız be, men būryn mūndai botqa jazyp körmegenmın, habarlama jıberu üşın qandai qadamdar jasau kerek "
        "ekenın tüsındırıp berseñız, alğys aitamyn"
    )
    assert (greeting.decision, greeting.entry_id) == ("answer", "hotline-how-to-report")


def test_a_latin_kazakh_sentence_about_this_refers_to_the_story(engine: AnswerEngine) -> None:
    # "Osyny qalai habarlasam bolady?" read alone is how-to-report; it asks about the recruiter of the story.
    result = engine.ask(
        "Inım meşıtte bıreulermen aralasyp jür, olar ony ügıttep jatqan sekıldı. Osyny qalai habarlasam bolady?"
    )
    assert result.entry_id == "hotline-report-recruitment" or result.suggestions[0] == "hotline-report-recruitment"


@pytest.mark.parametrize(
    "question",
    [
        "Паспортты калай ауыстырамын, ЦОН кай жерде",
        "Жеке куәлігімді қалай жаңартамын?",
        "zheke kualikti kalai auystyramyn",
        "Telegram akkauntymdy qalai öşıremın?",
        "WhatsApp тобынан қалай шығамын?",
    ],
)
def test_another_services_document_or_account_is_not_the_bots_setting(engine: AnswerEngine, question: str) -> None:
    # Changing a document is not changing the bot's language; leaving an app's group is not leaving a radical one.
    assert engine.ask(question).entry_id is None


def test_changing_the_bots_language_is_still_answered(engine: AnswerEngine) -> None:
    assert engine.ask("тілді қалай ауыстырамын?").entry_id == "hotline-languages"


def test_both_stems_of_a_kazakh_la_verb_meet(engine: AnswerEngine) -> None:
    # "жариялаған" stems to "жарияла", the phrasings' "жариялады" to "жариял" (-ады or -ла-ды): one verb.
    result = engine.ask("бул цифрларды кім жариялаган озы? брифинг кайда болды")
    assert (result.decision, result.entry_id) == ("answer", "briefing-source")


# Seventh session, second English round: wrong answers on held-out phrasings (bench/answer_crossval.py): a
# receipt code not kept ("did not save", "no longer have", "never wrote down") is the code lost; whether the person
# reported (he, she, my boss) will learn who wrote is the reported-person entry's; speaking, talking or writing to an
# operator asks for a human, and so does not wanting to talk to a bot; "what can / should I report" asks what to report.
# Own wordings, written before the rules
# (untuned: 15 of 22 right, 19 reachable, 4 wrong; after: 21, 22, 0).
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("can i talk to a real person please", "hotline-human"),
        ("i need to speak with an operator", "hotline-human"),
        ("how to chat with operator", "hotline-human"),
        ("pls connect me to operator", "hotline-human"),
        ("Is it possible to write to the operator directly and ask him my question?", "hotline-human"),
        ("is there a number to call the hotline", "hotline-human"),
        ("i forgot to save my code, what now", "hotline-lost-code"),
        ("i dont have the code anymore", "hotline-lost-code"),
        ("i never wrote down the code they gave me", "hotline-lost-code"),
        ("my code is deleted with telegram, how to see my report", "hotline-lost-code"),
        ("will my boss find out i reported him", "hotline-reported-person"),
        ("will the man know who wrote about him?", "hotline-reported-person"),
        ("does the person get told that it was me", "hotline-reported-person"),
        ("can she learn that i wrote to you", "hotline-reported-person"),
        ("what kind of things can i report with this bot", "hotline-what-to-report"),
        ("what should i report to you", "hotline-what-to-report"),
        ("what counts as something worth reporting", "hotline-what-to-report"),
        ("how can my brother get out of a radical group", "hotline-leave-group"),
        ("I want to get my son away from these extremist people", "hotline-leave-group"),
        ("is there still danger of terrorism in our country?", "threat-persists"),
        ("What is receipt code and what is it for", "hotline-receipt-code"),
        # not wanting to talk to a bot (a second batch, written before its rule: untuned 2 of 5 right, 2 wrong)
        ("i dont want to chat with a bot", "hotline-human"),
        ("I do not want to write with this bot, I need a man", "hotline-human"),
        ("dont wanna talk to a robot", "hotline-human"),
        ("I don't want to talk to a machine, give me someone real", "hotline-human"),
        ("i dont want this bot to answer me, can a person answer?", "hotline-human"),
    ],
)
def test_english_codes_not_kept_operators_and_the_reported_person_are_read(
    engine: AnswerEngine, question: str, entry: str
) -> None:
    assert engine.ask(question).entry_id == entry


def test_english_code_not_saved_told_in_the_passive_reaches_the_lost_code(engine: AnswerEngine) -> None:
    """Non-native word order; untuned it was answered with the receipt code, now "did you mean" the lost code."""
    result = engine.ask("Code was not saved by me. How I can check my message status?")
    assert result.entry_id in (None, "hotline-lost-code")
    assert "hotline-lost-code" in (result.entry_id, *result.suggestions)


# Everyday questions with the classes' words (a doctor to talk to, a password forgotten, a teacher who finds out,
# getting out of debt, learning a language) are not the hotline's: at most "did you mean".
@pytest.mark.parametrize(
    "question",
    [
        "can i talk to a doctor here",
        "i forgot my telegram password",
        "will my teacher find out i skipped class",
        "how do i get out of debt",
        "how to learn kazakh language fast",
    ],
)
def test_english_everyday_lookalikes_of_the_classes_are_not_answered(engine: AnswerEngine, question: str) -> None:
    assert engine.ask(question).decision != "answer"


# Kazakh: a complaint about an everyday matter of another service (the akimat, a neighbour's noise, a pension) is not
# asked of the hotline: at most "did you mean". Asked of the hotline ("осы жерге шағым жазсам бола ма?") or about
# anything of terrorism, it stays what-to-report. Written for this test, not taken from a set.
@pytest.mark.parametrize(
    "question",
    [
        "Әкімдікке шағымды қалай түсіремін?",
        "Көршілерім түнімен шулайды, шағымды қайда жазамын?",
        "Зейнетақы бойынша шағымды кімге беремін?",
        "emhanaga shagym kaida jazamyn",
    ],
)
def test_kazakh_complaints_elsewhere_are_not_answered(engine: AnswerEngine, question: str) -> None:
    assert engine.ask(question).decision != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "Көршім түнде шулайды, осы жерге шағым жазсам бола ма?",
        "Көршім радикалды видеолар таратады, шағымды қайда жазамын?",
    ],
)
def test_kazakh_complaints_asked_of_the_hotline_stay_answered(engine: AnswerEngine, question: str) -> None:
    assert engine.ask(question).entry_id == "hotline-what-to-report"


def test_no_kazakh_phrasing_of_the_knowledge_base_reads_as_a_complaint_elsewhere(engine: AnswerEngine) -> None:
    caught = [
        q
        for entry in engine.kb.entries
        for q in entry.questions["kk"]
        if "шагым" in (folded := fold_cyrillic(clean(q)))
        and KK_COMPLAINT_NUISANCE.search(folded)
        and not KK_COMPLAINT_HERE_OR_TERROR.search(folded)
    ]
    assert caught == []


# A Kazakh verb in -ын/-ін asked in the present before its particle ("түсіне ме", "көріне ме") is read as the present
# ("түсінеді"), not as a dative peeled to "тус" / "кор"; "бәріне ме", "ғана ма" and "үйіне ме" stay as they are.
@pytest.mark.parametrize(
    ("asked", "stated"),
    [("ол түсіне ме", "ол түсінеді"), ("атым көріне ме", "атым көрінеді"), ("бот орысша түсіне ме", "түсінбейді")],
)
def test_a_kazakh_present_before_its_particle_meets_the_statement(asked: str, stated: str) -> None:
    def stems(text: str) -> list[str]:
        folded = fold_cyrillic(clean(text))
        folded = KK_PRESENT_BEFORE_PARTICLE.sub(_present_third_person, folded)
        return [stem(w, "kk") for w in folded.split() if w not in {"ма", "ме"}]

    assert stems(asked)[-1] == stems(stated)[-1]


@pytest.mark.parametrize("text", ["бәріне ме", "ғана ма", "үйіне ме"])
def test_a_kazakh_dative_before_a_particle_stays(text: str) -> None:
    folded = fold_cyrillic(clean(text))
    assert KK_PRESENT_BEFORE_PARTICLE.sub(_present_third_person, folded) == folded
