"""The database: one async engine per process, sessions from one factory, schema by Alembic migrations.

SQLite (the default) gets WAL and a busy timeout so the bot's concurrent handlers and the command-line tools can
write at the same time; PostgreSQL is used through ``postgresql+asyncpg://`` URLs.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.file_modes import private_dir, private_file

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def create_engine(url: str) -> AsyncEngine:
    # hide_parameters: a failing statement's error (a locked or full disk, a dropped connection) must not carry
    # the report text it was writing into the log.
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        prepare_sqlite_file(url)
        # No rollback when a connection goes back to the pool: every session and connection here ends its own
        # transaction (commit, or rollback on close), so the pool's extra rollback was one more trip through
        # aiosqlite's thread per session, 1 of the 5 of a conversation-state write (~8 of them per report).
        engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True, pool_reset_on_return=None)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, hide_parameters=True)


def prepare_sqlite_file(url: str) -> None:
    """An SQLite database file (and its folder) owner-only before SQLite opens it; its -wal and -shm files take
    the database file's mode from SQLite. Files of an older install are tightened."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return
    path = Path(parsed.database)
    if not path.parent.exists():
        private_dir(path.parent)
    private_file(path)
    for companion in ("-wal", "-shm", "-journal"):
        other = path.with_name(path.name + companion)
        if other.exists():
            private_file(other)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable across process crashes in WAL mode
    cursor.execute("PRAGMA foreign_keys=ON")
    # Deleted content is overwritten with zeros, not left in free pages of the file (purged reports must be gone).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


async def compact_after_purge(engine: AsyncEngine) -> None:
    """SQLite: move everything from the write-ahead log into the database file and empty the log, so the pages that
    held purged content (still in the log) are gone from disk too. Nothing to do on PostgreSQL (its own vacuum)."""
    if engine.dialect.name != "sqlite":
        return
    async with engine.connect() as connection:
        await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    """Bring the schema to the newest migration (idempotent). Runs Alembic in a thread of its own event loop."""
    prepare_sqlite_file(url)
    command.upgrade(alembic_config(url), "head")


async def upgrade_async(url: str) -> None:
    await asyncio.to_thread(upgrade, url)
