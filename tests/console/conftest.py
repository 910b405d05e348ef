"""The console running for real (aiohttp on a free port, a real SQLite or PostgreSQL database), and a way to sign
in to it as a staff member would: a one-time link, then the TOTP code from the enrolment page's secret."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.danger import DangerRecogniser
from bot.cases import console_links, moderation, reports
from bot.cases.reports import ReportDraft
from bot.console import totp
from bot.console.app import serve
from bot.core import database
from bot.core.crypto import SecretBox
from bot.core.settings import Settings, load_settings
from bot.models import Operator
from bot.models.cases import Category
from bot.models.operators import Role
from tests.conftest import KNOWLEDGE, free_port

SECRET = "console-test-secret-key-0123456789abcdefghijkl"
ADMIN, OPERATOR, OPERATOR_2, ANALYST = 7001, 7002, 7003, 7004
STAFF = {ADMIN: Role.admin, OPERATOR: Role.operator, OPERATOR_2: Role.operator, ANALYST: Role.analyst}


@dataclass
class RunningConsole:
    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    box: SecretBox
    url: str
    secrets_by_staff: dict[int, str] = field(default_factory=dict)  # TOTP secrets read from enrolment pages

    async def operator(self, telegram_id: int) -> Operator:
        found = await moderation.operator_for(self.sessions, telegram_id)
        assert found is not None
        return found

    async def link(self, telegram_id: int) -> str:
        operator = await self.operator(telegram_id)
        token = await console_links.issue_link(self.sessions, self.box, operator=operator, via="server")
        return f"{self.url}/signin/{token}"

    def code(self, telegram_id: int, *, offset_steps: int = 0) -> str:
        """The authenticator app's code now; the step after the last one used, so a code is never replayed."""
        secret = self.secrets_by_staff[telegram_id]
        return totp.code_at(secret, totp.step_of(time.time()) + offset_steps)

    async def report(self, description: str, **fields: Any) -> int:
        draft = ReportDraft(
            category=fields.pop("category", Category.recruitment),
            description=description,
            language=fields.pop("language", "ru"),
            **fields,
        )
        receipt = await reports.submit_report(
            self.sessions,
            self.box,
            DangerRecogniser.load(KNOWLEDGE),
            draft=draft,
            submission_key=f"k{time.monotonic_ns()}",
            reply_chat_id=555_000_111,
        )
        return receipt.case_id


def console_settings(tmp_path: Path, database_url: str | None = None, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp_path / "data",
        "secret_key": SECRET,
        "console_port": free_port(),
        "console_insecure_cookies": True,  # plain http://127.0.0.1 in tests
        "operator_ids": ",".join(f"{k}:{v.value}" for k, v in STAFF.items()),
        "operator_language": "en",
        "timezone": "Asia/Almaty",
    }
    if database_url:
        values["database_url"] = database_url
    values.update(overrides)
    return load_settings(**values)


@contextlib.asynccontextmanager
async def running_console(settings: Settings) -> AsyncIterator[RunningConsole]:
    ready, stop = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(serve(settings, ready=ready, stop=stop))
    waiter = asyncio.create_task(ready.wait())
    done, _ = await asyncio.wait({task, waiter}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        waiter.cancel()
        task.result()
    engine = database.create_engine(settings.database)
    sessions = database.session_factory(engine)
    await moderation.seed_operators(sessions, settings.operator_ids)
    try:
        yield RunningConsole(
            settings,
            sessions,
            SecretBox(settings.secret_key.get_secret_value() if settings.secret_key else SECRET),
            f"http://{settings.console_host}:{settings.console_port}",
        )
    finally:
        stop.set()
        await asyncio.wait_for(task, 20)
        await engine.dispose()


@pytest.fixture
async def console(tmp_path: Path) -> AsyncIterator[RunningConsole]:
    async with running_console(console_settings(tmp_path)) as running:
        yield running


SECRET_ON_PAGE = re.compile(r'id="totp-secret">([A-Z2-7]+)<')
CSRF_ON_PAGE = re.compile(r'name="csrf" value="([0-9a-f]+)"')


def csrf_of(page: str) -> str:
    found = CSRF_ON_PAGE.search(page)
    assert found, "no CSRF token on the page"
    return found.group(1)


async def sign_in(console: RunningConsole, telegram_id: int) -> aiohttp.ClientSession:
    """An HTTP client signed in as this staff member, through the same pages a browser uses."""
    client = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    link = await console.link(telegram_id)
    async with client.post(link) as answer:
        page = await answer.text()
        assert answer.status == 200, page
    found = SECRET_ON_PAGE.search(page)
    if found:
        console.secrets_by_staff[telegram_id] = found.group(1)
    for offset in (0, 1):  # a code used by an earlier sign-in this step is refused: take the next one
        async with client.post(
            f"{console.url}/signin/code",
            data={"csrf": csrf_of(page), "code": console.code(telegram_id, offset_steps=offset)},
        ) as answer:
            page = await answer.text()
            if answer.status == 200 and str(answer.url).endswith("/queue"):
                return client
    raise AssertionError(f"could not sign in: {page[:300]}")


@pytest.fixture
async def signed_in(console: RunningConsole) -> AsyncIterator[Callable[[int], Any]]:
    clients: list[aiohttp.ClientSession] = []

    async def make(telegram_id: int) -> aiohttp.ClientSession:
        client = await sign_in(console, telegram_id)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()
