"""End-to-end fixtures: the real bot (``hotline run``'s code path: long polling over real HTTP, a real SQLite file)
against the project's Bot API emulator."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.core.settings import Settings, load_settings
from bot.emulator import BotAPIEmulator, EmuUser
from bot.telegram.runners import PollingApp

TOKEN = "4242424242:e2e-test-token-AAAAAAAAAAAAAAAAAAAA"
SECRET = "e2e-test-secret-key-0123456789abcdefghijklmnop"


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator() as emu:
        yield emu


@pytest.fixture
def make_settings(tmp_path: Path, emulator: BotAPIEmulator) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "bot_token": TOKEN,
            "telegram_api_url": emulator.base_url,
            "data_dir": tmp_path / "data",
            "secret_key": SECRET,
            "telegram_chat_rate": 50.0,  # the pacing itself is tested separately, with Telegram's real limits
            "telegram_chat_burst": 50,
            "flood_rate": 50.0,  # tests click faster than people; flood control has its own tests
            "flood_burst": 100,
            "health_port": 0,  # tests that want /healthz pick a free port themselves
        }
        values.update(overrides)
        return load_settings(**values)

    return make


class RunningBot:
    """A started PollingApp; restartable, as a deployment would be."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.app: PollingApp | None = None
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.app = PollingApp(self.settings)
        self.task = asyncio.create_task(self.app.run(handle_signals=False))
        waiter = asyncio.create_task(self.app.ready.wait())
        done, _ = await asyncio.wait({waiter, self.task}, timeout=20, return_when=asyncio.FIRST_COMPLETED)
        if self.task in done:
            waiter.cancel()
            self.task.result()  # raises what went wrong
        assert waiter in done, "the bot did not start within 20 s"

    async def stop(self) -> None:
        if self.app is not None and self.task is not None:
            with contextlib.suppress(RuntimeError):
                await self.app.stop()
            await asyncio.wait_for(self.task, 20)
        self.app = self.task = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    @property
    def services(self) -> Any:
        assert self.app is not None and self.app.services is not None
        return self.app.services


@pytest.fixture
async def hotline(make_settings: Callable[..., Settings]) -> AsyncIterator[RunningBot]:
    running = RunningBot(make_settings())
    await running.start()
    yield running
    await running.stop()


_next_user = iter(range(910_000_001, 920_000_000))


@pytest.fixture
def citizen(emulator: BotAPIEmulator) -> Callable[..., EmuUser]:
    """A new Telegram user each call (``citizen(language_code="kk")``)."""

    def make(language_code: str | None = "ru", **fields: Any) -> EmuUser:
        user_id = next(_next_user)
        return emulator.user(
            user_id,
            first_name=fields.pop("first_name", f"Citizen{user_id}"),
            username=fields.pop("username", f"citizen_{user_id}"),
            language_code=language_code,
            **fields,
        )

    return make
