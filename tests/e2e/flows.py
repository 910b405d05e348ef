"""Shared steps of the report and operator end-to-end tests: a citizen walking the report flow, the operators' desk.

Texts are compared with the Fluent catalogs (the bot's defaults: 112, 102, 90 days), so a reworded catalog does not
break the tests but a wrong language, a wrong step or a missing reply does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from bot.cases.forms import load_questionnaires
from bot.core.i18n import Translator
from bot.core.settings import Settings
from bot.emulator import ApiCall, BotAPIEmulator, EmuChat, EmuUser
from bot.telegram.keyboards import LANGUAGE_NAMES
from tests.support.running_bot import RunningBot

LANGS = ("kk", "ru", "en")
CATALOG = Translator(defaults={"emergency": "112", "police": "102", "retention": 90})
CODE = re.compile(r"(?<![0-9A-Z])[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}(?![0-9A-Z])")
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: what receipt codes are made of

OPERATORS_CHAT = -1001234567890
ADMIN_ID, OPERATOR_ID, OPERATOR2_ID, ANALYST_ID = 5550001, 5550002, 5550003, 5550004
OPERATOR_IDS = f"{ADMIN_ID}:admin,{OPERATOR_ID}:operator,{OPERATOR2_ID}:operator,{ANALYST_ID}:analyst"
DESCRIPTION = "A man in my district recruits teenagers into an extremist group through an online chat."


def text(lang: str, key: str, **args: Any) -> str:
    return CATALOG.text(lang, key, **args)


def staff(key: str, **args: Any) -> str:
    """The operators' texts (OPERATOR_LANGUAGE=en in these tests)."""
    return CATALOG.text("en", key, **args)


def buttons(message: dict) -> list[str]:
    return [b["text"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


STAMP = r"\d{4}-\d\d-\d\d \d\d:\d\d"


def like(template: str, actual: str) -> bool:
    """Whether ``actual`` is ``template`` with every "§" standing for a "YYYY-MM-DD HH:MM" time in TIMEZONE."""
    pattern = "".join(STAMP if part == "§" else re.escape(part) for part in re.split("(§)", template))
    return re.fullmatch(pattern, actual) is not None


def marked(citizen_text: str) -> str:
    """A citizen's text as operators see it in a case: every line marked as the citizen's."""
    return "\n".join(("│ " + line).rstrip() for line in citizen_text.split("\n"))


def attachments_line(count: int) -> str:
    """The last line of a case card: how many evidence items (an album is one)."""
    card = staff("op-card", urgent="no", number="", category="", language="", time="", evidence=count, similar="")
    return card.split("\n")[-1]


def number(case_id: int) -> str:
    return f"HT-{case_id:05d}"


def sends_to(emulator: BotAPIEmulator, chat_id: int, method: str = "sendMessage") -> list[ApiCall]:
    return [c for c in emulator.calls_of(method) if str(c.params.get("chat_id")) == str(chat_id)]


# ------------------------------------------------------------------------------------------------ the database


def db_path(settings: Settings) -> str:
    path = make_url(settings.database).database
    assert path, settings.database
    return path


def query_db(settings: Settings, sql: str, *args: Any) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db_path(settings))) as db:
        return db.execute(sql, args).fetchall()


def cases(settings: Settings) -> list[tuple]:
    """(id, description, status, claimed_by) of every case."""
    return query_db(settings, "SELECT id, description, status, claimed_by FROM cases ORDER BY id")


def message_dates(settings: Settings, direction: str) -> list[str]:
    """The "YYYY-MM-DD HH:MM" of the case messages one way, oldest first, in TIMEZONE (how /status shows them)."""
    rows = query_db(settings, "SELECT created_at FROM case_messages WHERE direction = ? ORDER BY id", direction)
    stored = [datetime.fromisoformat(row[0]).replace(tzinfo=UTC) for row in rows]  # SQLite keeps UTC, naive
    return [f"{moment.astimezone(settings.zone):%Y-%m-%d %H:%M}" for moment in stored]


async def eventually(condition: Callable[[], Any], timeout: float = 6.0, what: str = "condition") -> Any:
    """Poll ``condition`` (something outside the emulator, e.g. the database) until it is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not met within {timeout}s")
        await asyncio.sleep(0.05)


# ------------------------------------------------------------------------------------------------ a clean run


def assert_clean_run(caplog: pytest.LogCaptureFixture, emulator: BotAPIEmulator) -> None:
    """No handler error in the bot's log, and no "something went wrong" sent to anyone."""
    errors = [
        f"{r.name}: {r.getMessage()}"
        for when in ("setup", "call", "teardown")
        for r in caplog.get_records(when)
        if r.levelno >= logging.ERROR
    ]
    assert errors == []
    generic = {text(lang, "error-generic") for lang in LANGS}
    assert [c.params for c in emulator.calls_of("sendMessage") if c.params.get("text") in generic] == []


