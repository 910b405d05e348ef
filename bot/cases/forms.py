"""The forms editors write (``knowledge/forms/``): each report category's questions, and operators' saved replies.

Validated like the knowledge base: every problem named with its file and item, all at once (KnowledgeBaseError), so
``hotline kb check`` reports them together with the knowledge base's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from bot.answers.knowledge_base import PLACEHOLDERS, KnowledgeBaseError
from bot.core.languages import LANGUAGES
from bot.models.cases import Category

QUESTIONNAIRES_FILE = "forms/questionnaires.yaml"
REPLY_TEMPLATES_FILE = "forms/reply_templates.yaml"
_ID = re.compile(r"^[a-z0-9_]{1,24}$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
ASK_LIMIT, LABEL_LIMIT, BUTTON_LIMIT, TEMPLATE_LIMIT = 1000, 60, 40, 2000


class QuestionKind(StrEnum):
    text = "text"
    place = "place"  # a location or words; stored as the case's place
    time = "time"  # stored as the case's time
    choice = "choice"  # buttons, or words


@dataclass(frozen=True)
class Choice:
    id: str
    text: dict[str, str]


@dataclass(frozen=True)
class Question:
    id: str
    kind: QuestionKind
    label: dict[str, str]
    ask: dict[str, str]
    choices: tuple[Choice, ...] = ()

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    def answer_text(self, value: str, lang: str) -> str:
        """A stored answer as a reader of ``lang`` sees it: a choice by its label, words as written."""
        choice = self.choice(value.removeprefix(CHOICE_PREFIX)) if value.startswith(CHOICE_PREFIX) else None
        return choice.text[lang] if choice is not None else value


CHOICE_PREFIX = "choice:"  # a stored answer that is a pressed choice, not typed words


@dataclass(frozen=True)
class Questionnaires:
    by_category: dict[str, tuple[Question, ...]]

    def questions(self, category: str) -> tuple[Question, ...]:
        return self.by_category.get(category, ())

    def question(self, category: str, question_id: str) -> Question | None:
        return next((q for q in self.questions(category) if q.id == question_id), None)

    def answered(self, category: str, answers: dict[str, str], lang: str) -> list[tuple[str, str]]:
        """(label, answer) in the questionnaire's order, for the answers given; unknown ids (an edited form) last."""
        lines = [
            (q.label[lang], q.answer_text(answers[q.id], lang)) for q in self.questions(category) if q.id in answers
        ]
        known = {q.id for q in self.questions(category)}
        lines += [(question_id, value) for question_id, value in answers.items() if question_id not in known]
        return lines


@dataclass(frozen=True)
class ReplyTemplate:
    id: str
    title: dict[str, str]
    text: dict[str, str]


@dataclass(frozen=True)
class ReplyTemplates:
    templates: tuple[ReplyTemplate, ...]

    def get(self, template_id: str) -> ReplyTemplate | None:
        return next((t for t in self.templates if t.id == template_id), None)


def _read(path: Path, name: str, problems: list[str]) -> Any:
    if not path.exists():  # optional, like the lexicon: no questions asked, no saved replies offered
        return None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        problems.append(f"{name}: not valid YAML: {getattr(exc, 'problem', exc)}")
        return None


def _texts(value: Any, where: str, field: str, limit: int, problems: list[str]) -> dict[str, str]:
    """A kk/ru/en mapping of non-empty texts, each at most ``limit`` characters, with known placeholders only."""
    if not isinstance(value, dict):
        problems.append(f"{where}: `{field}` must give kk, ru and en")
        return {lang: "" for lang in LANGUAGES}
    result: dict[str, str] = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: `{field}` has no {lang} text")
            text = ""
        elif len(text) > limit:
            problems.append(f"{where}: `{field}` {lang} is longer than {limit} characters")
        for name in _PLACEHOLDER.findall(text):
            if name not in PLACEHOLDERS:
                problems.append(f"{where}: `{field}` {lang}: unknown placeholder {{{name}}}")
        result[lang] = text
    extra = set(value) - set(LANGUAGES) - {"id"}
    if extra:
        problems.append(f"{where}: `{field}` has unknown languages {sorted(extra)}")
    return result


