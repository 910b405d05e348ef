"""Full-text search over cases: one document per case (description, place, dialogue, notes).

PostgreSQL: a ``case_search`` table with a stored ``to_tsvector('simple', body)`` and a GIN index on it; SQLite:
an FTS5 table whose rowid is the case id. Both are written here only, in the caller's transaction, whenever a
case's text changes, and emptied when retention purges the case. 'simple' (no stemming) treats Kazakh, Russian and
English alike; a search word matches as a prefix on SQLite and as a whole word on PostgreSQL.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Integer, column, text
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import Case, CaseMessage, CaseNote

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8


def _dialect(session: AsyncSession) -> str:
    return session.bind.dialect.name  # type: ignore[union-attr]


async def reindex(session: AsyncSession, case_id: int) -> None:
    """Rebuild the search document of one case from what the database holds now (flush first)."""
    await session.flush()
    case = await session.get(Case, case_id)
    if case is None:
        return
    parts: list[str] = []
    if case.purged_at is None:
        parts = [case.description, case.place or ""]
        parts += (await session.exec(select(CaseMessage.body).where(CaseMessage.case_id == case_id))).all()
        parts += (await session.exec(select(CaseNote.body).where(CaseNote.case_id == case_id))).all()
    await _store(session, case_id, parts)


async def index_new_case(session: AsyncSession, case: Case) -> None:
    """The first search document of a case just added (it has no dialogue or notes yet): two fewer queries per
    report than ``reindex``."""
    assert case.id is not None
    await _store(session, case.id, [case.description, case.place or ""])


async def _store(session: AsyncSession, case_id: int, parts: list[str]) -> None:
    params = {"id": case_id, "body": " ".join(part for part in parts if part)}
    if _dialect(session) == "postgresql":
        await session.exec(_POSTGRESQL_UPSERT, params=params)  # type: ignore[call-overload]
    else:
        await session.exec(_SQLITE_DELETE, params=params)  # type: ignore[call-overload]
        await session.exec(_SQLITE_INSERT, params=params)  # type: ignore[call-overload]


_POSTGRESQL_UPSERT = text(
    "INSERT INTO case_search (case_id, body) VALUES (:id, :body) "
    "ON CONFLICT (case_id) DO UPDATE SET body = excluded.body"
)
_SQLITE_DELETE = text("DELETE FROM case_search WHERE rowid = :id")
_SQLITE_INSERT = text("INSERT INTO case_search (rowid, body) VALUES (:id, :body)")


def words(query: str) -> list[str]:
    """The words of a search box, lower-cased; punctuation and search operators are dropped."""
    return [word.lower() for word in _WORD.findall(query)][:MAX_WORDS]


def matching(dialect: str, query: str) -> ColumnElement[bool] | None:
    """A condition on ``Case.id``: cases whose document has every word of ``query`` (None: nothing to search)."""
    found = words(query)
    if not found:
        return None
    if dialect == "postgresql":
        # Every word must occur; plainto_tsquery does the quoting.
        ids = text("SELECT case_id FROM case_search WHERE document @@ plainto_tsquery('simple', :q)").bindparams(
            q=" ".join(found)
        )
        return col(Case.id).in_(ids.columns(column("case_id", Integer)))
    else:
        expression = " AND ".join(f'"{word}"*' for word in found)  # words are \\w+ only: nothing to escape
        ids = text("SELECT rowid FROM case_search WHERE case_search MATCH :q").bindparams(q=expression)
    return col(Case.id).in_(ids.columns(column("rowid", Integer)))


async def drop_deleted_terms(session: AsyncSession) -> None:
    """SQLite's FTS5 keeps a deleted document's terms in its index segments until they merge: merge them all now,
    so the words of a purged case are gone from the file too (with secure_delete, the freed pages are zeroed).
    PostgreSQL needs nothing here: its own vacuum reclaims dead index entries."""
    if _dialect(session) == "sqlite":
        await session.exec(text("INSERT INTO case_search(case_search) VALUES ('optimize')"))  # type: ignore[call-overload]
