"""The first run, as the README tells it: ``BOT_TOKEN=… hotline run``, in a real process.

What a newcomer sees when the token is the README's placeholder, when there is no network, and when they press
Ctrl-C (or a supervisor sends SIGTERM) while the bot is still trying to reach Telegram.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from asyncio.subprocess import PIPE
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.conftest import SECRET

A_REAL_LOOKING_TOKEN = "123456789:AAHd8kP2xQvLm0Zt7RcYw3NbE5sUfGj1aI4"


def _environment(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("BOT_TOKEN", "DATABASE_URL", "REDIS_URL", "TELEGRAM_API_URL", "OPERATOR_CHAT_ID")
    }
    env.update(DATA_DIR=str(tmp_path / "data"), SECRET_KEY=SECRET, HEALTH_PORT="0", **values)
    return env


async def _hotline_run(tmp_path: Path, **values: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=_environment(tmp_path, **values), stdout=PIPE, stderr=PIPE
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once the probe is closed


async def test_the_readme_placeholder_token_is_refused_with_what_a_token_looks_like(tmp_path: Path) -> None:
    process = await _hotline_run(tmp_path, BOT_TOKEN="123456:ABC…")
    stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert "BOT_TOKEN" in lines[0] and "123456789:AAH" in lines[0] and "hotline chat" in lines[0]
    assert "123456:ABC…" in lines[0]  # names the README's placeholder for what it is
    assert stdout == b""


async def test_without_a_network_run_says_so_in_one_line(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    process = await _hotline_run(tmp_path, BOT_TOKEN=A_REAL_LOOKING_TOKEN, TELEGRAM_API_URL=url, LOG_LEVEL="ERROR")
    _, stderr = await asyncio.wait_for(process.communicate(), 90)
    assert process.returncode == 1
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"hotline: cannot reach the Telegram Bot API at {url}")
    assert "TELEGRAM_API_URL" in lines[0] and "Traceback" not in lines[0]


async def test_a_newcomer_without_a_network_reads_only_why_the_bot_stopped(tmp_path: Path) -> None:
    """As the README starts: the token alone (no SECRET_KEY, the default log level). The one fatal line, not a
    SECRET_KEY warning above it (that warning is for a bot that runs: it comes once Telegram is reachable)."""
    url = f"http://127.0.0.1:{_closed_port()}"
    env = {key: value for key, value in _environment(tmp_path).items() if key not in ("SECRET_KEY", "LOG_LEVEL")}
    env.update(BOT_TOKEN=A_REAL_LOOKING_TOKEN, TELEGRAM_API_URL=url)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env, stdout=PIPE, stderr=PIPE
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), 90)
    assert process.returncode == 1
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"hotline: cannot reach the Telegram Bot API at {url}")
    assert stdout == b""


@pytest.fixture
async def silent_server() -> AsyncIterator[tuple[str, asyncio.Event]]:
    """A server that accepts connections and never answers (a network that hangs): its URL, and "connected"."""
    connected = asyncio.Event()
    writers: list[asyncio.StreamWriter] = []

    async def hold(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        connected.set()

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", connected
    for writer in writers:
        writer.close()
    server.close()


async def test_sigterm_while_telegram_does_not_answer_stops_at_once(
    tmp_path: Path, silent_server: tuple[str, asyncio.Event]
) -> None:
    url, connected = silent_server
    process = await _hotline_run(tmp_path, BOT_TOKEN=A_REAL_LOOKING_TOKEN, TELEGRAM_API_URL=url)
    await asyncio.wait_for(connected.wait(), 90)  # started, and waiting for Telegram
    asked = time.monotonic()
    process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), 30)
    stopped_after = time.monotonic() - asked
    assert process.returncode == 0
    assert stopped_after < 5, stopped_after
    assert "Traceback" not in stderr.decode(), stderr.decode()
