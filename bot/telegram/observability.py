"""``GET /healthz`` and ``GET /metrics``, and the Bot API error counter.

Both modes serve them on a small private listener (HEALTH_HOST:HEALTH_PORT); webhook mode also answers /healthz (not
/metrics, which shows when reports are made) on the public webhook port for the load balancer. /healthz answers 200
when the database and Redis (if configured) answer within a couple of seconds and no problem needs a person, else
503: a load balancer then stops sending this instance updates, and Docker marks it unhealthy. Problems that need a
person (issue 16): Telegram refused WEBHOOK_URL (this instance), the operators' chat is lost (all instances: it is
in the database); each is named in the body and set in ``hotline_problem``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramConflictError,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from bot.cases import operators_chat
from bot.cases.outbox import backlog
from bot.core import metrics
from bot.core.settings import ConfigError

if TYPE_CHECKING:
    from bot.telegram.composition import Services

log = logging.getLogger(__name__)
CHECK_TIMEOUT = 2.0

# Error classes → the code Telegram answered (network errors have none).
_CODES: tuple[tuple[type[TelegramAPIError], str], ...] = (
    (TelegramRetryAfter, "429"),
    (TelegramEntityTooLarge, "413"),
    (TelegramNetworkError, "network"),
    (TelegramBadRequest, "400"),
    (TelegramUnauthorizedError, "401"),
    (TelegramForbiddenError, "403"),
    (TelegramNotFound, "404"),
    (TelegramConflictError, "409"),
    (TelegramServerError, "5xx"),
)


def error_code(error: TelegramAPIError) -> str:
    return next((code for cls, code in _CODES if isinstance(error, cls)), "other")


class ApiErrorMetrics(BaseRequestMiddleware):
    """Counts every failed Bot API attempt (innermost: a 429 retried by OutgoingPolicy counts too)."""

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramAPIError as error:
            metrics.TELEGRAM_ERRORS.labels(method=method.__api_method__, code=error_code(error)).inc()
            raise


class Problems:
    """Permanent problems this instance found (e.g. Telegram refused the webhook), named in /healthz until solved."""

    def __init__(self) -> None:
        self._found: dict[str, str] = {}

    def report(self, name: str, description: str) -> None:
        self._found[name] = description
        metrics.PROBLEM.labels(problem=f"{name}_refused" if name == "webhook" else name).set(1)

    def clear(self, name: str) -> None:
        if self._found.pop(name, None) is not None:
            metrics.PROBLEM.labels(problem=f"{name}_refused" if name == "webhook" else name).set(0)

    def items(self) -> dict[str, str]:
        return dict(self._found)


async def _check(what: Any) -> str:
    try:
        await asyncio.wait_for(what, CHECK_TIMEOUT)
    except Exception as error:
        return f"unreachable ({type(error).__name__})"
    return "ok"


async def health(services: Services) -> tuple[bool, dict[str, str]]:
    """(healthy, {"database": "ok"|"unreachable (…)", "redis": "ok"|"unreachable (…)"|"not configured"})."""

    async def ping_database() -> None:
        async with services.db.connect() as connection:
            await connection.execute(text("SELECT 1"))

    checks = [_check(ping_database())]
    if services.redis is not None:
        checks.append(_check(services.redis.ping()))
    results = await asyncio.gather(*checks)
    status = {"database": results[0], "redis": results[1] if services.redis is not None else "not configured"}
    healthy = all(result == "ok" for result in results)
    status.update(services.problems.items())
    healthy = healthy and not services.problems.items()
    chat = services.settings.operator_chat_id
    if chat is not None and results[0] == "ok":
        with contextlib.suppress(Exception):  # the database answered a moment ago; a hiccup here is not a problem
            lost = await asyncio.wait_for(operators_chat.lost_reason(services.sessions, configured_id=chat), 2.0)
            metrics.PROBLEM.labels(problem="operators_chat_lost").set(1 if lost else 0)
            if lost:
                status["operators_chat"] = f"lost (Telegram: {lost})"
                healthy = False
    return healthy, status


def add_ops_routes(app: web.Application, services: Services, *, with_metrics: bool = True) -> None:
    async def healthz(_request: web.Request) -> web.Response:
        healthy, status = await health(services)
        body = {"status": "ok" if healthy else "unavailable", **status}
        return web.json_response(body, status=200 if healthy else 503)

    async def metrics_page(_request: web.Request) -> web.Response:
        chat = services.settings.operator_chat_id
        if chat is not None:  # another instance may have found the chat lost (or working again)
            with contextlib.suppress(Exception):
                lost = await asyncio.wait_for(operators_chat.lost_reason(services.sessions, configured_id=chat), 2.0)
                metrics.PROBLEM.labels(problem="operators_chat_lost").set(1 if lost else 0)
        try:
            pending, age = await asyncio.wait_for(backlog(services.sessions), CHECK_TIMEOUT)
        except Exception as error:  # the rest of the metrics are still worth serving
            log.warning("outbox backlog unavailable for /metrics: %s", type(error).__name__)
        else:
            metrics.OUTBOX_BACKLOG.set(pending)
            metrics.OUTBOX_AGE.set(age)
        body = generate_latest()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    app.router.add_get("/healthz", healthz)
    if with_metrics:
        app.router.add_get("/metrics", metrics_page)


async def start_health_server(services: Services, host: str, port: int) -> web.AppRunner:
    """The polling mode's listener for /healthz and /metrics."""
    app = web.Application()
    add_ops_routes(app, services)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as error:
        await runner.cleanup()
        raise ConfigError(
            f"configuration error: HEALTH_PORT: cannot listen on {host}:{port} ({error.strerror}); "
            "set HEALTH_PORT to a free port, or 0 for no health listener"
        ) from None
    return runner
