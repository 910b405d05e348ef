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
import math
import secrets
from collections import Counter
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from bot.core.file_modes import private_dir, write_private

log = logging.getLogger(__name__)
MIN_SECRET_LENGTH = 32
MIN_SECRET_BITS = 80  # by the characters' own frequencies; token_urlsafe(32) scores ~200, 32 random hex digits >= 88
SECRET_FILE = "secret.key"


def secret_weakness(secret: str) -> str | None:
    """Why ``secret`` is too weak to key everything (None if it is not): short, a repeated pattern, repeated parts
    (``password`` three times), few different characters, or little entropy by its own character frequencies."""
    if len(secret) < MIN_SECRET_LENGTH:
        return f"must be at least {MIN_SECRET_LENGTH} characters"
    if secret in (secret + secret)[1:-1]:
        return "is one pattern repeated"
    trigrams = [secret[i : i + 3] for i in range(len(secret) - 2)]
    if len(set(trigrams)) < 0.75 * len(trigrams):
        return "repeats itself too much"
    counts = Counter(secret)
    if len(counts) < 8:
        return "uses fewer than 8 different characters"
    bits = -sum(n * math.log2(n / len(secret)) for n in counts.values())
    if bits < MIN_SECRET_BITS:
        return f"looks guessable (about {bits:.0f} bits of entropy, {MIN_SECRET_BITS} needed)"
    return None


class SecretBox:
    def __init__(self, secret: str) -> None:
        if len(secret) < MIN_SECRET_LENGTH:
            raise ValueError(f"SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters")
        master = secret.encode("utf-8")
        self._user_key = self._derive(master, b"user-key")
        self._conversation_key = self._derive(master, b"conversation-key")
        self._submission_key = self._derive(master, b"submission-key")
        self._chat_key = self._derive(master, b"chat-key")
        self._receipt_pepper = self._derive(master, b"receipt-pepper")
        self._fernet = Fernet(base64.urlsafe_b64encode(self._derive(master, b"reply-route")))
        self._verifier = self._derive(master, b"key-verifier").hex()
        self._console_token_key = self._derive(master, b"console-token")
        self._console_csrf_key = self._derive(master, b"console-csrf")
        self._second_factor = Fernet(base64.urlsafe_b64encode(self._derive(master, b"console-second-factor")))
        self._files = Fernet(base64.urlsafe_b64encode(self._derive(master, b"web-files")))
        self._form_key = self._derive(master, b"web-form-token")

    @staticmethod
    def _derive(master: bytes, purpose: bytes) -> bytes:
        return hmac.new(master, b"trust-hotline/" + purpose, hashlib.sha256).digest()

    def verifier(self) -> str:
        """Stored with the data, to recognise the secret it was made with; reveals nothing of the secret itself."""
        return self._verifier

    def user_key(self, user_id: int) -> str:
        """A stable pseudonym of a Telegram user, useless without the server secret."""
        return hmac.new(self._user_key, str(user_id).encode(), hashlib.sha256).hexdigest()

    def conversation_key(self, parts: str) -> str:
        """Pseudonymous key of a conversation state (bot, chat, user): the state table never holds the ids."""
        return hmac.new(self._conversation_key, parts.encode(), hashlib.sha256).hexdigest()

    def chat_key(self, chat_id: int | str) -> str:
        """Pseudonymous name of a chat where one is needed outside the process (Redis pacing buckets)."""
        return hmac.new(self._chat_key, str(chat_id).encode(), hashlib.sha256).hexdigest()[:32]

    def submission_key(self, event_id: str) -> str:
        """Keyed hash of the Telegram event that submitted a report: a re-delivered update is recognised."""
        return hmac.new(self._submission_key, event_id.encode(), hashlib.sha256).hexdigest()

    def receipt_hash(self, code: str) -> str:
        """scrypt (n=2**14, r=8, p=1: ~50 ms) of a normalised receipt code with a secret pepper."""
        return receipt_hash_with(code, self._receipt_pepper)

    @property
    def receipt_pepper(self) -> bytes:
        """Kept (as a retired pepper) when the secret is rotated, so codes issued before still open their case."""
        return self._receipt_pepper

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


def receipt_hash_with(code: str, pepper: bytes) -> str:
    return hashlib.scrypt(code.encode(), salt=pepper, n=2**14, r=8, p=1, dklen=32).hex()


def load_or_create_secret(configured: str | None, data_dir: Path) -> str:
    """The configured secret, else one kept in the data folder (generated on first run).

    A secret in the data folder sits next to the database: whoever copies that volume (a backup, a seized disk)
    holds both, and with both can key Telegram ids to pseudonyms. So every start says so, in one line.
    """
    if configured:
        return configured
    path = data_dir / SECRET_FILE
    if path.exists():
        secret = path.read_text(encoding="utf-8").strip()
    else:
        private_dir(data_dir)
        secret = secrets.token_urlsafe(48)
        write_private(path, secret + "\n")
    log.warning(
        "SECRET_KEY is not set: using %s, on the data volume next to the database; set SECRET_KEY or "
        "SECRET_KEY_FILE to a secret kept elsewhere (README: Secrets)",
        path,
    )
    return secret


def on_same_volume(secret_file: Path, data_dir: Path) -> bool:
    """Whether a SECRET_KEY_FILE lies on the same file system as the data (so a copy of one may hold the other)."""
    try:
        return secret_file.stat().st_dev == data_dir.stat().st_dev
    except OSError:
        return False
