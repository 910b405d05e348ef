"""Benchmark: the day of a public appeal — thousands of citizens who never wrote before, all at once.

    .venv/bin/python bench/surge.py [--citizens 2000] [--runs 3] [--parts polling,webhook,paced]
                                    [--webhook-citizens 2000] [--paced-citizens 300] [--report-share 0.1]
                                    [--database-url URL] [--redis-url URL]

Three parts, each a fresh emulator, bot token, data directory / database per phase:

- polling: ``--citizens`` new citizens each send one question (tests/devset/dev.jsonl, in-scope, in the question's
  language) at once; the hotline (``python -m bot run``, SQLite) and an aiogram echo bot, each in its own process,
  long-poll the same kind of Bot API peer (the project's emulator, in this process). Phases alternate echo/hotline
  within a run, so the ratio compares bots under the same machine load. Outgoing pacing and flood control lifted.
- webhook: a mixed surge in webhook mode on PostgreSQL + Redis (``python -m bot run --webhook``), 1 and 2
  instances behind the emulator's round-robin delivery: ``--webhook-citizens`` new citizens at once, a share
  (``--report-share``) of them making one full report (/report, category, description, Done, Skip, Skip, Submit),
  the others asking one question. Pacing lifted. After the surge the database is checked: one case per receipt.
- paced: the same mixed surge with ``--paced-citizens`` citizens, 2 instances, the bot's pacing at its defaults
  (Telegram's limits, shared through Redis) and the emulator *enforcing* Telegram's limits (30 messages/s per bot,
  1/s per private chat with a burst of 3, 20/min per group): counts the 429 answers the bots got.

Printed per phase: answered per second (answers and receipts over the time from the first message sent to the last
reply), p50/p99 from a citizen's message to the bot's answer (questions: the answer with its buttons, which may follow
an emergency notice; reports: /report → the category question, and the whole report /report → receipt), lost and
duplicated (citizens without their answer / receipt; answers or cases more than once), and CPU per answered item in
each process (from /proc, over the surge). Warm-up: 20 other citizens ask first, so start-up work is not measured.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import os
import platform
import shlex
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "bench"))

import aiogram  # noqa: E402
import bot_throughput as polling  # noqa: E402
import webhook_scaling as webhooks  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from bot.emulator import BotAPIEmulator, EmuEvent, EmuUser  # noqa: E402
from bot.emulator.errors import ApiError  # noqa: E402

SURGE_TIMEOUT = 120.0  # s without any new reply: the surge is over, whatever is missing is lost
WARMUP_CITIZENS = 20
FIRST_ID = 900_000_001
REPORT_STEP_TIMEOUT = 120.0
DEFAULT_DATABASE = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


# ---------------------------------------------------------------------------------------------------- measuring


class Replies:
    """Per chat: every bot message (to count duplicates) and waiters for the next one that matches."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.finals: collections.Counter[int] = collections.Counter()
        self.is_final: Callable[[dict], bool] = lambda message: True
        self.last_at = time.perf_counter()
        self._waiting: dict[int, tuple[Callable[[dict], bool], asyncio.Future[tuple[float, dict]]]] = {}

    def expect(self, chat_id: int, matches: Callable[[dict], bool]) -> asyncio.Future[tuple[float, dict]]:
        future: asyncio.Future[tuple[float, dict]] = asyncio.get_running_loop().create_future()
        self._waiting[chat_id] = (matches, future)
        return future

    def __call__(self, event: EmuEvent) -> None:
        if event.kind != "bot_message" or event.token != self.token or event.chat_id is None or not event.message:
            return
        self.last_at = time.perf_counter()
        if self.is_final(event.message):
            self.finals[event.chat_id] += 1
        waiting = self._waiting.get(event.chat_id)
        if waiting is not None and not waiting[1].done() and waiting[0](event.message):
            waiting[1].set_result((self.last_at, event.message))
            del self._waiting[event.chat_id]


@dataclass
class Surge:
    """What one phase measured."""

    name: str
    citizens: int
    answered: int = 0  # questions answered + receipts received
    seconds: float = float("nan")
    first_reply_ms: list[float] = field(default_factory=list)  # question → answer; /report → category question
    report_ms: list[float] = field(default_factory=list)  # /report → receipt
    report_citizens: int = 0
    lost: int = 0
    duplicated: int = 0
    cpu_ms: dict[str, float] = field(default_factory=dict)  # process → CPU ms per answered item
    rejected_429: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.answered / self.seconds if self.seconds else float("nan")


