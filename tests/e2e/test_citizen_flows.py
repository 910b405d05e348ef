"""What citizens notice, end to end: the real bot (``hotline run``'s code path) against the Bot API emulator.

Every test uses fresh users; texts are compared with the Fluent catalogs and the knowledge base, so a reworded
catalog does not break the tests but a wrong language, a wrong answer or a missing reply does.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sqlite3
import sys
import time
from asyncio.subprocess import PIPE
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from bot.answers.text_folding import clean
from bot.cli import load_engine
from bot.core.i18n import Translator
from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator, EmuUser, RateLimits
from tests.e2e.conftest import SECRET
from tests.e2e.flows import LANGS, assert_clean_run, buttons, db_path, eventually, query_db, sends_to, text
from tests.support.running_bot import RunningBot

COMMANDS = ("start", "help", "report", "status", "person", "language", "privacy", "about", "cancel")
MENU = ("ask", "report", "status", "language", "about")


def every_language(key: str, **args: Any) -> set[str]:
    return {text(lang, key, **args) for lang in LANGS}


def button_data(message: dict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row]


def db_values_containing(settings: Settings, needle: int) -> list[tuple[str, str, Any]]:
    """Every (table, column, value) anywhere in the database that holds ``needle`` (as a number or in text)."""
    found = []
    with sqlite3.connect(db_path(settings)) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            cursor = db.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if value == needle or str(needle) in str(value):
                        found.append((table, column, value))
    return found


class CleanRun:
    """Whether a test may leave handler errors in the log (a user who blocked the bot, say)."""

    allow_errors = False


@pytest.fixture(autouse=True)
def clean_run(caplog: pytest.LogCaptureFixture, emulator: BotAPIEmulator) -> Any:
    """After every test: no handler error in the bot's log, and no "something went wrong" sent to anyone."""
    run = CleanRun()
    caplog.set_level(logging.WARNING)
    yield run
    if not run.allow_errors:
        assert_clean_run(caplog, emulator)


@pytest.fixture
async def start_bot(make_settings: Callable[..., Settings]) -> AsyncIterator[Callable[..., Awaitable[RunningBot]]]:
    """A bot with its own settings (instead of ``hotline``; one bot per token may poll)."""
    running: list[RunningBot] = []

    async def start(**overrides: Any) -> RunningBot:
        bot = RunningBot(make_settings(**overrides))
        await bot.start()
        running.append(bot)
        return bot

    yield start
    for bot in running:
        await bot.stop()


# ------------------------------------------------------------------------------------------------ /start


