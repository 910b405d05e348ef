"""Benchmark: the hotline bot vs a minimal aiogram echo bot, answering simulated citizens, side by side in one run.

    .venv/bin/python bench/bot_throughput.py [--users 200] [--in-flight 200] [--rate 300] [--duration 10]
                                             [--warmup 2] [--runs 3] [--separate-process]

Both bots take updates by long polling from the project's Bot API emulator over real HTTP. N distinct simulated
citizens ask the in-scope questions of tests/devset/dev.jsonl, cycling. Each bot is measured twice:

- throughput (closed loop): ``--in-flight`` questions are outstanding at any time; a user asks the next question
  when the answer to the previous one arrived. This saturates the bot: answered questions per second is its capacity,
  and latency is queueing (in flight ÷ throughput, Little's law).
- latency at a given load (open loop): questions arrive at ``--rate`` per second (Poisson arrivals, each from a user
  with no question outstanding) whether or not earlier ones were answered, as citizens do; p50/p99 there is what a
  citizen waits at that load. ``--rate 0`` skips this measurement.

Measured after a warm-up (``--warmup`` seconds, and until every user has had an answer): answered questions per
second, CPU time per answered question, and the latency from the moment the user-side ``send_message`` returns (the
update is queued) to the moment the emulator records the bot's reply (for the hotline: the answer itself, the message
with the inline keyboard, not an emergency notice sent before it). Each measurement runs on a fresh emulator, bot and
data directory; bots alternate echo/hotline and each figure is the median over ``--runs``.

By default the emulator, the citizens and the bot share one event loop (one core). ``--separate-process`` runs the
bot in a subprocess (``python -m bot run``, or this script's ``--serve-echo``), which is closer to production.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import gc
import itertools
import json
import os
import platform
import random
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import aiogram  # noqa: E402
from aiogram import Bot, Dispatcher  # noqa: E402
from aiogram.client.session.aiohttp import AiohttpSession  # noqa: E402
from aiogram.client.telegram import TelegramAPIServer  # noqa: E402
from aiogram.types import Message  # noqa: E402

from bot.core.settings import load_settings  # noqa: E402
from bot.emulator import BotAPIEmulator, EmuEvent, EmuUser  # noqa: E402
from bot.telegram.runners import PollingApp  # noqa: E402

DEVSET = PROJECT / "tests" / "devset" / "dev.jsonl"
HOTLINE_TOKEN = "5151515151:bench-hotline-token-AAAAAAAAAAAAAAAA"
ECHO_TOKEN = "6161616161:bench-echo-token-AAAAAAAAAAAAAAAAAAAAA"
SECRET = "bench-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
# Citizens' flood control and the bot's own outgoing pacing, set out of the way: this measures the bot, not
# Telegram's limits (about 1 message/s per chat and 30/s per bot on the real service).
UNTHROTTLED = 1_000_000
REPLY_TIMEOUT = 10.0  # s; a question without an answer by then counts as unanswered
START_TIMEOUT = 180.0  # s; a busy shared machine starts the hotline slowly (knowledge base, migrations)
STOP_TIMEOUT = 30.0
WARMUP_LIMIT = 120.0  # s; the warm-up waits at most this long for every user to have had an answer
FIRST_USER_ID = 700_000_001
TARGETS = (0.60, 300.0, 100.0)  # share of the echo bot's throughput, answered/s, p99 ms


@dataclass(frozen=True)
class Question:
    text: str
    lang: str


@dataclass(frozen=True)
class Load:
    users: int
    in_flight: int  # closed loop: questions outstanding at any time, each from a different user
    rate: float | None  # open loop instead: questions arriving per second
    warmup: float
    duration: float
    count: int | None  # when set: measure until this many answers instead of for ``duration``


@dataclass(frozen=True)
class Sample:
    answered_per_s: float
    p50_ms: float
    p99_ms: float
    answered: int
    unanswered: int
    bot_cpu_ms: float  # CPU time per answered question: the bot's process (in one process: everything)
    harness_cpu_ms: float  # this process (emulator + users) in separate-process mode; NaN in one process


def load_questions() -> list[Question]:
    items = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Question(item["q"], item["lang"]) for item in items if item["expected"]]


def percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * share))]


# ---------------------------------------------------------------------------------------------------- measuring


class ReplyClock:
    """An emulator listener: the moment the emulator records each chat's next final bot reply."""

    def __init__(self, token: str, is_final: Callable[[dict], bool]) -> None:
        self.token = token
        self.is_final = is_final
        self._waiting: dict[int, asyncio.Future[float]] = {}

    def expect(self, chat_id: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting[chat_id] = future
        return future

    def forget(self, chat_id: int) -> None:
        self._waiting.pop(chat_id, None)

    def __call__(self, event: EmuEvent) -> None:
        if event.kind != "bot_message" or event.token != self.token or event.chat_id is None:
            return
        future = self._waiting.get(event.chat_id)
        if future is not None and not future.done() and event.message and self.is_final(event.message):
            future.set_result(time.perf_counter())
            del self._waiting[event.chat_id]


@dataclass
class CpuMeter:
    """CPU seconds used between the window's opening and closing, by the bot and by this process."""

    bot: Callable[[], float]
    separate: bool
    at_open: tuple[float, float] = (0.0, 0.0)
    at_close: tuple[float, float] = (0.0, 0.0)

    def read(self) -> tuple[float, float]:
        return self.bot(), time.process_time()

    def per_answer_ms(self, answered: int) -> tuple[float, float]:
        if not answered:
            return float("nan"), float("nan")
        bot = (self.at_close[0] - self.at_open[0]) / answered * 1000
        harness = (self.at_close[1] - self.at_open[1]) / answered * 1000
        return bot, (harness if self.separate else float("nan"))


@dataclass
class Window:
    """The measured interval: opens after the warm-up, closes after ``duration`` or after ``count`` answers.

    The warm-up lasts ``load.warmup`` seconds and until every user has had an answer, so first-contact work (such
    as reading a user's language preference) is not what gets measured.
    """

    load: Load
    cpu: CpuMeter
    opened_at: float | None = None
    closed_at: float | None = None
    latencies: list[float] = field(default_factory=list)
    unanswered: int = 0
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    greeted: set[int] = field(default_factory=set)
    all_greeted: asyncio.Event = field(default_factory=asyncio.Event)

    def record(self, user_id: int, sent_at: float, replied_at: float) -> None:
        if self.opened_at is None:
            self.greeted.add(user_id)
            if len(self.greeted) >= self.load.users:
                self.all_greeted.set()
            return
        if self.closed.is_set() or replied_at < self.opened_at:
            return
        self.latencies.append(replied_at - sent_at)
        if self.load.count is not None and len(self.latencies) >= self.load.count:
            self.close()

    def lost(self) -> None:
        if self.opened_at is not None and not self.closed.is_set():
            self.unanswered += 1

    def close(self) -> None:
        if not self.closed.is_set():
            self.cpu.at_close = self.cpu.read()
            self.closed_at = time.perf_counter()
            self.closed.set()

    async def run_timer(self) -> None:
        """Open after the warm-up; close on time (in count mode: a safety limit of ten times the duration)."""
        await asyncio.sleep(self.load.warmup)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.all_greeted.wait(), WARMUP_LIMIT)
        self.cpu.at_open = self.cpu.read()
        self.opened_at = time.perf_counter()
        await asyncio.sleep(self.load.duration * (10 if self.load.count is not None else 1))
        self.close()

    def sample(self) -> Sample:
        ordered = sorted(self.latencies)
        if self.opened_at is None or self.closed_at is None or not ordered:
            return Sample(0.0, float("nan"), float("nan"), 0, self.unanswered, float("nan"), float("nan"))
        p50, p99 = percentile(ordered, 0.50) * 1000, percentile(ordered, 0.99) * 1000
        rate = len(ordered) / (self.closed_at - self.opened_at)
        return Sample(rate, p50, p99, len(ordered), self.unanswered, *self.cpu.per_answer_ms(len(ordered)))


