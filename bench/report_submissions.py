"""Benchmark: confidential reports through the whole flow, on SQLite and PostgreSQL, vs a bare insert loop.

    .venv/bin/python bench/report_submissions.py [--reports 2000] [--citizens 500] [--runs 1]
                                                 [--databases sqlite,postgresql] [--modes in-process]
                                                 [--separate-process]
                                                 [--postgres-url URL] [--sample 50] [--telegram-group-pacing]
                                                 [--warmup 20] [--profile-bot FILE]

The real bot (``PollingApp``, long polling over real HTTP from the project's Bot API emulator) takes ``--reports``
reports from ``--citizens`` simulated citizens at once. Each citizen walks the flow step by step and waits for each
reply: /report → category button → description → "Done" (no evidence) → "Skip" place → "Skip" time → the review →
"Submit" → the receipt with its code; then its next report, until all reports are in. Measured: receipts per second
of wall time (first /report to last receipt) and the latency from the "Submit" press to the receipt message (as the
emulator records it). Then the database is checked: one ``cases`` row per receipt (none lost, none duplicated), as
many distinct ``code_hash`` values, a sample of the received codes found with ``bot.cases.reports.find_case``, and, once
the outbox has drained, one sent ``new_case`` outbox row and one card in the operators' chat per case.

Baseline, same database and concurrency: ``--citizens`` asyncio tasks inserting ``--reports`` ``bot.models.Case``
rows, one transaction each, through ``bot.core.database.create_engine`` (the bot's engine settings) — the cost of the
rows alone, without Telegram round trips, the conversation state, the receipt hash or the outbox.

Every configuration starts from an empty database: a new SQLite file; on PostgreSQL the ``--postgres-url`` database,
created if missing, gets ``DROP SCHEMA public CASCADE`` (it is wiped: never point it at a database in use). By
default the emulator, the citizens and the bot share one event loop; ``--modes separate-process``
(``--separate-process``: both modes) runs the bot in a subprocess instead: its ``run`` command (what
``python -m bot run`` runs), closer to production. Telegram's pacing is set out of the way through the settings
(flood control, per-chat and global rates, REPORT_DAILY_LIMIT); the bot's 20 messages/minute pacing of the
operators' group is not a setting, so the bench lifts it in the bot's process (see ``lift_group_pacing``) unless
``--telegram-group-pacing``. For the in-process bot it also counts the SQL statements per report and times the write
transactions.

CPU per report counts the measured reports only: the bot's start-up (imports, migrations, the knowledge-base index,
the danger model: up to its first getUpdates) and ``--warmup`` reports made first by citizens of their own (what the
bot builds on first use) are printed apart. The bot's CPU is read from ``/proc/<pid>/task/*/stat`` and split by thread:
its event loop (the main thread), asyncio's executor (``asyncio.to_thread``: the receipt's scrypt hash) and the rest
(aiosqlite's threads); one scrypt hash is also timed in this process, so a reader can scale the figures between
machines (the same hash took 31 ms on a quiet machine and 68 ms on a busy one). ``--profile-bot FILE`` (separate
process) writes a cProfile of the bot's event loop thread, in CPU time, over the measured reports (``python -m pstats
FILE``); the profiler slows the loop several times over, so its run's figures are not the bot's.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import ctypes
import logging
import os
import platform
import random
import re
import secrets
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import aiogram  # noqa: E402
from sqlalchemy import event, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine  # noqa: E402
from sqlmodel import col, func, select  # noqa: E402

from bot.answers.danger import DangerRecogniser  # noqa: E402
from bot.cases.reports import find_case  # noqa: E402
from bot.core import database  # noqa: E402
from bot.core.crypto import SecretBox  # noqa: E402
from bot.core.i18n import Translator  # noqa: E402
from bot.core.settings import load_settings  # noqa: E402
from bot.emulator import BotAPIEmulator, EmuEvent, EmuUser  # noqa: E402
from bot.models import Case, OutboxMessage  # noqa: E402
from bot.models.cases import Category  # noqa: E402
from bot.models.outbox import OutboxKind  # noqa: E402
from bot.telegram import composition as app_module  # noqa: E402
from bot.telegram.callbacks import ReportCategory, ReportStep  # noqa: E402
from bot.telegram.outgoing import SendLimiter  # noqa: E402
from bot.telegram.runners import PollingApp  # noqa: E402

TOKEN = "5252525252:bench-reports-token-AAAAAAAAAAAAAAAA"
SECRET = "bench-reports-secret-0123456789abcdefghijklmnopqrstuvwxyz"
# A database of its own (created on first use): the tests reset the server's "test" database whenever they run, and
# this bench wipes the one it is given, so sharing one would break both.
DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/bench_report_submissions"
OPERATORS_CHAT = -1009876543210
OPERATOR_ID = 5559001
FIRST_USER_ID = 720_000_001
WARMUP_IDS = 1_000_000  # the warm-up's citizens: FIRST_USER_ID + this + n
LANGS = ("kk", "ru", "en")
# Citizens' flood control, the bot's outgoing pacing and the daily report limit set out of the way: this measures
# the bot, not Telegram's limits (about 1 message/s per chat and 30/s per bot on the real service).
UNTHROTTLED = 1_000_000
STEP_TIMEOUT = 120.0  # s a citizen waits for one reply before giving that report up
MAX_SKIPS = 10  # more questions than any category asks
START_TIMEOUT = 90.0
OUTBOX_TIMEOUT = 300.0  # s to wait, after the last receipt, for every operator card
CODE = re.compile(r"(?<![0-9A-Z])[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}(?![0-9A-Z])")
CARD_NUMBER = re.compile(r"HT-\d+")
CATALOG = Translator(defaults={"emergency": "112", "police": "102", "retention": 90})
ERROR_TEXTS = frozenset(CATALOG.text(lang, "error-generic") for lang in LANGS)
CARD_HEADS = tuple(
    CATALOG.text(
        "en", "op-card", urgent=u, number="§", category="", language="", time="", evidence=0, similar=""
    ).split("§")[0]
    for u in ("no", "yes")
)

Message = dict[str, Any]


# ---------------------------------------------------------------------------------------------------- the reports


WHO = {
    "en": [
        "A man in my district",
        "A neighbour of ours",
        "Someone in our building chat",
        "A new member of our club",
        "A classmate of my son",
        "An online acquaintance of my sister",
    ],
    "ru": [
        "Мужчина из нашего района",
        "Наш сосед по подъезду",
        "Кто-то в чате нашего дома",
        "Новый участник нашей секции",
        "Одноклассник моего сына",
        "Интернет-знакомый моей сестры",
    ],
    "kk": [
        "Біздің аудандағы бір ер адам",
        "Көршіміз",
        "Үйіміздің чатындағы біреу",
        "Үйірмемізге жаңа келген адам",
        "Ұлымның сыныптасы",
        "Әпкемнің интернеттегі таныс",
    ],
}
WHAT = {
    "en": [
        "recruits teenagers into an extremist group",
        "posts propaganda videos and asks people to share them",
        "collects money for a banned organisation",
        "invites young men to travel abroad to join a movement",
        "spreads calls for hatred against other faiths",
        "runs a channel with extremist materials",
    ],
    "ru": [
        "вербует подростков в экстремистскую группу",
        "выкладывает пропагандистские видео и просит их распространять",
        "собирает деньги для запрещённой организации",
        "зовёт молодых парней уехать за границу и вступить в движение",
        "распространяет призывы к вражде против других религий",
        "ведёт канал с экстремистскими материалами",
    ],
    "kk": [
        "жасөспірімдерді экстремистік топқа тартып жүр",
        "насихат бейнелерін салып, таратуды сұрайды",
        "тыйым салынған ұйымға ақша жинайды",
        "жас жігіттерді шетелге кетіп, ағымға қосылуға шақырады",
        "басқа діндерге өшпенділікке шақырады",
        "экстремистік материалдары бар арна жүргізеді",
    ],
}
WHERE = {
    "en": [
        "through an online chat",
        "near the central market",
        "at the sports hall on weekends",
        "in a messenger group of about 200 people",
        "after Friday gatherings",
        "in the comments of a local page",
    ],
    "ru": [
        "через онлайн-чат",
        "возле центрального рынка",
        "в спортзале по выходным",
        "в группе мессенджера примерно на 200 человек",
        "после пятничных встреч",
        "в комментариях местной страницы",
    ],
    "kk": [
        "онлайн чат арқылы",
        "орталық базардың жанында",
        "демалыс күндері спорт залында",
        "шамамен 200 адамдық мессенджер тобында",
        "жұма күнгі жиындардан кейін",
        "жергілікті парақшаның пікірлерінде",
    ],
}


def descriptions(count: int, seed: int = 5) -> list[tuple[str, str]]:
    """(language, description) pairs, varied, none with a word that would make the report urgent."""
    rng = random.Random(seed)
    danger = DangerRecogniser.load(PROJECT / "knowledge")
    result: list[tuple[str, str]] = []
    while len(result) < count:
        lang = LANGS[len(result) % len(LANGS)]
        parts = (rng.choice(WHO[lang]), rng.choice(WHAT[lang]), rng.choice(WHERE[lang]), rng.randint(1, 99999))
        description = "{} {} {}. #{}".format(*parts)
        if not danger.urgent(description):
            result.append((lang, description))
    return result


# ---------------------------------------------------------------------------------------------------- measuring


def callback_data(message: Message) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button.get("callback_data", "") for row in rows for button in row]


def has_button(data: str) -> Callable[[Message], bool]:
    return lambda message: data in callback_data(message)


def has_category_buttons(message: Message) -> bool:
    return any(data.startswith(f"{ReportCategory.__prefix__}:") for data in callback_data(message))


def only_cancel(message: Message) -> bool:
    return callback_data(message) == [ReportStep(action="cancel").pack()]


def has_code(message: Message) -> bool:
    return CODE.search(message.get("text") or "") is not None


class FlowError(Exception):
    """The bot answered a step with an error, or not within STEP_TIMEOUT."""


class Inboxes:
    """An emulator listener: each citizen's bot messages with the moment the emulator recorded them, and the new-case
    cards posted to the operators' chat. (The emulator's own ``wait_for_bot_message`` re-checks every waiter on every
    state change: with hundreds of citizens waiting that is quadratic and would measure the harness.)"""

    def __init__(self, token: str) -> None:
        self.token = token
        self.queues: dict[int, asyncio.Queue[tuple[float, Message]]] = {}
        self.cards: Counter[str] = Counter()  # case number → new-case cards posted
        self.alerts: Counter[str] = Counter()  # callback answers with a text (stale button, slow down...)

    def open(self, chat_id: int) -> asyncio.Queue[tuple[float, Message]]:
        return self.queues.setdefault(chat_id, asyncio.Queue())

    def __call__(self, event: EmuEvent) -> None:
        if event.token != self.token:
            return
        if event.kind == "callback_answer" and event.data and event.data.get("text"):
            self.alerts[str(event.data["text"])[:60]] += 1
        if event.kind != "bot_message" or event.message is None or event.chat_id is None:
            return
        if event.chat_id == OPERATORS_CHAT:
            body = event.message.get("text") or ""
            number = CARD_NUMBER.search(body)
            if number and body.startswith(CARD_HEADS):
                self.cards[number.group(0)] += 1
            return
        queue = self.queues.get(event.chat_id)
        if queue is not None:
            queue.put_nowait((time.perf_counter(), event.message))


@dataclass
class Tally:
    """What the citizens saw."""

    submit_latencies: list[float] = field(default_factory=list)  # s, Submit press → receipt
    flow_times: list[float] = field(default_factory=list)  # s, /report → receipt
    codes: list[str] = field(default_factory=list)
    submits: int = 0  # Submit presses
    failures: Counter[str] = field(default_factory=Counter)
    first_at: float | None = None
    last_at: float | None = None


class Citizen:
    def __init__(self, emu: BotAPIEmulator, user: EmuUser, inbox: asyncio.Queue[tuple[float, Message]]) -> None:
        self.emu, self.user, self.inbox = emu, user, inbox

    async def expect(self, wanted: Callable[[Message], bool], step: str) -> tuple[float, Message]:
        """The next bot message that ``wanted`` accepts; the ones before it (intro, notices) are read and passed."""
        deadline = time.perf_counter() + STEP_TIMEOUT
        while True:
            try:
                at, message = await asyncio.wait_for(self.inbox.get(), max(0.0, deadline - time.perf_counter()))
            except TimeoutError:
                raise FlowError(f"no reply to {step} within {STEP_TIMEOUT:g} s") from None
            if (message.get("text") or "") in ERROR_TEXTS:
                raise FlowError(f"error message after {step}")
            if wanted(message):
                return at, message

    async def report(self, description: str, category: Category, tally: Tally) -> None:
        started = time.perf_counter()
        await self.emu.send_message(self.user, "/report", token=TOKEN)
        _, choose = await self.expect(has_category_buttons, "/report")
        await self.emu.press_button(self.user, choose, data=ReportCategory(category=category.value).pack(), token=TOKEN)
        await self.expect(only_cancel, "category")
        await self.emu.send_message(self.user, description, token=TOKEN)
        _, evidence = await self.expect(has_button(ReportStep(action="done").pack()), "description")
        await self.emu.press_button(self.user, evidence, data=ReportStep(action="done").pack(), token=TOKEN)
        # Each category asks its own questions (knowledge/forms/questionnaires.yaml), then place and time: skip
        # whatever is asked until the review comes.
        skip, submit = ReportStep(action="skip").pack(), ReportStep(action="submit").pack()
        _, review = await self.expect(lambda m: has_button(skip)(m) or has_button(submit)(m), "evidence done")
        for _ in range(MAX_SKIPS):
            if has_button(submit)(review):
                break
            await self.emu.press_button(self.user, review, data=skip, token=TOKEN)
            _, review = await self.expect(lambda m: has_button(skip)(m) or has_button(submit)(m), "question skipped")
        else:
            raise FlowError("no review after skipping every question")
        pressed = time.perf_counter()
        tally.submits += 1
        await self.emu.press_button(self.user, review, data=ReportStep(action="submit").pack(), token=TOKEN)
        received, receipt = await self.expect(has_code, "submit")
        match = CODE.search(receipt["text"])
        assert match is not None
        tally.submit_latencies.append(received - pressed)
        tally.flow_times.append(received - started)
        tally.codes.append(match.group(0))
        tally.last_at = received

    async def run(self, work: list[tuple[str, Category]], tally: Tally) -> None:
        for description, category in work:
            try:
                await self.report(description, category, tally)
            except FlowError as error:
                tally.failures[str(error)] += 1
                with contextlib.suppress(Exception):  # start the next report from a clean state
                    await self.emu.send_message(self.user, "/cancel", token=TOKEN)
                    await asyncio.sleep(1.0)
                while not self.inbox.empty():
                    self.inbox.get_nowait()


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


# ---------------------------------------------------------------------------------------------------- the bot


class BotProcess(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def alive(self) -> bool: ...

    def failure(self) -> str: ...

    def cpu(self) -> BotCpu: ...


def bot_env(api_url: str, data_dir: Path, database_url: str) -> dict[str, str]:
    return {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api_url,
        "DATA_DIR": str(data_dir),
        "SECRET_KEY": SECRET,
        "DATABASE_URL": database_url,
        "FLOOD_RATE": str(UNTHROTTLED),
        "FLOOD_BURST": str(UNTHROTTLED),
        "TELEGRAM_CHAT_RATE": str(UNTHROTTLED),
        "TELEGRAM_CHAT_BURST": str(UNTHROTTLED),
        "TELEGRAM_GLOBAL_RATE": str(UNTHROTTLED),
        "REPORT_DAILY_LIMIT": str(UNTHROTTLED),
        "OPERATOR_IDS": f"{OPERATOR_ID}:admin",
        "OPERATOR_CHAT_ID": str(OPERATORS_CHAT),
        "OPERATOR_LANGUAGE": "en",
    }


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _ticks(stat: str) -> float:
    """User + system CPU seconds from a /proc …/stat line."""
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


@dataclass(frozen=True)
class BotCpu:
    """CPU seconds of a process so far, split by thread (Linux /proc): its main thread (the event loop), asyncio's
    default executor (``asyncio.to_thread``: the receipt's scrypt hash, nothing else while reports are made), and the
    rest (aiosqlite's one thread per connection, and threads that have ended)."""

    process: float = 0.0
    loop: float = 0.0
    executor: float = 0.0

    @property
    def other(self) -> float:
        return self.process - self.loop - self.executor

    @classmethod
    def of(cls, pid: int) -> BotCpu:
        loop = executor = 0.0
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                stat = (task / "stat").read_text()
            except OSError:  # the thread ended meanwhile
                continue
            name = stat[stat.index("(") + 1 : stat.rindex(")")]
            if task.name == str(pid):
                loop = _ticks(stat)
            elif name.startswith("asyncio_"):  # named by name_os_threads
                executor += _ticks(stat)
        return cls(_ticks(Path(f"/proc/{pid}/stat").read_text()), loop, executor)

    def __sub__(self, other: BotCpu) -> BotCpu:
        return BotCpu(self.process - other.process, self.loop - other.loop, self.executor - other.executor)


def name_os_threads() -> None:
    """Give each Python thread started from now on its name in the OS too (``/proc/<pid>/task/<tid>/comm``), so
    BotCpu can tell asyncio's executor threads (``asyncio_0``…) from aiosqlite's (``Thread-N``). Python 3.11 does
    not do it itself."""
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    bootstrap = threading.Thread._bootstrap_inner  # type: ignore[attr-defined]

    def named(thread: threading.Thread) -> None:
        prctl(15, thread.name.encode()[:15], 0, 0, 0)  # PR_SET_NAME
        bootstrap(thread)

    threading.Thread._bootstrap_inner = named  # type: ignore[attr-defined]


def serve_bot() -> int:
    """The separate process: the bot's ``run`` command, its threads named; with ``BENCH_PROFILE`` set, a cProfile of
    its event loop thread from SIGUSR1 (sent after the warm-up) to its end, written to that file."""
    name_os_threads()
    from bot import cli

    profile_path = os.environ.get("BENCH_PROFILE")
    profiler = cProfile.Profile(time.thread_time)  # CPU of this thread, not wall time (the GIL, the poll)
    if profile_path:
        signal.signal(signal.SIGUSR1, lambda *_: profiler.enable())
    try:
        return cli.main(["run"])
    finally:
        if profile_path:
            profiler.disable()
            profiler.dump_stats(profile_path)


def lift_group_pacing() -> None:
    """Let the bot post to groups unpaced (this process only).

    The bot paces every group at Telegram's 20 messages/minute (``SendLimiter``'s group bucket, not a setting), so the
    operators' chat takes ~17 cards a minute: 2,000 cards would drain for about two hours. Unless
    ``--telegram-group-pacing`` is given, the bench builds the bot's limiter with that bucket out of the way, so the
    outbox can be checked to the last card in the same run.
    """

    def unpaced(**limits: Any) -> SendLimiter:
        limits.pop("group_rate", None)
        return SendLimiter(**limits, group_rate=float(UNTHROTTLED), group_burst=UNTHROTTLED)

    if getattr(app_module, "SendLimiter", None) is not SendLimiter:
        raise RuntimeError(
            "bot.telegram.composition no longer builds its SendLimiter by that name: update lift_group_pacing"
        )
    setattr(app_module, "SendLimiter", unpaced)  # noqa: B010 (a module attribute, not an object's)


class InProcessBot:
    """``PollingApp`` on this event loop: the bot, the emulator and the citizens share one core."""

    def __init__(self, env: dict[str, str]) -> None:
        self.app = PollingApp(load_settings(**{key.lower(): value for key, value in env.items()}))
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.task = asyncio.create_task(self.app.run(handle_signals=False))

    def alive(self) -> bool:
        return self.task is not None and not self.task.done()

    def failure(self) -> str:
        if self.task is not None and self.task.done() and self.task.exception() is not None:
            return repr(self.task.exception())
        return "the bot stopped"

    def cpu(self) -> BotCpu:
        return BotCpu.of(os.getpid())  # this process: the bot, the emulator and the citizens together

    async def stop(self) -> None:
        if self.task is None or self.task.done():
            return
        with contextlib.suppress(RuntimeError):
            await self.app.stop()
        await asyncio.wait_for(self.task, 30)


class SubprocessBot:
    """The bot's ``run`` command in its own process; stopped with SIGINT, killed if it hangs."""

    def __init__(self, env: dict[str, str], log_path: Path, group_pacing: bool) -> None:
        # Without group pacing: this script's --serve-bot, which lifts it and then runs bot.cli.main(["run"]).
        self.argv = [sys.executable, "-m", "bot", "run"] if group_pacing else [sys.executable, __file__, "--serve-bot"]
        self.env, self.log_path = env, log_path
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log_path.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, cwd=PROJECT, env={**os.environ, **self.env}, stdout=log, stderr=log
            )

    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    def failure(self) -> str:
        tail = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        return f"{shlex.join(self.argv)} exited with {self.process and self.process.returncode}:\n" + "\n".join(tail)

    def cpu(self) -> BotCpu:
        if self.process is None or self.process.returncode is not None:
            return BotCpu()
        return BotCpu.of(self.process.pid)

    def start_profiling(self) -> None:
        """--profile-bot: the bot's process starts its cProfile of the event loop thread (see serve_bot)."""
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGUSR1)

    def log_problems(self) -> Counter[str]:
        """Warnings and errors in the bot's log, by logger and the start of the message."""
        lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        found = (line.split(" ", 2)[-1] for line in lines if " ERROR " in line or " WARNING " in line)
        return Counter(re.sub(r"\d+", "N", line)[:100] for line in found)

    async def stop(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


class ProblemCounter(logging.Handler):
    """Counts the in-process bot's warnings and errors (handler failures, outbox retries) by logger."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        message = re.sub(r"\d+", "N", record.getMessage())[:90]
        failure = f" ({record.exc_info[0].__name__})" if record.exc_info and record.exc_info[0] else ""
        self.seen[f"{record.levelname} {record.name}: {message}{failure}"] += 1


PROBLEMS = ProblemCounter()


async def until_polling(emu: BotAPIEmulator, bot: BotProcess) -> None:
    """Started means: the bot's first getUpdates reached the emulator (after migrations and its start-up calls)."""
    deadline = time.monotonic() + START_TIMEOUT
    while not any(call.method == "getUpdates" and call.token == TOKEN for call in emu.calls):
        if not bot.alive():
            await bot.stop()
            raise RuntimeError(f"the bot did not start: {bot.failure()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the bot did not start polling within {START_TIMEOUT:.0f} s")
        await asyncio.sleep(0.05)


# ---------------------------------------------------------------------------------------------------- databases


@dataclass(frozen=True)
class Target:
    name: str  # SQLite | PostgreSQL
    postgres_url: str | None  # None: a new SQLite file per configuration

    async def fresh(self, directory: Path) -> str:
        """The URL of an empty database (no tables: the bot applies its migrations at start)."""
        if self.postgres_url is None:
            directory.mkdir(parents=True, exist_ok=True)
            return f"sqlite+aiosqlite:///{directory / 'hotline.db'}"
        url = make_url(self.postgres_url)
        server = create_async_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            async with server.connect() as connection:
                query = text("SELECT 1 FROM pg_database WHERE datname = :name")
                if (await connection.execute(query, {"name": url.database})).first() is None:
                    await connection.execute(text(f'CREATE DATABASE "{url.database}"'))
        finally:
            await server.dispose()
        engine = create_async_engine(self.postgres_url)
        try:
            async with engine.begin() as connection:
                await connection.execute(text("DROP SCHEMA public CASCADE"))
                await connection.execute(text("CREATE SCHEMA public"))
        finally:
            await engine.dispose()
        return self.postgres_url


@dataclass
class Checked:
    cases: int
    distinct_hashes: int
    sample: int
    sample_found: int  # sampled receipt codes that find_case maps to a case
    sample_distinct: int  # distinct case ids among them
    cards_sent_rows: int  # new_case outbox rows marked sent
    outbox_pending: int
    outbox_drain_s: float  # after the last receipt


async def count(sessions: Any, query: Any) -> int:
    async with sessions() as session:
        return int((await session.exec(query)).one())


async def check_database(url: str, codes: list[str], sample_size: int, last_receipt: float) -> Checked:
    engine = database.create_engine(url)
    sessions = database.session_factory(engine)
    box = SecretBox(SECRET)
    try:
        cases = await count(sessions, select(func.count()).select_from(Case))
        distinct = await count(sessions, select(func.count(func.distinct(Case.code_hash))))
        sample = random.Random(3).sample(codes, min(sample_size, len(codes)))
        found = await asyncio.gather(*(find_case(sessions, box, code) for code in sample))
        new_case = OutboxMessage.kind == OutboxKind.new_case
        sent = col(OutboxMessage.sent_at).is_not(None)
        sent_query = select(func.count()).select_from(OutboxMessage).where(new_case, sent)
        pending_query = (
            select(func.count())
            .select_from(OutboxMessage)
            .where(col(OutboxMessage.sent_at).is_(None), col(OutboxMessage.failed_at).is_(None))
        )
        deadline = time.perf_counter() + OUTBOX_TIMEOUT
        while True:
            sent, pending = await count(sessions, sent_query), await count(sessions, pending_query)
            if pending == 0 or time.perf_counter() > deadline:
                break
            await asyncio.sleep(0.25)
        drained_at = time.perf_counter()
        return Checked(
            cases=cases,
            distinct_hashes=distinct,
            sample=len(sample),
            sample_found=sum(1 for case_id in found if case_id is not None),
            sample_distinct=len({case_id for case_id in found if case_id is not None}),
            cards_sent_rows=sent,
            outbox_pending=pending,
            outbox_drain_s=max(0.0, drained_at - last_receipt),
        )
    finally:
        await engine.dispose()


# ---------------------------------------------------------------------------------------------------- one phase


@dataclass
class Row:
    database: str
    mode: str
    reports: int  # receipts received (bot) / rows inserted (baseline)
    attempted: int
    per_s: float
    p50_ms: float
    p99_ms: float
    lost: int
    duplicated: int
    cards: str
    notes: list[str] = field(default_factory=list)
    cpu: str = ""  # CPU per report, where it went
    figures: dict[str, float] = field(default_factory=dict)  # per report: CPU ms by thread, Bot API calls, SQL
    runs: list[dict[str, float]] = field(default_factory=list)  # each run's figures (median_row)


def plan(reports: int, citizens: int) -> list[list[tuple[str, Category, str]]]:
    """The reports each citizen will send: (description, category, language), spread as evenly as possible."""
    texts = descriptions(reports)
    categories = list(Category)
    work: list[list[tuple[str, Category, str]]] = [[] for _ in range(citizens)]
    for n, (lang, description) in enumerate(texts):
        work[n % citizens].append((description, categories[n % len(categories)], lang))
    return work


STATEMENT = re.compile(r"^\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b(?:.*?\bFROM\b)?\s*\"?(\w+)", re.DOTALL)


class Statements:
    """SQLAlchemy events of the in-process bot's engine: statements by kind and table, commits, and each write
    transaction's two phases: from its first INSERT/UPDATE/DELETE being sent to it returning (on SQLite: waiting for
    the one write lock), and from there to COMMIT (holding it). The events fire on the event loop thread, so both
    include the loop's delay in getting back to the transaction — which, on SQLite, is time the lock stays held."""

    def __init__(self) -> None:
        self.kinds: Counter[str] = Counter()
        self.commits = 0
        self.waits: list[float] = []
        self.holds: list[float] = []
        self._sent: dict[int, float] = {}  # connection → first write statement sent
        self._done: dict[int, float] = {}  # connection → first write statement returned

    def reset(self) -> None:
        """Forget what was counted so far (the warm-up's statements)."""
        self.kinds.clear()
        self.commits = 0
        self.waits.clear()
        self.holds.clear()

    def attach(self, engine: AsyncEngine) -> None:
        event.listen(engine.sync_engine, "before_cursor_execute", self._before)
        event.listen(engine.sync_engine, "after_cursor_execute", self._after)
        event.listen(engine.sync_engine, "commit", self._commit)
        event.listen(engine.sync_engine, "rollback", self._rollback)

    @staticmethod
    def _verb(statement: str) -> str:
        return statement.lstrip().split(maxsplit=1)[0].upper()

    def _before(self, conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        match = STATEMENT.match(statement)
        self.kinds[f"{match.group(1).split()[0]} {match.group(2)}" if match else self._verb(statement)] += 1
        if self._verb(statement) in ("INSERT", "UPDATE", "DELETE"):
            self._sent.setdefault(id(conn), time.perf_counter())

    def _after(self, conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if id(conn) in self._sent:
            self._done.setdefault(id(conn), time.perf_counter())

    def _commit(self, conn: Any) -> None:
        self.commits += 1
        sent, done = self._sent.pop(id(conn), None), self._done.pop(id(conn), None)
        if sent is not None and done is not None:
            self.waits.append(done - sent)
            self.holds.append(time.perf_counter() - done)

    def _rollback(self, conn: Any) -> None:
        self._sent.pop(id(conn), None)
        self._done.pop(id(conn), None)

    def summary(self, reports: int, wall: float, sqlite: bool) -> str:
        total = sum(self.kinds.values())
        top = ", ".join(f"{kind} {n / reports:.1f}" for kind, n in self.kinds.most_common(14))
        held = sum(self.holds)
        share = f" = the write lock held {held / wall:.0%} of the run" if sqlite else ""
        return (
            f"{total / reports:.1f} SQL statements and {self.commits / reports:.1f} commits per report ({top}); "
            f"write transactions: first write p50 {percentile(self.waits, 0.5) * 1000:.1f} ms, "
            f"p99 {percentile(self.waits, 0.99) * 1000:.0f} ms; then open until COMMIT p50 "
            f"{percentile(self.holds, 0.5) * 1000:.1f} ms, p99 {percentile(self.holds, 0.99) * 1000:.0f} ms, "
            f"{held:.0f} s in all{share}"
        )


class LoopLag:
    """How late this process's event loop wakes a 100 ms sleep: the backlog of ready work on its one thread."""

    def __init__(self) -> None:
        self.lags: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _sample(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            await asyncio.sleep(0.1)
            self.lags.append(loop.time() - started - 0.1)

    def start(self) -> None:
        self._task = asyncio.create_task(self._sample())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def summary(self, whose: str) -> str:
        p50, p99 = percentile(self.lags, 0.5) * 1000, percentile(self.lags, 0.99) * 1000
        return f"event loop lag ({whose}) p50 {p50:.0f} ms, p99 {p99:.0f} ms"


def scrypt_ms() -> float:
    """CPU time of one receipt-code hash (``SecretBox.receipt_hash``), measured here the same way."""
    box = SecretBox(SECRET)
    started = time.thread_time()
    for n in range(3):
        box.receipt_hash(f"HT-{n:04d}")
    return (time.thread_time() - started) / 3 * 1000


@dataclass
class CpuMeter:
    """CPU seconds of the bot's process (split by thread, BotCpu) and of this process: when the bot began polling
    (its start-up), after the warm-up reports, and after the measured ones. In-process the bot's process is this
    one, so its event loop also runs the emulator and the citizens."""

    bot: BotProcess
    separate: bool
    sqlite: bool
    startup: BotCpu = field(default_factory=BotCpu)
    start: tuple[BotCpu, float] = (BotCpu(), 0.0)
    end: tuple[BotCpu, float] = (BotCpu(), 0.0)
    scrypt_ms: float = 0.0

    def read(self) -> tuple[BotCpu, float]:
        return self.bot.cpu(), time.process_time()

    def per_report(self, reports: int) -> dict[str, float]:
        used = self.end[0] - self.start[0]
        return {
            "process": used.process / reports * 1000,
            "loop": used.loop / reports * 1000,
            "executor": used.executor / reports * 1000,
            "other": used.other / reports * 1000,
            "harness": (self.end[1] - self.start[1]) / reports * 1000,
            "scrypt": self.scrypt_ms,
            "startup": self.startup.process * 1000,
            "startup_loop": self.startup.loop * 1000,
        }

    def summary(self, reports: int, warmup: int, warmup_cpu: BotCpu) -> str:
        ms = self.per_report(reports)
        threads = "aiosqlite's threads" if self.sqlite else "asyncpg has none"
        startup = (
            f"start-up (to the first getUpdates, not counted below): {ms['startup']:.0f} ms CPU, "
            f"{ms['startup_loop']:.0f} ms of it on the event loop; warm-up ({warmup} reports, not counted): "
            + (f"{warmup_cpu.loop / warmup * 1000:.0f} ms event loop per report" if warmup else "none")
        )
        if self.separate:
            return (
                f"{startup}; CPU per measured report: bot process {ms['process']:.0f} ms = event loop "
                f"{ms['loop']:.1f} ms + executor (scrypt) {ms['executor']:.0f} ms + other threads ({threads}, ended "
                f"threads) {ms['other']:.0f} ms; one receipt hash measured in this process: {ms['scrypt']:.0f} ms; "
                f"emulator + citizens process {ms['harness']:.0f} ms"
            )
        return (
            f"{startup}; CPU per measured report: {ms['process']:.0f} ms in this process (bot, emulator and citizens), "
            f"of which {ms['loop']:.0f} ms on the event loop thread, {ms['executor']:.0f} ms in the executor "
            f"(scrypt) and {ms['other']:.0f} ms in other threads ({threads})"
        )


async def bot_phase(
    target: Target,
    separate: bool,
    reports: int,
    citizens: int,
    sample_size: int,
    group_pacing: bool,
    tmp: Path,
    *,
    warmup: int = 0,
    profile: Path | None = None,
) -> Row:
    mode = "bot, separate process" if separate else "bot, in-process"
    url = await target.fresh(tmp / "data")
    PROBLEMS.seen.clear()
    statements = Statements()
    async with BotAPIEmulator(default_token=TOKEN) as emu:
        emu.enforce_limits = False  # the bench floods on purpose (its pacing options model Telegram's limits)
        emu.group(OPERATORS_CHAT, "Operators")
        env = bot_env(emu.base_url, tmp / "data", url)
        if profile is not None:
            env["BENCH_PROFILE"] = str(profile.resolve())
        bot: BotProcess = SubprocessBot(env, tmp / "bot.log", group_pacing) if separate else InProcessBot(env)
        inboxes = Inboxes(TOKEN)
        unsubscribe = emu.listen(inboxes)
        await bot.start()
        try:
            await until_polling(emu, bot)
            if isinstance(bot, InProcessBot) and bot.app.services is not None:
                statements.attach(bot.app.services.db)
            cpu = CpuMeter(bot, separate, target.postgres_url is None, scrypt_ms=scrypt_ms())
            cpu.startup = bot.cpu()
            # The warm-up: citizens of their own, one report each, before anything is measured — the first reports
            # pay for what the bot builds on first use (compiled statements, lazily loaded parts, caches), which
            # the measured reports must not carry.
            warm = Tally()
            warm_people = []
            for n, (lang, description) in enumerate(descriptions(warmup, seed=6)):
                user = emu.user(FIRST_USER_ID + WARMUP_IDS + n, f"Early{n}", language_code=lang)
                category = list(Category)[n % len(Category)]
                warm_people.append(Citizen(emu, user, inboxes.open(user.id)).run([(description, category)], warm))
            await asyncio.gather(*warm_people)
            await until(lambda: sum(inboxes.cards.values()) >= len(warm.codes), 30.0)  # its outbox drained too
            warmup_cpu = bot.cpu() - cpu.startup
            statements.reset()
            work = [w for w in plan(reports, citizens) if w]
            people = []
            for n, items in enumerate(work):
                user = emu.user(FIRST_USER_ID + n, f"Citizen{n}", language_code=items[0][2])
                people.append((Citizen(emu, user, inboxes.open(user.id)), [(d, c) for d, c, _ in items]))
            tally = Tally()
            calls_before = len(emu.calls)
            lag = LoopLag()
            if profile and isinstance(bot, SubprocessBot):
                bot.start_profiling()
            cpu.start = cpu.read()
            lag.start()
            tally.first_at = time.perf_counter()
            await asyncio.gather(*(person.run(items, tally) for person, items in people))
            cpu.end = cpu.read()
            await lag.stop()
            api_calls = Counter(call.method for call in emu.calls[calls_before:] if call.token == TOKEN)
            last = tally.last_at or time.perf_counter()
            checked = await check_database(url, tally.codes + warm.codes, sample_size, last)
            await until(lambda: sum(inboxes.cards.values()) >= checked.cards_sent_rows, 10.0)
        finally:
            await bot.stop()
            unsubscribe()
    received = len(tally.codes)
    # The database holds the warm-up's cases too: lost and duplicated are counted over both.
    all_received, all_submits = received + len(warm.codes), tally.submits + warm.submits
    all_codes = tally.codes + warm.codes
    wall = last - tally.first_at
    notes = []
    if tally.failures or warm.failures:
        notes.append(f"flows not completed: {dict(tally.failures + warm.failures)}")
    if all_received < checked.cases <= all_submits:
        notes.append(f"{checked.cases - all_received} cases committed whose receipt never reached the citizen")
    if len(set(all_codes)) != all_received:
        notes.append(f"the same receipt code was given {all_received - len(set(all_codes))} time(s) too many")
    if checked.distinct_hashes != checked.cases:
        notes.append(f"{checked.cases - checked.distinct_hashes} cases share a code_hash")
    if checked.sample_found != checked.sample or checked.sample_distinct != checked.sample_found:
        notes.append(
            f"find_case: {checked.sample_found}/{checked.sample} sampled codes found, "
            f"{checked.sample_distinct} distinct cases"
        )
    else:
        notes.append(f"find_case: {checked.sample} sampled receipt codes → {checked.sample_distinct} distinct cases")
    card_dupes = sum(n - 1 for n in inboxes.cards.values() if n > 1)
    notes.append(
        f"outbox drained {checked.outbox_drain_s:.1f} s after the last receipt"
        + (f", {checked.outbox_pending} rows still pending" if checked.outbox_pending else "")
        + (f", {card_dupes} duplicate cards" if card_dupes else "")
    )
    notes.append(
        f"whole flow /report → receipt p50 {percentile(tally.flow_times, 0.5):.1f} s, "
        f"p99 {percentile(tally.flow_times, 0.99):.1f} s (8 bot round trips)"
    )
    notes.append(lag.summary("the emulator and citizens only" if separate else "bot, emulator and citizens"))
    if received:
        top = ", ".join(f"{method} {n / received:.1f}" for method, n in api_calls.most_common(5))
        notes.append(f"{sum(api_calls.values()) / received:.1f} Bot API calls per report ({top})")
    if received and statements.kinds:
        notes.append(statements.summary(received, wall, target.postgres_url is None))
    if inboxes.alerts:
        notes.append(f"callback alerts: {dict(inboxes.alerts)}")
    if PROBLEMS.seen and not separate:
        notes.append(f"bot log warnings/errors: {dict(PROBLEMS.seen.most_common(5))}")
    if isinstance(bot, SubprocessBot) and bot.log_problems():
        notes.append(f"bot log warnings/errors: {dict(bot.log_problems().most_common(5))}")
    return Row(
        database=target.name,
        mode=mode,
        reports=received,
        attempted=reports,
        per_s=received / wall if wall > 0 else float("nan"),
        p50_ms=percentile(tally.submit_latencies, 0.50) * 1000,
        p99_ms=percentile(tally.submit_latencies, 0.99) * 1000,
        lost=max(0, all_received - checked.cases) + (checked.sample - checked.sample_found),
        duplicated=max(0, checked.cases - all_submits) + (checked.cases - checked.distinct_hashes),
        cards=f"{checked.cards_sent_rows} rows / {sum(inboxes.cards.values())} cards",
        notes=notes,
        cpu=cpu.summary(received, len(warm.codes), warmup_cpu) if received else "",
        figures={
            **(cpu.per_report(received) if received else {}),
            "calls": sum(api_calls.values()) / received if received else float("nan"),
            "sendMessage": api_calls["sendMessage"] / received if received else float("nan"),
            **(
                {"sql": sum(statements.kinds.values()) / received, "commits": statements.commits / received}
                if received and statements.kinds
                else {}
            ),
        },
    )


async def until(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while not condition() and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)


async def baseline_phase(target: Target, reports: int, citizens: int, tmp: Path) -> Row:
    """``reports`` Case rows, one transaction each, from ``citizens`` concurrent tasks, through the bot's engine."""
    url = await target.fresh(tmp / "baseline")
    await database.upgrade_async(url)
    engine = database.create_engine(url)
    sessions = database.session_factory(engine)
    texts = descriptions(reports)
    categories = list(Category)
    latencies: list[float] = []

    async def insert(n: int) -> None:
        lang, description = texts[n]
        case = Case(
            category=categories[n % len(categories)],
            description=description,
            language=lang,
            code_hash=secrets.token_hex(32),
            submission_key=secrets.token_hex(32),
        )
        started = time.perf_counter()
        async with sessions() as session:
            session.add(case)
            await session.commit()
        latencies.append(time.perf_counter() - started)

    async def worker(first: int) -> None:
        for n in range(first, reports, citizens):
            await insert(n)

    try:
        cpu_before = time.process_time()
        started = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(min(citizens, reports))))
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu_before
        rows = await count(sessions, select(func.count()).select_from(Case))
    finally:
        await engine.dispose()
    return Row(
        database=target.name,
        mode="baseline: bare insert, 1 txn/row",
        reports=rows,
        attempted=reports,
        per_s=len(latencies) / wall,
        p50_ms=percentile(latencies, 0.50) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
        lost=max(0, reports - rows),
        duplicated=max(0, rows - reports),
        cards="–",
        cpu=f"CPU per row: {cpu / len(latencies) * 1000:.1f} ms in this process",
    )


# ---------------------------------------------------------------------------------------------------- report


def median_row(rows: list[Row]) -> Row:
    first = rows[0]
    return Row(
        database=first.database,
        mode=first.mode,
        reports=sum(r.reports for r in rows) // len(rows),
        attempted=first.attempted,
        per_s=statistics.median(r.per_s for r in rows),
        p50_ms=statistics.median(r.p50_ms for r in rows),
        p99_ms=statistics.median(r.p99_ms for r in rows),
        lost=sum(r.lost for r in rows),
        duplicated=sum(r.duplicated for r in rows),
        cards="; ".join(r.cards for r in rows),
        notes=[f"run {n}: {note}" if len(rows) > 1 else note for n, r in enumerate(rows, 1) for note in r.notes],
        cpu="; ".join(f"run {n}: {r.cpu}" if len(rows) > 1 else r.cpu for n, r in enumerate(rows, 1)),
        figures={key: statistics.median(r.figures[key] for r in rows if key in r.figures) for key in first.figures},
        runs=[r.figures for r in rows],
    )


def code_version() -> str:
    """The commit, and the bot's files that differ from it (the bench measures the working tree)."""

    def git(*argv: str) -> str:
        try:
            done = subprocess.run(["git", *argv], cwd=PROJECT, capture_output=True, text=True, timeout=10, check=True)
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout

    changed = [line[3:] for line in git("status", "--porcelain", "--", "bot").splitlines()]
    return f"{git('rev-parse', '--short', 'HEAD').strip() or 'unknown'}" + (
        f" + uncommitted changes in {len(changed)} bot/ file(s): {', '.join(changed)}" if changed else ""
    )


def print_header(args: argparse.Namespace) -> None:
    print(f"command: {shlex.join([os.path.relpath(sys.executable), *sys.argv])}")
    print(f"code: {args.code}")
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"aiogram {aiogram.__version__}; load average at start {args.loadavg:.2f}, at end {os.getloadavg()[0]:.2f}"
    )
    print(
        f"load: {args.citizens} citizens at once, {args.reports} reports in total ({args.reports / args.citizens:g} "
        "each, one after another); each waits for every reply; evidence, place and time skipped; "
        f"{'median of ' + str(args.runs) + ' runs' if args.runs > 1 else '1 run'}"
    )
    described = {
        "in-process": "in-process = the emulator, the citizens and the bot on one event loop (one core)",
        "separate-process": "separate process = the bot's `run` command in a subprocess, the emulator and the "
        "citizens in this process (the 2 cores shared)",
    }
    print("modes: " + "; ".join(described[mode] for mode in args.modes))
    group = "kept at 20/min" if args.telegram_group_pacing else "lifted"
    print(
        f"limits: flood control, the bot's outgoing pacing and REPORT_DAILY_LIMIT at {UNTHROTTLED:,}; the bot's "
        f"pacing of the operators' group {group}; latency = Submit press → receipt recorded by the emulator; "
        "reports/s = receipts / (first /report → last receipt)\n"
    )


def print_table(results: list[Row]) -> None:
    print("| database | mode | reports | reports/s | p50 ms | p99 ms | lost | duplicated | cards sent |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in results:
        print(
            f"| {row.database} | {row.mode} | {row.reports}/{row.attempted} | {row.per_s:.1f} | {row.p50_ms:.1f} "
            f"| {row.p99_ms:.1f} | {row.lost} | {row.duplicated} | {row.cards} |"
        )
        if row.mode.startswith("baseline"):
            for bot in (r for r in results if r.database == row.database and r.mode.startswith("bot")):
                print(
                    f"| {row.database} | ratio {bot.mode.removeprefix('bot, ')} / baseline | | "
                    f"×{bot.per_s / row.per_s:.3f} | ×{bot.p50_ms / row.p50_ms:.1f} | ×{bot.p99_ms / row.p99_ms:.1f} "
                    "| | | |"
                )
    print()
    bots = [row for row in results if row.figures.get("loop") is not None]
    if bots:
        print("Per measured report (after start-up and warm-up), median of the runs (each run's figure in brackets):\n")
        print(
            "| database | mode | event loop ms | executor (scrypt) ms | other threads ms | bot process ms "
            "| one scrypt hash ms | start-up CPU ms | Bot API calls | SQL statements | commits |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for row in bots:

            def cell(key: str, digits: int = 0, row: Row = row) -> str:
                if key not in row.figures:
                    return "–"
                runs = [f"{r[key]:.{digits}f}" for r in row.runs if key in r]
                each = f" ({' / '.join(runs)})" if len(runs) > 1 else ""
                return f"{row.figures[key]:.{digits}f}{each}"

            print(
                f"| {row.database} | {row.mode} | **{cell('loop', 1)}** | {cell('executor')} | {cell('other')} "
                f"| {cell('process')} | {cell('scrypt')} | {cell('startup')} | {cell('calls', 1)} | {cell('sql', 1)} "
                f"| {cell('commits', 1)} |"
            )
        print()
    for row in results:
        print(f"- {row.database}, {row.mode}: " + "; ".join([row.cpu, *row.notes]))


async def benchmark(args: argparse.Namespace) -> None:
    targets = {
        "sqlite": Target("SQLite", None),
        "postgresql": Target("PostgreSQL", args.postgres_url),
    }
    chosen = [targets[name] for name in args.databases]
    modes = [mode == "separate-process" for mode in args.modes]
    phases: list[tuple[Target, str, Callable[[Path], Awaitable[Row]]]] = []
    for target in chosen:
        for separate in modes:
            phases.append(
                (
                    target,
                    f"bot-{separate}",
                    lambda tmp, t=target, s=separate: bot_phase(
                        t,
                        s,
                        args.reports,
                        args.citizens,
                        args.sample,
                        args.telegram_group_pacing,
                        tmp,
                        warmup=args.warmup,
                        profile=args.profile_bot,
                    ),
                )
            )
        phases.append((target, "baseline", lambda tmp, t=target: baseline_phase(t, args.reports, args.citizens, tmp)))
    samples: dict[tuple[str, str], list[Row]] = {}
    for run in range(1, args.runs + 1):
        for target, key, phase in phases:
            with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
                started = time.perf_counter()
                row = await phase(Path(tmp))
            samples.setdefault((target.name, key), []).append(row)
            print(
                f"run {run} {row.database} {row.mode}: {row.reports}/{row.attempted} in "
                f"{time.perf_counter() - started:.0f} s, {row.per_s:.1f}/s, p50 {row.p50_ms:.1f} ms, "
                f"p99 {row.p99_ms:.1f} ms, lost {row.lost}, duplicated {row.duplicated}, cards {row.cards}",
                file=sys.stderr,
                flush=True,
            )
    print_header(args)
    print_table([median_row(rows) for rows in samples.values()])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000, help="reports in total per configuration (default 2000)")
    parser.add_argument("--citizens", type=int, default=500, help="concurrent simulated citizens (default 500)")
    parser.add_argument("--runs", type=int, default=1, help="runs of every configuration; medians (default 1)")
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql (default both)"
    )
    parser.add_argument(
        "--postgres-url", default=DEFAULT_POSTGRES, help=f"WIPED before each configuration (default {DEFAULT_POSTGRES})"
    )
    parser.add_argument(
        "--modes",
        default="in-process",
        help="comma-separated: in-process (the bot on this event loop), separate-process (the bot's `run` command in "
        "a subprocess) (default in-process)",
    )
    parser.add_argument(
        "--separate-process", action="store_true", help="shorthand for --modes in-process,separate-process"
    )
    parser.add_argument(
        "--telegram-group-pacing",
        action="store_true",
        help="keep the bot's 20 messages/min pacing of the operators' chat (the outbox then drains for ages)",
    )
    parser.add_argument("--serve-bot", action="store_true", help=argparse.SUPPRESS)  # the separate process
    parser.add_argument(
        "--warmup",
        type=int,
        default=20,
        help="reports made first, by citizens of their own, and not measured (default 20)",
    )
    parser.add_argument(
        "--profile-bot",
        type=Path,
        help="separate process: write a cProfile of the bot's event loop thread over the measured reports here",
    )
    parser.add_argument("--sample", type=int, default=50, help="receipt codes checked with find_case (default 50)")
    args = parser.parse_args()
    args.databases = [name.strip().lower() for name in args.databases.split(",") if name.strip()]
    if args.separate_process:
        args.modes = "in-process,separate-process"
    args.modes = [name.strip().lower() for name in args.modes.split(",") if name.strip()]
    if not args.modes or any(name not in ("in-process", "separate-process") for name in args.modes):
        parser.error("--modes takes in-process and/or separate-process")
    if not args.databases or any(name not in ("sqlite", "postgresql") for name in args.databases):
        parser.error("--databases takes sqlite and/or postgresql")
    if min(args.reports, args.citizens, args.runs) < 1 or args.sample < 0 or args.warmup < 0:
        parser.error("--reports, --citizens and --runs must be positive")
    if make_url(args.postgres_url).get_backend_name() != "postgresql":
        parser.error("--postgres-url must be a postgresql+asyncpg:// URL")
    return args


def main() -> None:
    args = parse_args()
    if args.serve_bot:
        lift_group_pacing()
        raise SystemExit(serve_bot())
    name_os_threads()
    if not args.telegram_group_pacing:
        lift_group_pacing()
    args.loadavg = os.getloadavg()[0]
    args.code = code_version()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger().addHandler(PROBLEMS)
    asyncio.run(benchmark(args))


if __name__ == "__main__":
    main()
