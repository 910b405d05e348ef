"""One update at a time per user, in one process, without a lock kept forever for every citizen who ever wrote.

aiogram's ``SimpleEventIsolation`` keeps a lock per user in a dictionary it never empties ("unused locks cleaner is
needed"): on the day of a public appeal that is one lock per new citizen, for as long as the process runs. Here a
lock exists only while an update of that user is being handled or waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator

from aiogram.fsm.storage.base import BaseEventIsolation, StorageKey


class ReleasedLocks(BaseEventIsolation):
    def __init__(self) -> None:
        self._locks: dict[StorageKey, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks.get(key, (lock, 0))
            if users <= 1:
                self._locks.pop(key, None)
            else:
                self._locks[key] = (lock, users - 1)

    @property
    def held(self) -> int:
        """Users with an update being handled or waiting: the locks in memory. (Not ``__len__``: aiogram tests the
        isolation's truth, and an empty one would be replaced by none at all.)"""
        return len(self._locks)

    async def close(self) -> None:
        self._locks.clear()
