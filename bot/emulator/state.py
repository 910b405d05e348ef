"""All emulator state in one object, with the operations the Bot API methods and the user side share.

``World`` knows the users and groups, each bot's chats, updates, callbacks and commands, the stored files, the
call log and the injected faults. It has no HTTP in it, so the same state can be driven from Python (tests,
the terminal chat) and, later, from an HTTP control API.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import aiohttp

from .errors import (
    BLOCKED,
    CANT_INITIATE,
    CHAT_NOT_FOUND,
    DEACTIVATED,
    METHOD_NOT_FOUND,
    UNAUTHORIZED,
    ApiError,
    bad_request,
    default_description,
    forbidden,
    kicked,
    upgraded,
)
from .files import FileStore
from .limits import RateLimiter, RateLimits
from .markup import public_markup
from .methods import find_method
from .models import ApiCall, CallbackRecord, ChatLog, EmuChat, EmuEvent, EmuUser, Listener, Message, now
from .params import Params
from .updates import Update, UpdateQueue
from .webhook import WebhookConfig, WebhookDeliverer, WebhookSettings

TOKEN_RE = re.compile(r"^(\d+):[A-Za-z0-9_-]+$")
BOT_FIRST_NAME = "Trust Hotline"
BOT_USERNAME = "hotline_test_bot"

T = TypeVar("T")


class DropConnection(Exception):
    """Injected fault ``error_code=0``: close the connection without any response."""


class BotState:
    """Everything the emulator knows about one bot token."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.first_name = BOT_FIRST_NAME
        self.username = BOT_USERNAME
        self.updates = UpdateQueue()
        self.chats: dict[int, ChatLog] = {}
        self.started: set[int] = set()  # users whose private chat with the bot is open
        self.blocked: set[int] = set()
        self.kicked_from: set[int] = set()  # groups the bot was removed from
        self.last_set_webhook = float("-inf")  # monotonic time of the last setWebhook (one per second)
        self.message_ids = itertools.count(1)  # one rising sequence over its private chats and basic groups
        self.callbacks: dict[str, CallbackRecord] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}  # (scope JSON, language) → commands
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}  # chat id (None: default) → MenuButton
        self.profile: dict[tuple[str, str], str] = {}  # (field, language) → name / description / short_description
        self.webhook = WebhookConfig()
        self.deliverer: WebhookDeliverer | None = None

    def user_dict(self) -> dict[str, Any]:
        """The bot as a ``User`` object (the ``from`` of its messages)."""
        return {"id": self.bot_id, "is_bot": True, "first_name": self.first_name, "username": self.username}


@dataclass
class _Fault:
    method: str  # lower-case
    remaining: int
    error_code: int
    description: str
    retry_after: int | None
    token: str | None


