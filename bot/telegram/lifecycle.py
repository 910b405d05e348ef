"""Counting the updates in flight, so shutdown can wait for them (aiogram's polling does not)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update

from bot.core import metrics


class InFlight:
    """Counts the updates being handled; ``wait_idle`` lets shutdown wait for them."""

    def __init__(self) -> None:
        self.count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @contextlib.contextmanager
    def track(self) -> Iterator[None]:
        self.count += 1
        self._idle.clear()
        metrics.IN_FLIGHT.inc()
        try:
            yield
        finally:
            self.count -= 1
            metrics.IN_FLIGHT.dec()
            if self.count == 0:
                self._idle.set()

    async def wait_idle(self, timeout: float) -> bool:
        """True once nothing is in flight; False if something still is after ``timeout`` seconds."""
        try:
            await asyncio.wait_for(self._idle.wait(), max(timeout, 0.0))
        except TimeoutError:
            return False
        return True


class HotlineDispatcher(Dispatcher):
    """aiogram's Dispatcher, counting and timing every update at the one entry both polling and webhooks use.

    This is outside every middleware, so an update waiting for its user's lock already counts as in flight.
    """

    def __init__(self, *, in_flight: InFlight, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.in_flight = in_flight

    async def feed_update(self, bot: Bot, update: Update, **kwargs: Any) -> Any:
        try:
            kind = update.event_type
        except Exception:  # an update type newer than aiogram
            kind = "unknown"
        metrics.UPDATES.labels(type=kind).inc()
        started = time.perf_counter()
        with self.in_flight.track():
            try:
                return await super().feed_update(bot, update, **kwargs)
            finally:
                metrics.HANDLING.labels(type=kind).observe(time.perf_counter() - started)
