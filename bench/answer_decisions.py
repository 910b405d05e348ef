"""Every dev question's decision, to prove a change identical (or show exactly what it moves): diff two runs.

    .venv/bin/python bench/answer_decisions.py > before.txt   # then change the code, run again, diff

One line per question of every dev set (``answer_quality.SETS`` but the holdouts, whose questions are never
printed): set, decision, entry, score, suggestions, and the ranking's first three entries with their scores. A speed-up
must leave every line as it is; a reading rule shows here what it moves besides what it was written for.
"""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from answer_quality import HOLDOUTS, SETS, build_engine, load_set  # noqa: E402


def main() -> None:
    engine = build_engine()
    for name, path in SETS.items():
        if name in HOLDOUTS or not path.exists():
            continue
        for item in load_set(path):
            result = engine.ask(item["q"])
            top = [(engine.entry_ids[position], round(score, 3)) for position, score in engine.rank(item["q"])[1][:3]]
            print(name, result.decision, result.entry_id, result.score, ",".join(result.suggestions), top, sep=" | ")


if __name__ == "__main__":
    main()
