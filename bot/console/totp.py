"""Time-based one-time passwords (RFC 6238 over RFC 4226: HMAC-SHA1, 6 digits, 30-second steps)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote

STEP_SECONDS = 30
DIGITS = 6


def new_secret() -> str:
    """160 random bits in base32, as authenticator apps expect."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def code_at(secret: str, step: int) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**DIGITS).zfill(DIGITS)


def step_of(unix_time: float) -> int:
    return int(unix_time // STEP_SECONDS)


def matching_step(secret: str, code: str, *, unix_time: float, after_step: int) -> int | None:
    """The step whose code this is (the current one or one either side, for clock drift), if later than
    ``after_step`` (a code is accepted once); None otherwise."""
    typed = "".join(code.split())
    if len(typed) != DIGITS or not typed.isdigit():
        return None
    now = step_of(unix_time)
    for step in (now - 1, now, now + 1):
        if step > after_step and hmac.compare_digest(code_at(secret, step), typed):
            return step
    return None


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The otpauth:// address the QR code carries."""
    label = quote(f"{issuer}:{account}")
    return f"otpauth://totp/{label}?secret={secret}&issuer={quote(issuer)}&digits={DIGITS}&period={STEP_SECONDS}"
