"""``hotline backup``: a consistent copy of the database while the bot keeps running.

- SQLite: sqlite3's online backup API (pages copied under SQLite's own locking: a consistent snapshot, even with the
  bot writing in WAL mode), into a new file.
- PostgreSQL: ``pg_dump --format=custom`` (restore with ``pg_restore``).

A backup holds what the database holds: report contents, encrypted reply routes, receipt-code hashes. So it is
written readable by its owner only, and backups in the default folder older than RETENTION_DAYS are deleted each
time: a backup must not outlive the retention period of what it contains. After restoring one, run ``hotline purge``
so the retention rules apply to the restored data at once (README: "Backup and restore").
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.core.file_modes import private_dir
from bot.core.settings import Settings

Progress = Callable[[int, int], None]  # (pages copied, pages in all)


class BackupError(Exception):
    """What went wrong, in one line."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    removed: int  # old backups deleted under the retention rule


def backup_folder(settings: Settings) -> Path:
    return settings.data_dir / "backups"


def make_backup(
    settings: Settings, output: Path | None = None, *, now: datetime | None = None, progress: Progress | None = None
) -> BackupResult:
    """Back up the database; ``progress`` hears of a SQLite copy's start and end (pg_dump reports nothing)."""
    url = make_url(settings.database)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    if url.get_backend_name() == "sqlite":
        target = output or backup_folder(settings) / f"hotline-{stamp}.db"
        _private_parent(target)
        _sqlite_backup(Path(url.database or ""), target, progress)
    elif url.get_backend_name() == "postgresql":
        target = output or backup_folder(settings) / f"hotline-{stamp}.dump"
        _private_parent(target)
        _pg_dump(settings.database, target)
    else:  # pragma: no cover - the settings accept only these two
        raise BackupError(f"cannot back up a {url.get_backend_name()} database")
    removed = _remove_expired(backup_folder(settings), settings.retention_days) if output is None else 0
    return BackupResult(target, removed)


def _private_parent(target: Path) -> None:
    if not target.parent.exists():
        private_dir(target.parent)
    if target.exists():
        raise BackupError(f"{target} already exists; choose another --output")


def _sqlite_backup(source: Path, target: Path, progress: Progress | None = None) -> None:
    if not source.is_file():
        raise BackupError(f"no database at {source}; nothing to back up")
    # Created empty with owner-only permissions before any content goes in.
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)

    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    try:
        if progress is not None:
            progress(0, src.execute("PRAGMA page_count").fetchone()[0])
        with dst:
            # One step, not several: a write by the running bot between two steps would restart the copy, and a
            # busy bot could keep restarting it forever. One step reads a snapshot while the bot goes on writing.
            src.backup(dst, progress=report)
    finally:
        dst.close()
        src.close()


def _pg_dump(database_url: str, target: Path) -> None:
    program = shutil.which("pg_dump")
    if program is None:
        raise BackupError(
            "pg_dump is not installed; install the PostgreSQL client tools (e.g. apt-get install postgresql-client, "
            "the same major version as the server) and run 'hotline backup' again"
        )
    url = make_url(database_url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)  # not on the command line, where `ps` shows it
    command = [program, "--format=custom", "--no-owner", f"--file={target}"]
    command += [f"--host={url.host or '127.0.0.1'}", f"--port={url.port or 5432}"]
    if url.username:
        command.append(f"--username={url.username}")
    command.append(f"--dbname={url.database}")
    old_umask = os.umask(0o077)
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    finally:
        os.umask(old_umask)
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        first = (done.stderr.strip().splitlines() or ["no output"])[0]
        raise BackupError(f"pg_dump failed (exit {done.returncode}): {first}")


def remove_expired_backups(settings: Settings) -> int:
    """Delete backups in DATA_DIR/backups older than RETENTION_DAYS (daily, with the purge; and at each backup)."""
    folder = backup_folder(settings)
    return _remove_expired(folder, settings.retention_days) if folder.is_dir() else 0


def _remove_expired(folder: Path, retention_days: int) -> int:
    cutoff = time.time() - retention_days * 86400
    removed = 0
    for old in (*folder.glob("hotline-*.db"), *folder.glob("hotline-*.dump")):
        if old.stat().st_mtime < cutoff:
            old.unlink()
            removed += 1
    return removed
