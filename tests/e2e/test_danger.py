"""Danger changes the flow, end to end through the emulator: the 112/102 notice comes first, a report that signals
danger asks "is it happening right now?", and an urgent case reaches the operators ahead of any backlog."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest

from bot.answers.danger import DangerRecogniser
from bot.cases.reports import ReportDraft, submit_report
from bot.core import database
from bot.core.crypto import SecretBox, load_or_create_secret
from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator, EmuUser
from bot.models.cases import Category
from tests.e2e.conftest import SECRET, RunningBot
from tests.e2e.flows import (
    OPERATORS_CHAT,
    Citizen,
    assert_clean_run,
    buttons,
    number,
    operators_desk,
    query_db,
    staff,
    text,
)

DANGER_QUESTIONS = [
    ("kk", "базарда бир жигит мылтыкпен журип жур, адамдар кашып жатыр"),  # Kazakh without Kazakh letters
    ("ru", "В ТРЦ мужик с пистолетом ходит, люди разбегаются, что делать?"),
    ("en", "there is a bag with wires left at the bus station, nobody around it"),
]


@pytest.fixture(autouse=True)
def clean_run(caplog: pytest.LogCaptureFixture, emulator: BotAPIEmulator) -> Any:
    yield
    assert_clean_run(caplog, emulator)


@pytest.mark.parametrize(("lang", "question"), DANGER_QUESTIONS, ids=[lang for lang, _ in DANGER_QUESTIONS])
async def test_a_danger_question_gets_the_emergency_notice_before_anything_else(
    lang: str, question: str, hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    user = citizen(language_code="ru" if lang != "ru" else "en")  # the notice follows the message's language
    await emulator.send_message(user, question)
    first = await emulator.wait_for_bot_message(user.id)
    assert first["text"] == text(lang, "danger-notice")
    assert "112" in first["text"] and "102" in first["text"]
    await emulator.wait_for_bot_message(user.id)  # then the answer (or "I don't know") follows


async def test_a_danger_question_asked_again_gets_the_emergency_notice_again(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    """The decision is kept for a repeated text: a repeat, by the same citizen or another, is still noticed."""
    lang, question = DANGER_QUESTIONS[1]
    first_asker, second_asker = citizen(language_code="ru"), citizen(language_code="kk")
    for user in (first_asker, first_asker, second_asker):
        await emulator.send_message(user, question)
        assert (await emulator.wait_for_bot_message(user.id))["text"] == text(lang, "danger-notice")
        answer = await emulator.wait_for_bot_message(user.id)
        assert answer["text"] != text(lang, "danger-notice")
    calm = "Сколько терактов предотвратили в 2019 году?"  # and a harmless question after it is not
    await emulator.send_message(second_asker, calm)
    assert "2019" in (await emulator.wait_for_bot_message(second_asker.id))["text"]


async def test_a_question_with_danger_words_but_no_danger_gets_no_notice(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    user = citizen(language_code="ru")
    await emulator.send_message(user, "Сколько терактов предотвратили в 2019 году?")
    answer = await emulator.wait_for_bot_message(user.id)
    assert "2019" in answer["text"]
    notices = {text(lang, "danger-notice") for lang in ("kk", "ru", "en")}
    assert not [m for m in emulator.bot_messages(user.id) if m.get("text") in notices]


async def test_a_danger_report_asks_happening_now_and_shows_the_numbers_before_any_further_step(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    me = Citizen(emulator, citizen(language_code="ru"))
    await me.choose(await me.start_report(), "other")
    await me.say("На остановке стоит сумка без хозяина, из неё торчат провода, люди ходят рядом")
    question = await me.expect("danger-happening-now")
    assert buttons(question) == [me.t("danger-now-yes-button"), me.t("danger-now-no-button")]
    await me.say("да")  # typing instead of pressing: the question again, with its buttons
    question = await me.expect("danger-happening-now")
    await me.press(question, "danger-now-yes-button")
    call = await me.expect("danger-call-now")
    assert "112" in call["text"] and "102" in call["text"]
    evidence = await me.expect("report-evidence")  # only then the next step: the report can still be sent
    when = await me.place(await me.done(evidence))
    _, actions = await me.time(when)
    await me.submit(actions)
    await me.expect("emergency-notice")
    assert query_db(hotline.settings, "SELECT urgent FROM cases") == [(1,)]


async def test_a_danger_report_not_happening_now_goes_on_and_is_still_urgent(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    me = Citizen(emulator, citizen(language_code="kk"))
    await me.choose(await me.start_report(), "other")
    evidence = await me.describe(
        "Көршім ертең мектепті жарып жіберемін деп айтты, үйінде сымдар мен түтіктер бар", happening_now=False
    )
    when = await me.place(await me.done(evidence))
    _, actions = await me.time(when)
    await me.submit(actions)
    assert not [m for m in emulator.bot_messages(me.user.id) if m.get("text") == me.t("danger-call-now")]
    assert query_db(hotline.settings, "SELECT urgent FROM cases") == [(1,)]


async def test_the_operators_card_says_whether_it_is_happening_now(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    """Right under the case number, in the card and in the urgent alert: the reporter's own "yes" or "no"."""
    async with operators_desk(emulator, make_settings) as desk:
        for case_id, (lang, description, now) in enumerate(
            [
                ("ru", "На рынке мужик с ножом кидается на людей, один уже лежит", True),
                ("kk", "Көршім ертең мектепті жарып жіберемін деп айтты, үйінде сымдар мен түтіктер бар", False),
            ],
            1,
        ):
            me = Citizen(emulator, citizen(language_code=lang))
            await me.report(description, happening_now=now)
            card = await desk.card(case_id)
            said = staff("op-card-happening-now", now="yes" if now else "no")
            assert card["text"].split("\n")[1] == said, card["text"]
            alert = staff("op-urgent-alert", number=number(case_id)) + "\n" + said
            await emulator.wait_for_bot_message(OPERATORS_CHAT, lambda m, alert=alert: m.get("text") == alert)
            # Whoever opens the case later reads it too, under the case number: the answer is kept on the case.
            heading = f"📂 Case {number(case_id)} — "
            shown = await desk.requested(
                desk.operator, f"/case {number(case_id)}", lambda m, h=heading: m.get("text", "").startswith(h)
            )
            assert shown["text"].split("\n")[1] == said, shown["text"]
        # /queue marks the case happening now, and only that one.
        queue = await desk.command(desk.operator, "/queue")
        lines = {line.split(" ")[1]: line for line in queue["text"].split("\n")[1:]}
        mark = staff("op-queue-line", urgent="yes", number="", category="", status="", time="", now="yes")
        happening = mark[mark.rindex(" · ") :]
        assert lines[number(1)].endswith(happening) and not lines[number(2)].endswith(happening), queue["text"]
    assert "YES" in staff("op-card-happening-now", now="yes")  # what an operator scanning the chat must not miss


