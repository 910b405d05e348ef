"""The site's only static files, read once: served by the site itself (no third-party request, ever)."""

from __future__ import annotations

from pathlib import Path

_FOLDER = Path(__file__).resolve().parent / "static"
STATIC: dict[str, tuple[str, bytes]] = {
    "pow.js": ("text/javascript", (_FOLDER / "pow.js").read_bytes()),
    "site.css": ("text/css", (_FOLDER / "site.css").read_bytes()),
}