# ------------------------------------------------------------------------------------------------ the citizen


@dataclass
class Citizen:
    """One Telegram user walking the report flow in their language, step by step."""

    emulator: BotAPIEmulator
    user: EmuUser
    min_chars: int = 20
    category: str = "other"  # the category chosen (its questionnaire decides the questions)

    @property
    def lang(self) -> str:
        return self.user.language_code or "ru"

    def t(self, key: str, **args: Any) -> str:
        return text(self.lang, key, **args)

    async def expect(self, key: str, timeout: float = 5.0, **args: Any) -> dict:
        """The next bot message in the private chat whose text is exactly the catalog's ``key``."""
        wanted = self.t(key, **args)
        return await self.emulator.wait_for_bot_message(self.user.id, lambda m: m.get("text") == wanted, timeout)

    async def say(self, message: str) -> dict:
        return await self.emulator.send_message(self.user, message)

    async def press(self, message: dict, key: str, **args: Any) -> str:
        return await self.emulator.press_button(self.user, message, text=self.t(key, **args))

    # steps: each returns the bot's next prompt

    async def start_report(self) -> dict:
        await self.say("/report")
        choose = await self.expect("report-start")  # the introduction and the emergency notice above the question
        assert self.t("report-intro") in choose["text"] and self.t("emergency-notice") in choose["text"]
        assert buttons(choose) == [
            *(self.t(f"category-{c}") for c in ("terror_plot", "recruitment", "online_content", "weapons", "other")),
            self.t("report-cancel-button"),
        ]
        return choose

    async def choose(self, prompt: dict, category: str = "other") -> dict:
        """Choose a category ("other" asks the place and the time; see ``answer``/``skip`` for the others)."""
        self.category = category
        await self.press(prompt, f"category-{category}")
        describe = await self.expect("report-describe", min=self.min_chars)
        assert buttons(describe) == [self.t("report-cancel-button")]
        return describe

    async def describe(self, description: str = DESCRIPTION, happening_now: bool | None = None) -> dict:
        """Describe; for a description that signals danger (``happening_now`` given), answer "happening now?"."""
        await self.say(description)
        if happening_now is not None:
            question = await self.expect("danger-happening-now")
            assert buttons(question) == [self.t("danger-now-yes-button"), self.t("danger-now-no-button")]
            await self.press(question, "danger-now-yes-button" if happening_now else "danger-now-no-button")
            if happening_now:
                await self.expect("danger-call-now")
        evidence = await self.expect("report-evidence")
        assert buttons(evidence) == [self.t("report-evidence-done-button"), self.t("report-cancel-button")]
        return evidence

    async def add_photo(self, count: int, caption: str | None = None) -> dict:
        """Send a photo; ``count`` is the number of evidence items the bot should then acknowledge."""
        await self.emulator.send_photo(self.user, caption=caption)
        return await self.expect("report-evidence-added", count=count)

    def ask(self, question_id: str) -> str:
        """The question ``question_id`` of the chosen category, as the citizen reads it."""
        return question_text(self.lang, self.category, question_id)

    async def expect_question(self, question_id: str) -> dict:
        wanted = self.ask(question_id)
        prompt = await self.emulator.wait_for_bot_message(self.user.id, lambda m: m.get("text") == wanted)
        question = QUESTIONNAIRES.question(self.category, question_id)
        assert question is not None
        assert buttons(prompt) == [
            *(choice.text[self.lang] for choice in question.choices),
            self.t("report-evidence-skip-button"),
            self.t("report-cancel-button"),
        ]
        return prompt

    async def done(self, prompt: dict) -> dict:
        """Press Done after the evidence: the category's first question."""
        await self.press(prompt, "report-evidence-done-button")
        return await self.expect_question(QUESTIONNAIRES.questions(self.category)[0].id)

    async def next_question(self, prompt: dict, answer: str | None, location: bool = False) -> dict | None:
        """Answer the question ``prompt`` asks (words, a location, or Skip for None); the next question, or None."""
        ids = [q.id for q in QUESTIONNAIRES.questions(self.category)]
        current = next(i for i in ids if self.ask(i) == prompt["text"])
        if location:
            await self.emulator.send_location(self.user)
        elif answer is None:
            await self.press(prompt, "report-evidence-skip-button")
        else:
            await self.say(answer)
        following = ids[ids.index(current) + 1 :]
        return await self.expect_question(following[0]) if following else None

    async def pick(self, prompt: dict, choice_id: str) -> None:
        """Press a choice of the choice question ``prompt`` asks."""
        question = next(q for q in QUESTIONNAIRES.questions(self.category) if self.ask(q.id) == prompt["text"])
        choice = question.choice(choice_id)
        assert choice is not None
        await self.emulator.press_button(self.user, prompt, text=choice.text[self.lang])

    async def answer_all(
        self, prompt: dict, answers: dict[str, str | None] | None = None, *, location: bool = False
    ) -> tuple[dict, dict]:
        """Answer (or skip) every question from ``prompt`` on (``location``: a location for the place); the review."""
        current: dict | None = prompt
        while current is not None:
            shown = current["text"]
            question_id = next(q.id for q in QUESTIONNAIRES.questions(self.category) if self.ask(q.id) == shown)
            current = await self.next_question(
                current, (answers or {}).get(question_id), location=location and question_id == "place"
            )
        return await self.review()

    async def place(self, prompt: dict, place: str | None = None, location: bool = False) -> dict:
        """Category "other": answer "where?" (words, a location, or Skip); the "when?" question."""
        assert prompt["text"] == self.ask("place")
        if location:
            await self.emulator.send_location(self.user)
        elif place is not None:
            await self.say(place)
        else:
            await self.press(prompt, "report-evidence-skip-button")
        return await self.expect_question("time")

    async def time(self, prompt: dict, when: str | None = None) -> tuple[dict, dict]:
        """Category "other": answer "when?" (or Skip); the review that follows (see ``review``)."""
        if when is not None:
            await self.say(when)
        else:
            await self.press(prompt, "report-evidence-skip-button")
        return await self.review()

    async def review(self) -> tuple[dict, dict]:
        """The review the bot shows, and the message with Submit / Add more / edits / Cancel: the same message (the
        review, the privacy note and the emergency notice, the buttons under them)."""
        heading = self.t("citizen-report-review", category="", description="", evidence=0, answers="").split("\n")[0]
        review = await self.emulator.wait_for_bot_message(self.user.id, lambda m: m.get("text", "").startswith(heading))
        assert self.t("report-review-privacy") in review["text"] and self.t("emergency-notice") in review["text"]
        assert buttons(review) == review_buttons(self.lang)
        return review, review

    async def submit(self, actions: dict) -> str:
        """Press Submit; the receipt code the bot showed."""
        await self.press(actions, "report-submit-button")
        receipt = await self.emulator.wait_for_bot_message(self.user.id, lambda m: bool(CODE.search(m.get("text", ""))))
        found = CODE.search(receipt["text"])
        assert found is not None
        code = found.group(0)
        assert receipt["text"] == self.t("report-received", code=code)
        assert buttons(receipt) == [self.t("menu-status")]  # the one way to check it
        assert all(ch in CODE_ALPHABET for ch in code.replace("-", ""))
        return code

    async def report(
        self,
        description: str = DESCRIPTION,
        *,
        category: str = "other",
        photos: int = 0,
        place: str | None = None,
        location: bool = False,
        when: str | None = None,
        happening_now: bool | None = None,
    ) -> str:
        """The whole flow with the usual answers ("other": the place and the time); the receipt code."""
        await self.choose(await self.start_report(), category)
        evidence = await self.describe(description, happening_now)
        for n in range(1, photos + 1):
            await self.add_photo(n)
        if category == "other":
            when_prompt = await self.place(await self.done(evidence), place, location)
            _, actions = await self.time(when_prompt, when)
        else:
            answers = {"place": place, "time": when}
            _, actions = await self.answer_all(await self.done(evidence), answers, location=location)
        return await self.submit(actions)

    async def status(self, code: str) -> dict:
        """/status CODE: the view of the case (the first message that is not an error)."""
        await self.say(f"/status {code}")
        heading = self.t("status-view", status="").strip()
        return await self.emulator.wait_for_bot_message(self.user.id, lambda m: m.get("text", "").startswith(heading))


