"""Outgoing Bot API calls: stay under Telegram's limits, retry what is worth retrying, and nothing else.

aiogram sends each call once and has no rate limiter, so this request middleware adds both:
- limits: about 1 message/s per private chat (short bursts allowed), 20/min per group, 30/s overall;
- 429 → wait ``retry_after`` and retry; 5xx and network errors → bounded exponential backoff;
- never retried: answerCallbackQuery (an answer late by seconds is useless: "query is too old"), getUpdates (the
  polling loop has its own backoff), and 4xx errors such as 403 "bot was blocked by the user";
- a failed answerCallbackQuery is logged, not raised: the button's action goes on without it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramEntityTooLarge,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import AnswerCallbackQuery, GetMe, GetUpdates, TelegramMethod
from aiogram.methods.base import Response, TelegramType

log = logging.getLogger(__name__)

# Calls that put a message into a chat or change one, and so count towards Telegram's flood limits.
SENDING = frozenset(
    {
        "editMessageText",
        "editMessageCaption",
        "editMessageMedia",
        "editMessageReplyMarkup",
        "sendMessage",
        "copyMessage",
        "copyMessages",
        "forwardMessage",
        "forwardMessages",
        "sendPhoto",
        "sendDocument",
        "sendVideo",
        "sendVoice",
        "sendAudio",
        "sendAnimation",
        "sendLocation",
        "sendMediaGroup",
        "sendContact",
        "sendSticker",
        "sendPoll",
        "sendVenue",
        "sendVideoNote",
        "sendDice",
    }
)
NEVER_RETRIED = (AnswerCallbackQuery, GetUpdates, GetMe)  # GetMe: the start-up check answers at once


@dataclass
class _Bucket:
    tokens: float
    updated: float


class SendLimiter:
    """Token buckets that hand out delays instead of refusals: a call over the limit waits its turn.

    Telegram counts in windows (30 per second overall, 20 per minute per group), and a bucket allows its burst on top
    of its rate within one window; so each rate here is the window's limit minus the burst.
    """

    def __init__(
        self,
        *,
        private_rate: float = 1.0,
        private_burst: int = 3,
        group_rate: float = (20 - 3) / 60,
        group_burst: int = 3,
        global_rate: float = 30.0 - 5,
        global_burst: int = 5,
        margin: float = 0.2,
    ) -> None:
        self._private = (private_rate, private_burst)
        self._group = (group_rate, group_burst)
        self._global = (global_rate, global_burst)
        # Telegram counts a message when it arrives: one paced exactly at the limit can arrive a moment early
        # (the first of the burst took longer on the wire) and get 429. Waits get this much to spare.
        self._margin = margin
        self._buckets: dict[Any, _Bucket] = {}

    def _reserve(self, key: Any, rate: float, burst: int, now: float) -> float:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(tokens=float(burst), updated=now)
        bucket.tokens = min(float(burst), bucket.tokens + (now - bucket.updated) * rate)
        bucket.updated = now
        bucket.tokens -= 1.0  # may go negative: that debt is the wait
        return 0.0 if bucket.tokens >= 0 else -bucket.tokens / rate

    def delay(self, chat_id: int | str | None, now: float | None = None) -> float:
        """Seconds to wait before sending to ``chat_id`` (reserving the slot)."""
        now = time.monotonic() if now is None else now
        wait = self._reserve("*", *self._global, now)
        if chat_id is not None:
            is_group = isinstance(chat_id, str) or chat_id < 0
            rate, burst = self._group if is_group else self._private
            wait = max(wait, self._reserve(chat_id, rate, burst, now))
        if len(self._buckets) > 100_000:
            self._buckets = {k: b for k, b in self._buckets.items() if now - b.updated < 60}
        return wait + self._margin if wait > 0 else 0.0


class OutgoingPolicy(BaseRequestMiddleware):
    def __init__(
        self,
        *,
        limiter: SendLimiter | None = None,
        max_attempts: int = 5,
        max_retry_after: float = 60.0,
        backoff: float = 0.5,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.limiter = limiter or SendLimiter()
        self.max_attempts = max_attempts
        self.max_retry_after = max_retry_after
        self.backoff = backoff
        self._sleep = sleep

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if method.__api_method__ in SENDING:
            wait = self.limiter.delay(getattr(method, "chat_id", None))
            if wait > 0:
                await self._sleep(wait)
        if isinstance(method, AnswerCallbackQuery):
            try:
                return await make_request(bot, method)
            except TelegramAPIError as error:
                # Only the button's spinner waits for this answer: what the button does must still happen.
                log.warning("telegram answerCallbackQuery failed, not retried: %s", type(error).__name__)
                return True  # type: ignore[return-value]
        attempt = 1
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if isinstance(method, NEVER_RETRIED) or attempt >= self.max_attempts:
                    raise
                delay = min(float(error.retry_after), self.max_retry_after)
            except TelegramEntityTooLarge:
                raise
            except (TelegramServerError, TelegramNetworkError):
                if isinstance(method, NEVER_RETRIED) or attempt >= self.max_attempts:
                    raise
                delay = self.backoff * 2 ** (attempt - 1)
            log.warning("telegram %s failed (attempt %d), retrying in %.1fs", method.__api_method__, attempt, delay)
            await self._sleep(delay)
            attempt += 1