class World:
    """The emulator's state and shared operations (no HTTP here)."""

    def __init__(
        self,
        *,
        callback_timeout: float = 15.0,
        privacy_mode: bool = True,
        limits: RateLimits | None = None,
        webhook: WebhookSettings | None = None,
    ) -> None:
        self.users: dict[int, EmuUser] = {}
        self.groups: dict[int, EmuChat] = {}
        self.bots: dict[str, BotState] = {}
        self.files = FileStore()
        self.calls: list[ApiCall] = []
        self.callback_timeout = callback_timeout
        self.privacy_mode = privacy_mode  # bots only see commands, replies and mentions in groups
        self.enforce_limits = True  # as Telegram: tests that flood on purpose turn it off
        self.limiter = RateLimiter(limits or RateLimits())
        self.webhook_settings = webhook or WebhookSettings()
        self.default_token: str | None = None
        self.revoked_tokens: set[str] = set()
        self.migrated: dict[int, int] = {}  # basic group id → the supergroup it became
        self.deactivated: set[int] = set()  # users who deleted their account
        # Test-only escape hatch: public webhook host → the local server that stands for it (see ``expose``).
        self.webhook_hosts: dict[str, str] = {}
        self._faults: list[_Fault] = []
        self._delays: dict[str, float] = {}
        self._listeners: list[Listener] = []
        self._changed = asyncio.Event()
        self._http: aiohttp.ClientSession | None = None

    # ------------------------------------------------------------------------------------------ bots & calls

    def bot_state(self, token: str | None = None) -> BotState:
        """The state of ``token``'s bot, or of the default bot (see ``resolve_token``)."""
        token = self.resolve_token(token)
        if token not in self.bots:
            self.bots[token] = BotState(token)
        return self.bots[token]

    def resolve_token(self, token: str | None) -> str:
        """Explicit token, else ``default_token``, else the only bot that has called the emulator."""
        if token is not None:
            if not TOKEN_RE.match(token):
                raise ValueError(f"not a bot token: {token!r}")
            return token
        if self.default_token is not None:
            return self.default_token
        if len(self.bots) == 1:
            return next(iter(self.bots))
        known = ", ".join(self.bots) or "none yet"
        raise LookupError(f"cannot tell which bot is meant (bots: {known}); pass token= or set default_token")

    async def execute(self, token: str, method: str, params: Params) -> Any:
        """Run one Bot API call as ``token``: auth, call log, injected delay/fault, then the method itself."""
        if not TOKEN_RE.match(token) or token in self.revoked_tokens:
            raise ApiError(401, UNAUTHORIZED)
        spec = find_method(method)
        if spec is None:
            raise ApiError(404, METHOD_NOT_FOUND)
        bot = self.bot_state(token)
        self.calls.append(ApiCall(time.monotonic(), token, spec.name, params.loggable()))
        self.notify()  # wait_until(lambda: calls_of(...)) must see calls that fail, too
        delay = self._delays.get(spec.name.lower())
        if delay:
            await asyncio.sleep(delay)
        self._raise_fault(spec.name, token)
        return await spec.handler(self, bot, params)

    def calls_of(self, method: str, token: str | None = None) -> list[ApiCall]:
        """Logged calls of one method (case-insensitive), optionally of one bot."""
        return [c for c in self.calls if c.method.lower() == method.lower() and token in (None, c.token)]

    # ------------------------------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        count: int = 1,
        error_code: int = 500,
        description: str | None = None,
        retry_after: int | None = None,
        token: str | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` fail with Telegram's envelope.

        ``error_code=429`` adds ``parameters.retry_after`` (default 1); ``error_code=0`` drops the connection
        without an answer (the client sees a network error).
        """
        if error_code == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            description = default_description(error_code, retry_after)
        self._faults.append(_Fault(method.lower(), count, error_code, description, retry_after, token))

    def delay(self, method: str, seconds: float) -> None:
        """Hold every call of ``method`` for ``seconds`` before handling it (0 removes the delay)."""
        if seconds > 0:
            self._delays[method.lower()] = seconds
        else:
            self._delays.pop(method.lower(), None)

    def _raise_fault(self, method: str, token: str) -> None:
        for fault in self._faults:
            if fault.method == method.lower() and fault.remaining > 0 and fault.token in (None, token):
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._faults.remove(fault)
                if fault.error_code == 0:
                    raise DropConnection
                raise ApiError(fault.error_code, fault.description, fault.retry_after)

    # ------------------------------------------------------------------------------------------ people & chats

    def user(
        self,
        user_id: int,
        first_name: str = "Test",
        username: str | None = None,
        language_code: str | None = "ru",
        last_name: str | None = None,
        hide_forwards: bool = False,
    ) -> EmuUser:
        """Register (or re-register with new details) a user who can talk to the bots."""
        user = EmuUser(user_id, first_name, username, language_code, last_name, hide_forwards=hide_forwards)
        self.users[user_id] = user
        return user

    def group(
        self, chat_id: int, title: str = "Test group", username: str | None = None, type: str | None = None
    ) -> EmuChat:
        """Register a group the bots are members of; ids ≤ -10**12 are supergroups unless ``type`` says so."""
        if chat_id >= 0:
            raise ValueError("group and supergroup ids are negative")
        chat_type = type or ("supergroup" if chat_id <= -(10**12) else "group")
        chat = EmuChat(chat_id, title, chat_type, username)
        self.groups[chat_id] = chat
        return chat

    def chat_log(self, bot: BotState, chat: dict[str, Any]) -> ChatLog:
        """The bot's log of ``chat``, created on first use."""
        log = bot.chats.get(chat["id"])
        if log is None:
            shared = bot.message_ids if chat["type"] in ("private", "group") else None
            log = bot.chats[chat["id"]] = ChatLog(dict(chat), shared_ids=shared)
        return log

    def lookup_chat(self, bot: BotState, chat_id: int | str) -> ChatLog:
        """Resolve a ``chat_id`` parameter (number or @username) to a chat the bot knows, else 400."""
        if isinstance(chat_id, str):
            name = chat_id.removeprefix("@").lower()
            match = next((g for g in self.groups.values() if (g.username or "").lower() == name), None)
            if match is None:
                raise bad_request(CHAT_NOT_FOUND)
            return self.chat_log(bot, match.to_dict())
        if chat_id in self.migrated:
            raise upgraded(self.migrated[chat_id])
        if chat_id in self.groups:
            return self.chat_log(bot, self.groups[chat_id].to_dict())
        if chat_id in self.users:
            return self.chat_log(bot, self.users[chat_id].private_chat())
        raise bad_request(CHAT_NOT_FOUND)

    def target_chat(self, bot: BotState, chat_id: int | str) -> ChatLog:
        """A chat the bot may send to: 403 when the user blocked the bot or never started it."""
        log = self.lookup_chat(bot, chat_id)
        if not log.is_private and log.id in bot.kicked_from:
            raise kicked(log.chat["type"])
        if log.is_private:
            if log.id in self.deactivated:
                raise forbidden(DEACTIVATED)
            if log.id in bot.blocked:
                raise forbidden(BLOCKED)
            if log.id not in bot.started:
                raise forbidden(CANT_INITIATE)
        return log

    def open_chat(self, user_id: int, token: str | None = None) -> None:
        """Mark the user's private chat with the bot as started without sending /start (no update)."""
        if user_id not in self.users:
            raise LookupError(f"unknown user {user_id}; register it with user()")
        self.bot_state(token).started.add(user_id)

    def check_rate(self, bot: BotState, log: ChatLog, count: int = 1) -> None:
        if self.enforce_limits:
            self.limiter.acquire(bot.token, log.id, log.is_private, time.monotonic(), count)

    # ------------------------------------------------------------------------------------------ messages

    def add_message(
        self,
        log: ChatLog,
        sender: dict[str, Any],
        content: dict[str, Any],
        reply_to: Message | None = None,
        markup: dict[str, Any] | None = None,
    ) -> Message:
        """Append a message to the chat log and return the stored (internal) message."""
        message: Message = {
            "message_id": log.allocate_id(),
            "from": dict(sender),
            "chat": dict(log.chat),
            "date": now(),
            **copy.deepcopy(content),
        }
        if reply_to is not None:
            message["reply_to_message"] = copy.deepcopy({k: v for k, v in reply_to.items() if k != "reply_to_message"})
        if markup:
            message["reply_markup"] = markup
        log.messages[message["message_id"]] = message
        return message

    def add_bot_message(
        self,
        bot: BotState,
        log: ChatLog,
        content: dict[str, Any],
        reply_to: Message | None = None,
        markup: dict[str, Any] | None = None,
    ) -> Message:
        """The bot sent a message: store it, track the reply keyboard, tell listeners."""
        message = self.add_message(log, bot.user_dict(), content, reply_to, markup)
        if markup and "keyboard" in markup:
            log.reply_keyboard = markup
        elif markup and markup.get("remove_keyboard"):
            log.reply_keyboard = None
        self.notify(EmuEvent("bot_message", bot.token, log.id, copy.deepcopy(message)))
        return message

    def reply_target(self, log: ChatLog, params: Params) -> Message | None:
        """The message a send replies to (``reply_parameters`` or the legacy ``reply_to_message_id``)."""
        reply = params.json("reply_parameters")
        if isinstance(reply, dict):
            message_id, allow = reply.get("message_id"), bool(reply.get("allow_sending_without_reply"))
        else:
            message_id = params.int("reply_to_message_id")
            allow = params.bool("allow_sending_without_reply")
        if message_id is None:
            return None
        target = log.messages.get(int(message_id))
        if target is None and not allow:
            raise bad_request("message to be replied not found")
        return target

    @staticmethod
    def public(message: Message) -> Message:
        """A stored message as the Bot API returns it (only inline keyboards are echoed back)."""
        result = copy.deepcopy(message)
        for item in (result, result.get("reply_to_message")):
            if isinstance(item, dict) and "reply_markup" in item:
                markup = public_markup(item.pop("reply_markup"))
                if markup:
                    item["reply_markup"] = markup
        return result

    # ------------------------------------------------------------------------------------------ updates

    def push_update(self, bot: BotState, kind: str, payload: dict[str, Any]) -> Update | None:
        """Create an update for the bot and deliver it (webhook) or queue it (getUpdates)."""
        update = bot.updates.push(kind, copy.deepcopy(payload))
        if update is None:
            return None
        if bot.webhook.active:
            self.deliverer(bot).enqueue(update)
        self.notify(EmuEvent("update", bot.token, data=update))
        return update

    def deliverer(self, bot: BotState) -> WebhookDeliverer:
        if bot.deliverer is None:
            bot.deliverer = WebhookDeliverer(
                bot.webhook,
                bot.updates,
                self.webhook_settings,
                self.http_session,
                lambda method, params: self._execute_webhook_reply(bot.token, method, params),
                self.notify,
                self.local_url,
            )
        return bot.deliverer

    def expose(self, local_url: str, host: str | None = None) -> str:
        """The test-only escape hatch for setWebhook's address checks: a public-looking HTTPS URL for ``local_url``.

        setWebhook accepts the returned URL (Telegram would refuse ``http://127.0.0.1:PORT/…``), and deliveries to
        it go to ``local_url``, as if a TLS-terminating proxy stood in between.
        """
        parts = urlsplit(local_url)
        host = (host or f"hook{len(self.webhook_hosts) + 1}.emulator.test").lower()
        self.webhook_hosts[host] = f"{parts.scheme}://{parts.netloc}"
        query = f"?{parts.query}" if parts.query else ""
        return f"https://{host}{parts.path}{query}"

    def local_url(self, url: str) -> str:
        """Where a webhook URL is really delivered: the local server of an ``expose``d host, else the URL."""
        parts = urlsplit(url)
        base = self.webhook_hosts.get((parts.hostname or "").lower())
        if base is None:
            return url
        query = f"?{parts.query}" if parts.query else ""
        return f"{base}{parts.path}{query}"

    async def _execute_webhook_reply(self, token: str, method: str, params: Params) -> None:
        """A call returned in a webhook response; like Telegram, its result or error goes nowhere."""
        with contextlib.suppress(ApiError, DropConnection):
            await self.execute(token, method, params)

    def http_session(self) -> aiohttp.ClientSession:
        """The client session for outgoing HTTP (webhook deliveries, media URLs)."""
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession()
        return self._http

    # ------------------------------------------------------------------------------------------ notifications

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(event)`` for every EmuEvent; returns a function that unsubscribes it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def notify(self, event: EmuEvent | None = None) -> None:
        """Wake everything waiting for a state change, and pass the event to listeners."""
        self._changed.set()
        self._changed = asyncio.Event()
        if event is not None:
            for listener in list(self._listeners):
                listener(event)

    async def wait_for(self, check: Callable[[], T | None], timeout: float, what: Callable[[], str]) -> T:
        """Re-evaluate ``check`` on every state change until it returns non-None; TimeoutError after ``timeout``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = self._changed
            result = check()
            if result is not None:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(what())
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                continue

    # ------------------------------------------------------------------------------------------ commands

    @staticmethod
    def scope_key(scope: Any) -> str:
        """Canonical form of a BotCommandScope for use as a key."""
        return json.dumps(scope or {"type": "default"}, sort_keys=True)
