"""The teach loop without Telegram: editors' decisions, citizens' hints, the rebuilt engine, the command line.

On SQLite and (with TEST_DATABASE_URL, as on CI) PostgreSQL.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import cli
from bot.answers import learning
from bot.answers.answer_engine import AnswerEngine
from bot.answers.knowledge_base import KnowledgeBase, load_lexicon
from bot.answers.knowledge_stats import QuestionLog, top_gaps
from bot.models import AuditEntry, Operator
from bot.models.operators import Role
from tests.conftest import KNOWLEDGE

# Nobody words a question like this, so the knowledge base alone cannot answer it (checked in the first test).
ODD_QUESTION = "what did the eagles of the steppe manage to stop before it happened"
MEANT = "terror-plots-prevented"


async def _staff(sessions: async_sessionmaker[AsyncSession], role: Role, telegram_id: int = 5001) -> Operator:
    async with sessions() as session:
        operator = Operator(telegram_id=telegram_id, role=role)
        session.add(operator)
        await session.commit()
        await session.refresh(operator)
        return operator


async def _ask_unanswered(sessions: async_sessionmaker[AsyncSession], engine: AnswerEngine, text: str) -> None:
    log = QuestionLog(sessions)
    log.record(engine.ask(text, lang_hint="en"), text)
    await log.flush()


async def test_a_taught_wording_is_answered_by_the_rebuilt_engine_and_the_gap_leaves_the_list(
    sessions: async_sessionmaker[AsyncSession], kb: KnowledgeBase, engine: AnswerEngine
) -> None:
    assert engine.ask(ODD_QUESTION, lang_hint="en").entry_id is None
    await _ask_unanswered(sessions, engine, ODD_QUESTION)
    editor = await _staff(sessions, Role.editor)
    [candidate] = await learning.candidates(sessions)
    assert candidate.text == ODD_QUESTION and candidate.asked == 1

    assert await learning.teach_gap(sessions, kb=kb, ref=candidate.ref, entry_id=MEANT, editor=editor) == (
        learning.TeachOutcome.taught
    )

    assert await learning.candidates(sessions) == []
    assert await top_gaps(sessions) == []
    swapped: list[AnswerEngine] = []
    knowledge = learning.LearnedKnowledge(kb, load_lexicon(KNOWLEDGE), engine, on_change=swapped.append)
    assert await knowledge.refresh(sessions) is True
    assert swapped and swapped[0].ask(ODD_QUESTION, lang_hint="en").entry_id == MEANT
    # Typed differently (capitals, punctuation) it is the same wording.
    assert swapped[0].ask("What did the Eagles of the Steppe manage to stop before it happened?!").entry_id == MEANT
    assert await knowledge.refresh(sessions) is False  # nothing changed: no rebuild


async def test_the_same_wording_is_taught_once_and_unknown_entries_are_refused(
    sessions: async_sessionmaker[AsyncSession], kb: KnowledgeBase
) -> None:
    first = await learning.teach(
        sessions, kb=kb, question="Eagles of the steppe?", entry_id=MEANT, lang="en", editor=None
    )
    again = await learning.teach(
        sessions, kb=kb, question="eagles of the STEPPE", entry_id=MEANT, lang="en", editor=None
    )
    missing = await learning.teach(
        sessions, kb=kb, question="anything", entry_id="no-such-entry", lang="en", editor=None
    )
    empty = await learning.teach(sessions, kb=kb, question="  ?! ", entry_id=MEANT, lang="en", editor=None)
    assert (first, again, missing, empty) == (
        learning.TeachOutcome.taught,
        learning.TeachOutcome.already_known,
        learning.TeachOutcome.unknown_entry,
        learning.TeachOutcome.empty,
    )
    assert [row.text for row in await learning.learned_phrasings(sessions)] == ["eagles of the steppe?"]


async def test_only_editors_and_admins_decide_and_every_decision_is_audited_without_the_text(
    sessions: async_sessionmaker[AsyncSession], kb: KnowledgeBase, engine: AnswerEngine
) -> None:
    await _ask_unanswered(sessions, engine, ODD_QUESTION)
    [candidate] = await learning.candidates(sessions)
    operator = await _staff(sessions, Role.operator, 5002)
    analyst = await _staff(sessions, Role.analyst, 5003)
    admin = await _staff(sessions, Role.admin, 5004)
    for outsider in (operator, analyst):
        with pytest.raises(learning.NotAnEditor):
            await learning.teach(sessions, kb=kb, question=ODD_QUESTION, entry_id=MEANT, lang="en", editor=outsider)
        with pytest.raises(learning.NotAnEditor):
            await learning.dismiss_gap(sessions, ref=candidate.ref, editor=outsider)
        assert await learning.find_editor(sessions, telegram_id=outsider.telegram_id) is None
    assert await learning.find_editor(sessions, telegram_id=admin.telegram_id) is not None

    assert await learning.dismiss_gap(sessions, ref=candidate.ref, editor=admin) is True
    assert await learning.dismiss_gap(sessions, ref=candidate.ref, editor=admin) is False  # decided already
    [row] = await learning.learned_phrasings(sessions) or [None]
    assert row is None  # off-topic teaches nothing
    async with sessions() as session:
        entries = (await session.exec(select(AuditEntry))).all()
    assert [(e.action, e.operator_id) for e in entries] == [("knowledge_off_topic", admin.id)]
    assert all("eagle" not in (e.detail or "") for e in entries)


async def test_citizens_picks_and_thumbs_down_come_first_with_their_entries(
    sessions: async_sessionmaker[AsyncSession], engine: AnswerEngine
) -> None:
    await _ask_unanswered(sessions, engine, ODD_QUESTION)
    await _ask_unanswered(sessions, engine, ODD_QUESTION)
    await learning.record_hint(sessions, question="how many were stopped early", lang="en", entry_id=MEANT, picked=True)
    await learning.record_hint(
        sessions, question="who are you people", lang="en", entry_id="hotline-about", picked=False
    )
    found = await learning.candidates(sessions)
    assert [c.text for c in found] == ["how many were stopped early", "who are you people", ODD_QUESTION]
    assert (found[0].picked_entry, found[0].picks) == (MEANT, 1)
    assert (found[1].disliked_entry, found[1].dislikes) == ("hotline-about", 1)
    # The editor is offered what the citizen chose first.
    assert learning.suggested_entries(found[0], engine)[0] == MEANT


async def test_export_is_yaml_in_the_knowledge_base_shape(
    sessions: async_sessionmaker[AsyncSession], kb: KnowledgeBase
) -> None:
    await learning.teach(sessions, kb=kb, question="кыран жолы не", entry_id=MEANT, lang="kk", editor=None)
    await learning.teach(sessions, kb=kb, question="eagles stopped what", entry_id=MEANT, lang="en", editor=None)
    document = yaml.safe_load(learning.export_yaml(await learning.learned_phrasings(sessions)))
    assert document == [{"id": MEANT, "questions": {"kk": ["кыран жолы не"], "en": ["eagles stopped what"]}}]


# ------------------------------------------------------------------------------------------------ command line


def test_the_command_line_teaches_lists_exports_and_forgets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SECRET_KEY", "cli-learning-secret-0123456789-abcdefghijk")

    assert cli.main(["ask", "--json", ODD_QUESTION]) == 0
    assert json.loads(capsys.readouterr().out)["entry"] is None
    assert not (tmp_path / "data" / "hotline.db").exists()  # asking creates no database

    assert cli.main(["kb", "teach", ODD_QUESTION, MEANT]) == 0
    assert "taught (en)" in capsys.readouterr().out
    assert cli.main(["kb", "teach", ODD_QUESTION, MEANT]) == 0
    assert "already taught" in capsys.readouterr().err
    assert cli.main(["kb", "teach", "something", "no-such-entry"]) == 1
    assert "no entry 'no-such-entry'" in capsys.readouterr().err

    assert cli.main(["ask", "--json", ODD_QUESTION]) == 0
    assert json.loads(capsys.readouterr().out)["entry"] == MEANT

    assert cli.main(["kb", "learned"]) == 0
    listing = capsys.readouterr().out
    assert f"#1     {MEANT}" in listing and ODD_QUESTION in listing
    export = tmp_path / "learned.yaml"
    assert cli.main(["kb", "learned", "--export", str(export)]) == 0
    assert yaml.safe_load(export.read_text(encoding="utf-8"))[0]["questions"]["en"] == [ODD_QUESTION]

    assert cli.main(["kb", "unlearn", "1"]) == 0
    assert cli.main(["kb", "unlearn", "1"]) == 1
    capsys.readouterr()
    assert cli.main(["ask", "--json", ODD_QUESTION]) == 0
    assert json.loads(capsys.readouterr().out)["entry"] is None
