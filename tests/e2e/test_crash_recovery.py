"""Crash recovery: the real bot as a separate process (``python -m bot run``), killed with SIGKILL at the worst
moments, then started again on the same data folder.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator, EmuUser
from tests.e2e.conftest import SECRET, TOKEN
from tests.e2e.flows import (
    DESCRIPTION,
    OPERATOR_ID,
    OPERATORS_CHAT,
    Citizen,
    cases,
    eventually,
    query_db,
    staff,
    status_view,
)

DRAFT = "Мужчина в нашем районе вербует подростков в экстремистскую группу через онлайн-чат."


class BotProcess:
    """``python -m bot run`` against the in-test emulator; started, killed and started again like a deployment."""

    def __init__(self, emulator: BotAPIEmulator, settings: Settings, logs: Path) -> None:
        self.emulator = emulator
        self.logs = logs
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BOT_TOKEN", "OPERATOR_CHAT_ID")},
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": emulator.base_url,
            "DATA_DIR": str(settings.data_dir),
            "SECRET_KEY": SECRET,
            "OPERATOR_IDS": f"{OPERATOR_ID}:operator",
            "OPERATOR_CHAT_ID": str(OPERATORS_CHAT),
            "OPERATOR_LANGUAGE": "en",
            "FLOOD_RATE": "50",
            "FLOOD_BURST": "100",
            "TELEGRAM_CHAT_RATE": "50",
            "TELEGRAM_CHAT_BURST": "50",
            "LOG_LEVEL": "INFO",
            "HEALTH_PORT": "0",  # no health listener: the tests may run beside another bot on this machine
        }
        self.process: asyncio.subprocess.Process | None = None
        self.runs = 0

    async def start(self) -> None:
        """Start the process and wait until it polls for updates."""
        self.runs += 1
        polls = len(self.emulator.calls_of("getUpdates"))
        with open(self.logs / f"bot-{self.runs}.log", "wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=self.logs, env=self.env, stdout=log, stderr=log
            )
        try:
            await self.emulator.wait_until(
                lambda: len(self.emulator.calls_of("getUpdates")) > polls or self.process.returncode is not None,
                timeout=60,  # importing aiogram alone takes seconds on a busy machine
                what="the bot process polling",
            )
        except TimeoutError:
            raise AssertionError(self.log()) from None
        assert self.process.returncode is None, self.log()

    async def kill(self) -> None:
        """SIGKILL: no shutdown code runs, nothing is flushed or closed."""
        assert self.process is not None
        self.process.kill()
        await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 15)
            except TimeoutError:
                await self.kill()

    def log(self) -> str:
        return (self.logs / f"bot-{self.runs}.log").read_text(errors="replace")


@pytest.fixture
async def bot_process(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], tmp_path: Path
) -> AsyncIterator[BotProcess]:
    process = BotProcess(emulator, make_settings(), tmp_path)
    try:
        yield process
    finally:
        await process.stop()


def outbox(settings: Settings) -> list[tuple[Any, ...]]:
    return query_db(settings, "SELECT kind, case_id, sent_at, failed_at, attempts FROM outbox ORDER BY id")


async def test_after_a_kill_the_confirmed_case_reaches_the_operators_once_and_a_draft_goes_on(
    bot_process: BotProcess,
    emulator: BotAPIEmulator,
    make_settings: Callable[..., Settings],
    citizen: Callable[..., EmuUser],
) -> None:
    """Two things in flight when the process dies: a case whose receipt was shown but whose card could not be sent
    yet (the operators' chat unreachable: Telegram answers "chat not found"), and another citizen's half-written
    report. (One test, because starting the bot process takes seconds.)"""
    settings = make_settings()
    await bot_process.start()
    writer = Citizen(emulator, citizen(language_code="ru"))
    await writer.choose(await writer.start_report(), "terror_plot")
    evidence = await writer.describe(DRAFT)
    await writer.add_photo(1)

    reporter = Citizen(emulator, citizen(language_code="en"))
    code = await reporter.report()
    await eventually(lambda: outbox(settings)[0][4] >= 1, what="a first failed attempt to send the card")
    ((kind, case_id, sent_at, failed_at, _),) = outbox(settings)
    assert (kind, case_id, sent_at, failed_at) == ("new_case", 1, None, None)  # pending, to be retried
    await bot_process.kill()

    # A new process on the same data folder, with the operators' chat reachable: the committed case is there and its
    # card arrives, once.
    emulator.group(OPERATORS_CHAT, "Hotline operators")
    await bot_process.start()
    heading = staff(
        "op-card", urgent="no", number="HT-00001", category="", language="", time="", evidence=0, similar=""
    ).split("\n")[0]
    await emulator.wait_for_bot_message(OPERATORS_CHAT, lambda m: m["text"].startswith(heading), timeout=15)
    await eventually(lambda: outbox(settings)[0][2] is not None, what="the card marked as sent")
    assert [(row[0], row[1], row[2]) for row in cases(settings)] == [(1, DESCRIPTION, "new")]
    view = await reporter.status(code)  # the receipt shown before the crash still works
    assert view["text"] == status_view("en", "new")

    # The draft goes on where it was.
    _, actions = await writer.answer_all(await writer.done(evidence), {"place": "Возле центрального рынка"})
    await writer.submit(actions)
    assert [row[1] for row in cases(settings)] == [DESCRIPTION, DRAFT]
    assert query_db(settings, "SELECT case_id, count(*) FROM case_evidence GROUP BY case_id") == [(2, 1)]
    await emulator.wait_for_bot_message(OPERATORS_CHAT, lambda m: m["text"].startswith(heading.replace("1", "2")))

    await asyncio.sleep(1.5)  # a second delivery of anything would come with the next poll of the outbox
    cards = [m["text"].split("\n")[0] for m in emulator.bot_messages(OPERATORS_CHAT)]
    assert cards == [heading, heading.replace("1", "2")]
