"""Handlers through the real Dispatcher, without HTTP (tests/support/mocked_bot.py): what the bot decides to send,
in milliseconds. The same behaviour over real HTTP against the emulator is in tests/e2e."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.types import User
from sqlmodel import select

from bot.models import AuditEntry
from bot.telegram.texts import Texts
from tests.support.mocked_bot import MockedHotline, alerts, mocked_hotline, texts_sent

ADMIN, ANALYST, OPERATORS_CHAT = 501, 502, -100777


@pytest.fixture
async def hotline(tmp_path: Path) -> AsyncIterator[MockedHotline]:
    async with mocked_hotline(
        tmp_path / "data", operator_ids=f"{ADMIN}:admin,{ANALYST}:analyst", operator_chat_id=OPERATORS_CHAT
    ) as running:
        yield running


def person(user_id: int, language_code: str = "ru") -> User:
    return User(id=user_id, is_bot=False, first_name=f"Person{user_id}", language_code=language_code)


async def test_start_greets_warns_and_offers_the_menu_in_the_users_language(hotline: MockedHotline) -> None:
    t = Texts(hotline.services.translator, "kk")
    calls = await hotline.send(person(1, "kk"), "/start")
    assert texts_sent(calls) == [t("welcome"), t("emergency-notice"), t("menu-prompt")]
    menu = calls[-1].reply_markup
    assert [row[0].callback_data for row in menu.inline_keyboard] == [
        "m:ask",
        "m:report",
        "m:status",
        "m:language",
        "m:about",
    ]


async def test_a_question_gets_its_answer_with_feedback_buttons(hotline: MockedHotline) -> None:
    (answer,) = await hotline.send(person(2, "ru"), "How many people were convicted of terrorism in 2019?")
    assert "140" in answer.text and "convicted" in answer.text  # answered in the question's language
    assert [button.text for button in answer.reply_markup.inline_keyboard[0]] == ["👍 Yes", "👎 No"]


async def test_a_forged_operator_button_is_refused_once_and_audited_under_a_keyed_hash(hotline: MockedHotline) -> None:
    citizen = person(910_000_003, "en")
    calls = await hotline.press(citizen, "o:claim:1")
    assert alerts(calls) == [(Texts(hotline.services.translator, "en")("op-forbidden"), True)]
    async with hotline.services.sessions() as session:
        (entry,) = (await session.exec(select(AuditEntry))).all()
    assert entry.action == "refused:button:claim" and entry.detail == "no case #1"  # a forged number, no such case
    assert entry.user_key == hotline.services.secrets.user_key(citizen.id) and str(citizen.id) not in entry.user_key


async def test_roles_decide_who_reads_the_queue_and_who_exports(hotline: MockedHotline) -> None:
    staff = Texts(hotline.services.translator, hotline.services.settings.operators_language)
    assert texts_sent(await hotline.send(person(ANALYST), "/queue", chat_id=OPERATORS_CHAT)) == [
        staff("op-queue-empty")
    ]
    assert texts_sent(await hotline.send(person(ANALYST), "/export", chat_id=OPERATORS_CHAT)) == [staff("op-forbidden")]
    # Case content goes to the admin's private chat, never into the group (issue 11): the group hears where it went.
    sent = await hotline.send(person(ADMIN), "/export json", chat_id=OPERATORS_CHAT)
    (document,) = [method for method in sent if getattr(method, "document", None) is not None]
    assert document.chat_id == ADMIN and document.caption == staff("op-export-ready", count=0, format="json")
    assert all(getattr(method, "chat_id", None) in (ADMIN, OPERATORS_CHAT) for method in sent)
    async with hotline.services.sessions() as session:
        actions = [entry.action for entry in (await session.exec(select(AuditEntry))).all()]
    assert actions == ["refused:export", "export"]
