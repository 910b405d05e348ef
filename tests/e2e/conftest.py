"""End-to-end fixtures: the real bot (``hotline run``'s code path: long polling over real HTTP, a real SQLite file)
against the project's Bot API emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.core.settings import Settings, load_settings
from bot.emulator import BotAPIEmulator, EmuUser
from tests.support.running_bot import RunningBot

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
