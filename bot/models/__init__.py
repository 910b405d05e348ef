"""Database tables, one module per family. Importing this package registers every table with SQLModel.metadata."""

from bot.models.knowledge_stats import AnswerFeedback, AnswerOutcome, KnowledgeGap
from bot.models.preferences import UserPreference

__all__ = ["AnswerFeedback", "AnswerOutcome", "KnowledgeGap", "UserPreference"]
