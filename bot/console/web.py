"""What every console page shares: the services, rendering in the reader's language and time zone, the security
headers, the session check and the anti-forgery check."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import ClientSession, web
from markupsafe import Markup
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases import moderation
from bot.cases.forms import Questionnaires
from bot.console import access
from bot.console.reply_templates import ReplyTemplate
from bot.core.crypto import SecretBox
from bot.core.i18n import Translator
from bot.core.languages import LANGUAGES
from bot.core.settings import Settings
from bot.models.case_numbers import case_number

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "hotline_console"
LANGUAGE_COOKIE = "hotline_console_lang"
# No script at all; styles and images from the console itself; forms only back to it; never framed.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; media-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
PUBLIC_PATHS = ("/signin", "/static/", "/signed-out", "/healthz", "/language")  # /language: a cookie, no data
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Console:
    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    box: SecretBox
    translator: Translator
    policy: access.SessionPolicy
    templates: tuple[ReplyTemplate, ...]
    # The category questions' labels (knowledge/forms/questionnaires.yaml), to show a case's answers as the bot does
    questionnaires: Questionnaires = field(default_factory=lambda: Questionnaires({}))
    http: ClientSession | None = None  # the Bot API, for evidence previews

    @property
    def secure_cookies(self) -> bool:
        return not self.settings.console_insecure_cookies


CONSOLE_KEY = web.AppKey("console", Console)
SIGNED_IN = web.RequestKey("signed_in", access.SignedIn)
CSRF = web.RequestKey("csrf", str)


def redirect(location: str) -> web.Response:
    """303 See Other: after a POST the browser GETs the result (reloading never repeats the action)."""
    return web.Response(status=303, headers={"Location": location})


_pages = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def console_of(request: web.Request) -> Console:
    return request.app[CONSOLE_KEY]


def language_of(request: web.Request) -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    return chosen if chosen in LANGUAGES else console_of(request).settings.operators_language


def render(request: web.Request, template_name: str, *, status: int = 200, **values: Any) -> web.Response:
    console = console_of(request)
    lang = language_of(request)
    zone = console.settings.zone

    def t(key: str, **args: Any) -> str:
        return console.translator.text(lang, key, **args)

    def when(moment: datetime | None) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else "–"

    def number(case_id: int | None) -> str:
        return case_number(case_id) if case_id else ""

    signed_in: access.SignedIn | None = request.get(SIGNED_IN)
    body = _pages.get_template(template_name).render(
        t=t,
        when=when,
        number=number,
        lang=lang,
        languages=LANGUAGES,
        zone=console.settings.timezone,
        me=signed_in.operator if signed_in else None,
        csrf=request.get(CSRF, ""),
        path=request.path_qs,
        svg=Markup,  # charts are built from escaped parts in bot/console/charts.py
        **values,
    )
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")


def message_page(request: web.Request, *, status: int, title: str, text: str) -> web.Response:
    return render(request, "message.html", status=status, title=title, text=text)


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as error:
        if error.status < 400 or (error.text and error.content_type == "text/html"):
            response = web.Response(status=error.status, text=error.text, headers=error.headers)
        else:
            t = console_of(request).translator
            title = t.text(language_of(request), "console-error-title")
            response = message_page(request, status=error.status, title=title, text=str(error.reason))
    except moderation.Forbidden as refusal:
        # One place audits every refusal: what was tried (the case action, or the page) and by whom.
        tried = request.match_info.get("action") or request.path.strip("/").replace("/", ":") or "home"
        await moderation.audit_refusal(
            console_of(request).sessions,
            action=f"console:{tried}"[:40],
            user_key="",
            operator=refusal.operator,
            case_id=refusal.case_id,
        )
        response = forbidden(request)
    except Exception:
        # The type only: the exception text could quote a case.
        log.exception("console: %s failed", request.method)
        t = console_of(request).translator
        response = message_page(
            request,
            status=500,
            title=t.text(language_of(request), "console-error-title"),
            text=t.text(language_of(request), "console-error-text"),
        )
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def forbidden(request: web.Request) -> web.Response:
    t = console_of(request).translator
    lang = language_of(request)
    return message_page(
        request, status=403, title=t.text(lang, "console-forbidden-title"), text=t.text(lang, "console-forbidden-text")
    )


@web.middleware
async def require_session(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every page but sign-in needs a signed-in session (role read fresh); every POST needs its CSRF token."""
    if request.path.startswith(PUBLIC_PATHS):
        return await handler(request)
    console = console_of(request)
    token = request.cookies.get(SESSION_COOKIE, "")
    found = await access.signed_in(console.sessions, console.box, token=token, policy=console.policy)
    if found is None:
        return signed_out_page(request)
    request[SIGNED_IN] = found
    request[CSRF] = console.box.console_csrf(token)
    if request.method not in ("GET", "HEAD"):
        await check_csrf(request, expected=request[CSRF])
    return await handler(request)


def signed_out_page(request: web.Request) -> web.Response:
    t = console_of(request).translator
    lang = language_of(request)
    return message_page(
        request,
        status=401,
        title=t.text(lang, "console-signed-out-title"),
        text=t.text(lang, "console-signed-out-text"),
    )


async def check_csrf(request: web.Request, *, expected: str) -> None:
    form = await request.post()
    given = str(form.get("csrf", ""))
    if not given or not hmac.compare_digest(given, expected):
        t = console_of(request).translator
        lang = language_of(request)
        raise web.HTTPForbidden(
            text=render(
                request,
                "message.html",
                title=t.text(lang, "console-csrf-title"),
                text=t.text(lang, "console-csrf-text"),
            ).text,
            content_type="text/html",
        )


def set_session_cookie(console: Console, response: web.StreamResponse, token: str, *, lifetime: timedelta) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        path="/",
        httponly=True,
        samesite="Strict",
        secure=console.secure_cookies,
        max_age=int(lifetime.total_seconds()),
    )
