"""Reports ("cases") and everything attached to them.

Anonymity by design: no table here has a Telegram user id, chat id, username, name or phone. The only way back to
the reporter is ``ReplyRoute``: the chat id, encrypted with a key derived from SECRET_KEY, deleted when the case
closes, when the reporter ends the dialogue, or at retention.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from bot.core.clock import utcnow
from bot.models.case_numbers import case_number

DESCRIPTION_LIMIT = 4000


class Category(StrEnum):
    terror_plot = "terror_plot"  # suspected preparation of a terrorist act
    recruitment = "recruitment"  # recruitment or propaganda
    online_content = "online_content"  # extremist content online
    weapons = "weapons"  # weapons or explosives
    other = "other"


class CaseKind(StrEnum):
    tip = "tip"  # a report
    question = "question"  # a question the bot could not answer, for a person to answer


class Channel(StrEnum):
    telegram = "telegram"  # the bot
    web = "web"  # the web intake (bot/web): no Telegram account involved, replies wait on its status page


class Status(StrEnum):
    new = "new"
    in_review = "in_review"
    closed = "closed"


class Outcome(StrEnum):
    actioned = "actioned"
    referred = "referred"  # referred to another agency
    duplicate = "duplicate"
    no_action = "no_action"
    spam = "spam"


class CaseBase(SQLModel):
    category: Category = Field(max_length=20)
    description: str = Field(sa_column=Column(Text, nullable=False))
    place: str | None = Field(default=None, max_length=500)
    latitude: float | None = None
    longitude: float | None = None
    incident_time: str | None = Field(default=None, max_length=200)
    language: str = Field(max_length=2)
    urgent: bool = False
    kind: CaseKind = Field(default=CaseKind.tip, max_length=10, sa_column_kwargs={"server_default": "tip"})
    answers: dict[str, str] = Field(
        default_factory=dict,
        sa_column=Column(JSON, nullable=False, server_default=text("'{}'")),
        description="the category's questionnaire: question id → answer (knowledge/forms/questionnaires.yaml)",
    )
    channel: Channel = Field(default=Channel.telegram, max_length=10, description="how the report came")


class Case(CaseBase, table=True):
    __tablename__ = "cases"

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(
        max_length=64, unique=True, description="scrypt of the receipt code; the code is never stored"
    )
    submission_key: str = Field(
        max_length=64, unique=True, description="keyed hash of the Submit press: de-duplication"
    )
    status: Status = Field(default=Status.new, max_length=12, index=True)
    outcome: Outcome | None = Field(default=None, max_length=12)
    similar_to: int | None = Field(default=None, description="a recent open case this one nearly repeats")
    created_at: datetime = Field(default_factory=utcnow, index=True)
    claimed_by: int | None = Field(default=None, foreign_key="operators.id")
    claim_expires_at: datetime | None = None
    first_claimed_at: datetime | None = None
    first_reply_at: datetime | None = None
    closed_at: datetime | None = Field(default=None, index=True)
    last_reminded_at: datetime | None = None
    last_citizen_activity_at: datetime | None = None
    reporter_unreachable: bool = False
    happening_now: bool | None = Field(
        default=None,
        description='the reporter\'s answer to "is it happening right now?" (None: not asked); kept at retention, '
        "like the urgency it qualifies",
    )
    purged_at: datetime | None = Field(default=None, description="content deleted at retention; counts remain")

    @property
    def happening_now_said(self) -> str | None:
        """What operators read about "happening now": the reporter's "yes" or "no", "unknown" for an urgent case
        whose reporter was not asked, None (nothing to say) for an ordinary case nobody asked about."""
        if self.happening_now is None:
            return "unknown" if self.urgent else None
        return "yes" if self.happening_now else "no"

    @property
    def number(self) -> str:
        """What operators call the case: not secret, not the receipt code."""
        if self.id is None:
            raise ValueError("a case has a number once it is saved")
        return case_number(self.id)


class Evidence(SQLModel, table=True):
    """One evidence item; the files of an album (one media_group_id) share ``item``."""

    __tablename__ = "case_evidence"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    item: int = Field(description="item number within the case; an album's files share one")
    kind: str = Field(max_length=16, description="photo, video, document, voice, audio, animation, link")
    file_id: str | None = Field(default=None, max_length=300, description="the bot's reference to the file")
    text: str | None = Field(default=None, max_length=2000, description="caption or link")


class Direction(StrEnum):
    to_citizen = "to_citizen"
    from_citizen = "from_citizen"


class CaseMessage(SQLModel, table=True):
    """The two-way dialogue. The operator's identity is kept for the audit, never shown to the citizen."""

    __tablename__ = "case_messages"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    direction: Direction = Field(max_length=12)
    operator_id: int | None = Field(default=None, foreign_key="operators.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    delivered_at: datetime | None = None


class CaseNote(SQLModel, table=True):
    """Internal notes: never sent to the citizen."""

    __tablename__ = "case_notes"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    operator_id: int = Field(foreign_key="operators.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class ReplyRoute(SQLModel, table=True):
    """case → the reporter's chat, encrypted; the only link to a person, deleted as early as possible."""

    __tablename__ = "reply_routes"

    case_id: int = Field(foreign_key="cases.id", primary_key=True)
    sealed_chat: str = Field(max_length=500, description="Fernet token of the chat id")
    created_at: datetime = Field(default_factory=utcnow)


class UserCounter(SQLModel, table=True):
    """Per-user limits (reports a day, /status attempts), keyed by a keyed hash of the user id."""

    __tablename__ = "user_counters"
    __table_args__ = (UniqueConstraint("user_key", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    user_key: str = Field(max_length=64)
    kind: str = Field(max_length=20)
    window_start: datetime = Field(default_factory=utcnow)
    count: int = 0
