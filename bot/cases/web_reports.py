"""Reports from the web intake (bot/web): drafts, cleaned and encrypted uploads, and submitting with proof of work.

The same cases, receipt codes and operator notifications as the bot (``reports.submit_report``), with
``channel=web`` and no reply route: operators' replies wait for the reporter on the status page. A draft is keyed
by a keyed hash of a random form token held in one short-lived cookie; its fields are encrypted; nothing about the
browser or its address is stored anywhere.
"""

from __future__ import annotations

import json
import secrets as token_source
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from sqlalchemy import func
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.emergency import EmergencyWords
from bot.cases import attachments
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
    answers: dict[str, str] = field(default_factory=dict)  # the category's questionnaire, by question id

    def problems(self, *, min_chars: int) -> list[str]:
        """Catalog keys of what is wrong (empty: fine)."""
        found = []
        if self.category not in Category.__members__:
            found.append("web-error-category")
        if len(self.description.strip()) < min_chars:
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
    description = fields.description.strip()
    answered = [answer.strip() for answer in fields.answers.values() if answer.strip()]
    if answered:
        description = "\n".join([description, *answered])[:DESCRIPTION_LIMIT]
    report = ReportDraft(
        category=Category(fields.category),
        description=description,
        language=fields.language,
        place=fields.place.strip() or None,
        incident_time=fields.incident_time.strip() or None,
        evidence=[EvidenceItem(kind=upload.kind, upload_id=upload.id) for upload in draft.uploads],
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
