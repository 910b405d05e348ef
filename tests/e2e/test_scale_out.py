"""Several instances: two ``python -m bot run --webhook`` processes (as a deployment runs them) against one PostgreSQL
database and one Redis, behind the emulator delivering webhook updates round-robin between them.

- a report whose steps land on alternating instances, and a duplicate delivery of its Submit press (on both):
  exactly one case, one receipt, one operator card; /healthz, /metrics, the secret check, one setWebhook;
- an instance killed (SIGKILL) in the middle of traffic and restarted: every receipt a citizen got has its case, and
  every case its operator card; then SIGTERM to an instance while it handles an update: the update is finished and
  answered, the process exits 0, and the conversation goes on on the other instance.

Needs TEST_DATABASE_URL and TEST_REDIS_URL (CI sets both: there these tests are required); skipped otherwise.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import signal
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.core.crypto import SecretBox
from bot.emulator import SECRET_HEADER, BotAPIEmulator, EmuUser
from tests.conftest import free_port, new_bot_token
from tests.e2e.conftest import PACING

SECRET_KEY = "scale-out-secret-key-0123456789abcdefghijklmnop"
WEBHOOK_SECRET = "scale-out-webhook-secret-0123"
OPERATORS_CHAT = -1009876543210
OPERATOR_ID = 5550002
STEP_TIMEOUT = 60.0  # a 2-core machine running two bots, the emulator and the test: slow, but never this slow
CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
CASE_NUMBER = re.compile(r"HT-\d{5,}")
SERIES = (
    "hotline_updates_total",
    "hotline_duplicate_updates_total",
    "hotline_answers_total",
    "hotline_reports_created_total",
    "hotline_outbox_backlog",
    "hotline_outbox_oldest_age_seconds",
    "hotline_telegram_api_errors_total",
    "hotline_update_handling_seconds_bucket",
)


class Instance:
    """One ``python -m bot run --webhook`` process; restartable on the same port, as an orchestrator would."""

    def __init__(self, name: str, env: dict[str, str], workdir: Path) -> None:
        self.name = name
        self.port, self.private_port = free_port(), free_port()
        self.env = env | {
            "WEBHOOK_PORT": str(self.port),
            "HEALTH_PORT": str(self.private_port),
            "DATA_DIR": str(workdir / name),
        }
        self.workdir = workdir
        self.process: asyncio.subprocess.Process | None = None
        self.logs: list[Path] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base}/telegram"

    async def start(self) -> None:
        log = self.workdir / f"{self.name}-{len(self.logs)}.log"
        self.logs.append(log)
        with log.open("wb") as out:
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

    async def wait_ready(self, timeout: float = 240.0) -> None:
        """Until /healthz answers 200 (the process imports aiogram, migrates and loads the knowledge base first)."""
        assert self.process is not None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with aiohttp.ClientSession() as http:
            while loop.time() < deadline:
                if self.process.returncode is not None:
                    pytest.fail(f"{self.name} exited with {self.process.returncode}:\n{self.output()[-3000:]}")
                with contextlib.suppress(aiohttp.ClientError):
                    async with http.get(f"{self.base}/healthz") as response:
                        if response.status == 200:
                            return
                await asyncio.sleep(0.3)
        pytest.fail(f"{self.name} not healthy within {timeout} s:\n{self.output()[-3000:]}")

    async def signal(self, signum: int, timeout: float = 60.0) -> int:
        assert self.process is not None
        self.process.send_signal(signum)
        return await asyncio.wait_for(self.process.wait(), timeout)

    def output(self) -> str:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace") for log in self.logs)


@dataclass
class Cluster:
    emulator: BotAPIEmulator
    token: str
    database_url: str
    a: Instance
    b: Instance

    async def count(self, query: str) -> int:
        engine = create_async_engine(self.database_url)
        try:
            async with engine.connect() as connection:
                return int((await connection.execute(text(query))).scalar_one())
        finally:
            await engine.dispose()

    async def case_numbers_and_code_hashes(self) -> tuple[set[str], set[str]]:
        engine = create_async_engine(self.database_url)
        try:
            async with engine.connect() as connection:
                rows = (await connection.execute(text("SELECT id, code_hash FROM cases"))).all()
        finally:
            await engine.dispose()
        return {f"HT-{row[0]:05d}" for row in rows}, {row[1] for row in rows}

    def cards(self) -> list[str]:
        """Case numbers of the new-case cards in the operators' chat, one per card."""
        texts = [m.get("text", "") for m in self.emulator.bot_messages(OPERATORS_CHAT, token=self.token)]
        return [CASE_NUMBER.search(t).group(0) for t in texts if "Category:" in t and CASE_NUMBER.search(t)]

    def deliveries(self) -> list[tuple[int, str]]:
        return self.emulator.webhook_deliveries(self.token)


