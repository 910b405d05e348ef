"""Receipt codes: the reporter's only key to their case.

80 random bits written as four groups of four characters from Crockford's base-32 alphabet (``7KQ2-M9XD-4TRP-WH3N``):
no I, L, O or U, so nothing is ambiguous when written down or read over the phone. Reading is forgiving: case, spaces
and dashes do not matter, and O/I/L read as 0/1/1. Only a slow keyed hash is stored (see SecretBox.receipt_hash).
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_SIZE = 4, 4
LENGTH = GROUPS * GROUP_SIZE  # 16 × 5 bits = 80 bits
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
# A code inside a longer text: 16 characters, whole or as four groups of four with the same separator.
_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z])"
    r"(?:[0-9A-Za-z]{16}|[0-9A-Za-z]{4}([ -])[0-9A-Za-z]{4}\1[0-9A-Za-z]{4}\1[0-9A-Za-z]{4})"
    r"(?![0-9A-Za-z])"
)


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP_SIZE] for i in range(0, LENGTH, GROUP_SIZE))


def normalize(text: str) -> str | None:
    """The canonical form of a typed code, or None if it cannot be one."""
    raw = re.sub(r"[\s-]", "", text).upper().translate(_READ_AS)
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return "-".join(raw[i : i + GROUP_SIZE] for i in range(0, LENGTH, GROUP_SIZE))


def looks_like_code(text: str) -> bool:
    """Whether a message seems to contain a receipt code (which must never be sent in a message)."""
    for match in _IN_TEXT.finditer(text):
        typed = match.group(0)
        digits = sum(ch.isdigit() for ch in typed)
        # Words are not codes: a code almost always mixes letters and digits (a few codes will slip through).
        if normalize(typed) is not None and digits >= 2 and sum(ch.isalpha() for ch in typed) >= 2:
            return True
    return False
