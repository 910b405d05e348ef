"""Loading and validating the knowledge base (``knowledge/*.yaml``).

The files are written by editors, not programmers, so every problem is reported with the file, the entry and what
is wrong, and all problems are reported at once rather than the first one only.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.core.languages import LANGUAGES

MIN_QUESTIONS = 5
PLACEHOLDERS = frozenset({"emergency_number", "police_number", "retention_days", "hotline_phone", "web_intake_url"})
# Settings that may be unset: they are written only inside an optional part ``[[ … ]]``, which is left out of the
# answer when one of its placeholders has no value (no hotline phone configured → no sentence about calling it).
OPTIONAL_PLACEHOLDERS = frozenset({"hotline_phone", "web_intake_url"})
_OPTIONAL_PART = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
SYNONYMS_FILE = "lexicon/synonyms.yaml"
PLACES_FILE = "lexicon/places.yaml"
CONCEPTS_FILE = "lexicon/concepts.yaml"
CONCEPT_LANGUAGES = ("kk", "ru")  # the two languages that share the Cyrillic index
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Entry:
    """One fact, answered in every language, with the ways citizens ask for it."""

    id: str
    tags: tuple[str, ...]
    answer: dict[str, str]
    questions: dict[str, tuple[str, ...]]
    source_file: str


@dataclass
class KnowledgeBase:
    entries: list[Entry]
    by_id: dict[str, Entry] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {entry.id: entry for entry in self.entries}

    def answer(self, entry_id: str, lang: str, values: dict[str, str] | None = None) -> str:
        """The answer text with configuration placeholders (emergency numbers, retention) filled in.

        An optional part ``[[ … ]]`` stays (without its brackets) only when all its placeholders have values.
        """
        return fill_placeholders(self.by_id[entry_id].answer[lang], values or {})


class KnowledgeBaseError(Exception):
    """The knowledge base is not valid; ``problems`` lists every problem found, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def numbers_in(text: str) -> set[str]:
    """Numbers as a reader sees them: ``14,5`` and ``14.5`` are one number."""
    return {match.replace(",", ".") for match in _NUMBER.findall(text)}


