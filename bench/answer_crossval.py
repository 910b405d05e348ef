"""Unseen wording without spending a holdout: each phrasing of the knowledge base asked of an engine built without it.

    .venv/bin/python bench/answer_crossval.py [--folds 5]

The phrasings of every entry and language are split into ``--folds`` folds; for each fold the engine is built from the
knowledge base without that fold's phrasings and asked them. A held-out phrasing still has sibling phrasings written
alike, but none with its exact words, so this measures wording the engine was not given — the holdout's problem —
and any change can be checked on it as often as needed. (Its figures run below a fresh holdout's: a fifth of every
entry's phrasings is missing, and the phrasings include one-word and very short ones.)

Prints right / reachable / wrong per language at the current tuning, and the "did you mean" band table: reachable on
the held-out phrasings and on the tuning sets, and the share of the tuning sets' off-topic questions that get no
suggestion at all (the noise the band costs); then the "see also" table: for each lead below which an answer also
offers its close runner-ups, the wrong answers that then lead to the right entry and the right answers with the line.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from answer_quality import SETS, accepted, load_set  # noqa: E402
from answer_thresholds import TUNING_SETS  # noqa: E402

from bot.answers.answer_engine import AnswerEngine, Tuning, decide  # noqa: E402
from bot.answers.knowledge_base import KnowledgeBase, Lexicon, load_knowledge_base, load_lexicon  # noqa: E402

BANDS = ((45, 41), (42, 38), (39, 35), (36, 32), (33, 30))  # (suggest, suggestion_floor)

Ranked = list[tuple[str, str, set[str], list[tuple[int, float]], list[str]]]  # question, lang, good, ranking, ids


def held_out(kb: KnowledgeBase, lexicon: Lexicon, folds: int, tuning: Tuning) -> Ranked:
    ranked: Ranked = []
    for fold in range(folds):
        entries, asked = [], []
        for entry in kb.entries:
            kept = {}
            for lang, phrasings in entry.questions.items():
                kept[lang] = tuple(q for n, q in enumerate(phrasings) if n % folds != fold)
                asked += [(q, lang, entry.id) for n, q in enumerate(phrasings) if n % folds == fold]
            entries.append(dataclasses.replace(entry, questions=kept))
        engine = AnswerEngine(KnowledgeBase(entries), lexicon=lexicon, tuning=tuning)
        for question, lang, entry_id in asked:
            ranked.append((question, lang, {entry_id}, engine.rank(question)[1], engine.entry_ids))
    return ranked


def tuning_sets(kb: KnowledgeBase, lexicon: Lexicon, tuning: Tuning) -> Ranked:
    engine = AnswerEngine(kb, lexicon=lexicon, tuning=tuning)
    return [
        (item["q"], item["lang"], accepted(item), engine.rank(item["q"])[1], engine.entry_ids)
        for name in TUNING_SETS
        for item in load_set(SETS[name])
    ]


def share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    knowledge = PROJECT / "knowledge"
    kb, lexicon, tuning = load_knowledge_base(knowledge), load_lexicon(knowledge), Tuning()
    phrasings = held_out(kb, lexicon, args.folds, tuning)
    questions = tuning_sets(kb, lexicon, tuning)

    print(f"\nheld-out phrasings ({len(phrasings)}, {args.folds} folds), current tuning\n")
    print("| language | right entry | reachable | wrong answer |")
    print("|---|---|---|---|")
    for lang in ("kk", "ru", "en", "all"):
        rows = [r for r in phrasings if lang in ("all", r[1])]
        results = [(good, decide(q, language, ranking, ids, tuning)) for q, language, good, ranking, ids in rows]
        right = sum(result.entry_id in good for good, result in results)
        reach = sum(result.entry_id in good or bool(good & set(result.suggestions)) for good, result in results)
        wrong = sum(result.entry_id is not None and result.entry_id not in good for good, result in results)
        print(f"| {lang} | {share(right, len(rows))} | {share(reach, len(rows))} | {share(wrong, len(rows))} |")

    print('\n"did you mean" band: reachable (held-out phrasings kk / ru / en; tuning sets) and off-topic left silent\n')
    print("| suggest | further from | held-out kk | ru | en | tuning sets | off-topic without suggestions |")
    print("|---|---|---|---|---|---|---|")
    for suggest, floor in BANDS:
        band = dataclasses.replace(tuning, suggest=float(suggest), suggestion_floor=float(floor))
        cells = []
        for lang in ("kk", "ru", "en"):
            rows = [r for r in phrasings if r[1] == lang]
            reach = 0
            for q, language, good, ranking, ids in rows:
                result = decide(q, language, ranking, ids, band)
                reach += result.entry_id in good or bool(good & set(result.suggestions))
            cells.append(share(reach, len(rows)))
        in_scope = [r for r in questions if r[2]]
        reach = 0
        for q, language, good, ranking, ids in in_scope:
            result = decide(q, language, ranking, ids, band)
            reach += result.entry_id in good or bool(good & set(result.suggestions))
        off_topic = [r for r in questions if not r[2]]
        silent = sum(
            decide(q, lang, ranking, ids, band).decision == "unknown" for q, lang, _, ranking, ids in off_topic
        )
        print(
            f"| {suggest} | {floor} | {' | '.join(cells)} | {share(reach, len(in_scope))} "
            f"| {share(silent, len(off_topic))} |"
        )
    print_see_also(phrasings, tuning)


SEE_ALSO_LEADS = (0.0, 5.0, 8.0, 10.0, 15.0, 20.0)


def print_see_also(phrasings: Ranked, tuning: Tuning) -> None:
    """What each ``see_also_lead`` buys (wrong answers whose right entry is offered under them) and costs (right
    answers that carry the extra "did you mean" line), on the held-out phrasings."""
    print('\n"see also" under a narrow-lead answer: wrong answers rescued, and right answers with the extra line\n')
    print("| lead below | wrong answers rescued | right answers with the line |")
    print("|---|---|---|")
    for lead in SEE_ALSO_LEADS:
        window = dataclasses.replace(tuning, see_also_lead=lead)
        wrong = rescued = right = shown = 0
        for q, language, good, ranking, ids in phrasings:
            result = decide(q, language, ranking, ids, window)
            if result.decision != "answer":
                continue
            if result.entry_id in good:
                right += 1
                shown += bool(result.suggestions)
            else:
                wrong += 1
                rescued += bool(good & set(result.suggestions))
        marker = " (current)" if lead == tuning.see_also_lead else ""
        print(f"| {lead:g}{marker} | {rescued} of {wrong} ({share(rescued, wrong)}) | {share(shown, right)} |")


if __name__ == "__main__":
    main()
