from __future__ import annotations

import contextlib
import os
import socket
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.answer_engine import AnswerEngine
from bot.answers.knowledge_base import KnowledgeBase, load_knowledge_base, load_lexicon
from bot.core import database
from tests.support.browser import browser  # noqa: F401 (the browser tests' fixture, shared)

PROJECT = Path(__file__).resolve().parent.parent
KNOWLEDGE = PROJECT / "knowledge"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base(KNOWLEDGE)


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> AnswerEngine:
    return AnswerEngine(kb, lexicon=load_lexicon(KNOWLEDGE))


# ------------------------------------------------------------------------------------------------ markers

TESTS = Path(__file__).resolve().parent
POSTGRES_FIXTURES = {"postgres_url"}
REDIS_FIXTURES = {"redis_url"}


SERVER_FILES = {"test_emulator_fidelity.py", "test_web_intake.py", "test_security.py", "test_ops.py"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Markers a test need not repeat: e2e (and slow) by folder, postgres and redis by the fixtures it uses
    (or a ``postgresql`` parameter of a database fixture). pyproject.toml lists the markers."""
    for item in items:
        path = Path(str(item.path)).resolve()
        if path.is_relative_to(TESTS / "e2e") or item.get_closest_marker("browser") is not None:
            if path.is_relative_to(TESTS / "e2e"):
                item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.slow)  # a real bot over HTTP, or a real browser
        elif path.is_relative_to(TESTS / "console") or path.name in SERVER_FILES:
            item.add_marker(pytest.mark.slow)  # a real server over HTTP (console, web intake, emulator webhooks)
        fixtures = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})
        if fixtures & POSTGRES_FIXTURES or "postgresql" in params.values():
            item.add_marker(pytest.mark.postgres)
        if fixtures & REDIS_FIXTURES:
            item.add_marker(pytest.mark.redis)


# ------------------------------------------------------------------------------------------------ services on CI
# PostgreSQL and Redis tests run when TEST_DATABASE_URL / TEST_REDIS_URL are set (.ci/run sets both, so there they
# are required: they fail, not skip, when a service is down); locally they skip and say what to set.


@contextlib.asynccontextmanager
async def fresh_postgres_database() -> AsyncIterator[str]:
    """A new, empty database on TEST_DATABASE_URL's server, dropped afterwards: tests never share one, so suites
    running at the same time on one server (several checkouts, CI) cannot disturb each other."""
    base = os.environ.get("TEST_DATABASE_URL", "")
    if not base:
        pytest.skip("PostgreSQL test: set TEST_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1/test (CI does)")
    name = f"hotline_test_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(base, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def sessions(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on a migrated database of the test's own: SQLite, and PostgreSQL (skipped without
    TEST_DATABASE_URL); a test that asks for ``sessions`` runs on both."""
    async with contextlib.AsyncExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite+aiosqlite:///{tmp_path / 'hotline.db'}"
        else:
            url = await stack.enter_async_context(fresh_postgres_database())
        await database.upgrade_async(url)
        engine = database.create_engine(url)
        yield database.session_factory(engine)
        await engine.dispose()


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    async with fresh_postgres_database() as url:
        yield url


@pytest.fixture
async def redis_url() -> AsyncIterator[str]:
    """TEST_REDIS_URL; the keys a test's bots made (``hotline:<bot id>:*``, see ``bot_token``) are deleted after."""
    url = os.environ.get("TEST_REDIS_URL", "")
    if not url:
        pytest.skip("Redis test: set TEST_REDIS_URL=redis://127.0.0.1:6379/0 (CI does)")
    yield url
    client = Redis.from_url(url)
    for bot_id in _bot_ids_made:
        async for key in client.scan_iter(match=f"hotline:{bot_id}:*", count=1000):
            await client.delete(key)
    _bot_ids_made.clear()
    await client.aclose()


_bot_ids_made: list[int] = []


def new_bot_token() -> str:
    """A token of a bot id no other test uses: its Redis keys (``hotline:<id>:…``) are its own."""
    bot_id = 6_000_000_000 + uuid.uuid4().int % 1_000_000_000
    _bot_ids_made.append(bot_id)
    return f"{bot_id}:test-token-{uuid.uuid4().hex[:24]}"


def free_port() -> int:
    """A TCP port nothing listens on right now (for the bot's health and webhook listeners)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
