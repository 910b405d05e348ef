"""Substrings a regular expression cannot match without: a cheap test before running it on every question.

The phrase rewrites (phrases.CYRILLIC_PHRASES, ENGLISH_PHRASES) are ~50 patterns run in turn on every reading of every
part of a question, and almost none of them matches: a test ``any(needle in text …)`` in C skips the pattern's scan.
Derived from the pattern itself (``re._parser``), so a rule added to phrases.py is gated without anyone writing its
needles; a pattern the analysis cannot bound (no literal every match contains, case-insensitive) gets None: always run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

MAX_NEEDLES = 16  # more alternatives than this cost more to test one by one than the pattern's own scan
_MAX_EXACT = 64  # bound on the strings a run of literals and alternations may spell while they are combined


def needles(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains (at least two letters each), or None if unknown."""
    if pattern.flags & re.IGNORECASE:
        return None
    found = _required(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if not found or len(found) > MAX_NEEDLES or min(map(len, found)) < 2:
        return None
    return tuple(sorted(found))


@dataclass(frozen=True)
class Gated:
    """A pattern run only on a text that holds one of its needles (all texts when it has none)."""

    pattern: re.Pattern[str]
    needed: tuple[str, ...] | None

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Gated:
        return cls(pattern, needles(pattern))

    def search(self, text: str) -> re.Match[str] | None:
        if self.needed is not None and not any(map(text.__contains__, self.needed)):
            return None
        return self.pattern.search(text)


def _exact(items: list[Any]) -> set[str] | None:
    """Every string the sequence can match, if they are few; None otherwise."""
    spelled = {""}
    for item in items:
        part = _exact_item(item)
        if part is None:
            return None
        spelled = {a + b for a in spelled for b in part}
        if len(spelled) > _MAX_EXACT:
            return None
    return spelled


def _exact_item(item: tuple[Any, Any]) -> set[str] | None:
    op, value = item
    if op is sre.LITERAL:
        return {chr(value)}
    if op is sre.AT:
        return {""}  # \b, ^, $ consume nothing: the letters either side are still next to each other
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = value
        return None if add_flags & re.IGNORECASE else _exact(list(sub))
    if op is sre.BRANCH:
        union: set[str] = set()
        for alternative in value[1]:
            spelled = _exact(list(alternative))
            if spelled is None:
                return None
            union |= spelled
        return union if len(union) <= _MAX_EXACT else None
    if op is sre.IN and all(member_op is sre.LITERAL for member_op, _ in value):
        return {chr(code) for _, code in value}
    return None


def _required(items: list[Any]) -> set[str] | None:
    """Strings one of which every match of the sequence contains, the longest such choice found; None if none."""
    choices: list[set[str]] = []
    run = {""}
    for item in items:
        part = _exact_item(item)
        if part is not None and len(run) * len(part) <= _MAX_EXACT:
            run = {a + b for a in run for b in part}
            continue
        choices.append(run)
        run = part if part is not None else {""}
        if part is None:
            inner = _required_item(item)
            if inner is not None:
                choices.append(inner)
    choices.append(run)
    usable = [choice for choice in choices if choice and min(map(len, choice)) > 0]
    return max(usable, key=lambda choice: (min(map(len, choice)), -len(choice))) if usable else None


def _required_item(item: tuple[Any, Any]) -> set[str] | None:
    op, value = item
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = value
        return None if add_flags & re.IGNORECASE else _required(list(sub))
    if op is sre.BRANCH:
        union: set[str] = set()
        for alternative in value[1]:
            inner = _required(list(alternative))
            if inner is None:
                return None
            union |= inner
        return union
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and value[0] >= 1:
        return _required(list(value[2]))
    return None