async def until_quiet(replies: Replies, pending: Callable[[], bool]) -> None:
    """Until nothing is pending, or no reply came for SURGE_TIMEOUT seconds."""
    while pending() and time.perf_counter() - replies.last_at < SURGE_TIMEOUT:
        await asyncio.sleep(0.05)


class LoopLag:
    """How late this process's event loop runs a 20 ms timer: the emulator stamps a message's arrival when its
    loop gets to it, so a stalled loop delivers messages sent apart as if they arrived together."""

    def __init__(self) -> None:
        self.lags: list[float] = []

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        async def watch() -> None:
            while True:
                due = time.perf_counter() + 0.02
                await asyncio.sleep(0.02)
                self.lags.append(max(0.0, time.perf_counter() - due))

        task = asyncio.get_running_loop().create_task(watch())
        try:
            yield
        finally:
            task.cancel()

    def p99_ms(self) -> float:
        return percentile(self.lags, 0.99) * 1000

    def max_ms(self) -> float:
        return max(self.lags, default=0.0) * 1000


def process_cpu(pid: int) -> float:
    return webhooks.cpu_of(pid)


# ---------------------------------------------------------------------------------------------------- polling


async def polling_phase(bot: polling.BotUnderTest, citizens: int, questions: list[polling.Question]) -> Surge:
    result = Surge(bot.name, citizens)
    with tempfile.TemporaryDirectory(prefix="bench-surge-") as tmp:
        async with BotAPIEmulator(default_token=bot.token) as emu:
            emu.enforce_limits = False  # the surge floods on purpose: it measures the bot, not Telegram's limits
            process = bot.make(emu.base_url, Path(tmp), True)
            assert isinstance(process, polling.Subprocess)
            await process.start()
            try:
                await polling.until_polling(emu, bot.token, process)
                replies = Replies(bot.token)
                replies.is_final = bot.is_final
                unsubscribe = emu.listen(replies)
                await ask_once(emu, replies, warmup_citizens(emu, questions), questions)  # not measured
                with polling.harness_collector_paused(True):
                    people = [
                        emu.user(FIRST_ID + n, f"New{n}", language_code=questions[n % len(questions)].lang)
                        for n in range(citizens)
                    ]
                    cpu_before = (process.cpu_seconds(), time.process_time())
                    started, sent_at, answered_at = await surge_of_questions(emu, replies, people, questions)
                    cpu_after = (process.cpu_seconds(), time.process_time())
                unsubscribe()
            finally:
                await process.stop()
    record_questions(result, people, replies, started, sent_at, answered_at)
    if result.answered:
        result.cpu_ms = {
            "bot": (cpu_after[0] - cpu_before[0]) / result.answered * 1000,
            "emulator + citizens": (cpu_after[1] - cpu_before[1]) / result.answered * 1000,
        }
    return result


def warmup_citizens(emu: BotAPIEmulator, questions: list[polling.Question]) -> list[EmuUser]:
    return [emu.user(FIRST_ID - 1000 + n, f"Warm{n}", language_code="ru") for n in range(WARMUP_CITIZENS)]


async def ask_once(
    emu: BotAPIEmulator, replies: Replies, people: list[EmuUser], questions: list[polling.Question]
) -> None:
    waits = [replies.expect(user.id, replies.is_final) for user in people]
    for n, user in enumerate(people):
        await emu.send_message(user, questions[n % len(questions)].text, token=replies.token)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*waits), SURGE_TIMEOUT)
    replies.finals.clear()


async def surge_of_questions(
    emu: BotAPIEmulator, replies: Replies, people: list[EmuUser], questions: list[polling.Question]
) -> tuple[float, dict[int, float], dict[int, float]]:
    """Every citizen sends one question, as fast as the emulator takes them: (start, sent at, answered at)."""
    sent_at: dict[int, float] = {}
    answered_at: dict[int, float] = {}

    def answered(user_id: int) -> Callable[[asyncio.Future[tuple[float, dict]]], None]:
        def done(future: asyncio.Future[tuple[float, dict]]) -> None:
            if not future.cancelled():
                answered_at[user_id] = future.result()[0]

        return done

    started = time.perf_counter()
    for n, user in enumerate(people):
        replies.expect(user.id, replies.is_final).add_done_callback(answered(user.id))
        await emu.send_message(user, questions[n % len(questions)].text, token=replies.token)
        sent_at[user.id] = time.perf_counter()
    await until_quiet(replies, lambda: len(answered_at) < len(people))
    await asyncio.sleep(1.0)  # a duplicate answer would come by now
    return started, sent_at, answered_at


