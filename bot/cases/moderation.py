"""The operators' side of a case: roles, claiming, statuses, replies, notes, the queue, the audit trail.

(Statistics are in case_statistics.py, the export in export.py: same roles, same audit.)

Plain async functions over the database, callable without Telegram. Every function that acts for an operator takes
the Operator and checks the role itself, so no caller can forget; every action writes an audit entry in the same
transaction as the change it records. Audit entries never hold content.

How a function reports what happened, one way each: an action on a case returns an ``ActionResult`` (done, or why
not); a lookup returns the thing or None; a caller without the role gets ``Forbidden`` raised (the Telegram side
handles it in one place: its operators' router audits the refusal and tells the person).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from sqlalchemy import func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases import search
from bot.core.clock import utcnow
from bot.models import (
    AuditEntry,
    Case,
    CaseMessage,
    CaseNote,
    CaseTag,
    ConsoleSession,
    Evidence,
    Operator,
    OutboxMessage,
    ReplyRoute,
)
from bot.models.cases import DESCRIPTION_LIMIT, Direction, Outcome, Status
from bot.models.console import TAG_LIMIT
from bot.models.operators import Role
from bot.models.outbox import OutboxKind

CLAIM_DURATION = timedelta(hours=4)
WORKERS = (Role.admin, Role.operator)  # may change cases
READERS = (Role.admin, Role.operator, Role.analyst)  # may read the queue and cases


class Forbidden(Exception):
    """The caller's role does not allow this action. Carries who tried (None: not an operator at all) and on which
    case, so the refusal can be audited where it is handled."""

    def __init__(self, operator: Operator | None, case_id: int | None = None) -> None:
        super().__init__("the caller's role does not allow this action")
        self.operator = operator
        self.case_id = case_id


class ActionResult(StrEnum):
    """What came of an operator's action on a case."""

    done = "done"
    already_yours = "already_yours"  # a claim the operator already holds
    taken = "taken"  # another operator holds an unexpired claim
    not_yours = "not_yours"  # the action needs the operator's own claim (or the admin role)
    not_claimed = "not_claimed"  # nothing to release
    closed = "closed"
    not_closed = "not_closed"  # reopening a case that is open
    purged = "purged"  # its content is gone (retention): nothing left to work on
    not_staff = "not_staff"  # assigning to someone who is not an active operator or admin
    not_found = "not_found"  # no such case (a note on a purged case too)


# --- operators -----------------------------------------------------------------------------------------------------


async def end_console_sessions(session: AsyncSession, operator_id: int, reason: str) -> int:
    """End every console session of an operator (in the caller's transaction); returns how many were open."""
    result = await session.exec(
        update(ConsoleSession)
        .where(col(ConsoleSession.operator_id) == operator_id, col(ConsoleSession.ended_at).is_(None))
        .values(ended_at=utcnow(), ended_reason=reason)
    )
    return int(result.rowcount or 0)


async def seed_operators(sessions: async_sessionmaker[AsyncSession], configured: Mapping[int, str]) -> None:
    """Make the configured operators exist with their configured roles (admins add others with commands).

    Several instances starting together run this at once: a unique-key collision means another one inserted the
    row first, so the second attempt finds and updates it.
    """
    for attempt in (1, 2):
        async with sessions() as session:
            for telegram_id, role_name in configured.items():
                role = Role(role_name)
                row = (await session.exec(select(Operator).where(Operator.telegram_id == telegram_id))).first()
                if row is None:
                    session.add(Operator(telegram_id=telegram_id, role=role))
                elif row.role != role or not row.active:
                    await end_console_sessions(session, row.id, "role_changed")  # type: ignore[arg-type]
                    row.role, row.active = role, True
                    session.add(row)
            try:
                await session.commit()
                return
            except IntegrityError:
                await session.rollback()
                if attempt == 2:
                    raise


CONSOLE_TELEGRAM_ID = 0  # the command line acts as this admin, so its actions are audited like anyone's


async def console_operator(sessions: async_sessionmaker[AsyncSession]) -> Operator:
    """The operator that ``hotline queue`` / ``hotline export`` act as (someone with shell access to the server)."""
    await seed_operators(sessions, {CONSOLE_TELEGRAM_ID: Role.admin})
    operator = await operator_for(sessions, CONSOLE_TELEGRAM_ID)
    assert operator is not None
    return operator


async def operator_for(sessions: async_sessionmaker[AsyncSession], telegram_id: int) -> Operator | None:
    """The active operator with this Telegram id, read fresh on every call (roles can change any minute)."""
    async with sessions() as session:
        query = select(Operator).where(Operator.telegram_id == telegram_id, col(Operator.active).is_(True))
        return (await session.exec(query)).first()


