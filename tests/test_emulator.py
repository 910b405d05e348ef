"""The Bot API emulator behaves like Telegram for a real aiogram client over real HTTP.

These tests pin the behaviours the project's end-to-end tests rely on: long polling that really waits and
wakes, offset confirmation, Telegram's error envelopes (so aiogram raises the same exception classes as in
production), files that round-trip byte for byte, callback queries, webhooks with retries, and the user-side API.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import SendMessage
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from aiohttp import web

from bot.emulator import SECRET_HEADER, BotAPIEmulator, EmuMedia, make_png

pytestmark = pytest.mark.asyncio

TOKEN = "123456:TEST-token_abc"
OTHER_TOKEN = "654321:other-bot"
USER_ID = 1001


class LocalSession(AiohttpSession):
    """aiogram's session minus the 250 ms pause its close() keeps for TLS shutdown (plain local HTTP here)."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def make_bot(emu: BotAPIEmulator, token: str = TOKEN) -> Bot:
    return Bot(token, session=LocalSession(api=TelegramAPIServer.from_base(emu.base_url)))


@pytest_asyncio.fixture
async def emu() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator(default_token=TOKEN) as emulator:
        yield emulator


@pytest_asyncio.fixture
async def bot(emu: BotAPIEmulator) -> AsyncIterator[Bot]:
    client = make_bot(emu)
    yield client
    await client.session.close()


async def started_user(emu: BotAPIEmulator, user_id: int = USER_ID) -> Any:
    """A user who has opened the chat with the bot (so the bot may write to them)."""
    user = emu.user(user_id, "Aigerim", username="aigerim")
    emu.open_chat(user_id)
    return user


def inline_keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=text, callback_data=data)] for text, data in buttons]
    )


# ---------------------------------------------------------------------------------------------------- raw HTTP


async def raw_call(emu: BotAPIEmulator, path: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    """One request without aiogram, to check the exact wire format."""
    async with aiohttp.ClientSession() as session, session.post(emu.base_url + path, **kwargs) as response:
        return response.status, await response.json()


async def test_envelopes_for_bad_token_and_unknown_method(emu: BotAPIEmulator) -> None:
    assert await raw_call(emu, "/botnot-a-token/getMe") == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert await raw_call(emu, f"/bot{TOKEN}/frobnicate") == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
    )


async def test_method_names_are_case_insensitive_and_bodies_may_be_json_or_query(emu: BotAPIEmulator) -> None:
    status, body = await raw_call(emu, f"/bot{TOKEN}/GETME")
    assert status == 200 and body["result"]["username"] == "hotline_test_bot"
    await started_user(emu)
    status, body = await raw_call(emu, f"/bot{TOKEN}/sendMessage", json={"chat_id": USER_ID, "text": "json"})
    assert status == 200 and body["result"]["text"] == "json"
    status, body = await raw_call(emu, f"/bot{TOKEN}/sendMessage?chat_id={USER_ID}&text=query")
    assert status == 200 and body["result"]["text"] == "query"


async def test_revoked_token_is_unauthorized(emu: BotAPIEmulator, bot: Bot) -> None:
    emu.revoke_token(TOKEN)
    with pytest.raises(TelegramUnauthorizedError):
        await bot.get_me()


# ---------------------------------------------------------------------------------------------------- updates


async def test_long_poll_holds_until_an_update_arrives(emu: BotAPIEmulator, bot: Bot) -> None:
    user = emu.user(USER_ID, "Aigerim")
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    assert not poll.done(), "getUpdates must wait instead of answering an empty list at once"
    woke_at = time.monotonic()
    await emu.send_message(user, "hello")
    updates = await asyncio.wait_for(poll, 1)
    assert time.monotonic() - woke_at < 0.5
    assert [u.message.text for u in updates if u.message] == ["hello"]


