"""End-to-end fixtures: the real bot (``hotline run``'s code path: long polling over real HTTP, a real SQLite file)
against the project's Bot API emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.core.settings import Settings, load_settings
from bot.emulator import BotAPIEmulator, EmuUser, WebhookSettings
from bot.emulator.limits import scaled_limits
from tests.support.running_bot import RunningBot

TOKEN = "4242424242:e2e-test-token-AAAAAAAAAAAAAAAAAAAA"
SECRET = "e2e-test-secret-key-0123456789abcdefghijklmnop"
# Telegram's flood limits are on in every end-to-end test, ten times higher so that the tests stay fast, and the bot
# paces itself by the same ten-times-higher figures: a bot that sends faster than it says gets 429 here too.
LIMITS_SCALE = 10
PACING = {
    # One message of the emulator's burst of 3 kept in hand: the bot reserves a slot when it sends, the emulator counts
    # it when it arrives, and on a loaded machine tens of milliseconds lie between (a whole token at 10/s).
    "telegram_chat_burst": 2,
    "telegram_chat_rate": 1.0 * LIMITS_SCALE,
    "telegram_group_rate": 20.0 * LIMITS_SCALE,
    "telegram_global_rate": 30.0 * LIMITS_SCALE,
}
WEBHOOK_TIME_SCALE = 0.01  # Telegram's re-delivery pauses (2, 4, 8 … s) a hundred times shorter


def new_emulator(**options: Any) -> BotAPIEmulator:
    """The end-to-end tests' emulator: Telegram's limits (scaled), Telegram's re-delivery schedule (scaled)."""
    return BotAPIEmulator(
        limits=scaled_limits(LIMITS_SCALE), webhook=WebhookSettings(time_scale=WEBHOOK_TIME_SCALE), **options
    )


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    async with new_emulator() as emu:
        yield emu


@pytest.fixture
def make_settings(tmp_path: Path, emulator: BotAPIEmulator) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "bot_token": TOKEN,
            "telegram_api_url": emulator.base_url,
            "data_dir": tmp_path / "data",
            "secret_key": SECRET,
            **PACING,
            "flood_rate": 50.0,  # tests click faster than people; flood control has its own tests
            "flood_burst": 100,
            "health_port": 0,  # tests that want /healthz pick a free port themselves
        }
        values.update(overrides)
        return load_settings(**values)

    return make


@pytest.fixture
async def hotline(make_settings: Callable[..., Settings], emulator: BotAPIEmulator) -> AsyncIterator[RunningBot]:
    running = RunningBot(make_settings())
    await running.start()
    yield running
    await running.stop()
    if emulator.enforce_limits:  # a test that floods on purpose turns the limits off
        assert emulator.limiter.refused == 0, f"the bot exceeded Telegram's limits {emulator.limiter.refused} times"


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
