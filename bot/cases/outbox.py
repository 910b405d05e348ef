"""The outbox worker: delivers what the database promised (operator cards, alerts, messages to reporters).

Urgent first: rows are taken by priority, then oldest first, so an urgent case's card and alert overtake any
backlog of ordinary notifications (which the Telegram pacing would otherwise make them wait behind).

Notifications are rows written in the same transaction as the case they announce, so a crash can never lose one: a
worker delivers them afterwards, retrying with backoff. One row at a time, each in its own transaction with
``FOR UPDATE SKIP LOCKED`` (on PostgreSQL), so several instances never send the same row twice concurrently.

That transaction stays open while Telegram is called (a send with its own retries can take up to a minute or so):
it holds one pooled connection and the one row's lock, never other rows (they are skipped, not waited for), and the
bot's other writes do not wait for it. The price buys simple crash safety: a crash mid-send rolls the claim back, so
the row is due again as soon as any instance looks. A claim committed before the send (a lease) would free the
connection but leave a crashed send waiting for its lease to expire. Delivery is at-least-once: a crash between the
send and the commit re-sends that one notification.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core import metrics
from bot.core.clock import utcnow
from bot.models import OutboxMessage

log = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(minutes=10)


class Undeliverable(Exception):
    """Retrying cannot help (e.g. the reporter blocked the bot); the row is closed as failed."""


class Postponed(Exception):
    """Try again later, with backoff, without a warning per try: the cause (a closed set, e.g.
    ``operators_chat_lost``) was reported once where it was found, and the row must wait, not fail."""

    def __init__(self, cause: str) -> None:
        super().__init__(cause)
        self.cause = cause


Deliver = Callable[[OutboxMessage], Awaitable[None]]


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=2 ** min(attempts, 12)), MAX_BACKOFF)


class OutboxWorker:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], deliver: Deliver, *, poll_interval: float = 1.0):
        self._sessions = sessions
        self._deliver = deliver
        self._poll = poll_interval
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Deliver now rather than at the next poll (called right after a case is committed)."""
        self._wake.set()

    async def deliver_one(self) -> bool:
        """Deliver the most urgent, then oldest, due row, if any; True if there was one."""
        async with self._sessions() as session:
            query = (
                select(OutboxMessage)
                .where(
                    col(OutboxMessage.sent_at).is_(None),
                    col(OutboxMessage.failed_at).is_(None),
                    OutboxMessage.next_attempt_at <= utcnow(),
                )
                .order_by(col(OutboxMessage.priority).desc(), col(OutboxMessage.id))
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            item = (await session.exec(query)).first()
            if item is None:
                return False
            try:
                await self._deliver(item)
            except Undeliverable as reason:
                item.failed_at, item.last_error = utcnow(), str(reason)[:200]
            except Postponed as waiting:  # already said once (e.g. the operators' chat is lost): no line per try
                self._retry_later(item, waiting.cause)
                metrics.OUTBOX_POSTPONED.labels(cause=waiting.cause).inc()
                log.debug("outbox %s #%s postponed (attempt %d): %s", item.kind, item.id, item.attempts, waiting.cause)
            except Exception as error:  # any failure to send is retried later; the row stays pending
                self._retry_later(item, type(error).__name__)
                log.warning(
                    "outbox %s #%s failed (attempt %d): %s", item.kind, item.id, item.attempts, type(error).__name__
                )
            else:
                item.sent_at = utcnow()
            session.add(item)
            await session.commit()
            return True

    @staticmethod
    def _retry_later(item: OutboxMessage, error: str) -> None:
        item.attempts += 1
        item.next_attempt_at = utcnow() + backoff(item.attempts)
        item.last_error = error

    async def deliver_due(self, limit: int = 100, stopping: asyncio.Event | None = None) -> int:
        delivered = 0
        while delivered < limit and not (stopping and stopping.is_set()) and await self.deliver_one():
            delivered += 1
        return delivered

    async def run(self, stopping: asyncio.Event | None = None) -> None:
        """Deliver until ``stopping`` is set (then call ``wake``): checked between rows, so shutting down never cuts
        a delivery and its transaction in half."""
        stopping = stopping or asyncio.Event()
        while not stopping.is_set():
            try:
                await self.deliver_due(stopping=stopping)
            except Exception:
                log.exception("outbox worker error; retrying")
            self._wake.clear()
            if stopping.is_set():
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll)


async def backlog(sessions: async_sessionmaker[AsyncSession]) -> tuple[int, float]:
    """(pending rows, age in seconds of the oldest one) — for metrics and health."""
    async with sessions() as session:
        # One aggregate row, however long the backlog: /metrics asks on every scrape.
        pending, oldest = (
            await session.exec(
                select(func.count(), func.min(OutboxMessage.created_at)).where(
                    col(OutboxMessage.sent_at).is_(None), col(OutboxMessage.failed_at).is_(None)
                )
            )
        ).one()
    if not pending or oldest is None:
        return 0, 0.0
    return int(pending), (utcnow() - oldest).total_seconds()