@pytest.fixture
async def cluster(
    emulator: BotAPIEmulator, postgres_url: str, redis_url: str, tmp_path: Path
) -> AsyncIterator[Cluster]:
    token = new_bot_token()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
        "BOT_TOKEN": token,
        "TELEGRAM_API_URL": emulator.base_url,
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": postgres_url,
        "REDIS_URL": redis_url,
        "WEBHOOK_SECRET": WEBHOOK_SECRET,
        "WEBHOOK_HOST": "127.0.0.1",
        "OPERATOR_IDS": f"{OPERATOR_ID}:admin",
        "OPERATOR_CHAT_ID": str(OPERATORS_CHAT),
        "OPERATOR_LANGUAGE": "en",
        # Paced by the emulator's (scaled) limits; each instance paces alone, so together they may get 429s and
        # wait them out (an instance-shared pacer is not built yet).
        **{name.upper(): str(value) for name, value in PACING.items()},
        "FLOOD_RATE": "50",
        "FLOOD_BURST": "100",
        "UPDATE_LEASE_SECONDS": "5",  # a killed instance's update is re-handled after 5 s, not a minute
        "SHUTDOWN_GRACE_SECONDS": "20",
        "LOG_LEVEL": "INFO",
    }
    a, b = Instance("a", env, tmp_path), Instance("b", env, tmp_path)
    # The load balancer's URL: Telegram knows only this one; the emulator's targets stand for the balancer.
    public_url = emulator.expose(f"{a.base}/telegram", host="hotline.emulator.test")  # Telegram wants HTTPS
    for instance in (a, b):
        instance.env["WEBHOOK_URL"] = public_url
    await asyncio.gather(a.start(), b.start())  # both migrate the empty database at once
    try:
        await asyncio.gather(a.wait_ready(), b.wait_ready())
        emulator.webhook_targets(token, [a.url, b.url])
        operator = emulator.user(OPERATOR_ID, first_name="Op", language_code="en")
        await emulator.send_message(operator, "/queue", chat=emulator.group(OPERATORS_CHAT, "Operators"), token=token)
        await emulator.wait_for_bot_message(OPERATORS_CHAT, token=token, timeout=STEP_TIMEOUT)
        yield Cluster(emulator, token, postgres_url, a, b)
    finally:
        for instance in (a, b):
            if instance.process is not None and instance.process.returncode is None:
                with contextlib.suppress(TimeoutError):
                    await instance.signal(signal.SIGTERM, timeout=30)
            if instance.process is not None and instance.process.returncode is None:
                instance.process.kill()
    # What the instances logged: never a citizen's id nor what they wrote.
    for instance in (a, b):
        output = instance.output()
        assert "Traceback" not in output, output[-3000:]
        for secret in (token, SECRET_KEY, WEBHOOK_SECRET, str(950_000_001), "recruits", "Report number"):
            assert secret not in output, f"{instance.name}'s log shows {secret!r}"


