"""Long polling that lets updates gather for a moment after a batch.

The Bot API answers getUpdates as soon as one update waits, so a busy bot polling without a pause asks once per
update or two and pays a request and a parsed response each time: 6.6 getUpdates per report (8 updates) in
``bench/report_submissions.py`` with 50 citizens at once, a sixth of the event loop's Bot API calls. After a batch
that was neither empty nor full, the next getUpdates waits until ``linger`` after it, so what arrives meanwhile comes
in one response. A quiet bot is not slowed (after an empty long poll it asks again at once, and the first message
after a pause is answered as before); a citizen writing to a busy bot waits at most ``linger`` more; a surge is not
slowed (a full batch means more are waiting: asked for at once).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import GetUpdates, Response
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import TelegramMethod

LINGER_SECONDS = 0.025  # at most this much later for a message to a busy bot: nothing a citizen notices
FULL_BATCH = 100  # the Bot API's most updates per getUpdates (its default limit)


class PollingBatches(BaseRequestMiddleware):
    """Session middleware of the polling runner: after a partial batch, the next getUpdates waits ``linger``."""

    def __init__(
        self,
        linger: float = LINGER_SECONDS,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.linger = linger
        self._clock = clock
        self._sleep = sleep
        self._partial_batch_at: float | None = None

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        polling = isinstance(method, GetUpdates)  # a flag, not a narrowing: ``method`` goes on as it came
        if not polling:
            return await make_request(bot, method)
        if self._partial_batch_at is not None:
            wait = self._partial_batch_at + self.linger - self._clock()
            self._partial_batch_at = None
            if wait > 0:
                try:
                    await self._sleep(wait)
                except asyncio.CancelledError:
                    await self._confirm(make_request, bot, method)
                    raise
        # The chain hands back the call's result (aiogram's ``make_request`` returns ``response.result``, whatever
        # the annotation says): here, the list of updates.
        updates = await make_request(bot, method)
        got = len(updates) if isinstance(updates, list) else 0
        if 0 < got < (getattr(method, "limit", None) or FULL_BATCH):
            self._partial_batch_at = self._clock()
        return updates

    @staticmethod
    async def _confirm(make_request: NextRequestMiddlewareType[TelegramType], bot: Bot, method: object) -> None:
        """Polling stops during the wait: confirm the updates already handed out, as the getUpdates aiogram was about
        to send would have (its offset confirms them); unconfirmed, they would come again after a restart and be
        handled twice (an operator removed twice, a photo added twice: tests/e2e). Nothing new is taken: what this
        call returns is left unconfirmed for the next start."""
        offset = getattr(method, "offset", None)
        if offset is None:
            return
        allowed = getattr(method, "allowed_updates", None)
        confirm = GetUpdates(offset=offset, limit=1, timeout=0, allowed_updates=allowed)
        with contextlib.suppress(Exception):  # stopping anyway: at worst the batch comes again, as before
            await make_request(bot, confirm)  # type: ignore[arg-type]
