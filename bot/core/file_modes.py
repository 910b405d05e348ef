"""Owner-only files: the data folder, the database, backups, exports and the generated secret hold case content or
what unlocks it, so nobody else on the machine may read them (folders 0700, files 0600)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) owner-only, or take group and other rights away from it."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    _tighten(path, PRIVATE_DIR)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and owner-only if missing; take group and other rights away from it if present."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    _tighten(path, PRIVATE_FILE)
    return path


def write_private(path: Path, content: str) -> None:
    """Write ``content`` to a file that is owner-only from its first byte (an existing file is tightened first)."""
    if path.exists():
        _tighten(path, PRIVATE_FILE)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        out.write(content)


def _tighten(path: Path, mode: int) -> None:
    current = stat.S_IMODE(path.stat().st_mode)
    if current & 0o077:
        path.chmod(current & ~0o077 & 0o7777 | (mode & 0o700))
