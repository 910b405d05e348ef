"""Update de-duplication: Telegram re-sends a webhook update it saw no answer to, and with several instances the
re-sent copy may land on another one. Each update id is claimed before it is handled:

- new → handle it, then mark it done (kept an hour: Telegram gives up re-sending long before);
- done → a duplicate: acknowledged and dropped;
- busy (claimed by an instance that has not finished) → the webhook answers 503 so Telegram re-sends it later.
  If that instance crashed, its claim lapses after UPDATE_LEASE_SECONDS and the re-sent copy is handled then; so a
  crash never loses an update, and a slow handler is never run twice at once. Long polling has no re-delivery to
  ask for (a busy update there is one a crashed process fetched before): it waits for the claim to lapse instead.

A handler that fails gives its claim back, so a re-delivery may try again.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from aiogram import BaseMiddleware, Bot
from aiogram.types import TelegramObject, Update
from redis.asyncio import Redis

from bot.core import metrics

log = logging.getLogger(__name__)
DONE_SECONDS = 3600
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class Claim(enum.Enum):
    new = "new"
    done = "done"
    busy = "busy"


@dataclass
class Delivery:
    """Passed with a webhook update: the middleware sets ``retry_later`` when the webhook must answer 503."""

    retry_later: bool = False


class UpdateLog(Protocol):
    async def claim(self, bot_id: int, update_id: int) -> Claim: ...
    async def finish(self, bot_id: int, update_id: int) -> None: ...
    async def release(self, bot_id: int, update_id: int) -> None: ...


class MemoryUpdateLog:
    """One process: the last ``size`` update ids. An update in flight here will finish here, so it counts as done."""

    def __init__(self, size: int = 10_000) -> None:
        self._seen: OrderedDict[tuple[int, int], None] = OrderedDict()
        self._size = size

    async def claim(self, bot_id: int, update_id: int) -> Claim:
        key = (bot_id, update_id)
        if key in self._seen:
            return Claim.done
        self._seen[key] = None
        while len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return Claim.new

    async def finish(self, bot_id: int, update_id: int) -> None:
        pass

    async def release(self, bot_id: int, update_id: int) -> None:
        self._seen.pop((bot_id, update_id), None)


# Delete the claim only if it is still ours (after a lapsed lease another instance may hold it).
_RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"


class RedisUpdateLog:
    """All instances: ``SET <namespace>:update:<id> started:<instance> NX EX lease``, then ``done`` for an hour."""

    def __init__(self, redis: Redis, *, namespace: str, lease_seconds: int) -> None:
        self._redis = redis
        self._namespace = namespace
        self._lease = lease_seconds
        self._mine = f"started:{uuid.uuid4().hex}".encode()
        self._release = redis.register_script(_RELEASE)

    def _key(self, update_id: int) -> str:
        return f"{self._namespace}:update:{update_id}"

    async def claim(self, bot_id: int, update_id: int) -> Claim:
        key = self._key(update_id)
        for _ in range(2):  # a lease may lapse between SET and GET: then claim again, once
            if await self._redis.set(key, self._mine, nx=True, ex=self._lease):
                return Claim.new
            state = await self._redis.get(key)
            if state == b"done":
                return Claim.done
            if state is not None:
                return Claim.busy
        return Claim.busy

    async def finish(self, bot_id: int, update_id: int) -> None:
        await self._redis.set(self._key(update_id), b"done", ex=DONE_SECONDS)

    async def release(self, bot_id: int, update_id: int) -> None:
        await self._release(keys=[self._key(update_id)], args=[self._mine])


class UpdateDeduplication(BaseMiddleware):
    """Outer middleware on updates, before anything that acts on them (flood control counts only real ones)."""

    def __init__(self, updates: UpdateLog, *, lease_seconds: float, poll_seconds: float = 0.5) -> None:
        self.updates = updates
        self.lease = lease_seconds
        self.poll = poll_seconds

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        bot: Bot = data["bot"]
        delivery = data.get("delivery")
        claim = await self.updates.claim(bot.id, event.update_id)
        waited = 0.0
        while claim is Claim.busy and not isinstance(delivery, Delivery) and waited <= self.lease:
            await asyncio.sleep(self.poll)
            waited += self.poll
            claim = await self.updates.claim(bot.id, event.update_id)
        if claim is Claim.done:
            metrics.DUPLICATES.labels(outcome="dropped").inc()
            log.info("update %s: duplicate delivery dropped", event.update_id)
            return None
        if claim is Claim.busy:
            metrics.DUPLICATES.labels(outcome="retry_later").inc()
            log.info("update %s: still being handled elsewhere; asking for a later re-delivery", event.update_id)
            if isinstance(delivery, Delivery):
                delivery.retry_later = True
            return None
        try:
            result = await handler(event, data)
        except BaseException:
            try:
                await self.updates.release(bot.id, event.update_id)
            except Exception as error:
                # The handler's own error is the one to raise; the claim then lapses with its lease, so a re-delivery
                # waits up to UPDATE_LEASE_SECONDS instead of being taken at once. Say so: it explains that wait.
                log.warning(
                    "update %s: could not release its claim (%s); a re-delivery waits for the lease to lapse",
                    event.update_id,
                    type(error).__name__,
                )
            raise
        await self.updates.finish(bot.id, event.update_id)
        return result
