"""Retention and reminders: scheduled work over cases.

- ``purge_expired``: RETENTION_DAYS after a case closed, its content, evidence references and web files, dialogue,
  notes, reply route and notifications are deleted; the row keeps only what anonymous statistics need (category,
  language, urgency, timestamps). SQLite overwrites what is deleted (secure_delete) and the write-ahead log is
  emptied after.
- ``enqueue_reminders``: urgent cases still unclaimed after 15 minutes, others after 24 hours (configurable), get a
  reminder in the operators' chat — again every such period until someone claims them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, or_, update
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases import search
from bot.core.clock import utcnow
from bot.core.database import compact_after_purge
from bot.models import (
    Case,
    CaseMessage,
    CaseNote,
    ConsoleLink,
    ConsoleSession,
    ConversationState,
    Evidence,
    KnowledgeGap,
    OutboxMessage,
    ReplyRoute,
    WebUpload,
)
from bot.models.cases import Status
from bot.models.outbox import OutboxKind, Priority

PURGE_BATCH = 500  # cases per transaction: a large first purge neither holds one huge transaction nor all rows


async def purge_expired(
    sessions: async_sessionmaker[AsyncSession],
    *,
    retention_days: int,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Purge closed cases older than the retention period, and stale side data; returns the cases purged.

    In batches, each its own transaction: stopped half-way, the next run simply goes on. ``progress`` gets
    (cases purged, cases to purge) after each batch."""
    cutoff = utcnow() - timedelta(days=retention_days)
    expired = (Case.status == Status.closed, col(Case.closed_at) < cutoff, col(Case.purged_at).is_(None))
    async with sessions() as session:
        total = (await session.exec(select(func.count()).select_from(Case).where(*expired))).one()
    purged = 0
    while True:
        async with sessions() as session:
            query = select(col(Case.id)).where(*expired).order_by(col(Case.id)).limit(PURGE_BATCH)
            ids = [case_id for case_id in (await session.exec(query)).all() if case_id is not None]
            if not ids:
                break
            for model in (Evidence, CaseMessage, CaseNote, ReplyRoute, WebUpload):
                await session.exec(delete(model).where(col(model.case_id).in_(ids)))
            # Every notification of the case, sent, pending or given up: none may outlive its content.
            await session.exec(delete(OutboxMessage).where(col(OutboxMessage.case_id).in_(ids)))
            await session.exec(
                update(Case)
                .where(col(Case.id).in_(ids))
                .values(description="", place=None, incident_time=None, latitude=None, longitude=None, answers={})
                .values(purged_at=utcnow())
            )
            for case_id in ids:
                await search.reindex(session, case_id)
            await session.commit()
        purged += len(ids)
        if progress is not None:
            progress(purged, max(total, purged))
    async with sessions() as session:
        # Unfinished conversations (a draft report nobody submitted) and old unanswered questions go too.
        await session.exec(delete(ConversationState).where(col(ConversationState.updated_at) < cutoff))
        await session.exec(delete(KnowledgeGap).where(col(KnowledgeGap.last_asked) < cutoff))
        # Console sign-in links and sessions long over (they name staff and their browsers, never a reporter).
        await session.exec(delete(ConsoleLink).where(col(ConsoleLink.expires_at) < cutoff))
        await session.exec(delete(ConsoleSession).where(col(ConsoleSession.expires_at) < cutoff))
        if purged:
            await search.drop_deleted_terms(session)
        await session.commit()
    engine = sessions.kw.get("bind")
    if purged and isinstance(engine, AsyncEngine):
        await compact_after_purge(engine)
    return purged


async def enqueue_reminders(
    sessions: async_sessionmaker[AsyncSession], *, urgent_after: timedelta, normal_after: timedelta
) -> int:
    """Queue a reminder for each open case unclaimed for too long; returns how many were queued."""
    now = utcnow()
    async with sessions() as session:
        # Several instances run this every minute: on PostgreSQL each row is locked and rows another instance holds
        # are skipped, so a case gets one reminder, not one per instance (SQLite means a single instance).
        query = (
            select(Case)
            .where(
                col(Case.status) != Status.closed,
                or_(col(Case.claimed_by).is_(None), col(Case.claim_expires_at) <= now),
            )
            .with_for_update(skip_locked=True)
        )
        queued = 0
        for case in (await session.exec(query)).all():
            wait = urgent_after if case.urgent else normal_after
            since = case.last_reminded_at or case.created_at
            if now - since >= wait:
                case.last_reminded_at = now
                session.add(case)
                minutes = int((now - case.created_at).total_seconds() // 60)
                priority = Priority.urgent if case.urgent else Priority.normal
                reminder = OutboxMessage(
                    kind=OutboxKind.reminder, case_id=case.id, payload={"minutes": minutes}, priority=priority
                )
                session.add(reminder)
                queued += 1
        await session.commit()
        return queued
