"""Every keyed secret operation of the bot, derived from one server secret (``SECRET_KEY``).

- ``user_key``: HMAC of a Telegram user id. Everything kept per user (language, flood limits, bans) is keyed by it,
  so the database never holds a raw id, and the ids cannot be recovered from it without the secret.
- ``encrypt``/``decrypt``: Fernet, for the only place a chat id may be kept (a report's reply route).
- ``receipt_hash``: slow keyed hash (scrypt with a pepper) of a receipt code, so a stolen database does not let
  anyone test codes quickly.
Separate keys are derived for each purpose, so one use can never be turned into another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

log = logging.getLogger(__name__)
MIN_SECRET_LENGTH = 32
SECRET_FILE = "secret.key"


class SecretBox:
    def __init__(self, secret: str) -> None:
        if len(secret) < MIN_SECRET_LENGTH:
            raise ValueError(f"SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters")
        master = secret.encode("utf-8")
        self._user_key = self._derive(master, b"user-key")
        self._conversation_key = self._derive(master, b"conversation-key")
        self._submission_key = self._derive(master, b"submission-key")
        self._receipt_pepper = self._derive(master, b"receipt-pepper")
        self._fernet = Fernet(base64.urlsafe_b64encode(self._derive(master, b"reply-route")))
        self._console_token_key = self._derive(master, b"console-token")
        self._console_csrf_key = self._derive(master, b"console-csrf")
        self._second_factor = Fernet(base64.urlsafe_b64encode(self._derive(master, b"console-second-factor")))
        self._files = Fernet(base64.urlsafe_b64encode(self._derive(master, b"web-files")))
        self._form_key = self._derive(master, b"web-form-token")

    @staticmethod
    def _derive(master: bytes, purpose: bytes) -> bytes:
        return hmac.new(master, b"trust-hotline/" + purpose, hashlib.sha256).digest()

    def user_key(self, user_id: int) -> str:
        """A stable pseudonym of a Telegram user, useless without the server secret."""
        return hmac.new(self._user_key, str(user_id).encode(), hashlib.sha256).hexdigest()

    def conversation_key(self, parts: str) -> str:
        """Pseudonymous key of a conversation state (bot, chat, user): the state table never holds the ids."""
        return hmac.new(self._conversation_key, parts.encode(), hashlib.sha256).hexdigest()

    def submission_key(self, event_id: str) -> str:
        """Keyed hash of the Telegram event that submitted a report: a re-delivered update is recognised."""
        return hmac.new(self._submission_key, event_id.encode(), hashlib.sha256).hexdigest()

    def receipt_hash(self, code: str) -> str:
        """scrypt (n=2**14, r=8, p=1: ~50 ms) of a normalised receipt code with a secret pepper."""
        digest = hashlib.scrypt(code.encode(), salt=self._receipt_pepper, n=2**14, r=8, p=1, dklen=32)
        return digest.hex()

    def console_token_hash(self, token: str) -> str:
        """What the database keeps of a console sign-in link or session cookie: a stolen copy signs nobody in."""
        return hmac.new(self._console_token_key, token.encode(), hashlib.sha256).hexdigest()

    def console_csrf(self, session_token: str) -> str:
        """The anti-forgery token of a console session: derived from its cookie, so nothing more is stored."""
        return hmac.new(self._console_csrf_key, session_token.encode(), hashlib.sha256).hexdigest()

    def seal_second_factor(self, secret: str) -> str:
        return self._second_factor.encrypt(secret.encode()).decode("ascii")

    def open_second_factor(self, sealed: str) -> str | None:
        try:
            return self._second_factor.decrypt(sealed.encode("ascii")).decode()
        except (InvalidToken, ValueError):
            return None

    def form_token_key(self, token: str) -> str:
        """Keyed hash of a web form token: the database never holds the cookie's value."""
        return hmac.new(self._form_key, token.encode(), hashlib.sha256).hexdigest()

    def seal_file(self, data: bytes) -> bytes:
        """Web uploads at rest (and web drafts): a stolen disk without the secret shows nothing."""
        return self._files.encrypt(data)

    def open_file(self, sealed: bytes) -> bytes | None:
        try:
            return self._files.decrypt(sealed)
        except (InvalidToken, ValueError):
            return None

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode("ascii")

    def decrypt(self, token: str) -> str | None:
        """The plaintext, or None if the token was not made with this secret."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode()
        except (InvalidToken, ValueError):
            return None


def load_or_create_secret(configured: str | None, data_dir: Path) -> str:
    """The configured secret, else one kept in the data folder (generated on first run, with a warning)."""
    if configured:
        return configured
    path = data_dir / SECRET_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(secret + "\n")
    log.warning(
        "SECRET_KEY is not set: generated one in %s; production must set SECRET_KEY "
        "(and keep it: losing it makes stored reply routes and receipt codes unusable)",
        path,
    )
    return secret
