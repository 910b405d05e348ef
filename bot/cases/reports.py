"""The citizen's side of a case: submitting a report, following it with the receipt code, the dialogue.

Plain async functions over the database, callable without Telegram. The receipt code is returned once by
:func:`submit_report` and never stored; the case row and its operator notification are committed in one transaction
before the caller may show the code (nothing confirmed is lost).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from rapidfuzz import fuzz, process, utils
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.danger import DangerRecogniser
from bot.cases import receipts, search
from bot.cases.deployment import retired_receipt_peppers
from bot.core.clock import utcnow
from bot.core.crypto import SecretBox, receipt_hash_with
from bot.models import Case, CaseMessage, Evidence, OutboxMessage, ReplyRoute, WebUpload
from bot.models.cases import DESCRIPTION_LIMIT, CaseKind, Category, Channel, Direction, Outcome, Status
from bot.models.outbox import HAPPENING_NOW, OutboxKind, Priority

SIMILARITY_THRESHOLD = 85  # rapidfuzz token_set_ratio of descriptions for "similar to case …"
SIMILARITY_WINDOW = timedelta(days=14)
ANSWER_LIMIT = 1000  # one questionnaire answer


@dataclass
class EvidenceItem:
    """One piece of evidence as collected during the flow; an album's files share ``group``."""

    kind: str
    file_id: str | None = None
    text: str | None = None
    group: str | None = None
    upload_id: int | None = None  # a web upload (bot/models/web_intake.py) instead of a Telegram file


@dataclass
class ReportDraft:
    category: Category
    description: str
    language: str
    evidence: list[EvidenceItem] = field(default_factory=list)
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    incident_time: str | None = None
    answers: dict[str, str] = field(default_factory=dict)  # the category's questionnaire: question id → answer
    kind: CaseKind = CaseKind.tip
    # The reporter's answer to "is it happening right now?" (in the bot and on the web intake); None: not asked (the
    # description did not signal danger, or it is a question for a person). Stored on the case.
    happening_now: bool | None = None


@dataclass(frozen=True)
class Receipt:
    case_id: int
    code: str  # shown to the citizen once, never stored
    urgent: bool


class AlreadySubmitted(Exception):
    """The same Submit press arrived twice (a re-delivered update): the first one made the case."""


def is_urgent(draft: ReportDraft, danger: DangerRecogniser) -> bool:
    """The reporter said it is happening now, or what they wrote signals immediate danger (read as one message:
    "a bag with wires" in the description and "at the station, now" in the place belong together)."""
    if draft.happening_now:
        return True
    texts = [draft.description, draft.place or "", draft.incident_time or ""]
    texts += [item.text or "" for item in draft.evidence if item.kind != "link"]
    texts += list(draft.answers.values())
    return danger.urgent("\n".join(text for text in texts if text))


def happening_now_payload(case: Case) -> dict[str, str]:
    """What the operators' card and alert say about "happening now" (``Case.happening_now_said``), for the
    notification's row: nothing for an ordinary case nobody asked about."""
    said = case.happening_now_said
    return {HAPPENING_NOW: said} if said is not None else {}


async def _similar_open_case(session: AsyncSession, description: str) -> int | None:
    since = datetime.now(UTC) - SIMILARITY_WINDOW
    query = (
        select(Case.id, Case.description)
        .where(Case.status != Status.closed, Case.created_at >= since, col(Case.purged_at).is_(None))
        .order_by(col(Case.id).desc())
        .limit(300)
    )
    rows = (await session.exec(query)).all()
    # One call into rapidfuzz's C loop instead of a Python loop over up to 300 descriptions: same case chosen (the
    # newest of the best), ~2.6 -> ~0.17 ms of loop CPU per report at 300 open cases (/tmp script, 350 probes).
    # Case and punctuation folded first (rapidfuzz 3 no longer does it by itself): "Абая," and "абая" are one word.
    best = process.extractOne(
        description,
        [text for _, text in rows],
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        score_cutoff=SIMILARITY_THRESHOLD,
    )
    return None if best is None else rows[best[2]][0]


def _evidence_rows(case_id: int, items: list[EvidenceItem]) -> list[Evidence]:
    rows: list[Evidence] = []
    groups: dict[str, int] = {}
    number = 0
    for item in items:
        if item.group is not None and item.group in groups:
            item_no = groups[item.group]
        else:
            number += 1
            item_no = number
            if item.group is not None:
                groups[item.group] = item_no
        rows.append(Evidence(case_id=case_id, item=item_no, kind=item.kind, file_id=item.file_id, text=item.text))
    return rows


