"""The teach loop: editors turn what citizens asked and the bot could not answer into phrasings it answers.

Candidates come from traffic without identity: unanswered questions (``knowledge_gaps``), the "did you mean"
suggestion a citizen chose, and answers voted 👎. Nothing is learned without an editor's decision (admins and the
``editor`` role), so the public cannot poison the engine; every decision is audited (the entry id, never the text).
Learned phrasings live in the database; every instance rebuilds its engine when they change
(``LearnedKnowledge.refresh``, polled every few seconds), and ``hotline kb learned --export`` writes them as YAML to
fold into ``knowledge/``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import yaml
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.answer_engine import AnswerEngine
from bot.answers.knowledge_base import KnowledgeBase, Lexicon
from bot.answers.knowledge_stats import gap_key, upsert
from bot.answers.text_folding import clean
from bot.core.clock import utcnow
from bot.core.languages import LANGUAGES
from bot.models import AuditEntry, KnowledgeGap, LearnedPhrasing, Operator
from bot.models.knowledge_stats import GAP_TEXT_LIMIT
from bot.models.operators import Role

log = logging.getLogger(__name__)
EDITORS = (Role.admin, Role.editor)
REF_LENGTH = 16  # hex characters of a gap's reference in button data (64 bits: no collisions in a gap list)


class NotAnEditor(Exception):
    """The caller may not edit the knowledge base (the refusal is audited)."""


class TeachOutcome(StrEnum):
    taught = "taught"
    already_known = "already_known"  # this wording (folded) was taught before
    unknown_entry = "unknown_entry"
    empty = "empty"


class Decision(StrEnum):
    taught = "taught"
    off_topic = "off_topic"


@dataclass(frozen=True)
class Candidate:
    """One question waiting for an editor: what was asked and what citizens' actions hint at."""

    ref: str
    text: str
    lang: str
    asked: int
    picked_entry: str | None
    picks: int
    disliked_entry: str | None
    dislikes: int


def gap_ref(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:REF_LENGTH]


# --- who may teach ---------------------------------------------------------------------------------------------------


async def find_editor(sessions: async_sessionmaker[AsyncSession], *, telegram_id: int) -> Operator | None:
    async with sessions() as session:
        query = select(Operator).where(
            Operator.telegram_id == telegram_id,
            col(Operator.active).is_(True),
            col(Operator.role).in_(EDITORS),
        )
        return (await session.exec(query)).first()


def _audit(session: AsyncSession, editor: Operator | None, action: str, detail: str) -> None:
    # The entry id and the phrasing's id, never the text: the audit log holds no citizen content.
    session.add(AuditEntry(operator_id=editor.id if editor else None, action=action, detail=detail[:200]))


# --- citizens' hints -------------------------------------------------------------------------------------------------


async def record_hint(
    sessions: async_sessionmaker[AsyncSession], *, question: str, lang: str, entry_id: str, picked: bool
) -> None:
    """A citizen chose ``entry_id`` among the suggestions for ``question`` (``picked``), or voted its answer 👎."""
    example = clean(question)[:GAP_TEXT_LIMIT]
    key = gap_key(question)
    if not key:
        return
    now = utcnow()
    entry_column, count_column = ("picked_entry", "picks") if picked else ("disliked_entry", "dislikes")
    values = {
        "key": key,
        "example": example,
        "lang": lang,
        "asked": 0 if not picked else 1,
        "suggested": picked,
        "first_asked": now,
        "last_asked": now,
        entry_column: entry_id,
        count_column: 1,
    }
    add = {entry_column: entry_id, count_column: getattr(KnowledgeGap, count_column) + 1, "last_asked": now}
    async with sessions() as session:
        await session.exec(upsert(session, KnowledgeGap, values, ["key"], add))
        await session.commit()


# --- what editors see ------------------------------------------------------------------------------------------------


