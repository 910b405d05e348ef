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
    # Citizens' hints for the editors (bot/answers/learning.py): a "did you mean" pick, or 👎 under an answer.
    picked_entry: str | None = Field(default=None, max_length=80, description="last suggestion a citizen chose")
    picks: int = 0
    disliked_entry: str | None = Field(default=None, max_length=80, description="last answer voted not helpful")
    dislikes: int = 0
    decision: str | None = Field(default=None, max_length=12, description="taught | off_topic: an editor decided")
    decided_at: datetime | None = None


class AnswerOutcome(SQLModel, table=True):
    """Daily counts of answer / suggest / unknown, for the knowledge-base hit rate."""

    __tablename__ = "answer_outcomes"

    day: date = Field(primary_key=True)
    outcome: str = Field(primary_key=True, max_length=10)
    lang: str = Field(primary_key=True, max_length=2)
    count: int = 0


class LearnedPhrasing(SQLModel, table=True):
    """A way of asking that an editor taught the bot: the engine indexes it with its entry's own phrasings.

    Exported as YAML (``hotline kb learned --export``) to be folded into ``knowledge/`` by a release.
    """

    __tablename__ = "learned_phrasings"

    id: int | None = Field(default=None, primary_key=True)
    entry_id: str = Field(max_length=80, index=True)
    lang: str = Field(max_length=2)
    text: str = Field(max_length=GAP_TEXT_LIMIT)
    key: str = Field(max_length=GAP_TEXT_LIMIT, unique=True, description="folded text: taught once")
    taught_at: datetime = Field(default_factory=utcnow)
    taught_by: int | None = Field(default=None, foreign_key="operators.id", description="None: the command line")