QUESTIONNAIRES = load_questionnaires(Path(__file__).resolve().parents[2] / "knowledge")


def question_text(lang: str, category: str, question_id: str) -> str:
    question = QUESTIONNAIRES.question(category, question_id)
    assert question is not None, (category, question_id)
    return question.ask[lang].format_map({"emergency_number": "112", "police_number": "102", "retention_days": "90"})


def language_name(lang: str) -> str:
    """How operators see a reporter's language (its own name, then the code)."""
    return f"{LANGUAGE_NAMES[lang]} ({lang})"


def review_buttons(lang: str) -> list[str]:
    return [
        text(lang, "report-submit-button"),
        text(lang, "citizen-report-add-more-button"),
        text(lang, "citizen-report-edit-description-button"),
        text(lang, "citizen-report-edit-category-button"),
        text(lang, "report-cancel-button"),
    ]


def review_text(
    lang: str,
    *,
    category: str,
    description: str,
    evidence: int,
    place: str | None = None,
    when: str | None = None,
    answers: dict[str, str | None] | None = None,
) -> str:
    """The review as shown (with its privacy and emergency notes): for "other", ``place`` and ``when``; for another
    category, ``answers`` by label key order."""

    def given(value: str | None) -> str:
        return value if value is not None else text(lang, "report-not-given")

    values = answers if answers is not None else {"place": place, "time": when}
    lines = [
        text(lang, "citizen-report-review-answer", label=q.label[lang], answer=given(values.get(q.id)))
        for q in QUESTIONNAIRES.questions(category)
    ]
    return text(
        lang,
        "citizen-report-review-to-submit",
        category=text(lang, f"category-{category}"),
        description=description,
        evidence=evidence,
        answers="\n".join(lines),
    )