def audit(  # in the caller's transaction, so the entry and the change it records commit together
    session: AsyncSession,
    operator: Operator | None,
    action: str,
    case_id: int | None = None,
    detail: str | None = None,
    user_key: str | None = None,
) -> None:
    session.add(
        AuditEntry(
            operator_id=operator.id if operator else None,
            action=action,
            case_id=case_id,
            detail=detail,
            user_key=user_key,
        )
    )


async def audit_refusal(
    sessions: async_sessionmaker[AsyncSession],
    *,
    action: str,
    user_key: str,
    operator: Operator | None = None,
    case_id: int | None = None,
) -> None:
    """Record a refused attempt (a forged button, a command without the role); the person only as a keyed hash.

    A forged button may name a case that does not exist: then the number goes in the detail, not the case link."""
    async with sessions() as session:
        detail = None
        if case_id is not None and await session.get(Case, case_id) is None:
            case_id, detail = None, f"no case #{case_id}"
        audit(session, operator, f"refused:{action}"[:40], case_id, detail, user_key=None if operator else user_key)
        await session.commit()


def require(operator: Operator | None, roles: tuple[Role, ...], case_id: int | None = None) -> Operator:
    """The operator, if they may act in one of ``roles``; else Forbidden (naming the case they tried, if any)."""
    if operator is None or not operator.active or operator.role not in roles:
        raise Forbidden(operator, case_id)
    return operator


async def set_operator(
    sessions: async_sessionmaker[AsyncSession], admin: Operator | None, *, telegram_id: int, role: Role | None
) -> None:
    """Add, change (role) or remove (role None) an operator; admins only."""
    admin = require(admin, (Role.admin,))
    async with sessions() as session:
        row = (await session.exec(select(Operator).where(Operator.telegram_id == telegram_id))).first()
        if row is not None and (role is None or row.role != role or not row.active):
            # Removed or given another role: their console sessions end now, not at their next expiry.
            await end_console_sessions(session, row.id, "role_changed")  # type: ignore[arg-type]
        if role is None:
            if row is not None:
                row.active = False
                session.add(row)
            audit(session, admin, "operator_removed", detail=f"operator #{row.id}" if row else "unknown")
        else:
            if row is None:
                row = Operator(telegram_id=telegram_id, role=role, added_by=admin.id)
            row.role, row.active = role, True
            session.add(row)
            await session.flush()
            audit(session, admin, "operator_set", detail=f"operator #{row.id}: {role}")
        await session.commit()


# --- cases ---------------------------------------------------------------------------------------------------------


@dataclass
class CaseDetails:
    case: Case
    evidence: list[Evidence]
    messages: list[CaseMessage]
    notes: list[CaseNote]
    route_exists: bool


async def open_case(
    sessions: async_sessionmaker[AsyncSession], operator: Operator | None, case_id: int
) -> CaseDetails | None:
    """Everything about a case (None if there is no such case), for an operator; the opening itself is audited."""
    operator = require(operator, READERS, case_id)
    async with sessions() as session:
        case = await session.get(Case, case_id)
        if case is None:
            return None
        evidence = list((await session.exec(select(Evidence).where(Evidence.case_id == case_id))).all())
        messages = list(
            await session.exec(select(CaseMessage).where(CaseMessage.case_id == case_id).order_by(col(CaseMessage.id)))
        )
        notes = list(await session.exec(select(CaseNote).where(CaseNote.case_id == case_id).order_by(col(CaseNote.id))))
        route = await session.get(ReplyRoute, case_id)
        audit(session, operator, "case_opened", case_id)
        await session.commit()
        return CaseDetails(case, evidence, messages, notes, route is not None)


async def claim_case(
    sessions: async_sessionmaker[AsyncSession], operator: Operator | None, case_id: int
) -> ActionResult:
    """Take a case exclusively until the claim expires. The database decides: two simultaneous claims → one wins."""
    operator = require(operator, WORKERS, case_id)
    now = utcnow()
    async with sessions() as session:
        case = await session.get(Case, case_id)
        if case is None:
            return ActionResult.not_found
        if case.status == Status.closed:
            return ActionResult.closed
        if case.claimed_by == operator.id and (case.claim_expires_at or now) > now:
            return ActionResult.already_yours
        # A conditional UPDATE: only one concurrent claimer can see the case unclaimed (or expired).
        result = await session.exec(
            update(Case)
            .where(
                col(Case.id) == case_id,
                col(Case.status) != Status.closed,
                or_(col(Case.claimed_by).is_(None), col(Case.claim_expires_at) < now),
            )
            .values(
                claimed_by=operator.id,
                claim_expires_at=now + CLAIM_DURATION,
                first_claimed_at=func.coalesce(Case.first_claimed_at, now),
                status=Status.in_review,
            )
        )
        if result.rowcount != 1:
            await session.rollback()
            holder = (await session.exec(select(Case.claimed_by).where(Case.id == case_id))).first()
            return ActionResult.already_yours if holder == operator.id else ActionResult.taken
        audit(session, operator, "case_claimed", case_id)
        await session.commit()
        return ActionResult.done