def record_questions(
    result: Surge,
    people: list[EmuUser],
    replies: Replies,
    started: float,
    sent_at: dict[int, float],
    answered_at: dict[int, float],
) -> None:
    result.answered = len(answered_at)
    result.lost = len(people) - len(answered_at)
    result.duplicated = sum(max(0, replies.finals[user.id] - 1) for user in people)
    result.first_reply_ms = [(answered_at[user] - sent_at[user]) * 1000 for user in answered_at]
    if answered_at:
        result.seconds = max(answered_at.values()) - started


# ---------------------------------------------------------------------------------------------------- webhooks


def webhook_env(token: str, emu: BotAPIEmulator, database_url: str, redis_url: str, paced: bool) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "BOT_TOKEN": token,
        "TELEGRAM_API_URL": emu.base_url,
        "SECRET_KEY": webhooks.SECRET_KEY,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "WEBHOOK_SECRET": webhooks.WEBHOOK_SECRET,
        "WEBHOOK_HOST": "127.0.0.1",
        "OPERATOR_IDS": "5550001:admin",
        "OPERATOR_CHAT_ID": str(webhooks.OPERATORS_CHAT),
        "OPERATOR_LANGUAGE": "en",
        "FLOOD_RATE": "100000",  # each citizen writes at their own pace; the citizens' flood control is not measured
        "FLOOD_BURST": "100000",
        "REPORT_DAILY_LIMIT": "100000",
        "LOG_LEVEL": "WARNING",
        "HEALTH_PORT": "0",  # no private listener: its fixed port would clash between instances and other bots
    }
    if not paced:
        env |= {"TELEGRAM_CHAT_RATE": "100000", "TELEGRAM_CHAT_BURST": "100000", "TELEGRAM_GLOBAL_RATE": "100000"}
    return env


MAX_SKIPS = 10  # more questions than any category asks


async def one_report(
    emu: BotAPIEmulator, replies: Replies, user: EmuUser, serial: int
) -> tuple[float, float, float] | None:
    """A whole report; (sent /report, category question shown, receipt shown), or None if a step got no reply."""
    token = replies.token
    buttons = webhooks.buttons

    async def step(action: Callable[[], Awaitable[object]], matches: Callable[[dict], bool]) -> tuple[float, dict]:
        reply = replies.expect(user.id, matches)
        await action()
        return await asyncio.wait_for(reply, REPORT_STEP_TIMEOUT)

    try:
        started = time.perf_counter()
        shown, choose = await step(
            lambda: emu.send_message(user, "/report", token=token), lambda m: len(buttons(m)) == 6
        )
        label = buttons(choose)[serial % 5]
        await step(lambda: emu.press_button(user, choose, text=label, token=token), lambda m: "Describe" in m["text"])
        description = f"Citizen {serial}: strangers photograph the water plant fence at night, three nights running."
        _, evidence = await step(
            lambda: emu.send_message(user, description, token=token), lambda m: "✅ Done" in buttons(m)
        )

        def skip_or_review(m: dict) -> bool:
            return "⏭ Skip" in buttons(m) or "📨 Submit" in buttons(m)

        # Each category asks its own questions (knowledge/forms/questionnaires.yaml), then place and time: skip
        # whatever is asked until the review comes.
        _, shown_now = await step(lambda: emu.press_button(user, evidence, text="✅ Done", token=token), skip_or_review)
        for _ in range(MAX_SKIPS):
            if "📨 Submit" in buttons(shown_now):
                break
            _, shown_now = await step(
                lambda asked=shown_now: emu.press_button(user, asked, text="⏭ Skip", token=token), skip_or_review
            )
        review = shown_now
        received, _ = await step(
            lambda: emu.press_button(user, review, text="📨 Submit", token=token),
            lambda m: bool(webhooks.CODE.search(m.get("text", ""))),
        )
    except (TimeoutError, LookupError):
        return None
    return started, shown, received


async def count_cases(database_url: str) -> tuple[int, int]:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            found = await connection.execute(text("SELECT count(*), count(DISTINCT code_hash) FROM cases"))
            cases, codes = found.one()
    finally:
        await engine.dispose()
    return int(cases), int(codes)


