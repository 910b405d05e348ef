"""Button payloads. Handlers re-validate every field: callback data comes from the client and can be forged."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from bot.models.cases import MAX_CASE_ID

# A forged id out of these bounds does not match the button at all (the fallback answers "stale button"): it never
# reaches the database, where an id >= 2**63 overflows the driver.
CaseId = Field(ge=1, le=MAX_CASE_ID)


class MenuAction(CallbackData, prefix="m"):
    action: str  # ask | report | status | language | about


class SetLanguage(CallbackData, prefix="l"):
    lang: str


class ShowAnswer(CallbackData, prefix="a"):
    """A "did you mean" suggestion: the entry and the language to answer in."""

    entry: str
    lang: str


class Feedback(CallbackData, prefix="f"):
    entry: str
    lang: str
    helpful: bool


MENU_ACTIONS = ("ask", "report", "status", "language", "about")


class ReportCategory(CallbackData, prefix="rc"):
    category: str


class ReportStep(CallbackData, prefix="rs"):
    action: str  # done | skip | submit | more | cancel


class StatusAction(CallbackData, prefix="sa"):
    """Citizen buttons under a /status view. No case id here: it is kept in the conversation state, so a forged
    button can never reach someone else's case."""

    action: str  # reply | end


class OperatorAction(CallbackData, prefix="o"):
    action: str  # open | claim | status | reply | note | release
    case: int = CaseId


class OperatorStatus(CallbackData, prefix="os"):
    case: int = CaseId
    value: str  # in_review | actioned | referred | duplicate | no_action | spam


REPORT_STEPS = ("done", "skip", "submit", "more", "cancel")
STATUS_ACTIONS = ("reply", "end")
OPERATOR_ACTIONS = ("open", "claim", "status", "reply", "note", "release")
