"""Reading Bot API parameters the way Telegram does: from the query string, urlencoded or multipart forms, or JSON.

Form bodies carry every value as a string (aiogram sends ints and bools as JSON text and objects as JSON
strings), JSON bodies carry typed values. ``Params`` hides the difference behind typed getters that decode a
value only where the Bot API expects that type, and turns bad input into Telegram's 400 errors.
"""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from .errors import bad_request

ATTACH_PREFIX = "attach://"


@dataclass(frozen=True)
class Upload:
    """A file that arrived in a multipart body (either referenced by ``attach://key`` or sent directly)."""

    data: bytes
    filename: str | None
    content_type: str | None

    def __repr__(self) -> str:  # keep the call log readable: never dump file bytes
        return f"Upload({self.filename!r}, {len(self.data)} bytes)"


class Params:
    """The parameters of one Bot API call with typed, Telegram-flavoured accessors."""

    def __init__(self, values: dict[str, Any], files: dict[str, Upload] | None = None) -> None:
        self.values = values
        self.files = files or {}

    def __contains__(self, name: str) -> bool:
        return self.values.get(name) not in (None, "")

    def raw(self, name: str) -> Any:
        """The value as received (string for forms), or None when absent or empty."""
        value = self.values.get(name)
        return None if value == "" else value

    def str(self, name: str, default: str | None = None) -> str | None:
        value = self.raw(name)
        if value is None:
            return default
        if isinstance(value, Upload):
            raise bad_request(f"wrong parameter {name} in request")
        return value if isinstance(value, str) else json.dumps(value)

    def require_str(self, name: builtins.str, missing: builtins.str | None = None) -> builtins.str:
        value = self.str(name)
        if value is None:
            raise bad_request(missing or f"{name} is empty")
        return value

    def int(self, name: builtins.str, default: builtins.int | None = None) -> builtins.int | None:
        value = self.raw(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            raise bad_request(f"invalid {name} specified") from None

    def require_int(self, name: builtins.str, missing: builtins.str | None = None) -> builtins.int:
        value = self.int(name)
        if value is None:
            raise bad_request(missing or f"{name} is empty")
        return value

    def float(self, name: builtins.str, default: float | None = None) -> float | None:
        value = self.raw(name)
        if value is None:
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def bool(self, name: builtins.str, default: bool = False) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise bad_request(f"invalid {name} specified")

    def json(self, name: builtins.str, error: builtins.str | None = None) -> Any:
        """An object/list parameter: decoded from a JSON string when it came from a form."""
        value = self.raw(name)
        if value is None or not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(error or f"can't parse {name} JSON object") from None

    def chat_id(self, name: builtins.str = "chat_id") -> builtins.int | builtins.str:
        """``chat_id`` is an integer or an ``@channelusername`` string."""
        value = self.raw(name)
        if value is None:
            raise bad_request("chat_id is empty")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        if text.startswith("@"):
            return text
        try:
            return int(text)
        except ValueError:
            raise bad_request("chat not found") from None

    def upload(self, value: Any) -> Upload | None:
        """Resolve an ``attach://key`` reference or a direct file part; None for file_id / URL strings."""
        if isinstance(value, Upload):
            return value
        if isinstance(value, str) and value.startswith(ATTACH_PREFIX):
            key = value[len(ATTACH_PREFIX) :]
            if key not in self.files:
                raise bad_request(f"wrong HTTP URL specified: no file attached as {key}")
            return self.files[key]
        return None

    def loggable(self) -> dict[builtins.str, Any]:
        """The parameters for the call log: JSON strings decoded so tests can assert on structure."""
        out: dict[str, Any] = {}
        for key, value in self.values.items():
            if isinstance(value, str) and value[:1] in ("{", "["):
                try:
                    out[key] = json.loads(value)
                    continue
                except ValueError:
                    pass
            out[key] = value
        return out


async def read_params(request: web.Request) -> Params:
    """Collect parameters from the query string and the body, whatever its encoding."""
    values: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    content_type = request.content_type
    if request.method == "POST" and request.can_read_body:
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON body") from None
            if not isinstance(body, dict):
                raise bad_request("JSON body must be an object")
            values.update(body)
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            values.update(_form_values(form, files))
    return Params(values, files)


def _form_values(form: MultiDictProxy[Any], files: dict[str, Upload]) -> dict[str, Any]:
    """Split a parsed form into plain values and file parts; a file part is both attachable and a value."""
    values: dict[str, Any] = {}
    for key, value in form.items():
        if isinstance(value, web.FileField):
            upload = Upload(value.file.read(), value.filename, value.content_type)
            files[key] = upload
            values[key] = upload
        else:
            values[key] = value
    return values
