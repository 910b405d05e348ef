"""The citizen's path end to end (issue 12), as a citizen and the operators notice it: guided questions per category,
editing a draft, one safe way to check a case, a person to talk to, saved replies in the reporter's language.

The real bot against the Bot API emulator over HTTP; operators' language English (see flows.operators_desk).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.answers.knowledge_base import load_knowledge_base
from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator, EmuUser
from tests.e2e.conftest import RunningBot
from tests.e2e.flows import (
    CODE,
    LANGS,
    QUESTIONNAIRES,
    Citizen,
    assert_clean_run,
    buttons,
    language_name,
    number,
    operators_desk,
    query_db,
    question_text,
    review_text,
    staff,
    text,
)

DESCRIPTIONS = {
    "en": "A channel posts calls to join a banned organisation and videos of its fighters.",
    "ru": "В канале публикуют призывы вступать в запрещённую организацию и видео её боевиков.",
    "kk": "Арнада тыйым салынған ұйымға кіруге шақырулар мен оның содырларының видеолары жарияланады.",
}
ONE_WORDS = ("анонимность", "вербовка", "экстрадиция", "депортация", "конфиденциальность")
LINKS = {"en": "https://t.me/example_channel", "ru": "t.me/primer_kanala", "kk": "https://t.me/mysal_arna"}


@pytest.fixture(autouse=True)
def clean_run(caplog: pytest.LogCaptureFixture, emulator: BotAPIEmulator) -> Any:
    yield
    assert_clean_run(caplog, emulator)


def answers_of(settings: Settings, case_id: int) -> dict[str, str]:
    ((raw,),) = query_db(settings, "SELECT answers FROM cases WHERE id = ?", case_id)
    return json.loads(raw)


# ------------------------------------------------------------------------------------------------ guided reports


@pytest.mark.parametrize("lang", LANGS)
async def test_online_propaganda_asks_the_link_and_the_platform_and_operators_see_both(
    lang: str, emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        me = Citizen(emulator, citizen(language_code=lang))
        await me.choose(await me.start_report(), "online_content")
        link = await me.done(await me.describe(DESCRIPTIONS[lang]))
        platform = await me.next_question(link, LINKS[lang])
        assert platform is not None
        platforms = QUESTIONNAIRES.question("online_content", "platform")
        assert platforms is not None
        assert buttons(platform)[:3] == ["Telegram", "Instagram", "TikTok"]
        await me.pick(platform, "telegram")
        review, actions = await me.review()
        assert review["text"] == review_text(
            lang,
            category="online_content",
            description=DESCRIPTIONS[lang],
            evidence=0,
            answers={"link": LINKS[lang], "platform": "Telegram"},
        )
        # A late press of the platform question's button changes nothing.
        query = await emulator.press_button(me.user, platform, text="Instagram")
        assert (await emulator.wait_for_callback_answer(query))["text"] == me.t("stale-button")
        await me.submit(actions)

        assert answers_of(desk.bot.settings, 1) == {"link": LINKS[lang], "platform": "choice:telegram"}
        card = await desk.card(1)
        assert staff("op-card", urgent="no", number="", category="", language=language_name(lang), time="",
                     evidence=0, similar="").split("\n")[2] in card["text"].split("\n")  # fmt: skip
        details = await desk.open(desk.operator, card, 1)
        lines = details["text"].split("\n")
        assert staff("citizen-op-answer", label="Link", answer=LINKS[lang]) in lines
        assert staff("citizen-op-answer", label="Platform", answer="Telegram") in lines


async def test_each_category_asks_its_own_questions(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    asked: dict[str, list[str]] = {}
    for category in ("terror_plot", "recruitment", "online_content", "weapons", "other"):
        me = Citizen(emulator, citizen(language_code="en"))
        await me.choose(await me.start_report(), category)
        prompt: dict | None = await me.done(await me.describe("Something I saw that worries me a lot, in detail."))
        asked[category] = []
        while prompt is not None:
            asked[category].append(prompt["text"])
            prompt = await me.next_question(prompt, None)
        await me.review()
        await me.say("/cancel")
        await me.expect("cancelled")

    def asks(category: str, *question_ids: str) -> list[str]:
        return [question_text("en", category, question_id) for question_id in question_ids]

    assert asked == {
        "terror_plot": asks("terror_plot", "time", "place", "who"),  # a planned attack: when, where, who
        "recruitment": asks("recruitment", "contact", "targets"),  # where and how contact happens, who is targeted
        "online_content": asks("online_content", "link", "platform"),  # the link and the platform
        "weapons": asks("weapons", "place", "still_there"),  # where exactly, is it there now
        "other": asks("other", "place", "time"),  # as before
    }
    assert "where" in asked["weapons"][0].lower() and "now" in asked["weapons"][1].lower()


async def test_a_draft_can_change_category_and_description_before_it_is_sent(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    me = Citizen(emulator, citizen(language_code="ru"))
    await me.choose(await me.start_report(), "other")
    first = "Сосед рассказывает подросткам о «правильной вере» и зовёт их в закрытый чат."
    when = await me.place(await me.done(await me.describe(first)), "Шымкент, микрорайон Нурсат")
    _, actions = await me.time(when, "каждую пятницу")

    # Another category: its questions are asked, the old place and time go.
    await me.press(actions, "citizen-report-edit-category-button")
    choose = await me.expect("report-choose-category")
    me.category = "recruitment"
    await me.press(choose, "category-recruitment")
    contact = await me.expect_question("contact")
    targets = await me.next_question(contact, "Закрытый чат в Telegram, потом встречи в подвале.")
    assert targets is not None
    await me.next_question(targets, "Подростки 14–16 лет")
    review, actions = await me.review()
    answers = {"contact": "Закрытый чат в Telegram, потом встречи в подвале.", "targets": "Подростки 14–16 лет"}
    assert review["text"] == review_text("ru", category="recruitment", description=first, evidence=0, answers=answers)

    # A new description: straight back to the review, nothing else asked again.
    await me.press(actions, "citizen-report-edit-description-button")
    await me.expect("report-describe", min=20)
    second = "Сосед вербует подростков: зовёт их в закрытый чат, потом на встречи в подвале."
    await me.say(second)
    review, actions = await me.review()
    assert review["text"] == review_text("ru", category="recruitment", description=second, evidence=0, answers=answers)
    await me.submit(actions)
    rows = query_db(hotline.settings, "SELECT category, description, place, incident_time, answers FROM cases")
    assert [(c, d, p, t, json.loads(a)) for c, d, p, t, a in rows] == [("recruitment", second, None, None, answers)]


# ------------------------------------------------------------------------------------------------ checking a case


def test_every_text_gives_one_way_to_check_a_case() -> None:
    """No text tells anyone to send "/status CODE" in one message (the code would stay in the chat history): the
    catalogs, the knowledge base and the saved replies say "press the button (or /status), then send the code"."""
    typed_with_code = re.compile(r"/status\s+(\{\s*\$code\s*\}|CODE|КОД)", re.IGNORECASE)
    root = Path(__file__).resolve().parents[2]
    for lang in LANGS:
        catalog = (root / "bot" / "locales" / f"{lang}.ftl").read_text(encoding="utf-8")
        assert not typed_with_code.findall(catalog), lang
        assert "menu-status" in catalog
    for entry in load_knowledge_base(root / "knowledge").entries:
        for lang, answer in entry.answer.items():
            assert not typed_with_code.search(answer), (entry.id, lang)
    templates = (root / "knowledge" / "forms" / "reply_templates.yaml").read_text(encoding="utf-8")
    assert not typed_with_code.search(templates)
    for lang in LANGS:  # the receipt points at the button the citizen sees under it
        assert text(lang, "menu-status") in text(lang, "report-received", code="X")


@pytest.mark.parametrize("lang", LANGS)
async def test_the_receipt_says_once_how_to_check_and_its_button_asks_for_the_code_then_deletes_it(
    lang: str, hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    me = Citizen(emulator, citizen(language_code=lang))
    code = await me.report()
    receipt = next(m for m in emulator.bot_messages(me.user.id) if code in m.get("text", ""))
    assert receipt["text"].count(code) == 1  # shown once, not repeated in a "/status CODE" to copy
    assert buttons(receipt) == [me.t("menu-status")]

    # "That is not a code" for what cannot be one, in the citizen's language; the bot keeps asking.
    await me.press(receipt, "menu-status")
    await me.expect("status-ask-code")
    hello = await me.say("hello")
    await me.expect("citizen-status-not-a-code")
    assert hello["message_id"] not in [m["message_id"] for m in emulator.chat_history(me.user.id)]
    sent = await me.say(code.lower())
    view = await emulator.wait_for_bot_message(
        me.user.id, lambda m: m["text"].startswith(me.t("status-view", status=""))
    )
    assert sent["message_id"] not in [m["message_id"] for m in emulator.chat_history(me.user.id)]  # the code is gone
    assert buttons(view) == [me.t("status-reply-button"), me.t("status-end-button")]

    # "End the dialogue" asks first; "No" keeps the way back to this chat.
    await me.press(view, "status-end-button")
    confirm = await me.expect("citizen-end-confirm")
    assert buttons(confirm) == [me.t("citizen-end-yes-button"), me.t("citizen-end-no-button")]
    await me.press(confirm, "citizen-end-no-button")
    await me.expect("citizen-end-kept")
    assert query_db(hotline.settings, "SELECT count(*) FROM reply_routes") == [(1,)]

    # /status hello in one message: the same answer.
    await me.say("/status hello")
    await me.expect("citizen-status-not-a-code")


# ------------------------------------------------------------------------------------------------ a person


@pytest.mark.parametrize("lang", LANGS)
async def test_a_question_the_bot_cannot_answer_goes_to_a_person_who_answers_in_the_askers_language(
    lang: str, emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    candidates = {
        "en": ["What is the weather in Taraz tomorrow?", "Can my cousin visit me in prison?"],
        "ru": ["Какая погода в Таразе завтра?", "Можно ли навестить брата в колонии?"],
        "kk": ["Ертең Таразда ауа райы қандай болады?", "Түрмедегі ағамға қалай бару керек?"],
    }
    async with operators_desk(emulator, make_settings) as desk:
        engine = desk.bot.services.engine
        # The premise, checked against today's knowledge base: a question the bot cannot answer.
        unknown = {lang: next(q for q in candidates[lang] if engine.ask(q, lang_hint=lang).decision == "unknown")}
        me = Citizen(emulator, citizen(language_code=lang))
        await me.say(unknown[lang])
        offer = await me.expect("unknown-answer")
        assert buttons(offer) == [me.t("citizen-ask-person-button"), me.t("unknown-report-button")]
        assert me.t("feedback-yes") not in buttons(offer)  # no 👍/👎 under "I don't know"
        await me.press(offer, "citizen-ask-person-button")
        prompt = await me.expect("citizen-person-prompt")
        assert buttons(prompt) == [me.t("report-cancel-button")]
        await me.say(unknown[lang])
        received = await emulator.wait_for_bot_message(me.user.id, lambda m: bool(CODE.search(m.get("text", ""))))
        code = CODE.search(received["text"]).group(0)  # type: ignore[union-attr]
        assert received["text"] == me.t("citizen-person-received", code=code)
        assert query_db(desk.bot.settings, "SELECT kind, category, description, language FROM cases") == [
            ("question", "other", unknown[lang], lang)
        ]

        # The operators get a question card (not a tip), with the asker's language.
        card = await desk.emulator.wait_for_bot_message(
            -1001234567890, lambda m: m.get("text", "").startswith("❓ Question HT-00001")
        )
        shown = staff("citizen-op-question-card", urgent="no", number="", language=language_name(lang), time="")
        assert card["text"].split("\n")[1] == shown.split("\n")[1]
        await desk.press(desk.operator, card, "op-button-claim")
        mark = desk.mark()
        await desk.press(desk.operator, card, "op-button-reply")
        templates = await desk.message(
            "citizen-op-templates", after=mark, number=number(1), language=language_name(lang).split(" (")[0]
        )
        titles = [t.title["en"] for t in desk.bot.services.reply_templates.templates]
        assert buttons(templates) == titles
        query = await emulator.press_button(desk.operator, templates, text="Question: thank you")
        assert (await emulator.wait_for_callback_answer(query))["text"] == staff("op-reply-queued", number=number(1))

        # The asker reads the saved reply in their own language, through the same anonymous route.
        template = desk.bot.services.reply_templates.get("question_answered")
        assert template is not None
        await me.expect("citizen-operator-answer", text=template.text[lang])
        await me.say("/status")
        await me.expect("status-ask-code")
        await me.say(code)
        view = await emulator.wait_for_bot_message(
            me.user.id, lambda m: m["text"].startswith(me.t("citizen-question-view", status=""))
        )
        assert template.text[lang] in view["text"]


async def test_a_thumbs_down_offers_a_person_or_a_report_and_greetings_get_no_vote_buttons(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    me = Citizen(emulator, citizen(language_code="ru"))
    # One word the bot can answer is not a question worth a vote.
    # The premise, checked against today's knowledge base: one word the bot answers outright.
    answered = [(w, hotline.services.engine.ask(w, lang_hint="ru").entry_id) for w in ONE_WORDS]
    word, entry = next((w, e) for w, e in answered if e is not None)
    await me.say(word)
    answer = await emulator.wait_for_bot_message(me.user.id)
    assert answer["text"] == hotline.services.kb.answer(entry, "ru", hotline.settings.placeholder_values())
    assert buttons(answer) == []
    # A real question gets 👍/👎; 👎 leads to a person or a report.
    await me.say("Сколько человек осуждено за терроризм в 2019 году?")
    answer = await emulator.wait_for_bot_message(me.user.id, lambda m: m["message_id"] > answer["message_id"])
    assert buttons(answer) == [me.t("feedback-yes"), me.t("feedback-no")]
    await me.press(answer, "feedback-no")
    offer = await me.expect("citizen-feedback-not-helped")
    await me.press(offer, "citizen-ask-person-button")
    await me.expect("citizen-person-prompt")
    await me.say("/cancel")
    await me.expect("cancelled")
    assert query_db(hotline.settings, "SELECT count(*) FROM cases") == [(0,)]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_saved_reply_reaches_a_reporter_in_their_language_whatever_the_operators_speak(
    lang: str, emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        me = Citizen(emulator, citizen(language_code=lang))
        await me.report()
        card = await desk.card(1)
        await desk.press(desk.operator, card, "op-button-claim")
        mark = desk.mark()
        await desk.press(desk.operator, card, "op-button-reply")
        templates = await desk.message(
            "citizen-op-templates", after=mark, number=number(1), language=language_name(lang).split(" (")[0]
        )
        query = await emulator.press_button(desk.operator, templates, text="Ask for details")
        await emulator.wait_for_callback_answer(query)
        template = desk.bot.services.reply_templates.get("more_details")
        assert template is not None
        await me.expect("operator-message-to-citizen", text=template.text[lang])
        sent = await desk.message("citizen-op-template-sent", after=mark, number=number(1), text=template.text[lang])
        assert buttons(sent) == []
        assert query_db(desk.bot.settings, "SELECT body FROM case_messages") == [(template.text[lang],)]


async def test_cancel_under_the_question_for_a_person_ends_it_and_sends_nothing(
    hotline: RunningBot, emulator: BotAPIEmulator, citizen: Callable[..., EmuUser]
) -> None:
    me = Citizen(emulator, citizen(language_code="ru"))
    await me.say("/person")
    prompt = await me.expect("citizen-person-prompt")
    await me.press(prompt, "report-cancel-button")
    await me.expect("cancelled")
    # Over: the next text is a question to the bot again, not one for a person.
    await me.say("Какая погода в Таразе завтра?")
    await emulator.wait_for_bot_message(me.user.id)  # the bot's answer (or "I don't know")
    assert query_db(hotline.settings, "SELECT count(*) FROM cases") == [(0,)]
