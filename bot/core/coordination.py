"""What several instances of the bot share: the Redis connection, and locks so that work meant to happen once per
deployment (registering the webhook, the daily retention purge) happens once however many replicas run.

Without Redis, a PostgreSQL advisory lock guards the webhook registration; SQLite means a single instance, so there
is nothing to coordinate and the locks are no-ops.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


def connect_redis(url: str) -> Redis:
    """A pooled client that fails fast: a handler waits seconds, not minutes, when Redis is gone."""
    return Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5, health_check_interval=30)


class Coordinator:
    """Deployment-wide locks and "once per period" claims, in Redis if configured, else as described above."""

    def __init__(self, *, redis: Redis | None, db: AsyncEngine, namespace: str) -> None:
        self.redis = redis
        self.db = db
        self.namespace = namespace  # e.g. "hotline:<bot id>": several bots may share one Redis
        self._claimed_until: dict[str, float] = {}

    def key(self, *parts: object) -> str:
        return ":".join((self.namespace, *(str(part) for part in parts)))

    @asynccontextmanager
    async def exclusive(self, name: str, timeout: float = 60.0) -> AsyncIterator[None]:
        """Hold the deployment-wide lock ``name`` for the block (waiting up to ``timeout`` for it)."""
        if self.redis is not None:
            lock = self.redis.lock(self.key("lock", name), timeout=timeout, blocking_timeout=timeout)
            async with lock:
                yield
            return
        if self.db.dialect.name != "postgresql":
            yield
            return
        # Session-level advisory lock on a connection of its own, released even if the block fails.
        lock_id = zlib.crc32(self.key("lock", name).encode())
        async with self.db.connect() as connection:
            await connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": lock_id})
            try:
                yield
            finally:
                await connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": lock_id})
                await connection.commit()

    async def claim_period(self, name: str, seconds: float) -> bool:
        """True for the first instance to ask in a period of ``seconds``: a job due once a day runs once a day."""
        if self.redis is not None:
            return bool(await self.redis.set(self.key("once", name), "1", nx=True, ex=max(1, int(seconds))))
        now = time.monotonic()
        if now < self._claimed_until.get(name, 0.0):
            return False
        self._claimed_until[name] = now + seconds
        return True
