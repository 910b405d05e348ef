"""``hotline chat``: try the real bot in a terminal, with no token and no network.

The built-in Bot API emulator runs in this process, the bot polls it exactly as it would poll Telegram, and you are a
citizen typing into the bot's private chat. The bot's messages are printed with their buttons numbered; typing a
button's number presses it. This is a developer tool, so its own few lines are English.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from typing import Any

from pydantic import SecretStr

from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator, EmuEvent
from bot.telegram.runners import PollingApp

CHAT_TOKEN = "1000000001:terminal-chat-token-not-a-real-one"
CITIZEN_ID = 700000001
OPERATOR_ID = 700000002
OPERATORS_CHAT_ID = -1000000000001
HELP = "Type a message and press Enter. A number presses that button. /quit (or Ctrl-D) leaves."
OPERATOR_HELP = (
    "You are an admin in the operators' chat (cases reported earlier with `hotline chat` are in the same database). "
    "Try /queue, /case HT-00001, /stats; press a card's buttons by number."
)


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def render(message: dict[str, Any], numbered_from: int = 1) -> str:
    """A bot message as text, with its buttons as [1] … [n]."""
    body = message.get("text") or message.get("caption") or f"<{next(iter(k for k in message if k != 'chat'))}>"
    lines = [f"bot> {line}" for line in body.splitlines()] or ["bot>"]
    for number, button in enumerate(_buttons(message), start=numbered_from):
        lines.append(f"     [{number}] {button['text']}")
    return "\n".join(lines)


async def run_chat(settings: Settings, *, lang: str | None = None, operator: bool = False, out: Any = None) -> int:
    """Chat as a citizen in the bot's private chat, or (``operator``) as an admin in the operators' chat."""
    out = out or sys.stdout
    logging.getLogger("aiogram").setLevel(logging.WARNING)  # the conversation is the output here
    async with BotAPIEmulator() as emulator:
        update: dict[str, Any] = {
            "bot_token": SecretStr(CHAT_TOKEN),
            "telegram_api_url": emulator.base_url,
            "health_port": 0,  # a terminal conversation needs no health endpoint (nor a port that may be taken)
        }
        if operator:
            ids = {**settings.operator_ids, OPERATOR_ID: "admin"}
            update |= {"operator_ids": ids, "operator_chat_id": OPERATORS_CHAT_ID, "operator_language": lang}
        settings = settings.model_copy(update=update)
        app = PollingApp(settings)
        polling = asyncio.create_task(app.run(handle_signals=False))
        await app.ready.wait()
        language = lang or settings.default_language
        if operator:
            me = emulator.user(OPERATOR_ID, first_name="Operator", language_code=language)
            chat_id, group = OPERATORS_CHAT_ID, emulator.group(OPERATORS_CHAT_ID, "Operators")
        else:
            me = emulator.user(CITIZEN_ID, first_name="Citizen", language_code=language)
            chat_id, group = CITIZEN_ID, None
        last_with_buttons: dict[str, Any] | None = None
        awaiting_reply: dict[str, Any] | None = None  # a "reply to this message" prompt (operators' replies/notes)
        shown_texts: dict[int, str | None] = {}  # message id → text printed, so an edit of buttons only is silent
        activity = asyncio.Event()

        def show(event: EmuEvent) -> None:
            nonlocal last_with_buttons, awaiting_reply
            activity.set()
            if event.token != CHAT_TOKEN:
                return
            if event.kind == "callback_answer" and event.chat_id == me.id and event.data and event.data.get("text"):
                print(f"bot (pop-up)> {event.data['text']}", file=out, flush=True)
            if event.chat_id not in (chat_id, me.id):  # an operator also reads their private chat: case content
                return
            if event.message is not None and event.kind in ("bot_message", "bot_edit"):
                text = event.message.get("text") or event.message.get("caption")
                if event.kind == "bot_message" or shown_texts.get(event.message["message_id"]) != text:
                    print(render(event.message), file=out, flush=True)
                shown_texts[event.message["message_id"]] = text
                if _buttons(event.message):
                    last_with_buttons = event.message
                markup = event.message.get("reply_markup") or {}
                if markup.get("force_reply"):
                    awaiting_reply = event.message

        async def settle(quiet: float = 1.5, limit: float = 15.0) -> None:
            """Wait until the bot has been silent for a moment (it paces itself at ~1 message/s per chat, as
            Telegram requires), so its replies print before the next prompt."""
            loop = asyncio.get_running_loop()
            deadline = loop.time() + limit
            while loop.time() < deadline:
                activity.clear()
                try:
                    await asyncio.wait_for(activity.wait(), quiet)
                except TimeoutError:
                    return

        if operator:  # staff get case content in their private chat with the bot: open it first, quietly
            started = await emulator.send_message(me, "/start")
            await emulator.wait_for_bot_message(me.id, lambda m: bool(_buttons(m)), after=started, timeout=15)
        emulator.listen(show)
        print(OPERATOR_HELP if operator else HELP, file=out, flush=True)
        try:
            await emulator.send_message(me, "/queue" if operator else "/start", chat=group)
            while True:
                await settle()
                print("you> ", end="", file=out, flush=True)
                line = await asyncio.to_thread(sys.stdin.readline)
                if not line or line.strip() == "/quit":
                    break
                text = line.rstrip("\n")
                if text.strip().isdigit() and last_with_buttons is not None:
                    buttons = _buttons(last_with_buttons)
                    number = int(text.strip())
                    if 1 <= number <= len(buttons):
                        await emulator.press_button(me, last_with_buttons, data=buttons[number - 1]["callback_data"])
                        continue
                # In a group the bot (privacy mode) reads only commands and replies to it: answer its prompt.
                reply_to, awaiting_reply = (
                    (awaiting_reply, None) if not text.startswith("/") else (None, awaiting_reply)
                )
                await emulator.send_message(me, text, chat=group, reply_to=reply_to)
        finally:
            with contextlib.suppress(RuntimeError):
                await app.stop()
            await polling
    return 0
