"""The web intake's routes: thin handlers over bot.cases.web_reports, the answer engine and bot.cases.reports.

Privacy by construction: no access log; no handler reads the peer address or any request header beyond the form
and the one cookie; errors are logged by class only; every response says ``Referrer-Policy: no-referrer``, forbids
caching and framing, and allows only this site's own stylesheet and script (CSP).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from aiohttp import BodyPartReader, web
from multidict import MultiDictProxy
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.answer_engine import MAX_QUESTION_CHARS, AnswerEngine
from bot.answers.emergency import EmergencyWords
from bot.answers.knowledge_base import KnowledgeBase
from bot.cases import receipts, reports, web_reports
from bot.cases.attachments import AttachmentRefused
from bot.core.crypto import SecretBox
from bot.core.flood_control import FloodControl
from bot.core.i18n import Translator
from bot.core.languages import LANGUAGES
from bot.core.settings import Settings
from bot.web import pages
from bot.web.static_files import STATIC

log = logging.getLogger(__name__)
FORM_COOKIE = "hotline_form"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
MAX_BODY_MARGIN = 1024 * 1024  # form fields around the files


@dataclass
class WebServices:
    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    secrets: SecretBox
    translator: Translator
    kb: KnowledgeBase
    engine: AnswerEngine
    emergency: EmergencyWords
    # Abuse control without identity: deployment-wide buckets, never per address.
    submissions: FloodControl
    lookups: FloodControl
    per_form: FloodControl  # each form token: a script hammering one draft is slowed, the rest unaffected


SERVICES = web.AppKey("services", WebServices)


def _page(request: web.Request) -> pages.Page:
    services: WebServices = request.app[SERVICES]
    lang = request.match_info.get("lang", services.settings.default_language)
    return pages.Page(services.translator, lang if lang in LANGUAGES else services.settings.default_language)


def _html(body: str, status: int = 200) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")


@web.middleware
async def protective_headers(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        exc.headers.update(SECURITY_HEADERS)
        raise
    except Exception as exc:  # by class only: the request may hold a citizen's text
        log.error("web request failed: %s", type(exc).__name__)
        page = _page(request)
        response = _html(pages.message(page, "web-error-title", "web-error-generic"), status=500)
    response.headers.update(SECURITY_HEADERS)
    return response


# --- pages -----------------------------------------------------------------------------------------------------------


async def root(request: web.Request) -> web.Response:
    services: WebServices = request.app[SERVICES]
    raise web.HTTPSeeOther(f"/{services.settings.default_language}/")


async def home(request: web.Request) -> web.Response:
    return _html(pages.home(_page(request)))


async def ask(request: web.Request) -> web.Response:
    services: WebServices = request.app[SERVICES]
    page = _page(request)
    question = request.query.get("q", "")[:MAX_QUESTION_CHARS]
    entry = request.query.get("entry", "")
    values = services.settings.placeholder_values()
    if entry in services.kb.by_id:
        known = services.kb.answer(entry, page.lang, values)
        return _html(pages.ask(page, question="", danger=False, answer=known, suggestions=(), unknown=False))
    if not question.strip():
        return _html(pages.ask(page, question="", danger=False, answer=None, suggestions=(), unknown=False))
    result = services.engine.ask(question, lang_hint=page.lang)
    if result.decision != "unknown" and result.lang != page.lang:
        page = pages.Page(services.translator, result.lang)
    answer = services.kb.answer(result.entry_id, page.lang, values) if result.entry_id else None
    suggestions = [(services.kb.by_id[e].questions[page.lang][0], e) for e in result.suggestions]
    danger = services.emergency.found_in(question)
    return _html(
        pages.ask(
            page,
            question=question,
            danger=danger,
            answer=answer,
            suggestions=suggestions,
            unknown=answer is None and not suggestions,
        )
    )


def _limits(services: WebServices) -> dict[str, int]:
    settings = services.settings
    return {
        "min_chars": settings.description_min_chars,
        "max_files": settings.web_max_files,
        "max_file_mb": settings.web_max_file_mb,
    }


def _uploads(draft: web_reports.LoadedDraft | None) -> list[tuple[int, str, int]]:
    return [(u.id, u.file_name, u.size) for u in draft.uploads] if draft else []


def _form_of(fields: web_reports.WebDraftFields) -> pages.ReportForm:
    return pages.ReportForm(fields.category, fields.description, fields.place, fields.incident_time)


async def _current_draft(request: web.Request) -> web_reports.LoadedDraft | None:
    services: WebServices = request.app[SERVICES]
    token = request.cookies.get(FORM_COOKIE)
    if not token:
        return None
    try:
        return await web_reports.load_draft(services.sessions, services.secrets, token=token, ttl=_ttl(services))
    except web_reports.DraftGone:
        return None


def _ttl(services: WebServices) -> timedelta:
    return timedelta(minutes=services.settings.web_draft_minutes)


def _set_form_cookie(response: web.StreamResponse, services: WebServices, token: str) -> None:
    response.set_cookie(
        FORM_COOKIE,
        token,
        max_age=services.settings.web_draft_minutes * 60,
        path="/",
        httponly=True,
        samesite="Strict",
        secure=services.settings.web_secure_cookies,
    )


async def report_form(request: web.Request) -> web.Response:
    """No cookie here: the site sets one only once a report is started (the first Continue)."""
    services: WebServices = request.app[SERVICES]
    draft = await _current_draft(request)
    form = _form_of(draft.fields) if draft else pages.ReportForm()
    return _html(pages.report_form(_page(request), form, errors=(), uploads=_uploads(draft), **_limits(services)))


async def report_post(request: web.Request) -> web.Response:
    services: WebServices = request.app[SERVICES]
    settings = services.settings
    page = _page(request)
    token = request.cookies.get(FORM_COOKIE)
    if token and not services.per_form.check(services.secrets.form_token_key(token))[0]:
        return _html(pages.message(page, "web-report-title", "web-error-busy"), status=429)
    fields, files, remove = await _read_report_form(request, page.lang)
    existing = await _current_draft(request)
    if existing is None:
        token = web_reports.new_form_token()
    assert token is not None
    errors: list[tuple[str, dict[str, object]]] = []
    await web_reports.save_draft(services.sessions, services.secrets, token=token, fields=fields)
    if remove is not None:
        await web_reports.remove_upload(services.sessions, services.secrets, token=token, upload_id=remove)
    for data in files:
        try:
            await web_reports.add_upload(
                services.sessions,
                services.secrets,
                token=token,
                data=data,
                max_bytes=settings.web_max_file_mb * 1024 * 1024,
                max_files=settings.web_max_files,
            )
        except AttachmentRefused as refused:
            errors.append((f"web-error-file-{refused.reason.value}", {"mb": settings.web_max_file_mb}))
        except web_reports.TooManyFiles:
            errors.append(("web-error-too-many-files", {"count": settings.web_max_files}))
    errors += [(key, {"min": settings.description_min_chars}) for key in fields.problems(**_min(services))]
    draft = await web_reports.load_draft(services.sessions, services.secrets, token=token, ttl=_ttl(services))
    if errors or remove is not None:
        body = pages.report_form(page, _form_of(fields), errors=errors, uploads=_uploads(draft), **_limits(services))
        response = _html(body, status=422 if errors else 200)
    else:
        response = web.Response(status=303, headers={"Location": page.link("/report/review")})
    _set_form_cookie(response, services, token)
    return response


def _min(services: WebServices) -> dict[str, int]:
    return {"min_chars": services.settings.description_min_chars}


async def _read_report_form(
    request: web.Request, lang: str
) -> tuple[web_reports.WebDraftFields, list[bytes], int | None]:
    """The multipart form, read field by field; a file over the limit is cut off and refused, not buffered."""
    services: WebServices = request.app[SERVICES]
    limit = services.settings.web_max_file_mb * 1024 * 1024
    values: dict[str, str] = {}
    files: list[bytes] = []
    remove: int | None = None
    if not request.content_type.startswith("multipart/"):  # a form without a file field, sent plainly
        posted = await request.post()
        values = {
            name: str(posted.get(name, ""))[:5000] for name in ("category", "description", "place", "incident_time")
        }
        removed = str(posted.get("remove", ""))
        remove = int(removed) if removed.isascii() and removed.isdigit() and len(removed) < 12 else None
        return _fields(values, lang), [], remove
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue
        if part.name == "files":
            data = await part.read_chunk(limit + 1)
            chunk = data
            while chunk and len(data) <= limit:
                chunk = await part.read_chunk(limit + 1 - len(data))
                data += chunk
            if data:
                files.append(data)  # over the limit: attachments.clean refuses it by size
            continue
        text = (await part.text())[:5000]
        if part.name == "remove" and text.isascii() and text.isdigit() and len(text) < 12:
            remove = int(text)
        elif part.name in ("category", "description", "place", "incident_time"):
            values[part.name] = text
    return _fields(values, lang), files, remove


def _fields(values: dict[str, str], lang: str) -> web_reports.WebDraftFields:
    return web_reports.WebDraftFields(
        category=values.get("category", ""),
        description=values.get("description", ""),
        place=values.get("place", ""),
        incident_time=values.get("incident_time", ""),
        language=lang,
    )


async def review(request: web.Request) -> web.Response:
    services: WebServices = request.app[SERVICES]
    page = _page(request)
    draft = await _current_draft(request)
    if draft is None:
        return _html(pages.message(page, "web-report-title", "web-error-draft-gone"), status=410)
    return _html(_review_page(page, services, draft))


def _review_page(
    page: pages.Page,
    services: WebServices,
    draft: web_reports.LoadedDraft,
    errors: list[tuple[str, dict[str, object]]] | None = None,
) -> str:
    return pages.review(
        page,
        _form_of(draft.fields),
        uploads=_uploads(draft),
        challenge=draft.challenge,
        pow_bits=services.settings.web_pow_bits,
        wait_seconds=services.settings.web_no_script_wait_seconds,
        errors=errors or (),
    )


async def submit(request: web.Request) -> web.Response:
    services: WebServices = request.app[SERVICES]
    settings = services.settings
    page = _page(request)
    form = await request.post()
    token = request.cookies.get(FORM_COOKIE, "")
    nonce = str(form.get("nonce", ""))[:40]
    allowed = services.per_form.check(services.secrets.form_token_key(token))[0] if token else True
    allowed = allowed and services.submissions.check("web-submit")[0]
    if not allowed:
        return _html(pages.message(page, "web-report-title", "web-error-busy"), status=429)
    try:
        receipt = await web_reports.submit_web_report(
            services.sessions,
            services.secrets,
            services.emergency,
            token=token,
            nonce=nonce,
            pow_bits=settings.web_pow_bits,
            no_script_wait=timedelta(seconds=settings.web_no_script_wait_seconds),
            ttl=_ttl(services),
            min_chars=settings.description_min_chars,
        )
    except web_reports.DraftGone:
        response = _html(pages.message(page, "web-report-title", "web-error-draft-gone"), status=410)
        response.del_cookie(FORM_COOKIE, path="/")
        return response
    except web_reports.ProofMissing:
        draft = await _current_draft(request)
        if draft is None:
            return _html(pages.message(page, "web-report-title", "web-error-draft-gone"), status=410)
        wait = max(1, int(settings.web_no_script_wait_seconds - draft.age_seconds) + 1)
        errors: list[tuple[str, dict[str, object]]] = [("web-error-proof", {"seconds": wait})]
        return _html(_review_page(page, services, draft, errors), status=422)
    response = _html(pages.receipt(page, code=receipt.code, urgent=receipt.urgent))
    response.del_cookie(FORM_COOKIE, path="/")
    return response


async def status_form(request: web.Request) -> web.Response:
    return _html(pages.status_form(_page(request)))


async def _case_of(
    request: web.Request, form: MultiDictProxy[str | bytes | bytearray | web.FileField]
) -> tuple[int | None, str]:
    """The case of the typed code (None if unknown), and the code as it was typed, normalised."""
    services: WebServices = request.app[SERVICES]
    typed = str(form.get("code", ""))[:40]
    code = receipts.normalize(typed)
    if code is None:
        return None, ""
    return await reports.find_case(services.sessions, services.secrets, code), code


async def status_post(request: web.Request) -> web.Response:
    services: WebServices = request.app[SERVICES]
    page = _page(request)
    form = await request.post()
    if receipts.normalize(str(form.get("code", ""))[:40]) is None:
        return _html(pages.status_form(page, error_key="web-status-not-a-code"), status=422)
    case_id, code = await _case_of(request, form)
    if case_id is None:
        # Only failed lookups count, deployment-wide: a reporter following their case is never locked out.
        allowed, _ = services.lookups.check("web-status-failed")
        key = "status-not-found" if allowed else "web-error-busy"
        return _html(pages.status_form(page, error_key=key), status=404 if allowed else 429)
    return _html(await _status_page(page, services, case_id, code, None))


async def status_reply(request: web.Request) -> web.Response:
    services: WebServices = request.app[SERVICES]
    page = _page(request)
    form = await request.post()
    case_id, code = await _case_of(request, form)
    if case_id is None:
        return _html(pages.status_form(page, error_key="status-not-found"), status=404)
    body = str(form.get("body", "")).strip()[:4000]
    note = None
    if body:
        sent = await reports.add_citizen_message(services.sessions, case_id=case_id, body=body)
        note = "status-reply-sent" if sent else "status-reply-closed"
    return _html(await _status_page(page, services, case_id, code, note))


async def _status_page(page: pages.Page, services: WebServices, case_id: int, code: str, note_key: str | None) -> str:
    view = await reports.citizen_view(services.sessions, case_id)
    exchanges = [
        pages.Exchange(item.direction.value == "to_citizen", f"{item.created_at:%Y-%m-%d %H:%M} UTC", item.body)
        for item in await web_reports.dialogue(services.sessions, case_id=case_id)
    ]
    return pages.status_view(
        page,
        code=code,
        status_key=f"status-{view.status.value}",
        exchanges=exchanges,
        open_=view.replies_open,
        note_key=note_key,
    )


async def static_file(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in STATIC:
        raise web.HTTPNotFound()
    content_type, body = STATIC[name]
    return web.Response(body=body, content_type=content_type)


def build_app(services: WebServices) -> web.Application:
    limit = services.settings.web_max_file_mb * 1024 * 1024 * max(services.settings.web_max_files, 1)
    app = web.Application(middlewares=[protective_headers], client_max_size=limit + MAX_BODY_MARGIN)
    app[SERVICES] = services
    lang = "{lang:kk|ru|en}"
    app.router.add_get("/", root)
    app.router.add_get(f"/{lang}/", home)
    app.router.add_get(f"/{lang}/ask", ask)
    app.router.add_get(f"/{lang}/report", report_form)
    app.router.add_post(f"/{lang}/report", report_post)
    app.router.add_get(f"/{lang}/report/review", review)
    app.router.add_post(f"/{lang}/report/submit", submit)
    app.router.add_get(f"/{lang}/status", status_form)
    app.router.add_post(f"/{lang}/status", status_post)
    app.router.add_post(f"/{lang}/status/reply", status_reply)
    app.router.add_get("/static/{name}", static_file)
    return app
