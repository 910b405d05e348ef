"""Issue 11 without Telegram: owner-only files, weak secrets, SECRET_KEY_FILE, and the log scrubbing of what
libraries log on a failure (end-to-end counterparts: tests/e2e/test_security.py)."""

from __future__ import annotations

import io
import logging
import secrets
import stat
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiogram.exceptions import ClientDecodeError, TelegramNetworkError, TelegramRetryAfter
from aiogram.fsm.storage.base import StorageKey
from aiogram.methods import SendMessage
from aiogram.types import Update
from pydantic import ValidationError
from redis.asyncio import Redis
from sqlalchemy import text

from bot import cli
from bot.core import database
from bot.core.crypto import SecretBox, load_or_create_secret
from bot.core.flood_control import FloodControl, RedisFloodControl
from bot.core.logging_setup import WITHHELD, JsonFormatter, ScrubContent
from bot.core.settings import ConfigError, load_settings
from bot.telegram.composition import SharedRedisStorage
from bot.telegram.conversation_storage import SESSION_EXPIRES, HashedKeyBuilder
from tests.conftest import new_bot_token

GOOD_SECRET = "security-test-secret-key-0123456789abcdefghijklmnop"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    return tmp_path


# ------------------------------------------------------------------------------------------------ 10. file modes


def test_the_data_folder_the_database_and_exports_are_owner_only_even_when_they_were_not(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["db", "upgrade"]) == 0
    data = env / "data"
    assert (mode(data), mode(data / "hotline.db")) == (0o700, 0o600)

    # An older install left them readable by everyone: the next start takes that away.
    data.chmod(0o755)
    (data / "hotline.db").chmod(0o644)
    assert cli.main(["db", "upgrade"]) == 0
    assert (mode(data), mode(data / "hotline.db")) == (0o700, 0o600)

    exported = env / "cases.csv"
    exported.write_text("old\n")
    exported.chmod(0o644)
    assert cli.main(["export", "-o", str(exported)]) == 0
    assert mode(exported) == 0o600 and exported.read_text().startswith("number,")
    assert cli.main(["export", "--format", "json", "-o", str(env / "new.json")]) == 0
    assert mode(env / "new.json") == 0o600
    capsys.readouterr()


async def test_the_sqlite_journal_files_are_owner_only_too(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'hotline.db'}"
    await database.upgrade_async(url)
    engine = database.create_engine(url)
    async with engine.connect() as connection:
        await connection.execute(text("SELECT count(*) FROM cases"))
        companions = [p for p in (tmp_path / "data").iterdir() if p.name != "hotline.db"]
        assert companions and all(mode(p) == 0o600 for p in companions), companions
    await engine.dispose()


# ------------------------------------------------------------------------------------------------ 10. weak secrets


@pytest.mark.parametrize(
    "weak",
    [
        "a" * 32,  # one character
        "ab" * 24,  # a pattern repeated
        "0123456789" * 4,  # a pattern repeated
        "a" * 25 + "bcdefghijkl",  # mostly one character
        "password" * 3 + "12345678",  # a word repeated
        "short-but-random-Xq3",  # short
    ],
)
def test_weak_secrets_are_refused_in_one_line_without_echoing_them(weak: str) -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(secret_key=weak)
    message = str(refused.value)
    assert message.startswith("configuration error: SECRET_KEY: ") and "\n" not in message
    assert weak not in message and "secrets.token_urlsafe" in message


@pytest.mark.parametrize("strong", [secrets.token_urlsafe(32), secrets.token_urlsafe(48), secrets.token_hex(16)])
def test_generated_secrets_are_accepted(strong: str) -> None:
    assert load_settings(secret_key=strong).configured_secret == strong


# ------------------------------------------------------------------------------------------------ 2. the secret's place


def test_secret_key_file_is_read_and_checked_and_excludes_secret_key(tmp_path: Path) -> None:
    mounted = tmp_path / "secret_key"
    mounted.write_text(GOOD_SECRET + "\n")
    assert load_settings(secret_key_file=mounted).configured_secret == GOOD_SECRET
    with pytest.raises(ConfigError, match="set only one of SECRET_KEY and SECRET_KEY_FILE"):
        load_settings(secret_key=GOOD_SECRET, secret_key_file=mounted)
    with pytest.raises(ConfigError, match="SECRET_KEY_FILE: cannot read"):
        load_settings(secret_key_file=tmp_path / "missing")
    mounted.write_text("x" * 40)
    with pytest.raises(ConfigError, match=r"SECRET_KEY_FILE: the secret in .* is one pattern repeated"):
        load_settings(secret_key_file=mounted)


