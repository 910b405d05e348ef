"""Per-user flood control: a token bucket per keyed user hash, and a "slow down" notice at most once per pause.

``FloodControl`` keeps the buckets in this process; ``RedisFloodControl`` keeps them in Redis, so a user's messages
count against one bucket whichever instance handles them. Both answer ``await take(user_key)`` the same way.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import Redis


class Flood(Protocol):
    async def take(self, user_key: str) -> tuple[bool, bool]:
        """(allowed, warn): whether to handle this update, and whether to tell the user to slow down."""
        ...


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

    async def take(self, user_key: str) -> tuple[bool, bool]:
        return self.check(user_key)

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


# The same bucket as FloodControl.check, atomically in Redis. The key expires once the bucket would be full again
# and no notice is pending, which is the same as a fresh bucket: idle users cost no memory.
_TAKE = """
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local now = tonumber(ARGV[3])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
end
local b = redis.call('HMGET', KEYS[1], 'tokens', 'updated', 'warned_until')
local tokens = tonumber(b[1]) or burst
local updated = tonumber(b[2]) or now
local warned_until = tonumber(b[3]) or 0
tokens = math.min(burst, tokens + math.max(0, now - updated) * rate)
local allowed, warn = 0, 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
elseif now >= warned_until then
  warned_until = now + burst / rate
  warn = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now),
  'warned_until', tostring(warned_until))
local keep = math.max((burst - tokens) / rate, warned_until - now)
redis.call('PEXPIRE', KEYS[1], math.ceil(keep * 1000) + 1000)
return {allowed, warn}
"""


class RedisFloodControl:
    """FloodControl shared by all instances: one bucket per user in Redis, updated by one Lua script call."""

    def __init__(self, redis: Redis, *, rate: float, burst: int, namespace: str) -> None:
        self.rate = rate
        self.burst = burst
        self._namespace = namespace
        self._script = redis.register_script(_TAKE)

    async def take(self, user_key: str, now: float | None = None) -> tuple[bool, bool]:
        """(allowed, warn) as FloodControl.check; ``now`` (seconds) only for tests, else Redis's clock."""
        args: list[float | str] = [repr(self.rate), str(self.burst)]
        if now is not None:
            args.append(repr(now))
        allowed, warn = await self._script(keys=[f"{self._namespace}:flood:{user_key}"], args=args)
        return bool(allowed), bool(warn)