async def submit_report(
    sessions: async_sessionmaker[AsyncSession],
    secrets: SecretBox,
    danger: DangerRecogniser,
    *,
    draft: ReportDraft,
    submission_key: str,
    reply_chat_id: int | None,
    channel: Channel = Channel.telegram,
    before_commit: Callable[[AsyncSession, int], Awaitable[None]] | None = None,
) -> Receipt:
    """Create the case, its evidence, its encrypted reply route and its operator notification in one transaction.

    Raises AlreadySubmitted when ``submission_key`` (a keyed hash of the Submit press) was seen before.
    """
    code = receipts.new_code()
    code_hash = await asyncio.to_thread(secrets.receipt_hash, code)  # scrypt takes ~50 ms: keep the loop free
    urgent = is_urgent(draft, danger)
    async with sessions() as session:
        case = Case(
            category=draft.category,
            description=draft.description[:DESCRIPTION_LIMIT],
            place=draft.place,
            latitude=draft.latitude,
            longitude=draft.longitude,
            incident_time=draft.incident_time,
            answers={key: value[:ANSWER_LIMIT] for key, value in draft.answers.items()},
            kind=draft.kind,
            language=draft.language,
            urgent=urgent,
            happening_now=draft.happening_now,
            channel=channel,
            code_hash=code_hash,
            submission_key=submission_key,
            similar_to=await _similar_open_case(session, draft.description) if draft.kind == CaseKind.tip else None,
        )
        session.add(case)
        try:
            await session.flush()
        except IntegrityError:
            await session.rollback()
            raise AlreadySubmitted from None
        assert case.id is not None
        evidence = _evidence_rows(case.id, draft.evidence)
        session.add_all(evidence)
        for item, row in zip(draft.evidence, evidence, strict=True):
            if item.upload_id is not None:  # the web upload becomes this case's evidence, in this transaction
                await session.exec(
                    update(WebUpload)
                    .where(col(WebUpload.id) == item.upload_id)
                    .values(case_id=case.id, item=row.item, token_hash=None)
                )
        if reply_chat_id is not None:
            session.add(ReplyRoute(case_id=case.id, sealed_chat=secrets.encrypt(str(reply_chat_id))))
        priority = Priority.urgent if urgent else Priority.normal
        # The card and the alert are rendered from their rows (bot/telegram/notifications.py), which carry the
        # answer as they did before the case had it (migration 0011).
        payload = happening_now_payload(case)
        session.add(OutboxMessage(kind=OutboxKind.new_case, case_id=case.id, priority=priority, payload=payload))
        if urgent:
            session.add(
                OutboxMessage(kind=OutboxKind.urgent_alert, case_id=case.id, priority=priority, payload=payload)
            )
        await search.index_new_case(session, case)
        if before_commit is not None:
            await before_commit(session, case.id)
        await session.commit()
        return Receipt(case_id=case.id, code=code, urgent=urgent)


@dataclass(frozen=True)
class CitizenView:
    """What a reporter may see of their case: a coarse status and outcome, the dialogue, nothing internal."""

    case_id: int
    status: Status
    outcome: Outcome | None
    kind: CaseKind
    messages: list[CaseMessage]  # both ways, oldest first
    replies_open: bool  # the reporter can still write to the operators
    route_exists: bool


async def find_case(sessions: async_sessionmaker[AsyncSession], secrets: SecretBox, typed_code: str) -> int | None:
    """The case of a receipt code, or None; the same slow hash whether the code is right or not."""
    code = receipts.normalize(typed_code) or typed_code.strip()[:40]
    retired = await retired_receipt_peppers(sessions)
    hashes = [await asyncio.to_thread(secrets.receipt_hash, code)]
    hashes += [await asyncio.to_thread(receipt_hash_with, code, pepper) for pepper in retired]
    async with sessions() as session:
        # A purged case is gone for its reporter too: its code says "not found", like a code never issued.
        query = select(Case.id).where(col(Case.code_hash).in_(hashes), col(Case.purged_at).is_(None))
        return (await session.exec(query)).first()


async def citizen_view(sessions: async_sessionmaker[AsyncSession], case_id: int) -> CitizenView:
    async with sessions() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        query = select(CaseMessage).where(CaseMessage.case_id == case_id).order_by(col(CaseMessage.id))
        messages = list((await session.exec(query)).all())
        route = await session.get(ReplyRoute, case_id)
        open_ = case.status != Status.closed and case.purged_at is None
        return CitizenView(case_id, case.status, case.outcome, case.kind, messages, open_, route is not None)


async def add_citizen_message(sessions: async_sessionmaker[AsyncSession], *, case_id: int, body: str) -> bool:
    """The reporter answers the operators; False if the case no longer takes messages."""
    async with sessions() as session:
        case = await session.get(Case, case_id)
        if case is None or case.status == Status.closed or case.purged_at is not None:
            return False
        now = utcnow()
        session.add(CaseMessage(case_id=case_id, direction=Direction.from_citizen, body=body[:DESCRIPTION_LIMIT]))
        case.last_citizen_activity_at = now
        session.add(case)
        session.add(OutboxMessage(kind=OutboxKind.operator_notice, case_id=case_id, payload={"event": "citizen_reply"}))
        await search.reindex(session, case_id)
        await session.commit()
        return True


async def end_dialogue(sessions: async_sessionmaker[AsyncSession], *, case_id: int) -> None:
    """The reporter ends the dialogue: the reply route is deleted; /status still shows the case."""
    async with sessions() as session:
        await session.exec(delete(ReplyRoute).where(col(ReplyRoute.case_id) == case_id))
        session.add(
            OutboxMessage(kind=OutboxKind.operator_notice, case_id=case_id, payload={"event": "dialogue_ended"})
        )
        await session.commit()


QUESTION_MIN_CHARS = 5


async def submit_question(
    sessions: async_sessionmaker[AsyncSession],
    secrets: SecretBox,
    danger: DangerRecogniser,
    *,
    question: str,
    language: str,
    submission_key: str,
    reply_chat_id: int | None,
) -> Receipt:
    """A question the bot could not answer, passed to the operators: a case of kind ``question`` (not a tip), with
    the same receipt code and anonymous reply route as a report, so a person's answer reaches the asker's chat."""
    draft = ReportDraft(category=Category.other, description=question, language=language, kind=CaseKind.question)
    return await submit_report(
        sessions, secrets, danger, draft=draft, submission_key=submission_key, reply_chat_id=reply_chat_id
    )
