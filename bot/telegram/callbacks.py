"""Button payloads. Handlers re-validate every field: callback data comes from the client and can be forged."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


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
    action: str  # done | skip | submit | more | describe | recategorize | cancel


class ReportChoice(CallbackData, prefix="rq"):
    """A button of a choice question: which question (its place in the questionnaire) and which choice."""

    asked: int
    choice: str


class StatusAction(CallbackData, prefix="sa"):
    """Citizen buttons under a /status view. No case id here: it is kept in the conversation state, so a forged
    button can never reach someone else's case."""

    action: str  # reply | end | end_yes | end_no


class OperatorAction(CallbackData, prefix="o"):
    action: str  # open | claim | status | reply | note | release
    case: int


class OperatorTemplate(CallbackData, prefix="ot"):
    """A saved reply (knowledge/forms/reply_templates.yaml) to send to the reporter of a case."""

    case: int
    template: str


class HumanAction(CallbackData, prefix="h"):
    """The path to a person: ask the operators a question, or (after a 👎) report instead."""

    action: str  # ask | cancel


class OperatorStatus(CallbackData, prefix="os"):
    case: int
    value: str  # in_review | actioned | referred | duplicate | no_action | spam


REPORT_STEPS = ("done", "skip", "submit", "more", "describe", "recategorize", "cancel")
STATUS_ACTIONS = ("reply", "end", "end_yes", "end_no")
OPERATOR_ACTIONS = ("open", "claim", "status", "reply", "note", "release")
