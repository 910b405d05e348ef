"""``/export`` and ``hotline export``: every case as CSV or JSON, content and timestamps, never anyone's identity.

Streamed: cases are read in batches by id and written out as they come, so a large database neither fills memory
with rows nor holds the event loop for the whole file (each batch is a database round trip). Admins only; the
export is audited (with the extras asked for) before anything is written. Notes, the dialogue and the assignee (an
operator number) only when asked for.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable
from datetime import datetime
from typing import Literal, TextIO

from sqlalchemy import func
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases.moderation import audit, require
from bot.models import Case, CaseMessage, CaseNote, Evidence, Operator
from bot.models.case_numbers import case_number
from bot.models.cases import Direction
from bot.models.operators import Role

ExportFormat = Literal["csv", "json"]
Progress = Callable[[int, int], None]  # (cases written, cases in all)
BATCH = 500

EXPORT_FIELDS = (
    "number",
    "category",
    "language",
    "urgent",
    "happening_now",
    "status",
    "outcome",
    "created_at",
    "first_claimed_at",
    "first_reply_at",
    "closed_at",
    "similar_to",
    "evidence_items",
    "description",
    "place",
    "incident_time",
    "kind",
    "answers",
)
EXTRA_FIELDS = ("assignee", "notes", "dialogue")  # in this order, after EXPORT_FIELDS, when asked for


async def write_export(
    sessions: async_sessionmaker[AsyncSession],
    operator: Operator | None,
    fmt: ExportFormat,
    out: TextIO,
    *,
    with_notes: bool = False,
    with_dialogue: bool = False,
    with_assignee: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write every case to ``out`` (a text stream opened with ``newline=""``); returns how many were written."""
    operator = require(operator, (Role.admin,))
    wanted = {"assignee": with_assignee, "notes": with_notes, "dialogue": with_dialogue}
    extras = [name for name in EXTRA_FIELDS if wanted[name]]
    asked = [name for name in ("notes", "dialogue", "assignee") if wanted[name]]  # as the audit has always said
    async with sessions() as session:
        total = (await session.exec(select(func.count()).select_from(Case))).one()
        # Stored as a label ("cases: 1"), shown in words by audit_words.audit_label (a counted noun in each language).
        detail = f"{fmt}, cases: {total}" + (f", with: {'+'.join(asked)}" if asked else "")
        audit(session, operator, "export", detail=detail)
        await session.commit()
        writer = _JsonRows(out) if fmt == "json" else _CsvRows(out, [*EXPORT_FIELDS, *extras])
        written, after = 0, 0
        while True:
            query = select(Case).where(col(Case.id) > after).order_by(col(Case.id)).limit(BATCH)
            cases = list((await session.exec(query)).all())
            if not cases:
                break
            ids = [case.id for case in cases]
            items = await session.exec(
                select(Evidence.case_id, func.count(func.distinct(Evidence.item)))
                .where(col(Evidence.case_id).in_(ids))
                .group_by(col(Evidence.case_id))
            )
            evidence = dict(items.all())
            notes = await _notes(session, ids) if with_notes else {}
            dialogue = await _dialogue(session, ids) if with_dialogue else {}
            for case in cases:
                row = _row(case, evidence.get(case.id or 0, 0))
                if with_assignee:
                    row["assignee"] = f"operator #{case.claimed_by}" if case.claimed_by else ""
                if with_notes:
                    row["notes"] = "\n".join(notes.get(case.id or 0, []))
                if with_dialogue:
                    row["dialogue"] = "\n".join(dialogue.get(case.id or 0, []))
                writer.write(row)
            written, after = written + len(cases), cases[-1].id or 0
            session.expunge_all()  # the rows written are not needed again: memory stays one batch
            if progress is not None:
                progress(written, max(total, written))
        writer.close()
    return written


async def export_cases(
    sessions: async_sessionmaker[AsyncSession],
    operator: Operator | None,
    fmt: ExportFormat,
    *,
    with_notes: bool = False,
    with_dialogue: bool = False,
    with_assignee: bool = False,
) -> str:
    """The whole export as one string (a download from the console, tests)."""
    out = io.StringIO(newline="")
    await write_export(
        sessions,
        operator,
        fmt,
        out,
        with_notes=with_notes,
        with_dialogue=with_dialogue,
        with_assignee=with_assignee,
    )
    return out.getvalue()


async def _notes(session: AsyncSession, ids: list[int | None]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    query = select(CaseNote).where(col(CaseNote.case_id).in_(ids)).order_by(col(CaseNote.id))
    for note in (await session.exec(query)).all():
        found.setdefault(note.case_id, []).append(f"[{_iso(note.created_at)} #{note.operator_id}] {note.body}")
    return found


async def _dialogue(session: AsyncSession, ids: list[int | None]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    query = select(CaseMessage).where(col(CaseMessage.case_id).in_(ids)).order_by(col(CaseMessage.id))
    for message in (await session.exec(query)).all():
        arrow = "<-" if message.direction == Direction.from_citizen else "->"
        found.setdefault(message.case_id, []).append(f"[{_iso(message.created_at)} {arrow}] {message.body}")
    return found


def _row(case: Case, evidence_items: int) -> dict[str, object]:
    return {
        "number": case.number,
        "category": str(case.category),
        "language": case.language,
        "urgent": case.urgent,
        "happening_now": case.happening_now,  # the reporter's answer; empty (null): not asked
        "status": str(case.status),
        "outcome": str(case.outcome) if case.outcome else "",
        "created_at": _iso(case.created_at),
        "first_claimed_at": _iso(case.first_claimed_at),
        "first_reply_at": _iso(case.first_reply_at),
        "closed_at": _iso(case.closed_at),
        "similar_to": case_number(case.similar_to) if case.similar_to else "",
        "evidence_items": evidence_items,
        "description": case.description if case.purged_at is None else "",
        "place": case.place or "",
        "incident_time": case.incident_time or "",
        "kind": str(case.kind),  # a tip, or a question for a person
        # The category's questionnaire (question id → answer; "choice:…" a pressed choice), content like the rest.
        "answers": json.dumps(case.answers, ensure_ascii=False) if case.answers and case.purged_at is None else "",
    }


class _CsvRows:
    def __init__(self, out: TextIO, fields: list[str]) -> None:
        self._writer = csv.DictWriter(out, fieldnames=fields)
        self._writer.writeheader()

    def write(self, row: dict[str, object]) -> None:
        self._writer.writerow({key: _spreadsheet_safe(value) for key, value in row.items()})

    def close(self) -> None:
        pass


class _JsonRows:
    """One JSON array written row by row, byte for byte what ``json.dumps(rows, ensure_ascii=False, indent=1)``
    writes for the whole list."""

    def __init__(self, out: TextIO) -> None:
        self._out, self._rows = out, 0

    def write(self, row: dict[str, object]) -> None:
        self._out.write("[\n" if self._rows == 0 else ",\n")
        self._out.write(textwrap.indent(json.dumps(row, ensure_ascii=False, indent=1), " "))
        self._rows += 1

    def close(self) -> None:
        self._out.write("\n]" if self._rows else "[]")


def _spreadsheet_safe(value: object) -> object:
    """Citizens' text must not run as a formula when an admin opens the CSV in a spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _iso(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""
