"""``hotline chat``: try the real bot in a terminal, with no token and no network.

The built-in Bot API emulator runs in this process and the bot polls it exactly as it would poll Telegram. You are a
citizen in the bot's private chat, an admin in the operators' chat (``--operator``), or both at once (``--both``):
the citizen's report reaches the operators' chat within seconds, as it would in Telegram, because one process holds
both sides and the bot's outbox delivers to the same emulator.

Every button printed gets a number of its own (``[7] ✋ Claim``) that nothing else will reuse, so typing 7 presses
that button of that message, even if newer cards arrived meanwhile. ``/photo``, ``/location`` send a photo or a
location as a Telegram client would. The bot's log goes to ``DATA_DIR/chat.log`` so that nothing prints over the
conversation.

One chat at a time per DATA_DIR: a second process would have an emulated Telegram of its own (and its own outbox
worker on the same database, delivering some of the first one's notifications into its own emulator), so it is
refused in one line that points to ``--both``.

The bot's messages come from the catalogs in the chat's language; the terminal's own lines around them (the help
shown at the start, the notes in parentheses, how a file is shown) belong to the ``hotline`` command line, which is
a developer's and trainer's tool and speaks English like the rest of its help (``CHAT_ROLES`` and ``CHAT_KEYS`` are
also ``hotline chat --help``'s text).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from pydantic import SecretStr

from bot.cli import CHAT_KEYS, CHAT_ROLES
from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator, EmuChat, EmuEvent, EmuUser
from bot.telegram.runners import PollingApp

CHAT_TOKEN = "1000000001:terminal-chat-token-not-a-real-one"
CITIZEN_ID = 700000001
OPERATOR_ID = 700000002
OPERATORS_CHAT_ID = -1000000000001
DEFAULT_LOCATION = (43.238949, 76.889709)  # Almaty
FILE_PREVIEW_LINES = 12
# The terminal's own notes (English, like the rest of the command line's output; see the module's docstring).
NOTE_BUTTON_GONE = "(button {number} is no longer there)"
NOTE_NO_SUCH_BUTTON = "(no button {number}: the numbers shown are 1–{last})"
NOTE_LOCATION_USAGE = "(usage: /location LATITUDE LONGITUDE, e.g. /location 51.128 71.430)"


class ChatElsewhere(Exception):
    """Another ``hotline chat`` is running on this DATA_DIR."""


def _hold_the_chat_lock(data_dir: Path) -> TextIO:
    """The lock that makes this the only ``hotline chat`` on ``data_dir`` (released when the file is closed, or
    when the process ends however it ends)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = (data_dir / "chat.lock").open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        raise ChatElsewhere(
            f"another 'hotline chat' is running on {data_dir}, and two chat processes cannot talk to each other "
            "(each has an emulated Telegram of its own): quit it and run 'hotline chat --both' to be the citizen "
            "and the operators in one terminal"
        ) from None
    return lock


@dataclass
class Side:
    """One person at the keyboard: the citizen in their private chat, or the admin in the operators' group."""

    name: str
    user: EmuUser
    chat_id: int
    group: EmuChat | None = None
    private_chat: int | None = None  # an operator also reads their private chat with the bot: case content
    awaiting_reply: dict[str, Any] | None = None  # a "reply to this message" prompt (operators' replies/notes)