async def release_case(
    sessions: async_sessionmaker[AsyncSession], operator: Operator | None, case_id: int
) -> ActionResult:
    """Give a claim back; admins can break anyone's claim."""
    operator = require(operator, WORKERS, case_id)
    async with sessions() as session:
        case = await session.get(Case, case_id)
        if case is None:
            return ActionResult.not_found
        if case.claimed_by is None:
            return ActionResult.not_claimed
        if case.claimed_by != operator.id and operator.role != Role.admin:
            return ActionResult.not_yours
        case.claimed_by, case.claim_expires_at = None, None
        session.add(case)
        audit(session, operator, "case_released", case_id)
        await session.commit()
        return ActionResult.done


def _may_change(operator: Operator, case: Case | None) -> ActionResult:
    """Whether an operator may change an open case: admins always, others while they hold its claim."""
    if case is None:
        return ActionResult.not_found
    if case.status == Status.closed:
        return ActionResult.closed
    if operator.role == Role.admin:
        return ActionResult.done
    expires = case.claim_expires_at
    holds_claim = case.claimed_by == operator.id and expires is not None and expires > utcnow()
    return ActionResult.done if holds_claim else ActionResult.not_yours


async def set_status(
    sessions: async_sessionmaker[AsyncSession],
    operator: Operator | None,
    case_id: int,
    status: Status,
    outcome: Outcome | None = None,
) -> ActionResult:
    """Move a case (in review, or closed with an outcome). Closing deletes the reply route."""
    operator = require(operator, WORKERS, case_id)
    if status == Status.closed and outcome is None:
        raise ValueError("closing a case needs an outcome")
    async with sessions() as session:
        case = await session.get(Case, case_id)
        if (allowed := _may_change(operator, case)) is not ActionResult.done or case is None:
            return allowed
        case.status = status
        if status == Status.closed:
            case.outcome, case.closed_at = outcome, utcnow()
            case.claimed_by, case.claim_expires_at = None, None
            await session.exec(delete(ReplyRoute).where(col(ReplyRoute.case_id) == case_id))
        session.add(case)
        audit(session, operator, "status_changed", case_id, f"{status}" + (f"/{outcome}" if outcome else ""))
        await session.commit()
        return ActionResult.done


async def add_note(
    sessions: async_sessionmaker[AsyncSession], operator: Operator | None, case_id: int, body: str
) -> ActionResult:
    operator = require(operator, WORKERS, case_id)
    async with sessions() as session:
        case = await session.get(Case, case_id)
        if case is None or case.purged_at is not None:
            return ActionResult.not_found
        await _note(session, operator, case_id, body, action="note_added")
        return ActionResult.done


async def _note(session: AsyncSession, operator: Operator, case_id: int, body: str, *, action: str) -> None:
    """An internal note by ``operator``, audited as ``action`` (never its text), searchable; committed."""
    assert operator.id is not None  # operators come from the database
    session.add(CaseNote(case_id=case_id, operator_id=operator.id, body=body[:DESCRIPTION_LIMIT]))
    audit(session, operator, action, case_id)
    await search.reindex(session, case_id)
    await session.commit()


async def reopen_case(
    sessions: async_sessionmaker[AsyncSession], operator: Operator | None, *, case_id: int, reason: str
) -> ActionResult:
    """Bring a closed case back to "in review"; the reason becomes an internal note (the audit never holds text).

    The reply route was deleted at closing, so the reporter sees new messages only when they ask with /status.
    """
    operator = require(operator, WORKERS, case_id)
    reason = reason.strip()
    if not reason:
        raise ValueError("reopening needs a reason")
    async with sessions() as session:
        case = await session.get(Case, case_id)
        if case is None:
            return ActionResult.not_found
        if case.status != Status.closed:
            return ActionResult.not_closed
        if case.purged_at is not None:
            return ActionResult.purged
        case.status, case.outcome, case.closed_at = Status.in_review, None, None
        session.add(case)
        await _note(session, operator, case_id, reason, action="case_reopened")
        return ActionResult.done


async def assign_case(
    sessions: async_sessionmaker[AsyncSession], operator: Operator | None, *, case_id: int, assignee_id: int
) -> ActionResult:
    """Hand a case to a colleague (operator row id): they hold the claim from now, for the usual claim period."""
    operator = require(operator, WORKERS, case_id)
    now = utcnow()
    async with sessions() as session:
        case = await session.get(Case, case_id)
        if case is None:
            return ActionResult.not_found
        if case.status == Status.closed:
            return ActionResult.closed
        held = case.claimed_by is not None and (case.claim_expires_at or now) > now
        if held and case.claimed_by != operator.id and operator.role != Role.admin:
            return ActionResult.not_yours
        assignee = await session.get(Operator, assignee_id)
        if assignee is None or not assignee.active or assignee.role not in WORKERS:
            return ActionResult.not_staff
        case.claimed_by, case.claim_expires_at = assignee.id, now + CLAIM_DURATION
        case.first_claimed_at = case.first_claimed_at or now
        case.status = Status.in_review
        session.add(case)
        audit(session, operator, "case_assigned", case_id, f"operator #{assignee.id}")
        await session.commit()
        return ActionResult.done