@dataclass(frozen=True)
class Citizen:
    user: EmuUser
    questions: Iterator[Question]


async def ask(emu: BotAPIEmulator, citizen: Citizen, clock: ReplyClock, window: Window) -> None:
    """One question: send it, wait for the answer, record the time (or that none came)."""
    reply = clock.expect(citizen.user.id)
    await emu.send_message(citizen.user, next(citizen.questions).text, token=clock.token)
    sent_at = time.perf_counter()
    try:
        replied_at = await asyncio.wait_for(reply, REPLY_TIMEOUT)
    except TimeoutError:
        clock.forget(citizen.user.id)
        window.lost()
        return
    window.record(citizen.user.id, sent_at, replied_at)


async def lane(emu: BotAPIEmulator, citizens: list[Citizen], clock: ReplyClock, window: Window) -> None:
    """Closed loop: one question in flight, its citizens taking turns, until the window closes."""
    for citizen in itertools.cycle(citizens):
        if window.closed.is_set():
            return
        await ask(emu, citizen, clock, window)


async def arrivals(
    emu: BotAPIEmulator, citizens: list[Citizen], clock: ReplyClock, window: Window, rate: float
) -> None:
    """Open loop: questions arrive at ``rate`` per second (Poisson), each from a user with none outstanding."""
    idle = collections.deque(citizens)
    asking: set[asyncio.Task[None]] = set()
    schedule = random.Random(42)  # the same arrival pattern for both bots
    due = time.perf_counter()

    async def ask_then_idle(citizen: Citizen) -> None:
        try:
            await ask(emu, citizen, clock, window)
        finally:
            idle.append(citizen)

    while not window.closed.is_set():
        due += schedule.expovariate(rate)
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if not idle:  # every user is waiting: the bot is far behind; this arrival is lost to the user pool
            window.lost()
            continue
        task = asyncio.create_task(ask_then_idle(idle.popleft()))
        asking.add(task)
        task.add_done_callback(asking.discard)
    await asyncio.gather(*asking)


