"""What the knowledge base did for citizens, without any identity: feedback, gaps and outcome counts."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from bot.core.clock import utcnow

GAP_TEXT_LIMIT = 300


class AnswerFeedback(SQLModel, table=True):
    """ "Was this helpful?" counts per entry and language."""

    __tablename__ = "answer_feedback"

    entry_id: str = Field(primary_key=True, max_length=80)
    lang: str = Field(primary_key=True, max_length=2)
    helpful: int = 0
    not_helpful: int = 0


class KnowledgeGap(SQLModel, table=True):
    """A question the bot could not answer, grouped by its folded form so repeats are counted, not stored again."""

    __tablename__ = "knowledge_gaps"

    key: str = Field(primary_key=True, max_length=GAP_TEXT_LIMIT, description="folded question text")
    example: str = Field(max_length=GAP_TEXT_LIMIT, description="one original wording, truncated")
    lang: str = Field(max_length=2)
    asked: int = 1
    suggested: bool = Field(default=False, description="the bot offered 'did you mean' rather than nothing")
    first_asked: datetime = Field(default_factory=utcnow)
    last_asked: datetime = Field(default_factory=utcnow, index=True)


class AnswerOutcome(SQLModel, table=True):
    """Daily counts of answer / suggest / unknown, for the knowledge-base hit rate."""

    __tablename__ = "answer_outcomes"

    day: date = Field(primary_key=True)
    outcome: str = Field(primary_key=True, max_length=10)
    lang: str = Field(primary_key=True, max_length=2)
    count: int = 0
