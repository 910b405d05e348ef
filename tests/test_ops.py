"""Operations without subprocesses: Redis-backed state (flood control, conversation keys, update claims, locks),
scheduled jobs with several instances, /healthz and /metrics, graceful shutdown of long polling, the webhook's
secret check, migrations started by several replicas at once, and ``hotline backup``.

Redis and PostgreSQL variants need TEST_REDIS_URL / TEST_DATABASE_URL (CI sets both; see tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiogram import Bot
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis
from sqlalchemy import func, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import col, select

from bot import cli
from bot.answers.danger import DangerRecogniser
from bot.cases import retention
from bot.cases.outbox import backlog
from bot.cases.reports import ReportDraft, submit_report
from bot.core import backup, database
from bot.core.clock import utcnow
from bot.core.coordination import Coordinator
from bot.core.crypto import SecretBox
from bot.core.flood_control import FloodControl, RedisFloodControl
from bot.core.settings import ConfigError, load_settings
from bot.emulator import BotAPIEmulator
from bot.models import Case, OutboxMessage
from bot.models.cases import Category
from bot.models.outbox import OutboxKind
from bot.telegram.composition import build_services
from bot.telegram.conversation_storage import HashedKeyBuilder
from bot.telegram.dedup import Claim, MemoryUpdateLog, RedisUpdateLog
from bot.telegram.runners import PollingApp, WebhookApp
from tests.conftest import KNOWLEDGE, free_port, new_bot_token

SECRETS = SecretBox("ops-test-secret-0123456789-abcdefghijklmnop")
SECRET_KEY = "ops-test-secret-key-0123456789abcdefghijklmnop"
WEBHOOK_SECRET = "ops-webhook-secret-0123456789"
METRICS = (
    "hotline_updates_total",
    "hotline_answers_total",
    "hotline_reports_created_total",
    "hotline_outbox_backlog",
    "hotline_outbox_oldest_age_seconds",
    "hotline_telegram_api_errors_total",
    "hotline_update_handling_seconds_bucket",
)


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status, await response.text()


# ------------------------------------------------------------------------------------------------ Redis state


async def test_redis_flood_control_behaves_like_the_in_memory_one(redis_url: str) -> None:
    client = Redis.from_url(redis_url)
    namespace = f"hotline:{new_bot_token().split(':')[0]}"
    try:
        shared = RedisFloodControl(client, rate=1.0, burst=2, namespace=namespace)
        local = FloodControl(rate=1.0, burst=2)
        moments = [0.0, 0.0, 0.0, 0.9, 1.0, 1.0, 2.5, 2.5, 100.0, 100.0, 100.0]
        assert [await shared.take("a", now=t) for t in moments] == [local.check("a", now=t) for t in moments]
        # Another instance sees the same bucket: "b" spends its burst on one, is refused on the other.
        other = RedisFloodControl(client, rate=1.0, burst=2, namespace=namespace)
        assert [await shared.take("b", now=5.0), await other.take("b", now=5.0)] == [(True, False)] * 2
        assert await other.take("b", now=5.0) == (False, True)
        assert 0 < await client.pttl(f"{namespace}:flood:b") <= 3000  # forgotten once the bucket would be full
    finally:
        await client.aclose()


async def test_conversation_state_in_redis_is_keyed_by_an_hmac_and_expires(redis_url: str) -> None:
    client = Redis.from_url(redis_url)
    bot_id = int(new_bot_token().split(":")[0])
    chat_id = user_id = 987_654_321
    keys = HashedKeyBuilder(SECRETS, f"hotline:{bot_id}")
    storage = RedisStorage(client, key_builder=keys, state_ttl=timedelta(days=90), data_ttl=timedelta(days=90))
    key = StorageKey(bot_id=bot_id, chat_id=chat_id, user_id=user_id)
    try:
        await storage.set_state(key, "ReportFlow:description")
        await storage.set_data(key, {"category": "recruitment"})
        assert await storage.get_state(key) == "ReportFlow:description"
        assert await storage.get_data(key) == {"category": "recruitment"}
        stored = [k.decode() async for k in client.scan_iter(match=f"hotline:{bot_id}:fsm:*")]
        assert len(stored) == 2 and not [k for k in stored if str(user_id) in k]
        assert all(0 < ttl <= 90 * 86400 for ttl in [await client.ttl(k) for k in stored])
        other_secret = HashedKeyBuilder(SecretBox("another-secret-0123456789-abcdefghijklmnop"), f"hotline:{bot_id}")
        assert other_secret.build(key, "state") != keys.build(key, "state")
    finally:
        await client.aclose()


async def test_update_claims_new_done_busy_and_a_lapsed_lease(redis_url: str) -> None:
    memory = MemoryUpdateLog(size=2)
    assert [await memory.claim(1, 10), await memory.claim(1, 10)] == [Claim.new, Claim.done]
    await memory.release(1, 10)
    assert await memory.claim(1, 10) == Claim.new

    client = Redis.from_url(redis_url)
    namespace = f"hotline:{new_bot_token().split(':')[0]}"
    first = RedisUpdateLog(client, namespace=namespace, lease_seconds=1)
    second = RedisUpdateLog(client, namespace=namespace, lease_seconds=1)  # another instance
    try:
        assert await first.claim(1, 7) == Claim.new
        assert await second.claim(1, 7) == Claim.busy  # still being handled by the first
        await first.finish(1, 7)
        assert await second.claim(1, 7) == Claim.done
        assert await first.claim(1, 8) == Claim.new  # the first instance "crashes" holding update 8
        await asyncio.sleep(1.2)
        assert await second.claim(1, 8) == Claim.new  # its claim lapsed: the re-delivery is handled
        await first.release(1, 8)  # a late release of a lapsed claim must not free the new holder's
        assert await first.claim(1, 8) == Claim.busy
    finally:
        await client.aclose()


async def test_once_a_day_jobs_and_locks_across_instances(redis_url: str, postgres_url: str) -> None:
    client = Redis.from_url(redis_url)
    namespace = f"hotline:{new_bot_token().split(':')[0]}"
    engine = database.create_engine(postgres_url)
    try:
        one, two = (Coordinator(redis=client, db=engine, namespace=namespace) for _ in range(2))
        assert [await one.claim_period("purge", 60), await two.claim_period("purge", 60)] == [True, False]
        alone = Coordinator(redis=None, db=engine, namespace=namespace)
        assert [await alone.claim_period("purge", 60), await alone.claim_period("purge", 60)] == [True, False]

        async def hold(coordinator: Coordinator, name: str, order: list[str]) -> None:
            async with coordinator.exclusive("set-webhook", timeout=10):
                order.append(f"{name} in")
                await asyncio.sleep(0.2)
                order.append(f"{name} out")

        # Redis lock, then PostgreSQL advisory lock (no Redis): never both inside at once.
        for first, second in ((one, two), (alone, Coordinator(redis=None, db=engine, namespace=namespace))):
            order: list[str] = []
            await asyncio.gather(hold(first, "a", order), hold(second, "b", order))
            assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
    finally:
        await client.aclose()
        await engine.dispose()


# ------------------------------------------------------------------------------------------------ PostgreSQL jobs


async def test_reminders_are_never_doubled_by_instances_running_the_job_at_once(postgres_url: str) -> None:
    # (Replicas migrating at once, each a process of its own, are in tests/e2e/test_scale_out.py.)
    await database.upgrade_async(postgres_url)
    engines = [database.create_engine(postgres_url) for _ in range(3)]
    sessions = [database.session_factory(engine) for engine in engines]
    try:
        danger = DangerRecogniser.load(KNOWLEDGE)
        for number in range(5):
            draft = ReportDraft(
                category=Category.other, description=f"Report number {number} about a threat.", language="ru"
            )
            await submit_report(
                sessions[0], SECRETS, danger, draft=draft, submission_key=f"k{number}", reply_chat_id=None
            )
        async with sessions[0]() as session:
            for case in (await session.exec(select(Case))).all():
                case.created_at = utcnow() - timedelta(days=2)
                session.add(case)
            await session.commit()
        queued = await asyncio.gather(
            *(
                retention.enqueue_reminders(s, urgent_after=timedelta(minutes=15), normal_after=timedelta(hours=24))
                for s in sessions
            )
        )
        assert sum(queued) == 5
        async with sessions[0]() as session:
            reminders = (
                await session.exec(select(func.count()).where(col(OutboxMessage.kind) == OutboxKind.reminder))
            ).one()
        assert reminders == 5
        pending, age = await backlog(sessions[1])  # what /metrics shows: 5 cards and 5 reminders waiting
        assert pending == 10 and age > 0
    finally:
        for engine in engines:
            await engine.dispose()


# ------------------------------------------------------------------------------------------------ the apps


def settings_for(emulator: BotAPIEmulator, tmp_path: Path, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "bot_token": new_bot_token(),
        "telegram_api_url": emulator.base_url,
        "data_dir": tmp_path / "data",
        "secret_key": SECRET_KEY,
        "health_port": 0,
        "telegram_chat_rate": 50.0,
        "telegram_chat_burst": 50,
    }
    values.update(overrides)
    return load_settings(**values)


async def started(app: PollingApp | WebhookApp) -> asyncio.Task[None]:
    task = asyncio.create_task(app.run(handle_signals=False))
    waiter = asyncio.create_task(app.ready.wait())
    done, _ = await asyncio.wait({waiter, task}, timeout=60, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        waiter.cancel()
        task.result()
    assert waiter in done, "the bot did not start within 60 s"
    return task


@pytest.mark.slow  # a real bot over HTTP
async def test_polling_serves_health_and_metrics_and_finishes_updates_in_flight_on_stop(tmp_path: Path) -> None:
    async with BotAPIEmulator() as emulator:
        port = free_port()
        settings = settings_for(emulator, tmp_path, health_port=port, shutdown_grace_seconds=10)
        app = PollingApp(settings)
        task = await started(app)
        status, body = await get(f"http://127.0.0.1:{port}/healthz")
        assert status == 200 and '"redis": "not configured"' in body and '"database": "ok"' in body
        user = emulator.user(930_000_001, first_name="Ops", language_code="en")
        await emulator.send_message(user, "What is the trust hotline?", token=settings.bot_token.get_secret_value())
        await emulator.wait_for_bot_message(user.id, token=settings.bot_token.get_secret_value(), timeout=20)
        status, body = await get(f"http://127.0.0.1:{port}/metrics")
        assert status == 200 and all(name in body for name in METRICS if "errors" not in name)
        assert 'hotline_updates_total{type="message"}' in body and str(user.id) not in body

        # SIGTERM (stop) while an update is being handled: its answer still goes out, then the app ends.
        emulator.delay("sendMessage", 1.5)
        await emulator.send_message(user, "/help", token=settings.bot_token.get_secret_value())
        assert app.services is not None
        await emulator.wait_until(lambda: app.services.in_flight.count > 0, timeout=20, what="update in flight")
        await app.stop()
        await asyncio.wait_for(task, 20)
        assert await emulator.wait_for_bot_message(user.id, token=settings.bot_token.get_secret_value())


@pytest.mark.slow  # a real bot over HTTP
async def test_webhook_checks_the_secret_and_health_says_503_without_redis(tmp_path: Path) -> None:
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        redis_port = closed.getsockname()[1]
    async with BotAPIEmulator() as emulator:
        port = free_port()
        settings = settings_for(
            emulator,
            tmp_path,
            webhook_url=emulator.expose(f"http://127.0.0.1:{port}/hook"),  # Telegram takes only HTTPS URLs
            webhook_secret=WEBHOOK_SECRET,
            webhook_host="127.0.0.1",
            webhook_port=port,
            redis_url=f"redis://127.0.0.1:{redis_port}/0",
        )
        app = WebhookApp(settings)
        task = await started(app)
        try:
            status, body = await get(f"http://127.0.0.1:{port}/healthz")
            assert status == 503 and '"redis": "unreachable' in body and '"database": "ok"' in body
            update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}}
            async with aiohttp.ClientSession() as http:
                for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong-secret-0123456789"}):
                    async with http.post(f"http://127.0.0.1:{port}/hook", json=update, headers=headers) as response:
                        assert response.status == 401
        finally:
            await app.stop()
            await asyncio.wait_for(task, 20)


def test_webhook_mode_needs_its_settings_and_redis_needs_a_shared_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("BOT_TOKEN", new_bot_token())
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    assert cli.main(["run", "--webhook"]) == 2
    assert "WEBHOOK_URL is not set" in capsys.readouterr().err
    monkeypatch.setenv("WEBHOOK_SECRET", "short")
    assert cli.main(["run", "--webhook"]) == 2
    error = capsys.readouterr().err
    assert "WEBHOOK_SECRET: must be 16-256 characters" in error and "short" not in error
    monkeypatch.delenv("WEBHOOK_SECRET")
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        settings = load_settings(redis_url="redis://127.0.0.1:6379/0", data_dir=tmp_path / "data")
        build_services(settings, bot=Bot(new_bot_token()))


# ------------------------------------------------------------------------------------------------ backup


def _row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


async def _database_with_cases(url: str, count: int = 3) -> None:
    await database.upgrade_async(url)
    engine = database.create_engine(url)
    sessions = database.session_factory(engine)
    danger = DangerRecogniser.load(KNOWLEDGE)
    for number in range(count):
        draft = ReportDraft(category=Category.other, description=f"Backup test report {number}.", language="en")
        await submit_report(sessions, SECRETS, danger, draft=draft, submission_key=f"b{number}", reply_chat_id=1)
    await engine.dispose()


async def test_sqlite_backup_is_a_readable_copy_with_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    await _database_with_cases(f"sqlite+aiosqlite:///{data / 'hotline.db'}")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(data))
    monkeypatch.setenv("RETENTION_DAYS", "30")
    expired = data / "backups" / "hotline-20000101-000000.db"
    expired.parent.mkdir(parents=True)
    expired.write_bytes(b"old")
    old = 1_000_000_000  # 2001: far beyond RETENTION_DAYS
    os.utime(expired, (old, old))
    assert await asyncio.to_thread(cli.main, ["backup"]) == 0
    output = capsys.readouterr().out
    written = Path(output.split("wrote ", 1)[1].splitlines()[0])
    assert written.parent == data / "backups" and written.suffix == ".db"
    assert written.stat().st_mode & 0o777 == 0o600
    assert "deleted 1 backup(s)" in output and not expired.exists()
    engine = database.create_engine(f"sqlite+aiosqlite:///{data / 'hotline.db'}")
    pending, age = await backlog(database.session_factory(engine))  # the operator cards nobody sent yet
    await engine.dispose()
    assert pending == 3 and age >= 0
    original = _row_counts(data / "hotline.db")
    assert original["cases"] == 3 and _row_counts(written) == original
    with sqlite3.connect(written) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    chosen = tmp_path / "chosen.db"
    assert await asyncio.to_thread(cli.main, ["backup", "--output", str(chosen)]) == 0
    assert _row_counts(chosen) == original
    assert await asyncio.to_thread(cli.main, ["backup", "--output", str(chosen)]) == 1  # never overwrites
    assert "already exists" in capsys.readouterr().err


async def test_postgresql_backup_with_pg_dump_and_a_clear_error_without_it(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _database_with_cases(postgres_url)
    settings = load_settings(database_url=postgres_url, data_dir=tmp_path / "data")
    result = await asyncio.to_thread(backup.make_backup, settings)
    assert result.path.suffix == ".dump" and result.path.stat().st_size > 0
    assert result.path.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format, for pg_restore
    monkeypatch.setattr(backup.shutil, "which", lambda _name: None)
    with pytest.raises(backup.BackupError, match="pg_dump is not installed; install the PostgreSQL client"):
        backup.make_backup(settings, tmp_path / "never.dump")
    engine = create_async_engine(postgres_url)
    async with engine.connect() as connection:  # the dump left the database as it was
        assert (await connection.execute(text("SELECT count(*) FROM cases"))).scalar() == 3
    await engine.dispose()


def test_long_jobs_report_progress_a_line_per_tenth_when_not_in_a_terminal() -> None:
    import io

    from bot.cli import ProgressLine

    stream = io.StringIO()  # not a terminal: a log file, cron's mail
    progress = ProgressLine("purge", "cases", stream)
    for done in range(0, 1001, 50):
        progress(done, 1000)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "purge: 0/1000 cases (0%)" and lines[-1] == "purge: 1000/1000 cases (100%)"
    assert len(lines) == 11  # one per tenth, not one per call
