"""Reports end to end, as the citizen and the operators notice them: the real bot against the Bot API emulator.

Each test starts its own bot with an operators' group (OPERATOR_CHAT_ID, operators' language English) on a fresh
database, so the first case is HT-00001.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

import pytest

from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator, EmuMedia, EmuUser
from tests.e2e.flows import (
    CODE_ALPHABET,
    DESCRIPTION,
    LANGS,
    OPERATORS_CHAT,
    QUESTIONNAIRES,
    Citizen,
    assert_clean_run,
    attachments_line,
    buttons,
    cases,
    language_name,
    like,
    marked,
    message_dates,
    operators_desk,
    query_db,
    question_text,
    review_text,
    sends_to,
    staff,
    status_view,
    text,
)
from tests.support.running_bot import RunningBot

DESCRIPTIONS = {
    "en": DESCRIPTION,
    "ru": "Мужчина в нашем районе вербует подростков в экстремистскую группу через онлайн-чат.",
    "kk": "Біздің ауданда бір адам жасөспірімдерді онлайн-чат арқылы экстремистік топқа тартып жүр.",
}
PLACES = {"en": "Near the central market", "ru": "Возле центрального рынка", "kk": "Орталық базардың жанында"}


@pytest.fixture(autouse=True)
def clean_run(caplog: pytest.LogCaptureFixture, emulator: BotAPIEmulator) -> Any:
    yield
    assert_clean_run(caplog, emulator)


# ------------------------------------------------------------------------------------------------ the whole flow


@pytest.mark.parametrize("lang", LANGS)
async def test_report_dialogue_and_closing_in_each_language(
    lang: str, emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        me = Citizen(emulator, citizen(language_code=lang))
        describe = await me.choose(await me.start_report(), "weapons")
        assert describe["text"] == text(lang, "report-describe", min=20)
        evidence = await me.describe(DESCRIPTIONS[lang])
        photo = await emulator.send_photo(me.user, caption="screenshot of the chat")
        await me.expect("report-evidence-added", count=1)
        # A suspicious object: where exactly, is it there now (a choice).
        where = await me.done(evidence)
        assert where["text"] == question_text(lang, "weapons", "place")
        still_there = await me.next_question(where, PLACES[lang])
        assert still_there is not None
        await me.pick(still_there, "yes")
        review, actions = await me.review()
        there_now = QUESTIONNAIRES.question("weapons", "still_there").choice("yes").text[lang]  # type: ignore[union-attr]
        assert review["text"] == review_text(
            lang,
            category="weapons",
            description=DESCRIPTIONS[lang],
            evidence=1,
            answers={"place": PLACES[lang], "still_there": there_now},
        )
        code = await me.submit(actions)
        assert re.fullmatch(rf"[{CODE_ALPHABET}]{{4}}(-[{CODE_ALPHABET}]{{4}}){{3}}", code)

        def review_buttons_gone() -> bool:
            (shown,) = [m for m in emulator.bot_messages(me.user.id) if m["message_id"] == actions["message_id"]]
            return "reply_markup" not in shown

        await emulator.wait_until(review_buttons_gone, what="Submit is gone from the review")

        # The operators' card: no content, no identity; the details only on Open.
        card = await desk.card(1)
        template = staff(
            "op-card",
            urgent="no",
            number="HT-00001",
            category=staff("category-weapons"),
            language=language_name(lang),
            time="§",
            evidence=1,
            similar="",
        )
        assert like(template, card["text"]), card["text"]
        assert buttons(card) == [
            staff(f"op-button-{a}") for a in ("open", "claim", "status", "reply", "note", "release")
        ]
        assert DESCRIPTIONS[lang] not in card["text"] and me.user.first_name not in card["text"]

        details = await desk.open(desk.operator, card, 1)
        assert like(
            staff(
                "op-case-details",
                number="HT-00001",
                status=staff("status-new"),
                outcome="",
                category=staff("category-weapons"),
                language=language_name(lang),
                urgent="no",
                time="§",
                claimed=staff("op-nobody"),
                place=PLACES[lang],
                incident="–",
                route=staff("op-yes"),
                description=marked(DESCRIPTIONS[lang]),
            )
            + "\n"
            + staff("citizen-op-answers")
            + "\n"
            + staff("citizen-op-answer", label="Is it there now", answer="Yes, it is there"),
            details["text"],
        ), details["text"]
        resent = sends_to(emulator, desk.operator.id, "sendPhoto")
        assert [(c.params["photo"], c.params.get("caption")) for c in resent] == [
            (photo["photo"][-1]["file_id"], "screenshot of the chat")
        ]

        # Before anyone claims it, the reporter sees "received".
        view = await me.status(code)
        assert view["text"] == status_view(lang, "new")

        answer = await desk.press(desk.operator, card, "op-button-claim")
        assert answer["text"] == staff("op-claimed", number="HT-00001", hours=4)
        question = "Thank you. Which website was it?"
        await desk.write(desk.operator, card, 1, question)
        delivered = await me.expect("operator-message-to-citizen", text=question)
        assert "Olzhas" not in delivered["text"] and "olzhas_op" not in delivered["text"]

        # The reporter answers from /status; the operators are told.
        view = await me.status(code)
        (sent_at,) = message_dates(desk.bot.settings, "to_citizen")
        assert view["text"] == status_view(lang, "in_review", (sent_at, question))
        assert buttons(view) == [text(lang, "status-reply-button"), text(lang, "status-end-button")]
        await me.press(view, "status-reply-button")
        await me.expect("status-write-reply")
        mark = desk.mark()
        await me.say("It was a Telegram channel, I can send the link.")
        await me.expect("status-reply-sent")
        await desk.message("op-citizen-replied", after=mark, number="HT-00001")

        # A note stays inside the hotline.
        note = "Check the channel admin first."
        await desk.write(desk.operator, card, 1, note, note=True)
        details = await desk.open(desk.operator, card, 1)
        assert "← reporter" in details["text"] and "It was a Telegram channel" in details["text"]
        assert note in details["text"]

        answer = await desk.close(desk.operator, card, 1, "actioned")
        assert answer["text"] == staff("op-status-set", number="HT-00001", status=staff("op-outcome-actioned"))
        view = await me.status(code)
        (answered_at,) = message_dates(desk.bot.settings, "from_citizen")
        reply = "It was a Telegram channel, I can send the link."
        assert view["text"] == status_view(
            lang, "closed", (sent_at, question), (answered_at, reply, "you"), outcome="actioned"
        )
        assert buttons(view) == []  # closed: no more answers, and the way back to the chat is deleted
        assert query_db(desk.bot.settings, "SELECT count(*) FROM reply_routes") == [(0,)]
        assert all(note not in (m.get("text") or "") for m in emulator.chat_history(me.user.id))
        assert all(note not in str(c.params) for c in sends_to(emulator, me.user.id))


# ------------------------------------------------------------------------------------------------ evidence


async def test_an_album_is_one_item_for_operators_but_open_resends_every_photo(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        me = Citizen(emulator, citizen(language_code="en"))
        await me.choose(await me.start_report())
        evidence = await me.describe()
        album = await emulator.send_media_group(
            me.user, [EmuMedia("photo", caption="the flyers"), EmuMedia("photo"), EmuMedia("photo")]
        )
        await me.expect("report-evidence-added", count=1)
        place = await me.done(evidence)  # handled after every photo of the album (one user's updates are serial)
        added = [
            m
            for m in emulator.bot_messages(me.user.id)
            if m["text"].startswith(me.t("report-evidence-added", count=0)[:5])
        ]
        assert [m["text"] for m in added] == [me.t("report-evidence-added", count=1)]  # one acknowledgement per album
        review, actions = await me.time(await me.place(place))
        assert review["text"] == review_text(
            "en", category="other", description=DESCRIPTION, evidence=1, place=None, when=None
        )
        await me.submit(actions)

        card = await desk.card(1)
        assert card["text"].endswith("\n" + attachments_line(1))
        await desk.open(desk.operator, card, 1)
        resent = sends_to(emulator, desk.operator.id, "sendPhoto")
        assert [c.params["photo"] for c in resent] == [m["photo"][-1]["file_id"] for m in album]
        assert [c.params.get("caption") for c in resent] == ["the flyers", None, None]


async def test_an_image_sent_as_a_file_gets_the_metadata_warning_and_other_files_do_not(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        me = Citizen(emulator, citizen(language_code="ru"))
        await me.choose(await me.start_report())
        evidence = await me.describe(DESCRIPTIONS["ru"])
        image = await emulator.send_document(
            me.user, b"\xff\xd8\xff\xe0 jpeg", file_name="IMG_0042.jpg", mime_type="image/jpeg"
        )
        await me.expect("report-evidence-file-warning")
        await me.expect("report-evidence-added", count=1)
        pdf = await emulator.send_document(me.user, file_name="chat-export.pdf")
        await me.expect("report-evidence-added", count=2)
        await emulator.send_voice(me.user)
        await me.expect("report-evidence-added", count=3)
        await me.say("The channel: https://t.me/some_channel")
        await me.expect("report-evidence-added", count=4)
        await emulator.send_sticker(me.user)
        await me.expect("report-evidence-unsupported")
        _, actions = await me.time(await me.place(await me.done(evidence)))
        await me.submit(actions)
        warnings = [m for m in emulator.bot_messages(me.user.id) if m["text"] == me.t("report-evidence-file-warning")]
        assert len(warnings) == 1  # the PDF and the voice message got none

        card = await desk.card(1)
        assert card["text"].endswith("\n" + attachments_line(4))
        details = await desk.open(desk.operator, card, 1)
        assert staff("op-evidence-link", text="https://t.me/some_channel") in details["text"].split("\n")
        documents = [c.params["document"] for c in sends_to(emulator, desk.operator.id, "sendDocument")]
        assert documents == [image["document"]["file_id"], pdf["document"]["file_id"]]
        assert len(sends_to(emulator, desk.operator.id, "sendVoice")) == 1


# ------------------------------------------------------------------------------------------------ cancelling


STEPS = ("category", "description", "evidence", "place", "time", "review")


async def walk_to(me: Citizen, step: str) -> dict:
    """Walk the report flow up to ``step``; the bot's prompt there (it has a Cancel button)."""
    prompt = await me.start_report()
    advances = (me.choose, lambda _: me.describe(), me.done, me.place, me.time)
    for advance in advances[: STEPS.index(step)]:
        result = await advance(prompt)
        prompt = result[1] if isinstance(result, tuple) else result  # the review: its buttons' message
    assert me.t("report-cancel-button") in buttons(prompt)
    return prompt


