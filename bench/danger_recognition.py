"""Benchmark: what danger recognition costs per message (bot/answers/danger.py), lexicon and classifier apart.

    .venv/bin/python bench/danger_recognition.py [--runs 5]

Every message of tests/sets/danger_dev.jsonl (210 short messages, kk/ru/en, all typings) and 50 long ones (the dev
messages repeated up to Telegram's 4,096 characters) is assessed. Per message: p50/p99 of wall-clock and of CPU time
(median over runs), for the lexicon alone and for the whole decision; then loading the model and the build.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bot.answers import danger_training  # noqa: E402
from bot.answers.danger import DangerRecogniser, read  # noqa: E402

KNOWLEDGE = PROJECT / "knowledge"
DEV = PROJECT / "tests" / "sets" / "danger_dev.jsonl"


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def timed(messages: list[str], step: Callable[[str], object]) -> tuple[list[float], list[float]]:
    """Per message: wall-clock µs, and CPU µs of this thread (which other processes on a busy machine don't inflate)."""
    wall, cpu = [], []
    for message in messages:
        started, started_cpu = time.perf_counter(), time.thread_time()
        step(message)
        wall.append((time.perf_counter() - started) * 1e6)
        cpu.append((time.thread_time() - started_cpu) * 1e6)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-build", action="store_true", help="do not time `hotline danger build`")
    args = parser.parse_args()

    short = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    long = [((text + " ") * (4096 // (len(text) + 1) + 1))[:4096] for text in short[:50]]
    loads = []
    for _ in range(args.runs):
        started = time.perf_counter()
        recogniser = DangerRecogniser.load(KNOWLEDGE)
        loads.append((time.perf_counter() - started) * 1e3)
    lexicon, model = recogniser.lexicon, recogniser.model

    def lexicon_only(text: str) -> object:
        return lexicon.groups_in(read(text))

    # Uncached: the recogniser keeps its last assessments, so timing `recogniser.urgent` over messages it has just
    # seen measured a dictionary lookup (1-2 µs), not reading them.
    uncached = DangerRecogniser(lexicon, model, cache_size=0)

    def whole(text: str) -> object:
        return uncached.urgent(text)

    rows = []
    for label, messages in (("short (dev set, 210)", short), ("4,096 chars (50)", long)):
        for part, step in (("reading + lexicon", lexicon_only), ("urgent(): + features + classifier", whole)):
            runs = [timed(messages, step) for _ in range(args.runs)]
            wall = [percentiles(w) for w, _ in runs]
            cpu = [percentiles(c) for _, c in runs]
            rows.append(
                (
                    label,
                    part,
                    *(statistics.median(x[i] for x in wall) for i in (0, 1)),
                    *(statistics.median(x[i] for x in cpu) for i in (0, 1)),
                )
            )

    print(f"machine load (1/5/15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}; runs: {args.runs}")
    print(
        f"model: {len(model.weights)} weights; loading it (parse model.tsv, compile the lexicon): "
        f"median {statistics.median(loads):.0f} ms"
    )
    print("| messages | step | p50 µs | p99 µs | CPU p50 µs | CPU p99 µs |")
    print("|---|---|---|---|---|---|")
    for label, part, p50, p99, cpu50, cpu99 in rows:
        print(f"| {label} | {part} | {p50:.0f} | {p99:.0f} | {cpu50:.0f} | {cpu99:.0f} |")
    if not args.skip_build:
        started = time.perf_counter()
        danger_training.build(KNOWLEDGE)
        print(f"`hotline danger build` (5-fold cross-validation + final fit): {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
