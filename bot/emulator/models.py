"""Plain data the emulator keeps: users, group chats, per-bot chat logs, callback queries and events."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

Message = dict[str, Any]

# Message fields that make up its content (what copyMessage/forwardMessage carry over).
CONTENT_KEYS = (
    "text",
    "entities",
    "photo",
    "document",
    "video",
    "voice",
    "audio",
    "animation",
    "sticker",
    "video_note",
    "location",
    "venue",
    "contact",
    "poll",
    "dice",
    "caption",
    "caption_entities",
    "show_caption_above_media",
    "has_media_spoiler",
)


def now() -> int:
    """Unix time as Telegram stamps ``date`` fields."""
    return int(time.time())


@dataclass
class EmuUser:
    """A Telegram user on the other side of the chat, driven by tests or the terminal chat."""

    id: int
    first_name: str = "Test"
    username: str | None = None
    language_code: str | None = "ru"
    last_name: str | None = None
    is_bot: bool = False
    hide_forwards: bool = False  # "Forwarded messages: Nobody" privacy setting → forward_origin hidden_user

    def to_dict(self) -> dict[str, Any]:
        """The Bot API ``User`` object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data

    def private_chat(self) -> dict[str, Any]:
        """The Bot API ``Chat`` object of this user's private chat with a bot."""
        data: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        for key in ("last_name", "username"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


@dataclass
class EmuChat:
    """A group, supergroup or channel that the bots of this emulator are members of."""

    id: int
    title: str = "Test group"
    type: str = "group"
    username: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The Bot API ``Chat`` object."""
        data: dict[str, Any] = {"id": self.id, "type": self.type, "title": self.title}
        if self.username:
            data["username"] = self.username
        return data


@dataclass
class ChatLog:
    """One bot's view of one chat: every message in it (both directions), in order, in its current state."""

    chat: dict[str, Any]
    messages: dict[int, Message] = field(default_factory=dict)
    next_message_id: int = 1
    reply_keyboard: dict[str, Any] | None = None  # the reply keyboard the user currently sees
    read_cursor: int = 0  # last bot message handed out by wait_for_bot_message
    last_user_message_id: int = 0
    # Private chats and basic groups take their ids from the bot's one sequence; supergroups count on their own.
    shared_ids: Iterator[int] | None = None

    @property
    def id(self) -> int:
        return int(self.chat["id"])

    @property
    def is_private(self) -> bool:
        return self.chat["type"] == "private"

    def allocate_id(self) -> int:
        if self.shared_ids is not None:
            return next(self.shared_ids)
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass
class CallbackRecord:
    """A callback query sent to a bot and what (if anything) the bot answered."""

    query_id: str
    user_id: int
    data: str | None
    created: float  # time.monotonic()
    answer: dict[str, Any] | None = None

    @property
    def answered(self) -> bool:
        return self.answer is not None


class ApiCall(NamedTuple):
    """One Bot API call as the emulator received it (for assertions on what the bot did)."""

    time: float  # time.monotonic()
    token: str
    method: str  # canonical spelling, e.g. "sendMessage"
    params: dict[str, Any]


@dataclass(frozen=True)
class EmuEvent:
    """Something visible happened, for listeners such as the terminal chat.

    ``kind`` is one of: ``bot_message``, ``bot_edit``, ``bot_delete``, ``callback_answer``, ``chat_action``,
    ``user_message``, ``update``.
    """

    kind: str
    token: str
    chat_id: int | None = None
    message: Message | None = None
    data: dict[str, Any] | None = None


Listener = Callable[[EmuEvent], None]
