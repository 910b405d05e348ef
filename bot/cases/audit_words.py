"""Audit entries in words, for both interfaces: the stored action names are identifiers, never shown as they are."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.cases.export import EXTRA_FIELDS
from bot.models.cases import Outcome, Status

Translate = Callable[..., str]


# What export.write_export stores: "csv, cases: 1, with: notes+dialogue" (before: "csv, 1 cases, with notes").
_EXPORT_DETAIL = re.compile(
    r"(?P<format>csv|json), (?:cases: (?P<count>\d+)|(?P<count_before>\d+) cases)(?:, with:? (?P<extras>[a-z+]+))?"
)


def _export_words(t: Translate, found: re.Match[str]) -> str:
    count = int(found["count"] or found["count_before"])
    extras = [name for name in (found["extras"] or "").split("+") if name in EXTRA_FIELDS]
    what = ", ".join(t(f"console-audit-export-{name}") for name in extras)
    also = t("console-audit-export-extras", what=what) if extras else ""
    return t("console-audit-export", count=count, format=found["format"], extras=also)


def audit_label(t: Translate, action: str, detail: str) -> str:
    """An audit entry in words: the action translated, and its detail where it names a status, outcome or
    operator; actions this version does not know keep their stored name."""
    if action.startswith("refused:"):
        return t("console-action-refused", action=action.removeprefix("refused:"))
    try:
        label = t(f"console-action-{action.replace('_', '-')}")
    except KeyError:
        return f"{action} {detail}".strip()
    if not detail:
        return label
    if action == "export" and (export := _EXPORT_DETAIL.fullmatch(detail)):
        return f"{label}: {_export_words(t, export)}"
    status, _, outcome = detail.partition("/")
    if outcome in Outcome.__members__:
        return f"{label}: {t(f'op-outcome-{outcome}')}"
    if status in Status.__members__:
        return f"{label}: {t(f'console-status-{status}')}"
    if detail.startswith("operator #") and detail[10:].isdigit():
        return f"{label}: {t('console-operator', id=int(detail[10:]))}"
    return f"{label}: {detail}"