def _placeholders_in(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Fill ``{placeholders}``; drop each ``[[optional part]]`` one of whose placeholders has no value."""

    def optional(match: re.Match[str]) -> str:
        part = match.group(1)
        return part if all(values.get(name) for name in _placeholders_in(part)) else ""

    text = _OPTIONAL_PART.sub(optional, text)
    return text.format_map(values) if values else text


def _placeholder_problems(text: str) -> list[str]:
    """What is wrong with the placeholders and optional parts of one answer text."""
    try:
        names = _placeholders_in(text)
    except ValueError as exc:
        return [f"has a broken {{placeholder}}: {exc}"]
    problems = []
    bad = names - PLACEHOLDERS
    if bad:
        problems.append(
            f"has unknown placeholder(s) {', '.join(sorted(bad))}; known: {', '.join(sorted(PLACEHOLDERS))}"
        )
    outside = _OPTIONAL_PART.sub("", text)
    if "[[" in outside or "]]" in outside:
        problems.append("has an optional part [[ … ]] that is not closed (or a ]] without its [[)")
    loose = _placeholders_in(outside) & OPTIONAL_PLACEHOLDERS
    if loose:
        problems.append(
            f"uses {', '.join(sorted(loose))} outside an optional part: write it inside [[ … ]], "
            "which is left out when the setting is empty"
        )
    return problems


def _check_entry(raw: Any, where: str) -> list[str]:
    """Every problem of one raw entry, each prefixed with where it is."""
    if not isinstance(raw, dict):
        return [f"{where}: an entry must be a mapping with id, tags, answer and questions"]
    problems: list[str] = []
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        problems.append(f"{where}: id {entry_id!r} must be lowercase letters, digits and dashes")
    unknown = set(raw) - {"id", "tags", "answer", "questions"}
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    tags = raw.get("tags")
    if not isinstance(tags, list) or not tags or not all(isinstance(t, str | int) and str(t).strip() for t in tags):
        problems.append(f"{where}: tags must be a non-empty list of words")
    answer = raw.get("answer")
    if not isinstance(answer, dict):
        problems.append(f"{where}: answer must have kk, ru and en")
        answer = {}
    questions = raw.get("questions")
    if not isinstance(questions, dict):
        problems.append(f"{where}: questions must have kk, ru and en")
        questions = {}
    for lang in LANGUAGES:
        text = answer.get(lang)
        if text is None:
            problems.append(f"{where}: answer lacks language {lang}")
        elif not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: answer.{lang} is empty")
        else:
            problems.extend(f"{where}: answer.{lang} {problem}" for problem in _placeholder_problems(text))
        asked = questions.get(lang)
        if asked is None:
            problems.append(f"{where}: questions lack language {lang}")
        elif not isinstance(asked, list) or any(not isinstance(q, str) or not q.strip() for q in asked):
            problems.append(f"{where}: questions.{lang} must be a list of non-empty texts")
        elif len(asked) < MIN_QUESTIONS:
            problems.append(f"{where}: questions.{lang} has {len(asked)} phrasings, at least {MIN_QUESTIONS} needed")
        elif len({q.strip().casefold() for q in asked}) != len(asked):
            problems.append(f"{where}: questions.{lang} repeats a phrasing")
    texts = {lang: answer[lang] for lang in LANGUAGES if isinstance(answer.get(lang), str)}
    for lang, text in texts.items():
        for other, other_text in texts.items():
            missing = numbers_in(text) - numbers_in(other_text)
            if other != lang and missing:
                problems.append(
                    f"{where}: figures differ between languages: {', '.join(sorted(missing))} "
                    f"in answer.{lang} but not in answer.{other}"
                )
    return problems


def load_knowledge_base(directory: Path) -> KnowledgeBase:
    """Load and validate every ``*.yaml`` file of ``directory``; raise KnowledgeBaseError listing all problems."""
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise KnowledgeBaseError([f"{directory}: no *.yaml knowledge files found"])
    problems: list[str] = []
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            raw_entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" line {mark.line + 1}" if mark else ""
            problems.append(f"{path.name}{line}: not valid YAML: {getattr(exc, 'problem', exc)}")
            continue
        if not isinstance(raw_entries, list):
            problems.append(f"{path.name}: must be a list of entries (each starting with '- id: ...')")
            continue
        for index, raw in enumerate(raw_entries, start=1):
            entry_id = raw.get("id") if isinstance(raw, dict) else None
            where = f"{path.name}: entry #{index}" + (f" ({entry_id})" if entry_id else "")
            entry_problems = _check_entry(raw, where)
            if isinstance(entry_id, str):
                if entry_id in seen:
                    entry_problems.append(f"{where}: id {entry_id!r} is already used in {seen[entry_id]}")
                else:
                    seen[entry_id] = f"{path.name} entry #{index}"
            problems.extend(entry_problems)
            if entry_problems:
                continue
            entries.append(
                Entry(
                    id=str(entry_id),  # checked above: a string, or this entry has problems
                    tags=tuple(str(t) for t in raw["tags"]),
                    answer={lang: raw["answer"][lang].strip() for lang in LANGUAGES},
                    questions={lang: tuple(q.strip() for q in raw["questions"][lang]) for lang in LANGUAGES},
                    source_file=path.name,
                )
            )
    if problems:
        raise KnowledgeBaseError(problems)
    return KnowledgeBase(entries)


def summary(kb: KnowledgeBase) -> str:
    """A short human summary for ``hotline kb check``."""
    files = Counter(entry.source_file for entry in kb.entries)
    phrasings = {lang: sum(len(e.questions[lang]) for e in kb.entries) for lang in LANGUAGES}
    per_file = ", ".join(f"{name}: {count}" for name, count in sorted(files.items()))
    per_lang = ", ".join(f"{lang} {count}" for lang, count in phrasings.items())
    return f"knowledge base OK: {len(kb.entries)} entries ({per_file}); question phrasings: {per_lang}"


@dataclass(frozen=True)
class Lexicon:
    """Word lists that help matching (``knowledge/lexicon/``): synonyms per language, place names, and concepts
    (one meaning's Kazakh and Russian words)."""

    synonyms: dict[str, list[list[str]]] = field(default_factory=dict)
    places: dict[str, list[str]] = field(default_factory=dict)
    concepts: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # concept → kk/ru → words


def _read_yaml(path: Path, problems: list[str]) -> Any:
    if not path.exists():
        return {}
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        problems.append(f"{path.parent.name}/{path.name}: not valid YAML: {getattr(exc, 'problem', exc)}")
        return {}


def _is_word_list(value: Any, minimum: int) -> bool:
    return isinstance(value, list) and len(value) >= minimum and all(isinstance(w, str) and w.strip() for w in value)


def load_lexicon(directory: Path) -> Lexicon:
    """``lexicon/synonyms.yaml`` (kk/ru/en → groups of interchangeable words), ``lexicon/places.yaml`` and
    ``lexicon/concepts.yaml`` (concept → kk and ru words that mean it)."""
    problems: list[str] = []
    synonyms = _read_yaml(directory / SYNONYMS_FILE, problems)
    if not isinstance(synonyms, dict) or set(synonyms) - set(LANGUAGES):
        problems.append(f"{SYNONYMS_FILE}: must map kk/ru/en to lists of word groups")
        synonyms = {}
    for lang, groups in synonyms.items():
        if not isinstance(groups, list) or not all(_is_word_list(g, 2) for g in groups):
            problems.append(f"{SYNONYMS_FILE}: {lang}: every group must be a list of at least two words")
    places = _read_yaml(directory / PLACES_FILE, problems)
    if not isinstance(places, dict) or not all(_is_word_list(v, 1) for v in places.values()):
        problems.append(f"{PLACES_FILE}: must map each place to a list of how its name starts")
        places = {}
    concepts = _read_yaml(directory / CONCEPTS_FILE, problems)
    if not isinstance(concepts, dict) or not all(
        isinstance(words, dict)
        and set(words) == set(CONCEPT_LANGUAGES)
        and all(_is_word_list(w, 1) for w in words.values())
        for words in concepts.values()
    ):
        problems.append(f"{CONCEPTS_FILE}: must map each concept to its kk and ru words (a list each)")
        concepts = {}
    if problems:
        raise KnowledgeBaseError(problems)
    return Lexicon(synonyms=synonyms, places=places, concepts=concepts)
