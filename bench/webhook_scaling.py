"""Benchmark: webhook throughput with one instance vs two, on PostgreSQL + Redis, in the same run.

    .venv/bin/python bench/webhook_scaling.py [--questions-citizens 40] [--report-citizens 20]
                                              [--warmup 5] [--duration 20] [--database-url URL] [--redis-url URL]

Each phase starts 1 or 2 ``python -m bot run --webhook`` processes (exactly what a deployment runs: REDIS_URL set,
a fresh PostgreSQL database each phase, a fresh bot token so Redis keys never carry over) and the project's Bot API
emulator in this process delivers webhook updates round-robin across them. Simulated citizens run closed loops:

- questions: each citizen asks a question of tests/devset/dev.jsonl, waits for the answer, asks the next;
  latency = from the update being queued to the bot's answer (the message with the inline keyboard);
- reports: each citizen makes whole reports (/report, category, description, Done, Skip, Skip, Submit), one after
  another; throughput = receipts per second; latency = each step's update to the bot's reply to it.

Measured after ``--warmup`` seconds for ``--duration`` seconds. CPU seconds during the window are read from /proc for
the bot processes, this process (emulator + citizens), PostgreSQL and Redis (all their processes on the machine),
and the rest of the machine ("other work": anything else running meanwhile, which a shared machine must subtract
from its cores), to say where the time goes. The bot's own pacing and the citizens' limits are lifted: this measures
the bot, not Telegram's limits (about 30 messages/s per bot in all). Needs PostgreSQL and Redis (defaults:
TEST_DATABASE_URL / TEST_REDIS_URL, else the local ones); creates and drops one database per phase.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import platform
import re
import signal
import socket
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import aiohttp  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from bot.emulator import BotAPIEmulator, EmuEvent, EmuUser  # noqa: E402

DEVSET = PROJECT / "tests" / "devset" / "dev.jsonl"
SECRET_KEY = "bench-webhook-secret-key-0123456789abcdefghijklmn"
WEBHOOK_SECRET = "bench-webhook-secret-0123456789"
OPERATORS_CHAT = -1005550000000
REPLY_TIMEOUT = 30.0
CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
TICKS = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------------------------------- measuring


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


def cpu_of(pid: int) -> float:
    """User + system CPU seconds of one process (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def cpu_by_pid(name: str) -> dict[int, float]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "comm").read_text().strip() == name:
                    found[int(entry.name)] = cpu_of(int(entry.name))
    return found


