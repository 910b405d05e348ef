"""Sweep the answer engine's decision thresholds on every dev set and print the table they are chosen from.

    .venv/bin/python bench/answer_thresholds.py [--answers 48-57] [--margins 1-6] [--top 25] [--abstain 0.90]

For each combination of ``answer`` (the score needed to answer) and ``margin`` (the lead over the next entry needed to
answer) the engine is built anew and asks every question again: the caps that keep a vague question just below an
answer (``answer - 1``) move with the threshold, so deciding once-ranked questions again would overstate a lower
threshold. Only dev sets are read (every set in ``answer_quality.SETS`` but the holdouts).

The objective is the right-entry share over the dev sets pooled, among combinations that keep pooled off-topic
abstention at or above ``--abstain`` (the issue's target, 90%). The table shows beside it the sets written by
independent writers during issue 10 (``questions_dev_d`` to the newest), the newest of them alone (read, not yet
tuned on: the closest thing to a fresh writer) and the earliest sets, whose off-topic questions are the nearest traps.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from answer_quality import HOLDOUTS, SETS, Tally, load_set  # noqa: E402

from bot.answers.answer_engine import AnswerEngine, Tuning  # noqa: E402
from bot.answers.knowledge_base import load_knowledge_base, load_lexicon  # noqa: E402

# The sets bench/answer_crossval.py holds phrasings out against (the first sessions' tuning sets).
TUNING_SETS = ("questions_dev", "questions_dev_c", "dev", "dev2", "dev3")
EARLIEST = ("questions_dev", "questions_dev_b", "questions_dev_c", "dev", "dev2", "dev3")
WRITERS = tuple(name for name in SETS if name.startswith("questions_dev_") and name not in EARLIEST)
COUNTERS = ("in_scope", "right", "reachable", "wrong", "off_topic", "abstained", "silent")


def span(text: str) -> range:
    low, _, high = text.partition("-")
    return range(int(low), int(high or low) + 1)


def pooled(tallies: dict[str, Tally], names: tuple[str, ...] | list[str]) -> Tally:
    total = Tally()
    for name in names:
        for counter in COUNTERS:
            setattr(total, counter, getattr(total, counter) + getattr(tallies[name], counter))
    return total


def cell(tally: Tally) -> str:
    return (
        f"{tally.right / tally.in_scope:.1%} / {tally.wrong / tally.in_scope:.2%} / "
        f"{tally.abstained / tally.off_topic:.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=span, default=span("48-57"))
    parser.add_argument("--margins", type=span, default=span("1-6"))
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--abstain", type=float, default=0.90, help="least pooled off-topic abstention")
    args = parser.parse_args()
    knowledge = PROJECT / "knowledge"
    kb, lexicon = load_knowledge_base(knowledge), load_lexicon(knowledge)
    names = [name for name in SETS if name not in HOLDOUTS and SETS[name].exists()]
    items = {name: load_set(SETS[name]) for name in names}
    newest = WRITERS[-1]
    rows = []
    for answer in args.answers:
        for margin in args.margins:
            tuning = replace(Tuning(), answer=float(answer), margin=float(margin))
            engine = AnswerEngine(kb, lexicon=lexicon, tuning=tuning)
            tallies = {name: Tally() for name in names}
            for name in names:
                for item in items[name]:
                    tallies[name].add(item, engine.ask(item["q"]))
            everything = pooled(tallies, names)
            right = everything.right / everything.in_scope
            abstain = everything.abstained / everything.off_topic
            groups = (everything, pooled(tallies, WRITERS), tallies[newest], pooled(tallies, EARLIEST))
            rows.append((abstain >= args.abstain, right, abstain, answer, margin, groups))
            print(f"  answer {answer}, margin {margin}: pooled right {right:.1%}, abstained {abstain:.1%}", flush=True)
    rows.sort(key=lambda row: row[:3], reverse=True)
    current = Tuning()
    print(f"\ncurrent: answer {current.answer:g}, margin {current.margin:g}")
    print(f"objective: pooled right entry, with pooled off-topic abstention ≥ {args.abstain:.0%}")
    print("cells: right / wrong / off-topic abstained\n")
    print(f"| answer | margin | all dev sets | {WRITERS[0]} to {newest} | {newest} | earliest sets |")
    print("|---|---|---|---|---|---|")
    for ok, _, _, answer, margin, groups in rows[: args.top]:
        cells = " | ".join(cell(tally) for tally in groups)
        print(f"| {answer} | {margin} | {cells} |{'' if ok else ' (abstains too little)'}")


if __name__ == "__main__":
    main()