def make_citizens(emu: BotAPIEmulator, count: int, questions: list[Question]) -> list[Citizen]:
    """Distinct users, each starting at a different question (and speaking that question's language)."""
    citizens = []
    for n in range(count):
        first = questions[n % len(questions)]
        user = emu.user(FIRST_USER_ID + n, f"Citizen{n}", language_code=first.lang)
        citizens.append(Citizen(user, itertools.islice(itertools.cycle(questions), n, None)))
    return citizens


async def drive(
    emu: BotAPIEmulator, bot: BotUnderTest, process: BotProcess, load: Load, questions: list[Question]
) -> Sample:
    clock = ReplyClock(bot.token, bot.is_final)
    unsubscribe = emu.listen(clock)
    window = Window(load, CpuMeter(process.cpu_seconds, isinstance(process, Subprocess)))
    citizens = make_citizens(emu, load.users, questions)
    timer = asyncio.create_task(window.run_timer())
    if load.rate:
        tasks = [asyncio.create_task(arrivals(emu, citizens, clock, window, load.rate))]
    else:
        tasks = [
            asyncio.create_task(lane(emu, citizens[n :: load.in_flight], clock, window)) for n in range(load.in_flight)
        ]
    try:
        await window.closed.wait()
        await asyncio.gather(*tasks)  # the questions still in flight are answered (or time out), not counted
    finally:
        timer.cancel()
        for task in tasks:
            task.cancel()
        unsubscribe()
    return window.sample()


# ---------------------------------------------------------------------------------------------------- bots


