"""Sweep the answer engine's decision thresholds on the tuning sets and print the table they are chosen from.

    .venv/bin/python bench/answer_thresholds.py [--top 25]

Each question is ranked once; then every combination of ``answer`` (the score needed to answer), ``margin`` (the lead
over the next entry needed to answer) and ``suggest`` (the score needed to offer "did you mean") decides it again.
Only tuning sets are read (tests/sets/questions_dev.jsonl, tests/devset/dev.jsonl, dev2.jsonl, dev3.jsonl): never a
holdout, nor questions_dev_b (kept for checking that a change generalises).
The objective is the right-entry share over the three sets pooled, among combinations that keep pooled off-topic
abstention at or above ``--abstain`` (the issue's target, 90%); ties go to more reachable, then to more off-topic
questions left without "did you mean" noise, then to the larger margin (safer).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import replace
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from answer_quality import SETS, Tally, build_engine, load_set  # noqa: E402

from bot.answers.answer_engine import decide  # noqa: E402

TUNING_SETS = ("questions_dev", "questions_dev_c", "dev", "dev2", "dev3")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--abstain", type=float, default=0.90, help="least pooled off-topic abstention")
    args = parser.parse_args()
    engine = build_engine()
    ranked = {
        name: [(item, *engine.rank(item["q"])) for item in load_set(SETS[name])]
        for name in TUNING_SETS
        if SETS[name].exists()
    }
    rows = []
    grid = itertools.product(range(44, 71), range(0, 13), range(30, 52, 3))
    for answer, margin, suggest in grid:
        if suggest > answer:
            continue
        tuning = replace(engine.tuning, answer=float(answer), margin=float(margin), suggest=float(suggest))
        tallies = {}
        for name, items in ranked.items():
            tally = Tally()
            for item, lang, ranking in items:
                tally.add(item, decide(item["q"], lang, ranking, engine.entry_ids, tuning))
            tallies[name] = tally
        pooled = Tally()
        for tally in tallies.values():
            for counter in ("in_scope", "right", "reachable", "wrong", "off_topic", "abstained", "silent"):
                setattr(pooled, counter, getattr(pooled, counter) + getattr(tally, counter))
        right = pooled.right / pooled.in_scope
        reach = pooled.reachable / pooled.in_scope
        abstain = pooled.abstained / pooled.off_topic
        silent = pooled.silent / pooled.off_topic
        rows.append((abstain >= args.abstain, right, reach, silent, margin, answer, suggest, tallies, pooled))
    rows.sort(key=lambda r: r[:5], reverse=True)
    current = engine.tuning
    print(f"current: answer {current.answer:g}, margin {current.margin:g}, suggest {current.suggest:g}")
    print(f"objective: pooled right entry, with pooled off-topic abstention ≥ {args.abstain:.0%}\n")
    names = [*ranked, "pooled"]
    header = " | ".join(f"{name} right / reach / abstain / silent" for name in names)
    print(f"| answer | margin | suggest | {header} |")
    print("|---|---|---|" + "---|" * len(names))
    for ok, *_, margin, answer, suggest, tallies, pooled in rows[: args.top]:
        cells = " | ".join(
            f"{t.right / t.in_scope:.1%} / {t.reachable / t.in_scope:.1%} / {t.abstained / t.off_topic:.1%} / "
            f"{t.silent / t.off_topic:.0%}"
            for t in [*tallies.values(), pooled]
        )
        print(f"| {answer} | {margin} | {suggest} | {cells} |{'' if ok else ' (abstains too little)'}")


if __name__ == "__main__":
    main()
