"""The web intake's routes: thin handlers over bot.cases.web_reports, the answer engine and bot.cases.reports.

Privacy by construction: no access log; no handler reads the peer address or any request header beyond the form
and the one cookie; errors are logged by class only; every response says ``Referrer-Policy: no-referrer``, forbids
caching and framing, and allows only this site's own stylesheet and script (CSP).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from aiohttp import BodyPartReader, web
from multidict import MultiDictProxy
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.answer_engine import MAX_QUESTION_CHARS, AnswerEngine
from bot.answers.emergency import EmergencyWords
from bot.answers.knowledge_base import KnowledgeBase
from bot.cases import receipts, reports, web_reports
from bot.cases.attachments import AttachmentRefused
from bot.cases.forms import Questionnaires
from bot.core.crypto import SecretBox
from bot.core.i18n import Translator
from bot.core.languages import LANGUAGES
from bot.core.settings import Settings
from bot.models.cases import Category
from bot.web import pages
from bot.web.limits import WebLimits
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
    questionnaires: Questionnaires  # the bot's per-category questions (knowledge/forms/questionnaires.yaml)
    limits: WebLimits  # abuse control without identity (bot/web/limits.py): in Redis when REDIS_URL is set
    redis: Redis | None = None  # the limits' connection, closed with the process


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
    return pages.ReportForm(fields.category, fields.description, fields.place, fields.incident_time, fields.answers)


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
    """Step 1 (which category) or step 2 (that category's form). No cookie here: the site sets one only once a
    report is started (the first Continue of step 2)."""
    services: WebServices = request.app[SERVICES]
    page = _page(request)
    draft = await _current_draft(request)
    chosen = request.query.get("category", "")
    if "choose" in request.query or (chosen not in Category.__members__ and draft is None):
        preselected = request.query.get("choose", "") or (draft.fields.category if draft else "")
        return _html(pages.report_category(page, chosen=preselected))
    form = _form_of(draft.fields) if draft else pages.ReportForm()
    if chosen in Category.__members__ and chosen != form.category:
        # Another category: its own questions are asked afresh (as drafts.choose_category); the rest is kept.
        form = pages.ReportForm(chosen, form.description, form.place, form.incident_time)
    if form.category not in Category.__members__:
        return _html(pages.report_category(page, chosen=""))
    return _html(_report_form_page(page, services, form, errors=(), draft=draft))


def _report_form_page(
    page: pages.Page,
    services: WebServices,
    form: pages.ReportForm,
    *,
    errors: Sequence[tuple[str, dict[str, object]]],
    draft: web_reports.LoadedDraft | None,
) -> str:
    return pages.report_form(
        page,
        form,
        questions=services.questionnaires.questions(form.category),
        errors=errors,
        uploads=_uploads(draft),
        **_limits(services),
    )


async def _form_token_allowed(request: web.Request) -> bool:
    """A script re-posting one draft is slowed down; other reporters are not (the bucket is the token's)."""
    services: WebServices = request.app[SERVICES]
    token = request.cookies.get(FORM_COOKIE)
    return not token or await services.limits.form_post(services.secrets.form_token_key(token))


async def report_post(request: web.Request) -> web.Response:
    services: WebServices = request.app[SERVICES]
    settings = services.settings
    page = _page(request)
    if not await _form_token_allowed(request):
        return _html(pages.message(page, "web-report-title", "web-error-busy"), status=429)
    values, files, remove = await _read_report_form(request)
    existing = await _current_draft(request)
    token = request.cookies.get(FORM_COOKIE) if existing is not None else None
    token = token or web_reports.new_form_token()
    fields = _fields(services, values, page.lang, existing.fields if existing else None)
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
    problems = fields.problems(**_min(services))
    errors += [(key, {"min": settings.description_min_chars}) for key in problems]
    draft = await web_reports.load_draft(services.sessions, services.secrets, token=token, ttl=_ttl(services))
    response: web.StreamResponse
    if "web-error-category" in problems:  # only a forged form gets here: the category is step 1's choice
        response = _html(pages.report_category(page, chosen="", errors=errors), status=422)
    elif errors or remove is not None:
        body = _report_form_page(page, services, _form_of(fields), errors=errors, draft=draft)
        response = _html(body, status=422 if errors else 200)
    else:
        # A description that signals danger: the emergency numbers and "is it happening now?", as in the bot.
        next_path = "/report/now" if fields.asks_happening_now else "/report/review"
        response = web.Response(status=303, headers={"Location": page.link(next_path)})
    _set_form_cookie(response, services, token)
    return response


def _min(services: WebServices) -> dict[str, int]:
    return {"min_chars": services.settings.description_min_chars}


FORM_FIELDS = ("category", "description", "place", "incident_time")
FIELD_CHARS = 5000  # more than any field takes (the longest, the description, 4,000): the rest is cut unread


def _form_field(name: str) -> bool:
    return name in FORM_FIELDS or name.startswith(web_reports.QUESTION_FIELD)


async def _read_report_form(request: web.Request) -> tuple[dict[str, str], list[bytes], int | None]:
    """The multipart form, read field by field; a file over the limit is cut off and refused, not buffered."""
    services: WebServices = request.app[SERVICES]
    limit = services.settings.web_max_file_mb * 1024 * 1024
    values: dict[str, str] = {}
    files: list[bytes] = []
    remove: int | None = None
    if not request.content_type.startswith("multipart/"):  # a form without a file field, sent plainly
        posted = await request.post()
        values = {name: str(value)[:FIELD_CHARS] for name, value in posted.items() if _form_field(name)}
        removed = str(posted.get("remove", ""))
        remove = int(removed) if removed.isascii() and removed.isdigit() and len(removed) < 12 else None
        return values, [], remove
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
        text = (await part.text())[:FIELD_CHARS]
        if part.name == "remove" and text.isascii() and text.isdigit() and len(text) < 12:
            remove = int(text)
        elif _form_field(part.name) and len(values) < MAX_FORM_FIELDS:
            values[part.name] = text
    return values, files, remove


MAX_FORM_FIELDS = 64  # the longest questionnaire and the fixed fields, with room; a forged form gets no further


def _fields(
    services: WebServices, values: dict[str, str], lang: str, previous: web_reports.WebDraftFields | None
) -> web_reports.WebDraftFields:
    category = values.get("category", "")
    description = values.get("description", "")
    # Danger is read from the description by the bot's recogniser; once seen it stays (as in the bot's flow), and
    # "is it happening now?" is asked once per draft.
    danger = services.emergency.urgent(description) or (previous is not None and previous.danger)
    return web_reports.WebDraftFields(
        category=category,
        description=description,
        place=values.get("place", ""),
        incident_time=values.get("incident_time", ""),
        language=lang,
        answers=web_reports.answers_from_form(services.questionnaires.questions(category), values),
        danger=danger,
        happening_now=previous.happening_now if previous is not None and danger else None,
    )


async def now_form(request: web.Request) -> web.Response:
    page = _page(request)
    draft = await _current_draft(request)
    if draft is None:
        return _html(pages.message(page, "web-report-title", "web-error-draft-gone"), status=410)
    if not draft.fields.danger:
        raise web.HTTPSeeOther(page.link("/report/review"))
    return _html(pages.happening_now(page))


async def now_post(request: web.Request) -> web.Response:
    """The answer to "is it happening right now?": "yes" makes the case urgent (reports.is_urgent), as in the bot."""
    services: WebServices = request.app[SERVICES]
    page = _page(request)
    if not await _form_token_allowed(request):
        return _html(pages.message(page, "web-report-title", "web-error-busy"), status=429)
    draft = await _current_draft(request)
    token = request.cookies.get(FORM_COOKIE)
    if draft is None or token is None:
        return _html(pages.message(page, "web-report-title", "web-error-draft-gone"), status=410)
    if not draft.fields.danger:  # asked only after a description that signals danger, as in the bot
        raise web.HTTPSeeOther(page.link("/report/review"))
    answer = str((await request.post()).get("now", ""))
    if answer not in ("yes", "no"):
        return _html(pages.happening_now(page), status=422)
    draft.fields.happening_now = answer == "yes"
    await web_reports.save_draft(services.sessions, services.secrets, token=token, fields=draft.fields)
    raise web.HTTPSeeOther(page.link("/report/review"))


async def review(request: web.Request) -> web.Response:
    services: WebServices = request.app[SERVICES]
    page = _page(request)
    draft = await _current_draft(request)
    if draft is None:
        return _html(pages.message(page, "web-report-title", "web-error-draft-gone"), status=410)
    if draft.fields.asks_happening_now:  # the danger question comes before the review, as in the bot
        raise web.HTTPSeeOther(page.link("/report/now"))
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
        lines=web_reports.review_lines(draft.fields, services.questionnaires, page.lang),
        happening_now=draft.fields.happening_now,
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
    allowed = await _form_token_allowed(request) and await services.limits.submission()
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
        allowed = await services.limits.failed_lookup()
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
    zone = services.settings.zone
    exchanges = [
        pages.Exchange(item.direction.value == "to_citizen", _local_time(item.created_at, zone), item.body)
        for item in await web_reports.dialogue(services.sessions, case_id=case_id)
    ]
    return pages.status_view(
        page,
        zone=_zone_label(zone),
        code=code,
        status_key=f"status-{view.status.value}",
        exchanges=exchanges,
        open_=view.replies_open,
        note_key=note_key,
    )


def _local_time(moment: datetime, zone: ZoneInfo) -> str:
    """A stored time (UTC; SQLite returns it naive) in the hotline's zone (TIMEZONE), with its UTC offset."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    local = aware.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M} ({_offset(local)})"


def _offset(moment: datetime) -> str:
    offset = moment.strftime("%z")  # "+0500"
    return "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"


def _zone_label(zone: ZoneInfo) -> str:
    """The zone as the status page names it: "Asia/Almaty (UTC+05:00)", or "UTC"."""
    offset = _offset(datetime.now(zone))
    return "UTC" if offset == "UTC" and zone.key in ("UTC", "Etc/UTC") else f"{zone.key} ({offset})"


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
    app.router.add_get(f"/{lang}/report/now", now_form)
    app.router.add_post(f"/{lang}/report/now", now_post)
    app.router.add_get(f"/{lang}/report/review", review)
    app.router.add_post(f"/{lang}/report/submit", submit)
    app.router.add_get(f"/{lang}/status", status_form)
    app.router.add_post(f"/{lang}/status", status_post)
    app.router.add_post(f"/{lang}/status/reply", status_reply)
    app.router.add_get("/static/{name}", static_file)
    return app
