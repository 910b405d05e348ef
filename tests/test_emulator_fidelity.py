"""The emulator behaves as Telegram where the reference found it permissive or different (docs/emulator.md).

One test per row (or group of rows) of the conformance table, through aiogram over real HTTP, asserting what
Telegram answers: the status, the description's words, and the ``parameters`` aiogram turns into its exceptions.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramRetryAfter,
)
from aiogram.types import ForceReply, InaccessibleMessage, MessageEntity, User
from aiohttp import web

from bot.emulator import BotAPIEmulator, WebhookSettings
from tests.test_emulator import TOKEN, inline_keyboard, make_bot, raw_call, serve, started_user

ALICE, BOB = 1001, 1002


@pytest_asyncio.fixture
async def emu() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator(default_token=TOKEN) as emulator:
        yield emulator


@pytest_asyncio.fixture
async def bot(emu: BotAPIEmulator) -> AsyncIterator[Bot]:
    client = make_bot(emu)
    yield client
    await client.session.close()


async def set_webhook_refused(bot: Bot, url: str) -> str:
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.set_webhook(url)
    await asyncio.sleep(1.0)  # the next setWebhook must not be the second within a second
    return refused.value.message


# ------------------------------------------------------------------------------------------------ setWebhook


async def test_set_webhook_refuses_what_telegram_refuses_with_its_words(emu: BotAPIEmulator, bot: Bot) -> None:
    assert await set_webhook_refused(bot, "http://hotline.example.org/telegram") == (
        "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
    )
    assert await set_webhook_refused(bot, "https://hotline.example.org:8080/telegram") == (
        "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
    )
    assert await set_webhook_refused(bot, "https://127.0.0.1:8443/telegram") == (
        "Bad Request: bad webhook: IP address 127.0.0.1 is reserved"
    )
    assert await set_webhook_refused(bot, "https://10.1.2.3/telegram") == (
        "Bad Request: bad webhook: IP address 10.1.2.3 is reserved"
    )
    refused = await set_webhook_refused(bot, "https://hotline.invalid/telegram")  # .invalid never resolves
    assert refused.startswith("Bad Request: bad webhook: Failed to resolve host: ")
    assert (await bot.get_webhook_info()).url == ""  # nothing was set by any of them


async def test_a_second_set_webhook_within_a_second_gets_429(emu: BotAPIEmulator, bot: Bot) -> None:
    async with serve(lambda request: web.json_response({})) as local:
        assert await bot.set_webhook(emu.expose(local, host="one.example.test"))
        with pytest.raises(TelegramRetryAfter) as flood:
            await bot.set_webhook(emu.expose(local, host="two.example.test"))
        assert flood.value.retry_after == 1 and "Too Many Requests: retry after 1" in flood.value.message
        await asyncio.sleep(1.0)
        assert await bot.set_webhook(emu.expose(local, host="two.example.test"))
        assert (await bot.get_webhook_info()).url == "https://two.example.test/hook"


async def test_secret_token_length_and_max_connections_as_telegram(emu: BotAPIEmulator, bot: Bot) -> None:
    url = emu.expose("http://127.0.0.1:9/hook")
    with pytest.raises(TelegramBadRequest, match="secret token is too long"):
        await bot.set_webhook(url, secret_token="a" * 257)
    await asyncio.sleep(1.0)
    assert await bot.set_webhook(url, max_connections=101)  # clamped, not refused
    assert (await bot.get_webhook_info()).max_connections == 100


# ------------------------------------------------------------------------------------------------ flood control


async def test_limits_are_on_by_default_per_private_chat(emu: BotAPIEmulator, bot: Bot) -> None:
    await started_user(emu)
    accepted = 0
    with pytest.raises(TelegramRetryAfter) as flood:
        for n in range(10):
            await bot.send_message(ALICE, f"message {n}")
            accepted += 1
    assert accepted == emu.limiter.limits.private_burst == 3
    assert flood.value.retry_after >= 1
    status, body = await raw_call(emu, f"/bot{TOKEN}/sendMessage", data={"chat_id": ALICE, "text": "raw"})
    assert status == 429 and body["parameters"]["retry_after"] >= 1


async def test_twenty_a_minute_per_group_and_thirty_a_second_overall(emu: BotAPIEmulator, bot: Bot) -> None:
    emu.group(-4001, "Operators")
    accepted = 0
    with pytest.raises(TelegramRetryAfter) as flood:
        for n in range(25):
            await bot.send_message(-4001, f"card {n}")
            accepted += 1
    assert accepted == 20 and 55 <= flood.value.retry_after <= 60
    other = make_bot(emu, "777:overall-test")
    try:
        for user_id in range(5000, 5040):
            emu.user(user_id)
            emu.open_chat(user_id, token="777:overall-test")
        sent = 0
        with pytest.raises(TelegramRetryAfter):
            for user_id in range(5000, 5040):
                await other.send_message(user_id, "broadcast")
                sent += 1
        assert sent == 30
    finally:
        await other.session.close()


async def test_edits_count_towards_the_limits(emu: BotAPIEmulator, bot: Bot) -> None:
    await started_user(emu)
    message = await bot.send_message(ALICE, "edit me")
    edits = 0
    with pytest.raises(TelegramRetryAfter):
        for n in range(15):
            await bot.edit_message_text(f"edit {n}", chat_id=ALICE, message_id=message.message_id)
            edits += 1
    assert edits == 2  # the send took one of the burst of 3


async def test_a_test_that_floods_on_purpose_turns_the_limits_off(emu: BotAPIEmulator, bot: Bot) -> None:
    await started_user(emu)
    emu.enforce_limits = False
    for n in range(10):
        await bot.send_message(ALICE, f"flood {n}")
    assert len(emu.bot_messages(ALICE)) == 10


# ------------------------------------------------------------------------------------------------ message ids


async def test_one_rising_message_id_sequence_per_bot(emu: BotAPIEmulator, bot: Bot) -> None:
    emu.enforce_limits = False
    for user_id in (ALICE, BOB):
        await started_user(emu, user_id)
    first = await bot.send_message(ALICE, "to alice")
    second = await bot.send_message(BOB, "to bob")
    emu.group(-4001, "basic group")
    third = await bot.send_message(-4001, "to the group")
    assert first.message_id < second.message_id < third.message_id  # never repeated across private chats/groups
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("wrong chat", chat_id=BOB, message_id=first.message_id)
    emu.group(-1009999999999, "supergroup")
    assert (await bot.send_message(-1009999999999, "own sequence")).message_id == 1  # supergroups count alone


# ------------------------------------------------------------------------------------------------ webhook delivery


async def test_webhook_redelivery_backs_off_and_honours_retry_after(emu: BotAPIEmulator, bot: Bot) -> None:
    emu.webhook_settings = WebhookSettings(time_scale=0.01)
    attempts: list[float] = []

    async def busy(request: web.Request) -> web.Response:
        attempts.append(time.monotonic())
        if len(attempts) == 1:
            return web.Response(status=503, headers={"Retry-After": "30"})  # → 0.3 s at this scale
        if len(attempts) < 5:
            return web.Response(status=503)
        return web.json_response({})

    async with serve(busy) as local:
        await bot.set_webhook(emu.expose(local))
        await emu.send_message(emu.user(ALICE), "hello")
        await emu.wait_until(lambda: len(attempts) == 5, timeout=5)
    gaps = [later - earlier for earlier, later in itertools.pairwise(attempts)]
    # Retry-After 30 s, then 4, 8, 16 s (2 s was the first attempt's, replaced by Retry-After), all × 0.01.
    assert 0.28 <= gaps[0] < 0.45
    assert [round(gap, 2) >= expected for gap, expected in zip(gaps[1:], (0.04, 0.08, 0.16), strict=True)] == [True] * 3
    assert gaps[1] < gaps[2] < gaps[3] < 0.5
    assert len(emu.webhook_deliveries()) == 1


async def test_webhook_gives_an_update_up_after_about_a_day(emu: BotAPIEmulator, bot: Bot) -> None:
    emu.webhook_settings = WebhookSettings(time_scale=0.0001)  # 23 h → about 8 s; pauses up to 60 s → 6 ms

    async def failing(request: web.Request) -> web.Response:
        return web.Response(status=500)

    async with serve(failing) as local:
        await bot.set_webhook(emu.expose(local))
        await emu.send_message(emu.user(ALICE), "never delivered")
        deliverer = emu.bot_state().deliverer
        assert deliverer is not None
        await emu.wait_until(lambda: deliverer.dropped == [1], timeout=30, what="the update given up")
        info = await bot.get_webhook_info()
        assert info.pending_update_count == 0 and "500" in (info.last_error_message or "")


# ------------------------------------------------------------------------------------------------ buttons & prompts


async def test_selective_force_reply_opens_a_box_only_for_whom_it_names(emu: BotAPIEmulator, bot: Bot) -> None:
    emu.enforce_limits = False
    chat = emu.group(-4001, "Operators")
    olzhas, oksana = emu.user(ALICE, "Olzhas", username="olzhas"), emu.user(BOB, "Oksana", username="oksana")
    await bot.send_message(chat.id, "Reply to this message", reply_markup=ForceReply(selective=True))
    assert emu.reply_box(olzhas, chat) is None and emu.reply_box(oksana, chat) is None  # nobody's box
    with pytest.raises(LookupError, match="no ForceReply box"):
        await emu.answer_force_reply(olzhas, "lost", chat=chat)

    mention = MessageEntity(type="text_mention", offset=0, length=6, user=User(id=ALICE, is_bot=False, first_name="x"))
    named = await bot.send_message(
        chat.id, "Olzhas, reply here", entities=[mention], reply_markup=ForceReply(selective=True)
    )
    assert emu.reply_box(olzhas, chat)["message_id"] == named.message_id and emu.reply_box(oksana, chat) is None
    await bot.send_message(chat.id, "@oksana, your turn", reply_markup=ForceReply(selective=True))
    assert emu.reply_box(oksana, chat) is not None and emu.reply_box(olzhas, chat) is None
    asked = await emu.send_message(olzhas, "/help", chat=chat)
    await bot.send_message(
        chat.id, "answering you", reply_to_message_id=asked["message_id"], reply_markup=ForceReply(selective=True)
    )
    sent = await emu.answer_force_reply(olzhas, "my answer", chat=chat)
    assert sent["reply_to_message"]["text"] == "answering you"
    await bot.send_message(chat.id, "everyone", reply_markup=ForceReply())
    assert emu.reply_box(oksana, chat) is not None and emu.reply_box(olzhas, chat) is not None


async def test_a_button_on_a_deleted_message_arrives_as_inaccessible(emu: BotAPIEmulator, bot: Bot) -> None:
    await started_user(emu)
    sent = await bot.send_message(ALICE, "vote", reply_markup=inline_keyboard(("Yes", "yes")))
    await bot.delete_message(ALICE, sent.message_id)
    await emu.press_raw(emu.users[ALICE], sent.message_id, "yes")
    update = (await bot.get_updates(timeout=0))[-1]
    assert update.callback_query is not None
    message: Any = update.callback_query.message
    assert isinstance(message, InaccessibleMessage)
    assert message.message_id == sent.message_id and message.chat.id == ALICE and message.date == 0


# ------------------------------------------------------------------------------------------------ chats changing


async def test_a_group_upgraded_to_a_supergroup(emu: BotAPIEmulator, bot: Bot) -> None:
    group, admin = emu.group(-4001, "Operators"), emu.user(ALICE, "Aidos")
    await bot.send_message(group.id, "before")
    supergroup = await emu.migrate_group(group, by=admin)
    assert supergroup.type == "supergroup" and supergroup.id <= -(10**12)
    with pytest.raises(TelegramMigrateToChat) as moved:
        await bot.send_message(group.id, "after")
    assert moved.value.migrate_to_chat_id == supergroup.id
    assert "group chat was upgraded to a supergroup chat" in moved.value.message
    service = [u.message for u in await bot.get_updates(timeout=0) if u.message]
    assert [(m.chat.id, m.migrate_to_chat_id, m.migrate_from_chat_id) for m in service] == [
        (group.id, supergroup.id, None),
        (supergroup.id, None, group.id),
    ]
    assert (await bot.send_message(supergroup.id, "after")).chat.id == supergroup.id


async def test_a_bot_removed_from_a_group_gets_403_and_my_chat_member(emu: BotAPIEmulator, bot: Bot) -> None:
    group, admin = emu.group(-4001, "Operators"), emu.user(ALICE, "Aidos")
    await emu.kick_bot(group, by=admin)
    with pytest.raises(TelegramForbiddenError, match="bot was kicked from the group chat"):
        await bot.send_message(group.id, "anyone?")
    update = (await bot.get_updates(timeout=0))[-1]
    assert update.my_chat_member is not None and update.my_chat_member.new_chat_member.status == "left"
    await emu.send_message(admin, "/start", chat=group)  # the bot no longer sees the group
    assert [u for u in await bot.get_updates(timeout=0) if u.message] == []
    await emu.add_bot(group, by=admin)
    assert await bot.send_message(group.id, "back")


async def test_a_deleted_account_gets_403_user_is_deactivated(emu: BotAPIEmulator, bot: Bot) -> None:
    await started_user(emu)
    emu.deactivate_user(ALICE)
    with pytest.raises(TelegramForbiddenError, match="Forbidden: user is deactivated"):
        await bot.send_message(ALICE, "hello?")


# ------------------------------------------------------------------------------------------------ smaller differences


async def test_get_updates_limit_zero_is_one(emu: BotAPIEmulator, bot: Bot) -> None:
    for n in range(3):
        await emu.send_message(emu.user(ALICE), f"m{n}")
    status, body = await raw_call(emu, f"/bot{TOKEN}/getUpdates", data={"limit": "0"})
    assert status == 200 and len(body["result"]) == 1


async def test_a_waiting_poll_is_ended_by_set_webhook_with_telegrams_words(emu: BotAPIEmulator, bot: Bot) -> None:
    poll = asyncio.create_task(raw_call(emu, f"/bot{TOKEN}/getUpdates", data={"timeout": "5"}))
    await asyncio.sleep(0.2)
    other = make_bot(emu)
    try:
        await other.set_webhook(emu.expose("http://127.0.0.1:9/hook"))
    finally:
        await other.session.close()
    status, body = await poll
    assert status == 409 and body["description"] == "Conflict: terminated by setWebhook request"


async def test_get_file_without_id_and_editing_a_force_reply_prompt(emu: BotAPIEmulator, bot: Bot) -> None:
    status, body = await raw_call(emu, f"/bot{TOKEN}/getFile", data={"file_id": ""})
    assert status == 400 and body["description"] == "Bad Request: file_id not specified"
    await started_user(emu)
    prompt = await bot.send_message(ALICE, "Reply here", reply_markup=ForceReply())
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("changed", chat_id=ALICE, message_id=prompt.message_id)