async def webhook_phase(
    args: argparse.Namespace, instances: int, citizens: int, questions: list[polling.Question], paced: bool
) -> Surge:
    name = f"{instances} instance{'s' if instances > 1 else ''}" + (", paced, peer enforcing limits" if paced else "")
    result = Surge(name, citizens)
    token = f"{7_000_000_000 + uuid.uuid4().int % 1_000_000_000}:bench-surge-{uuid.uuid4().hex[:20]}"
    rejected: collections.Counter[str] = collections.Counter()
    async with BotAPIEmulator() as emu, webhooks.fresh_database(args.database_url) as database_url:
        emu.enforce_limits = paced  # unpaced: the surge floods on purpose, as in the polling part
        if paced:
            acquire = emu.limiter.acquire

            def counted(token: str, chat_id: int, private: bool, now: float, count: int = 1) -> None:
                try:
                    acquire(token, chat_id, private, now, count)
                except ApiError:
                    sent = [t for t in emu.limiter._overall.get(token, ()) if t > now - 1.0]
                    bot_wide = len(sent) + count > emu.limiter.limits.global_per_second
                    rejected["bot-wide" if bot_wide else "private chat" if private else "group"] += 1
                    raise

            emu.limiter.acquire = counted  # type: ignore[method-assign]
        with tempfile.TemporaryDirectory(prefix="surge-webhook-") as tmp:
            env = webhook_env(token, emu, database_url, args.redis_url, paced) | {"HOME": tmp}
            bots = [webhooks.Instance(f"bot{n}", env, Path(tmp)) for n in range(instances)]
            public_url = emu.expose(bots[0].url)  # Telegram (and the settings) want an HTTPS URL on a public address
            for bot in bots:
                bot.env["WEBHOOK_URL"] = public_url
            await asyncio.gather(*(bot.start() for bot in bots))
            try:
                await asyncio.gather(*(bot.wait_ready() for bot in bots))
                emu.group(webhooks.OPERATORS_CHAT, "Operators")
                emu.webhook_targets(token, [bot.url for bot in bots])
                replies = Replies(token)
                replies.is_final = lambda message: bool(message.get("reply_markup"))
                unsubscribe = emu.listen(replies)
                await ask_once(emu, replies, warmup_citizens(emu, questions), questions)
                pids = [bot.process.pid for bot in bots if bot.process is not None]
                before = webhooks.CpuSnapshot.take(pids)
                per_bot_before = [process_cpu(pid) for pid in pids]
                lag = LoopLag()
                with polling.harness_collector_paused(True), lag.watching():
                    await mixed_surge(emu, replies, citizens, questions, args.report_share, result)
                result.notes.append(f"emulator's event loop lag p99 {lag.p99_ms():.0f} ms, max {lag.max_ms():.0f} ms")
                cpu = webhooks.CpuSnapshot.take(pids).minus(before)
                per_bot = [process_cpu(pid) - start for pid, start in zip(pids, per_bot_before, strict=True)]
                unsubscribe()
            finally:
                await asyncio.gather(*(bot.stop() for bot in bots))
                await webhooks.flush_namespace(args.redis_url, token)
            cases, codes = await count_cases(database_url)
    reports = sum(1 for _ in result.report_ms)
    if cases != codes or cases < reports:
        result.notes.append(f"{cases} cases, {codes} distinct codes, {reports} receipts")
    result.duplicated += max(0, cases - result.report_citizens)  # more cases than citizens who reported
    if result.answered:
        per = 1000 / result.answered
        result.cpu_ms = {f"bot {n + 1}": seconds * per for n, seconds in enumerate(per_bot)}
        result.cpu_ms |= {
            "emulator + citizens": cpu.harness * per,
            "postgres": cpu.postgres * per,
            "redis": cpu.redis * per,
        }
    if paced:
        result.rejected_429 = sum(rejected.values())
        result.notes += [f"429 {scope}: {n}" for scope, n in rejected.items()]
    return result


