"""What operators call a case: ``HT-00042``. Not secret (it is the row id), not the reporter's receipt code."""

from __future__ import annotations

import re

PREFIX = "HT-"
DIGITS = 5  # zero-padded to this width; larger ids simply grow longer
MAX_CASE_ID = 2**31 - 1  # PostgreSQL's integer: anything larger in a command or a button is not a case
_REFERENCE = re.compile(r"(?:HT)?[-#]*([0-9]{1,10})", re.ASCII | re.IGNORECASE)


def case_number(case_id: int) -> str:
    return f"{PREFIX}{case_id:0{DIGITS}d}"


def parse_case_number(ref: str) -> int | None:
    """``HT-00042``, ``ht42``, ``#42`` or ``42`` → 42; anything else → None: ASCII digits only (``²`` and other
    Unicode digits pass ``str.isdigit`` but not ``int``), within the ids a case can have."""
    found = _REFERENCE.fullmatch(ref.strip())
    if found is None:
        return None
    case_id = int(found.group(1))
    return case_id if 1 <= case_id <= MAX_CASE_ID else None