async def candidates(
    sessions: async_sessionmaker[AsyncSession], *, limit: int = 20, offset: int = 0
) -> list[Candidate]:
    """Undecided gaps, those citizens hinted at first, then the most asked."""
    async with sessions() as session:
        hinted = col(KnowledgeGap.picks) + col(KnowledgeGap.dislikes)
        query = (
            select(KnowledgeGap)
            .where(col(KnowledgeGap.decision).is_(None))
            .order_by(
                (hinted > 0).desc(), (col(KnowledgeGap.asked) + hinted).desc(), col(KnowledgeGap.last_asked).desc()
            )
            .offset(offset)
            .limit(limit)
        )
        rows = (await session.exec(query)).all()
    return [
        Candidate(
            ref=gap_ref(row.key),
            text=row.example,
            lang=row.lang,
            asked=row.asked,
            picked_entry=row.picked_entry,
            picks=row.picks,
            disliked_entry=row.disliked_entry,
            dislikes=row.dislikes,
        )
        for row in rows
    ]


async def _gap_by_ref(session: AsyncSession, ref: str) -> KnowledgeGap | None:
    # Button data carries a 64-bit reference, not the key (up to 300 characters): look among the undecided.
    rows = (await session.exec(select(KnowledgeGap).where(col(KnowledgeGap.decision).is_(None)))).all()
    return next((row for row in rows if gap_ref(row.key) == ref), None)


def suggested_entries(candidate: Candidate, engine: AnswerEngine, *, limit: int = 3) -> list[str]:
    """Entries to offer as "means …" buttons: what citizens chose, then what the engine would suggest."""
    result = engine.ask(candidate.text, lang_hint=candidate.lang)
    ordered = [candidate.picked_entry, candidate.disliked_entry, result.entry_id, *result.suggestions]
    seen: list[str] = []
    for entry_id in ordered:
        if entry_id and entry_id not in seen:
            seen.append(entry_id)
    return seen[:limit]


# --- decisions -------------------------------------------------------------------------------------------------------


async def teach(
    sessions: async_sessionmaker[AsyncSession],
    *,
    kb: KnowledgeBase,
    question: str,
    entry_id: str,
    lang: str,
    editor: Operator | None,
) -> TeachOutcome:
    """Learn ``question`` as a way to ask for ``entry_id``; ``editor`` None is the server's command line."""
    if editor is not None and (not editor.active or editor.role not in EDITORS):
        raise NotAnEditor
    if entry_id not in kb.by_id:
        return TeachOutcome.unknown_entry
    text = clean(question)[:GAP_TEXT_LIMIT]
    key = gap_key(question)
    if not key or lang not in LANGUAGES:
        return TeachOutcome.empty
    async with sessions() as session:
        if (await session.exec(select(LearnedPhrasing.id).where(LearnedPhrasing.key == key))).first() is not None:
            return TeachOutcome.already_known
        learned = LearnedPhrasing(
            entry_id=entry_id, lang=lang, text=text, key=key, taught_by=editor.id if editor else None
        )
        session.add(learned)
        gap = await session.get(KnowledgeGap, key)
        if gap is not None:
            gap.decision, gap.decided_at = Decision.taught, utcnow()
            session.add(gap)
        await session.flush()
        _audit(session, editor, "knowledge_taught", f"{entry_id} learned #{learned.id}")
        try:
            await session.commit()
        except IntegrityError:  # another editor taught the same wording at the same moment
            return TeachOutcome.already_known
    return TeachOutcome.taught


async def teach_gap(
    sessions: async_sessionmaker[AsyncSession],
    *,
    kb: KnowledgeBase,
    ref: str,
    entry_id: str,
    editor: Operator,
) -> TeachOutcome | None:
    """Teach the gap ``ref`` as ``entry_id``; None if no undecided gap has that reference (decided meanwhile)."""
    async with sessions() as session:
        gap = await _gap_by_ref(session, ref)
    if gap is None:
        return None
    return await teach(sessions, kb=kb, question=gap.example, entry_id=entry_id, lang=gap.lang, editor=editor)


async def dismiss_gap(sessions: async_sessionmaker[AsyncSession], *, ref: str, editor: Operator) -> bool:
    """Mark the gap off-topic: it leaves the editors' list; the engine is not taught anything."""
    if not editor.active or editor.role not in EDITORS:
        raise NotAnEditor
    async with sessions() as session:
        gap = await _gap_by_ref(session, ref)
        if gap is None:
            return False
        gap.decision, gap.decided_at = Decision.off_topic, utcnow()
        session.add(gap)
        _audit(session, editor, "knowledge_off_topic", "gap")
        await session.commit()
    return True


