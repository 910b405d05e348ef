"""Signing in: the one-time link, the TOTP code (enrolled on first use, QR and secret shown once), signing out.

The link's GET only shows a button: link previews and mail scanners that fetch it do not spend it.
"""

from __future__ import annotations

import hmac
import io

import segno
from aiohttp import web

from bot.console import access, totp
from bot.console.web import (
    LANGUAGE_COOKIE,
    SESSION_COOKIE,
    SIGNED_IN,
    console_of,
    language_of,
    message_page,
    redirect,
    render,
    set_session_cookie,
)
from bot.core.languages import LANGUAGES

WRONG_CODES_ALLOWED = 5  # then the pending session ends and a new link is needed


def _t(request: web.Request, key: str) -> str:
    return console_of(request).translator.text(language_of(request), key)


async def link_page(request: web.Request) -> web.Response:
    return render(request, "signin_link.html", token=request.match_info["token"])


def _link_refused(request: web.Request) -> web.Response:
    return message_page(
        request,
        status=410,
        title=_t(request, "console-link-refused-title"),
        text=_t(request, "console-link-refused-text"),
    )


async def spend_link(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    cookie = await access.use_link(
        console.sessions, console.box, token=request.match_info["token"], client=request.headers.get("User-Agent")
    )
    if cookie is None:
        return _link_refused(request)
    response = redirect("/signin/code")
    set_session_cookie(console, response, cookie, lifetime=access.PENDING_LIFETIME)
    return response


async def code_page(request: web.Request, *, wrong: bool = False) -> web.Response:
    console = console_of(request)
    token = request.cookies.get(SESSION_COOKIE, "")
    found = await access.pending(console.sessions, console.box, token=token)
    if found is None:
        return _link_refused(request)
    assert found.operator.id is not None  # operators come from the database
    secret = await access.enrolment_secret(
        console.sessions,
        console.box,
        operator_id=found.operator.id,
        renew=not wrong,
    )
    qr = ""
    if secret is not None:
        uri = totp.provisioning_uri(secret, account=f"operator-{found.operator.id}", issuer=access.ISSUER)
        out = io.BytesIO()
        segno.make(uri, error="m").save(
            out, kind="svg", scale=5, border=4, xmldecl=False, svgns=True, nl=False, omitsize=True
        )
        qr = out.getvalue().decode("utf-8")
    return render(
        request,
        "signin_code.html",
        status=401 if wrong else 200,
        secret=secret,
        qr=qr,
        wrong=wrong,
        csrf_pending=console.box.console_csrf(token),
    )


# Wrong codes per half-way session, in this process (a second console instance keeps its own count: each still ends
# the attempt after five, and the link and the session last five minutes in any case).
_wrong_codes: dict[str, int] = {}


async def submit_code(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    token = request.cookies.get(SESSION_COOKIE, "")
    form = await request.post()
    if not hmac.compare_digest(str(form.get("csrf", "")), console.box.console_csrf(token)):
        return message_page(
            request, status=403, title=_t(request, "console-csrf-title"), text=_t(request, "console-csrf-text")
        )
    fresh = await access.verify_code(
        console.sessions, console.box, token=token, code=str(form.get("code", "")), policy=console.policy
    )
    if fresh is None:
        key = console.box.console_token_hash(token)
        _wrong_codes[key] = _wrong_codes.get(key, 0) + 1
        if _wrong_codes[key] >= WRONG_CODES_ALLOWED:
            found = await access.pending(console.sessions, console.box, token=token)
            if found is not None:
                await access.sign_out(console.sessions, found)
            _wrong_codes.pop(key, None)
            return _link_refused(request)
        return await code_page(request, wrong=True)
    _wrong_codes.pop(console.box.console_token_hash(token), None)
    response = redirect("/queue")
    set_session_cookie(console, response, fresh, lifetime=console.policy.lifetime)
    return response


async def sign_out(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    await access.sign_out(console.sessions, request[SIGNED_IN])
    response = redirect("/signed-out")
    response.del_cookie(SESSION_COOKIE, path="/")
    return response


async def signed_out(request: web.Request) -> web.Response:
    return message_page(
        request, status=200, title=_t(request, "console-bye-title"), text=_t(request, "console-bye-text")
    )


async def choose_language(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    lang = str(form.get("lang", ""))
    target = str(form.get("back", "/queue"))
    response = redirect(target if target.startswith("/") and not target.startswith("//") else "/queue")
    if lang in LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE, lang, path="/", samesite="Strict", secure=console_of(request).secure_cookies, httponly=True
        )
    return response


def add_routes(app: web.Application) -> None:
    app.router.add_get("/signin/code", code_page)
    app.router.add_post("/signin/code", submit_code)
    app.router.add_get("/signin/{token}", link_page)
    app.router.add_post("/signin/{token}", spend_link)
    app.router.add_get("/signed-out", signed_out)
    app.router.add_post("/signout", sign_out)
    app.router.add_post("/language", choose_language)