def used_since(now: dict[int, float], before: dict[int, float]) -> float:
    """CPU used by the processes alive now since ``before`` (new ones from their start; ones gone are not seen)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in now.items())


def machine_busy() -> float:
    """CPU seconds all processes of the machine have used (from /proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / TICKS


@dataclass
class CpuUse:
    """CPU seconds in the window: the bots, this process (emulator + citizens), PostgreSQL, Redis, the rest."""

    bots: float
    harness: float
    postgres: float
    redis: float
    other: float


@dataclass
class CpuSnapshot:
    bots: float
    harness: float
    postgres: dict[int, float]
    redis: dict[int, float]
    machine: float

    @classmethod
    def take(cls, pids: list[int]) -> CpuSnapshot:
        return cls(
            sum(cpu_of(pid) for pid in pids),
            time.process_time(),
            cpu_by_pid("postgres"),
            cpu_by_pid("redis-server"),
            machine_busy(),
        )

    def minus(self, other: CpuSnapshot) -> CpuUse:
        postgres, redis = used_since(self.postgres, other.postgres), used_since(self.redis, other.redis)
        bots, harness = self.bots - other.bots, self.harness - other.harness
        other_work = (self.machine - other.machine) - bots - harness - postgres - redis
        return CpuUse(bots, harness, postgres, redis, max(other_work, 0.0))


class Replies:
    """An emulator listener resolving, per chat, the wait for the bot's next message that matches."""

    def __init__(self, token: str) -> None:
        self.token = token
        self._waiting: dict[int, tuple[Callable[[dict], bool], asyncio.Future[tuple[float, dict]]]] = {}

    def expect(self, chat_id: int, matches: Callable[[dict], bool]) -> asyncio.Future[tuple[float, dict]]:
        future: asyncio.Future[tuple[float, dict]] = asyncio.get_running_loop().create_future()
        self._waiting[chat_id] = (matches, future)
        return future

    def __call__(self, event: EmuEvent) -> None:
        if event.kind != "bot_message" or event.token != self.token or event.chat_id is None or not event.message:
            return
        waiting = self._waiting.get(event.chat_id)
        if waiting is not None and not waiting[1].done() and waiting[0](event.message):
            waiting[1].set_result((time.perf_counter(), event.message))
            del self._waiting[event.chat_id]


@dataclass
class Window:
    warmup: float
    duration: float
    opened_at: float | None = None
    closed_at: float | None = None
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    latencies: list[float] = field(default_factory=list)
    completed: int = 0
    failed: int = 0

    def open(self) -> bool:
        return self.opened_at is not None and not self.closed.is_set()


# ---------------------------------------------------------------------------------------------------- instances


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Instance:
    def __init__(self, name: str, env: dict[str, str], workdir: Path) -> None:
        self.port = free_port()
        self.env = env | {"WEBHOOK_PORT": str(self.port), "DATA_DIR": str(workdir / name)}
        self.workdir = workdir
        self.log = workdir / f"{name}.log"
        self.process: asyncio.subprocess.Process | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram"

    async def start(self) -> None:
        with self.log.open("wb") as out:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                "--webhook",
                cwd=self.workdir,
                env=self.env,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
            )

    async def wait_ready(self, timeout: float = 300.0) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        async with aiohttp.ClientSession() as http:
            while time.monotonic() < deadline:
                if self.process.returncode is not None:
                    raise RuntimeError(f"instance exited: {self.log.read_text(errors='replace')[-2000:]}")
                with contextlib.suppress(aiohttp.ClientError):
                    async with http.get(f"http://127.0.0.1:{self.port}/healthz") as response:
                        if response.status == 200:
                            return
                await asyncio.sleep(0.3)
        raise RuntimeError("instance not healthy in time")

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 60)
            except TimeoutError:
                self.process.kill()


@contextlib.asynccontextmanager
async def fresh_database(base_url: str):  # type: ignore[no-untyped-def]
    name = f"hotline_bench_{uuid.uuid4().hex[:10]}"
    admin = create_async_engine(base_url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base_url).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


