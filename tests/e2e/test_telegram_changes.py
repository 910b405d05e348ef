"""The bot under what a strict Telegram does to it (issue 16): a refused webhook, the operators' group upgraded to a
supergroup mid-traffic, the bot removed from it, evidence Telegram will not send, prompts for the operator who pressed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import create_engine, text

from bot import cli
from bot.core.settings import ConfigError, Settings, load_settings
from bot.emulator import BotAPIEmulator, EmuUser
from bot.telegram.runners import WebhookApp
from tests.conftest import free_port
from tests.e2e.conftest import TOKEN
from tests.e2e.flows import (
    ADMIN_ID,
    OPERATOR_ID,
    OPERATORS_CHAT,
    Citizen,
    buttons,
    db_path,
    eventually,
    number,
    operators_desk,
    query_db,
    staff,
)
from tests.support.running_bot import RunningBot

WEBHOOK_SECRET = "e2e-webhook-secret-0123456789"


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status, await response.text()


def cards(emulator: BotAPIEmulator, chat_id: int) -> list[str]:
    """Case numbers of the new-case cards the bot posted in a chat."""
    first_line = staff("op-card", urgent="no", number="§", category="", language="", time="", evidence=0, similar="")
    prefix = first_line.split("\n")[0].split("§")[0]
    found = []
    for message in emulator.bot_messages(chat_id):
        body = message.get("text", "")
        if body.startswith(prefix) and buttons(message):
            found.append(body.split("\n")[0].removeprefix(prefix).split()[0].rstrip(":,"))
    return found


# ------------------------------------------------------------------------------------------------ webhook


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://hotline.example.org/telegram", "must be an https:// URL"),
        ("https://hotline.example.org:8080/telegram", "ports 443, 80, 88 or 8443"),
        ("https://hotline.example.org:99999/telegram", "malformed port"),
    ],
)
def test_a_webhook_url_telegram_would_refuse_is_one_configuration_error(
    url: str, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ConfigError, match=f"WEBHOOK_URL: .*{says}") as error:
        load_settings(webhook_url=url, data_dir=tmp_path)
    assert "\n" not in str(error.value) and "set WEBHOOK_URL" in str(error.value)
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("WEBHOOK_URL", url)
    assert cli.main(["run", "--webhook"]) == 2  # fails at start-up
    assert says in capsys.readouterr().err
    for good in ("https://hotline.example.org/telegram", "https://hotline.example.org:8443/t", "https://h.kz:88/"):
        assert load_settings(webhook_url=good, data_dir=tmp_path).webhook_url == good


async def test_telegram_refusing_the_webhook_turns_healthz_503_with_its_words_and_is_not_retried(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], caplog: pytest.LogCaptureFixture
) -> None:
    port, private = free_port(), free_port()
    settings = make_settings(
        webhook_url="https://hotline.invalid/telegram",  # HTTPS on 443, so settings accept it; it does not resolve
        webhook_secret=WEBHOOK_SECRET,
        webhook_host="127.0.0.1",
        webhook_port=port,
        health_port=private,  # /metrics is on the private listener only
    )
    app = WebhookApp(settings)
    task = asyncio.create_task(app.run(handle_signals=False))
    try:
        await asyncio.wait_for(app.ready.wait(), 30)
        await emulator.wait_until(lambda: emulator.calls_of("setWebhook"), timeout=10, what="setWebhook")
        deadline = time.monotonic() + 10
        while (status := await get(f"http://127.0.0.1:{port}/healthz"))[0] != 503 and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        code, body = status
        assert code == 503
        assert "refused by Telegram: Bad Request: bad webhook: Failed to resolve host" in body
        logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert any(
            "Telegram refused the webhook (Bad Request: bad webhook: Failed to resolve host" in m for m in logged
        )
        _, metrics = await get(f"http://127.0.0.1:{private}/metrics")
        assert 'hotline_problem{problem="webhook_refused"} 1.0' in metrics
        await asyncio.sleep(3)  # a transient failure would have been retried after 1 s and 2 s
        assert len(emulator.calls_of("setWebhook")) == 1
    finally:
        app.request_stop()
        await asyncio.wait_for(task, 30)


async def test_a_good_webhook_url_registers_and_healthz_stays_200(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings]
) -> None:
    port = free_port()
    settings = make_settings(
        webhook_url=emulator.expose(f"http://127.0.0.1:{port}/telegram"),
        webhook_secret=WEBHOOK_SECRET,
        webhook_host="127.0.0.1",
        webhook_port=port,
    )
    app = WebhookApp(settings)
    task = asyncio.create_task(app.run(handle_signals=False))
    try:
        await asyncio.wait_for(app.ready.wait(), 30)
        await emulator.wait_until(lambda: emulator.bot_state(settings.bot_token.get_secret_value()).webhook.url)
        user = emulator.user(930_000_001, language_code="en")
        await emulator.send_message(user, "/help", token=settings.bot_token.get_secret_value())
        assert await emulator.wait_for_bot_message(user.id, token=settings.bot_token.get_secret_value())
        code, body = await get(f"http://127.0.0.1:{port}/healthz")
        assert code == 200 and "webhook" not in body
    finally:
        app.request_stop()
        await asyncio.wait_for(task, 30)


# ------------------------------------------------------------------------------------------------ group upgraded


async def test_a_group_migration_mid_traffic_loses_no_card_and_the_new_id_is_kept(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    basic = emulator.group(-4242, "Hotline operators")  # a basic group: Telegram may upgrade it any time
    admin = emulator.user(ADMIN_ID, "Aidos", language_code="en")
    emulator.open_chat(ADMIN_ID, token=TOKEN)  # the admin has a private chat with the bot
    settings = make_settings(
        operator_ids=f"{ADMIN_ID}:admin,{OPERATOR_ID}:operator", operator_chat_id=basic.id, operator_language="en"
    )
    running = RunningBot(settings)
    await running.start()
    try:
        people = [Citizen(emulator, citizen(language_code="en")) for _ in range(5)]
        await asyncio.gather(*(person.report() for person in people[:2]))
        await emulator.wait_until(lambda: len(cards(emulator, basic.id)) == 2, timeout=10, what="two cards")
        later = asyncio.gather(*(person.report() for person in people[2:4]))
        supergroup = await emulator.migrate_group(basic, by=admin)  # while two more reports are on their way
        await later
        everywhere = lambda: cards(emulator, basic.id) + cards(emulator, supergroup.id)  # noqa: E731
        await emulator.wait_until(lambda: len(everywhere()) == 4, timeout=20, what="four cards")
        assert sorted(everywhere()) == [number(n) for n in range(1, 5)]  # each case once, none lost
        assert len(cards(emulator, supergroup.id)) >= 2
        told = staff("opchat-migrated", chat_id=str(supergroup.id))
        await emulator.wait_for_bot_message(ADMIN_ID, lambda m: m.get("text") == told, timeout=10)
        with create_engine(f"sqlite:///{db_path(settings)}").connect() as db:
            stored = db.execute(text("SELECT configured_id, current_id FROM operators_chat")).all()
        assert stored == [(basic.id, supergroup.id)]

        # The supergroup is the operators' chat now: /help there is the operators' help.
        asked = await emulator.send_message(admin, "/help", chat=supergroup)
        ops_help = staff("console-op-help", console="")
        assert (await emulator.wait_for_bot_message(supergroup.id, after=asked))["text"] == ops_help

        await running.restart()  # the new id survives a restart: no more tries at the old one
        sent_to_old = len(
            [c for c in emulator.calls_of("sendMessage") if str(c.params.get("chat_id")) == str(basic.id)]
        )
        await people[4].report()
        await emulator.wait_until(lambda: len(everywhere()) == 5, timeout=20, what="the fifth card")
        assert cards(emulator, supergroup.id)[-1] == number(5)
        assert (
            len([c for c in emulator.calls_of("sendMessage") if str(c.params.get("chat_id")) == str(basic.id)])
            == sent_to_old
        )
    finally:
        await running.stop()


# ------------------------------------------------------------------------------------------------ bot removed


async def test_a_kicked_bot_is_reported_within_a_minute_on_every_channel_and_no_card_is_lost(
    emulator: BotAPIEmulator,
    make_settings: Callable[..., Settings],
    citizen: Callable[..., EmuUser],
    caplog: pytest.LogCaptureFixture,
) -> None:
    port = free_port()
    async with operators_desk(emulator, make_settings, health_port=port, health_host="127.0.0.1") as desk:
        for person in (desk.admin, desk.operator):
            emulator.open_chat(person.id)  # staff who opened a chat with the bot can be alerted there
        started = time.monotonic()
        await emulator.kick_bot(desk.chat, by=desk.admin)
        alert_start = staff("opchat-lost", reason="§").split("§")[0]
        for person in (desk.admin, desk.operator):
            await emulator.wait_for_bot_message(person.id, lambda m: m["text"].startswith(alert_start), timeout=60)
        assert time.monotonic() - started < 60
        code, body = await get(f"http://127.0.0.1:{port}/healthz")
        assert code == 503 and '"operators_chat": "lost' in body
        _, metrics = await get(f"http://127.0.0.1:{port}/metrics")
        assert 'hotline_problem{problem="operators_chat_lost"} 1.0' in metrics
        assert any("operators' chat cannot be reached" in r.getMessage() for r in caplog.records)

        # A report made meanwhile is committed and waits; it is not dropped.
        def tries() -> int:
            return len(
                [c for c in emulator.calls_of("sendMessage") if str(c.params.get("chat_id")) == str(OPERATORS_CHAT)]
            )

        before = tries()
        await Citizen(emulator, citizen(language_code="en")).report()
        await emulator.wait_until(lambda: tries() > before, timeout=10, what="a try at the operators' chat")
        assert cards(emulator, OPERATORS_CHAT) == []
        await emulator.add_bot(desk.chat, by=desk.admin)
        await emulator.wait_until(lambda: cards(emulator, OPERATORS_CHAT) == [number(1)], timeout=10, what="card")
        code, _ = await get(f"http://127.0.0.1:{port}/healthz")
        assert code == 200


def metric(metrics: str, series: str) -> float:
    """A series' value in a /metrics page (0 when absent: a counter not yet incremented)."""
    line = next((line for line in metrics.splitlines() if line.startswith(series + " ")), None)
    return float(line.split()[-1]) if line else 0.0