class BotProcess(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def alive(self) -> bool: ...

    def cpu_seconds(self) -> float: ...


@dataclass(frozen=True)
class BotUnderTest:
    name: str
    token: str
    is_final: Callable[[dict], bool]  # the bot message that answers the question
    make: Callable[[str, Path, bool], BotProcess]  # (emulator URL, data dir, separate process)


def hotline_settings_env(api_url: str, data_dir: Path) -> dict[str, str]:
    return {
        "BOT_TOKEN": HOTLINE_TOKEN,
        "TELEGRAM_API_URL": api_url,
        "DATA_DIR": str(data_dir),
        "SECRET_KEY": SECRET,
        "FLOOD_RATE": str(UNTHROTTLED),
        "FLOOD_BURST": str(UNTHROTTLED),
        "TELEGRAM_CHAT_RATE": str(UNTHROTTLED),
        "TELEGRAM_CHAT_BURST": str(UNTHROTTLED),
        "TELEGRAM_GLOBAL_RATE": str(UNTHROTTLED),
        "HEALTH_PORT": "0",  # no /healthz listener: its fixed port would clash with other bots on this machine
        "SHUTDOWN_GRACE_SECONDS": "5",
    }


class InProcess:
    """A bot polling on this event loop: ``poll`` runs it until ``stop_polling`` is awaited."""

    def __init__(
        self, poll: Callable[[], Coroutine[Any, Any, None]], stop_polling: Callable[[], Coroutine[Any, Any, Any]]
    ) -> None:
        self.poll, self.stop_polling = poll, stop_polling
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.task = asyncio.create_task(self.poll())

    def alive(self) -> bool:
        return self.task is not None and not self.task.done()

    def cpu_seconds(self) -> float:
        return time.process_time()  # the whole process: bot, emulator and users together

    async def stop(self) -> None:
        if self.task is None:
            return
        with contextlib.suppress(RuntimeError):  # polling already over
            await self.stop_polling()
        await asyncio.wait_for(self.task, STOP_TIMEOUT)


def in_process_hotline(api_url: str, data_dir: Path) -> InProcess:
    """The real bot: ``PollingApp`` with SQLite in a temporary data directory."""
    settings = {key.lower(): value for key, value in hotline_settings_env(api_url, data_dir).items()}
    # The collector is left as it is: settling it is process-wide and would carry over into the echo bot's phases.
    app = PollingApp(load_settings(**settings))
    return InProcess(lambda: app.run(handle_signals=False), app.stop)


async def echo(message: Message) -> None:
    await message.answer(message.text or "")


def echo_bot(api_url: str, token: str) -> tuple[Bot, Dispatcher]:
    """The framework-and-HTTP floor: a Dispatcher with one handler that sends the text back."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_url))
    dispatcher = Dispatcher()
    dispatcher.message.register(echo)
    return Bot(token, session=session), dispatcher


async def serve_echo(api_url: str, token: str, *, handle_signals: bool) -> None:
    bot, dispatcher = echo_bot(api_url, token)
    await dispatcher.start_polling(
        bot, allowed_updates=dispatcher.resolve_used_update_types(), handle_signals=handle_signals
    )


def in_process_echo(api_url: str) -> InProcess:
    bot, dispatcher = echo_bot(api_url, ECHO_TOKEN)

    def poll() -> Coroutine[Any, Any, None]:
        return dispatcher.start_polling(
            bot, allowed_updates=dispatcher.resolve_used_update_types(), handle_signals=False
        )

    return InProcess(poll, dispatcher.stop_polling)


class Subprocess:
    """A bot in its own process; stopped with SIGINT (aiogram's graceful stop), killed if it hangs."""

    def __init__(self, argv: list[str], env: dict[str, str], log_path: Path) -> None:
        self.argv, self.env, self.log_path = argv, env, log_path
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log_path.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, cwd=PROJECT, env={**os.environ, **self.env}, stdout=log, stderr=log
            )

    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    def cpu_seconds(self) -> float:
        """User + system CPU time of the bot's process so far (Linux /proc)."""
        if self.process is None:
            return 0.0
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    async def stop(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()

    def failure(self) -> str:
        tail = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        return f"{shlex.join(self.argv)} exited with {self.process and self.process.returncode}:\n" + "\n".join(tail)


PROFILE: list[str] = []  # set by --profile: a py-spy command line the hotline's subprocess runs under


def make_hotline(api_url: str, data_dir: Path, separate: bool) -> BotProcess:
    if not separate:
        return in_process_hotline(api_url, data_dir)
    env = hotline_settings_env(api_url, data_dir)
    return Subprocess([*PROFILE, sys.executable, "-m", "bot", "run"], env, data_dir / "bot.log")


def make_echo(api_url: str, data_dir: Path, separate: bool) -> BotProcess:
    if not separate:
        return in_process_echo(api_url)
    env = {"BOT_TOKEN": ECHO_TOKEN, "TELEGRAM_API_URL": api_url}
    return Subprocess([sys.executable, str(Path(__file__).resolve()), "--serve-echo"], env, data_dir / "bot.log")


ECHO = BotUnderTest("echo (aiogram floor)", ECHO_TOKEN, lambda message: True, make_echo)
HOTLINE = BotUnderTest("hotline", HOTLINE_TOKEN, lambda message: "reply_markup" in message, make_hotline)


async def until_polling(emu: BotAPIEmulator, token: str, process: BotProcess) -> None:
    """Started means: the bot's first getUpdates reached the emulator (after its own start-up work)."""
    deadline = time.monotonic() + START_TIMEOUT
    while not any(call.method == "getUpdates" and call.token == token for call in emu.calls):
        if not process.alive():
            if isinstance(process, Subprocess):
                raise RuntimeError(process.failure())
            await process.stop()  # re-raises what went wrong
            raise RuntimeError("the bot stopped during start-up")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the bot did not start polling within {START_TIMEOUT:.0f} s")
        await asyncio.sleep(0.05)


async def run_phase(bot: BotUnderTest, load: Load, questions: list[Question], separate: bool) -> Sample:
    """One measurement: a fresh emulator, a fresh bot with a fresh data directory, the load, then shut down."""
    with tempfile.TemporaryDirectory(prefix="bench-bot-") as tmp:
        async with BotAPIEmulator(default_token=bot.token) as emu:
            emu.enforce_limits = False  # a throughput bench floods on purpose
            process = bot.make(emu.base_url, Path(tmp), separate)
            await process.start()
            try:
                await until_polling(emu, bot.token, process)
                with harness_collector_paused(separate):
                    return await drive(emu, bot, process, load, questions)
            finally:
                await process.stop()


@contextlib.contextmanager
def harness_collector_paused(separate: bool) -> Iterator[None]:
    """With the bot in its own process, pause this process's garbage collector while measuring.

    The emulator keeps every message of the run; collecting that growing heap stalled this process for up to 0.4 s
    at a time, which showed up as the latency of whichever bot was being measured. Its garbage is freed by reference
    counting meanwhile, and collected between measurements. In one process the bot shares the collector, so it is
    left alone there.
    """
    if not separate:
        yield
        return
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


# ---------------------------------------------------------------------------------------------------- report


def median_sample(samples: list[Sample]) -> Sample:
    return Sample(
        statistics.median(s.answered_per_s for s in samples),
        statistics.median(s.p50_ms for s in samples),
        statistics.median(s.p99_ms for s in samples),
        sum(s.answered for s in samples),
        sum(s.unanswered for s in samples),
        statistics.median(s.bot_cpu_ms for s in samples),
        statistics.median(s.harness_cpu_ms for s in samples),
    )


def code_version() -> str:
    def git(*command: str) -> str:
        found = subprocess.run(["git", *command], cwd=PROJECT, capture_output=True, text=True, check=False)
        return found.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" + uncommitted changes" if git("status", "--porcelain", "--untracked-files=no", "bot") else "")


def print_header(args: argparse.Namespace, questions: list[Question]) -> None:
    measured = f"{args.count} answers" if args.count else f"{args.duration:g} s"
    print(f"command: {shlex.join([os.path.relpath(sys.executable), *sys.argv])}")
    print(f"code: {code_version()}")
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"aiogram {aiogram.__version__}; load average at start {args.loadavg:.2f}, at end {os.getloadavg()[0]:.2f}"
    )
    cores, busiest = os.cpu_count() or 1, max(args.loadavg, os.getloadavg()[0])
    if busiest > cores / 2:
        print(
            f"warning: the machine was busy (load average up to {busiest:.1f} on {cores} cores): answered/s and "
            "latency are lower and noisier than on a quiet machine; CPU per answered question is steadier"
        )
    if args.separate_process:
        print("mode: separate processes: emulator + simulated users in this process, the bot in a subprocess")
    else:
        print("mode: one process: the emulator, the simulated users and the bot share one event loop (one core)")
    print(
        f"load: {args.users} users asking {len(questions)} in-scope dev-set questions, cycling; warm-up "
        f"{args.warmup:g} s and until every user has had an answer, then {measured} measured; median of {args.runs} "
        "runs per bot and measurement"
    )
    print(
        f"limits: citizens' flood control and the bot's outgoing Telegram pacing set to {UNTHROTTLED:,}/s: "
        "this measures the bot, not Telegram's limits"
    )
    print(
        "latency: from user-side send_message returning (update queued) to the emulator recording the reply "
        "(hotline: the answer message)\n"
    )


