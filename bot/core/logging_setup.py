"""Logging: one line per event, never message text or Telegram ids (handlers log update ids and types only).

Our own log calls never pass content; what libraries log on a failure is another matter: an exception's message can
carry what a citizen wrote (SQLAlchemy's ``[parameters: …]``, pydantic's ``input_value=…`` for a malformed update,
aiogram's "Content: …" of an undecodable response, aiohttp's "Error handling request" traceback). So every record
passes ``ScrubContent`` before any handler writes it: exceptions are written as their class and traceback frames
(file, line, function) without their messages, and exception objects among a record's arguments become their class
name. The location of a failure is kept; what it was about is not — except for the few kinds whose message is about
the network or the machine, never about a message or a person (``SAFE_MESSAGES``: a refused connection, a timeout,
Telegram unreachable).
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from types import TracebackType

from bot.core.settings import Settings

WITHHELD = "<message withheld: may hold what a user wrote>"
# Their messages say what failed on the network or the machine (host, port, errno), never what was sent or to whom
# (not TelegramRetryAfter: it names the chat, which is a person's id in a private chat).
# Libraries' classes by name: importing aiogram here would cost every command-line tool seconds at start.
SAFE_MESSAGES: tuple[type[BaseException], ...] = (OSError, TimeoutError)
SAFE_LIBRARY_MESSAGES = {
    "aiogram.exceptions.TelegramNetworkError",
    "aiogram.exceptions.TelegramUnauthorizedError",
    "aiogram.exceptions.TelegramConflictError",
    "redis.exceptions.ConnectionError",
    "redis.exceptions.TimeoutError",
}


def message_is_safe(error: BaseException) -> bool:
    if isinstance(error, SAFE_MESSAGES):
        return True
    return any(f"{kind.__module__}.{kind.__qualname__}" in SAFE_LIBRARY_MESSAGES for kind in type(error).__mro__)


def describe(error: BaseException) -> str:
    """The class of ``error``, and its message only when that cannot hold content."""
    kind = type(error)
    name = f"{kind.__module__}.{kind.__qualname__}"
    if message_is_safe(error):
        return f"{name}: {str(error).splitlines()[0][:300] if str(error) else ''}"
    return f"{name}: {WITHHELD}"


def _exception_lines(error: BaseException, seen: set[int]) -> list[str]:
    """Traceback frames and class names of ``error`` and its causes, never their messages."""
    seen.add(id(error))
    lines: list[str] = []
    cause = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    if cause is not None and id(cause) not in seen:
        lines += _exception_lines(cause, seen)
        lines.append("The above exception led to:")
    lines.append("Traceback (most recent call last):")
    for frame in traceback.extract_tb(error.__traceback__):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
    lines.append(describe(error))
    return lines


def safe_traceback(exc_info: tuple[type[BaseException], BaseException, TracebackType | None]) -> str:
    return "\n".join(_exception_lines(exc_info[1], set()))


def _short(error: BaseException) -> str:
    """An exception as a log argument: its class name, with its message only when that is safe."""
    if message_is_safe(error) and str(error):
        return f"{type(error).__name__}({str(error).splitlines()[0][:300]})"
    return type(error).__name__


class ScrubContent(logging.Filter):
    """Rewrites a record so that no exception message reaches a log line (see the module's docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = safe_traceback(record.exc_info)
            record.exc_info = None
        if isinstance(record.args, tuple) and any(isinstance(arg, BaseException) for arg in record.args):
            record.args = tuple(_short(a) if isinstance(a, BaseException) else a for a in record.args)
        elif isinstance(record.msg, BaseException):
            record.msg, record.args = _short(record.msg), ()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(ScrubContent())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    # aiogram logs every handled update at INFO; useful only when debugging.
    logging.getLogger("aiogram.event").setLevel(max(logging.WARNING, root.level))
    logging.getLogger("alembic").setLevel(max(logging.WARNING, root.level))
    # The database drivers log every statement with its parameters (reports, messages, ids) at DEBUG/INFO: never.
    # Pillow logs every EXIF tag it reads or writes at DEBUG (camera, GPS position of a web upload): never either.
    for name in ("aiosqlite", "sqlalchemy", "PIL"):
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