async def test_long_poll_times_out_with_empty_list(emu: BotAPIEmulator, bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == []
    assert 0.9 <= time.monotonic() - started < 2


async def test_offset_confirms_and_update_ids_increase(emu: BotAPIEmulator, bot: Bot) -> None:
    user = emu.user(USER_ID, "Aigerim")
    for text in ("one", "two", "three"):
        await emu.send_message(user, text)
    updates = await bot.get_updates(timeout=0)
    ids = [u.update_id for u in updates]
    assert ids == sorted(set(ids)) and len(ids) == 3
    assert len(await bot.get_updates(timeout=0, limit=1)) == 1
    assert [u.message.text for u in await bot.get_updates(offset=ids[1], timeout=0)] == ["two", "three"]
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == ids[1:], "offset confirmed the first"
    assert await bot.get_updates(offset=ids[-1] + 1, timeout=0) == []


async def test_allowed_updates_filters_new_updates(emu: BotAPIEmulator, bot: Bot) -> None:
    user = emu.user(USER_ID, "Aigerim")
    await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
    await emu.send_message(user, "not wanted")
    assert await bot.get_updates(timeout=0) == []


async def test_second_poller_terminates_the_first_with_409(emu: BotAPIEmulator, bot: Bot) -> None:
    other = make_bot(emu)
    try:
        first = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.1)
        second = asyncio.create_task(other.get_updates(timeout=5))
        with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
            await asyncio.wait_for(first, 1)
        await emu.send_message(emu.user(USER_ID), "for the newer poller")
        assert len(await asyncio.wait_for(second, 1)) == 1
    finally:
        await other.session.close()


async def test_bots_with_different_tokens_are_independent(emu: BotAPIEmulator, bot: Bot) -> None:
    other = make_bot(emu, OTHER_TOKEN)
    try:
        await emu.send_message(emu.user(USER_ID), "to the first bot only")
        assert (await other.get_me()).id == 654321
        assert await other.get_updates(timeout=0) == []
        assert len(await bot.get_updates(timeout=0)) == 1
    finally:
        await other.session.close()


async def test_user_side_updates_are_valid_aiogram_objects(emu: BotAPIEmulator, bot: Bot) -> None:
    """Every kind of update the user side produces parses with aiogram's own models."""
    user = emu.user(USER_ID, "Aigerim", username="aigerim")
    sent = await emu.send_message(user, "/start ref")
    await emu.send_photo(user, caption="photo")
    await emu.send_document(user, file_name="report.pdf")
    await emu.send_video(user)
    await emu.send_voice(user)
    await emu.send_sticker(user)
    await emu.send_location(user, 43.25, 76.95)
    await emu.send_contact(user, "+77001234567")
    await emu.send_poll(user, "Question?", ["yes", "no"])
    await emu.edit_message(user, sent["message_id"], "/start changed")
    await emu.user_blocks_bot(USER_ID)
    updates = await bot.get_updates(timeout=0, allowed_updates=[])
    kinds = [u.event_type for u in updates]
    assert kinds == ["message"] * 9 + ["edited_message", "my_chat_member"]
    first = updates[0].message
    assert first is not None and first.entities and first.entities[0].type == "bot_command"
    assert updates[-1].my_chat_member and updates[-1].my_chat_member.new_chat_member.status == "kicked"


# ---------------------------------------------------------------------------------------------------- dispatcher


async def test_dispatcher_echo_bot_end_to_end(emu: BotAPIEmulator) -> None:
    dp = Dispatcher()

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(f"echo: {message.text}")

    polling = asyncio.create_task(dp.start_polling(make_bot(emu), handle_signals=False, polling_timeout=2))
    try:
        user = emu.user(USER_ID, "Aigerim")
        await emu.send_message(user, "салем")
        reply = await emu.wait_for_bot_message(USER_ID)
        assert reply["text"] == "echo: салем"
        await emu.send_message(user, "again")
        assert (await emu.wait_for_bot_message(USER_ID))["text"] == "echo: again"
    finally:
        await dp.stop_polling()
        await asyncio.wait_for(polling, 3)
    assert [call.method for call in emu.calls][:2] == ["getMe", "getUpdates"]