def buttons(message: dict) -> list[str]:
    return [b["text"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def bot_says(cluster: Cluster, user: EmuUser, predicate: Callable[[dict], object]) -> dict:
    """The bot's next message to ``user`` that matches."""
    return await cluster.emulator.wait_for_bot_message(
        user.id, lambda m: bool(predicate(m)), timeout=STEP_TIMEOUT, token=cluster.token
    )


async def report(cluster: Cluster, user: EmuUser, description: str) -> tuple[str, str]:
    """A citizen's whole report, button by button; (receipt code, the Submit press's callback query id)."""
    emu, token = cluster.emulator, cluster.token

    async def next_message(predicate: Callable[[dict], object]) -> dict:
        return await bot_says(cluster, user, predicate)

    await emu.send_message(user, "/report", token=token)
    choose = await next_message(lambda m: len(buttons(m)) == 6)
    await emu.press_button(user, choose, text=buttons(choose)[1], token=token)
    await next_message(lambda m: "Describe" in m.get("text", ""))
    await emu.send_message(user, description, token=token)
    evidence = await next_message(lambda m: "✅ Done" in buttons(m))
    await emu.press_button(user, evidence, text="✅ Done", token=token)
    place = await next_message(lambda m: "⏭ Skip" in buttons(m))
    await emu.press_button(user, place, text="⏭ Skip", token=token)
    when = await next_message(lambda m: "⏭ Skip" in buttons(m))
    await emu.press_button(user, when, text="⏭ Skip", token=token)
    review = await next_message(lambda m: "📨 Submit" in buttons(m))
    query = await emu.press_button(user, review, text="📨 Submit", token=token)
    receipt = await next_message(lambda m: CODE.search(m.get("text", "")))
    return CODE.search(receipt["text"]).group(0), query  # type: ignore[union-attr]


def sender(update: dict) -> int | None:
    for kind in ("message", "callback_query"):
        if kind in update:
            return int(update[kind]["from"]["id"])
    return None


def update_of_query(cluster: Cluster, query_id: str) -> int:
    history = cluster.emulator.bot_state(cluster.token).updates.history
    return next(uid for uid, u in history.items() if (u.get("callback_query") or {}).get("id") == query_id)


async def scrape(instance: Instance, path: str) -> tuple[int, str]:
    """/healthz on the public webhook port; /metrics only on the private listener (HEALTH_PORT)."""
    base = instance.base if path == "/healthz" else f"http://127.0.0.1:{instance.private_port}"
    async with aiohttp.ClientSession() as http, http.get(f"{base}{path}") as response:
        return response.status, await response.text()


def metric(body: str, sample: str) -> float:
    return sum(float(line.rsplit(" ", 1)[1]) for line in body.splitlines() if line.startswith(sample))


# ------------------------------------------------------------------------------------------------ the tests


async def test_a_report_across_two_instances_and_a_duplicate_delivery_make_one_case(cluster: Cluster) -> None:
    emu, token = cluster.emulator, cluster.token
    user = emu.user(950_000_001, first_name="Alternating", language_code="en")
    code, submit_query = await report(cluster, user, "A man in my district recruits teenagers into a group online.")

    # The seven steps landed on both instances, alternately (round-robin, one citizen, no failures).
    submit = update_of_query(cluster, submit_query)
    await emu.wait_until(lambda: submit in dict(cluster.deliveries()), timeout=STEP_TIMEOUT, what="Submit answered")
    history = emu.bot_state(token).updates.history
    mine = {uid for uid, u in history.items() if sender(u) == user.id}
    steps = [url for uid, url in cluster.deliveries() if uid in mine]
    assert len(steps) == 7 and {cluster.a.url, cluster.b.url} == set(steps)
    assert all(one != other for one, other in itertools.pairwise(steps)), steps

    # Telegram re-sends the Submit press, twice: so the copies reach both instances.
    await emu.deliver_again(submit, token=token)
    await emu.deliver_again(submit, token=token)
    await emu.wait_until(
        lambda: sum(uid == submit for uid, _ in cluster.deliveries()) == 3, timeout=STEP_TIMEOUT, what="re-deliveries"
    )
    assert {url for uid, url in cluster.deliveries() if uid == submit} == {cluster.a.url, cluster.b.url}
    await emu.wait_until(lambda: len(cluster.cards()) >= 1, timeout=STEP_TIMEOUT, what="the operator card")
    await asyncio.sleep(2)  # time for any second case, receipt or card to show up (there must be none)

    assert await cluster.count("SELECT count(*) FROM cases") == 1
    receipts = [m for m in emu.bot_messages(user.id, token=token) if CODE.search(m.get("text", ""))]
    assert len(receipts) == 1 and code in receipts[0]["text"]
    numbers, hashes = await cluster.case_numbers_and_code_hashes()
    assert cluster.cards() == sorted(numbers) and SecretBox(SECRET_KEY).receipt_hash(code) in hashes
    assert len(emu.calls_of("setWebhook", token)) == 1  # once per deployment, though both instances started

    # /healthz and /metrics on each instance; the duplicates were dropped, on whichever instance they landed.
    dropped = 0.0
    for instance in (cluster.a, cluster.b):
        status, body = await scrape(instance, "/healthz")
        assert status == 200 and json.loads(body) == {"status": "ok", "database": "ok", "redis": "ok"}
        status, body = await scrape(instance, "/metrics")
        assert status == 200 and all(f"# TYPE {name.removesuffix('_bucket')}" in body for name in SERIES)
        assert str(user.id) not in body and "recruits" not in body
        dropped += metric(body, 'hotline_duplicate_updates_total{outcome="dropped"}')
        assert metric(body, "hotline_updates_total") >= 4
    assert dropped == 2
    bodies = [(await scrape(instance, "/metrics"))[1] for instance in (cluster.a, cluster.b)]
    assert sum(metric(body, "hotline_reports_created_total") for body in bodies) == 1

    # The webhook answers only Telegram: a missing or wrong secret is refused.
    update = {"update_id": 10**9, "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}}
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {SECRET_HEADER: "not-the-webhook-secret-000"}):
            async with http.post(cluster.a.url, json=update, headers=headers) as response:
                assert response.status == 401


async def test_restart_mid_traffic_and_sigterm_mid_conversation_lose_nothing_confirmed(cluster: Cluster) -> None:
    emu, token = cluster.emulator, cluster.token
    secrets = SecretBox(SECRET_KEY)

    # Six citizens report at once; instance A is killed outright while it handles some of their updates (every
    # answer takes 0.5 s), and started again. Its updates in flight are re-sent to B, which takes them over once
    # A's claims lapse (UPDATE_LEASE_SECONDS).
    emu.delay("sendMessage", 0.5)
    citizens = [emu.user(950_000_100 + n, first_name=f"Citizen{n}", language_code="en") for n in range(6)]
    flows = [
        asyncio.create_task(report(cluster, user, f"Report number {n}: suspicious meetings in our yard at night."))
        for n, user in enumerate(citizens)
    ]
    start = len(cluster.deliveries())
    await emu.wait_until(lambda: len(cluster.deliveries()) - start >= 12, timeout=STEP_TIMEOUT, what="traffic")
    in_flight = 0.0
    for _ in range(200):
        in_flight = metric((await scrape(cluster.a, "/metrics"))[1], "hotline_updates_in_flight")
        if in_flight >= 1:
            break
    assert in_flight >= 1, "A was never caught handling an update"
    assert await cluster.a.signal(signal.SIGKILL) == -signal.SIGKILL
    await asyncio.sleep(1)
    await cluster.a.start()
    await cluster.a.wait_ready()
    emu.delay("sendMessage", 0)
    results = await asyncio.gather(*flows, return_exceptions=True)
    codes = [result[0] for result in results if isinstance(result, tuple)]
    # A step in flight when A died may have changed the state without its answer reaching the citizen: that
    # conversation is stuck (nothing was confirmed to them). Most go through; all that got a receipt are below.
    assert len(codes) >= 4, results
    restarted = len(cluster.deliveries())
    await emu.send_message(citizens[0], "/help", token=token)  # the restarted instance takes updates again
    await emu.wait_until(
        lambda: cluster.a.url in {url for _, url in cluster.deliveries()[restarted:]},
        timeout=STEP_TIMEOUT,
        what="a delivery to the restarted instance",
    )
    print(f"receipts after the kill: {len(codes)} of {len(flows)}")  # shown with -s
    numbers, hashes = await cluster.case_numbers_and_code_hashes()
    assert {secrets.receipt_hash(code) for code in codes} <= hashes  # every receipt has its case
    await emu.wait_until(lambda: set(cluster.cards()) >= numbers, timeout=STEP_TIMEOUT, what="a card per case")
    assert set(cluster.cards()) == numbers

    # SIGTERM to B while it handles a citizen's description: it finishes that update, answers, and exits 0;
    # the rest of the conversation goes to A (B's conversation state is in Redis, not in B).
    user = emu.user(950_000_200, first_name="Graceful", language_code="en")
    await emu.send_message(user, "/report", token=token)
    choose = await bot_says(cluster, user, lambda m: len(buttons(m)) == 6)
    await emu.press_button(user, choose, text=buttons(choose)[1], token=token)
    await bot_says(cluster, user, lambda m: "Describe" in m.get("text", ""))
    emu.webhook_targets(token, [cluster.b.url])
    emu.delay("sendMessage", 2.0)  # the answer takes a while: B is mid-update when SIGTERM comes
    sends = len(emu.calls_of("sendMessage", token))
    await emu.send_message(user, "Report number 7: a stranger asks children about the school's guards.", token=token)
    await emu.wait_until(lambda: len(emu.calls_of("sendMessage", token)) > sends, timeout=STEP_TIMEOUT, what="reply")
    assert cluster.b.process is not None
    cluster.b.process.send_signal(signal.SIGTERM)
    emu.webhook_targets(token, [cluster.b.url, cluster.a.url])  # B refuses new updates now: they go to A
    evidence = await bot_says(cluster, user, lambda m: "✅ Done" in buttons(m))
    emu.delay("sendMessage", 0)
    assert await asyncio.wait_for(cluster.b.process.wait(), 30) == 0
    assert "stopped" in cluster.b.output()
    await emu.press_button(user, evidence, text="✅ Done", token=token)
    for _ in range(2):
        skip = await bot_says(cluster, user, lambda m: "⏭ Skip" in buttons(m))
        await emu.press_button(user, skip, text="⏭ Skip", token=token)
    review = await bot_says(cluster, user, lambda m: "📨 Submit" in buttons(m))
    await emu.press_button(user, review, text="📨 Submit", token=token)
    receipt = await bot_says(cluster, user, lambda m: CODE.search(m.get("text", "")))
    code = CODE.search(receipt["text"]).group(0)  # type: ignore[union-attr]
    numbers, hashes = await cluster.case_numbers_and_code_hashes()
    assert secrets.receipt_hash(code) in hashes
    await emu.wait_until(lambda: set(cluster.cards()) >= numbers, timeout=STEP_TIMEOUT, what="the last card")
