"""Admin pages: staff and roles, sessions, the audit log, exports. Everything here is admins only, except one's own
session list (/sessions), and is audited where it changes or takes out anything."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from aiohttp import web
from sqlmodel import col, select

from bot.cases import moderation
from bot.cases.audit_words import audit_label
from bot.cases.export import ExportFormat, export_cases
from bot.console import access
from bot.console.web import SIGNED_IN, console_of, redirect, render
from bot.models import AuditEntry, Operator
from bot.models.case_numbers import parse_case_number
from bot.models.operators import Role

AUDIT_PAGE = 100


def _admin(request: web.Request) -> Operator:
    return moderation.require(request[SIGNED_IN].operator, (Role.admin,))


async def my_sessions(request: web.Request) -> web.Response:
    """One's own sessions; an ``operator`` parameter is ignored: another person's list is the admins' page."""
    console = console_of(request)
    current = request[SIGNED_IN]
    rows = await access.open_sessions(console.sessions, current.operator, current_id=current.session.id, everyone=False)
    return render(request, "sessions.html", rows=rows, everyone=False)


async def all_sessions(request: web.Request) -> web.Response:
    console = console_of(request)
    current = request[SIGNED_IN]
    rows = await access.open_sessions(console.sessions, current.operator, current_id=current.session.id, everyone=True)
    return render(request, "sessions.html", rows=rows, everyone=True)


async def end_session(request: web.Request) -> web.StreamResponse:
    """Admins end anyone's session; everyone may end their own."""
    console = console_of(request)
    current = request[SIGNED_IN]
    raw = request.match_info["session"]
    session_id = int(raw) if raw.isdigit() and len(raw) < 10 else 0
    if current.operator.role == Role.admin:
        await access.revoke(console.sessions, current.operator, session_id=session_id)
        return redirect("/admin/sessions")
    if not await access.end_own(console.sessions, current.operator, session_id=session_id):
        raise moderation.Forbidden(current.operator)
    return redirect("/sessions")


async def staff_page(request: web.Request) -> web.Response:
    _admin(request)
    done = request.query.get("done", "")
    done = done if done in ("saved", "invalid") else ""
    async with console_of(request).sessions() as session:
        staff = (
            await session.exec(select(Operator).where(col(Operator.telegram_id) != 0).order_by(col(Operator.id)))
        ).all()
    return render(request, "staff.html", staff=staff, roles=list(Role), done=done)


async def staff_change(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    admin = _admin(request)
    form = await request.post()
    raw_id, raw_role = str(form.get("telegram_id", "")).strip(), str(form.get("role", ""))
    if not raw_id.isdigit() or len(raw_id) > 15 or (raw_role not in Role.__members__ and raw_role != "remove"):
        return redirect("/admin/staff?done=invalid")
    role = None if raw_role == "remove" else Role(raw_role)
    await moderation.set_operator(console.sessions, admin, telegram_id=int(raw_id), role=role)
    return redirect("/admin/staff?done=saved")


async def audit_page(request: web.Request) -> web.Response:
    _admin(request)
    console = console_of(request)
    zone = console.settings.zone
    query = select(AuditEntry)
    action, who, case = (
        request.query.get("action", ""),
        request.query.get("operator", ""),
        request.query.get("case", ""),
    )
    if action:
        query = query.where(col(AuditEntry.action).startswith(action[:40]))
    if who.isdigit():
        query = query.where(AuditEntry.operator_id == int(who))
    case_id = parse_case_number(case) if case else None
    if case_id is not None:
        query = query.where(AuditEntry.case_id == case_id)
    for name, shift in (("since", 0), ("until", 1)):
        try:
            day = date.fromisoformat(request.query.get(name, ""))
        except ValueError:
            continue
        bound = datetime.combine(day + timedelta(days=shift), time.min, tzinfo=zone).astimezone(UTC)
        query = query.where(col(AuditEntry.at) >= bound if shift == 0 else col(AuditEntry.at) < bound)
    async with console.sessions() as session:
        entries = (await session.exec(query.order_by(col(AuditEntry.id).desc()).limit(AUDIT_PAGE))).all()
        actions = (await session.exec(select(AuditEntry.action).distinct().order_by(col(AuditEntry.action)))).all()
    return render(request, "audit.html", entries=entries, actions=actions, raw=request.query, audit_label=audit_label)


async def export_page(request: web.Request) -> web.Response:
    _admin(request)
    return render(request, "export.html")


async def export_download(request: web.Request) -> web.StreamResponse:
    console = console_of(request)
    admin = _admin(request)
    form = await request.post()
    fmt: ExportFormat = "json" if form.get("format") == "json" else "csv"
    content = await export_cases(
        console.sessions,
        admin,
        fmt,
        with_notes=form.get("notes") == "yes",
        with_dialogue=form.get("dialogue") == "yes",
        with_assignee=form.get("assignee") == "yes",
    )
    name = f"cases-{datetime.now(UTC):%Y%m%d-%H%M}.{fmt}"
    return web.Response(
        body=content.encode("utf-8"),
        headers={
            "Content-Type": "application/json" if fmt == "json" else "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/sessions", my_sessions)
    app.router.add_post("/sessions/{session}/end", end_session)
    app.router.add_get("/admin/sessions", all_sessions)
    app.router.add_get("/admin/staff", staff_page)
    app.router.add_post("/admin/staff", staff_change)
    app.router.add_get("/admin/audit", audit_page)
    app.router.add_get("/admin/export", export_page)
    app.router.add_post("/admin/export", export_download)
