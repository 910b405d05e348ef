"""The languages the hotline speaks, in the order menus list them."""

from __future__ import annotations

from typing import Final, Literal

Language = Literal["kk", "ru", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("kk", "ru", "en")