async def unlearn(sessions: async_sessionmaker[AsyncSession], *, learned_id: int, editor: Operator | None) -> bool:
    async with sessions() as session:
        row = await session.get(LearnedPhrasing, learned_id)
        if row is None:
            return False
        await session.delete(row)
        _audit(session, editor, "knowledge_unlearned", f"{row.entry_id} learned #{learned_id}")
        await session.commit()
    return True


async def learned_phrasings(sessions: async_sessionmaker[AsyncSession]) -> list[LearnedPhrasing]:
    async with sessions() as session:
        return list((await session.exec(select(LearnedPhrasing).order_by(col(LearnedPhrasing.id)))).all())


def export_yaml(learned: Sequence[LearnedPhrasing]) -> str:
    """Learned phrasings in the knowledge base's own shape (``- id: … questions: {kk: […]}``), to fold in."""
    by_entry: dict[str, dict[str, list[str]]] = {}
    for row in learned:
        by_entry.setdefault(row.entry_id, {}).setdefault(row.lang, []).append(row.text)
    document = [
        {"id": entry_id, "questions": {lang: by_lang[lang] for lang in LANGUAGES if lang in by_lang}}
        for entry_id, by_lang in sorted(by_entry.items())
    ]
    header = "# Learned phrasings: add each entry's questions to the entry of the same id in knowledge/*.yaml\n"
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)


# --- the engine every instance answers with ---------------------------------------------------------------------


def with_learned(kb: KnowledgeBase, learned: Iterable[LearnedPhrasing]) -> KnowledgeBase:
    """The knowledge base with each learned phrasing added to its entry's questions (unknown entries skipped)."""
    extra: dict[str, dict[str, list[str]]] = {}
    for row in learned:
        if row.entry_id in kb.by_id and row.lang in LANGUAGES:
            extra.setdefault(row.entry_id, {}).setdefault(row.lang, []).append(row.text)
    if not extra:
        return kb
    entries = []
    for entry in kb.entries:
        added = extra.get(entry.id)
        if added:
            questions = {lang: (*entry.questions[lang], *added.get(lang, ())) for lang in entry.questions}
            entry = dataclasses.replace(entry, questions=questions)
        entries.append(entry)
    return KnowledgeBase(entries)


class LearnedKnowledge:
    """The engine of the knowledge base plus what editors taught, rebuilt when the learned phrasings change.

    ``refresh`` asks the database one aggregate question (count and newest id); only a change rebuilds, in a
    thread, so answering goes on meanwhile; ``on_change`` then gets the new engine.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        lexicon: Lexicon,
        engine: AnswerEngine,
        *,
        on_change: Callable[[AnswerEngine], None],
    ) -> None:
        self.kb = kb
        self.lexicon = lexicon
        self.engine = engine
        self._on_change = on_change
        self._version: tuple[int, int] = (0, 0)  # (count, newest id): what the current engine was built from

    async def refresh(self, sessions: async_sessionmaker[AsyncSession]) -> bool:
        async with sessions() as session:
            count, newest = (
                await session.exec(select(func.count(), func.coalesce(func.max(LearnedPhrasing.id), 0)))
            ).one()
        version = (int(count), int(newest or 0))
        if version == self._version:
            return False
        learned = await learned_phrasings(sessions)
        engine = await asyncio.to_thread(AnswerEngine, with_learned(self.kb, learned), lexicon=self.lexicon)
        self._version = version
        self.engine = engine
        self._on_change(engine)
        log.info("answer engine rebuilt with %d learned phrasing(s)", len(learned))
        return True


def stale_entries(kb: KnowledgeBase, learned: Iterable[LearnedPhrasing]) -> list[LearnedPhrasing]:
    """Learned phrasings whose entry no longer exists in ``knowledge/`` (ignored by the engine)."""
    return [row for row in learned if row.entry_id not in kb.by_id]
