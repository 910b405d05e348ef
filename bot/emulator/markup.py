"""Validation and normalisation of ``reply_markup`` (inline keyboards, reply keyboards, remove, force reply).

Telegram rejects bad keyboards at send time (``BUTTON_DATA_INVALID`` for callback data over 64 bytes, buttons
without an action, malformed JSON); a bot that builds keyboards dynamically hits these only with real data, so
the emulator checks them on every send and edit.
"""

from __future__ import annotations

from typing import Any

from .errors import bad_request

Markup = dict[str, Any]

_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_URL_SCHEMES = ("http://", "https://", "tg://")
MAX_CALLBACK_DATA_BYTES = 64


def validate_markup(markup: Any) -> Markup | None:
    """Check a decoded ``reply_markup`` and return it in canonical form (string reply buttons become dicts)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        return {"inline_keyboard": [_inline_row(row) for row in _rows(markup["inline_keyboard"])]}
    if "keyboard" in markup:
        rows = [[_reply_button(button) for button in row] for row in _rows(markup["keyboard"])]
        return {**markup, "keyboard": rows}
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return dict(markup)
    raise bad_request("can't parse reply keyboard markup JSON object")


def _rows(rows: Any) -> list[list[Any]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return rows


def _inline_row(row: list[Any]) -> list[dict[str, Any]]:
    return [_inline_button(button) for button in row]


def _inline_button(button: Any) -> dict[str, Any]:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    actions = [key for key in _INLINE_ACTIONS if key in button]
    if not actions:
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    data = button.get("callback_data")
    if data is not None and (not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES):
        raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and (not isinstance(url, str) or not url.startswith(_URL_SCHEMES)):
        raise bad_request("BUTTON_URL_INVALID")
    return dict(button)


def _reply_button(button: Any) -> dict[str, Any]:
    if isinstance(button, str):
        button = {"text": button}
    if not isinstance(button, dict) or not isinstance(button.get("text"), str) or not button["text"]:
        raise bad_request('can\'t parse keyboard button: Field "text" must be of type String')
    return dict(button)


def inline_buttons(markup: Markup | None) -> list[dict[str, Any]]:
    """All buttons of an inline keyboard, row by row (empty for other markups)."""
    if not markup or "inline_keyboard" not in markup:
        return []
    return [button for row in markup["inline_keyboard"] for button in row]


def reply_buttons(markup: Markup | None) -> list[dict[str, Any]]:
    """All buttons of a reply keyboard, row by row (empty for other markups)."""
    if not markup or "keyboard" not in markup:
        return []
    return [button for row in markup["keyboard"] for button in row]


def public_markup(markup: Markup | None) -> Markup | None:
    """What a returned Message shows: Telegram only echoes inline keyboards back to the bot."""
    if markup and "inline_keyboard" in markup:
        return markup
    return None
