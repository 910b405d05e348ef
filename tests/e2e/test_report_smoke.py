"""A whole report, end to end: the citizen reports, the operators' chat gets a card, an operator claims and replies,
the citizen reads the reply in their chat and with /status."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator, EmuUser
from tests.support.running_bot import RunningBot

OPERATORS_CHAT = -1001234567890
OPERATOR_ID = 5550001


def buttons(message: dict) -> list[str]:
    return [b["text"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def test_report_claim_reply_and_status(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    hotline = RunningBot(
        make_settings(operator_ids=f"{OPERATOR_ID}:admin", operator_chat_id=OPERATORS_CHAT, operator_language="en")
    )
    await hotline.start()
    try:
        user = citizen(language_code="en")
        operators_chat = emulator.group(OPERATORS_CHAT, "Operators")
        operator = emulator.user(OPERATOR_ID, first_name="Op", language_code="en")
        await emulator.send_message(operator, "/queue", chat=operators_chat)  # the bot learns the group exists
        await emulator.wait_for_bot_message(OPERATORS_CHAT)

        await emulator.send_message(user, "/report")
        choose = await emulator.wait_for_bot_message(user.id, lambda m: len(buttons(m)) == 6)
        await emulator.press_button(user, choose, text=buttons(choose)[1])
        await emulator.wait_for_bot_message(user.id, lambda m: "Describe" in m["text"])
        await emulator.send_message(user, "A man in my district recruits teenagers into an extremist group online.")
        evidence = await emulator.wait_for_bot_message(user.id, lambda m: "Done" in " ".join(buttons(m)))
        await emulator.send_photo(user, caption="screenshot")
        await emulator.wait_for_bot_message(user.id, lambda m: "Added" in m.get("text", ""))
        await emulator.press_button(user, evidence, text="✅ Done")
        place = await emulator.wait_for_bot_message(user.id, lambda m: "Skip" in " ".join(buttons(m)))
        await emulator.send_message(user, "Near the central market")
        when = await emulator.wait_for_bot_message(user.id, lambda m: "Skip" in " ".join(buttons(m)) and m is not place)
        await emulator.press_button(user, when, text="⏭ Skip")
        review = await emulator.wait_for_bot_message(user.id, lambda m: "📨 Submit" in buttons(m))
        await emulator.press_button(user, review, text="📨 Submit")
        receipt = await emulator.wait_for_bot_message(user.id, lambda m: "code" in m.get("text", "").lower())
        code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", receipt["text"]).group(0)

        card = await emulator.wait_for_bot_message(OPERATORS_CHAT, lambda m: "HT-" in m.get("text", ""))
        assert "Recruitment" in card["text"] and user.first_name not in card["text"]
        query = await emulator.press_button(operator, card, text="✋ Claim")
        assert "yours" in (await emulator.wait_for_callback_answer(query))["text"]
        await emulator.press_button(operator, card, text="💬 Reply")
        prompt = await emulator.wait_for_bot_message(OPERATORS_CHAT, lambda m: "Reply to this message" in m["text"])
        sent = await emulator.answer_force_reply(operator, "Thank you. Which website?", chat=operators_chat)
        assert sent["reply_to_message"]["message_id"] == prompt["message_id"]  # the box opened for this operator

        delivered = await emulator.wait_for_bot_message(user.id, lambda m: "Which website?" in m.get("text", ""))
        assert "Op" not in delivered["text"]
        await emulator.send_message(user, f"/status {code}")
        view = await emulator.wait_for_bot_message(user.id, lambda m: "status" in m.get("text", "").lower())
        assert "Which website?" in view["text"] and "being reviewed" in view["text"]
    finally:
        await hotline.stop()
