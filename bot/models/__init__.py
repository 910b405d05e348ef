"""Database tables, one module per family. Importing this package registers every table with SQLModel.metadata."""

from bot.models.cases import Case, CaseMessage, CaseNote, Evidence, ReplyRoute, UserCounter
from bot.models.console import CaseTag, ConsoleCredential, ConsoleLink, ConsoleSession
from bot.models.deployment import DeploymentFact
from bot.models.fsm import ConversationState
from bot.models.knowledge_stats import AnswerFeedback, AnswerOutcome, KnowledgeGap, LearnedPhrasing
from bot.models.operators import AuditEntry, Operator
from bot.models.operators_chat import OperatorsChat
from bot.models.outbox import OutboxMessage
from bot.models.preferences import UserPreference
from bot.models.web_intake import WebDraft, WebUpload

__all__ = [
    "AnswerFeedback",
    "AnswerOutcome",
    "AuditEntry",
    "Case",
    "CaseMessage",
    "CaseNote",
    "CaseTag",
    "ConsoleCredential",
    "ConsoleLink",
    "ConsoleSession",
    "ConversationState",
    "DeploymentFact",
    "Evidence",
    "KnowledgeGap",
    "LearnedPhrasing",
    "Operator",
    "OperatorsChat",
    "OutboxMessage",
    "ReplyRoute",
    "UserCounter",
    "UserPreference",
    "WebDraft",
    "WebUpload",
]
