"""Telegram's error envelope, as one exception type the request handler turns into a response.

Every failure the Bot API reports has the same shape on the wire:
``{"ok": false, "error_code": N, "description": "..."}`` with HTTP status N, plus
``"parameters": {"retry_after": N}`` for flood control. aiogram relies on both the status and the
``parameters`` (without ``retry_after`` a 429 is not raised as ``TelegramRetryAfter``), so the emulator builds
every error through this module.
"""

from __future__ import annotations

from typing import Any

DEFAULT_DESCRIPTIONS: dict[int, str] = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    413: "Request Entity Too Large",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class ApiError(Exception):
    """A Bot API failure; raised anywhere inside a method handler, answered as Telegram's envelope."""

    def __init__(
        self,
        error_code: int,
        description: str | None = None,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        if description is None:
            description = default_description(error_code, retry_after)
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def envelope(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error (``parameters`` as ``ResponseParameters``)."""
        body: dict[str, Any] = {"ok": False, "error_code": self.error_code, "description": self.description}
        parameters: dict[str, int] = {}
        if self.retry_after is not None:
            parameters["retry_after"] = self.retry_after
        if self.migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = self.migrate_to_chat_id
        if parameters:
            body["parameters"] = parameters
        return body


def default_description(error_code: int, retry_after: int | None = None) -> str:
    """Telegram's generic wording for a status code."""
    if error_code == 429:
        return f"Too Many Requests: retry after {retry_after if retry_after is not None else 1}"
    return DEFAULT_DESCRIPTIONS.get(error_code, "Internal Server Error" if error_code >= 500 else "Error")


def bad_request(reason: str) -> ApiError:
    """400 with Telegram's ``Bad Request: <reason>`` wording."""
    return ApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> ApiError:
    """403 with Telegram's ``Forbidden: <reason>`` wording."""
    return ApiError(403, f"Forbidden: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    """429 flood-control error; ``retry_after`` is whole seconds, at least 1, as Telegram sends it."""
    retry_after = max(1, int(retry_after))
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


UNAUTHORIZED = "Unauthorized"
METHOD_NOT_FOUND = "Not Found: method not found"
CHAT_NOT_FOUND = "chat not found"
BLOCKED = "bot was blocked by the user"
CANT_INITIATE = "bot can't initiate conversation with a user"
POLL_CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
SET_WEBHOOK_CONFLICT = "Conflict: terminated by setWebhook request"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same as a "
    "current content and reply markup of the message"
)
DEACTIVATED = "user is deactivated"
UPGRADED = "group chat was upgraded to a supergroup chat"
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


def kicked(chat_type: str) -> ApiError:
    """403 for a group or supergroup the bot was removed from."""
    return forbidden(f"bot was kicked from the {'supergroup' if chat_type == 'supergroup' else 'group'} chat")


def upgraded(supergroup_id: int) -> ApiError:
    """400 for a basic group that became a supergroup; aiogram raises it as ``TelegramMigrateToChat``."""
    return ApiError(400, f"Bad Request: {UPGRADED}", migrate_to_chat_id=supergroup_id)