@pytest.mark.parametrize("way", ["button", "/cancel"])
async def test_cancel_at_every_step_sends_nothing_and_ends_the_flow(
    way: str, hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    answer = hotline.services.kb.answer("terrorism-convictions", "en", hotline.settings.placeholder_values())
    for step in STEPS:
        me = Citizen(emulator, citizen(language_code="en"))
        prompt = await walk_to(me, step)
        if way == "button":
            await me.press(prompt, "report-cancel-button")
            await me.expect("cancelled")
        else:
            await me.say("/cancel")
            await me.expect("cancelled")
            await me.expect("menu-prompt")
        # The flow is over: free text is a question again (not a description, a place or "use the buttons").
        await me.say("How many people were convicted of terrorism in 2019?")
        reply = await emulator.wait_for_bot_message(me.user.id)
        assert reply["text"] == answer, step
    assert cases(hotline.settings) == []
    assert query_db(hotline.settings, "SELECT count(*) FROM conversation_states WHERE state IS NOT NULL") == [(0,)]
    assert query_db(hotline.settings, "SELECT count(*) FROM outbox") == [(0,)]


# ------------------------------------------------------------------------------------------------ restart


async def test_a_half_written_report_survives_a_restart(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    me = Citizen(emulator, citizen(language_code="kk"))
    await me.choose(await me.start_report(), "online_content")
    evidence = await me.describe(DESCRIPTIONS["kk"])
    await me.add_photo(1)
    await hotline.restart()
    link = await me.done(evidence)
    await hotline.restart()  # mid-questionnaire too
    _, actions = await me.answer_all(link, {"link": "https://t.me/some_channel"})
    code = await me.submit(actions)
    assert query_db(hotline.settings, "SELECT answers FROM cases") == [('{"link": "https://t.me/some_channel"}',)]
    assert [(row[1], row[2]) for row in cases(hotline.settings)] == [(DESCRIPTIONS["kk"], "new")]
    assert query_db(hotline.settings, "SELECT count(*) FROM case_evidence") == [(1,)]
    await hotline.restart()
    view = await me.status(code)
    assert view["text"] == status_view("kk", "new")


# ------------------------------------------------------------------------------------------------ bad input


async def test_what_each_step_says_to_input_it_cannot_take(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    me = Citizen(emulator, citizen(language_code="en"))
    choose = await me.start_report()
    await me.say("weapons")  # typed instead of pressed
    again = await me.expect("report-choose-category")
    assert buttons(again) == buttons(choose)
    await me.choose(again)

    await me.say("too short")
    await me.expect("report-description-too-short", min=20)
    await me.say("x" * 4001)
    await me.expect("report-description-too-long", max=4000)
    await emulator.send_sticker(me.user)
    need_text = await me.expect("report-need-text")
    assert buttons(need_text) == [me.t("report-cancel-button")]
    await emulator.send_photo(me.user)
    await me.expect("report-need-text")

    # A receipt code in a message is refused and removed, never stored (not even as the description).
    leaked = await me.say("my code is AB12-CD34-EF56-GH78, what happened to my report in the district?")
    await me.expect("code-in-message")
    deletions = [c.params for c in emulator.calls_of("deleteMessage") if str(c.params["chat_id"]) == str(me.user.id)]
    assert [int(d["message_id"]) for d in deletions] == [leaked["message_id"]]
    assert leaked["message_id"] not in [m["message_id"] for m in emulator.chat_history(me.user.id)]
    assert "AB12" not in str(query_db(hotline.settings, "SELECT * FROM conversation_states"))

    evidence = await me.describe()  # still at the description step
    _, actions = await me.time(await me.place(await me.done(evidence)))
    await me.say("Submit")
    use_buttons = await me.expect("citizen-report-use-buttons")
    assert buttons(use_buttons) == buttons(actions)

    # "Add more" from the review: back to the evidence (words add to the description), then back to the review.
    await me.press(use_buttons, "citizen-report-add-more-button")
    more = await me.expect("report-evidence")
    await me.say("no link here")
    await me.expect("citizen-report-text-added")
    await emulator.send_sticker(me.user)
    await me.expect("report-evidence-unsupported")
    await me.say("it is this one: www.example.org/channel")
    await me.expect("report-evidence-added", count=1)
    await me.press(more, "report-evidence-done-button")
    review, actions = await me.review()
    longer = DESCRIPTION + "\n\nno link here"
    assert review["text"] == review_text("en", category="other", description=longer, evidence=1)
    await me.submit(actions)
    assert [row[1] for row in cases(hotline.settings)] == [longer]
    assert query_db(hotline.settings, "SELECT kind, text FROM case_evidence") == [("link", "www.example.org/channel")]


# ------------------------------------------------------------------------------------------------ /status


def near_miss(code: str) -> str:
    """The code with its last character changed (to one that does not read as the same)."""
    last = code[-1]
    other = next(ch for ch in "XYZ0123" if ch != last)
    return code[:-1] + other


async def test_status_with_wrong_codes_says_not_found_alike_then_too_many_even_for_the_right_code(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    hotline = RunningBot(make_settings(status_hourly_limit=3))
    await hotline.start()
    try:
        code = await Citizen(emulator, citizen(language_code="en")).report()
        guesser = Citizen(emulator, citizen(language_code="en"))
        not_found = guesser.t("status-not-found")
        # What cannot be a code is told so (and is no guess, so it is not counted).
        for typed in ("hello", "' OR 1=1 --"):
            sent = await guesser.say(f"/status {typed}")
            reply = await emulator.wait_for_bot_message(guesser.user.id)
            assert reply["text"] == guesser.t("citizen-status-not-a-code"), typed
            assert sent["message_id"] not in [m["message_id"] for m in emulator.chat_history(guesser.user.id)]
        for typed in ("AAAA-BBBB-CCCC-DDDD", "AAAA BBBB CCCC DDDE", near_miss(code)):
            sent = await guesser.say(f"/status {typed}")
            reply = await emulator.wait_for_bot_message(guesser.user.id)
            assert reply["text"] == not_found, typed
            assert buttons(reply) == []
            assert sent["message_id"] not in [m["message_id"] for m in emulator.chat_history(guesser.user.id)]
        await guesser.say(f"/status {code}")
        reply = await emulator.wait_for_bot_message(guesser.user.id)
        assert reply["text"] == guesser.t("status-too-many")

        # Someone else, from another account: one character off is "not found" like anything else; then the code
        # typed after /status (lower case, spaces instead of dashes) opens the case.
        other = Citizen(emulator, citizen(language_code="en"))
        await other.say(f"/status {near_miss(code)}")
        reply = await emulator.wait_for_bot_message(other.user.id)
        assert reply["text"] == not_found
        await other.say("/status")
        await other.expect("status-ask-code")
        await other.say(code.lower().replace("-", " "))
        view = await emulator.wait_for_bot_message(other.user.id)
        assert view["text"] == status_view("en", "new")
        assert buttons(view) == [other.t("status-reply-button"), other.t("status-end-button")]
    finally:
        await hotline.stop()


# ------------------------------------------------------------------------------------------------ limits, duplicates


async def test_the_daily_report_limit_stops_a_flood_of_reports(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    hotline = RunningBot(make_settings(report_daily_limit=2))
    await hotline.start()
    try:
        flooder = Citizen(emulator, citizen(language_code="ru"))
        await flooder.report()
        # A cancelled draft costs nothing: the allowance is spent on Submit.
        await flooder.start_report()
        await flooder.say("/cancel")
        await flooder.expect("cancelled")
        await flooder.report()
        await flooder.say("/report")
        refused = await flooder.expect("report-limit")
        assert buttons(refused) == []
        await asyncio.sleep(0.2)
        assert emulator.bot_messages(flooder.user.id)[-1]["text"] == refused["text"]  # no category question follows
        assert len(cases(hotline.settings)) == 2
        await Citizen(emulator, citizen(language_code="ru")).start_report()  # others are not affected
    finally:
        await hotline.stop()


async def test_submit_pressed_twice_at_once_makes_one_case_and_one_receipt(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        me = Citizen(emulator, citizen(language_code="en"))
        await me.choose(await me.start_report())
        _, actions = await me.time(await me.place(await me.done(await me.describe())))
        label = me.t("report-submit-button")
        queries = await asyncio.gather(*(emulator.press_button(me.user, actions, text=label) for _ in range(2)))
        answers = [await emulator.wait_for_callback_answer(q) for q in queries]
        receipt = await emulator.wait_for_bot_message(
            me.user.id, lambda m: m["text"].startswith(me.t("report-received", code="§").split("§")[0])
        )
        await desk.card(1)
        await asyncio.sleep(1.2)  # anything duplicated would be sent by now (the outbox polls every second)
        assert len(cases(desk.bot.settings)) == 1
        receipts = [m for m in emulator.bot_messages(me.user.id) if m["text"].startswith(receipt["text"][:20])]
        assert len(receipts) == 1
        cards = [m for m in emulator.bot_messages(OPERATORS_CHAT) if m["text"].startswith("🆕")]
        assert len(cards) == 1
        texts = sorted(a.get("text") or "" for a in answers)
        assert texts[0] == "" and texts[1] in (me.t("stale-button"), me.t("report-already-received"))


# ------------------------------------------------------------------------------------------------ the main menu


async def test_the_menu_buttons_start_a_report_and_ask_for_a_code(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    me = Citizen(emulator, citizen(language_code="en"))
    await me.say("/start")
    menu = await me.expect("menu-prompt")
    await me.press(menu, "menu-report")
    await me.expect("report-start")
    await me.say("/cancel")
    menu = await me.expect("menu-prompt")
    await me.press(menu, "menu-status")
    await me.expect("status-ask-code")
    await me.say("AAAA-BBBB-CCCC-DDDD")
    await me.expect("status-not-found")
    # "I don't know that" offers a report: its button starts one too.
    await me.say("What will the weather be in Taraz tomorrow?")
    unknown = await me.expect("unknown-answer")
    await me.press(unknown, "unknown-report-button")
    await me.expect("report-start")
