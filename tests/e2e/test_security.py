"""Issue 11, end to end: what an adversarial review broke, each shown with the real bot against the emulator (or a
real webhook server), the files on disk and the logs as production writes them.

docs/security.md maps each adversary of the threat model to the tests here.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import aiohttp
import pytest

from bot import cli
from bot.cases import user_limits
from bot.core.crypto import SecretBox
from bot.core.logging_setup import configure_logging
from bot.core.settings import ConfigError, Settings, load_settings
from bot.emulator import BotAPIEmulator, EmuMedia, EmuUser
from bot.telegram.conversation_storage import forget_lapsed_sessions
from bot.telegram.runners import WebhookApp
from tests.conftest import free_port
from tests.e2e.conftest import SECRET, RunningBot
from tests.e2e.flows import (
    ANALYST_ID,
    OPERATOR_ID,
    OPERATOR_IDS,
    OPERATORS_CHAT,
    Citizen,
    db_path,
    eventually,
    operators_desk,
    query_db,
    staff,
)


@contextlib.contextmanager
def production_logs(log_format: str = "text", level: str = "DEBUG") -> Iterator[io.StringIO]:
    """The root logger as ``hotline run`` configures it (LOG_FORMAT, LOG_LEVEL), writing into a buffer."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    capped = {name: logging.getLogger(name).level for name in ("aiogram.event", "alembic", "aiosqlite", "sqlalchemy")}
    configure_logging(load_settings(log_level=level, log_format=log_format))
    buffer = io.StringIO()
    for handler in root.handlers:
        assert isinstance(handler, logging.StreamHandler)
        handler.setStream(buffer)
    try:
        yield buffer
    finally:
        root.handlers[:], root.level = saved
        for name, value in capped.items():
            logging.getLogger(name).setLevel(value)


# ------------------------------------------------------------------------------------------------ 1. logs


@pytest.mark.parametrize("log_format", ["text", "json"])
async def test_a_failing_database_write_logs_where_it_failed_but_not_the_report_it_was_writing(
    log_format: str,
    emulator: BotAPIEmulator,
    make_settings: Callable[..., Settings],
    citizen: Callable[..., EmuUser],
) -> None:
    description = "Zhetysu-17 warehouse: a blue minibus comes every night and men carry boxes inside."
    place = "Taldykorgan, Abay street 41"
    with production_logs(log_format) as logs:
        hotline = RunningBot(make_settings())
        await hotline.start()
        try:
            me = Citizen(emulator, citizen(language_code="en"))
            await me.choose(await me.start_report(), "other")
            evidence = await me.describe(description)  # an ordinary description: no "happening now?" step
            _, actions = await me.time(await me.place(await me.done(evidence), place), "last night")
            # The disk "fails" exactly when the case is written (a trigger that cannot run: an OperationalError).
            with sqlite3.connect(db_path(hotline.settings)) as db:
                db.execute("CREATE TRIGGER broken BEFORE INSERT ON cases BEGIN INSERT INTO gone VALUES (1); END")
            await me.press(actions, "report-submit-button")
            await me.expect("error-generic", timeout=10)
        finally:
            await hotline.stop()
    output = logs.getvalue()
    assert "OperationalError" in output and "submit" in output  # the failure and where it happened are logged
    for secret in ("Zhetysu-17", "blue minibus", "Taldykorgan", "Abay street", "last night", str(me.user.id)):
        assert secret not in output