def status_view(lang: str, status: str, *messages: tuple[str, str] | tuple[str, str, str], outcome: str = "") -> str:
    """What /status shows: the status line (a closed case with its ``outcome``), then the dialogue: each message
    (date, text) from the operators, or (date, text, "you") from the reporter; "no messages yet" if none came."""
    if status == "closed":
        shown = text(lang, "citizen-status-closed-outcome", outcome=text(lang, f"citizen-outcome-{outcome or 'none'}"))
    else:
        shown = text(lang, f"status-{status}")
    lines = [text(lang, "status-view", status=shown)]
    if not any(len(m) == 2 for m in messages):
        lines.append(text(lang, "status-no-messages"))
    for date, body, *mine in messages:
        key = "citizen-status-own-message" if mine else "status-operator-message"
        lines.append(text(lang, key, date=date, text=body))
    return "\n\n".join(lines)


# ------------------------------------------------------------------------------------------------ the operators


@dataclass
class Desk:
    """The operators' group and its members: an admin, two operators and an analyst (operators' language: en)."""

    emulator: BotAPIEmulator
    bot: RunningBot
    chat: EmuChat
    admin: EmuUser
    operator: EmuUser
    operator2: EmuUser
    analyst: EmuUser

    async def card(self, case_id: int, timeout: float = 6.0) -> dict:
        """The new-case card of ``case_id`` in the operators' chat."""
        first_lines = {
            staff(
                "op-card",
                urgent=urgent,
                number=number(case_id),
                category="",
                language="",
                time="",
                evidence=0,
                similar="",
            ).split("\n")[0]
            for urgent in ("yes", "no")
        }
        return await self.emulator.wait_for_bot_message(
            OPERATORS_CHAT, lambda m: m.get("text", "").split("\n")[0] in first_lines, timeout, after=0
        )

    def private_mark(self, who: EmuUser) -> int:
        """The newest message id in ``who``'s private chat with the bot."""
        return max((m["message_id"] for m in self.emulator.chat_history(who.id)), default=0)

    def mark(self) -> int:
        """The newest message id in the operators' chat: later waits look only at what comes after it."""
        return max((m["message_id"] for m in self.emulator.chat_history(OPERATORS_CHAT)), default=0)

    async def message(self, key: str, timeout: float = 5.0, after: int = 0, **args: Any) -> dict:
        """The first bot message in the operators' chat (after message ``after``) that is exactly ``key``."""
        wanted = staff(key, **args)
        return await self.emulator.wait_for_bot_message(
            OPERATORS_CHAT, lambda m: m.get("text") == wanted, timeout, after=after
        )

    async def prompt(self, who: EmuUser, key: str, after: int = 0, **args: Any) -> dict:
        """The bot's reply/note prompt for operator ``who``: ``key``'s text addressed to them by name."""
        wanted = staff("opchat-prompt-for", name=who.first_name, prompt=staff(key, **args))
        return await self.emulator.wait_for_bot_message(OPERATORS_CHAT, lambda m: m.get("text") == wanted, after=after)

    async def press(self, who: EmuUser, message: dict, key: str, **args: Any) -> dict:
        """Press a button (by its catalog key) and return the bot's callback answer."""
        query = await self.emulator.press_button(who, message, text=staff(key, **args))
        return await self.emulator.wait_for_callback_answer(query)

    async def requested(self, who: EmuUser, command: str, predicate: Callable[[dict], bool]) -> dict:
        """A content command (/case, /export) sent in the operators' chat: the group reads only that it was sent;
        the first message in ``who``'s private chat matching ``predicate`` is returned."""
        mark = self.private_mark(who)
        told = await self.command(who, command)
        assert told["text"].endswith(staff("security-sent-privately", what="").strip()), told["text"]
        return await self.emulator.wait_for_bot_message(who.id, predicate, after=mark)

    async def command(self, who: EmuUser, command: str, predicate: Callable[[dict], bool] | None = None) -> dict:
        sent = await self.emulator.send_message(who, command, chat=self.chat)
        return await self.emulator.wait_for_bot_message(OPERATORS_CHAT, predicate, after=sent)

    async def write(
        self, who: EmuUser, card: dict, case_id: int, body: str, *, note: bool = False, confirmation: str | None = None
    ) -> dict:
        """Reply / Note: press the button, answer the bot's prompt (ForceReply); the bot's ``confirmation``."""
        mark = self.mark()
        answer = await self.press(who, card, "op-button-note" if note else "op-button-reply")
        assert answer.get("text") in (None, "")
        key = "op-write-note" if note else "op-write-reply"
        prompt = await self.prompt(who, key, after=mark, number=number(case_id))
        assert prompt["reply_markup"].get("force_reply") is True
        # Typed into the reply box the prompt opens on the client of the operator who pressed (none: LookupError).
        sent = await self.emulator.answer_force_reply(who, body, chat=self.chat)
        assert sent["reply_to_message"]["message_id"] == prompt["message_id"]
        confirmation = confirmation or ("op-note-saved" if note else "op-reply-queued")
        wanted = staff(confirmation, number=number(case_id))
        return await self.emulator.wait_for_bot_message(OPERATORS_CHAT, lambda m: m.get("text") == wanted, after=sent)

    async def open(self, who: EmuUser, card: dict, case_id: int) -> dict:
        """Press Open: the case's details, in the private chat of who pressed (the files and the buttons follow)."""
        mark = self.private_mark(who)
        answer = await self.press(who, card, "op-button-open")
        if card["chat"]["id"] == OPERATORS_CHAT:  # the group reads only that it was sent privately
            what = staff("security-what-case", number=number(case_id))
            assert answer.get("text") == staff("security-sent-privately", what=what)
        heading = f"📂 Case {number(case_id)} — "
        details = await self.emulator.wait_for_bot_message(
            who.id, lambda m: m.get("text", "").startswith(heading), after=mark
        )
        await self.emulator.wait_for_bot_message(
            who.id, lambda m: m.get("text") == number(case_id) and bool(buttons(m)), after=details
        )
        return details

    async def close(self, who: EmuUser, card: dict, case_id: int, outcome: str = "actioned") -> dict:
        mark = self.mark()
        await self.press(who, card, "op-button-status")
        choose = await self.message("op-choose-status", after=mark, number=number(case_id))
        assert buttons(choose) == [staff("op-status-in_review")] + [
            staff(f"op-outcome-{o}") for o in ("actioned", "referred", "duplicate", "no_action", "spam")
        ]
        return await self.press(who, choose, f"op-outcome-{outcome}")