# ---------------------------------------------------------------------------------------------------- messages


async def test_send_message_validation(emu: BotAPIEmulator, bot: Bot) -> None:
    await started_user(emu)
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(USER_ID, "   ")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(USER_ID, "x" * 4097)
    assert (await bot.send_message(USER_ID, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")).text == "x" * 4096
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(USER_ID, "<b>unclosed", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "br"'):
        await bot.send_message(USER_ID, "line<br>break", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match=r"Character '\.' is reserved"):
        await bot.send_message(USER_ID, "End.", parse_mode="MarkdownV2")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(999, "nobody")


async def test_html_becomes_entities(emu: BotAPIEmulator, bot: Bot) -> None:
    await started_user(emu)
    message = await bot.send_message(USER_ID, "<b>Жирный</b> &amp; <a href='https://t.me'>link</a>", parse_mode="HTML")
    assert message.text == "Жирный & link"
    assert [(e.type, e.offset, e.length) for e in message.entities or []] == [("bold", 0, 6), ("text_link", 9, 4)]


async def test_bot_cannot_start_a_conversation_or_write_to_a_blocker(emu: BotAPIEmulator, bot: Bot) -> None:
    user = emu.user(USER_ID, "Aigerim")
    with pytest.raises(TelegramForbiddenError, match="can't initiate conversation"):
        await bot.send_message(USER_ID, "hi")
    await emu.send_message(user, "/start")
    await bot.send_message(USER_ID, "welcome")
    await emu.user_blocks_bot(USER_ID)
    with pytest.raises(TelegramForbiddenError, match="Forbidden: bot was blocked by the user"):
        await bot.send_message(USER_ID, "still there?")
    await emu.send_message(user, "/start")  # writing again unblocks, like Telegram's "Restart"
    await bot.send_message(USER_ID, "welcome back")


async def test_edit_not_modified_and_not_found(emu: BotAPIEmulator, bot: Bot) -> None:
    await started_user(emu)
    keyboard = inline_keyboard(("Yes", "yes"))
    sent = await bot.send_message(USER_ID, "Question", reply_markup=keyboard)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("Question", chat_id=USER_ID, message_id=sent.message_id, reply_markup=keyboard)
    edited = await bot.edit_message_text("Answered", chat_id=USER_ID, message_id=sent.message_id)
    assert edited.text == "Answered" and edited.reply_markup is None, "an edit without markup drops the keyboard"
    assert emu.bot_messages(USER_ID)[-1]["text"] == "Answered"
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER_ID, message_id=999)
    await bot.delete_message(USER_ID, sent.message_id)
    assert emu.bot_messages(USER_ID) == []


async def test_copy_and_forward(emu: BotAPIEmulator, bot: Bot) -> None:
    user = await started_user(emu)
    operators = emu.group(-100123, "Operators")
    report = await emu.send_message(user, "a confidential report")
    copied = await bot.copy_message(operators.id, USER_ID, report["message_id"])
    forwarded = await bot.forward_message(operators.id, USER_ID, report["message_id"])
    copies = emu.bot_messages(operators.id)
    assert [m["text"] for m in copies] == ["a confidential report"] * 2
    assert copies[0]["message_id"] == copied.message_id and "forward_origin" not in copies[0]
    assert forwarded.forward_origin is not None and forwarded.forward_origin.type == "user"


async def test_reply_keyboard_is_stored_for_the_user(emu: BotAPIEmulator, bot: Bot) -> None:
    user = await started_user(emu)
    markup = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="Report")]], resize_keyboard=True)
    sent = await bot.send_message(USER_ID, "Choose", reply_markup=markup)
    assert sent.reply_markup is None, "Telegram echoes only inline keyboards back to the bot"
    assert emu.bot_messages(USER_ID)[0]["reply_markup"]["keyboard"] == [[{"text": "Report"}]]
    await emu.press_reply_button(user, "Report")
    updates = await bot.get_updates(timeout=0)
    assert updates[-1].message and updates[-1].message.text == "Report"


