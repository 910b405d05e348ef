"""The background work every instance runs: the outbox worker, the question log and the scheduled jobs.

Each is safe on several instances at once: the outbox and the reminders lock rows (``FOR UPDATE SKIP LOCKED``),
and the daily purge is claimed once per deployment (bot.core.coordination).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.cases import retention, user_limits
from bot.core.backup import remove_expired_backups
from bot.telegram.conversation_storage import forget_lapsed_sessions

if TYPE_CHECKING:
    from bot.telegram.composition import Services

log = logging.getLogger(__name__)
PURGE_EVERY = timedelta(days=1)
PURGE_CHECK_SECONDS = 3600  # each instance asks hourly whether the day's purge is still to do
REMINDER_CHECK_SECONDS = 60
FORGET_CHECK_SECONDS = 300


def start_background_work(services: Services) -> None:
    """Start the loops; they end when ``services.stopping`` is set (``Services.close``)."""
    settings = services.settings
    reminders = functools.partial(
        retention.enqueue_reminders,
        services.sessions,
        urgent_after=timedelta(minutes=settings.reminder_urgent_minutes),
        normal_after=timedelta(hours=settings.reminder_normal_hours),
    )
    purge = functools.partial(retention.purge_expired, services.sessions, retention_days=settings.retention_days)

    async def purge_once_a_day() -> int:
        # With several instances only the first to ask in a day purges (the claim is in Redis).
        if await services.coordinator.claim_period("retention-purge", PURGE_EVERY.total_seconds()):
            # Backups older than the retention period hold content purged since: they go the same day.
            await asyncio.to_thread(remove_expired_backups, settings)
            return await purge()
        return 0

    purge_once_a_day.__name__ = "purge_expired"

    async def forget_what_lapsed() -> None:
        # What links an account's pseudonym to an act must not outlive its use: counters after their window,
        # a /status session after STATUS_SESSION_MINUTES. Idempotent, so every instance may run it.
        await user_limits.forget_expired(services.sessions)
        await forget_lapsed_sessions(services.sessions)

    forget_what_lapsed.__name__ = "forget_lapsed"
    learned = functools.partial(services.knowledge.refresh, services.sessions)
    for name, job in (
        ("outbox", services.outbox.run(services.stopping)),
        ("learned-knowledge", every(settings.learned_refresh_seconds, learned, services.stopping)),
        ("question-log", services.question_log.run(services.stopping)),
        ("reminders", every(REMINDER_CHECK_SECONDS, reminders, services.stopping, wake=services.outbox.wake)),
        ("retention", every(PURGE_CHECK_SECONDS, purge_once_a_day, services.stopping)),
        ("forget", every(FORGET_CHECK_SECONDS, forget_what_lapsed, services.stopping)),
    ):
        services.background.append(asyncio.create_task(job, name=name))


async def every(
    seconds: float,
    job: Callable[[], Awaitable[Any]],
    stopping: asyncio.Event,
    wake: Callable[[], None] | None = None,
) -> None:
    """Run ``job`` now and then every ``seconds`` until ``stopping``; a failure is logged and the schedule goes on."""
    while not stopping.is_set():
        try:
            if await job() and wake is not None:
                wake()
        except Exception:
            log.exception("scheduled job %s failed", getattr(job, "func", job).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), seconds)
