"""Reports from the web intake (bot/web): drafts, cleaned and encrypted uploads, and submitting with proof of work.

The same cases, receipt codes and operator notifications as the bot (``reports.submit_report``), with
``channel=web`` and no reply route: operators' replies wait for the reporter on the status page. A draft is keyed
by a keyed hash of a random form token held in one short-lived cookie; its fields are encrypted; nothing about the
browser or its address is stored anywhere.
"""

from __future__ import annotations

import json
import secrets as token_source
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from sqlalchemy import func
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.emergency import EmergencyWords
from bot.cases import attachments, drafts
from bot.cases.forms import CHOICE_PREFIX, Question, QuestionKind, Questionnaires
from bot.cases.reports import AlreadySubmitted, EvidenceItem, Receipt, ReportDraft, submit_report
from bot.core import proof_of_work
from bot.core.clock import utcnow
from bot.core.crypto import SecretBox
from bot.models import CaseMessage, WebDraft, WebUpload
from bot.models.cases import DESCRIPTION_LIMIT, Category, Channel

PLACE_LIMIT = 500
TIME_LIMIT = 200
ANSWER_LIMIT = 1000


class DraftGone(Exception):
    """No draft for this form token: expired, submitted already, or never made (a replayed or forged form)."""


class TooManyFiles(Exception):
    pass


class ProofMissing(Exception):
    """Submit came without a valid proof of work, and too soon for the no-JavaScript path."""


@dataclass
class WebDraftFields:
    """What the reporter typed; validated by ``problems``."""

    category: str = ""
    description: str = ""
    place: str = ""
    incident_time: str = ""
    language: str = "ru"
    # The category's questionnaire (knowledge/forms/questionnaires.yaml), by question id, stored as the bot stores
    # it (drafts.answer_question): words as written, a picked choice as "choice:<id>"; place and time questions
    # fill ``place`` and ``incident_time`` instead.
    answers: dict[str, str] = field(default_factory=dict)
    danger: bool = False  # the description signals immediate danger (bot.answers.danger), as in the bot's flow
    happening_now: bool | None = None  # the answer to "is it happening right now?" (None: not asked yet)

    @property
    def asks_happening_now(self) -> bool:
        """The bot's rule (drafts.next_step): danger in the description, and the question not answered yet."""
        return self.danger and self.happening_now is None

    def problems(self, *, min_chars: int) -> list[str]:
        """Catalog keys of what is wrong (empty: fine)."""
        found = []
        if self.category not in Category.__members__:
            found.append("web-error-category")
        # As in the bot: "стреляют на рынке" is short and enough when it signals danger.
        if len(self.description.strip()) < min_chars and not (self.danger and self.description.strip()):
            found.append("web-error-description-short")
        if len(self.description) > DESCRIPTION_LIMIT:
            found.append("web-error-description-long")
        if len(self.place) > PLACE_LIMIT or len(self.incident_time) > TIME_LIMIT:
            found.append("web-error-field-long")
        if any(len(answer) > ANSWER_LIMIT for answer in self.answers.values()):
            found.append("web-error-field-long")
        return found


@dataclass(frozen=True)
class UploadSummary:
    id: int
    kind: str
    file_name: str
    size: int


@dataclass(frozen=True)
class LoadedDraft:
    fields: WebDraftFields
    challenge: str
    age_seconds: float
    uploads: list[UploadSummary]


QUESTION_FIELD = "q-"  # the form field of question <id> is "q-<id>"; a choice question's own words "q-<id>-words"
WORDS_SUFFIX = "-words"


def answers_from_form(questions: tuple[Question, ...], values: Mapping[str, str]) -> dict[str, str]:
    """The posted answers to a category's questions, stored as the bot stores them; every question may be left
    empty. Place and time questions are the form's ``place`` and ``incident_time`` fields, not answers."""
    answers: dict[str, str] = {}
    for question in questions:
        name = QUESTION_FIELD + question.id
        if question.kind in (QuestionKind.place, QuestionKind.time):
            continue
        picked = values.get(name, "")
        words = values.get(name + WORDS_SUFFIX, "").strip() if question.kind == QuestionKind.choice else ""
        if question.kind == QuestionKind.choice and question.choice(picked) is not None:
            answers[question.id] = CHOICE_PREFIX + picked
        elif question.kind == QuestionKind.choice and words:
            answers[question.id] = words[:ANSWER_LIMIT]
        elif question.kind == QuestionKind.text and picked.strip():
            answers[question.id] = picked.strip()[:ANSWER_LIMIT]
    return answers


