"""The table of Bot API methods the emulator implements; names are matched case-insensitively like Telegram."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..params import Params
    from ..state import BotState, World

Handler = Callable[["World", "BotState", "Params"], Awaitable[Any]]


@dataclass(frozen=True)
class MethodSpec:
    name: str  # canonical spelling, e.g. "sendMessage"
    handler: Handler


METHODS: dict[str, MethodSpec] = {}


def api_method(*names: str) -> Callable[[Handler], Handler]:
    """Register a handler under one or more Bot API method names."""

    def register(handler: Handler) -> Handler:
        for name in names:
            METHODS[name.lower()] = MethodSpec(name, handler)
        return handler

    return register


def find_method(name: str) -> MethodSpec | None:
    return METHODS.get(name.lower())
