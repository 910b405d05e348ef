"""Danger recall and false alarms at other tier thresholds than the shipped ones: the operating point on data.

For each message of the given labelled sets: its lexicon tier and the classifier's probability, under a project
checkout (this one, or ``--project`` for another commit's worktree: how the eighth session measured new writers' sets
on the code from before anyone had tuned on them). Then a table: per (candidate, none) threshold pair, dangers
caught and harmless flagged; with ``--questions``, also how many real questions of the question sets would get the
emergency notice. Holdouts are refused: choosing a threshold on one is tuning on it.

    .venv/bin/python bench/danger_operating_point.py tests/sets/danger_dev_s.jsonl … --questions
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CANDIDATE = (0.45, 0.4, 0.35)
NONE = (0.7, 0.6, 0.55, 0.5, 0.45, 0.4)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path, help="labelled danger sets (JSONL: text, lang, danger)")
    parser.add_argument("--project", type=Path, default=HERE, help="the checkout whose code and knowledge to use")
    parser.add_argument("--questions", action="store_true", help="also count questions_dev*/probes flagged")
    args = parser.parse_args()
    if any("holdout" in path.name for path in args.sets):
        parser.error("a holdout is never used to choose a threshold")
    sys.path.insert(0, str(args.project.resolve()))
    from bot.answers.danger import DangerRecogniser, read, tier

    recogniser = DangerRecogniser.load(args.project / "knowledge")

    def scored(text: str) -> tuple[str, float]:
        readings = read(text)
        groups = recogniser.lexicon.groups_in(readings)
        # An older checkout's tier() has no habitual cue (before the eighth session).
        extra = {"habitual": readings.habitual} if hasattr(readings, "habitual") else {}
        tier_ = tier(
            groups, recogniser.lexicon.signal_groups, short=readings.short, laughter=readings.laughter, **extra
        )
        return tier_, recogniser.assess(text).probability

    messages = [
        (*scored(row["text"]), bool(row["danger"]))
        for path in args.sets
        for row in map(json.loads, filter(None, path.read_text(encoding="utf-8").splitlines()))
    ]
    questions = []
    if args.questions:
        for path in sorted((HERE / "tests" / "sets").glob("questions_*.jsonl")):
            if "holdout" not in path.name:
                questions += [scored(json.loads(line)["q"]) for line in path.read_text(encoding="utf-8").splitlines()]
    dangers = sum(label for _, _, label in messages)
    print(f"{len(messages)} messages ({dangers} dangers); the other tiers stay at their shipped thresholds")
    header = "| candidate | none | dangers caught | harmless flagged |" + (" questions flagged |" if questions else "")
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    shipped = recogniser.model.decision.thresholds
    for candidate in CANDIDATE:
        for none in NONE:
            bar = {**shipped, "candidate": candidate, "none": none}
            caught = sum(p >= bar[t] for t, p, label in messages if label)
            flagged = sum(p >= bar[t] for t, p, label in messages if not label)
            row = f"| {candidate} | {none} | {caught}/{dangers} | {flagged}/{len(messages) - dangers} |"
            if questions:
                row += f" {sum(p >= bar[t] for t, p in questions)}/{len(questions)} |"
            print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