@dataclass(frozen=True)
class ReviewLine:
    label: str | None  # the question's label; None for the place or time rows every web form has (``field``)
    value: str | None  # None: not given
    field: str = ""  # "place" or "incident_time" for those rows


def review_lines(fields: WebDraftFields, questionnaires: Questionnaires, lang: str) -> list[ReviewLine]:
    """Every question of the category with its answer, in the bot's order and wording (drafts.review_lines); a
    category without a place or time question gets those rows too (the web form always offers both), unlabelled:
    the page names them."""
    place, incident_time = fields.place.strip() or None, fields.incident_time.strip() or None
    as_bot_draft = {
        "category": fields.category,
        "answers": fields.answers,
        "place": place,
        "incident_time": incident_time,
    }
    lines = [
        ReviewLine(label, value)
        for label, value in drafts.review_lines(as_bot_draft, questionnaires, lang, location_given="")
    ]
    kinds = {question.kind for question in questionnaires.questions(fields.category)}
    if QuestionKind.place not in kinds:
        lines.append(ReviewLine(None, place, "place"))
    if QuestionKind.time not in kinds:
        lines.append(ReviewLine(None, incident_time, "incident_time"))
    return lines


def new_form_token() -> str:
    return token_source.token_urlsafe(24)


async def save_draft(
    sessions: async_sessionmaker[AsyncSession], secrets: SecretBox, *, token: str, fields: WebDraftFields
) -> None:
    """Create or update the draft of ``token`` (its challenge and age are kept on update)."""
    key = secrets.form_token_key(token)
    sealed = secrets.seal_file(json.dumps(asdict(fields), ensure_ascii=False).encode("utf-8")).decode("ascii")
    async with sessions() as session:
        draft = await session.get(WebDraft, key)
        if draft is not None and draft.submitted:
            raise DraftGone
        if draft is None:
            draft = WebDraft(token_hash=key, sealed=sealed, challenge=proof_of_work.new_challenge())
        draft.sealed, draft.updated_at = sealed, utcnow()
        session.add(draft)
        await session.commit()


async def load_draft(
    sessions: async_sessionmaker[AsyncSession], secrets: SecretBox, *, token: str, ttl: timedelta
) -> LoadedDraft:
    key = secrets.form_token_key(token)
    async with sessions() as session:
        draft = await session.get(WebDraft, key)
        if draft is None or draft.submitted or utcnow() - draft.created_at > ttl:
            raise DraftGone
        opened = secrets.open_file(draft.sealed.encode("ascii"))
        if opened is None:
            raise DraftGone
        uploads = (
            await session.exec(select(WebUpload).where(WebUpload.token_hash == key).order_by(col(WebUpload.id)))
        ).all()
    fields = WebDraftFields(**json.loads(opened))
    summaries = [UploadSummary(u.id or 0, u.kind, u.file_name, u.size) for u in uploads]
    age = (utcnow() - draft.created_at).total_seconds()
    return LoadedDraft(fields, draft.challenge, age, summaries)


async def add_upload(
    sessions: async_sessionmaker[AsyncSession],
    secrets: SecretBox,
    *,
    token: str,
    data: bytes,
    max_bytes: int,
    max_files: int,
) -> UploadSummary:
    """Clean, encrypt and keep one file for the draft; AttachmentRefused or TooManyFiles otherwise."""
    key = secrets.form_token_key(token)
    cleaned = attachments.clean(data, max_bytes=max_bytes)  # refuses before anything is stored
    async with sessions() as session:
        if await session.get(WebDraft, key) is None:
            raise DraftGone
        count = (await session.exec(select(func.count()).where(WebUpload.token_hash == key))).one()
        if count >= max_files:
            raise TooManyFiles
        upload = WebUpload(
            token_hash=key,
            kind=cleaned.kind,
            content_type=cleaned.content_type,
            file_name=f"evidence-{count + 1}.{cleaned.extension}",
            size=len(cleaned.data),
            sealed=secrets.seal_file(cleaned.data),
        )
        session.add(upload)
        await session.commit()
        return UploadSummary(upload.id or 0, upload.kind, upload.file_name, upload.size)