async def test_a_lost_operators_chat_is_logged_once_per_loss_while_its_notifications_wait_and_then_arrive(
    emulator: BotAPIEmulator,
    make_settings: Callable[..., Settings],
    citizen: Callable[..., EmuUser],
    caplog: pytest.LogCaptureFixture,
) -> None:
    port = free_port()
    losses, postponed = (
        "hotline_operators_chat_losses_total",
        'hotline_outbox_postponed_total{cause="operators_chat_lost"}',
    )
    lost_line, back_line = "operators' chat cannot be reached", "operators' chat is reachable again"

    def logged(words: str) -> list[logging.LogRecord]:
        return [r for r in caplog.records if words in r.getMessage()]

    def tries() -> int:
        sent = emulator.calls_of("sendMessage")
        return len([c for c in sent if str(c.params.get("chat_id")) == str(OPERATORS_CHAT)])

    async with operators_desk(emulator, make_settings, health_port=port, health_host="127.0.0.1") as desk:
        emulator.open_chat(desk.admin.id)
        _, before = await get(f"http://127.0.0.1:{port}/metrics")
        await emulator.kick_bot(desk.chat, by=desk.admin)
        alert_start = staff("opchat-lost", reason="§").split("§")[0]
        await emulator.wait_for_bot_message(desk.admin.id, lambda m: m["text"].startswith(alert_start), timeout=60)

        # Two reports while it is lost: each card is tried, and tried again after its backoff (2 s, then 4 s).
        first_try = tries()
        for person in (Citizen(emulator, citizen(language_code="en")) for _ in range(2)):
            await person.report()
        await emulator.wait_until(lambda: tries() >= first_try + 4, timeout=30, what="cards tried again")
        assert cards(emulator, OPERATORS_CHAT) == []
        assert len([r for r in logged(lost_line) if r.levelno == logging.ERROR]) == 1
        assert [r for r in caplog.records if r.name == "bot.cases.outbox" and r.levelno >= logging.WARNING] == []
        _, during = await get(f"http://127.0.0.1:{port}/metrics")
        assert metric(during, losses) - metric(before, losses) == 1
        assert metric(during, postponed) - metric(before, postponed) >= 4
        assert 'hotline_problem{problem="operators_chat_lost"} 1.0' in during

        # Back in the group: both cards arrive, and the recovery is said once.
        await emulator.add_bot(desk.chat, by=desk.admin)
        await emulator.wait_until(
            lambda: sorted(cards(emulator, OPERATORS_CHAT)) == [number(1), number(2)], timeout=20, what="both cards"
        )
        assert len(logged(back_line)) == 1

        # A second loss is a new loss: said again, once.
        await emulator.kick_bot(desk.chat, by=desk.admin)
        await eventually(lambda: len(logged(lost_line)) == 2, timeout=10, what="the second loss logged")
        _, after = await get(f"http://127.0.0.1:{port}/metrics")
        assert metric(after, losses) - metric(before, losses) == 2