def print_table(title: str, results: dict[str, Sample]) -> None:
    floor = results[ECHO.name].answered_per_s if ECHO.name in results else float("nan")
    print(title)
    print("| bot | answered/s | p50 ms | p99 ms | ratio to echo |")
    print("|---|---|---|---|---|")
    for name, s in results.items():
        ratio = s.answered_per_s / floor if floor else float("nan")
        print(f"| {name} | {s.answered_per_s:.0f} | {s.p50_ms:.1f} | {s.p99_ms:.1f} | {ratio:.2f} |")
    lost = {name: s.unanswered for name, s in results.items() if s.unanswered}
    if lost:
        print(f"unanswered within {REPLY_TIMEOUT:g} s (all runs): {lost}")
    print()


def print_cpu(results: dict[str, Sample], separate: bool) -> None:
    """CPU per answer does not depend on how busy the machine was, unlike answered/s."""
    for name, s in results.items():
        if separate:
            print(
                f"CPU per answered question at saturation, {name}: bot process {s.bot_cpu_ms:.2f} ms (one core's "
                f"worth: ~{1000 / s.bot_cpu_ms:.0f} answered/s), emulator + users process {s.harness_cpu_ms:.2f} ms"
            )
        else:
            print(f"CPU per answered question at saturation, {name}: {s.bot_cpu_ms:.2f} ms (bot, emulator and users)")