def _question(raw: Any, where: str, problems: list[str]) -> Question | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a question (id, kind, label, ask)")
        return None
    question_id = str(raw.get("id", ""))
    if not _ID.match(question_id):
        problems.append(f"{where}: `id` must be lowercase letters, digits or _ (at most 24)")
    where = f"{where} ({question_id})"
    try:
        kind = QuestionKind(str(raw.get("kind")))
    except ValueError:
        problems.append(f"{where}: `kind` must be one of {', '.join(k.value for k in QuestionKind)}")
        kind = QuestionKind.text
    choices: list[Choice] = []
    raw_choices = raw.get("choices")
    if kind == QuestionKind.choice:
        if not isinstance(raw_choices, list) or not raw_choices:
            problems.append(f"{where}: a choice question needs `choices`")
            raw_choices = []
        for number, option in enumerate(raw_choices, start=1):
            option_id = str(option.get("id", "")) if isinstance(option, dict) else ""
            if not _ID.match(option_id):
                problems.append(f"{where}: choice {number} needs an `id` of lowercase letters, digits or _")
            choices.append(
                Choice(option_id, _texts(option, f"{where} choice {option_id}", "text", BUTTON_LIMIT, problems))
            )
        if len({c.id for c in choices}) != len(choices):
            problems.append(f"{where}: choice ids repeat")
    elif raw_choices is not None:
        problems.append(f"{where}: only a choice question has `choices`")
    unknown = set(raw) - {"id", "kind", "label", "ask", "choices"}
    if unknown:
        problems.append(f"{where}: unknown fields {sorted(unknown)}")
    return Question(
        id=question_id,
        kind=kind,
        label=_texts(raw.get("label"), where, "label", LABEL_LIMIT, problems),
        ask=_texts(raw.get("ask"), where, "ask", ASK_LIMIT, problems),
        choices=tuple(choices),
    )


def load_questionnaires(directory: Path) -> Questionnaires:
    """``forms/questionnaires.yaml``: one list of questions for each category; raises KnowledgeBaseError."""
    problems: list[str] = []
    raw = _read(directory / QUESTIONNAIRES_FILE, QUESTIONNAIRES_FILE, problems)
    by_category: dict[str, tuple[Question, ...]] = {}
    if raw is not None and not isinstance(raw, dict):
        problems.append(f"{QUESTIONNAIRES_FILE}: must map each category to its list of questions")
        raw = {}
    for category in Category:
        if raw is not None and category.value not in raw:  # a file that exists covers every category
            problems.append(f"{QUESTIONNAIRES_FILE}: category {category.value} has no questions (give [] for none)")
    for category, items in (raw or {}).items():
        where = f"{QUESTIONNAIRES_FILE}: {category}"
        if category not in Category.__members__:
            problems.append(f"{where}: not a category ({', '.join(c.value for c in Category)})")
            continue
        if not isinstance(items, list):
            problems.append(f"{where}: must be a list of questions")
            continue
        questions = [q for n, item in enumerate(items, start=1) if (q := _question(item, f"{where} #{n}", problems))]
        ids = [q.id for q in questions]
        if len(set(ids)) != len(ids):
            problems.append(f"{where}: question ids repeat")
        for kind in (QuestionKind.place, QuestionKind.time):
            if sum(q.kind == kind for q in questions) > 1:
                problems.append(f"{where}: at most one question of kind {kind.value}")
        by_category[category] = tuple(questions)
    if problems:
        raise KnowledgeBaseError(problems)
    return Questionnaires(by_category)


def load_reply_templates(directory: Path) -> ReplyTemplates:
    """``forms/reply_templates.yaml``: the operators' saved replies; raises KnowledgeBaseError."""
    problems: list[str] = []
    raw = _read(directory / REPLY_TEMPLATES_FILE, REPLY_TEMPLATES_FILE, problems)
    templates: list[ReplyTemplate] = []
    if raw is not None and not isinstance(raw, list):
        problems.append(f"{REPLY_TEMPLATES_FILE}: must be a list of templates (id, title, text)")
        raw = []
    for number, item in enumerate(raw or [], start=1):
        where = f"{REPLY_TEMPLATES_FILE}: #{number}"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be a template (id, title, text)")
            continue
        template_id = str(item.get("id", ""))
        if not _ID.match(template_id):
            problems.append(f"{where}: `id` must be lowercase letters, digits or _ (at most 24)")
        where = f"{where} ({template_id})"
        title = _texts(item.get("title"), where, "title", BUTTON_LIMIT, problems)
        text = _texts(item.get("text"), where, "text", TEMPLATE_LIMIT, problems)
        templates.append(ReplyTemplate(template_id, title, text))
    if len({t.id for t in templates}) != len(templates):
        problems.append(f"{REPLY_TEMPLATES_FILE}: template ids repeat")
    if problems:
        raise KnowledgeBaseError(problems)
    return ReplyTemplates(tuple(templates))


def summary(questionnaires: Questionnaires, templates: ReplyTemplates) -> str:
    asked = sum(len(q) for q in questionnaires.by_category.values())
    return (
        f"forms: {asked} report questions in {len(questionnaires.by_category)} categories, "
        f"{len(templates.templates)} saved replies, each in {', '.join(LANGUAGES)}"
    )
