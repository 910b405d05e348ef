"""What operators call a case: ``HT-00042``. Not secret (it is the row id), not the reporter's receipt code."""

from __future__ import annotations

PREFIX = "HT-"
DIGITS = 5  # zero-padded to this width; larger ids simply grow longer


def case_number(case_id: int) -> str:
    return f"{PREFIX}{case_id:0{DIGITS}d}"


def parse_case_number(ref: str) -> int | None:
    """``HT-00042``, ``ht42``, ``#42`` or ``42`` → 42; anything else → None."""
    cleaned = ref.strip().upper().removeprefix(PREFIX).removeprefix(PREFIX.rstrip("-")).lstrip("#-")
    return int(cleaned) if cleaned.isdigit() and len(cleaned) < 10 else None
