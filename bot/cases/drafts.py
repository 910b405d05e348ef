"""A report being written: what step comes next, and how each answer or edit changes the draft.

The draft is the conversation state's data (a plain dict, so it survives restarts in any storage). Which step comes
next is decided from the draft alone, never remembered separately, so an edit from the review (another category, a
new description, more evidence) simply removes what must be asked again and the same rule leads back to the review:

    category → description → (it signals danger: is it happening now?) → evidence → each of the category's
    questions → review → submit

Another step slots in by adding its condition to ``next_step`` (and its key to the draft).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.cases.forms import CHOICE_PREFIX, Question, QuestionKind, Questionnaires
from bot.cases.reports import EvidenceItem, ReportDraft
from bot.models.cases import DESCRIPTION_LIMIT, Category

PLACE_LIMIT, TIME_LIMIT, ANSWER_LIMIT = 500, 200, 1000


class Step(StrEnum):
    category = "category"
    description = "description"
    happening_now = "happening_now"  # the description signals danger (bot.answers.danger): is it happening now?
    evidence = "evidence"
    question = "question"
    review = "review"


def new_draft() -> dict[str, Any]:
    return {"evidence": [], "answers": {}}


def next_step(draft: dict[str, Any], questionnaires: Questionnaires) -> Step:
    if draft.get("category") not in Category.__members__:
        return Step.category
    if not draft.get("description"):
        return Step.description
    if draft.get("danger") and "happening_now" not in draft:
        return Step.happening_now
    if not draft.get("evidence_done"):
        return Step.evidence
    if draft.get("asked", 0) < len(questionnaires.questions(draft["category"])):
        return Step.question
    return Step.review


def current_question(draft: dict[str, Any], questionnaires: Questionnaires) -> Question | None:
    questions = questionnaires.questions(draft.get("category", ""))
    asked = draft.get("asked", 0)
    return questions[asked] if 0 <= asked < len(questions) else None


def choose_category(draft: dict[str, Any], category: str) -> None:
    """A category chosen (first, or again from the review): the new category's questions are asked afresh."""
    if draft.get("category") != category:
        draft["answers"] = {}
        for key in ("place", "latitude", "longitude", "incident_time"):
            draft.pop(key, None)
    draft["category"] = category
    draft["asked"] = 0


def add_text(draft: dict[str, Any], text: str) -> bool:
    """More words for the description ("Add more"); False if the description would be too long."""
    joined = f"{draft.get('description', '')}\n\n{text}".strip()
    if len(joined) > DESCRIPTION_LIMIT:
        return False
    draft["description"] = joined
    return True


@dataclass(frozen=True)
class Answer:
    text: str | None = None
    choice: str | None = None
    latitude: float | None = None
    longitude: float | None = None


def answer_question(draft: dict[str, Any], question: Question, answer: Answer) -> None:
    """Store the answer where it belongs (place and time in the case's own fields) and move to the next question."""
    if question.kind == QuestionKind.place:
        if answer.latitude is not None:
            draft["latitude"], draft["longitude"] = answer.latitude, answer.longitude
        if answer.text:
            draft["place"] = answer.text[:PLACE_LIMIT]
    elif question.kind == QuestionKind.time and answer.text:
        draft["incident_time"] = answer.text[:TIME_LIMIT]
    elif answer.choice is not None:
        draft.setdefault("answers", {})[question.id] = CHOICE_PREFIX + answer.choice
    elif answer.text:
        draft.setdefault("answers", {})[question.id] = answer.text[:ANSWER_LIMIT]
    skip_question(draft)


def skip_question(draft: dict[str, Any]) -> None:
    draft["asked"] = draft.get("asked", 0) + 1


def to_report(draft: dict[str, Any], *, language: str) -> ReportDraft:
    return ReportDraft(
        category=Category(draft.get("category", Category.other)),
        description=draft["description"],
        language=language,
        evidence=[EvidenceItem(**item) for item in draft.get("evidence", [])],
        place=draft.get("place"),
        latitude=draft.get("latitude"),
        longitude=draft.get("longitude"),
        incident_time=draft.get("incident_time"),
        answers=dict(draft.get("answers", {})),
        happening_now=draft.get("happening_now"),  # None: not asked
    )


def review_lines(
    draft: dict[str, Any], questionnaires: Questionnaires, lang: str, *, location_given: str
) -> list[tuple[str, str | None]]:
    """(label, answer or None when not given) for every question of the draft's category, in order."""
    lines: list[tuple[str, str | None]] = []
    answers = draft.get("answers", {})
    for question in questionnaires.questions(draft.get("category", "")):
        value: str | None
        if question.kind == QuestionKind.place:
            value = draft.get("place")
            if draft.get("latitude") is not None:
                value = f"{value} ({location_given})" if value else location_given
        elif question.kind == QuestionKind.time:
            value = draft.get("incident_time")
        else:
            raw = answers.get(question.id)
            value = question.answer_text(raw, lang) if raw else None
        lines.append((question.label[lang], value))
    return lines
