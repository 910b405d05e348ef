"""``hotline chat`` as a first-time user meets it: a transcript of the terminal, typed line by line.

The chat runs in this process (the real bot polling its built-in emulator); a test types lines and reads what the
terminal shows, nothing else.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sys
import time
from asyncio.subprocess import PIPE
from pathlib import Path
from typing import Any

from bot.core.settings import Settings, load_settings
from bot.terminal_chat import run_chat
from tests.e2e.conftest import SECRET
from tests.e2e.flows import question_text, staff, text


class Terminal:
    """The terminal: what is printed (``screen``) and what the user types (``type``)."""

    def __init__(self) -> None:
        self.screen = ""
        self.changed = asyncio.Event()
        self.typed: asyncio.Queue[str] = asyncio.Queue()

    # the TextIO side, for run_chat
    def write(self, chunk: str) -> int:
        self.screen += chunk
        self.changed.set()
        return len(chunk)

    def flush(self) -> None:
        pass

    async def read_line(self) -> str:
        return await self.typed.get()

    # the user's side
    def type(self, line: str) -> None:
        self.typed.put_nowait(line + "\n")

    async def shows(self, wanted: str | re.Pattern[str], after: int = 0, timeout: float = 20.0) -> int:
        """Wait until ``wanted`` is on the screen after position ``after``; the position just past it."""
        deadline = time.monotonic() + timeout
        while True:
            found = (
                wanted.search(self.screen, after)
                if isinstance(wanted, re.Pattern)
                else re.compile(re.escape(wanted)).search(self.screen, after)
            )
            if found:
                return found.end()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{wanted!r} not shown within {timeout}s; the screen ends:\n{self.screen[-3000:]}")
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), remaining)

    def number(self, label: str) -> str:
        """The number printed with the newest button labelled ``label``."""
        numbers = re.findall(rf"^\s+\[(\d+)\] {re.escape(label)}$", self.screen, re.M)
        assert numbers, f"no button {label!r} on the screen"
        return numbers[-1]

    async def press(self, label: str) -> None:
        self.type(self.number(label))


def chat_settings(data_dir: Path) -> Settings:
    return load_settings(data_dir=data_dir, secret_key=SECRET, health_port=0)


async def chatting(terminal: Terminal, settings: Settings, **options: Any) -> asyncio.Task[int]:
    return asyncio.create_task(run_chat(settings, out=terminal, read_line=terminal.read_line, **options))  # type: ignore[arg-type]


async def test_a_citizen_asks_reports_and_reads_the_operators_reply_in_one_terminal(tmp_path: Path) -> None:
    settings = chat_settings(tmp_path / "data")
    terminal = Terminal()
    chat = await chatting(terminal, settings, lang="en", both=True)
    at = await terminal.shows("[citizen] bot> What would you like to do?")

    # The citizen asks a question and gets the answer, in English.
    terminal.type("How many people were convicted of terrorism in 2019?")
    at = await terminal.shows(re.compile(r"\[citizen\] bot> .*2019"), at)
    await terminal.shows(text("en", "feedback-yes"), at)

    # …and reports: a category by number, a description, a photo, a location, Skip, Submit.
    terminal.type("/report")
    at = await terminal.shows(text("en", "report-choose-category"), at)
    await terminal.shows(text("en", "report-cancel-button"), at)
    await terminal.press(text("en", "category-other"))
    at = await terminal.shows("Describe what you saw", at)
    terminal.type("A man at the central market hands out leaflets calling to join a banned group.")
    at = await terminal.shows(text("en", "report-evidence-done-button"), at)
    terminal.type("/photo the leaflet")
    at = await terminal.shows(text("en", "report-evidence-added", count=1), at)
    await terminal.press(text("en", "report-evidence-done-button"))
    at = await terminal.shows(question_text("en", "other", "place").split("\n")[0], at)
    terminal.type("/location 43.2389 76.8897")
    at = await terminal.shows(question_text("en", "other", "time").split("\n")[0], at)
    await terminal.shows(text("en", "report-evidence-skip-button"), at)
    await terminal.press(text("en", "report-evidence-skip-button"))
    at = await terminal.shows(text("en", "report-location-given"), at)
    await terminal.shows(text("en", "report-submit-button"), at)
    await terminal.press(text("en", "report-submit-button"))
    submitted = time.monotonic()
    at = await terminal.shows(re.compile(r"Your code: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"), at)

    # The operators' card arrives in the same terminal within seconds (one process: the outbox delivers at once).
    card_at = await terminal.shows("[operators] bot> 🆕 New case HT-00001", at, timeout=10)
    assert time.monotonic() - submitted < 10
    await terminal.shows(staff("op-button-claim"), card_at)
    terminal.type("/op")
    await terminal.press(staff("op-button-claim"))
    at = await terminal.shows(staff("op-claimed", number="HT-00001", hours=4), card_at)
    await terminal.press(staff("op-button-reply"))
    at = await terminal.shows(staff("op-write-reply", number="HT-00001").split("\n")[0], at)
    terminal.type("Thank you, we are checking it. Is the man still there?")
    at = await terminal.shows(staff("op-reply-queued", number="HT-00001"), at)

    # The citizen reads it in their chat, without the operator's name.
    await terminal.shows("[citizen] bot> " + text("en", "operator-message-to-citizen", text="X").split("\n")[0], at)
    await terminal.shows("[citizen] bot> Thank you, we are checking it. Is the man still there?", at)

    # The admin exports: the file is shown with its name, size and first lines, not only its caption.
    terminal.type("/export")
    at = await terminal.shows(staff("op-export-ready", count=1, format="csv"), at)
    await terminal.shows(re.compile(r"📎 cases-\d{8}-\d{4}\.csv \(\d+ bytes\)"), at)
    await terminal.shows("│ number,category,language", at)
    await terminal.shows("│ HT-00001,other,en", at)

    # A number that is no button says so; then leave.
    terminal.type("999")
    await terminal.shows("(no button 999", at)
    terminal.type("/quit")
    assert await asyncio.wait_for(chat, 30) == 0
    # Calm: the conversation only, the bot's log went to DATA_DIR/chat.log.
    assert not re.search(r"\b(INFO|WARNING|ERROR|Traceback)\b", terminal.screen), terminal.screen
    assert (settings.data_dir / "chat.log").exists()


async def test_lang_wins_over_the_language_an_earlier_run_saved(tmp_path: Path) -> None:
    settings = chat_settings(tmp_path / "data")
    first = Terminal()
    chat = await chatting(first, settings, lang="en")
    await first.shows(text("en", "menu-prompt"))
    first.type("/language")
    await first.shows("🇰🇿 Қазақша")
    await first.press("🇰🇿 Қазақша")
    await first.shows(text("kk", "language-set"))
    first.type("/quit")
    await asyncio.wait_for(chat, 30)

    again = Terminal()
    chat = await chatting(again, settings, lang="ru")
    await again.shows("bot> " + text("ru", "welcome").split("\n")[0])
    again.type("/quit")
    await asyncio.wait_for(chat, 30)
    assert text("kk", "welcome").split("\n")[0] not in again.screen


async def test_the_operator_terminal_alone_shows_the_queue_and_presses_the_newest_buttons(
    tmp_path: Path,
) -> None:
    settings = chat_settings(tmp_path / "data")
    terminal = Terminal()
    chat = await chatting(terminal, settings, lang="en", operator=True)
    await terminal.shows(staff("op-queue-empty"))
    terminal.type("/location")  # a location in the operators' chat: the bot reads only commands and replies there
    terminal.type("/stats")
    await terminal.shows("bot> 📊")
    terminal.type("/quit")
    assert await asyncio.wait_for(chat, 30) == 0


async def test_a_second_chat_on_the_same_data_says_in_one_line_that_it_cannot_talk_to_the_first(
    tmp_path: Path,
) -> None:
    settings = chat_settings(tmp_path / "data")
    citizen = Terminal()
    chat = await chatting(citizen, settings, lang="en")
    await citizen.shows(text("en", "menu-prompt"))
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DATA_DIR=str(settings.data_dir), SECRET_KEY=SECRET)
    operators = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "chat", "--operator"), cwd=tmp_path, env=env, stdout=PIPE, stderr=PIPE
    )
    stdout, stderr = await asyncio.wait_for(operators.communicate(), 120)
    lines = stderr.decode().splitlines()
    assert operators.returncode == 1 and stdout == b""
    assert len(lines) == 1 and "another 'hotline chat' is running" in lines[0] and "--both" in lines[0], lines
    citizen.type("/quit")
    assert await asyncio.wait_for(chat, 30) == 0

    alone = Terminal()  # the first one gone, the next chat starts
    chat = await chatting(alone, settings, lang="en", operator=True)
    await alone.shows(staff("op-queue-empty"))
    alone.type("/quit")
    assert await asyncio.wait_for(chat, 30) == 0
