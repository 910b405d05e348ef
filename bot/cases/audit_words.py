"""Audit entries in words, for both interfaces: the stored action names are identifiers, never shown as they are."""

from __future__ import annotations

from collections.abc import Callable

from bot.models.cases import Outcome, Status

Translate = Callable[..., str]


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
    status, _, outcome = detail.partition("/")
    if outcome in Outcome.__members__:
        return f"{label}: {t(f'op-outcome-{outcome}')}"
    if status in Status.__members__:
        return f"{label}: {t(f'console-status-{status}')}"
    if detail.startswith("operator #") and detail[10:].isdigit():
        return f"{label}: {t('console-operator', id=int(detail[10:]))}"
    return f"{label}: {detail}"
