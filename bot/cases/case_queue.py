"""The console's queue: cases filtered, searched, sorted and paged, quickly with 100,000 of them.

Filters are plain column conditions (indexed: status+created_at, category, language, claimed_by, tags), the text
search goes through :mod:`bot.cases.search`, and a page is one query plus one count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases import search
from bot.cases.moderation import READERS, require
from bot.core.clock import utcnow
from bot.models import Case, CaseTag, Operator
from bot.models.cases import Category, Status

PER_PAGE = 50
COUNT_LIMIT = 1_000  # counted exactly up to here; beyond, "more than 1,000": an exact count of a broad filter over
# 100,000 cases reads them all, on every page view, for a number nobody pages through anyway
UNASSIGNED = 0  # the assignee filter value for "nobody holds it"


class Sort(StrEnum):
    newest = "newest"
    oldest = "oldest"
    urgent = "urgent"  # urgent first, then newest


@dataclass(frozen=True)
class QueueQuery:
    status: Status | None = None
    open_only: bool = False
    category: Category | None = None
    urgent: bool | None = None
    language: str | None = None
    assignee: int | None = None  # operator row id, or UNASSIGNED
    tag: str | None = None
    since: date | None = None  # days in the hotline's time zone, inclusive
    until: date | None = None
    text: str = ""
    sort: Sort = Sort.newest
    page: int = 1


@dataclass
class QueueRow:
    case: Case
    tags: list[str] = field(default_factory=list)


@dataclass
class QueuePage:
    rows: list[QueueRow]
    total: int  # at most COUNT_LIMIT
    page: int
    pages: int

    @property
    def more(self) -> bool:
        """More cases match than were counted."""
        return self.total >= COUNT_LIMIT


def _day_start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


async def queue_page(
    sessions: async_sessionmaker[AsyncSession], operator: Operator | None, *, query: QueueQuery, zone: ZoneInfo
) -> QueuePage:
    require(operator, READERS)
    now = utcnow()
    conditions = []
    if query.status is not None:
        conditions.append(col(Case.status) == query.status)
    elif query.open_only:
        conditions.append(col(Case.status) != Status.closed)
    if query.category is not None:
        conditions.append(col(Case.category) == query.category)
    if query.urgent is not None:
        conditions.append(col(Case.urgent).is_(query.urgent))
    if query.language:
        conditions.append(col(Case.language) == query.language)
    if query.assignee == UNASSIGNED:
        conditions.append(or_(col(Case.claimed_by).is_(None), col(Case.claim_expires_at) <= now))
    elif query.assignee is not None:
        conditions.append(col(Case.claimed_by) == query.assignee)
        conditions.append(col(Case.claim_expires_at) > now)
    if query.tag:
        conditions.append(col(Case.id).in_(select(CaseTag.case_id).where(CaseTag.tag == query.tag)))
    if query.since:
        conditions.append(col(Case.created_at) >= _day_start(query.since, zone))
    if query.until:
        conditions.append(col(Case.created_at) < _day_start(query.until + timedelta(days=1), zone))
    async with sessions() as session:
        if query.text:
            matching = search.matching(session.bind.dialect.name, query.text)  # type: ignore[union-attr]
            if matching is not None:
                conditions.append(matching)
        capped = select(Case.id).where(*conditions).limit(COUNT_LIMIT).subquery()
        total = (await session.exec(select(func.count()).select_from(capped))).one()
        pages = max(1, -(-total // PER_PAGE))
        page = min(max(1, query.page), pages)
        orders: dict[Sort, list[Any]] = {
            Sort.newest: [col(Case.id).desc()],
            Sort.oldest: [col(Case.id)],
            Sort.urgent: [col(Case.urgent).desc(), col(Case.id).desc()],
        }
        order = orders[query.sort]
        statement = select(Case).where(*conditions).order_by(*order).offset((page - 1) * PER_PAGE).limit(PER_PAGE)
        cases = list((await session.exec(statement)).all())
        tags: dict[int, list[str]] = {}
        if cases:
            ids = [case.id for case in cases]
            for case_id, tag in (
                await session.exec(select(CaseTag.case_id, CaseTag.tag).where(col(CaseTag.case_id).in_(ids)))
            ).all():
                tags.setdefault(case_id, []).append(tag)
    return QueuePage([QueueRow(case, sorted(tags.get(case.id or 0, []))) for case in cases], total, page, pages)


async def known_tags(sessions: async_sessionmaker[AsyncSession]) -> list[str]:
    async with sessions() as session:
        return list((await session.exec(select(CaseTag.tag).distinct().order_by(col(CaseTag.tag)))).all())
