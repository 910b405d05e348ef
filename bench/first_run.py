"""Benchmark: what a first-time user waits for — ``hotline run`` without a network, SIGTERM while Telegram hangs,
and in ``hotline chat --both`` the time from pressing Submit to the operators' card on the screen.

    .venv/bin/python bench/first_run.py [--runs 3]

Each figure is the median of ``--runs`` runs (each run a fresh process or chat on a fresh data folder); the table
also gives the machine's load average, since process start-up (importing aiogram) dominates the first two.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bot.core.settings import load_settings  # noqa: E402
from bot.terminal_chat import run_chat  # noqa: E402

TOKEN = "123456789:AAHd8kP2xQvLm0Zt7RcYw3NbE5sUfGj1aI4"
SECRET = "bench-first-run-secret-0123456789abcdefghijklmnop"


def _env(data: Path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_URL", "REDIS_URL")}
    env.update(DATA_DIR=str(data), SECRET_KEY=SECRET, HEALTH_PORT="0", BOT_TOKEN=TOKEN, **values)
    return env


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def no_network_exit() -> tuple[float, int]:
    """Seconds from start to exit, and the number of lines printed, with nothing listening at the Bot API URL."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"http://127.0.0.1:{_closed_port()}"
        started = time.monotonic()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=folder, env=_env(Path(folder) / "data", TELEGRAM_API_URL=url),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await process.communicate()
        return time.monotonic() - started, len((out + err).decode().strip().splitlines())


async def sigterm_while_hanging() -> float:
    """Seconds from SIGTERM to exit while the Bot API accepts connections and never answers."""
    connected = asyncio.Event()

    async def hold(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connected.set()

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    with tempfile.TemporaryDirectory() as folder:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=folder, env=_env(Path(folder) / "data", TELEGRAM_API_URL=url),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        await connected.wait()
        asked = time.monotonic()
        process.send_signal(signal.SIGTERM)
        await process.wait()
        stopped = time.monotonic() - asked
    server.close()
    return stopped


class _Screen:
    def __init__(self) -> None:
        self.text = ""
        self.changed = asyncio.Event()
        self.lines: asyncio.Queue[str] = asyncio.Queue()

    def write(self, chunk: str) -> int:
        self.text += chunk
        self.changed.set()
        return len(chunk)

    def flush(self) -> None:
        pass

    async def read_line(self) -> str:
        return await self.lines.get()

    async def shows(self, pattern: str, after: int = 0) -> int:
        while (found := re.compile(pattern, re.M).search(self.text, after)) is None:
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), 60)
        return found.end()

    def press(self, label: str) -> None:
        self.lines.put_nowait(re.findall(rf"^\s+\[(\d+)\] {re.escape(label)}$", self.text, re.M)[-1] + "\n")


async def submit_to_card() -> float:
    """Seconds from typing the Submit button's number to the operators' card printed, in ``chat --both``."""
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(data_dir=Path(folder) / "data", secret_key=SECRET, health_port=0)
        screen = _Screen()
        chat = asyncio.create_task(run_chat(settings, lang="en", both=True, out=screen, read_line=screen.read_line))  # type: ignore[arg-type]
        at = await screen.shows(r"What would you like to do\?")
        screen.lines.put_nowait("/report\n")
        at = await screen.shows(r"\] ✖️ Cancel$", at)
        screen.press("❔ Something else")
        at = await screen.shows("Describe what you saw", at)
        screen.lines.put_nowait("A man at the central market hands out leaflets of a banned group.\n")
        at = await screen.shows(r"\] ✅ Done$", at)
        screen.press("✅ Done")
        for _ in range(2):
            at = await screen.shows(r"\] ⏭ Skip$", at)
            screen.press("⏭ Skip")
        at = await screen.shows(r"\] 📨 Submit$", at)
        screen.press("📨 Submit")
        pressed = time.monotonic()
        await screen.shows(r"\[operators\] bot> 🆕 New case HT-00001", at)
        latency = time.monotonic() - pressed
        screen.lines.put_nowait("/quit\n")
        await chat
        return latency


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    exits, lines, stops, cards = [], [], [], []
    for _ in range(runs):
        seconds, printed = await no_network_exit()
        exits.append(seconds)
        lines.append(printed)
        stops.append(await sigterm_while_hanging())
        cards.append(await submit_to_card())
    load = os.getloadavg()
    print(
        f"runs: {runs}; load average (1/5/15 min): {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}; {os.cpu_count()} CPUs"
    )
    print(f"{'what':<58} | median | all runs")
    print(f"{'-' * 58}-|--------|---------")
    rows = [
        ("hotline run, no network: start to exit (s)", exits),
        ("hotline run, no network: lines printed", lines),
        ("hotline run, Telegram hangs: SIGTERM to exit (s)", stops),
        ("hotline chat --both: Submit to the operators' card (s)", cards),
    ]
    for what, values in rows:
        shown = ", ".join(f"{v:.2f}" if isinstance(v, float) else str(v) for v in values)
        print(f"{what:<58} | {statistics.median(values):6.2f} | {shown}")


if __name__ == "__main__":
    asyncio.run(main())
