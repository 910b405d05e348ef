"""Answer quality on the labelled question sets, per language: the same command before and after every change.

    .venv/bin/python bench/answer_quality.py [--sets questions_dev questions_dev_b questions_dev_c dev dev2 dev3 …]

For each set and language: questions with an expected entry answered with it (or an accepted alternative, ``also``),
those whose right entry is reachable (answered, or among "did you mean"), wrong answers, and off-topic questions
abstained. Holdout sets are measured only: this prints aggregate figures and never an individual question.
``--misses`` lists the misses of the sets used for tuning (never of a holdout).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bot.answers.answer_engine import AnswerEngine, Result  # noqa: E402
from bot.answers.knowledge_base import load_knowledge_base, load_lexicon  # noqa: E402
from bot.core.languages import LANGUAGES  # noqa: E402

SETS = {
    "questions_dev": PROJECT / "tests" / "sets" / "questions_dev.jsonl",
    "questions_dev_b": PROJECT / "tests" / "sets" / "questions_dev_b.jsonl",
    "questions_dev_c": PROJECT / "tests" / "sets" / "questions_dev_c.jsonl",
    "questions_dev_m": PROJECT / "tests" / "sets" / "questions_dev_m.jsonl",
    "questions_dev_d": PROJECT / "tests" / "sets" / "questions_dev_d.jsonl",
    "questions_dev_e": PROJECT / "tests" / "sets" / "questions_dev_e.jsonl",
    "questions_dev_f": PROJECT / "tests" / "sets" / "questions_dev_f.jsonl",
    "questions_dev_g": PROJECT / "tests" / "sets" / "questions_dev_g.jsonl",
    "questions_dev_h": PROJECT / "tests" / "sets" / "questions_dev_h.jsonl",
    "questions_dev_i": PROJECT / "tests" / "sets" / "questions_dev_i.jsonl",
    "questions_dev_j": PROJECT / "tests" / "sets" / "questions_dev_j.jsonl",
    "questions_dev_k": PROJECT / "tests" / "sets" / "questions_dev_k.jsonl",
    "questions_dev_l": PROJECT / "tests" / "sets" / "questions_dev_l.jsonl",
    "questions_dev_n": PROJECT / "tests" / "sets" / "questions_dev_n.jsonl",
    "questions_dev_o": PROJECT / "tests" / "sets" / "questions_dev_o.jsonl",
    "questions_dev_p": PROJECT / "tests" / "sets" / "questions_dev_p.jsonl",
    "questions_dev_q": PROJECT / "tests" / "sets" / "questions_dev_q.jsonl",
    "questions_holdout_13": PROJECT / "tests" / "sets" / "questions_holdout_13.jsonl",
    "questions_holdout_14": PROJECT / "tests" / "sets" / "questions_holdout_14.jsonl",
    "questions_holdout_15": PROJECT / "tests" / "sets" / "questions_holdout_15.jsonl",
    "questions_holdout_16": PROJECT / "tests" / "sets" / "questions_holdout_16.jsonl",
    "dev": PROJECT / "tests" / "devset" / "dev.jsonl",
    "dev2": PROJECT / "tests" / "devset" / "dev2.jsonl",
    "dev3": PROJECT / "tests" / "devset" / "dev3.jsonl",
}
# Earlier holdouts whose failures were looked at became dev sets (questions_dev_b, _c to _q, dev3; see
# tests/sets/README.md).
HOLDOUTS = frozenset(name for name in SETS if "holdout" in name)


def load_set(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def accepted(item: dict) -> set[str]:
    return {item["expected"], *item.get("also", [])} if item["expected"] else set()


@dataclass
class Tally:
    in_scope: int = 0
    right: int = 0
    reachable: int = 0
    wrong: int = 0
    off_topic: int = 0
    abstained: int = 0
    silent: int = 0  # off-topic questions abstained without any "did you mean"
    misses: list[tuple[dict, Result]] = field(default_factory=list)

    def add(self, item: dict, result: Result) -> None:
        good = accepted(item)
        if not good:
            self.off_topic += 1
            self.abstained += result.entry_id is None
            self.silent += result.decision == "unknown"
            if result.entry_id is not None:
                self.misses.append((item, result))
            return
        self.in_scope += 1
        self.right += result.entry_id in good
        self.reachable += result.entry_id in good or bool(good & set(result.suggestions))
        self.wrong += result.entry_id is not None and result.entry_id not in good
        if result.entry_id not in good:
            self.misses.append((item, result))

    def row(self, label: str) -> str:
        def share(part: int, whole: int) -> str:
            return f"{part / whole:.1%} ({part}/{whole})" if whole else "–"

        return (
            f"| {label} | {share(self.right, self.in_scope)} | {share(self.reachable, self.in_scope)} "
            f"| {share(self.wrong, self.in_scope)} | {share(self.abstained, self.off_topic)} |"
        )


def measure(engine: AnswerEngine, items: list[dict]) -> dict[str, Tally]:
    """Tallies per language and for all (key ``all``)."""
    tallies = {lang: Tally() for lang in (*LANGUAGES, "all")}
    for item in items:
        result = engine.ask(item["q"])
        tallies[item["lang"]].add(item, result)
        tallies["all"].add(item, result)
    return tallies


def build_engine() -> AnswerEngine:
    knowledge = PROJECT / "knowledge"
    return AnswerEngine(load_knowledge_base(knowledge), lexicon=load_lexicon(knowledge))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=list(SETS))
    parser.add_argument("--misses", action="store_true", help="list misses of the tuning sets (never a holdout)")
    args = parser.parse_args()
    engine = build_engine()
    for name in args.sets:
        if not SETS[name].exists():
            print(f"\n{name}: {SETS[name].relative_to(PROJECT)} is not there yet\n")
            continue
        items = load_set(SETS[name])
        tallies = measure(engine, items)
        print(f"\n{name} ({len(items)} questions)\n")
        print("| language | right entry | reachable | wrong answer | off-topic abstained |")
        print("|---|---|---|---|---|")
        for lang, tally in tallies.items():
            print(tally.row(lang))
        if args.misses and name not in HOLDOUTS:
            for item, result in tallies["all"].misses:
                shown = result.entry_id or ",".join(result.suggestions) or "-"
                print(f"  {item['lang']} {item['expected']} -> {result.decision} {shown} {result.score}: {item['q']}")


if __name__ == "__main__":
    main()
