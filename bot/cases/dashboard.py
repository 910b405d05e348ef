"""The figures of the dashboard and of /stats, for one period: the same numbers in the console and in Telegram.

Cases per day by category and urgency; time to first response and to closing (median, p90); the open backlog by
age; reminders (cases left unclaimed past the reminder time); and for the knowledge base, per language: questions,
the share answered, the share of 👎 votes and the most frequent unanswered questions. Days are the hotline's
(TIMEZONE). Nothing here names anyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases.moderation import READERS, require
from bot.core.clock import utcnow
from bot.core.languages import LANGUAGES
from bot.models import AnswerFeedback, AnswerOutcome, Case, KnowledgeGap, Operator, OutboxMessage
from bot.models.cases import Category, Status
from bot.models.outbox import OutboxKind

PERIODS = (7, 30, 90)
BACKLOG_AGES = ((1, "lt1d"), (3, "1to3d"), (7, "3to7d"), (30, "7to30d"), (None, "gt30d"))  # upper bound in days
TOP_GAPS = 5


@dataclass(frozen=True)
class Spread:
    """Minutes: median and 90th percentile, of how many cases."""

    median: float | None
    p90: float | None
    count: int


@dataclass
class LanguageFigures:
    asked: int = 0
    answered: int = 0
    helpful: int = 0
    not_helpful: int = 0
    top_unanswered: list[tuple[str, int]] = field(default_factory=list)

    @property
    def answer_rate(self) -> float | None:
        return self.answered / self.asked if self.asked else None

    @property
    def thumbs_down_share(self) -> float | None:
        votes = self.helpful + self.not_helpful
        return self.not_helpful / votes if votes else None


@dataclass
class Figures:
    days: list[date]
    by_category: dict[str, list[int]]  # category → cases per day, aligned with ``days``
    urgent: list[int]
    normal: list[int]
    first_response: Spread
    closing: Spread
    backlog: list[tuple[str, int]]  # age bucket → open cases
    reminders: int
    languages: dict[str, LanguageFigures]

    @property
    def total(self) -> int:
        return sum(self.urgent) + sum(self.normal)


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (share 0.5 is the median, 0.9 the p90)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-int(share * len(ordered) * 1000) // 1000))  # ceil without floating surprises
    return round(ordered[min(rank, len(ordered)) - 1], 1)


def _spread(spans: list[float]) -> Spread:
    return Spread(percentile(spans, 0.5), percentile(spans, 0.9), len(spans))


async def figures(
    sessions: async_sessionmaker[AsyncSession], operator: Operator | None, *, days: int, zone: ZoneInfo
) -> Figures:
    require(operator, READERS)
    now = utcnow()
    today = now.astimezone(zone).date()
    day_list = [today - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
    start = datetime.combine(day_list[0], time.min, tzinfo=zone)
    index = {day: position for position, day in enumerate(day_list)}
    by_category = {category.value: [0] * days for category in Category}
    urgent, normal = [0] * days, [0] * days
    async with sessions() as session:
        created = (
            await session.exec(
                select(Case.created_at, Case.category, Case.urgent, Case.first_reply_at).where(
                    col(Case.created_at) >= start
                )
            )
        ).all()
        closed = (await session.exec(select(Case.created_at, Case.closed_at).where(col(Case.closed_at) >= start))).all()
        # Open cases by age, counted by the database (there may be tens of thousands).
        lower = 0.0
        buckets = []
        for bound, _ in BACKLOG_AGES:
            since = now - timedelta(days=bound) if bound is not None else None
            until = now - timedelta(days=lower)
            condition = col(Case.created_at) <= until
            if since is not None:
                condition = condition & (col(Case.created_at) > since)
            buckets.append(func.count().filter(condition))
            lower = bound or lower
        # One row of len(BACKLOG_AGES) counts; the row's type is beyond the stubs' select() overloads.
        backlog_row: Any = (await session.exec(select(*buckets).where(col(Case.status) != Status.closed))).one()
        backlog_counts = list(backlog_row)
        reminders = (
            await session.exec(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.kind == OutboxKind.reminder, col(OutboxMessage.created_at) >= start)
            )
        ).one()
        outcomes = (
            await session.exec(
                select(AnswerOutcome.lang, AnswerOutcome.outcome, func.sum(AnswerOutcome.count))
                .where(col(AnswerOutcome.day) >= day_list[0])
                .group_by(AnswerOutcome.lang, AnswerOutcome.outcome)
            )
        ).all()
        votes = (
            await session.exec(
                select(
                    AnswerFeedback.lang, func.sum(AnswerFeedback.helpful), func.sum(AnswerFeedback.not_helpful)
                ).group_by(AnswerFeedback.lang)
            )
        ).all()
        gaps = (
            await session.exec(
                select(KnowledgeGap.lang, KnowledgeGap.example, KnowledgeGap.asked)
                .where(col(KnowledgeGap.last_asked) >= start)
                .order_by(col(KnowledgeGap.asked).desc())
                .limit(200)
            )
        ).all()
    response_spans: list[float] = []
    for created_at, category, is_urgent, first_reply_at in created:
        position = index.get(created_at.astimezone(zone).date())
        if position is not None:
            by_category[str(category)][position] += 1
            (urgent if is_urgent else normal)[position] += 1
        if first_reply_at is not None:
            response_spans.append((first_reply_at - created_at).total_seconds() / 60)
    closing_spans = [(end - begin).total_seconds() / 60 for begin, end in closed]  # type: ignore[operator]
    languages: dict[str, LanguageFigures] = {lang: LanguageFigures() for lang in LANGUAGES}
    for lang, outcome, count in outcomes:
        figure = languages.setdefault(lang, LanguageFigures())
        figure.asked += int(count)
        if outcome == "answer":
            figure.answered += int(count)
    for lang, helpful, not_helpful in votes:
        figure = languages.setdefault(lang, LanguageFigures())
        figure.helpful, figure.not_helpful = int(helpful or 0), int(not_helpful or 0)
    for lang, example, asked in gaps:
        top = languages.setdefault(lang, LanguageFigures()).top_unanswered
        if len(top) < TOP_GAPS:
            top.append((example, int(asked)))
    return Figures(
        days=day_list,
        by_category=by_category,
        urgent=urgent,
        normal=normal,
        first_response=_spread(response_spans),
        closing=_spread(closing_spans),
        backlog=[(label, int(count or 0)) for (_, label), count in zip(BACKLOG_AGES, backlog_counts, strict=True)],
        reminders=int(reminders),
        languages=languages,
    )