# ------------------------------------------------------------------------------------------------ urgent first

BACKLOG = 40
CASE_NUMBER = re.compile(r"HT-\d{5}")


async def _seed_backlog(settings: Settings, count: int) -> None:
    """Ordinary reports committed before the bot starts: their cards wait in the outbox (a flood of junk)."""
    await database.upgrade_async(settings.database)
    engine = database.create_engine(settings.database)
    sessions = database.session_factory(engine)
    secrets = SecretBox(load_or_create_secret(SECRET, settings.data_dir))
    danger = DangerRecogniser.load(settings.knowledge_dir)
    try:
        for n in range(count):
            draft = ReportDraft(Category.other, f"Мой сосед громко слушает музыку по ночам, жалоба номер {n}.", "ru")
            receipt = await submit_report(
                sessions, secrets, danger, draft=draft, submission_key=f"junk-{n}", reply_chat_id=None
            )
            assert not receipt.urgent
    finally:
        await engine.dispose()


def _operator_messages(emulator: BotAPIEmulator) -> list[tuple[str, str]]:
    """(case number, "card" | "alert") of the bot's messages in the operators' chat, in order."""
    alerts = staff("op-urgent-alert", number="§").split("§")[0]
    found = []
    for message in emulator.bot_messages(OPERATORS_CHAT):
        body = message.get("text", "")
        case = CASE_NUMBER.search(body.split("\n")[0])
        if case:
            found.append((case.group(0), "alert" if body.startswith(alerts) else "card"))
    return found


async def test_an_urgent_case_reaches_the_operators_ahead_of_a_backlog_of_ordinary_ones(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    await _seed_backlog(make_settings(), BACKLOG)
    # The operators' group paced at 2 messages a second (123 a minute, less a burst of 3): the backlog takes seconds
    # to drain, as a flood of junk would.
    async with operators_desk(emulator, make_settings, telegram_group_rate=123.0):
        me = Citizen(emulator, citizen(language_code="en"))
        await me.choose(await me.start_report(), "other")
        evidence = await me.describe("SOMEONE IS SHOOTING AT THE MARKET, people are lying on the ground", True)
        _, actions = await me.time(await me.place(await me.done(evidence)))
        await me.submit(actions)
        before = len(_operator_messages(emulator))  # what the operators had when the case was committed
        urgent = number(BACKLOG + 1)
        started = time.monotonic()
        await emulator.wait_until(
            lambda: (urgent, "alert") in _operator_messages(emulator), timeout=10, what="the urgent alert"
        )
        waited = time.monotonic() - started
        delivered = _operator_messages(emulator)
    ordinary_first = [m for m in delivered[before:] if m[0] != urgent]
    # Not first-in-first-out: at most the card already being sent goes before the urgent case's card and alert,
    # while most of the backlog is still waiting.
    assert delivered[before + len(ordinary_first) :][:2] == [(urgent, "card"), (urgent, "alert")], delivered
    assert len(ordinary_first) <= 1, delivered
    assert before + len(ordinary_first) < BACKLOG // 2, delivered
    assert waited < 3, waited