async def flush_namespace(redis_url: str, token: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(redis_url)
    async for key in client.scan_iter(match=f"hotline:{token.split(':')[0]}:*", count=1000):
        await client.delete(key)
    await client.aclose()


# ---------------------------------------------------------------------------------------------------- citizens


def buttons(message: dict) -> list[str]:
    return [b["text"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def ask_questions(
    emu: BotAPIEmulator, replies: Replies, user: EmuUser, questions: list[str], window: Window
) -> None:
    for question in itertools.cycle(questions):
        if window.closed.is_set():
            return
        answer = replies.expect(user.id, lambda m: bool(m.get("reply_markup")))
        sent_at = time.perf_counter()
        await emu.send_message(user, question, token=replies.token)
        try:
            replied_at, _ = await asyncio.wait_for(answer, REPLY_TIMEOUT)
        except TimeoutError:
            window.failed += window.open()
            continue
        if window.open() and sent_at >= (window.opened_at or 0):
            window.latencies.append(replied_at - sent_at)
            window.completed += 1


async def make_reports(emu: BotAPIEmulator, replies: Replies, user: EmuUser, window: Window, number: int) -> None:
    token = replies.token

    async def step(action: Callable[[], object], matches: Callable[[dict], bool]) -> dict:
        reply = replies.expect(user.id, matches)
        sent_at = time.perf_counter()
        await action()  # type: ignore[misc]
        replied_at, message = await asyncio.wait_for(reply, REPLY_TIMEOUT)
        if window.open() and sent_at >= (window.opened_at or 0):
            window.latencies.append(replied_at - sent_at)
        return message

    for serial in itertools.count():
        if window.closed.is_set():
            return
        started_at = time.perf_counter()
        try:
            choose = await step(lambda: emu.send_message(user, "/report", token=token), lambda m: len(buttons(m)) == 6)
            label = buttons(choose)[serial % 5]
            await step(
                lambda c=choose, b=label: emu.press_button(user, c, text=b, token=token),
                lambda m: "Describe" in m.get("text", ""),
            )
            description = f"Citizen {number} report {serial}: strangers photograph the water plant fence at night."
            evidence = await step(
                lambda d=description: emu.send_message(user, d, token=token), lambda m: "✅ Done" in buttons(m)
            )
            place = await step(
                lambda e=evidence: emu.press_button(user, e, text="✅ Done", token=token),
                lambda m: "⏭ Skip" in buttons(m),
            )
            when = await step(
                lambda p=place: emu.press_button(user, p, text="⏭ Skip", token=token),
                lambda m: "⏭ Skip" in buttons(m),
            )
            review = await step(
                lambda w=when: emu.press_button(user, w, text="⏭ Skip", token=token),
                lambda m: "📨 Submit" in buttons(m),
            )
            await step(
                lambda r=review: emu.press_button(user, r, text="📨 Submit", token=token),
                lambda m: bool(CODE.search(m.get("text", ""))),
            )
        except (TimeoutError, LookupError):
            window.failed += window.open()
            continue
        if window.open() and started_at >= (window.opened_at or 0):
            window.completed += 1


# ---------------------------------------------------------------------------------------------------- phases


@dataclass
class Row:
    workload: str
    instances: int
    rate: float
    p50_ms: float
    p99_ms: float
    completed: int
    failed: int
    cpu: CpuUse
    seconds: float


async def phase(args: argparse.Namespace, workload: str, instances: int, questions: list[str]) -> Row:
    token = f"{7_000_000_000 + uuid.uuid4().int % 1_000_000_000}:bench-token-{uuid.uuid4().hex[:20]}"
    async with BotAPIEmulator() as emu, fresh_database(args.database_url) as database_url:
        emu.enforce_limits = False  # a throughput bench floods on purpose
        with tempfile.TemporaryDirectory(prefix="webhook-bench-") as tmp:
            env = {
                "PATH": os.environ.get("PATH", ""),
                "HOME": tmp,
                "BOT_TOKEN": token,
                "TELEGRAM_API_URL": emu.base_url,
                "SECRET_KEY": SECRET_KEY,
                "DATABASE_URL": database_url,
                "REDIS_URL": args.redis_url,
                "WEBHOOK_SECRET": WEBHOOK_SECRET,
                "WEBHOOK_HOST": "127.0.0.1",
                "OPERATOR_IDS": "5550001:admin",
                "OPERATOR_CHAT_ID": str(OPERATORS_CHAT),
                "OPERATOR_LANGUAGE": "en",
                # Out of the way: this measures the bot, not Telegram's limits or the citizens' quotas.
                "TELEGRAM_CHAT_RATE": "100000",
                "TELEGRAM_CHAT_BURST": "100000",
                "TELEGRAM_GLOBAL_RATE": "100000",
                "TELEGRAM_GROUP_RATE": "100000",
                "FLOOD_RATE": "100000",
                "FLOOD_BURST": "100000",
                "REPORT_DAILY_LIMIT": "100000",
                "LOG_LEVEL": "WARNING",
            }
            bots = [Instance(f"bot{n}", env, Path(tmp)) for n in range(instances)]
            public_url = emu.expose(bots[0].url)  # Telegram wants an HTTPS URL on a public address
            for bot in bots:
                bot.env["WEBHOOK_URL"] = public_url
            await asyncio.gather(*(bot.start() for bot in bots))
            try:
                await asyncio.gather(*(bot.wait_ready() for bot in bots))
                emu.group(OPERATORS_CHAT, "Operators")
                emu.webhook_targets(token, [bot.url for bot in bots])
                replies = Replies(token)
                unsubscribe = emu.listen(replies)
                window = Window(args.warmup, args.duration)
                if workload == "questions":
                    people = range(args.questions_citizens)
                    citizens = [emu.user(800_000_001 + n, f"Q{n}", language_code="ru") for n in people]
                    tasks = [
                        asyncio.create_task(ask_questions(emu, replies, user, questions[n:] + questions[:n], window))
                        for n, user in enumerate(citizens)
                    ]
                else:
                    people = range(args.report_citizens)
                    citizens = [emu.user(810_000_001 + n, f"R{n}", language_code="en") for n in people]
                    tasks = [
                        asyncio.create_task(make_reports(emu, replies, user, window, n))
                        for n, user in enumerate(citizens)
                    ]
                pids = [bot.process.pid for bot in bots if bot.process is not None]
                await asyncio.sleep(args.warmup)
                before = CpuSnapshot.take(pids)
                window.opened_at = time.perf_counter()
                await asyncio.sleep(args.duration)
                window.closed_at = time.perf_counter()
                window.closed.set()
                cpu = CpuSnapshot.take(pids).minus(before)
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                unsubscribe()
            finally:
                await asyncio.gather(*(bot.stop() for bot in bots))
                await flush_namespace(args.redis_url, token)
    seconds = window.closed_at - window.opened_at
    latencies = [value * 1000 for value in window.latencies]
    return Row(
        workload,
        instances,
        window.completed / seconds,
        percentile(latencies, 0.50),
        percentile(latencies, 0.99),
        window.completed,
        window.failed,
        cpu,
        seconds,
    )


def load_questions() -> list[str]:
    items = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [item["q"] for item in items if item["expected"]]


def print_rows(rows: list[Row]) -> None:
    print()
    print(
        "| workload | instances | per second | p50 ms | p99 ms | done | failed | CPU s: bots | harness | postgres "
        "| redis | other work on the machine |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        unit = "answers" if row.workload == "questions" else "reports"
        print(
            f"| {row.workload} | {row.instances} | {row.rate:.1f} {unit} | {row.p50_ms:.0f} | {row.p99_ms:.0f} | "
            f"{row.completed} | {row.failed} | {row.cpu.bots:.1f} | {row.cpu.harness:.1f} | "
            f"{row.cpu.postgres:.1f} | {row.cpu.redis:.1f} | {row.cpu.other:.1f} |"
        )
    print()
    for workload in ("questions", "reports"):
        one = next((r for r in rows if r.workload == workload and r.instances == 1), None)
        two = next((r for r in rows if r.workload == workload and r.instances == 2), None)
        if one and two and one.rate:

            def busy(row: Row) -> float:
                return (row.cpu.bots + row.cpu.harness + row.cpu.postgres + row.cpu.redis) / row.seconds

            def per_item(row: Row, seconds: float) -> str:
                return f"{seconds / max(row.completed, 1) * 1000:.1f}"

            print(
                f"{workload}: scaling 2 vs 1 instance = {two.rate / one.rate:.2f}x; CPU busy (bots + harness + "
                f"postgres + redis) {busy(one):.2f} → {busy(two):.2f} of {os.cpu_count()} cores (other work: "
                f"{one.cpu.other / one.seconds:.2f} → {two.cpu.other / two.seconds:.2f}); CPU ms per "
                f"{'answer' if workload == 'questions' else 'report'}: bots {per_item(one, one.cpu.bots)} → "
                f"{per_item(two, two.cpu.bots)}, harness {per_item(one, one.cpu.harness)} → "
                f"{per_item(two, two.cpu.harness)}, postgres {per_item(one, one.cpu.postgres)} → "
                f"{per_item(two, two.cpu.postgres)}, redis {per_item(one, one.cpu.redis)} → "
                f"{per_item(two, two.cpu.redis)}"
            )


async def benchmark(args: argparse.Namespace) -> None:
    questions = load_questions()
    print(
        f"# webhook scaling: {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} at start; questions: {args.questions_citizens} citizens, reports: "
        f"{args.report_citizens} citizens, closed loops; warm-up {args.warmup:.0f} s, window {args.duration:.0f} s"
    )
    rows = []
    for workload in ("questions", "reports"):
        for instances in (1, 2):
            row = await phase(args, workload, instances, questions)
            print(f"  {workload} × {instances}: {row.rate:.1f}/s, p99 {row.p99_ms:.0f} ms", flush=True)
            rows.append(row)
    print_rows(rows)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions-citizens", type=int, default=40)
    parser.add_argument("--report-citizens", type=int, default=20)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"),
        help="server to create the per-phase databases on",
    )
    parser.add_argument("--redis-url", default=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0"))
    return parser.parse_args()


def main() -> None:
    asyncio.run(benchmark(parse_args()))


if __name__ == "__main__":
    main()
