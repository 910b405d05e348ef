"""The teach loop end to end: a citizen's unanswered question reaches an editor's /gaps, the editor says what it
means, and another running instance answers it within seconds. Two bots share one database here (two tokens, so
both can poll); on PostgreSQL + Redis the instances share it the same way."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from bot.answers.knowledge_base import KnowledgeBase
from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator, EmuUser
from tests.e2e.conftest import RunningBot
from tests.e2e.flows import assert_clean_run, buttons, eventually, query_db, text

EDITOR_ID = 700_000_101
OPERATOR_ID = 700_000_102
SECOND_TOKEN = "4343434343:e2e-second-instance-BBBBBBBBBBBBBBBBBBBB"
ODD_QUESTION = "What did the eagles of the steppe manage to stop before it happened"
MEANT = "terror-plots-prevented"


@pytest.fixture(autouse=True)
def clean_run(caplog: pytest.LogCaptureFixture, emulator: BotAPIEmulator) -> Any:
    yield
    assert_clean_run(caplog, emulator)


@pytest.fixture
async def two_instances(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings]
) -> AsyncIterator[tuple[RunningBot, RunningBot]]:
    common = {"operator_ids": f"{EDITOR_ID}:editor,{OPERATOR_ID}:operator", "operator_language": "en"}
    first = RunningBot(make_settings(learned_refresh_seconds=0.3, **common))
    second = RunningBot(make_settings(bot_token=SECOND_TOKEN, learned_refresh_seconds=0.3, **common))
    await first.start()
    await second.start()
    # Without token=, the emulator's user-side calls mean the first instance's bot.
    emulator.default_token = first.settings.bot_token.get_secret_value() if first.settings.bot_token else None
    yield first, second
    await second.stop()
    await first.stop()


def _label(kb: KnowledgeBase, entry_id: str) -> str:
    question = kb.by_id[entry_id].questions["en"][0]
    return text("en", "kb-gap-means", entry=question if len(question) <= 48 else question[:47] + "…")


async def test_an_editor_teaches_an_unanswered_question_and_another_instance_answers_it(
    emulator: BotAPIEmulator,
    two_instances: tuple[RunningBot, RunningBot],
    citizen: Callable[..., EmuUser],
    kb: KnowledgeBase,
) -> None:
    first, second = two_instances
    person = citizen(language_code="en")
    editor = emulator.user(EDITOR_ID, first_name="Erlan", language_code="en")

    await emulator.send_message(person, ODD_QUESTION, token=SECOND_TOKEN)
    reply = await emulator.wait_for_bot_message(person.id, token=SECOND_TOKEN)
    assert reply["text"] == text("en", "unknown-answer")
    # Counted in memory and written every few seconds; then it is the editors' to see.
    settings = first.settings
    await eventually(lambda: query_db(settings, "SELECT count(*) FROM knowledge_gaps") == [(1,)], timeout=8)

    await emulator.send_message(editor, "/gaps")
    gap = await emulator.wait_for_bot_message(editor.id)
    assert ODD_QUESTION.lower() in gap["text"] and "asked 1 time" in gap["text"]
    assert text("en", "kb-gap-off-topic") in buttons(gap)
    await emulator.press_button(editor, gap, text=text("en", "kb-gap-other-entry"))
    await eventually(lambda: _label(kb, MEANT) in buttons(emulator.bot_messages(editor.id)[-1]))
    await emulator.press_button(editor, emulator.bot_messages(editor.id)[-1], text=_label(kb, MEANT))
    await eventually(lambda: text("en", "kb-taught-taught") in (emulator.bot_messages(editor.id)[-1].get("text") or ""))
    assert (
        text("en", "kb-gaps-end") in emulator.bot_messages(editor.id)[-1]["text"]
        or text("en", "kb-gaps-none") in emulator.bot_messages(editor.id)[-1]["text"]
    )

    async def answered_by_second() -> bool:
        await emulator.send_message(person, ODD_QUESTION, token=SECOND_TOKEN)
        answer = await emulator.wait_for_bot_message(person.id, token=SECOND_TOKEN)
        return answer["text"] == kb.answer(MEANT, "en", second.settings.placeholder_values())

    for _ in range(20):  # every instance rebuilds within LEARNED_REFRESH_SECONDS (0.3 s here) of the change
        if await answered_by_second():
            break
        await asyncio.sleep(0.25)
    else:
        pytest.fail("the second instance never answered the taught question")
    audit = query_db(settings, "SELECT action, detail FROM audit_log WHERE action LIKE 'knowledge%'")
    assert audit == [("knowledge_taught", f"{MEANT} learned #1")]


async def test_a_thumbs_down_reaches_the_editor_with_the_entry_and_only_editors_see_gaps(
    emulator: BotAPIEmulator,
    two_instances: tuple[RunningBot, RunningBot],
    citizen: Callable[..., EmuUser],
    kb: KnowledgeBase,
) -> None:
    person = citizen(language_code="en")
    editor = emulator.user(EDITOR_ID, first_name="Erlan", language_code="en")
    operator = emulator.user(OPERATOR_ID, first_name="Olzhas", language_code="en")

    question = "How many people were convicted of terrorism crimes in 2019?"
    await emulator.send_message(person, question)
    answer = await emulator.wait_for_bot_message(person.id)
    assert answer["reply_to_message"]["text"] == question  # the answer quotes what it answers
    await emulator.press_button(person, answer, text=text("en", "feedback-no"))
    await eventually(lambda: query_db(two_instances[0].settings, "SELECT dislikes FROM knowledge_gaps") == [(1,)])

    await emulator.send_message(editor, "/gaps")
    gap = await emulator.wait_for_bot_message(editor.id)
    entry = kb.by_id["terrorism-convictions"].questions["en"][0]
    assert question.lower() in gap["text"]
    assert text("en", "kb-gap-disliked", entry=entry if len(entry) <= 48 else entry[:47] + "…", count=1) in gap["text"]

    await emulator.send_message(operator, "/gaps")
    refused = await emulator.wait_for_bot_message(operator.id)
    assert refused["text"] == text("en", "op-forbidden")
    await emulator.send_message(person, "/gaps")
    refused = await emulator.wait_for_bot_message(person.id)
    assert refused["text"] == text("en", "op-forbidden")
    assert query_db(two_instances[0].settings, "SELECT count(*) FROM audit_log WHERE action = 'refused:gaps'") == [(2,)]
