"""The real bot as ``hotline run`` starts it (long polling over real HTTP), started and stopped by a test."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from bot.core.settings import Settings
from bot.telegram.runners import PollingApp


class RunningBot:
    """A started PollingApp; restartable, as a deployment would be."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.app: PollingApp | None = None
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.app = PollingApp(self.settings)
        self.task = asyncio.create_task(self.app.run(handle_signals=False))
        waiter = asyncio.create_task(self.app.ready.wait())
        done, _ = await asyncio.wait({waiter, self.task}, timeout=20, return_when=asyncio.FIRST_COMPLETED)
        if self.task in done:
            waiter.cancel()
            self.task.result()  # raises what went wrong
        assert waiter in done, "the bot did not start within 20 s"

    async def stop(self) -> None:
        if self.app is not None and self.task is not None:
            with contextlib.suppress(RuntimeError):
                await self.app.stop()
            await asyncio.wait_for(self.task, 20)
        self.app = self.task = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    @property
    def services(self) -> Any:
        assert self.app is not None and self.app.services is not None
        return self.app.services
