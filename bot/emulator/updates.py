"""A bot's update queue with Telegram's getUpdates semantics, including real long polling.

The semantics that bots depend on: update_ids strictly increase; ``offset`` confirms (forgets) everything below
it; a poll with nothing to return is held up to ``timeout`` seconds and answered the moment an update arrives;
only one poll per token may be pending, a newer one terminates the older with 409; ``allowed_updates`` is
sticky and filters updates created after it was set.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

from .errors import POLL_CONFLICT, SET_WEBHOOK_CONFLICT, ApiError

Update = dict[str, Any]

# Telegram's default when allowed_updates is unset or empty: everything except these.
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
MAX_LIMIT = 100


@dataclass
class _Poll:
    """A pending getUpdates request; woken when updates arrive or when something ends it early."""

    wake: asyncio.Event = field(default_factory=asyncio.Event)
    ended_by: str | None = None  # "conflict", "webhook" or "closed"


class UpdateQueue:
    """Pending and past updates of one bot."""

    def __init__(self) -> None:
        self.pending: dict[int, Update] = {}  # not yet confirmed / delivered, in update_id order
        self.history: dict[int, Update] = {}  # every update ever created, for deliver_again
        self.created: dict[int, float] = {}  # update_id → loop time it was created (webhook give-up age)
        self.allowed_updates: list[str] | None = None
        self._last_id = 0
        self._poll: _Poll | None = None

    def allows(self, kind: str) -> bool:
        if not self.allowed_updates:
            return kind not in NOT_BY_DEFAULT
        return kind in self.allowed_updates

    def push(self, kind: str, payload: dict[str, Any]) -> Update | None:
        """Create an update unless ``allowed_updates`` excludes its kind; wakes a waiting poll."""
        if not self.allows(kind):
            return None
        self._last_id += 1
        update: Update = {"update_id": self._last_id, kind: payload}
        self.pending[self._last_id] = update
        self.history[self._last_id] = update
        self.created[self._last_id] = asyncio.get_running_loop().time()
        if self._poll is not None:
            self._poll.wake.set()
        return update

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last ``-offset`` ones."""
        if offset < 0:
            keep = set(list(self.pending)[offset:])
            self.pending = {k: v for k, v in self.pending.items() if k in keep}
            return
        self.pending = {k: v for k, v in self.pending.items() if k >= offset}

    def drop_pending(self) -> None:
        self.pending.clear()

    def select(self, limit: int) -> list[Update]:
        return list(self.pending.values())[:limit]

    async def long_poll(self, offset: int | None, limit: int, timeout: float) -> list[Update]:
        """Answer getUpdates: at once if updates are pending, else when one arrives or ``timeout`` passes."""
        previous = self._poll
        if previous is not None:
            self._end(previous, "conflict")
        poll = self._poll = _Poll()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0.0, timeout)
        try:
            if offset is not None:
                self.confirm(offset)
            while True:
                batch = self.select(limit)
                remaining = deadline - loop.time()
                if batch or remaining <= 0 or poll.ended_by == "closed":
                    return batch
                poll.wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(poll.wake.wait(), remaining)
                if poll.ended_by == "conflict":
                    raise ApiError(409, POLL_CONFLICT)
                if poll.ended_by == "webhook":
                    raise ApiError(409, SET_WEBHOOK_CONFLICT)
        finally:
            if self._poll is poll:
                self._poll = None

    def end_poll(self, reason: str) -> None:
        """End the pending poll early: ``webhook`` (409) or ``closed`` (empty answer, emulator stopping)."""
        if self._poll is not None:
            self._end(self._poll, reason)

    @staticmethod
    def _end(poll: _Poll, reason: str) -> None:
        poll.ended_by = reason
        poll.wake.set()