def normalise_tag(raw: str) -> str | None:
    """Tags are short lower-case labels of letters, digits, - and _ ("weapons", "almaty", "follow-up")."""
    tag = "-".join(raw.strip().lower().split())[:TAG_LIMIT]
    return tag if tag and all(ch.isalnum() or ch in "-_" for ch in tag) else None


async def set_tag(
    sessions: async_sessionmaker[AsyncSession], operator: Operator | None, *, case_id: int, tag: str, present: bool
) -> bool:
    """Add (``present``) or remove a tag; False when the tag is not a valid label or the case does not exist."""
    operator = require(operator, WORKERS, case_id)
    label = normalise_tag(tag)
    if label is None:
        return False
    async with sessions() as session:
        if await session.get(Case, case_id) is None:
            return False
        existing = await session.get(CaseTag, (case_id, label))
        if present and existing is None:
            session.add(CaseTag(case_id=case_id, tag=label, added_by=operator.id))
        elif not present and existing is not None:
            await session.delete(existing)
        else:
            return True
        audit(session, operator, "tag_added" if present else "tag_removed", case_id, label)
        await session.commit()
        return True


async def reply_to_citizen(
    sessions: async_sessionmaker[AsyncSession], operator: Operator | None, case_id: int, body: str
) -> ActionResult:
    """Store the operator's message for the reporter and queue its delivery (to their chat, if a route exists)."""
    operator = require(operator, WORKERS, case_id)
    async with sessions() as session:
        case = await session.get(Case, case_id)
        if (allowed := _may_change(operator, case)) is not ActionResult.done or case is None:
            return allowed
        message = CaseMessage(
            case_id=case_id, direction=Direction.to_citizen, operator_id=operator.id, body=body[:DESCRIPTION_LIMIT]
        )
        session.add(message)
        await session.flush()
        if case.first_reply_at is None:
            case.first_reply_at = utcnow()
        if case.status == Status.new:  # someone is working on it: the reporter's /status must say so
            case.status = Status.in_review
            audit(session, operator, "status_changed", case_id, f"{Status.in_review}")
        session.add(case)
        session.add(OutboxMessage(kind=OutboxKind.citizen_message, case_id=case_id, payload={"message_id": message.id}))
        audit(session, operator, "reply_sent", case_id)
        await search.reindex(session, case_id)
        await session.commit()
        return ActionResult.done


async def reporter_language(sessions: async_sessionmaker[AsyncSession], case_id: int) -> str | None:
    """The language the reporter wrote in (saved replies are sent in it); None if there is no such case."""
    async with sessions() as session:
        return (await session.exec(select(Case.language).where(Case.id == case_id))).first()


# --- queue, statistics, export, audit ------------------------------------------------------------------------------


class QueueFilter(StrEnum):
    new = "new"
    mine = "mine"
    unclaimed = "unclaimed"
    urgent = "urgent"
    overdue = "overdue"
    open = "open"


async def queue(
    sessions: async_sessionmaker[AsyncSession],
    operator: Operator | None,
    which: QueueFilter,
    *,
    overdue_after: timedelta = timedelta(hours=24),
    limit: int = 30,
) -> list[Case]:
    operator = require(operator, READERS)
    now = utcnow()
    query = select(Case).where(col(Case.status) != Status.closed)
    match which:
        case QueueFilter.new:
            query = query.where(Case.status == Status.new)
        case QueueFilter.mine:
            query = query.where(Case.claimed_by == operator.id, col(Case.claim_expires_at) > now)
        case QueueFilter.unclaimed:
            query = query.where(or_(col(Case.claimed_by).is_(None), col(Case.claim_expires_at) <= now))
        case QueueFilter.urgent:
            query = query.where(col(Case.urgent).is_(True))
        case QueueFilter.overdue:
            query = query.where(col(Case.first_claimed_at).is_(None), col(Case.created_at) < now - overdue_after)
    query = query.order_by(col(Case.urgent).desc(), col(Case.id)).limit(limit)
    async with sessions() as session:
        return list((await session.exec(query)).all())


async def audit_trail(
    sessions: async_sessionmaker[AsyncSession], operator: Operator | None, limit: int = 50
) -> list[AuditEntry]:
    require(operator, (Role.admin,))
    async with sessions() as session:
        return list((await session.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(limit))).all())
