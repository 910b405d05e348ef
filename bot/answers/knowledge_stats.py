"""What the knowledge base did for citizens: outcome counts, unanswered questions, "was this helpful?" votes.

Nothing here knows who asked. Counting happens in memory and is written in batches every few seconds, so a busy
hour of questions costs a handful of database writes; a crash loses at most those seconds of statistics, never a
report.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.sql.dml import UpdateBase
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.answer_engine import Result
from bot.answers.text_folding import TOKEN, clean, fold_cyrillic
from bot.core.clock import utcnow
from bot.models import AnswerFeedback, AnswerOutcome, KnowledgeGap
from bot.models.knowledge_stats import GAP_TEXT_LIMIT

log = logging.getLogger(__name__)


def upsert(
    session: AsyncSession,
    model: type[SQLModel],
    values: Mapping[str, object],
    keys: list[str],
    add: Mapping[str, object],
) -> UpdateBase:
    """INSERT … ON CONFLICT DO UPDATE adding to counters, for SQLite and PostgreSQL alike."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model).values(**values).on_conflict_do_update(index_elements=keys, set_=add)
    return sqlite.insert(model).values(**values).on_conflict_do_update(index_elements=keys, set_=add)


def gap_key(text: str) -> str:
    """The folded form gaps and learned phrasings are keyed by: one key for the ways one wording is typed."""
    # Words only: "Who are you?" and "who are you" are one wording.
    return " ".join(TOKEN.findall(fold_cyrillic(clean(text)[:GAP_TEXT_LIMIT])))


@dataclass
class _Gap:
    example: str
    lang: str
    asked: int
    suggested: bool
    last_asked: datetime


class QuestionLog:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, flush_interval: float = 2.0) -> None:
        self._sessions = sessions
        self._interval = flush_interval
        self._outcomes: Counter[tuple[date, str, str]] = Counter()
        self._gaps: dict[str, _Gap] = {}

    def record(self, result: Result, text: str) -> None:
        """Count one answered question; remember an unanswered one by its folded text (no identity)."""
        now = utcnow()
        self._outcomes[(now.date(), result.decision, result.lang)] += 1
        if result.entry_id is not None:
            return
        example = clean(text)[:GAP_TEXT_LIMIT]
        if not example:
            return
        key = gap_key(text)
        gap = self._gaps.get(key)
        if gap is None:
            self._gaps[key] = _Gap(example, result.lang, 1, result.decision == "suggest", now)
        else:
            gap.asked += 1
            gap.last_asked = now

    async def flush(self) -> None:
        outcomes, self._outcomes = self._outcomes, Counter()
        gaps, self._gaps = self._gaps, {}
        if not outcomes and not gaps:
            return
        async with self._sessions() as session:
            for (day, outcome, lang), count in outcomes.items():
                values: dict[str, object] = {"day": day, "outcome": outcome, "lang": lang, "count": count}
                add: dict[str, object] = {"count": col(AnswerOutcome.count) + count}
                await session.exec(upsert(session, AnswerOutcome, values, ["day", "outcome", "lang"], add))
            for key, gap in gaps.items():
                values = {
                    "key": key,
                    "example": gap.example,
                    "lang": gap.lang,
                    "asked": gap.asked,
                    "suggested": gap.suggested,
                    "first_asked": gap.last_asked,
                    "last_asked": gap.last_asked,
                }
                add = {"asked": col(KnowledgeGap.asked) + gap.asked, "last_asked": gap.last_asked}
                await session.exec(upsert(session, KnowledgeGap, values, ["key"], add))
            await session.commit()

    async def run(self, stopping: asyncio.Event | None = None) -> None:
        """Flush every few seconds until ``stopping`` is set (or the task is cancelled); then flush what is left."""
        stopping = stopping or asyncio.Event()
        try:
            while not stopping.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stopping.wait(), self._interval)
                try:
                    await self.flush()
                except Exception:
                    log.exception("could not write question statistics; will retry")
        finally:
            await asyncio.shield(self.flush())


async def record_feedback(
    sessions: async_sessionmaker[AsyncSession], *, entry_id: str, lang: str, helpful: bool
) -> None:
    column = "helpful" if helpful else "not_helpful"
    async with sessions() as session:
        values: dict[str, object] = {
            "entry_id": entry_id,
            "lang": lang,
            "helpful": int(helpful),
            "not_helpful": int(not helpful),
        }
        add: dict[str, object] = {column: getattr(AnswerFeedback, column) + 1}
        await session.exec(upsert(session, AnswerFeedback, values, ["entry_id", "lang"], add))
        await session.commit()


async def top_gaps(
    sessions: async_sessionmaker[AsyncSession], *, limit: int = 20, days: int = 30
) -> list[KnowledgeGap]:
    """The most frequent unanswered questions of the last ``days`` days."""
    since = utcnow() - timedelta(days=days)
    async with sessions() as session:
        query = (
            select(KnowledgeGap)
            .where(
                col(KnowledgeGap.last_asked) >= since,
                col(KnowledgeGap.decision).is_(None),
                col(KnowledgeGap.asked) > 0,
            )
            .order_by(col(KnowledgeGap.asked).desc(), col(KnowledgeGap.last_asked).desc())
            .limit(limit)
        )
        return list((await session.exec(query)).all())


async def hit_rate(sessions: async_sessionmaker[AsyncSession], *, days: int = 30) -> dict[str, int]:
    """Questions by outcome (answer / suggest / unknown) over the last ``days`` days."""
    since = (utcnow() - timedelta(days=days)).date()
    async with sessions() as session:
        query = (
            select(col(AnswerOutcome.outcome), func.sum(col(AnswerOutcome.count)))
            .where(col(AnswerOutcome.day) >= since)
            .group_by(col(AnswerOutcome.outcome))
        )
        return {outcome: int(total) for outcome, total in (await session.exec(query)).all()}