@dataclass
class Screen:
    """What is printed: bot messages with uniquely numbered buttons, labelled by side when both are shown."""

    emulator: BotAPIEmulator
    out: TextIO
    sides: list[Side]
    labelled: bool
    buttons: dict[int, tuple[Side, dict[str, Any], str]] = field(default_factory=dict)
    next_number: int = 1
    shown_texts: dict[tuple[int, int], str | None] = field(default_factory=dict)
    prompt: str | None = None  # the prompt on screen while waiting for input, re-printed after a bot message
    activity: asyncio.Event = field(default_factory=asyncio.Event)

    def side_of(self, chat_id: int | None) -> Side | None:
        return next((side for side in self.sides if chat_id in (side.chat_id, side.private_chat)), None)

    def write(self, text: str) -> None:
        if self.prompt is not None:
            self.out.write("\n")
        self.out.write(text + "\n")
        if self.prompt is not None:
            self.out.write(self.prompt)
        self.out.flush()

    def on_event(self, event: EmuEvent) -> None:
        self.activity.set()
        if event.token != CHAT_TOKEN:
            return
        if event.kind == "callback_answer" and event.data and event.data.get("text"):
            self.write(f"{self._label(None)}bot (pop-up)> {event.data['text']}")
            return
        side = self.side_of(event.chat_id)
        if side is None or event.message is None or event.kind not in ("bot_message", "bot_edit"):
            return
        message = event.message
        key = (side.chat_id, message["message_id"])
        text = message.get("text") or message.get("caption")
        if event.kind == "bot_message" or self.shown_texts.get(key) != text:
            self.write(self.render(side, message))
        self.shown_texts[key] = text
        if (message.get("reply_markup") or {}).get("force_reply"):
            side.awaiting_reply = message

    def _label(self, side: Side | None) -> str:
        return f"[{side.name}] " if self.labelled and side is not None else ""

    def render(self, side: Side, message: dict[str, Any]) -> str:
        """A bot message as text; each of its buttons gets the next free number."""
        body = message.get("text") or message.get("caption") or ""
        lines = [f"{self._label(side)}bot> {line}" for line in body.splitlines()] or [f"{self._label(side)}bot>"]
        lines += [f"     {line}" for line in self._attachment(message)]
        for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if "callback_data" not in button:
                    continue
                self.buttons[self.next_number] = (side, message, button["callback_data"])
                lines.append(f"     [{self.next_number}] {button['text']}")
                self.next_number += 1
        return "\n".join(lines)

    def _attachment(self, message: dict[str, Any]) -> list[str]:
        """Files as a client shows them: a document with its name and size, and a text file's first lines."""
        if "document" in message:
            document = message["document"]
            record = self.emulator.files.get(document["file_id"])
            data = record.data if record is not None else b""
            lines = [f"📎 {document.get('file_name', 'file')} ({len(data)} bytes)"]
            if document.get("file_name", "").endswith((".csv", ".json", ".txt")):
                text = data.decode("utf-8", errors="replace").splitlines()
                lines += [f"│ {line}" for line in text[:FILE_PREVIEW_LINES]]
                if len(text) > FILE_PREVIEW_LINES:
                    lines.append(f"│ … {len(text) - FILE_PREVIEW_LINES} more lines")
            return lines
        for kind, icon in (("photo", "🖼 photo"), ("video", "🎞 video"), ("voice", "🎤 voice message")):
            if kind in message:
                return [icon]
        if "audio" in message or "animation" in message or "video_note" in message:
            return ["🎞 media"]
        return []


