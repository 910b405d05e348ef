"""The web intake's own tables: drafts of reports being written, and uploaded files (encrypted at rest).

Nothing here knows who wrote: a draft is keyed by a keyed hash of a random form token (the only cookie the site
sets, and only once a report is started); no address, User-Agent or browser detail is ever stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, LargeBinary, Text
from sqlmodel import Field, SQLModel

from bot.core.clock import utcnow


class WebDraft(SQLModel, table=True):
    __tablename__ = "web_drafts"

    token_hash: str = Field(primary_key=True, max_length=64, description="HMAC of the form token")
    sealed: str = Field(sa_column=Column(Text, nullable=False), description="Fernet of the draft's fields (JSON)")
    challenge: str = Field(max_length=64, description="the proof-of-work challenge Submit must answer")
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    submitted: bool = Field(default=False, description="Submit was accepted: a replay is refused")


class WebUpload(SQLModel, table=True):
    """A file a web reporter attached, metadata stripped, then encrypted; attached to its case on submit."""

    __tablename__ = "web_uploads"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str | None = Field(default=None, max_length=64, index=True, description="its draft, until submit")
    case_id: int | None = Field(default=None, foreign_key="cases.id", index=True)
    item: int | None = Field(default=None, description="its evidence item number in the case")
    kind: str = Field(max_length=16, description="photo or document")
    content_type: str = Field(max_length=100)
    file_name: str = Field(max_length=120, description="a neutral name: evidence-1.jpg, never the uploaded name")
    size: int
    sealed: bytes = Field(sa_column=Column(LargeBinary, nullable=False), description="Fernet of the cleaned file")
    created_at: datetime = Field(default_factory=utcnow)
