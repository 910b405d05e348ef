"""Per-user flood control: a token bucket per keyed user hash, and a "slow down" notice at most once per pause."""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned_until: float = 0.0


class FloodControl:
    """``rate`` messages per second sustained, ``burst`` at once. In memory: one process (Redis for several)."""

    def __init__(self, *, rate: float, burst: int, max_users: int = 100_000) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, _Bucket] = {}
        self._max_users = max_users

    def check(self, user_key: str, now: float | None = None) -> tuple[bool, bool]:
        """(allowed, warn): whether to handle this update, and whether to tell the user to slow down."""
        now = time.monotonic() if now is None else now
        bucket = self._buckets.get(user_key)
        if bucket is None:
            if len(self._buckets) >= self._max_users:
                self._forget_idle(now)
            bucket = self._buckets[user_key] = _Bucket(tokens=float(self.burst), updated=now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return True, False
        # One notice per refill period, so the notice itself never floods the chat.
        if now >= bucket.warned_until:
            bucket.warned_until = now + self.burst / self.rate
            return False, True
        return False, False

    def _forget_idle(self, now: float) -> None:
        full = [key for key, b in self._buckets.items() if b.tokens + (now - b.updated) * self.rate >= self.burst]
        for key in full:
            del self._buckets[key]
