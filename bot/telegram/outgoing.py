"""Outgoing Bot API calls: stay under Telegram's limits, retry what is worth retrying, and nothing else.

aiogram sends each call once and has no rate limiter, so this request middleware adds both:
- limits: about 1 message/s per private chat (short bursts allowed), 20/min per group, 30/s overall: in this
  process (``SendLimiter``), or with REDIS_URL shared by every instance (``RedisSendLimiter``: N instances together
  stay under the limits instead of sending N times them and living on 429s);
- a message that leaves later than its turn (its sender stalled) takes a new turn when it actually leaves, and so
  does every retry: the buckets count each message at the moment it reaches Telegram, not at a slot it missed;
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
from typing import Any, Protocol

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
from redis.asyncio import Redis

from bot.core import metrics

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


class Pacing(Protocol):
    async def reserve_turn(self, chat_id: int | str | None) -> tuple[float, float]:
        """(seconds to wait before sending to ``chat_id``, seconds until its bot-wide slot): the slot is reserved,
        the caller must then send. The two differ when the chat, not the whole bot, makes the message wait."""
        ...

    @property
    def late_after(self) -> float:
        """Seconds past its slot after which a message has missed its bot-wide turn and must take another."""
        ...

    @property
    def margin(self) -> float:
        """Seconds every wait carries to spare (so a chat's turn survives a message late by as much)."""
        ...


class SendLimiter:
    """Token buckets that hand out delays instead of refusals: a call over the limit waits its turn.

    Telegram counts in windows (30 per second overall, 20 per minute per group), and a bucket allows its burst on top
    of its rate within one window; so each rate here is the window's limit minus the burst. The bot-wide bucket keeps
    two messages a second to spare (25/s with bursts of 3 for Telegram's 30): a message may then leave up to 80 ms
    after its slot before it must take another (``late_after``; see ``OutgoingPolicy.take_turn``).
    """

    def __init__(
        self,
        *,
        private_rate: float = 1.0,
        private_burst: int = 3,
        group_rate: float = (20 - 3) / 60,
        group_burst: int = 3,
        global_rate: float = 30.0 - 5,
        global_burst: int = 3,
        global_window: float = 30.0,
        margin: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clock = clock
        # Messages a second the bot-wide bucket leaves unused of Telegram's ``global_window``: what lateness may use.
        self._spare = max(global_window - global_rate - global_burst, 0.0)
        self._private = (private_rate, private_burst)
        self._group = (group_rate, group_burst)
        self._global = (global_rate, global_burst)
        # Telegram counts a message when it arrives: one paced exactly at a chat's limit can arrive a moment early
        # (the first of the burst took longer on the wire) and get 429. A wait for a chat gets this much to spare.
        self._margin = margin
        self._buckets: dict[Any, _Bucket] = {}

    def scopes(self, chat_id: int | str | None) -> list[tuple[Any, float, int, float]]:
        """The buckets a message to ``chat_id`` takes a token from: (key, rate, burst, refill delay once full), the
        bot-wide one first.

        The refill delay (a full bucket refilling only ``margin`` after its first message, for a first message slower
        on the wire than the next ones) stays 0. It is a fixed time, not a share of the rate: at the end-to-end tests'
        10 messages/s per chat 0.2 s is two tokens, so the third answer of a burst (chat burst 2) waited 0.2 + 0.1 +
        0.2 s (delay, token, margin) instead of 0.3 s — the ~0.5 s the tests saw; on the bot-wide bucket (25/s) it is
        five tokens, so the sixth message of any burst waited ~0.45 s instead of ~0.25 s. The margin on every wait
        covers a slow first message up to 0.2 s without it (``test_send_limiter_pacing_passes_telegrams_private_chat
        _limit_despite_latency``), and a message that leaves late is charged again (``OutgoingPolicy``)."""
        overall = ("*", *self._global, 0.0)
        if chat_id is None:
            return [overall]
        is_group = isinstance(chat_id, str) or chat_id < 0
        return [overall, (chat_id, *(self._group if is_group else self._private), 0.0)]

    @property
    def margin(self) -> float:
        return self._margin

    @property
    def late_after(self) -> float:
        # Messages late by less than this still fit Telegram's window (burst + rate × (1 s + this) stays within it);
        # later ones could make a 31st among the next second's. Half a slot if nothing is spare; at least a
        # millisecond (with pacing lifted, in benchmarks, half a slot is below what the clock tells apart).
        rate = self._global[0]
        return max(self._spare / rate, 0.5 / rate, 0.001)

    async def reserve_turn(self, chat_id: int | str | None) -> tuple[float, float]:
        return self.turn(chat_id)

    def _reserve(self, key: Any, rate: float, burst: int, shift: float, at: float) -> float:
        """Take a token for a message leaving at ``at``; the seconds after ``at`` it must wait for it."""
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(tokens=float(burst), updated=at)
        if at > bucket.updated:  # ``updated`` may lie ahead: the moment refilling starts
            bucket.tokens = min(float(burst), bucket.tokens + (at - bucket.updated) * rate)
            bucket.updated = at
        if bucket.tokens >= burst:
            # A full bucket starts refilling when Telegram sees this message, a moment after it leaves: credited
            # from now, a slow first message would let a later, faster one through too early.
            bucket.updated = at + shift
        bucket.tokens -= 1.0  # may go negative: that debt is the wait
        return 0.0 if bucket.tokens >= 0 else bucket.updated - at - bucket.tokens / rate

    def delay(self, chat_id: int | str | None, now: float | None = None) -> float:
        """Seconds to wait before sending to ``chat_id`` (reserving the slot)."""
        return self.turn(chat_id, now)[0]

    def turn(self, chat_id: int | str | None, now: float | None = None) -> tuple[float, float]:
        """(seconds to wait before sending to ``chat_id``, seconds until its bot-wide slot), reserving the slot.

        The bot-wide bucket first; the chat's token is then taken for the moment the message will leave (a message
        queued behind the whole bot for two seconds reaches its chat two seconds later: counting it as sent now
        would let the chat's next message through too early). A message its chat makes wait leaves after its
        bot-wide slot: ``OutgoingPolicy.take_turn`` then takes it another bot-wide turn.
        """
        now = self._clock() if now is None else now
        wait, bot_wide = 0.0, 0.0
        for n, (key, rate, burst, shift) in enumerate(self.scopes(chat_id)):
            wait += self._reserve(key, rate, burst, shift, now + wait)
            if n == 0:
                bot_wide = wait
        if len(self._buckets) > 100_000:
            self._buckets = {k: b for k, b in self._buckets.items() if now - b.updated < 60}
        return (wait + self._margin if wait > bot_wide else wait), bot_wide


# SendLimiter.delay, atomically in Redis for every key given (the bot-wide one, then the chat's), on Redis's clock:
# one round trip per message, and instances get their slots in the order they ask (fair: no instance is starved).
# Each key expires once its bucket would be full again, which is the same as a fresh bucket. ``updated`` may lie ahead
# (see SendLimiter._reserve: a full bucket starts refilling a margin after its first message leaves).
_RESERVE = """
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
end
local wait, bot_wide = 0, 0
for i, key in ipairs(KEYS) do
  local rate, burst, shift = tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i]), tonumber(ARGV[3 * i + 1])
  local at = now + wait
  local b = redis.call('HMGET', key, 'tokens', 'updated')
  local tokens = tonumber(b[1]) or burst
  local updated = tonumber(b[2]) or at
  if at > updated then
    tokens = math.min(burst, tokens + (at - updated) * rate)
    updated = at
  end
  if tokens >= burst then updated = at + shift end
  tokens = tokens - 1
  redis.call('HSET', key, 'tokens', tostring(tokens), 'updated', tostring(updated))
  redis.call('PEXPIRE', key, math.ceil(((burst - tokens) / rate + updated - now) * 1000) + 1000)
  if tokens < 0 then wait = wait + updated - at - tokens / rate end
  if i == 1 then bot_wide = wait end
end
return {tostring(wait), tostring(bot_wide)}
"""


class RedisSendLimiter:
    """``SendLimiter``'s buckets (its rates, bursts and margin) shared by all instances through Redis.

    Chats are named in Redis by a keyed hash (``chat_key``), never by their id.
    """

    def __init__(
        self,
        redis: Redis,
        *,
        like: SendLimiter,
        namespace: str,
        chat_key: Callable[[int | str], str],
        clock: Callable[[], float] | None = None,
    ) -> None:
        """``clock``: only for tests (their virtual time); by default Redis's clock, the same for every instance."""
        self._like = like
        self._clock = clock
        self._namespace = namespace
        self._chat_key = chat_key
        self._script = redis.register_script(_RESERVE)

    async def reserve(self, chat_id: int | str | None, now: float | None = None) -> float:
        """As ``SendLimiter.delay``; ``now`` (seconds) only for tests, else Redis's clock."""
        return (await self.reserve_turn(chat_id, now))[0]

    async def reserve_turn(self, chat_id: int | str | None, now: float | None = None) -> tuple[float, float]:
        """As ``SendLimiter.turn``, in one round trip."""
        keys: list[str] = []
        if now is None and self._clock is not None:
            now = self._clock()
        args: list[str] = ["" if now is None else repr(now)]
        for scope, rate, burst, shift in self._like.scopes(chat_id):
            name = "*" if scope == "*" else self._chat_key(scope)
            keys.append(f"{self._namespace}:pace:{name}")
            args += [repr(rate), str(burst), repr(shift)]
        found = await self._script(keys=keys, args=args)
        wait, bot_wide = float(found[0]), float(found[1])
        return (wait + self._like.margin if wait > bot_wide else wait), bot_wide

    @property
    def late_after(self) -> float:
        return self._like.late_after

    @property
    def margin(self) -> float:
        return self._like.margin


# A message that keeps missing its turn (a machine stalled for seconds) goes after this many: Telegram's 429, if any,
# is retried like any other.
MAX_TURNS = 2


class OutgoingPolicy(BaseRequestMiddleware):
    def __init__(
        self,
        *,
        limiter: Pacing | None = None,
        max_attempts: int = 5,
        max_retry_after: float = 60.0,
        backoff: float = 0.5,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limiter = limiter or SendLimiter()
        self.max_attempts = max_attempts
        self.max_retry_after = max_retry_after
        self.backoff = backoff
        self._sleep = sleep
        self._clock = clock

    async def take_turn(self, chat_id: int | str | None) -> None:
        """Wait until a message to ``chat_id`` may leave; on return it must leave at once.

        The buckets count a message at its slot. One that leaves later lands among the next second's messages, which
        the bot-wide bucket has already let through: the bot-wide 429s of the paced surge (docs/benchmarks.md). It
        leaves late when its sender stalled (a busy event loop, a slow round trip to Redis, a sleep that overslept)
        or when its chat made it wait after its bot-wide slot. Such a message takes another bot-wide token for the
        moment it really leaves and waits for that turn; the slot it missed stays spent (the bucket counts one message
        more than went out: safe). Its chat's token is taken again only if it is later than the margin a chat's wait
        carries: a chat's bucket refills while a message is late, so lateness costs it nothing until then. Only late
        messages pay the second call (a Redis round trip when shared); on time, one call per message.
        """
        scope = chat_id
        for _ in range(MAX_TURNS):
            asked = self._clock()
            wait, bot_wide = await self.limiter.reserve_turn(scope)
            if wait > 0:
                await self._sleep(wait)
            left = self._clock()
            if left - (asked + bot_wide) <= self.limiter.late_after:
                return
            metrics.LATE_SENDS.inc()
            scope = chat_id if left - (asked + wait) > self.limiter.margin else None

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        paced = method.__api_method__ in SENDING
        if paced:
            await self.take_turn(getattr(method, "chat_id", None))
        if method.__api_method__ == AnswerCallbackQuery.__api_method__:
            try:
                return await make_request(bot, method)
            except TelegramAPIError as error:
                # Only the button's spinner waits for this answer: what the button does must still happen.
                log.warning("telegram answerCallbackQuery failed, not retried: %s", type(error).__name__)
                # aiogram types the chain as Response, but what travels it is the method's result (here: True).
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
            if paced:  # Telegram counts the retry when it arrives, so the buckets must too
                await self.take_turn(getattr(method, "chat_id", None))
            attempt += 1