async def test_a_bot_api_error_quoting_what_was_sent_is_logged_without_it(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    question = "Is the Kapchagay-9 drop point still watched?"
    with production_logs() as logs:
        hotline = RunningBot(make_settings())
        await hotline.start()
        try:
            me = citizen(language_code="en")
            # Telegram's description of a failure can quote the request (e.g. entity errors): here it quotes it all.
            emulator.fail_next("sendMessage", error_code=400, description=f"Bad Request: cannot send {question!r}")
            await emulator.send_message(me, question)
            await emulator.wait_until(lambda: "TelegramBadRequest" in logs.getvalue(), timeout=10, what="the error")
        finally:
            await hotline.stop()
    assert "Kapchagay" not in logs.getvalue()


# ------------------------------------------------------------------------------------------------ 11. the webhook


async def test_the_webhook_answers_401_to_any_wrong_secret_hides_metrics_and_drops_unreadable_updates_quietly(
    tmp_path: Path, emulator: BotAPIEmulator, make_settings: Callable[..., Settings]
) -> None:
    port, private = free_port(), free_port()
    settings = make_settings(
        webhook_url="https://hotline.example/hook",  # the proxy's address; the bot listens on plain HTTP behind it
        webhook_secret="webhook-secret-0123456789",
        webhook_host="127.0.0.1",
        webhook_port=port,
        health_port=private,
    )
    with production_logs() as logs:
        app = WebhookApp(settings)
        task = asyncio.create_task(app.run(handle_signals=False))
        await asyncio.wait_for(app.ready.wait(), 20)
        try:
            async with aiohttp.ClientSession() as http:
                hook = f"http://127.0.0.1:{port}/hook"
                update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}}
                for secret in ("wrong-secret-0123456789", "секрет-0123456789abcdef", "webhook-secret-012345678\u00e9"):
                    headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
                    async with http.post(hook, json=update, headers=headers) as response:
                        assert response.status == 401, secret
                # /metrics (when reports are made) is not on the public port; the private listener has it.
                async with http.get(f"http://127.0.0.1:{port}/metrics") as response:
                    assert response.status == 404
                async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                    assert response.status != 404  # the load balancer's check stays (503 here: no real Telegram)
                async with http.get(f"http://127.0.0.1:{private}/metrics") as response:
                    assert response.status == 200 and "hotline_reports_created_total" in await response.text()
                # An update this version cannot read (no "chat"), quoting what someone wrote: dropped with 200.
                broken = {"update_id": 2, "message": {"message_id": 2, "date": 0, "text": "Saryagash-5 meeting point"}}
                headers = {"X-Telegram-Bot-Api-Secret-Token": "webhook-secret-0123456789"}
                async with http.post(hook, json=broken, headers=headers) as response:
                    assert response.status == 200
        finally:
            await app.stop()
            await asyncio.wait_for(task, 20)
    output = logs.getvalue()
    assert "could not be read was dropped (fields: message.chat)" in output
    assert "Saryagash" not in output


# ------------------------------------------------------------------------------------------------ 12. strict parsing