def print_targets(saturated: dict[str, Sample], paced: dict[str, Sample] | None, rate: float | None) -> None:
    share, target_rate, p99 = TARGETS
    hotline, floor = saturated[HOTLINE.name], saturated[ECHO.name]
    ratio = hotline.answered_per_s / floor.answered_per_s if floor.answered_per_s else 0.0
    checks = [
        (f"≥ {share:.0%} of the echo bot's throughput", f"{ratio:.0%}", ratio >= share),
        (
            f"≥ {target_rate:.0f} answered questions/s",
            f"{hotline.answered_per_s:.0f}/s",
            hotline.answered_per_s >= target_rate,
        ),
    ]
    if paced is not None and rate is not None:
        at_rate = paced[HOTLINE.name]
        # "At that load": the offered rate must be the target's, and the bot must have kept up with it.
        kept_up = at_rate.answered_per_s >= 0.95 * rate and not at_rate.unanswered
        met = rate >= target_rate and kept_up and at_rate.p99_ms < p99
        checks.append(
            (
                f"p99 under {p99:.0f} ms at {target_rate:.0f} questions/s",
                f"{at_rate.p99_ms:.1f} ms at {rate:g}/s offered, {at_rate.answered_per_s:.0f}/s answered",
                met,
            )
        )
    else:
        checks.append((f"p99 under {p99:.0f} ms at {target_rate:.0f} questions/s", "not measured (--rate 0)", False))
    print("targets for the hotline bot:")
    for target, actual, met in checks:
        print(f"- {target}: {actual} — {'met' if met else 'NOT met'}")
    print()


