"""The anonymity audit: after real reports, dialogues and /status, nothing that identifies a reporter — Telegram id,
username, first or last name — is anywhere in the database (every table, every column), the data folder, the logs,
or the operators' console (every page, evidence preview and export).

The reply route is the one exception by design: the chat id (= the user id in a private chat), encrypted.
"""

from __future__ import annotations

import asyncio
import io
import logging
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.core.crypto import SecretBox
from bot.core.logging_setup import JsonFormatter, configure_logging
from bot.core.settings import Settings, load_settings
from bot.emulator import BotAPIEmulator, EmuMedia, EmuUser
from tests.e2e.conftest import SECRET
from tests.e2e.flows import (
    OPERATORS_CHAT,
    Citizen,
    assert_clean_run,
    db_path,
    eventually,
    operators_desk,
    query_db,
    status_view,
)
from tests.support.running_bot import RunningBot

ZHANNA = {"id": 987654321987, "username": "Zhanna_Reporter_77", "first_name": "Zhannaqyz", "last_name": "Unikalbekova"}
YERLAN = {"id": 876543219876, "username": "Yerlan_Witness_05", "first_name": "Yerlanbek", "last_name": "Qupiyasov"}


def identities(person: dict) -> list[str]:
    return [str(person["id"]), person["username"], person["first_name"], person["last_name"]]


@pytest.fixture
def every_logger_at_debug(caplog: pytest.LogCaptureFixture) -> Iterator[io.StringIO]:
    """Every logger at DEBUG (libraries too: SQL statements and their parameters, HTTP, aiogram), captured by caplog
    and by root handlers formatting as the bot does in production (text and JSON)."""
    caplog.set_level(logging.DEBUG)
    names = ["", *logging.root.manager.loggerDict]
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    buffer = io.StringIO()
    text_handler, json_handler = logging.StreamHandler(buffer), logging.StreamHandler(buffer)
    text_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    json_handler.setFormatter(JsonFormatter())
    logging.root.addHandler(text_handler)
    logging.root.addHandler(json_handler)
    yield buffer
    logging.root.removeHandler(text_handler)
    logging.root.removeHandler(json_handler)
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def every_value_in_the_database(settings: Settings) -> dict[str, list[tuple]]:
    """table → its rows (every column, as text)."""
    with sqlite3.connect(db_path(settings)) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            table: [tuple(str(v) for v in row) for row in db.execute(f'SELECT * FROM "{table}"')] for table in tables
        }


def found_in(blob: str | bytes, needles: list[str]) -> list[str]:
    haystack = blob.lower() if isinstance(blob, str) else blob.decode("utf-8", "replace").lower()
    return [needle for needle in needles if needle.lower() in haystack]


