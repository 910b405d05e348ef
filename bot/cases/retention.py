"""Retention and reminders: scheduled work over cases.

- ``purge_expired``: RETENTION_DAYS after a case closed, its content, evidence references and web files, dialogue,
  notes, reply route and notifications are deleted; the row keeps only what anonymous statistics need (category,
  language, urgency, timestamps). SQLite overwrites what is deleted (secure_delete) and the write-ahead log is
  emptied after.
- ``enqueue_reminders``: urgent cases still unclaimed after 15 minutes, others after 24 hours (configurable), get a
  reminder in the operators' chat — again every such period until someone claims them.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_
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


async def purge_expired(sessions: async_sessionmaker[AsyncSession], *, retention_days: int) -> int:
    """Purge closed cases older than the retention period, and stale side data; returns the cases purged."""
    cutoff = utcnow() - timedelta(days=retention_days)
    async with sessions() as session:
        query = select(Case).where(
            Case.status == Status.closed, col(Case.closed_at) < cutoff, col(Case.purged_at).is_(None)
        )
        cases = list((await session.exec(query)).all())
        ids = [case.id for case in cases]
        if ids:
            for model in (Evidence, CaseMessage, CaseNote, ReplyRoute, WebUpload):
                await session.exec(delete(model).where(col(model.case_id).in_(ids)))
            # Every notification of the case, sent, pending or given up: none may outlive its content.
            await session.exec(delete(OutboxMessage).where(col(OutboxMessage.case_id).in_(ids)))
        for case in cases:
            case.description, case.place, case.incident_time, case.answers = "", None, None, {}
            case.latitude = case.longitude = None
            case.purged_at = utcnow()
            session.add(case)
            await search.reindex(session, case.id)  # type: ignore[arg-type]
        # Unfinished conversations (a draft report nobody submitted) and old unanswered questions go too.
        await session.exec(delete(ConversationState).where(col(ConversationState.updated_at) < cutoff))
        await session.exec(delete(KnowledgeGap).where(col(KnowledgeGap.last_asked) < cutoff))
        # Console sign-in links and sessions long over (they name staff and their browsers, never a reporter).
        await session.exec(delete(ConsoleLink).where(col(ConsoleLink.expires_at) < cutoff))
        await session.exec(delete(ConsoleSession).where(col(ConsoleSession.expires_at) < cutoff))
        if ids:
            await search.drop_deleted_terms(session)
        await session.commit()
    engine = sessions.kw.get("bind")
    if ids and isinstance(engine, AsyncEngine):
        await compact_after_purge(engine)
    return len(ids)


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
