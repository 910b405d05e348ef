"""``/stats``: counts by status, category, language and urgency; median minutes to claim and to first reply.

Counted by the database (GROUP BY, and the medians by ORDER BY … OFFSET), so the cost does not grow with the rows
sent to the bot: one small result per figure, however many cases there are.
"""

from __future__ import annotations

import statistics
from typing import Any, TypedDict

from sqlalchemy import func
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.orm import Mapped
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases.moderation import READERS, require
from bot.models import Case, Operator


class CaseStatistics(TypedDict):
    total: int
    urgent: int
    by_status: dict[str, int]
    by_category: dict[str, int]
    by_language: dict[str, int]
    median_minutes_to_claim: float | None
    median_minutes_to_first_reply: float | None


async def case_statistics(sessions: async_sessionmaker[AsyncSession], operator: Operator | None) -> CaseStatistics:
    require(operator, READERS)
    async with sessions() as session:
        by_status = await _counts(session, col(Case.status))
        return CaseStatistics(
            total=sum(by_status.values()),
            urgent=(await session.exec(select(func.count()).where(col(Case.urgent).is_(True)))).one(),
            by_status=by_status,
            by_category=await _counts(session, col(Case.category)),
            by_language=await _counts(session, col(Case.language)),
            median_minutes_to_claim=await _median_minutes(session, col(Case.first_claimed_at)),
            median_minutes_to_first_reply=await _median_minutes(session, col(Case.first_reply_at)),
        )


async def _counts(session: AsyncSession, column: Mapped[Any]) -> dict[str, int]:
    rows = await session.exec(select(column, func.count()).group_by(column))
    return {str(value): count for value, count in rows.all()}


def _minutes_since_created(session: AsyncSession, moment: Mapped[Any]) -> ColumnElement[Any]:
    created = col(Case.created_at)
    if session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", moment - created) / 60
    return (func.julianday(moment) - func.julianday(created)) * 1440  # SQLite keeps datetimes as text


async def _median_minutes(session: AsyncSession, moment: Mapped[Any]) -> float | None:
    """The median of (moment − created_at) in minutes over the cases where ``moment`` happened, or None."""
    happened = moment.is_not(None)
    count = (await session.exec(select(func.count()).where(happened))).one()
    if not count:
        return None
    span = _minutes_since_created(session, moment)
    # The middle value (odd count) or the two middle values (even count).
    middle = select(span).where(happened).order_by(span).offset((count - 1) // 2).limit(2 - count % 2)
    values = [float(value) for value in (await session.exec(middle)).all()]
    return round(statistics.fmean(values), 1)