async def mixed_surge(
    emu: BotAPIEmulator, replies: Replies, citizens: int, questions: list[polling.Question], share: float, result: Surge
) -> None:
    reporters = round(citizens * share)
    result.report_citizens = reporters
    people = [emu.user(FIRST_ID + n, f"New{n}", language_code="en" if n < reporters else "ru") for n in range(citizens)]
    started = time.perf_counter()
    done_at: list[float] = []

    async def report(n: int, user: EmuUser) -> None:
        outcome = await one_report(emu, replies, user, n)
        if outcome is None:
            result.lost += 1
            return
        sent, shown, received = outcome
        result.first_reply_ms.append((shown - sent) * 1000)
        result.report_ms.append((received - sent) * 1000)
        result.answered += 1
        done_at.append(received)

    async def question(n: int, user: EmuUser) -> None:
        reply = replies.expect(user.id, replies.is_final)
        await emu.send_message(user, questions[n % len(questions)].text, token=replies.token)
        sent = time.perf_counter()
        try:
            answered, _ = await asyncio.wait_for(reply, SURGE_TIMEOUT)
        except TimeoutError:
            result.lost += 1
            return
        result.first_reply_ms.append((answered - sent) * 1000)
        result.answered += 1
        done_at.append(answered)

    tasks = [report(n, user) if n < reporters else question(n, user) for n, user in enumerate(people)]
    await asyncio.gather(*tasks)
    result.seconds = (max(done_at) - started) if done_at else float("nan")
    result.duplicated += sum(max(0, replies.finals[user.id] - 1) for user in people[reporters:])


# ---------------------------------------------------------------------------------------------------- report


def median_of(runs: list[Surge]) -> Surge:
    first = runs[0]
    merged = Surge(first.name, first.citizens)
    merged.answered = int(statistics.median(r.answered for r in runs))
    merged.seconds = statistics.median(r.seconds for r in runs)
    merged.first_reply_ms = [statistics.median(percentile(r.first_reply_ms, q) for r in runs) for q in (0.5, 0.99)]
    merged.report_ms = (
        [statistics.median(percentile(r.report_ms, q) for r in runs) for q in (0.5, 0.99)]
        if any(r.report_ms for r in runs)
        else []
    )
    merged.lost = sum(r.lost for r in runs)
    merged.duplicated = sum(r.duplicated for r in runs)
    merged.cpu_ms = {key: statistics.median(r.cpu_ms.get(key, float("nan")) for r in runs) for key in first.cpu_ms}
    merged.rejected_429 = sum(r.rejected_429 or 0 for r in runs) if first.rejected_429 is not None else None
    merged.notes = [f"run {n}: {', '.join(r.notes)}" for n, r in enumerate(runs, 1) if r.notes]
    merged.rates = [r.rate for r in runs]  # type: ignore[attr-defined]
    return merged


def print_table(title: str, results: list[Surge], floor: float | None = None) -> None:
    print(title)
    ratio_head = " ratio to echo |" if floor else ""
    print(
        f"| phase | citizens | answered/s (per run) | p50 ms | p99 ms | report p50 / p99 ms | lost | dup |{ratio_head}"
    )
    print("|---|---|---|---|---|---|---|---|" + ("---|" if floor else ""))
    for s in results:
        rates = " / ".join(f"{r:.0f}" for r in getattr(s, "rates", [s.rate]))
        median_rate = statistics.median(getattr(s, "rates", [s.rate]))
        p50, p99 = s.first_reply_ms if len(s.first_reply_ms) == 2 else (float("nan"), float("nan"))
        reports = f"{s.report_ms[0]:.0f} / {s.report_ms[1]:.0f}" if s.report_ms else "–"
        ratio = f" {median_rate / floor:.2f} |" if floor else ""
        print(
            f"| {s.name} | {s.citizens} | {median_rate:.0f} ({rates}) | {p50:.0f} | {p99:.0f} | {reports} | {s.lost} "
            f"| {s.duplicated} |{ratio}"
        )
    for s in results:
        cpu = ", ".join(f"{name} {ms:.2f} ms" for name, ms in s.cpu_ms.items())
        extra = f"; 429 answers from the peer, all runs: {s.rejected_429}" if s.rejected_429 is not None else ""
        notes = f"; {'; '.join(s.notes)}" if s.notes else ""
        print(f"- {s.name}: CPU per answered item: {cpu}{extra}{notes}")
    print()


def print_header(args: argparse.Namespace) -> None:
    print(f"command: {shlex.join([os.path.relpath(sys.executable), *sys.argv])}")
    print(f"code: {polling.code_version()}")
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, aiogram "
        f"{aiogram.__version__}; load average at start {args.loadavg:.2f}, at end {os.getloadavg()[0]:.2f}"
    )
    print(
        "latency: a citizen's message queued → the bot's answer recorded by the emulator (questions: the answer with "
        "its buttons; reports: /report → the category question); report p50/p99: /report → receipt\n"
    )


