"""A citizen's first minutes with the bot, end to end through the emulator."""

from __future__ import annotations

from collections.abc import Callable

from bot.emulator import BotAPIEmulator, EmuUser
from tests.support.running_bot import RunningBot


def buttons(message: dict) -> list[str]:
    return [b["text"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def test_start_welcomes_in_the_users_language_with_privacy_emergency_and_menu(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    user = citizen(language_code="kk")
    await emulator.send_message(user, "/start")
    welcome = await emulator.wait_for_bot_message(user.id)
    emergency = await emulator.wait_for_bot_message(user.id)
    menu = await emulator.wait_for_bot_message(user.id)
    assert "Сенім телефоны" in welcome["text"] or "сенім телефоны" in welcome["text"]
    assert "Telegram" in welcome["text"]  # the honest line: Telegram itself knows who writes
    assert "112" in emergency["text"]
    assert len(buttons(menu)) == 5


async def test_question_gets_the_answer_in_the_question_language_with_feedback(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    user = citizen(language_code="ru")
    await emulator.send_message(user, "How many people were convicted of terrorism in 2019?")
    answer = await emulator.wait_for_bot_message(user.id)
    assert "140" in answer["text"] and "convicted" in answer["text"]
    assert buttons(answer) == ["👍 Yes", "👎 No"]
    query = await emulator.press_button(user, answer, text="👍 Yes")
    reply = await emulator.wait_for_callback_answer(query)
    assert reply["text"]
    await emulator.wait_until(lambda: not buttons(emulator.bot_messages(user.id)[-1]), what="buttons removed")