def _quiet_logging(data_dir: Path) -> tuple[list[logging.Handler], logging.Handler]:
    """The bot's log goes to DATA_DIR/chat.log during the chat: nothing prints over the prompt."""
    root = logging.getLogger()
    previous = list(root.handlers)
    data_dir.mkdir(parents=True, exist_ok=True)
    to_file = logging.FileHandler(data_dir / "chat.log", encoding="utf-8")
    to_file.setFormatter(
        previous[0].formatter if previous else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    for handler in previous:
        root.removeHandler(handler)
    root.addHandler(to_file)
    return previous, to_file


def _restore_logging(previous: list[logging.Handler], to_file: logging.Handler) -> None:
    root = logging.getLogger()
    root.removeHandler(to_file)
    to_file.close()
    for handler in previous:
        root.addHandler(handler)


async def _stdin_line() -> str:
    return await asyncio.to_thread(sys.stdin.readline)


async def run_chat(
    settings: Settings,
    *,
    lang: str | None = None,
    operator: bool = False,
    both: bool = False,
    out: TextIO | None = None,
    read_line: Callable[[], Awaitable[str]] = _stdin_line,
    quiet_seconds: float = 1.2,
) -> int:
    """Chat as a citizen, as an admin in the operators' chat (``operator``), or as both (``both``)."""
    out = out or sys.stdout
    lock = _hold_the_chat_lock(settings.data_dir)
    previous, to_file = _quiet_logging(settings.data_dir)
    try:
        async with BotAPIEmulator() as emulator:
            ids = {**settings.operator_ids, OPERATOR_ID: "admin"}
            # The operators' chat always exists here, so a citizen's report always has somewhere to go (nothing
            # waits and warns about a missing OPERATOR_CHAT_ID); it is shown with --operator or --both.
            update: dict[str, Any] = {
                "bot_token": SecretStr(CHAT_TOKEN),
                "telegram_api_url": emulator.base_url,
                "health_port": 0,  # a terminal conversation needs no health endpoint (nor a port that may be taken)
                "operator_ids": ids,
                "operator_chat_id": OPERATORS_CHAT_ID,
            }
            if lang is not None and (operator or both):
                update["operator_language"] = lang
            settings = settings.model_copy(update=update)
            app = PollingApp(settings)
            polling = asyncio.create_task(app.run(handle_signals=False))
            await app.ready.wait()
            language = lang or settings.default_language
            group = emulator.group(OPERATORS_CHAT_ID, "Operators")
            citizen = Side(
                "citizen", emulator.user(CITIZEN_ID, first_name="Citizen", language_code=language), CITIZEN_ID
            )
            admin = Side(
                "operators",
                emulator.user(OPERATOR_ID, first_name="Operator", language_code=language),
                OPERATORS_CHAT_ID,
                group,
                private_chat=OPERATOR_ID,
            )
            if lang is not None:
                # --lang is what this run asked for: it wins over a language an earlier run saved for this citizen.
                services = app.services
                assert services is not None
                await services.preferences.set(services.secrets.user_key(CITIZEN_ID), lang)
            if operator or both:  # staff get case content in their private chat with the bot: open it, quietly
                started = await emulator.send_message(admin.user, "/start")
                await emulator.wait_for_bot_message(
                    OPERATOR_ID, lambda m: bool((m.get("reply_markup") or {}).get("inline_keyboard")), after=started,
                    timeout=15,
                )  # fmt: skip
            sides = [citizen, admin] if both else [admin] if operator else [citizen]
            screen = Screen(emulator, out, sides, labelled=both)
            emulator.listen(screen.on_event)
            role = "both" if both else "operator" if operator else "citizen"
            print(f"{CHAT_ROLES[role]}\n{CHAT_KEYS}", file=out, flush=True)
            echo = read_line is _stdin_line and not sys.stdin.isatty()
            try:
                current = sides[0]
                if operator and not both:
                    await emulator.send_message(admin.user, "/queue", chat=group)
                else:
                    await emulator.send_message(citizen.user, "/start")
                while True:
                    await _settle(screen, quiet_seconds)
                    screen.prompt = f"{current.name}> " if both else "you> "
                    print(screen.prompt, end="", file=out, flush=True)
                    line = await read_line()
                    screen.prompt = None
                    if echo and line:  # typed into a pipe, not a terminal: show it, so the transcript reads well
                        print(line.rstrip("\n"), file=out, flush=True)
                    if not line or line.strip() == "/quit":
                        break
                    current = await _handle(emulator, screen, current, citizen, admin, line.rstrip("\n"), both)
            finally:
                with contextlib.suppress(RuntimeError):
                    await app.stop()
                await polling
    finally:
        _restore_logging(previous, to_file)
        lock.close()
    return 0


async def _settle(screen: Screen, quiet: float, limit: float = 15.0) -> None:
    """Wait until the bot has been silent for a moment (it paces itself at ~1 message/s per chat, as Telegram
    requires), so its replies print before the next prompt."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while loop.time() < deadline:
        screen.activity.clear()
        try:
            await asyncio.wait_for(screen.activity.wait(), quiet)
        except TimeoutError:
            return


async def _handle(
    emulator: BotAPIEmulator, screen: Screen, current: Side, citizen: Side, admin: Side, text: str, both: bool
) -> Side:
    """One typed line: a side switch, a button number, a demo command (/photo, /location), or a message."""
    command, _, rest = text.strip().partition(" ")
    if both and command in ("/op", "/operators"):
        return admin
    if both and command == "/citizen":
        return citizen
    if command.isdigit() and int(command) in screen.buttons:
        side, message, data = screen.buttons[int(command)]
        try:
            await emulator.press_button(side.user, message, data=data)
        except LookupError:
            screen.write(NOTE_BUTTON_GONE.format(number=command))
        return current
    if command.isdigit() and screen.buttons:
        screen.write(NOTE_NO_SUCH_BUTTON.format(number=command, last=screen.next_number - 1))
        return current
    if command == "/photo":
        await emulator.send_photo(current.user, caption=rest or None, chat=current.group)
        return current
    if command == "/location":
        try:
            latitude, longitude = (float(part) for part in rest.split()) if rest else DEFAULT_LOCATION
        except ValueError:
            screen.write(NOTE_LOCATION_USAGE)
            return current
        await emulator.send_location(current.user, latitude, longitude, chat=current.group)
        return current
    # In a group the bot (privacy mode) reads only commands and replies to it: answer its prompt.
    reply_to = None
    if current.group is not None and not text.startswith("/"):
        reply_to, current.awaiting_reply = current.awaiting_reply, None
    await emulator.send_message(current.user, text, chat=current.group, reply_to=reply_to)
    return current