async def test_unicode_digits_and_huge_ids_from_staff_get_a_clean_answer(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        for command in ("/case ²", "/case HT-٤٢", "/case 9223372036854775808"):
            assert (await desk.command(desk.operator, command))["text"] == staff("op-case-usage"), command
        assert (await desk.command(desk.admin, "/op_add ²"))["text"] == staff("op-admin-usage")
        help_message = await desk.command(desk.operator, "/queue")
        for data in ("o:open:9223372036854775808", "os:18446744073709551616:spam", "o:claim:-1", "o:open:²"):
            query = await emulator.press_raw(desk.operator, help_message["message_id"], data, chat=desk.chat)
            answer = await emulator.wait_for_callback_answer(query)
            assert answer["text"] == staff("stale-button"), data


# ------------------------------------------------------------------------------------------------ 3. revocation


async def test_a_removed_operator_stays_removed_after_a_restart_and_deleting_an_id_from_the_environment_revokes(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        assert (await desk.command(desk.admin, f"/op_remove {OPERATOR_ID}"))["text"] == staff(
            "op-operator-removed", id=OPERATOR_ID
        )
        await desk.bot.restart()  # the same OPERATOR_IDS, which still lists the operator
        assert (await desk.command(desk.operator, "/queue"))["text"] == staff("op-forbidden")
        assert (await desk.command(desk.analyst, "/queue"))["text"] != staff("op-forbidden")

        # The analyst's id is deleted from OPERATOR_IDS: revoked at the next start, and audited as such.
        without_analyst = {k: v for k, v in desk.bot.settings.operator_ids.items() if k != ANALYST_ID}
        assert len(without_analyst) == len(OPERATOR_IDS.split(",")) - 1
        desk.bot.settings = desk.bot.settings.model_copy(update={"operator_ids": without_analyst})
        await desk.bot.restart()
        assert (await desk.command(desk.analyst, "/queue"))["text"] == staff("op-forbidden")
        assert (await desk.command(desk.operator, "/queue"))["text"] == staff("op-forbidden")  # still removed
        settings = desk.bot.settings
    analyst_row = query_db(settings, "SELECT id, active FROM operators WHERE telegram_id = ?", ANALYST_ID)[0]
    assert analyst_row[1] == 0
    removals = query_db(settings, "SELECT operator_id, detail FROM audit_log WHERE action = 'operator_removed'")
    assert removals[-1] == (None, f"operator #{analyst_row[0]}, by OPERATOR_IDS")
    assert len(removals) == 2  # the admin's /op_remove, then the environment's


# ------------------------------------------------------------------------------------------------ 9. the key's verifier


async def test_a_changed_secret_key_stops_the_start_with_one_line_saying_what_to_do(
    make_settings: Callable[..., Settings],
) -> None:
    first = RunningBot(make_settings())
    await first.start()
    await first.stop()
    other = RunningBot(make_settings(secret_key="another-secret-key-for-the-same-data-0123456789"))
    with pytest.raises(ConfigError) as refused:
        await other.start()
    message = str(refused.value)
    assert "SECRET_KEY is not the key this database was made with" in message and "\n" not in message
    assert "hotline rotate-secret" in message
    again = RunningBot(make_settings())  # the right key starts again
    await again.start()
    await again.stop()


async def test_rotating_the_secret_keeps_codes_and_reporters_reachable_and_forgets_what_was_keyed_by_the_old_one(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    emulator: BotAPIEmulator,
    make_settings: Callable[..., Settings],
    citizen: Callable[..., EmuUser],
) -> None:
    settings = make_settings()
    hotline = RunningBot(settings)
    await hotline.start()
    me = Citizen(emulator, citizen(language_code="en"))
    code = await me.report()
    await hotline.stop()
    assert query_db(settings, "SELECT count(*) FROM user_counters") == [(1,)]

    new_key = "rotated-secret-key-0123456789-ABCDEFGHIJKLMNOP"
    old_file = tmp_path / "old.key"
    old_file.write_text(SECRET)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("SECRET_KEY", new_key)
    assert await asyncio.to_thread(cli.main, ["rotate-secret", "--old-key-file", str(tmp_path / "missing")]) == 2
    assert await asyncio.to_thread(cli.main, ["rotate-secret", "--old-key-file", str(old_file)]) == 0
    assert query_db(settings, "SELECT count(*) FROM user_counters") == [(0,)]
    sealed = query_db(settings, "SELECT sealed_chat FROM reply_routes")[0][0]
    assert SecretBox(new_key).decrypt(sealed) == str(me.user.id)

    rotated = RunningBot(make_settings(secret_key=new_key))
    await rotated.start()  # the verifier is the new key's now
    try:
        view = await me.status(code)  # a code issued before the rotation still opens its case
        assert view["text"].startswith(me.t("status-view", status=me.t("status-new")).split("\n")[0])
    finally:
        await rotated.stop()


# ------------------------------------------------------------------------------------------------ 13. /status limits


async def test_only_failed_status_lookups_count_per_account_and_across_the_deployment(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    hotline = RunningBot(make_settings(status_hourly_limit=3, status_global_hourly_limit=5))
    await hotline.start()
    try:
        reporter = Citizen(emulator, citizen(language_code="en"))
        code = await reporter.report()
        for _ in range(6):  # twice the per-account limit: a reporter checking often is never refused
            await reporter.status(code)

        async def attempt(who: Citizen, typed: str) -> str:
            sent = await who.say(f"/status {typed}")
            return (await emulator.wait_for_bot_message(who.user.id, after=sent))["text"]

        first, second, third = (Citizen(emulator, citizen(language_code="en")) for _ in range(3))
        for _ in range(3):
            assert await attempt(first, "AAAA-BBBB-CCCC-DDDD") == first.t("status-not-found")
        assert await attempt(first, code) == first.t("status-too-many")  # per account: 3 failures an hour
        for _ in range(2):
            assert await attempt(second, "AAAA-BBBB-CCCC-DDDD") == second.t("status-not-found")
        # Five failures in all this hour: the deployment-wide guard holds everyone back, right code or not.
        assert await attempt(third, code) == third.t("status-too-many")
    finally:
        await hotline.stop()


# ------------------------------------------------------------------------------------------------ 2. unlinkability


async def test_what_links_an_account_to_a_case_is_forgotten_when_the_status_session_lapses(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    hotline = RunningBot(make_settings(status_session_minutes=0.03))  # ~2 seconds
    await hotline.start()
    try:
        me, idle = Citizen(emulator, citizen(language_code="en")), Citizen(emulator, citizen(language_code="en"))
        code = await me.report()
        other_code = await idle.report()
        settings = hotline.settings
        # Counters say which day, not which second: nothing to join with the case's created_at.
        starts = {row[0][11:19] for row in query_db(settings, "SELECT window_start FROM user_counters")}
        assert starts == {"00:00:00"}

        view = await me.status(code)
        await idle.status(other_code)

        def states_with_a_case() -> list[tuple]:
            return query_db(settings, "SELECT key FROM conversation_states WHERE data LIKE '%\"case\"%'")

        assert len(states_with_a_case()) == 2
        await asyncio.sleep(2.5)
        query = await me.press(view, "status-reply-button")  # too late: the case is no longer open in this chat
        answer = await emulator.wait_for_callback_answer(query)
        assert answer["text"] == me.t("status-session-expired")
        assert len(states_with_a_case()) == 1  # me's went as soon as it was read
        # The idle one goes with the sweep every few minutes (run here at once), with past counters.
        with sqlite3.connect(db_path(settings)) as db:
            db.execute("UPDATE user_counters SET window_start = '2020-01-01 00:00:00.000000'")
        await forget_lapsed_sessions(hotline.services.sessions)
        await user_limits.forget_expired(hotline.services.sessions)
        assert states_with_a_case() == []
        assert query_db(settings, "SELECT count(*) FROM user_counters") == [(0,)]
    finally:
        await hotline.stop()


# ------------------------------------------------------------------------------------------------ 8. retention on disk


async def test_a_purged_case_is_gone_from_every_table_every_file_and_its_code_says_not_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, emulator: BotAPIEmulator, make_settings: Callable[..., Settings]
) -> None:
    secrets_in_the_case = ("Ushtobe-44", "grain silo", "Karatal bridge", "Yesterday at dusk", "Please call back")
    async with operators_desk(emulator, make_settings) as desk:
        settings = desk.bot.settings
        me = Citizen(emulator, emulator.user(933_000_001, first_name="Purgee", language_code="en"))
        code = await me.report(
            "Ushtobe-44: men unload crates at the old grain silo every night.",
            place="Karatal bridge, east bank",
            when="Yesterday at dusk",
        )
        card = await desk.card(1)
        await desk.press(desk.operator, card, "op-button-claim")
        await emulator.user_blocks_bot(me.user.id)  # the reply is given up: a failed outbox row, with the case
        await desk.write(desk.operator, card, 1, "Please call back on the hotline.")
        failed = "SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL"
        await eventually(lambda: query_db(settings, failed) == [(1,)], what="the reply given up")
        await desk.close(desk.operator, card, 1, "actioned")
        with sqlite3.connect(db_path(settings)) as db:  # closed long ago
            db.execute("UPDATE cases SET closed_at = '2020-01-01 00:00:00.000000'")
        backups = settings.data_dir / "backups"
        backups.mkdir()
        old_backup = backups / "hotline-20200101-000000.db"
        old_backup.write_bytes(b"a backup taken before the purge")
        os.utime(old_backup, (0, 0))

        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
        monkeypatch.setenv("SECRET_KEY", SECRET)
        assert await asyncio.to_thread(cli.main, ["purge"]) == 0  # while the bot runs, as an admin would

        assert query_db(settings, "SELECT count(*) FROM outbox WHERE case_id = 1") == [(0,)]
        assert not old_backup.exists()
        for path in settings.data_dir.rglob("*"):
            if path.is_file():
                content = path.read_bytes()
                assert [s for s in secrets_in_the_case if s.encode() in content] == [], path.name
                # The search index keeps words, lower-cased: none of the case's may stay in it either.
                assert [w for w in (b"ushtobe", b"karatal", b"silo", b"crates") if w in content.lower()] == []
        await emulator.user_blocks_bot(me.user.id, blocked=False)
        sent = await me.say(f"/status {code}")
        reply = await emulator.wait_for_bot_message(me.user.id, after=sent)
        assert reply["text"] == me.t("status-not-found")  # like a code never issued, not "closed"


async def test_backups_older_than_the_retention_period_go_on_the_daily_schedule(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    backups = settings.data_dir / "backups"
    backups.mkdir(parents=True)
    old, recent = backups / "hotline-20200101-000000.db", backups / "hotline-20991231-000000.db"
    for path in (old, recent):
        path.write_bytes(b"backup")
    os.utime(old, (0, 0))
    hotline = RunningBot(settings)
    await hotline.start()  # the daily job runs at start, then once a day
    try:
        await eventually(lambda: not old.exists(), what="the old backup deleted")
        assert recent.exists()
    finally:
        await hotline.stop()


# ------------------------------------------------------------------------------------------------ 5. forged lines


async def test_what_a_citizen_writes_cannot_forge_lines_in_the_operators_view_of_a_case(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        me = Citizen(emulator, citizen(language_code="en"))
        code = await me.report(
            "Someone recruits at the mosque.\nClaimed by: operator #1\n\u202eon :hcaerber\u202c\u200b Case closed.",
            place="Almaty\nClaimed by: operator #1\nReporter reachable in Telegram: no",
            when="today\u2028→ operator #1 (2026-01-01 00:00 UTC): no need to answer",
        )
        card = await desk.card(1)
        await desk.press(desk.operator, card, "op-button-claim")
        view = await me.status(code)
        await me.press(view, "status-reply-button")
        await me.expect("status-write-reply")
        await me.say("Thanks.\n→ operator #2 (2026-01-01 00:00 UTC): case closed, delete everything")
        await me.expect("status-reply-sent")
        details = (await desk.open(desk.operator, card, 1))["text"]
    lines = details.split("\n")
    # The bot's own lines appear once each; every other line the citizen wrote is inside their marked fields.
    assert [line for line in lines if line.startswith("Claimed by:")] == ["Claimed by: operator #" + str(2)]
    assert [line for line in lines if line.startswith("Reporter reachable")] == [
        "Reporter reachable in Telegram: " + staff("op-yes")
    ]
    assert [line for line in lines if line.startswith("→ operator")] == []
    assert "Place: Almaty ⏎ Claimed by: operator #1 ⏎ Reporter reachable in Telegram: no" in lines
    assert "Time: today ⏎ → operator #1 (2026-01-01 00:00 UTC): no need to answer" in lines
    assert "│ Claimed by: operator #1" in lines
    assert any(
        line.startswith("← reporter (")
        and line.endswith("Thanks. ⏎ → operator #2 (2026-01-01 00:00 UTC): case closed, delete everything")
        for line in lines
    )
    assert not [ch for ch in details if ch in "\u202e\u202c\u200b\u2028\u2066\u2067\u2068\u2069\u200e\u200f"]


# ------------------------------------------------------------------------------------------------ 6. albums


async def test_a_ten_photo_album_is_one_message_for_flood_control_and_is_stored_whole(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    hotline = RunningBot(make_settings(flood_rate=1.0, flood_burst=8))  # the defaults
    await hotline.start()
    try:
        me = Citizen(emulator, citizen(language_code="en"))
        await me.choose(await me.start_report(), "other")
        evidence = await me.describe()
        await emulator.send_media_group(me.user, [EmuMedia("photo", caption=f"photo {n}") for n in range(10)])
        await me.expect("report-evidence-added", count=1)
        _, actions = await me.time(await me.place(await me.done(evidence)))
        await me.submit(actions)
        assert query_db(hotline.settings, "SELECT count(*), count(DISTINCT item) FROM case_evidence") == [(10, 1)]
        assert me.t("slow-down") not in [m.get("text") for m in emulator.bot_messages(me.user.id)]
    finally:
        await hotline.stop()


# ------------------------------------------------------------------------------------------------ 4. where staff work


async def test_case_content_goes_only_to_the_staff_member_who_asks_never_into_a_group(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    description = "Balkhash-12: a man hands out leaflets of an extremist group behind the market."
    async with operators_desk(emulator, make_settings) as desk:
        me = Citizen(emulator, citizen(language_code="en"))
        await me.report(description)
        card = await desk.card(1)
        sent_note = staff("security-sent-privately", what=staff("security-what-case", number="HT-00001"))

        # A member of the operators' chat who is not staff: refused, and nothing of the case in the group.
        member = emulator.user(5559999, first_name="Guest", language_code="en")
        answer = await desk.press(member, card, "op-button-open")
        assert answer["text"] == staff("op-forbidden")
        # Staff asking in the group: the group reads that it was sent; the content is in the private chat.
        assert (await desk.command(desk.operator, "/case HT-00001"))["text"] == sent_note
        assert (await desk.open(desk.analyst, card, 1))["text"].endswith(description)

        # A staff member who never opened a private chat with the bot is told to, and the group gets nothing.
        newcomer = emulator.user(5558888, first_name="New", language_code="en")
        await desk.command(desk.admin, f"/op_add {newcomer.id} operator")
        answer = await desk.press(newcomer, card, "op-button-open")
        assert (answer["text"], answer.get("show_alert")) == (staff("security-start-private-chat"), True)
        told = await desk.command(newcomer, "/case 1")
        assert told["text"] == staff("security-start-private-chat")

        # Another group the bot was added to: staff commands are refused there, whoever sends them.
        elsewhere = emulator.group(-1009876543210, "Some other group")
        for who, command in ((desk.operator, "/case HT-00001"), (desk.admin, "/export"), (desk.analyst, "/queue")):
            sent = await emulator.send_message(who, command, chat=elsewhere)
            reply = await emulator.wait_for_bot_message(elsewhere.id, after=sent)
            assert reply["text"] == staff("op-forbidden"), command

        # In a staff member's private chat, /case answers right there.
        sent = await emulator.send_message(desk.operator2, "/case HT-00001")
        shown = await emulator.wait_for_bot_message(desk.operator2.id, after=sent)
        assert shown["text"].startswith("📂 Case HT-00001") and shown["text"].endswith(description)

        in_groups = [
            m.get("text") or m.get("caption") or ""
            for chat in (OPERATORS_CHAT, elsewhere.id)
            for m in emulator.bot_messages(chat)
        ]
        assert [t for t in in_groups if "Balkhash" in t] == []
        assert emulator.bot_messages(member.id) == []
        settings = desk.bot.settings
    refusals = query_db(settings, "SELECT action FROM audit_log WHERE action LIKE 'refused:elsewhere%'")
    assert len(refusals) == 3
