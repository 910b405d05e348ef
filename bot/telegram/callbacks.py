"""Button payloads. Handlers re-validate every field: callback data comes from the client and can be forged."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class MenuAction(CallbackData, prefix="m"):
    action: str  # ask | report | status | language | about


class SetLanguage(CallbackData, prefix="l"):
    lang: str


class ShowAnswer(CallbackData, prefix="a"):
    """A "did you mean" suggestion: the entry and the language to answer in."""

    entry: str
    lang: str


class Feedback(CallbackData, prefix="f"):
    entry: str
    lang: str
    helpful: bool


MENU_ACTIONS = ("ask", "report", "status", "language", "about")
