"""All configuration in one place: environment variables or a ``.env`` file (names are case-insensitive)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.core.crypto import secret_weakness
from bot.core.languages import Language

PROJECT_DIR = Path(__file__).resolve().parents[2]
WEBHOOK_PORTS = (443, 80, 88, 8443)  # the only ports Telegram's setWebhook accepts


GENERATE_SECRET = "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
OperatorRole = Literal["admin", "operator", "analyst", "editor"]  # the names of bot.models.operators.Role


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line saying what to set."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Telegram
    bot_token: SecretStr | None = Field(default=None, description="Token from @BotFather (required to run)")
    telegram_api_url: str | None = Field(
        default=None,
        pattern=r"^https?://[^\s/]+(:\d+)?(/.*)?$",
        description="Base URL of another Bot API server (e.g. a local one)",
    )
    telegram_chat_rate: float = Field(default=1.0, gt=0, description="Messages/s the bot sends to one chat, sustained")
    telegram_chat_burst: int = Field(default=3, ge=1, description="Messages the bot may send to one chat at once")
    telegram_global_rate: float = Field(default=30.0, gt=0, description="Messages/s the bot sends in all")
    # Telegram's limits as the emulator enforces them (issue 16): groups count per minute
    telegram_group_rate: float = Field(
        default=20.0, gt=0, description="Messages/minute the bot sends to one group (Telegram: 20)"
    )
    # Webhook mode (``hotline run --webhook``)
    webhook_url: str | None = Field(
        default=None,
        description="Public HTTPS URL Telegram delivers updates to (https://host/path; port 443, 80, 88 or 8443)",
    )
    webhook_secret: SecretStr | None = Field(
        default=None, description="Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (16-256 of A-Za-z0-9_-)"
    )
    webhook_host: str = Field(default="0.0.0.0", description="Address the webhook server listens on")
    webhook_port: int = Field(default=8080, ge=1, le=65535, description="Port the webhook server listens on")
    webhook_path: str | None = Field(
        default=None,
        pattern=r"^/\S*$",
        description="Local path of the webhook endpoint (default: the path of WEBHOOK_URL)",
    )
    # Several instances, health and shutdown
    redis_url: SecretStr | None = Field(
        default=None, description="redis://… shared by all instances: conversation state, flood control, de-dup"
    )
    health_host: str = Field(default="127.0.0.1", description="Address of /healthz and /metrics in polling mode")
    health_port: int = Field(default=8081, ge=0, le=65535, description="Their port in polling mode (0: off)")
    shutdown_grace_seconds: float = Field(
        default=20.0, ge=0, le=600, description="On SIGTERM, how long in-flight updates may take to finish"
    )
    update_lease_seconds: int = Field(
        default=60,
        ge=1,
        le=3600,
        description="How long an instance may hold an update (and its user's lock) before another may retry it",
    )
    # Storage and secrets
    data_dir: Path = Field(default=Path("data"), description="Folder for the SQLite database and generated secret")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default: SQLite in DATA_DIR")
    secret_key: SecretStr | None = Field(default=None, description="Server secret for keyed hashes and encryption")
    # Security (issue 11): the secret kept off the data volume; /status guessing; status sessions
    secret_key_file: Path | None = Field(
        default=None, description="A file holding SECRET_KEY (a secret mount such as /run/secrets/…), instead of it"
    )
    status_global_hourly_limit: int = Field(
        default=1000, ge=1, description="Failed /status lookups all users together may make in an hour"
    )
    status_session_minutes: float = Field(
        default=30, gt=0, le=1440, description="How long after /status the case stays open in the chat for replies"
    )
    # Citizens
    flood_rate: float = Field(default=1.0, gt=0, description="Messages per second a user may send, sustained")
    flood_burst: int = Field(default=8, ge=1, description="Messages a user may send in a burst")
    # Reports and operators
    # Written 123:admin,456:operator,789 (a bare id is an operator); parsed once, here.
    operator_ids: Annotated[dict[int, OperatorRole], NoDecode] = Field(
        default_factory=dict, description="Operators' Telegram ids with roles: 123:admin,456:operator"
    )
    operator_chat_id: int | None = Field(default=None, description="The private operators' group (or chat) id")
    operator_language: Language | None = Field(
        default=None, description="Operators' language (default: DEFAULT_LANGUAGE)"
    )
    report_daily_limit: int = Field(default=5, ge=1, description="Reports one user may send in 24 hours")
    status_hourly_limit: int = Field(default=10, ge=1, description="/status code attempts one user may make in an hour")
    description_min_chars: int = Field(default=20, ge=1)
    reminder_urgent_minutes: int = Field(default=15, ge=1, description="Remind about unclaimed urgent cases after")
    reminder_normal_hours: int = Field(default=24, ge=1, description="Remind about other unclaimed cases after")
    # Logs
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(default="INFO")
    log_format: Literal["text", "json"] = Field(default="text")
    # Knowledge base and answers
    knowledge_dir: Path = Field(default=PROJECT_DIR / "knowledge", description="Folder of the knowledge base")
    default_language: Language = Field(
        default="ru",
        description="Language for users whose Telegram language is not kk/ru/en, and for ambiguous questions",
    )
    emergency_number: str = Field(default="112", pattern=r"^\+?[0-9 ()-]{2,20}$")
    police_number: str = Field(default="102", pattern=r"^\+?[0-9 ()-]{2,20}$")
    retention_days: int = Field(default=90, ge=1, le=3650)
    # The hotline's own phone (issue 10): answers mention it only when it is set, never an invented number.
    hotline_phone: str | None = Field(default=None, pattern=r"^(\+?[0-9 ()-]{2,20})?$")
    # The public address of the web intake (`hotline web`), offered to those who ask how to report without Telegram.
    hotline_web_url: str | None = Field(default=None, pattern=r"^(https?://\S+)?$")

    # Teach loop (bot/answers/learning.py)
    learned_refresh_seconds: float = Field(
        default=3.0, gt=0, le=3600, description="How often each instance looks for newly taught phrasings"
    )

    # Operators' console (bot/console) and what of a case goes to Telegram
    console_host: str = Field(default="127.0.0.1", description="Address the operators' console listens on")
    console_port: int = Field(default=8082, ge=1, le=65535, description="Port of the operators' console")
    console_url: str | None = Field(
        default=None,
        pattern=r"^https?://[^\s/]+(:\d+)?(/\S*)?$",
        description="The console's address as staff open it (behind the TLS proxy); sign-in links point there",
    )
    console_insecure_cookies: bool = Field(
        default=False, description="Session cookies without Secure: only for a console on http://localhost"
    )
    console_idle_minutes: int = Field(default=30, ge=1, le=1440, description="A console session ends after idling")
    console_session_hours: int = Field(default=12, ge=1, le=168, description="A console session ends after this")
    telegram_case_content: Literal["full", "summary", "none"] | None = Field(
        default=None, description="What of a case goes to Telegram (default: full, or none once CONSOLE_URL is set)"
    )
    timezone: str = Field(default="Asia/Almaty", description="The hotline's time zone, for times both UIs show")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("is not a time zone name; write e.g. Asia/Almaty or UTC") from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def case_content(self) -> str:
        """TELEGRAM_CASE_CONTENT, defaulting to full for a bot-only deployment and none once there is a console."""
        if self.telegram_case_content:
            return self.telegram_case_content
        return "none" if self.console_url else "full"

    # Web intake (``hotline web``, bot/web): reports without Telegram, over Tor too
    web_host: str = Field(default="127.0.0.1", description="Address the web intake listens on")
    web_port: int = Field(default=8083, ge=0, le=65535, description="Its port (never the console's)")
    web_pow_bits: int = Field(default=18, ge=0, le=28, description="Proof-of-work difficulty of a web Submit")
    web_no_script_wait_seconds: int = Field(
        default=30, ge=0, le=3600, description="Without JavaScript, how old a draft must be before Submit"
    )
    web_max_file_mb: int = Field(default=10, ge=1, le=50, description="Largest file a web report may attach")
    web_max_files: int = Field(default=5, ge=0, le=20, description="Files one web report may attach")
    web_draft_minutes: int = Field(default=60, ge=5, le=1440, description="How long a web draft and its cookie live")
    web_secure_cookies: bool = Field(
        default=True, description="Mark the form cookie Secure (false only for plain-HTTP testing)"
    )
    web_submissions_per_minute: float = Field(
        default=30.0, gt=0, description="Web reports accepted per minute in all (abuse control without identity)"
    )

    @field_validator("knowledge_dir")
    @classmethod
    def _knowledge_dir_exists(cls, value: Path) -> Path:
        if not value.is_dir():
            raise ValueError(f"folder {value} does not exist")
        return value

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(r"\d+:[A-Za-z0-9_-]{20,}", value.get_secret_value()):
            raise ValueError(
                "is not a bot token: a token from @BotFather looks like 123456789:AAHd8kP2xQvLm0Zt7RcYw3NbE5sUfGj1aI4 "
                "(the bot's number, a colon, then about 35 letters, digits, - or _); the README's 123456:ABC… only "
                "shows where it goes. No token yet? 'hotline chat' runs the bot in this terminal without one"
            )
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url_shape(cls, value: str | None) -> str | None:
        # What Telegram's setWebhook accepts; anything else would be refused at registration, after start-up.
        if value is None:
            return value
        try:
            parts = urlsplit(value)
            port = parts.port
        except ValueError:
            raise ValueError("has a malformed port; write https://host/path (port 443, 80, 88 or 8443)") from None
        if parts.scheme != "https" or not parts.hostname or re.search(r"\s", value):
            raise ValueError("must be an https:// URL (Telegram delivers only over HTTPS), e.g. https://host/telegram")
        if port is not None and port not in WEBHOOK_PORTS:
            raise ValueError(
                "Telegram delivers only to ports 443, 80, 88 or 8443; put the bot behind a proxy on one of them "
                "(WEBHOOK_PORT is the local port and may differ)"
            )
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 of these characters; fewer than 16 would be guessable.
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", value.get_secret_value()):
            raise ValueError(
                "must be 16-256 characters of A-Z, a-z, 0-9, _ and -; generate one with "
                "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.match(r"^(redis|rediss|unix)://", value.get_secret_value()):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if not re.match(r"^(sqlite\+aiosqlite|postgresql\+asyncpg)://", value):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg:// (an async driver)")
        return value

    @field_validator("operator_ids", mode="before")
    @classmethod
    def _parse_operator_ids(cls, value: object) -> object:
        if not isinstance(value, str):
            return value  # already a mapping (given in code)
        parsed: dict[int, str] = {}
        for item in filter(None, (part.strip() for part in value.split(","))):
            if not re.fullmatch(r"\d+(:(admin|operator|analyst|editor))?", item):
                raise ValueError(
                    f"{item!r} is not TELEGRAM_ID or TELEGRAM_ID:ROLE; write e.g. "
                    "123:admin,456:operator,789:analyst,321:editor"
                )
            raw_id, _, role = item.partition(":")
            parsed[int(raw_id)] = role or "operator"
        return parsed

    @field_validator("secret_key")
    @classmethod
    def _secret_strength(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and (weakness := secret_weakness(value.get_secret_value())):
            raise ValueError(f"{weakness}; generate one with {GENERATE_SECRET}")
        return value

    @field_validator("secret_key_file")
    @classmethod
    def _secret_file(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        if value is None:
            return value
        if info.data.get("secret_key") is not None:
            raise ValueError("SECRET_KEY is set too; set only one of SECRET_KEY and SECRET_KEY_FILE")
        try:
            secret = value.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            raise ValueError(f"cannot read {value} ({type(error).__name__}); point it at a readable file") from None
        if weakness := secret_weakness(secret):
            raise ValueError(f"the secret in {value} {weakness}; generate one with {GENERATE_SECRET}")
        return value

    @property
    def configured_secret(self) -> str | None:
        """SECRET_KEY, or the content of SECRET_KEY_FILE; None: generated into DATA_DIR (see crypto)."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        if self.secret_key_file is not None:
            return self.secret_key_file.read_text(encoding="utf-8").strip()
        return None

    @property
    def operators_language(self) -> str:
        return self.operator_language or self.default_language

    @property
    def listen_path(self) -> str:
        """Where the webhook server takes updates: WEBHOOK_PATH, else the path of WEBHOOK_URL (a proxy may differ)."""
        if self.webhook_path:
            return self.webhook_path
        path = urlsplit(self.webhook_url or "").path
        return path or "/"

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{self.data_dir.resolve() / 'hotline.db'}"

    def placeholder_values(self) -> dict[str, str]:
        """Values for the ``{placeholders}`` of knowledge-base answers."""
        return {
            "emergency_number": self.emergency_number,
            "police_number": self.police_number,
            "retention_days": str(self.retention_days),
            "hotline_phone": self.hotline_phone or "",
            "web_intake_url": self.hotline_web_url or "",
        }


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment; a problem becomes a ConfigError naming the variable to fix."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]).upper() if error["loc"] else "configuration"
        given = error.get("input")
        # Never echo secrets (a URL may hold a password).
        secret = name in {"BOT_TOKEN", "SECRET_KEY", "SECRET_KEY_FILE", "DATABASE_URL", "WEBHOOK_SECRET", "REDIS_URL"}
        shown = "" if given is None or secret or isinstance(given, dict) else f" (got {str(given)[:40]!r})"
        problem = error["msg"].removeprefix("Value error, ")
        raise ConfigError(
            f"configuration error: {name}: {problem}{shown}; set {name} in the environment or in .env"
        ) from None