async def test_no_trace_of_reporters_in_the_database_the_data_folder_or_the_logs(
    emulator: BotAPIEmulator,
    make_settings: Callable[..., Settings],
    caplog: pytest.LogCaptureFixture,
    every_logger_at_debug: io.StringIO,
) -> None:
    zhanna = Citizen(
        emulator,
        emulator.user(
            ZHANNA["id"],
            first_name=ZHANNA["first_name"],
            username=ZHANNA["username"],
            last_name=ZHANNA["last_name"],
            language_code="ru",
        ),
    )
    yerlan = Citizen(
        emulator,
        emulator.user(
            YERLAN["id"],
            first_name=YERLAN["first_name"],
            username=YERLAN["username"],
            last_name=YERLAN["last_name"],
            language_code="kk",
        ),
    )
    async with operators_desk(emulator, make_settings) as desk:
        settings = desk.bot.settings
        await zhanna.say("/start")
        await zhanna.expect("menu-prompt")

        # Zhanna: a photo, a location and a time; a dialogue with the operators; her case stays open.
        await zhanna.choose(await zhanna.start_report(), "other")
        evidence = await zhanna.describe("В канале публикуют призывы вступать в запрещённую организацию, ссылки ниже.")
        await zhanna.add_photo(1, caption="скриншот канала")
        _, actions = await zhanna.time(await zhanna.place(await zhanna.done(evidence), location=True), "вчера вечером")
        zhanna_code = await zhanna.submit(actions)
        card = await desk.card(1)
        await desk.open(desk.operator, card, 1)
        await desk.press(desk.operator, card, "op-button-claim")
        await desk.write(desk.operator, card, 1, "Спасибо. Канал ещё доступен?")
        await zhanna.expect("operator-message-to-citizen", text="Спасибо. Канал ещё доступен?")
        view = await zhanna.status(zhanna_code)
        await zhanna.press(view, "status-reply-button")
        await zhanna.expect("status-write-reply")
        mark = desk.mark()
        await zhanna.say("Да, доступен, там уже несколько тысяч подписчиков.")
        await zhanna.expect("status-reply-sent")
        await desk.message("op-citizen-replied", after=mark, number="HT-00001")
        await desk.write(desk.operator, card, 1, "Source seems reliable.", note=True)
        await desk.open(desk.operator, card, 1)
        await zhanna.say("Какая погода в Таразе завтра?")  # a question the bot cannot answer: a knowledge gap
        await zhanna.expect("unknown-answer")

        # Yerlan: an album and a place; a wrong code; his case is closed; he ends nothing, the route goes with it.
        await yerlan.choose(await yerlan.start_report(), "terror_plot")
        evidence = await yerlan.describe("Көршім үйінде күдікті адамдар жиналып, түнде бірдеңе тасып жүр.")
        await emulator.send_media_group(yerlan.user, [EmuMedia("photo"), EmuMedia("photo")])
        await yerlan.expect("report-evidence-added", count=1)
        answers = {"place": "Ақтөбе, Әбілқайыр хан даңғылы", "who": "Екі ер адам, түнде келеді"}
        _, actions = await yerlan.answer_all(await yerlan.done(evidence), answers)
        yerlan_code = await yerlan.submit(actions)
        await yerlan.say("/status AAAA-BBBB-CCCC-DDDD")  # well formed, and nobody's
        await yerlan.expect("status-not-found")
        card = await desk.card(2)
        await desk.press(desk.operator2, card, "op-button-claim")
        await desk.write(desk.operator2, card, 2, "Рақмет, тексереміз.")
        await yerlan.expect("operator-message-to-citizen", text="Рақмет, тексереміз.")
        await desk.close(desk.operator2, card, 2, "referred")
        view = await yerlan.status(yerlan_code)
        assert view["text"].startswith(status_view("kk", "closed", outcome="referred").split("\n")[0])

        mark = desk.private_mark(desk.admin)
        await desk.command(desk.admin, "/export csv")
        await emulator.wait_for_bot_message(desk.admin.id, lambda m: "document" in m, after=mark)
        await eventually(
            lambda: query_db(settings, "SELECT count(*) FROM knowledge_gaps") == [(1,)], what="the question log flushed"
        )
        pending = "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
        await eventually(lambda: query_db(settings, pending) == [(0,)], what="the outbox delivered")

        # Seen from the operators' chat and the staff's private chats: never who reported.
        staff_chats = {str(OPERATORS_CHAT)} | {str(u.id) for u in (desk.admin, desk.operator, desk.operator2)}
        to_operators = [str(c.params) for c in emulator.calls if str(c.params.get("chat_id")) in staff_chats]
        for person in (ZHANNA, YERLAN):
            assert found_in("\n".join(to_operators), identities(person)) == []

    # The operators' console on the same database: every page, evidence preview and export an admin can open.
    await read_everything_in_the_console(settings, (ZHANNA, YERLAN))
    assert_clean_run(caplog, emulator)

    # The database: every table, every column.
    tables = every_value_in_the_database(settings)
    assert {
        "cases",
        "case_evidence",
        "case_messages",
        "case_notes",
        "reply_routes",
        "outbox",
        "audit_log",
        "conversation_states",
        "user_preferences",
        "user_counters",
        "knowledge_gaps",
    } <= set(tables)
    assert tables["cases"] and tables["case_messages"] and tables["user_counters"] and tables["conversation_states"]
    for person in (ZHANNA, YERLAN):
        leaks = [
            (table, row)
            for table, rows in tables.items()
            for row in rows
            if found_in(" ".join(row), identities(person))
        ]
        assert leaks == [], person["username"]

    # The one way back to a reporter: Zhanna's open case, her chat id sealed (Yerlan's route went when it closed).
    sealed = query_db(settings, "SELECT case_id, sealed_chat FROM reply_routes")
    assert [case_id for case_id, _ in sealed] == [1]
    assert SecretBox(SECRET).decrypt(sealed[0][1]) == str(ZHANNA["id"])

    # Every file in the data folder, as bytes (the database, its journal, anything else written there).
    files = [path for path in Path(settings.data_dir).rglob("*") if path.is_file()]
    assert any(path.name == "hotline.db" for path in files)
    for path in files:
        for person in (ZHANNA, YERLAN):
            assert found_in(path.read_bytes(), identities(person)) == [], path

    # The logs: every record (all loggers at DEBUG) and what the production formatters wrote.
    records = [r for when in ("setup", "call", "teardown") for r in caplog.get_records(when)]
    assert len(records) > 100  # they really were at DEBUG
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in records)
    for person in (ZHANNA, YERLAN):
        assert found_in(logged, identities(person)) == []
        assert found_in(every_logger_at_debug.getvalue(), identities(person)) == []


