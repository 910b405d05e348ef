"""Filters that run on the event loop.

aiogram runs every plain callable filter (``F.…`` magic filters and bare ``State`` objects included) through
``asyncio.to_thread``: about 50–100 µs of thread hand-off each, and a text question passes some twenty of them. These
async wrappers make the same checks in microseconds.
"""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Filter
from aiogram.types import TelegramObject
from magic_filter import MagicFilter


class Is(Filter):
    """A magic filter (``Is(F.text)``) evaluated directly, not in a worker thread."""

    def __init__(self, magic: MagicFilter) -> None:
        self.magic = magic

    async def __call__(self, event: TelegramObject) -> bool:
        return bool(self.magic.resolve(event))


PRIVATE = Is(F.chat.type == "private")
IN_GROUP = Is(F.chat.type.in_({"group", "supergroup", "channel"}))
TEXT = Is(F.text)
NOT_TEXT = Is(~F.text)
COMMAND = Is(F.text.startswith("/"))
NOT_COMMAND = Is(~F.text.startswith("/"))
