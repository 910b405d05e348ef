"""Webhook delivery: POST each update to the bot's URL, retrying failures in order per chat.

Telegram delivers updates of different chats in parallel (up to ``max_connections``) but never overtakes an
undelivered update of the same chat, and keeps retrying one that failed (non-2xx, timeout, refused connection):
after the ``Retry-After`` the endpoint asked for, else after 2, 4, 8 … seconds up to a minute, and drops it about
23 hours after it was created. ``WebhookSettings.time_scale`` shrinks every one of those waits for tests.

A webhook response may itself carry a Bot API call (``{"method": ...}``), which Telegram
executes; aiogram uses that when handlers return a method and ``handle_in_background=False``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from .models import now
from .params import Params, Upload
from .updates import Update, UpdateQueue

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

ReplyExecutor = Callable[[str, Params], Awaitable[None]]


@dataclass
class WebhookSettings:
    """Delivery knobs shared by all bots of an emulator; Telegram's schedule unless a test scales it."""

    time_scale: float = 1.0  # every wait below (and Retry-After) is multiplied by this; tests use e.g. 0.01
    max_delay: float = 60.0  # the back-off doubles from 2 s up to this
    give_up_after: float = 23 * 3600.0  # an update still undelivered this long after it was created is dropped
    max_attempts: int | None = None  # None: retry until delivered, dropped, or the webhook is removed
    timeout: float = 10.0

    def pause(self, attempt: int, retry_after: float | None) -> float:
        """Seconds before the next attempt after ``attempt`` failed ones."""
        # The exponent is capped: about 1000 failed attempts fit in the ~23 h before an update is dropped.
        seconds = retry_after if retry_after is not None else min(2.0 ** min(attempt, 30), self.max_delay)
        return seconds * self.time_scale


@dataclass
class WebhookConfig:
    """What setWebhook configured, plus the test-only override of target URLs."""

    url: str = ""
    secret_token: str | None = None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    override_urls: list[str] = field(default_factory=list)
    override_secret: str | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None
    _next_target: int = 0

    @property
    def active(self) -> bool:
        return bool(self.url or self.override_urls)

    def next_target(self) -> str:
        """The URL for the next delivery attempt: round-robin over the override, else the webhook URL."""
        if not self.override_urls:
            return self.url
        url = self.override_urls[self._next_target % len(self.override_urls)]
        self._next_target += 1
        return url

    def secret(self) -> str | None:
        return self.override_secret if self.override_secret is not None else self.secret_token

    def info(self, pending: int) -> dict[str, Any]:
        """The Bot API ``WebhookInfo`` object."""
        data: dict[str, Any] = {"url": self.url, "has_custom_certificate": False, "pending_update_count": pending}
        if self.url:
            data["max_connections"] = self.max_connections
            data["ip_address"] = "127.0.0.1"
        if self.allowed_updates:
            data["allowed_updates"] = self.allowed_updates
        if self.last_error_date is not None:
            data["last_error_date"] = self.last_error_date
            data["last_error_message"] = self.last_error_message
        return data


def chat_key(update: Update) -> Hashable:
    """Updates with the same key are delivered strictly in order."""
    for kind, payload in update.items():
        if kind == "update_id" or not isinstance(payload, dict):
            continue
        if isinstance(payload.get("chat"), dict):
            return payload["chat"]["id"]
        if isinstance(payload.get("from"), dict):
            return payload["from"]["id"]
    return ("update", update["update_id"])


