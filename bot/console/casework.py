"""The queue and the case page, and every action on a case. Handlers parse the form, call bot.cases, redirect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from aiohttp import ClientError, web
from sqlmodel import col, select

from bot.cases import case_queue, moderation
from bot.cases.audit_words import audit_label
from bot.cases.case_queue import QueueQuery, Sort
from bot.cases.moderation import ActionResult
from bot.console.web import SIGNED_IN, console_of, language_of, message_page, redirect, render
from bot.core.languages import LANGUAGES
from bot.models import AuditEntry, Case, CaseTag, Evidence, Operator
from bot.models.cases import Category, Direction, Outcome, Status

PREVIEW_TYPES = {
    "photo": "image/jpeg",
    "video": "video/mp4",
    "animation": "video/mp4",
    "video_note": "video/mp4",
    "voice": "audio/ogg",
    "audio": "audio/mpeg",
}


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 10 else None


def parse_queue_query(params: Any) -> QueueQuery:
    """The query string of /queue; anything malformed is ignored rather than refused (it is a filter form)."""
    status = params.get("status", "open")
    urgency = params.get("urgency", "")
    assignee = params.get("assignee", "")
    return QueueQuery(
        status=Status(status) if status in Status.__members__ else None,
        open_only=status == "open",
        category=Category(params["category"]) if params.get("category") in Category.__members__ else None,
        urgent={"urgent": True, "normal": False}.get(urgency),
        language=params.get("language") if params.get("language") in LANGUAGES else None,
        assignee=case_queue.UNASSIGNED if assignee == "none" else _int(assignee),
        tag=moderation.normalise_tag(params.get("tag", "")) if params.get("tag") else None,
        since=_parse_date(params.get("since", "")),
        until=_parse_date(params.get("until", "")),
        text=params.get("q", "")[:200],
        sort=Sort(params["sort"]) if params.get("sort") in Sort.__members__ else Sort.newest,
        page=_int(params.get("page", "1")) or 1,
    )


async def _staff(request: web.Request) -> list[Operator]:
    async with console_of(request).sessions() as session:
        query = select(Operator).where(col(Operator.active).is_(True), col(Operator.telegram_id) != 0)
        return list((await session.exec(query.order_by(col(Operator.id)))).all())


async def queue_page(request: web.Request) -> web.Response:
    console = console_of(request)
    query = parse_queue_query(request.query)
    page = await case_queue.queue_page(
        console.sessions, request[SIGNED_IN].operator, query=query, zone=console.settings.zone
    )
    params = {k: v for k, v in request.query.items() if k != "page"}
    return render(
        request,
        "queue.html",
        page=page,
        query=query,
        params=params,
        raw=request.query,
        statuses=list(Status),
        categories=list(Category),
        sorts=list(Sort),
        staff=await _staff(request),
        tags=await case_queue.known_tags(console.sessions),
    )


@dataclass
class TimelineItem:
    at: datetime
    kind: str  # from_citizen, to_citizen, note, audit
    operator_id: int | None
    text: str  # message or note body; for audit, the action
    detail: str = ""


async def case_page(request: web.Request) -> web.Response:
    console = console_of(request)
    me = request[SIGNED_IN].operator
    case_id = _int(request.match_info["case"])
    if case_id is None:
        raise web.HTTPNotFound
    found = await moderation.open_case(console.sessions, me, case_id)  # audited: case_opened
    if found is None:
        raise web.HTTPNotFound
    case = found.case
    async with console.sessions() as session:
        audit = (
            await session.exec(select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(col(AuditEntry.id)))
        ).all()
        tags = (await session.exec(select(CaseTag.tag).where(CaseTag.case_id == case_id))).all()
        similar = (
            await session.exec(
                select(Case.id, Case.status).where(
                    (col(Case.similar_to) == case_id) | (col(Case.id) == (case.similar_to or -1))
                )
            )
        ).all()
    timeline = [TimelineItem(m.created_at, str(m.direction), m.operator_id, m.body) for m in found.messages]
    timeline += [TimelineItem(n.created_at, "note", n.operator_id, n.body) for n in found.notes]
    # Views are many (every page load, this one included): counted under the timeline, listed in the audit log.
    views = [a for a in audit if a.action == "case_opened"]
    timeline += [
        TimelineItem(a.at, "audit", a.operator_id, a.action, a.detail or "") for a in audit if a.action != "case_opened"
    ]
    timeline.sort(key=lambda item: item.at)
    template_id = request.query.get("template", "")
    chosen = next((tpl for tpl in console.templates if tpl.id == template_id), None)
    now = datetime.now(tz=case.created_at.tzinfo)
    held = case.claimed_by is not None and (case.claim_expires_at or now) > now
    return render(
        request,
        "case.html",
        case=case,
        found=found,
        answers=console.questionnaires.answered(case.category, case.answers or {}, language_of(request)),
        timeline=timeline,
        views=len(views),
        viewers=len({a.operator_id for a in views}),
        tags=sorted(tags),
        similar=similar,
        staff=await _staff(request),
        holder=case.claimed_by if held else None,
        outcomes=list(Outcome),
        templates=console.templates,
        draft=chosen.text.get(case.language, "") if chosen else "",
        can_work=me.role in moderation.WORKERS,
        audit_label=audit_label,
        done=_known_done(request, request.query.get("done", "")),
        Direction=Direction,
        Status=Status,
    )


def _known_done(request: web.Request, done: str) -> str:
    """The ``done`` notice of a redirect, if it is one of ours (it comes back in the URL, so anyone can edit it)."""
    translator = console_of(request).translator
    return done if f"console-done-{done}" in translator.message_ids(language_of(request)) else ""


def _back(case_id: int, done: str) -> web.Response:
    return redirect(f"/cases/{case_id}?done={done}")


async def case_action(request: web.Request) -> web.StreamResponse:
    """POST /cases/{case}/{action}: claim, release, assign, status, reopen, reply, note, tag, untag."""
    console = console_of(request)
    me = request[SIGNED_IN].operator
    case_id = _int(request.match_info["case"])
    action = request.match_info["action"]
    if case_id is None:
        raise web.HTTPNotFound
    form = await request.post()
    sessions = console.sessions
    match action:
        case "claim":
            result = await moderation.claim_case(sessions, me, case_id)
            claimed = result in (ActionResult.done, ActionResult.already_yours)
            return _back(case_id, "claimed" if claimed else result)
        case "release":
            released = await moderation.release_case(sessions, me, case_id)
            return _back(case_id, "released" if released is ActionResult.done else "not-released")
        case "assign":
            assignee = _int(str(form.get("assignee", ""))) or 0
            result = await moderation.assign_case(sessions, me, case_id=case_id, assignee_id=assignee)
            return _back(case_id, "assigned" if result == ActionResult.done else f"assign-{result}")
        case "status":
            return await _status(request, me, case_id, form)
        case "reopen":
            reason = str(form.get("reason", "")).strip()
            if not reason:
                return _back(case_id, "reason-needed")
            reopened = await moderation.reopen_case(sessions, me, case_id=case_id, reason=reason)
            return _back(case_id, "reopened" if reopened == ActionResult.done else f"reopen-{reopened}")
        case "reply":
            body = str(form.get("body", "")).strip()
            if not body:
                return _back(case_id, "empty")
            sent = await moderation.reply_to_citizen(sessions, me, case_id, body)
            return _back(case_id, "reply-queued" if sent is ActionResult.done else "reply-refused")
        case "note":
            body = str(form.get("body", "")).strip()
            if not body:
                return _back(case_id, "empty")
            saved = await moderation.add_note(sessions, me, case_id, body)
            return _back(case_id, "note-saved" if saved is ActionResult.done else "not-found")
        case "tag" | "untag":
            changed = await moderation.set_tag(
                sessions, me, case_id=case_id, tag=str(form.get("tag", "")), present=action == "tag"
            )
            return _back(case_id, "tags-saved" if changed else "tag-invalid")
    raise web.HTTPNotFound


async def _status(request: web.Request, me: Operator, case_id: int, form: Any) -> web.StreamResponse:
    """Status and outcome need a confirmation: the first POST shows what will happen, the second does it."""
    value = str(form.get("value", ""))
    if value == Status.in_review.value:
        status, outcome = Status.in_review, None
    elif value in Outcome.__members__:
        status, outcome = Status.closed, Outcome(value)
    else:
        return _back(case_id, "empty")
    moderation.require(me, moderation.WORKERS, case_id)
    if form.get("confirm") != "yes":
        return render(request, "confirm.html", case_id=case_id, value=value, outcome=outcome)
    changed = await moderation.set_status(console_of(request).sessions, me, case_id, status, outcome)
    return _back(case_id, "status-set" if changed is ActionResult.done else "status-not-set")


async def evidence_preview(request: web.Request) -> web.StreamResponse:
    """One evidence file, fetched from the Bot API (getFile) when asked and streamed: never written to disk."""
    console = console_of(request)
    me = request[SIGNED_IN].operator
    moderation.require(me, moderation.READERS)
    case_id, evidence_id = _int(request.match_info["case"]), _int(request.match_info["evidence"])
    async with console.sessions() as session:
        item = await session.get(Evidence, evidence_id or 0)
        if item is None or item.case_id != case_id or item.file_id is None:
            raise web.HTTPNotFound
        session.add(
            AuditEntry(operator_id=me.id, action="evidence_viewed", case_id=case_id, detail=f"item {item.item}")
        )
        await session.commit()
    token = console.settings.bot_token.get_secret_value() if console.settings.bot_token else None
    if token is None or console.http is None:
        return message_page(request, status=503, title="503", text=_t(request, "console-evidence-unavailable"))
    base = (console.settings.telegram_api_url or "https://api.telegram.org").rstrip("/")
    try:
        async with console.http.get(f"{base}/bot{token}/getFile", params={"file_id": item.file_id}) as answer:
            described = await answer.json()
        file_path = (described.get("result") or {}).get("file_path")
        if not described.get("ok") or not file_path:
            return message_page(request, status=502, title="502", text=_t(request, "console-evidence-unavailable"))
        async with console.http.get(f"{base}/file/bot{token}/{file_path}") as download:
            if download.status != 200:
                return message_page(request, status=502, title="502", text=_t(request, "console-evidence-unavailable"))
            response = web.StreamResponse(
                headers={
                    "Content-Type": PREVIEW_TYPES.get(item.kind, "application/octet-stream"),
                    "Content-Disposition": "inline" if item.kind in PREVIEW_TYPES else "attachment",
                    "Cache-Control": "no-store",
                }
            )
            await response.prepare(request)
            async for chunk in download.content.iter_chunked(64 * 1024):
                await response.write(chunk)
            await response.write_eof()
            return response
    except (ClientError, TimeoutError, ValueError):
        return message_page(request, status=502, title="502", text=_t(request, "console-evidence-unavailable"))


def _t(request: web.Request, key: str) -> str:
    return console_of(request).translator.text(language_of(request), key)


async def home(request: web.Request) -> web.StreamResponse:
    return redirect("/queue")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", home)
    app.router.add_get("/queue", queue_page)
    app.router.add_get("/cases/{case}", case_page)
    app.router.add_post("/cases/{case}/{action}", case_action)
    app.router.add_get("/cases/{case}/evidence/{evidence}", evidence_preview)