async def remove_upload(
    sessions: async_sessionmaker[AsyncSession], secrets: SecretBox, *, token: str, upload_id: int
) -> None:
    key = secrets.form_token_key(token)
    async with sessions() as session:
        await session.exec(delete(WebUpload).where(col(WebUpload.id) == upload_id, col(WebUpload.token_hash) == key))
        await session.commit()


async def submit_web_report(
    sessions: async_sessionmaker[AsyncSession],
    secrets: SecretBox,
    emergency: EmergencyWords,
    *,
    token: str,
    nonce: str,
    pow_bits: int,
    no_script_wait: timedelta,
    ttl: timedelta,
    min_chars: int,
) -> Receipt:
    """The case, once: its evidence and operator notification committed before the code is returned.

    A valid proof of work (JavaScript), or — for browsers without JavaScript — a draft at least ``no_script_wait``
    old, is required. A replayed Submit raises DraftGone (the draft is gone with the first one).
    """
    draft = await load_draft(sessions, secrets, token=token, ttl=ttl)
    if draft.fields.problems(min_chars=min_chars):
        raise DraftGone  # the form validated it; only a forged draft gets here
    solved = proof_of_work.is_solved(draft.challenge, nonce, pow_bits)
    if not solved and draft.age_seconds < no_script_wait.total_seconds():
        raise ProofMissing
    key = secrets.form_token_key(token)
    fields = draft.fields
    report = ReportDraft(
        category=Category(fields.category),
        description=fields.description.strip(),
        language=fields.language,
        place=fields.place.strip() or None,
        incident_time=fields.incident_time.strip() or None,
        evidence=[EvidenceItem(kind=upload.kind, upload_id=upload.id) for upload in draft.uploads],
        answers=dict(fields.answers),  # structured, as the bot's (cases.answers): operators see them labelled
        # "yes, right now" makes the case urgent, as in the bot; None (not asked: no danger in the description) stays
        # None, not "no": operators must not read an answer nobody gave.
        happening_now=fields.happening_now,
    )

    async def forget_draft(session: AsyncSession, case_id: int) -> None:
        await session.exec(delete(WebDraft).where(col(WebDraft.token_hash) == key))

    try:
        return await submit_report(
            sessions,
            secrets,
            emergency,
            draft=report,
            submission_key=key,
            reply_chat_id=None,
            channel=Channel.web,
            before_commit=forget_draft,
        )
    except AlreadySubmitted:
        raise DraftGone from None


async def expire_drafts(sessions: async_sessionmaker[AsyncSession], *, ttl: timedelta) -> int:
    """Drafts nobody submitted, with their files, are deleted once their token has lapsed."""
    cutoff = utcnow() - ttl
    async with sessions() as session:
        stale = list((await session.exec(select(WebDraft.token_hash).where(col(WebDraft.created_at) < cutoff))).all())
        if stale:
            await session.exec(delete(WebUpload).where(col(WebUpload.token_hash).in_(stale)))
            await session.exec(delete(WebDraft).where(col(WebDraft.token_hash).in_(stale)))
        await session.commit()
        return len(stale)


async def case_files(
    sessions: async_sessionmaker[AsyncSession], secrets: SecretBox, *, case_id: int
) -> list[tuple[WebUpload, bytes]]:
    """A web case's files, decrypted, for the operators (a file the secret cannot open is left out)."""
    async with sessions() as session:
        rows = (
            await session.exec(select(WebUpload).where(WebUpload.case_id == case_id).order_by(col(WebUpload.item)))
        ).all()
    opened = [(row, secrets.open_file(row.sealed)) for row in rows]
    return [(row, data) for row, data in opened if data is not None]


async def dialogue(sessions: async_sessionmaker[AsyncSession], *, case_id: int) -> list[CaseMessage]:
    """Both sides of a case's dialogue, oldest first: a web reporter sees what they wrote too."""
    async with sessions() as session:
        query = select(CaseMessage).where(CaseMessage.case_id == case_id).order_by(col(CaseMessage.id))
        return list((await session.exec(query)).all())
