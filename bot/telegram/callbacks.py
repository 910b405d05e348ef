"""Button payloads. Handlers re-validate every field: callback data comes from the client and can be forged.

Choices are enums: a forged or outdated value fails to unpack, so no handler's filter matches it. The packed form
(``o:claim:42``) is the enum's value, the same as when these were plain strings: buttons already sent keep working.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from bot.models.case_numbers import MAX_CASE_ID
from bot.models.cases import Category, Outcome, Status

# A forged id out of these bounds does not match the button at all (the fallback answers "stale button"): it never
# reaches the database, where an id >= 2**63 overflows the driver.
CaseId = Field(ge=1, le=MAX_CASE_ID)


class MenuChoice(StrEnum):
    ask = "ask"
    report = "report"
    status = "status"
    language = "language"
    about = "about"


class MenuAction(CallbackData, prefix="m"):
    action: MenuChoice


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


class ReportCategory(CallbackData, prefix="rc"):
    category: Category


class ReportStepChoice(StrEnum):
    done = "done"
    skip = "skip"
    submit = "submit"
    more = "more"
    describe = "describe"  # from the review: write the description again
    recategorize = "recategorize"  # from the review: choose another category
    cancel = "cancel"
    now_yes = "now-yes"  # "is it happening right now?" (a description that signals danger)
    now_no = "now-no"


class ReportStep(CallbackData, prefix="rs"):
    action: ReportStepChoice


class ReportChoice(CallbackData, prefix="rq"):
    """A button of a choice question: which question (its place in the questionnaire) and which choice."""

    asked: int
    choice: str


class StatusChoice(StrEnum):
    reply = "reply"
    end = "end"  # asks for a confirmation
    end_yes = "end_yes"
    end_no = "end_no"


class StatusAction(CallbackData, prefix="sa"):
    """Citizen buttons under a /status view. No case id here: it is kept in the conversation state, so a forged
    button can never reach someone else's case."""

    action: StatusChoice


class CaseButton(StrEnum):
    open = "open"
    claim = "claim"
    status = "status"
    reply = "reply"
    note = "note"
    release = "release"


class OperatorAction(CallbackData, prefix="o"):
    action: CaseButton
    case: int = CaseId


class NewStatus(StrEnum):
    """What the operator's status buttons offer: back in review, or closed with one of the outcomes."""

    in_review = Status.in_review.value
    actioned = Outcome.actioned.value
    referred = Outcome.referred.value
    duplicate = Outcome.duplicate.value
    no_action = Outcome.no_action.value
    spam = Outcome.spam.value

    @property
    def outcome(self) -> Outcome | None:
        """The outcome a closing choice records (None: the case goes back in review)."""
        return None if self is NewStatus.in_review else Outcome(self.value)


class OperatorTemplate(CallbackData, prefix="ot"):
    """A saved reply (knowledge/forms/reply_templates.yaml) to send to the reporter of a case."""

    case: int
    template: str


class HumanChoice(StrEnum):
    ask = "ask"
    cancel = "cancel"


class HumanAction(CallbackData, prefix="h"):
    """The path to a person: ask the operators a question (from "I don't know", a 👎, /person), or cancel it."""

    action: HumanChoice


class OperatorStatus(CallbackData, prefix="os"):
    case: int = CaseId
    value: NewStatus


class GapAction(StrEnum):
    teach = "t"  # the gap means ``entry``
    all_entries = "a"  # list every entry to choose from
    off_topic = "o"
    skip = "s"


class GapDecision(CallbackData, prefix="g"):
    """An editor's decision on an unanswered question (bot/telegram/handlers/knowledge_editing.py).

    ``ref`` names the gap (64 bits of its key's hash), ``entry`` the entry it means (teach only), ``offset`` where
    the editor is in the list (skip)."""

    action: GapAction
    ref: str
    entry: str = ""
    offset: int = 0
