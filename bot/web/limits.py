"""Abuse control of the web intake without identity: token buckets that are deployment-wide or per form token,
never per address (there is none to count by).

With ``REDIS_URL`` set the buckets live in Redis (bot.core.flood_control.RedisFloodControl: one Lua call per
check), so several ``hotline web`` processes behind one proxy share them: N processes do not multiply the limits by
N. Without Redis they live in this process. A Redis that cannot be reached lets the request through (logged by
class, at most once a minute): the proof of work and the size limits still stand, and a reporter is never turned
away for our outage. A flood is not an outage: Redis calls wait their turn (at most REDIS_CALLS at once, below the
client's pool of 100 connections, which refuses rather than waits), so many concurrent requests cannot exhaust
the pool and slip past the limits.
"""

from __future__ import annotations

import asyncio
import logging
import time

from redis.asyncio import Redis
from redis.exceptions import MaxConnectionsError, RedisError

from bot.core.flood_control import Flood, FloodControl, RedisFloodControl

log = logging.getLogger(__name__)
FORM_POSTS_PER_MINUTE = 20  # one draft's Continue/Send presses: a person needs a few, a script many
FAILED_LOOKUPS_PER_MINUTE = 30  # deployment-wide: guessing 80-bit codes stays hopeless, reporters are never locked
SUBMISSIONS = "submit"  # bucket names (in Redis: <namespace>:flood:<name>)
FAILED_LOOKUPS = "status-failed"
FORM_PREFIX = "form:"  # + the keyed hash of a form token (never the token itself)
# One check is ~1 ms; 500 concurrent ones through 50 calls take 0.8–1.4 ms each (2026-11-30, load average 6.8 on
# the 2 cores), where the unguarded pool refused most of them (MaxConnectionsError) and they slipped through.
REDIS_CALLS = 50
OUTAGE_LOG_SECONDS = 60.0


class WebLimits:
    """``await submission()``, ``await failed_lookup()``, ``await form_post(token_key)``: True if allowed."""

    def __init__(self, *, submissions_per_minute: float, redis: Redis | None = None, namespace: str = "") -> None:
        def bucket(per_minute: float, burst: int) -> Flood:
            rate = per_minute / 60
            if redis is None:
                return FloodControl(rate=rate, burst=burst)
            return RedisFloodControl(redis, rate=rate, burst=burst, namespace=namespace)

        self.shared = redis is not None
        self._calls = asyncio.Semaphore(REDIS_CALLS)
        self._outage_logged = float("-inf")
        self._submissions = bucket(submissions_per_minute, max(1, int(submissions_per_minute // 2)))
        self._lookups = bucket(FAILED_LOOKUPS_PER_MINUTE, FAILED_LOOKUPS_PER_MINUTE)
        self._per_form = bucket(FORM_POSTS_PER_MINUTE, FORM_POSTS_PER_MINUTE // 2)

    async def submission(self) -> bool:
        """Web reports accepted per minute in all (WEB_SUBMISSIONS_PER_MINUTE)."""
        return await self._take(self._submissions, SUBMISSIONS)

    async def failed_lookup(self) -> bool:
        """Receipt-code lookups that found nothing, per minute in all."""
        return await self._take(self._lookups, FAILED_LOOKUPS)

    async def form_post(self, token_key: str) -> bool:
        """Posts of one draft (Continue, remove a file, the danger answer, Send)."""
        return await self._take(self._per_form, FORM_PREFIX + token_key)

    async def _take(self, bucket: Flood, key: str) -> bool:
        try:
            async with self._calls:
                allowed, _ = await bucket.take(key)
        except MaxConnectionsError:  # our own pool is full: that is a flood, not an outage
            return False
        except (RedisError, OSError) as exc:
            now = time.monotonic()
            if now - self._outage_logged >= OUTAGE_LOG_SECONDS:  # one line a minute, not one per request
                self._outage_logged = now
                log.error("web rate limits: Redis unavailable (%s); requests let through", type(exc).__name__)
            return True
        return allowed