class WebhookDeliverer:
    """Delivers one bot's updates to its webhook, one ordered worker per chat."""

    def __init__(
        self,
        config: WebhookConfig,
        queue: UpdateQueue,
        settings: WebhookSettings,
        session: Callable[[], aiohttp.ClientSession],
        execute_reply: ReplyExecutor,
        on_delivered: Callable[[], None] = lambda: None,
        route: Callable[[str], str] = lambda url: url,
    ) -> None:
        self.config = config
        self._queue = queue
        self._settings = settings
        self._session = session
        self._execute_reply = execute_reply
        self._on_delivered = on_delivered
        self._route = route  # the test-only map of public webhook hosts to local servers
        self._chats: dict[Hashable, deque[Update]] = {}
        self._workers: dict[Hashable, asyncio.Task[None]] = {}
        self._slots = asyncio.Semaphore(config.max_connections)
        self.delivered: list[tuple[int, str]] = []  # (update_id, url) of successful deliveries
        self.dropped: list[int] = []  # update_ids given up on (undeliverable for ~23 h, or max_attempts)

    def enqueue(self, update: Update) -> None:
        key = chat_key(update)
        self._chats.setdefault(key, deque()).append(update)
        if key not in self._workers:
            self._workers[key] = asyncio.create_task(self._work(key), name=f"webhook-{key}")

    def enqueue_pending(self) -> None:
        for update in list(self._queue.pending.values()):
            self.enqueue(update)

    async def stop(self) -> None:
        """Stop delivering; undelivered updates stay pending (getUpdates can fetch them after deleteWebhook)."""
        current = asyncio.current_task()  # deleteWebhook may arrive inside a webhook reply, i.e. from a worker
        workers = [task for task in self._workers.values() if task is not current]
        for task in workers:
            task.cancel()
        for task in workers:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._workers.clear()
        self._chats.clear()

    async def _work(self, key: Hashable) -> None:
        chat = self._chats[key]
        try:
            while chat and self.config.active:
                await self._deliver_with_retries(chat[0])
                chat.popleft()
        finally:
            if self._workers.get(key) is asyncio.current_task():
                del self._workers[key]
                self._chats.pop(key, None)

    async def _deliver_with_retries(self, update: Update) -> None:
        loop = asyncio.get_running_loop()
        give_up_at = self._queue.created.get(update["update_id"], loop.time()) + (
            self._settings.give_up_after * self._settings.time_scale
        )
        attempt = 0
        while self.config.active:  # once the webhook is removed the update stays pending for getUpdates
            attempt += 1
            async with self._slots:
                error, retry_after = await self._deliver_once(update)
            if error is None:
                self._queue.pending.pop(update["update_id"], None)
                return
            self.config.last_error_date = now()
            self.config.last_error_message = error
            log.debug("webhook delivery of update %s failed: %s", update["update_id"], error)
            pause = self._settings.pause(attempt, retry_after)
            out_of_attempts = self._settings.max_attempts is not None and attempt >= self._settings.max_attempts
            if out_of_attempts or loop.time() + pause > give_up_at:
                self._queue.pending.pop(update["update_id"], None)
                self.dropped.append(update["update_id"])
                self._on_delivered()  # wakes waiters: the update's fate is settled
                return
            await asyncio.sleep(pause)

    async def _deliver_once(self, update: Update) -> tuple[str | None, float | None]:
        """POST the update once: (None, None) on success, else (Telegram-style last_error_message, Retry-After)."""
        url = self.config.next_target()
        headers = {}
        if secret := self.config.secret():
            headers[SECRET_HEADER] = secret
        timeout = aiohttp.ClientTimeout(total=self._settings.timeout)
        try:
            post = self._session().post(self._route(url), json=update, headers=headers, timeout=timeout)
            async with post as response:
                if not 200 <= response.status < 300:
                    error = f"Wrong response from the webhook: {response.status} {response.reason}"
                    return error, _retry_after(response.headers.get("Retry-After"))
                reply = await _read_reply(response)
        except TimeoutError:
            return "Read timeout expired", None
        except aiohttp.ClientError as exc:
            return f"Connection failed: {exc}", None
        self.delivered.append((update["update_id"], url))
        self._on_delivered()
        if reply is not None:
            method, params = reply
            await self._execute_reply(method, params)
        return None, None


def _retry_after(header: str | None) -> float | None:
    """Seconds from a ``Retry-After: N`` header (an HTTP date is not worth supporting here)."""
    if header is None or not header.strip().isdigit():
        return None
    return float(header.strip())


async def _read_reply(response: aiohttp.ClientResponse) -> tuple[str, Params] | None:
    """A Bot API call carried in the webhook response body (JSON or multipart), if any."""
    if response.content_type == "application/json":
        with contextlib.suppress(ValueError):
            body = await response.json()
            if isinstance(body, dict) and isinstance(body.get("method"), str):
                return body["method"], Params({k: v for k, v in body.items() if k != "method"})
        return None
    if response.content_type != "multipart/form-data":
        return None
    values: dict[str, Any] = {}
    files: dict[str, Upload] = {}
    reader = aiohttp.MultipartReader(response.headers, response.content)
    while (part := await reader.next()) is not None:
        if not isinstance(part, aiohttp.BodyPartReader) or not part.name:
            continue
        if part.filename:
            upload = Upload(await part.read(), part.filename, part.headers.get("Content-Type"))
            files[part.name] = values[part.name] = upload
        else:
            values[part.name] = await part.text()
    method = values.pop("method", None)
    return (method, Params(values, files)) if isinstance(method, str) else None