@contextlib.asynccontextmanager
async def operators_desk(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], **overrides: Any
) -> AsyncIterator[Desk]:
    """A running bot with an operators' group (OPERATOR_CHAT_ID), its staff, and operators' language English.

    The bot paces its messages to the group by the emulator's limits (Telegram's, scaled up as in conftest).
    """
    settings = make_settings(
        operator_ids=OPERATOR_IDS, operator_chat_id=OPERATORS_CHAT, operator_language="en", **overrides
    )
    running = RunningBot(settings)
    chat = emulator.group(OPERATORS_CHAT, "Hotline operators")
    desk = Desk(
        emulator,
        running,
        chat,
        admin=emulator.user(ADMIN_ID, first_name="Aidos", username="aidos_admin", language_code="en"),
        operator=emulator.user(OPERATOR_ID, first_name="Olzhas", username="olzhas_op", language_code="en"),
        operator2=emulator.user(OPERATOR2_ID, first_name="Oksana", username="oksana_op", language_code="en"),
        analyst=emulator.user(ANALYST_ID, first_name="Askar", username="askar_analyst", language_code="en"),
    )
    await running.start()
    try:
        # Staff have a private chat with the bot: case content asked for in the group is sent there.
        for member in (desk.admin, desk.operator, desk.operator2, desk.analyst):
            started = await emulator.send_message(member, "/start")
            await emulator.wait_for_bot_message(member.id, lambda m: bool(buttons(m)), after=started)  # the menu
        yield desk
    finally:
        await running.stop()