def test_a_generated_secret_on_the_data_volume_is_warned_about_at_every_start(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    first = load_or_create_secret(None, tmp_path / "data")
    again = load_or_create_secret(None, tmp_path / "data")
    assert first == again and mode(tmp_path / "data" / "secret.key") == 0o600
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2 and all("on the data volume next to the database" in w for w in warnings)
    assert all("SECRET_KEY_FILE" in w and "\n" not in w for w in warnings)


# ------------------------------------------------------------------------------------------------ 1. library logs


@pytest.fixture
def scrubbed() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger writing through the production filter, in text and JSON."""
    buffer = io.StringIO()
    handlers = []
    for formatter in (logging.Formatter("%(levelname)s %(name)s: %(message)s"), JsonFormatter()):
        handler = logging.StreamHandler(buffer)
        handler.setFormatter(formatter)
        handler.addFilter(ScrubContent())
        handlers.append(handler)
    logger = logging.getLogger("tests.scrubbed")
    logger.propagate = False
    logger.handlers[:] = handlers
    yield logger, buffer
    logger.handlers[:] = []


def test_what_aiogram_and_aiohttp_log_about_a_malformed_update_keeps_the_place_not_the_text(
    scrubbed: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, buffer = scrubbed
    raw = {"update_id": 7, "message": {"message_id": 1, "date": 0, "text": "Shymkent-31 weapons cache"}}
    try:
        Update.model_validate(raw)
    except ValidationError as error:
        invalid = error
    assert "weapons cache" in str(invalid)  # pydantic quotes the input…
    # …as aiohttp logs a handler's exception, and as aiogram's polling logs an undecodable getUpdates answer.
    logger.error("Error handling request", exc_info=invalid)
    decode = ClientDecodeError("Failed to deserialize object", invalid, {"ok": True, "result": [raw]})
    logger.error("Failed to fetch updates - %s: %s", type(decode).__name__, decode)
    logger.exception("plain", exc_info=(type(decode), decode, None))
    output = buffer.getvalue()
    assert "Shymkent" not in output and "weapons cache" not in output
    assert "pydantic_core._pydantic_core.ValidationError: <message withheld" in output
    assert "Failed to fetch updates - ClientDecodeError: ClientDecodeError" in output


# ------------------------------------------------------------------------------------------------ 6. albums


async def _album_rule(flood: Any) -> None:
    # Burst 2: a 10-file album takes one token (all of it passes), a plain message the other; the next album finds
    # the bucket empty and is refused whole, with one notice.
    assert [await flood.take("u", album="g1") for _ in range(10)] == [(True, False)] * 10
    assert await flood.take("u") == (True, False)
    second = [await flood.take("u", album="g2") for _ in range(10)]
    assert second == [(False, True)] + [(False, False)] * 9
    assert [await flood.take("u", album="g1") for _ in range(1)] == [(False, False)]  # an 11th file: not an album


async def test_an_album_takes_one_token_in_memory() -> None:
    await _album_rule(FloodControl(rate=0.001, burst=2))


async def test_an_album_takes_one_token_in_redis(redis_url: str) -> None:
    client = Redis.from_url(redis_url)
    namespace = f"hotline:{new_bot_token().split(':')[0]}"
    try:
        await _album_rule(RedisFloodControl(client, rate=0.001, burst=2, namespace=namespace))
    finally:
        await client.aclose()


# ------------------------------------------------------------------------------------------------ 2. Redis sessions


async def test_a_status_session_in_redis_lapses_with_its_own_expiry_not_the_retention_period(redis_url: str) -> None:
    client = Redis.from_url(redis_url)
    bot_id = int(new_bot_token().split(":")[0])
    keys = HashedKeyBuilder(SecretBox(GOOD_SECRET), f"hotline:{bot_id}")
    ninety_days = timedelta(days=90)
    storage = SharedRedisStorage(client, key_builder=keys, state_ttl=ninety_days, data_ttl=ninety_days)
    key = StorageKey(bot_id=bot_id, chat_id=5, user_id=5)
    try:
        await storage.set_data(key, {"case": 42, SESSION_EXPIRES: time.time() + 60})
        assert 0 < await client.ttl(keys.build(key, "data")) <= 61
        await storage.set_data(key, {"case": 42, SESSION_EXPIRES: time.time() - 1})
        assert await storage.get_data(key) == {}  # lapsed: Redis has already forgotten it
        await storage.set_data(key, {"category": "weapons"})  # a draft keeps the retention period
        assert await client.ttl(keys.build(key, "data")) > 86400
    finally:
        await client.aclose()


def test_network_failures_keep_their_message_in_the_log(scrubbed: tuple[logging.Logger, io.StringIO]) -> None:
    logger, buffer = scrubbed
    refused = ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")
    logger.warning("database unreachable: %s", refused)
    logger.error("failed", exc_info=refused)
    assert "Connect call failed ('127.0.0.1', 5432)" in buffer.getvalue()
    assert WITHHELD not in buffer.getvalue()


def test_a_flood_wait_is_logged_without_the_chat_it_names(scrubbed: tuple[logging.Logger, io.StringIO]) -> None:
    logger, buffer = scrubbed
    flood_wait = TelegramRetryAfter(SendMessage(chat_id=987654321987, text="x"), "Too Many Requests", retry_after=5)
    assert "987654321987" in str(flood_wait)
    logger.warning("send failed: %s", flood_wait)
    logger.error("failed", exc_info=flood_wait)
    assert "987654321987" not in buffer.getvalue() and "TelegramRetryAfter" in buffer.getvalue()


def test_telegram_unreachable_keeps_its_message_in_the_log(scrubbed: tuple[logging.Logger, io.StringIO]) -> None:
    logger, buffer = scrubbed
    unreachable = TelegramNetworkError(SendMessage(chat_id=1, text="x"), "Request timeout error")
    logger.error("Failed to fetch updates - %s: %s", type(unreachable).__name__, unreachable)
    assert "TelegramNetworkError(HTTP Client says - Request timeout error)" in buffer.getvalue()