async def test_start_welcomes_in_the_users_language_and_commands_are_registered_in_every_language(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    assert hotline.settings.default_language == "ru"
    languages = {"kk": "kk", "ru": "ru", "en": "en", "de": "ru"}  # Telegram's language → the bot's
    users = {code: citizen(language_code=code) for code in languages}
    for user in users.values():
        await emulator.send_message(user, "/start")
    for code, lang in languages.items():
        user = users[code]
        welcome = await emulator.wait_for_bot_message(user.id)
        emergency = await emulator.wait_for_bot_message(user.id)
        menu = await emulator.wait_for_bot_message(user.id)
        assert welcome["text"] == Translator().text(lang, "welcome"), code
        assert emergency["text"] == text(lang, "emergency-notice"), code
        assert "112" in emergency["text"]
        assert menu["text"] == text(lang, "menu-prompt"), code
        assert buttons(menu) == [text(lang, f"menu-{action}") for action in MENU], code
        assert len(emulator.bot_messages(user.id)) == 3, code

    private = {"type": "all_private_chats"}

    def expected(lang: str) -> list[dict[str, str]]:
        return [{"command": name, "description": text(lang, f"command-{name}")} for name in COMMANDS]

    for lang in LANGS:
        assert emulator.commands(private, language_code=lang) == expected(lang), lang
    assert emulator.commands(private) == expected("ru")  # everyone else: the default language
    assert len({text(lang, "command-start") for lang in LANGS}) == 3
    for code, lang in languages.items():
        assert emulator.visible_commands(users[code]) == expected(lang), code


# ------------------------------------------------------------------------------------------------ language


async def test_language_choice_is_remembered_across_a_restart_under_a_keyed_hash(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    user = citizen(language_code="ru")
    await emulator.send_message(user, "/language")
    choose = await emulator.wait_for_bot_message(user.id)
    assert choose["text"] == text("ru", "language-choose")
    assert buttons(choose) == ["🇰🇿 Қазақша", "🇷🇺 Русский", "🇬🇧 English"]
    query = await emulator.press_button(user, choose, text="🇬🇧 English")
    await emulator.wait_for_callback_answer(query)
    done = await emulator.wait_for_bot_message(user.id)
    menu = await emulator.wait_for_bot_message(user.id)
    assert done["text"] == text("en", "language-set")
    assert menu["text"] == text("en", "menu-prompt")
    assert buttons(menu) == [text("en", f"menu-{action}") for action in MENU]

    await hotline.restart()
    await emulator.send_message(user, "/help")
    help_ = await emulator.wait_for_bot_message(user.id)
    assert help_["text"] == text("en", "help")

    rows = query_db(hotline.settings, "SELECT user_key, language FROM user_preferences")
    assert len(rows) == 1
    key, language = rows[0]
    assert language == "en"
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert db_values_containing(hotline.settings, user.id) == []


# ------------------------------------------------------------------------------------------------ questions


async def test_answer_in_the_questions_language_and_one_vote_per_answer(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    kb = hotline.services.kb
    user = citizen(language_code="kk")
    await emulator.send_message(user, "Сколько человек осуждено за терроризм в 2019 году?")
    answer = await emulator.wait_for_bot_message(user.id)
    assert answer["text"] == kb.answer("terrorism-convictions", "ru", hotline.settings.placeholder_values())
    assert buttons(answer) == [text("ru", "feedback-yes"), text("ru", "feedback-no")]

    query = await emulator.press_button(user, answer, text=text("ru", "feedback-no"))
    thanks = await emulator.wait_for_callback_answer(query)
    assert thanks["text"] == text("ru", "feedback-thanks")

    def answer_buttons_gone() -> bool:
        return buttons(next(m for m in emulator.bot_messages(user.id) if m["message_id"] == answer["message_id"])) == []

    await emulator.wait_until(answer_buttons_gone, what="buttons removed")
    # Not helped: a person or a report are offered, in the answer's language.
    offer = await emulator.wait_for_bot_message(
        user.id, lambda m: m["text"] == text("ru", "citizen-feedback-not-helped")
    )
    assert buttons(offer) == [text("ru", "citizen-ask-person-button"), text("ru", "unknown-report-button")]
    votes = "SELECT helpful, not_helpful FROM answer_feedback WHERE entry_id = ? AND lang = ?"
    assert query_db(hotline.settings, votes, "terrorism-convictions", "ru") == [(0, 1)]

    # The old button pressed again (a double tap, or a forged query): an answer, no error, no second vote.
    no_data = next(data for data in button_data(answer) if data.endswith(":0"))
    again = await emulator.press_raw(user, answer["message_id"], no_data)
    reply = await emulator.wait_for_callback_answer(again)
    assert reply["text"]
    assert query_db(hotline.settings, votes, "terrorism-convictions", "ru") == [(0, 1)]
    assert len(emulator.bot_messages(user.id)) == 2  # the answer and the one offer, nothing more


async def test_a_long_polite_question_is_answered_not_refused_for_its_length(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    user = citizen(language_code="ru")
    politeness = (
        "Здравствуйте! Извините, что пишу так длинно: я пенсионерка, внук только недавно поставил мне Телеграм, "
        "и я ещё плохо понимаю, как здесь всё устроено. Мы с соседками часто обсуждаем новости по вечерам и спорим, "
        "кому верить, поэтому я решила спросить у вас напрямую, чтобы не повторять слухи. "
    )
    question = politeness * 5 + "Скажите, пожалуйста, сколько человек осуждено за терроризм в 2019 году? Спасибо!"
    assert 1_000 < len(question) <= 4_096
    await emulator.send_message(user, question)
    answer = await emulator.wait_for_bot_message(user.id)
    assert answer["text"] == hotline.services.kb.answer(
        "terrorism-convictions", "ru", hotline.settings.placeholder_values()
    )


async def test_did_you_mean_offers_phrasings_and_shows_the_chosen_answer(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    kb, engine = load_engine(hotline.settings)
    candidates = ["террор", "terrorism", "теракт", "экстремизм", "extremism", "how to report"]
    results = [engine.ask(question, lang_hint="ru") for question in candidates]
    result = next((r for r in results if r.decision == "suggest" and len(r.suggestions) >= 2), None)
    assert result is not None, [(r.question, r.decision) for r in results]
    assert result.decision == "suggest"

    user = citizen(language_code="ru")
    await emulator.send_message(user, result.question)
    offer = await emulator.wait_for_bot_message(user.id)
    assert offer["text"] == text(result.lang, "suggest-intro")
    labels = [kb.by_id[entry].questions[result.lang][0] for entry in result.suggestions]
    assert buttons(offer) == [label if len(label) <= 60 else label[:59] + "…" for label in labels]

    chosen = result.suggestions[1]
    query = await emulator.press_button(user, offer, text=buttons(offer)[1])
    await emulator.wait_for_callback_answer(query)
    answer = await emulator.wait_for_bot_message(user.id)
    assert answer["text"] == kb.answer(chosen, result.lang, hotline.settings.placeholder_values())
    assert buttons(answer) == [text(result.lang, "feedback-yes"), text(result.lang, "feedback-no")]


async def test_an_answer_won_by_a_narrow_lead_also_offers_the_runner_up(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    kb, engine = load_engine(hotline.settings)
    candidates = [
        "i want operator not robot pls",
        "receipt code?",
        "will he go to jail?",
        "deradicalisation in prisons numbers",
    ]
    results = [engine.ask(question, lang_hint="en") for question in candidates]
    result = next((r for r in results if r.decision == "answer" and r.suggestions), None)
    assert result is not None, [(r.question, r.decision, r.suggestions) for r in results]

    user = citizen(language_code="en")
    await emulator.send_message(user, result.question)
    answer = await emulator.wait_for_bot_message(user.id)
    assert answer["text"] == kb.answer(result.entry_id, "en", hotline.settings.placeholder_values())
    see_also = await emulator.wait_for_bot_message(user.id)
    assert see_also["text"] == text("en", "see-also-intro")
    assert see_also["reply_to_message"]["message_id"] == answer["reply_to_message"]["message_id"]
    runner_up = result.suggestions[0]
    query = await emulator.press_button(user, see_also, text=buttons(see_also)[0])
    await emulator.wait_for_callback_answer(query)
    shown = await emulator.wait_for_bot_message(user.id)
    assert shown["text"] == kb.answer(runner_up, "en", hotline.settings.placeholder_values())


async def test_unknown_question_offers_a_report_and_shows_up_in_kb_gaps_without_identity(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    question = "Какая погода в Таразе завтра?"
    user = citizen(language_code="ru")
    await emulator.send_message(user, question)
    reply = await emulator.wait_for_bot_message(user.id)
    assert reply["text"] == text("ru", "unknown-answer")
    assert buttons(reply) == [text("ru", "citizen-ask-person-button"), text("ru", "unknown-report-button")]

    settings = hotline.settings
    gaps_sql = "SELECT * FROM knowledge_gaps WHERE example = ?"
    rows = await eventually(lambda: query_db(settings, gaps_sql, clean(question)), what="the question log flushed")
    assert len(rows) == 1

    env = {
        **os.environ,
        "DATA_DIR": str(settings.data_dir),
        "DATABASE_URL": settings.database,
        "SECRET_KEY": SECRET,
        "LOG_LEVEL": "WARNING",
    }
    env.pop("BOT_TOKEN", None)
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "kb", "gaps"), cwd=settings.data_dir, env=env, stdout=PIPE, stderr=PIPE
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()
    assert clean(question) in stdout.decode()

    columns = [row[1] for row in query_db(settings, "PRAGMA table_info(knowledge_gaps)")]
    assert not [name for name in columns if "user" in name or "chat" in name], columns
    assert db_values_containing(settings, user.id) == []  # not in knowledge_gaps, nor anywhere else


async def test_emergency_words_get_the_emergency_notice_before_anything_else(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    messages = {"ru": "у соседа в подъезде бомба", "en": "someone has a gun", "kk": "жарылыс болды"}
    users = {lang: citizen(language_code=lang) for lang in messages}
    for lang, message in messages.items():
        await emulator.send_message(users[lang], message)
    for lang, message in messages.items():
        user = users[lang]
        first = await emulator.wait_for_bot_message(user.id)
        second = await emulator.wait_for_bot_message(user.id)
        assert "112" in first["text"], message
        assert first["text"] == text(lang, "danger-notice"), message
        assert second["text"] and second["text"] not in every_language("danger-notice"), message


async def test_help_privacy_and_about(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    user = citizen(language_code="en")
    await emulator.send_message(user, "/help")
    assert (await emulator.wait_for_bot_message(user.id))["text"] == text("en", "help")

    await emulator.send_message(user, "/privacy")
    privacy = await emulator.wait_for_bot_message(user.id)
    assert privacy["text"] == text("en", "privacy")
    assert "Telegram itself knows who writes" in privacy["text"]
    assert "90 days" in privacy["text"]

    await emulator.send_message(user, "/about")
    about = await emulator.wait_for_bot_message(user.id)
    assert about["text"] == text("en", "about")
    assert "112" in (await emulator.wait_for_bot_message(user.id))["text"]

    kazakh = citizen(language_code="kk")
    await emulator.send_message(kazakh, "/privacy")
    assert (await emulator.wait_for_bot_message(kazakh.id))["text"] == text("kk", "privacy")
    assert "Telegram" in text("kk", "privacy")


# ------------------------------------------------------------------------------------------------ bad input


async def test_media_long_empty_edited_text_and_unknown_commands_get_a_clear_reply(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    media = citizen(language_code="en")
    actions = {
        "sticker": lambda: emulator.send_sticker(media),
        "voice": lambda: emulator.send_voice(media),
        "photo": lambda: emulator.send_photo(media),
        "location": lambda: emulator.send_location(media),
        "contact": lambda: emulator.send_contact(media, "+77001234567"),
        "poll": lambda: emulator.send_poll(media, "Which?", ["a", "b"]),
    }
    for kind, action in actions.items():
        await action()
        assert (await emulator.wait_for_bot_message(media.id))["text"] == text("en", "not-text"), kind
    assert len(emulator.bot_messages(media.id)) == len(actions)

    writer = citizen(language_code="kk")
    await emulator.send_message(writer, "Террор туралы " * 358)  # 5,012 characters
    assert (await emulator.wait_for_bot_message(writer.id))["text"] == text("kk", "too-long", limit=4096)
    await emulator.send_message(writer, "  \n\t  ")
    assert (await emulator.wait_for_bot_message(writer.id))["text"] == text("kk", "empty-text")
    await emulator.send_message(writer, "/nonsense")
    assert (await emulator.wait_for_bot_message(writer.id))["text"] == text("kk", "unknown-command")

    editor = citizen(language_code="ru")
    sent = await emulator.send_message(editor, "Сколько человек осуждено за терроризм в 2019 году?")
    await emulator.wait_for_bot_message(editor.id)
    await emulator.edit_message(editor, sent["message_id"], "Сколько терактов предотвращено в 2019 году?")
    assert (await emulator.wait_for_bot_message(editor.id))["text"] == text("ru", "edited-message")
    assert len(emulator.bot_messages(editor.id)) == 2


async def test_forged_buttons_get_the_stale_button_alert(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    user = citizen(language_code="ru")
    await emulator.send_message(user, "/start")
    for _ in range(3):
        menu = await emulator.wait_for_bot_message(user.id)
    junk = "".join(chr(33 + (n * 37) % 94) for n in range(64))  # 64 bytes, Telegram's limit for callback data
    for data in ("f:no-such-entry:en:1", "m:evil", "garbage", "l:de", "a:no-such-entry:ru", junk):
        query = await emulator.press_raw(user, menu["message_id"], data)
        answer = await emulator.wait_for_callback_answer(query)
        assert (answer["text"], answer["show_alert"]) == (text("ru", "stale-button"), True), data
    assert len(emulator.bot_messages(user.id)) == 3


async def test_in_a_group_the_bot_ignores_chatter_and_points_to_a_private_chat(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    group = emulator.group(-100123)
    user = citizen(language_code="ru")
    await emulator.send_message(user, "Сколько человек осуждено за терроризм в 2019 году?", chat=group)
    await emulator.send_message(user, "@hotline_test_bot сколько осуждено за терроризм?", chat=group)
    emulator.privacy_mode = False  # a bot made admin sees everything: still no reply to chatter
    await emulator.send_message(user, "Сколько человек осуждено за терроризм в 2019 году?", chat=group)
    emulator.privacy_mode = True
    for command in ("/start@hotline_test_bot", "/help"):
        sent = await emulator.send_message(user, command, chat=group)
        reply = await emulator.wait_for_bot_message(group.id)
        assert reply["text"] == text("ru", "private-only")
        assert reply["reply_to_message"]["message_id"] == sent["message_id"]
    assert len(emulator.bot_messages(group.id)) == 2
    assert emulator.bot_messages(user.id) == []


# ------------------------------------------------------------------------------------------------ flood


async def test_a_flooding_user_is_told_once_to_slow_down_and_others_are_unaffected(
    start_bot: Callable[..., Awaitable[RunningBot]], emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    bot = await start_bot(flood_rate=1, flood_burst=5)
    answer_text = bot.services.kb.answer("terrorism-convictions", "en", bot.settings.placeholder_values())
    flooder, neighbour = citizen(language_code="en"), citizen(language_code="en")
    question = "How many people were convicted of terrorism in 2019?"
    for n in range(25):
        await emulator.send_message(flooder, question)
        if n % 10 == 0:
            await emulator.send_message(neighbour, question)
    await emulator.wait_until(lambda: len(emulator.bot_messages(neighbour.id)) == 3, what="the neighbour's answers")
    assert [m["text"] for m in emulator.bot_messages(neighbour.id)] == [answer_text] * 3

    await asyncio.sleep(1.1)  # a token back in the bucket: the user is heard again…
    await emulator.send_message(flooder, "/help")
    await emulator.wait_for_bot_message(flooder.id, lambda m: m["text"] == text("en", "help"))
    texts = [m["text"] for m in emulator.bot_messages(flooder.id)]
    assert texts.count(text("en", "slow-down")) == 1  # …and was told to slow down exactly once
    assert 5 <= texts.count(answer_text) <= 7
    assert len(texts) == texts.count(answer_text) + 2


# ------------------------------------------------------------------------------------------------ outgoing calls


async def test_answer_arrives_after_telegram_says_retry_after(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    user = citizen(language_code="en")
    emulator.fail_next("sendMessage", 1, 429, retry_after=1)
    started = time.monotonic()
    await emulator.send_message(user, "/help")
    reply = await emulator.wait_for_bot_message(user.id)
    assert reply["text"] == text("en", "help")
    assert time.monotonic() - started >= 1.0
    calls = sends_to(emulator, user.id)
    assert len(calls) == 2 and calls[1].time - calls[0].time >= 1.0


async def test_answer_arrives_after_two_server_errors(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    user = citizen(language_code="en")
    emulator.fail_next("sendMessage", 2, 500)
    await emulator.send_message(user, "/help")
    reply = await emulator.wait_for_bot_message(user.id)
    assert reply["text"] == text("en", "help")
    assert len(sends_to(emulator, user.id)) == 3
    assert len(emulator.bot_messages(user.id)) == 1


async def test_a_failed_callback_answer_is_not_retried_and_the_button_still_works(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    user = citizen(language_code="en")
    await emulator.send_message(user, "/start")
    for _ in range(3):
        menu = await emulator.wait_for_bot_message(user.id)
    emulator.fail_next("answerCallbackQuery", 1, 500)
    before = len(emulator.calls_of("answerCallbackQuery"))
    await emulator.press_button(user, menu, text=text("en", "menu-ask"))
    prompt = await emulator.wait_for_bot_message(user.id)
    assert prompt["text"] == text("en", "ask-prompt")
    await asyncio.sleep(0.7)  # a retry would come after 0.5 s of backoff
    assert len(emulator.calls_of("answerCallbackQuery")) - before == 1


async def test_a_user_who_blocked_the_bot_is_not_retried_forever(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser], clean_run: CleanRun
) -> None:
    clean_run.allow_errors = True  # the handler's send fails with 403: that may be logged
    user = citizen(language_code="en")
    await emulator.send_message(user, "/help")
    await emulator.user_blocks_bot(user.id)
    await emulator.wait_until(lambda: sends_to(emulator, user.id), what="the bot tried to answer")
    await asyncio.sleep(2.0)  # retries with backoff would come 0.5 s, 1.5 s… after the first attempt
    assert 1 <= len(sends_to(emulator, user.id)) <= 2
    assert emulator.bot_messages(user.id) == []
    other = citizen(language_code="en")  # and the bot goes on serving everyone else
    await emulator.send_message(other, "/help")
    assert (await emulator.wait_for_bot_message(other.id))["text"] == text("en", "help")


async def test_real_telegram_pacing_six_answers_without_a_single_429(
    start_bot: Callable[..., Awaitable[RunningBot]], emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    bot = await start_bot(telegram_chat_rate=1.0, telegram_chat_burst=3)
    emulator.limiter.limits = RateLimits()  # Telegram's own figures, not the suite's scaled ones: 1/s, bursts of 3
    answer_text = bot.services.kb.answer("terrorism-convictions", "en", bot.settings.placeholder_values())
    user = citizen(language_code="en")
    for _ in range(6):
        await emulator.send_message(user, "How many people were convicted of terrorism in 2019?")
    await emulator.wait_until(lambda: len(emulator.bot_messages(user.id)) == 6, timeout=10, what="six answers")
    assert [m["text"] for m in emulator.bot_messages(user.id)] == [answer_text] * 6
    calls = sends_to(emulator, user.id)
    assert len(calls) == 6  # every send went through the first time: the emulator never said 429
    assert calls[3].time - calls[0].time >= 0.9  # the fourth waited for the bucket
    assert calls[5].time - calls[0].time >= 2.9
