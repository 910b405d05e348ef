"""Telegram-like flood control for outgoing bot messages and edits, on by default as in Telegram.

Telegram answers 429 with ``retry_after`` when a bot sends faster than about 1 message/s to one private chat
(short bursts pass), 20 messages/minute to one group, or 30 messages/s overall; edits count too. A bot that
broadcasts to operators or answers a burst of reports must survive that, which tests can only check against a
server that actually says no. Tests that flood on purpose turn it off (``emulator.enforce_limits = False``);
tests that must stay fast raise the limits (``RateLimits(private_per_second=10, ...)``) and pace the bot alike.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

from .errors import too_many_requests


@dataclass
class RateLimits:
    """Limits per bot token; the defaults follow Telegram's published guidance."""

    private_per_second: float = 1.0
    private_burst: int = 3
    group_per_minute: int = 20
    global_per_second: int = 30


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass
class RateLimiter:
    """Token bucket per private chat, sliding windows per group and per bot."""

    limits: RateLimits = field(default_factory=RateLimits)
    refused: int = 0  # 429s answered so far (tests check a well-paced bot never gets one)
    _private: dict[tuple[str, int], _Bucket] = field(default_factory=dict)
    _groups: dict[tuple[str, int], deque[float]] = field(default_factory=dict)
    _overall: dict[str, deque[float]] = field(default_factory=dict)

    def acquire(self, token: str, chat_id: int, private: bool, now: float, count: int = 1) -> None:
        """Admit ``count`` messages or raise 429 without consuming anything."""
        try:
            self._acquire(token, chat_id, private, now, count)
        except Exception:
            self.refused += 1
            raise

    def _acquire(self, token: str, chat_id: int, private: bool, now: float, count: int) -> None:
        overall = _window(self._overall.setdefault(token, deque()), now, 1.0)
        if len(overall) + count > self.limits.global_per_second:
            raise self._refusal(_retry_after(overall, count, self.limits.global_per_second, 1.0, now))
        if private:
            self._take_private(token, chat_id, now, count)
        else:
            group = _window(self._groups.setdefault((token, chat_id), deque()), now, 60.0)
            if len(group) + count > self.limits.group_per_minute:
                raise self._refusal(_retry_after(group, count, self.limits.group_per_minute, 60.0, now))
            group.extend([now] * count)
        overall.extend([now] * count)

    def _refusal(self, seconds: float) -> Exception:
        return too_many_requests(math.ceil(seconds))

    def _take_private(self, token: str, chat_id: int, now: float, count: int) -> None:
        rate, burst = self.limits.private_per_second, self.limits.private_burst
        bucket = self._private.setdefault((token, chat_id), _Bucket(float(burst), now))
        bucket.tokens = min(float(burst), bucket.tokens + (now - bucket.updated) * rate)
        bucket.updated = now
        if bucket.tokens < count:
            raise self._refusal((count - bucket.tokens) / rate)
        bucket.tokens -= count


def _window(stamps: deque[float], now: float, span: float) -> deque[float]:
    while stamps and stamps[0] <= now - span:
        stamps.popleft()
    return stamps


def _retry_after(stamps: deque[float], count: int, limit: int, span: float, now: float) -> float:
    """Seconds until enough old sends leave the window for ``count`` new ones."""
    must_expire = len(stamps) + count - limit
    if must_expire > len(stamps):
        return span
    return stamps[must_expire - 1] + span - now


def scaled_limits(factor: float) -> RateLimits:
    """Telegram's limits times ``factor``, bursts unchanged: for tests that must stay fast (pace the bot alike)."""
    base = RateLimits()
    return RateLimits(
        private_per_second=base.private_per_second * factor,
        private_burst=base.private_burst,
        group_per_minute=round(base.group_per_minute * factor),
        global_per_second=round(base.global_per_second * factor),
    )