async def read_everything_in_the_console(settings: Settings, people: tuple[dict, ...]) -> None:
    """Sign in to a running console as the admin and open every page, file and export; none names a reporter (its
    sessions, links and audit rows go into the database and logs the test then searches)."""
    from tests.conftest import free_port
    from tests.console.conftest import csrf_of, running_console, sign_in
    from tests.e2e.flows import ADMIN_ID

    console_settings = settings.model_copy(update={"console_port": free_port(), "console_insecure_cookies": True})
    async with running_console(console_settings) as console:
        client = await sign_in(console, ADMIN_ID)
        bodies: list[bytes] = []
        try:
            paths = ["/queue?status=all", "/queue?status=all&q=канал", "/dashboard", "/admin/audit", "/admin/staff"]
            paths += ["/admin/sessions", "/sessions", "/cases/1", "/cases/2"]
            for path in paths:
                async with client.get(console.url + path) as answer:
                    assert answer.status == 200, path
                    bodies.append(await answer.read())
            evidence = query_db(settings, "SELECT id, case_id FROM case_evidence WHERE file_id IS NOT NULL")
            assert evidence
            for evidence_id, case_id in evidence:
                async with client.get(f"{console.url}/cases/{case_id}/evidence/{evidence_id}") as answer:
                    assert answer.status == 200
                    bodies.append(await answer.read())
            page = bodies[0].decode()
            for fmt in ("csv", "json"):
                form = {"csrf": csrf_of(page), "format": fmt, "notes": "yes", "dialogue": "yes", "assignee": "yes"}
                async with client.post(f"{console.url}/admin/export", data=form) as answer:
                    bodies.append(await answer.read())
        finally:
            await client.close()
    assert sum(b"HT-00001" in body for body in bodies) >= 3  # the pages really were pages about the cases
    for person in people:
        for body in bodies:
            assert found_in(body, identities(person)) == []


@pytest.mark.parametrize("log_format", ["text", "json"])
async def test_production_logs_at_debug_hold_neither_ids_nor_what_people_wrote(
    log_format: str,
    emulator: BotAPIEmulator,
    make_settings: Callable[..., Settings],
    citizen: Callable[..., EmuUser],
) -> None:
    """LOG_LEVEL=DEBUG as ``hotline run`` configures it: "never message text or Telegram ids" (logging_setup)."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    capped = {name: logging.getLogger(name).level for name in ("aiogram.event", "alembic", "aiosqlite", "sqlalchemy")}
    configure_logging(load_settings(log_level="DEBUG", log_format=log_format))
    buffer = io.StringIO()
    for handler in root.handlers:
        assert isinstance(handler, logging.StreamHandler)
        handler.setStream(buffer)
    try:
        hotline = RunningBot(make_settings())
        await hotline.start()
        try:
            me = Citizen(emulator, citizen(language_code="en", first_name="Gulnaraqyz", username="gulnara_witness"))
            description = "Someone hands out leaflets of a banned movement near the Khan Shatyr entrance."
            code = await me.report(description, place="Khan Shatyr, main entrance")
            await me.status(code)
            await asyncio.sleep(0.2)
        finally:
            await hotline.stop()
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
        for name, level in capped.items():
            logging.getLogger(name).setLevel(level)
    output = buffer.getvalue()
    assert "taking updates by long polling" in output  # the bot's own logging did arrive here
    for secret in (str(me.user.id), "Gulnaraqyz", "gulnara_witness", "leaflets of a banned", "Khan Shatyr", code):
        assert secret not in output