async def benchmark(args: argparse.Namespace) -> None:
    questions = load_questions()
    saturating = Load(args.users, args.in_flight, None, args.warmup, args.duration, args.count)
    pacing = Load(args.users, args.in_flight, args.rate, args.warmup, args.duration, args.count) if args.rate else None
    bots = (HOTLINE,) if args.hotline_only else (ECHO, HOTLINE)
    saturated: dict[str, list[Sample]] = {bot.name: [] for bot in bots}
    paced: dict[str, list[Sample]] = {bot.name: [] for bot in bots}
    for run in range(1, args.runs + 1):
        for bot in bots:  # alternating, so drift in the machine's speed hits both alike
            for load, samples in ((saturating, saturated), (pacing, paced)):
                if load is None:
                    continue
                sample = await run_phase(bot, load, questions, args.separate_process)
                samples[bot.name].append(sample)
                mode = f"{load.rate:g}/s offered" if load.rate else f"{load.in_flight} in flight"
                print(
                    f"run {run} {bot.name}, {mode}: {sample.answered_per_s:.0f}/s p50 {sample.p50_ms:.1f} ms "
                    f"p99 {sample.p99_ms:.1f} ms ({sample.answered} answered, {sample.unanswered} unanswered)",
                    file=sys.stderr,
                    flush=True,
                )
    at_capacity = {name: median_sample(runs) for name, runs in saturated.items()}
    at_rate = {name: median_sample(runs) for name, runs in paced.items()} if pacing else None
    print_header(args, questions)
    print_table(
        f"throughput: closed loop, {args.in_flight} questions in flight (a user asks again when answered); "
        "latency here is queueing",
        at_capacity,
    )
    if at_rate is not None:
        print_table(f"latency at a given load: open loop, {args.rate:g} questions/s arriving (Poisson)", at_rate)
    if not args.hotline_only:
        print_targets(at_capacity, at_rate, args.rate)
    print_cpu(at_capacity, args.separate_process)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="distinct simulated citizens (default 200)")
    parser.add_argument(
        "--in-flight", type=int, default=None, help="questions outstanding at any time (default: one per user)"
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=TARGETS[1],
        help=f"open-loop questions/s for the latency measurement (default {TARGETS[1]:g}; 0: skip it)",
    )
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per phase (default 10)")
    parser.add_argument("--count", type=int, default=None, help="measure this many answers instead of a duration")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of load before measuring (default 2)")
    parser.add_argument("--runs", type=int, default=3, help="phases per bot; medians are reported (default 3)")
    parser.add_argument("--separate-process", action="store_true", help="run each bot in a subprocess")
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="with --separate-process: record the hotline's process with py-spy into FILE (collapsed stacks)",
    )
    parser.add_argument(
        "--hotline-only", action="store_true", help="skip the echo bot (no ratio, no targets): for profiling"
    )
    parser.add_argument("--serve-echo", action="store_true", help=argparse.SUPPRESS)  # the echo bot's subprocess
    args = parser.parse_args()
    args.in_flight = args.in_flight or args.users
    if not 1 <= args.in_flight <= args.users:
        parser.error("--in-flight must be between 1 and --users")
    if args.rate < 0:
        parser.error("--rate must be 0 (skip the latency measurement) or positive")
    if args.users < 1 or args.runs < 1 or args.duration <= 0 or (args.count is not None and args.count < 1):
        parser.error("--users, --runs, --duration and --count must be positive")
    return args


def main() -> None:
    args = parse_args()
    if args.serve_echo:
        asyncio.run(serve_echo(os.environ["TELEGRAM_API_URL"], os.environ["BOT_TOKEN"], handle_signals=True))
        return
    args.loadavg = os.getloadavg()[0]
    if args.profile:
        py_spy = Path(sys.executable).with_name("py-spy")
        PROFILE[:] = [str(py_spy), "record", "--format", "raw", "--rate", "250", "-o", args.profile, "--"]
    asyncio.run(benchmark(args))


if __name__ == "__main__":
    main()