# ---------------------------------------------------------------------------------------------------- callbacks


async def test_press_button_and_answer(emu: BotAPIEmulator, bot: Bot) -> None:
    user = await started_user(emu)
    await bot.send_message(USER_ID, "Confirm?", reply_markup=inline_keyboard(("Yes", "confirm:yes"), ("No", "no")))
    message = emu.bot_messages(USER_ID)[0]
    query_id = await emu.press_button(user, message, text="Yes")
    (update,) = await bot.get_updates(timeout=0)
    query = update.callback_query
    assert isinstance(query, CallbackQuery) and query.id == query_id and query.data == "confirm:yes"
    assert emu.callback_answer(query_id) is None
    await bot.answer_callback_query(query_id, text="Done", show_alert=True)
    assert emu.callback_answer(query_id) == {"text": "Done", "show_alert": True, "url": None, "cache_time": 0}
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(LookupError):
        await emu.press_button(user, message, data="missing")


async def test_callback_query_expires(emu: BotAPIEmulator, bot: Bot) -> None:
    user = await started_user(emu)
    emu.callback_timeout = 0.1
    await bot.send_message(USER_ID, "Go", reply_markup=inline_keyboard(("Go", "go")))
    query_id = await emu.press_button(user, emu.bot_messages(USER_ID)[0], data="go")
    await asyncio.sleep(0.15)
    with pytest.raises(TelegramBadRequest, match="query is too old and response timeout expired"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query("12345")


async def test_forged_callback_data_reaches_the_bot(emu: BotAPIEmulator, bot: Bot) -> None:
    user = await started_user(emu)
    sent = await bot.send_message(USER_ID, "Menu", reply_markup=inline_keyboard(("A", "a")))
    await emu.press_raw(user, sent.message_id, "admin:delete_all")
    (update,) = await bot.get_updates(timeout=0)
    assert update.callback_query and update.callback_query.data == "admin:delete_all"


async def test_callback_data_over_64_bytes_is_rejected(emu: BotAPIEmulator, bot: Bot) -> None:
    await started_user(emu)
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(USER_ID, "x", reply_markup=inline_keyboard(("Too long", "д" * 33)))


# ---------------------------------------------------------------------------------------------------- files


async def test_photo_upload_get_file_and_download_roundtrip(emu: BotAPIEmulator, bot: Bot) -> None:
    await started_user(emu)
    image = make_png(200, 100)
    sent = await bot.send_photo(
        USER_ID, BufferedInputFile(image, "photo.png"), caption="<i>evidence</i>", parse_mode="HTML"
    )
    assert sent.photo and (sent.photo[-1].width, sent.photo[-1].height) == (200, 100)
    assert sent.caption == "evidence"
    file = await bot.get_file(sent.photo[-1].file_id)
    assert file.file_size == len(image) and file.file_path
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None and downloaded.read() == image
    again = await bot.send_photo(USER_ID, sent.photo[-1].file_id)
    assert again.photo and again.photo[-1].file_id == sent.photo[-1].file_id
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(USER_ID, BufferedInputFile(b"not an image", "x.jpg"))
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_document(USER_ID, "no-such-file-id")


async def test_bot_downloads_a_users_document(emu: BotAPIEmulator, bot: Bot) -> None:
    user = emu.user(USER_ID, "Aigerim")
    sent = await emu.send_document(user, b"%PDF-1.4 secret", file_name="scan.pdf", caption="scan")
    file = await bot.get_file(sent["document"]["file_id"])
    downloaded = await bot.download_file(file.file_path or "")
    assert downloaded is not None and downloaded.read() == b"%PDF-1.4 secret"


async def test_media_groups_both_ways(emu: BotAPIEmulator, bot: Bot) -> None:
    user = await started_user(emu)
    album = [InputMediaPhoto(media=BufferedInputFile(make_png(), f"{n}.png"), caption=str(n)) for n in range(3)]
    messages = await bot.send_media_group(USER_ID, album)
    assert len(messages) == 3 and len({m.media_group_id for m in messages}) == 1
    assert [m.caption for m in messages] == ["0", "1", "2"]
    sent = await emu.send_media_group(user, ["photo", EmuMedia("document", caption="doc")])
    updates = await bot.get_updates(timeout=0)
    assert len(updates) == 2 and sent[0]["media_group_id"] == sent[1]["media_group_id"]
    assert {u.message.media_group_id for u in updates if u.message} == {sent[0]["media_group_id"]}


# ---------------------------------------------------------------------------------------------------- faults & limits


async def test_injected_faults_map_to_aiogram_exceptions(emu: BotAPIEmulator, bot: Bot) -> None:
    await started_user(emu)
    emu.fail_next("sendMessage", error_code=429, retry_after=7)
    with pytest.raises(TelegramRetryAfter) as flood:
        await bot.send_message(USER_ID, "x")
    assert flood.value.retry_after == 7
    emu.fail_next("SENDMESSAGE", error_code=502)
    with pytest.raises(TelegramServerError):
        await bot.send_message(USER_ID, "x")
    emu.fail_next("sendMessage", error_code=0)
    with pytest.raises(TelegramNetworkError):
        await bot.send_message(USER_ID, "x")
    assert (await bot.send_message(USER_ID, "works again")).text == "works again"


async def test_rate_limits_when_enforced(emu: BotAPIEmulator, bot: Bot) -> None:
    await started_user(emu)
    emu.enforce_limits = True
    burst = emu.limiter.limits.private_burst
    for n in range(burst):
        await bot.send_message(USER_ID, f"burst {n}")
    with pytest.raises(TelegramRetryAfter) as flood:
        await bot.send_message(USER_ID, "one too many")
    assert flood.value.retry_after >= 1
    status, body = await raw_call(emu, f"/bot{TOKEN}/sendMessage", data={"chat_id": USER_ID, "text": "raw"})
    assert status == 429 and body["parameters"]["retry_after"] >= 1


async def test_delay_holds_calls(emu: BotAPIEmulator, bot: Bot) -> None:
    emu.delay("getMe", 0.2)
    started = time.monotonic()
    await bot.get_me()
    assert time.monotonic() - started >= 0.2


# ---------------------------------------------------------------------------------------------------- webhooks


@dataclass
class Receiver:
    """A tiny webhook endpoint recording what it received; fails the first ``failures`` requests."""

    failures: int = 0
    url: str = ""
    received: list[tuple[dict[str, Any], str | None]] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        if self.failures > 0:
            self.failures -= 1
            return web.Response(status=500)
        self.received.append((body, request.headers.get(SECRET_HEADER)))
        return web.json_response({})

    def texts(self) -> list[str]:
        return [body["message"]["text"] for body, _ in self.received if "message" in body]


@asynccontextmanager
async def serve(handler: Callable[[web.Request], Any]) -> AsyncIterator[str]:
    """Run ``handler`` on a free local port; yields its URL."""
    app = web.Application()
    app.router.add_post("/hook", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    try:
        yield f"http://{host}:{port}/hook"
    finally:
        await runner.cleanup()


async def test_webhook_delivery_with_secret_and_conflict(emu: BotAPIEmulator, bot: Bot) -> None:
    receiver = Receiver()
    async with serve(receiver.handle) as local:
        url = emu.expose(local)
        await bot.set_webhook(url, secret_token="s3cret")
        with pytest.raises(TelegramConflictError, match="webhook is active"):
            await bot.get_updates(timeout=0)
        await emu.send_message(emu.user(USER_ID), "via webhook")
        await emu.wait_until(lambda: len(receiver.received) == 1)
        body, secret = receiver.received[0]
        assert secret == "s3cret" and body["message"]["text"] == "via webhook"
        info = await bot.get_webhook_info()
        assert info.url == url and info.pending_update_count == 0
        await emu.deliver_again(body["update_id"])
        await emu.wait_until(lambda: len(receiver.received) == 2)
        assert receiver.received[1][0] == body
        await bot.delete_webhook()
        await emu.send_message(emu.user(USER_ID), "polled again")
        assert [u.message.text for u in await bot.get_updates(timeout=0) if u.message] == ["polled again"]


async def test_webhook_retries_failures_in_order(emu: BotAPIEmulator, bot: Bot) -> None:
    receiver = Receiver(failures=2)
    emu.webhook_settings.time_scale = 0.01  # Telegram's 2 s, 4 s … pauses, 100 times faster
    async with serve(receiver.handle) as local:
        await bot.set_webhook(emu.expose(local))
        user = emu.user(USER_ID)
        for text in ("first", "second", "third"):
            await emu.send_message(user, text)
        await emu.wait_until(lambda: len(receiver.received) == 3, timeout=3)
        assert receiver.texts() == ["first", "second", "third"]
        assert (await bot.get_webhook_info()).last_error_message


async def test_webhook_round_robin_across_instances(emu: BotAPIEmulator, bot: Bot) -> None:
    first, second = Receiver(), Receiver()
    async with serve(first.handle) as url1, serve(second.handle) as url2:
        await bot.set_webhook(emu.expose(url1), secret_token="shared")
        emu.webhook_targets(TOKEN, [url1, url2])
        for n in range(4):
            await emu.send_message(emu.user(USER_ID + n), f"m{n}")
        await emu.wait_until(lambda: len(first.received) + len(second.received) == 4)
        assert len(first.received) == len(second.received) == 2
        assert {secret for _, secret in first.received + second.received} == {"shared"}


async def test_webhook_response_can_carry_a_method_call(emu: BotAPIEmulator) -> None:
    """aiogram with handle_in_background=False answers with the method in the webhook response."""
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler

    dp = Dispatcher()

    @dp.message()
    async def reply(message: Message) -> SendMessage:
        return message.answer(f"got {message.text}")

    hook_bot = make_bot(emu)
    handler = SimpleRequestHandler(dp, hook_bot, handle_in_background=False)
    try:
        async with serve(handler.handle) as local:
            await hook_bot.set_webhook(emu.expose(local))
            await emu.send_message(emu.user(USER_ID), "report")
            assert (await emu.wait_for_bot_message(USER_ID))["text"] == "got report"
    finally:
        await hook_bot.session.close()


# ---------------------------------------------------------------------------------------------------- bot settings


async def test_commands_per_scope_and_language(emu: BotAPIEmulator, bot: Bot) -> None:
    ru = [BotCommand(command="start", description="Начать")]
    kk = [BotCommand(command="start", description="Бастау")]
    await bot.set_my_commands(ru, scope=BotCommandScopeAllPrivateChats(), language_code="ru")
    await bot.set_my_commands(kk, scope=BotCommandScopeAllPrivateChats(), language_code="kk")
    stored = await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="kk")
    assert [(c.command, c.description) for c in stored] == [("start", "Бастау")]
    assert await bot.get_my_commands() == []
    assert emu.visible_commands(emu.user(USER_ID, language_code="ru"))[0]["description"] == "Начать"
    await bot.delete_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="kk")
    assert emu.commands({"type": "all_private_chats"}, "kk") == []
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad Command", description="x")])


async def test_group_privacy_mode(emu: BotAPIEmulator, bot: Bot) -> None:
    """In groups the bot sees commands, replies to it and mentions, not ordinary chatter."""
    group = emu.group(-1001234567890, "Operators")
    operator = emu.user(2002, "Operator")
    await emu.send_message(operator, "chatter", chat=group)
    await emu.send_message(operator, "/take 15", chat=group)
    bot_message = await bot.send_message(group.id, "New report #15")
    await emu.send_message(operator, "done", chat=group, reply_to=bot_message.message_id)
    texts = [u.message.text for u in await bot.get_updates(timeout=0) if u.message]
    assert texts == ["/take 15", "done"]
    update_ok = Update.model_validate({"update_id": 1, "message": emu.chat_history(group.id)[0]})
    assert update_ok.message and update_ok.message.chat.type == "supergroup"