# ------------------------------------------------------------------------------------------------ evidence, prompts


async def test_evidence_telegram_refuses_is_said_on_the_card_not_dropped(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        await Citizen(emulator, citizen(language_code="en")).report(photos=2)
        card = await desk.card(1)
        refusal = "Bad Request: wrong file identifier/HTTP URL specified"
        emulator.fail_next("sendPhoto", error_code=400, description=refusal)
        mark = desk.private_mark(desk.operator)
        await desk.press(desk.operator, card, "op-button-open")  # the case goes to the operator's private chat
        closing = await emulator.wait_for_bot_message(desk.operator.id, lambda m: bool(buttons(m)), after=mark)
        missing = staff("opchat-evidence-undelivered", position=1, total=2, reason=refusal)
        assert closing["text"] == f"{missing}\n{number(1)}"
        photos = [m for m in emulator.bot_messages(desk.operator.id) if "photo" in m]
        assert len(photos) == 1  # the other one still came


async def test_the_reply_prompt_opens_the_box_for_the_operator_who_pressed_only(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        await Citizen(emulator, citizen(language_code="en")).report()
        card = await desk.card(1)
        await desk.press(desk.operator, card, "op-button-claim")
        mark = desk.mark()
        await desk.press(desk.operator, card, "op-button-reply")
        prompt = await desk.prompt(desk.operator, "op-write-reply", after=mark, number=number(1))
        assert prompt["reply_markup"] == {"force_reply": True, "selective": True}
        assert emulator.reply_box(desk.operator, desk.chat)["message_id"] == prompt["message_id"]
        assert emulator.reply_box(desk.operator2, desk.chat) is None  # selective: not everyone's box
        assert emulator.reply_box(desk.admin, desk.chat) is None


async def test_a_reporter_who_deleted_their_account_is_unreachable_and_the_reply_is_not_retried(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        me = Citizen(emulator, citizen(language_code="en"))
        await me.report()
        card = await desk.card(1)
        emulator.deactivate_user(me.user.id)
        await desk.press(desk.operator, card, "op-button-claim")
        await desk.write(desk.operator, card, 1, "Are you safe?")
        sql = "SELECT failed_at, last_error FROM outbox WHERE kind = 'citizen_message'"
        await eventually(lambda: query_db(desk.bot.settings, sql)[0][0], what="the reply given up")
        assert query_db(desk.bot.settings, sql)[0][1] == "reporter unreachable: TelegramForbiddenError"
        assert not any("Are you safe?" in m.get("text", "") for m in emulator.bot_messages(me.user.id))
