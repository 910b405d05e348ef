"""Per-user flood control: a token bucket per keyed user hash, and a "slow down" notice at most once per pause.

``FloodControl`` keeps the buckets in this process; ``RedisFloodControl`` keeps them in Redis, so a user's messages
count against one bucket whichever instance handles them. Both answer ``await take(user_key)`` the same way.

An album (up to ALBUM_ITEMS files sharing a media_group_id) is one message to the person who sends it, though
Telegram delivers one update per file: its first file takes one token and decides for the whole album, so a
10-photo album is never cut short by a burst allowance of 8 (nor does it cost 10 tokens).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import Redis

ALBUM_ITEMS = 10  # Telegram's largest album
ALBUM_SECONDS = 60  # an album's files arrive within a second or two; its decision is kept this long


class Flood(Protocol):
    async def take(self, user_key: str, album: str | None = None) -> tuple[bool, bool]:
        """(allowed, warn): whether to handle this update, and whether to tell the user to slow down.
        ``album``: the media_group_id of the message, if it is one file of an album."""
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

        self._albums: OrderedDict[tuple[str, str], list[float]] = OrderedDict()  # → [allowed, items, until]

    async def take(self, user_key: str, album: str | None = None) -> tuple[bool, bool]:
        if album is None:
            return self.check(user_key)
        now = time.monotonic()
        while self._albums and next(iter(self._albums.values()))[2] < now:
            self._albums.popitem(last=False)
        seen = self._albums.get((user_key, album))
        if seen is not None:
            seen[1] += 1
            return bool(seen[0]) and seen[1] <= ALBUM_ITEMS, False
        allowed, warn = self.check(user_key, now)
        self._albums[(user_key, album)] = [float(allowed), 1.0, now + ALBUM_SECONDS]
        return allowed, warn

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
if #KEYS == 2 and redis.call('EXISTS', KEYS[2]) == 1 then
  local items = redis.call('HINCRBY', KEYS[2], 'items', 1)
  local album_allowed = tonumber(redis.call('HGET', KEYS[2], 'allowed'))
  if album_allowed == 1 and items <= tonumber(ARGV[4]) then
    return {1, 0}
  end
  return {0, 0}
end
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
if #KEYS == 2 then
  redis.call('HSET', KEYS[2], 'allowed', allowed, 'items', 1)
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[5]))
end
return {allowed, warn}
"""


class RedisFloodControl:
    """FloodControl shared by all instances: one bucket per user in Redis, updated by one Lua script call."""

    def __init__(self, redis: Redis, *, rate: float, burst: int, namespace: str) -> None:
        self.rate = rate
        self.burst = burst
        self._namespace = namespace
        self._script = redis.register_script(_TAKE)

    async def take(self, user_key: str, album: str | None = None, now: float | None = None) -> tuple[bool, bool]:
        """(allowed, warn) as FloodControl.check; ``now`` (seconds) only for tests, else Redis's clock."""
        # ARGV: rate, burst, now ("" = Redis's clock), album items, album seconds.
        args: list[float | str] = [repr(self.rate), str(self.burst), "" if now is None else repr(now)]
        args += [str(ALBUM_ITEMS), str(ALBUM_SECONDS)]
        keys = [f"{self._namespace}:flood:{user_key}"]
        if album is not None:
            keys.append(f"{self._namespace}:album:{user_key}:{album}")
        allowed, warn = await self._script(keys=keys, args=args)
        return bool(allowed), bool(warn)