async def benchmark(args: argparse.Namespace) -> None:
    questions = polling.load_questions()
    parts = set(args.parts.split(","))
    if "polling" in parts:
        runs: dict[str, list[Surge]] = {polling.ECHO.name: [], polling.HOTLINE.name: []}
        for run in range(1, args.runs + 1):
            for bot in (polling.ECHO, polling.HOTLINE):
                surge = await polling_phase(bot, args.citizens, questions)
                runs[bot.name].append(surge)
                progress(run, surge)
        results = [median_of(found) for found in runs.values()]
        by_run = [
            h.rate / e.rate for e, h in zip(runs[polling.ECHO.name], runs[polling.HOTLINE.name], strict=True) if e.rate
        ]
        args.tables.append(
            (
                f"first-contact surge, long polling, SQLite: {args.citizens} new citizens, one question each, at once; "
                f"hotline/echo ratio per run: {', '.join(f'{r:.2f}' for r in by_run)}",
                results,
                statistics.median(s.rate for s in runs[polling.ECHO.name]),
            )
        )
    if "webhook" in parts:
        medians = await one_and_two_instances(args, args.webhook_citizens, questions, paced=False)
        args.tables.append(
            (
                f"mixed surge, webhooks, PostgreSQL + Redis: {args.webhook_citizens} new citizens at once, "
                f"{args.report_share:.0%} making a full report, the rest one question; pacing lifted",
                medians,
                None,
            )
        )
    if "paced" in parts:
        medians = await one_and_two_instances(args, args.paced_citizens, questions, paced=True)
        args.tables.append(
            (
                f"mixed surge at Telegram's limits: {args.paced_citizens} new citizens, 1 and 2 instances pacing "
                "together through Redis (30/s per bot, 1/s per chat with bursts of 3, 20/min per group), the "
                "emulator answering 429 above those limits",
                medians,
                None,
            )
        )


async def one_and_two_instances(
    args: argparse.Namespace, citizens: int, questions: list[polling.Question], *, paced: bool
) -> list[Surge]:
    """The webhook phases with 1 and 2 instances, alternating, ``args.runs`` times; the median of each."""
    found_by: dict[int, list[Surge]] = {1: [], 2: []}
    for run in range(1, args.runs + 1):
        for instances in (1, 2):
            surge = await webhook_phase(args, instances, citizens, questions, paced=paced)
            found_by[instances].append(surge)
            progress(run, surge)
    return [median_of(found) for found in found_by.values()]


def progress(run: int, surge: Surge) -> None:
    p99 = percentile(surge.first_reply_ms, 0.99)
    print(
        f"run {run} {surge.name}: {surge.rate:.0f}/s, p99 {p99:.0f} ms, lost {surge.lost}, dup {surge.duplicated}, "
        f"CPU {surge.cpu_ms}" + (f", 429s {surge.rejected_429}" if surge.rejected_429 is not None else ""),
        file=sys.stderr,
        flush=True,
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--citizens", type=int, default=2000, help="new citizens in the polling surge (default 2000)")
    parser.add_argument("--webhook-citizens", type=int, default=2000, help="in the webhook surge (default 2000)")
    parser.add_argument("--paced-citizens", type=int, default=300, help="in the paced surge (default 300)")
    parser.add_argument("--report-share", type=float, default=0.1, help="share making a report (default 0.1)")
    parser.add_argument("--runs", type=int, default=3, help="phases per configuration; medians (default 3)")
    parser.add_argument("--parts", default="polling,webhook,paced", help="which parts (default all three)")
    parser.add_argument("--profile", metavar="FILE", help="polling: record the hotline's process with py-spy into FILE")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TEST_DATABASE_URL", DEFAULT_DATABASE),
        help="PostgreSQL server to create the per-phase databases on",
    )
    parser.add_argument("--redis-url", default=os.environ.get("TEST_REDIS_URL", DEFAULT_REDIS))
    args = parser.parse_args()
    if args.citizens < 1 or args.runs < 1 or not 0 <= args.report_share <= 1:
        parser.error("--citizens and --runs must be positive, --report-share between 0 and 1")
    return args


def main() -> None:
    args = parse_args()
    args.loadavg = os.getloadavg()[0]
    args.tables = []
    if args.profile:
        py_spy = Path(sys.executable).with_name("py-spy")
        polling.PROFILE[:] = [str(py_spy), "record", "--format", "raw", "--rate", "250", "-o", args.profile, "--"]
    asyncio.run(benchmark(args))
    print_header(args)
    for title, results, floor in args.tables:
        print_table(title, results, floor)


if __name__ == "__main__":
    main()
