"""Migrations down and up again on SQLite and PostgreSQL, with the rows already there."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.answers.danger import DangerRecogniser
from bot.cases.reports import ReportDraft, submit_report
from bot.core import database
from bot.core.crypto import SecretBox
from bot.models import Case
from bot.models.cases import Category
from tests.conftest import KNOWLEDGE

SECRETS = SecretBox("migration-test-secret-0123456789-abcdefghij")
DANGER = "На вокзале мужчина с ножом кидается на людей, один уже лежит"


async def _answers(sessions: async_sessionmaker[AsyncSession]) -> list[bool | None]:
    async with sessions() as session:
        return list((await session.exec(select(Case.happening_now).order_by(col(Case.id)))).all())


async def test_happening_now_survives_a_downgrade_and_upgrade_from_the_cards_outbox_rows(database_url: str) -> None:
    """0011 adds ``cases.happening_now`` and fills it for cases reported before it, from their cards' rows."""
    engine = database.create_engine(database_url)
    sessions = database.session_factory(engine)
    danger = DangerRecogniser.load(KNOWLEDGE)
    try:
        for key, now in (("yes", True), ("no", False), ("not-asked", None)):
            draft = ReportDraft(Category.other, DANGER, "ru", happening_now=now)
            await submit_report(sessions, SECRETS, danger, draft=draft, submission_key=key, reply_chat_id=None)
        ordinary = ReportDraft(Category.other, "Сосед зовёт подростков в экстремистскую группу в мессенджере", "ru")
        await submit_report(sessions, SECRETS, danger, draft=ordinary, submission_key="ordinary", reply_chat_id=None)
        assert await _answers(sessions) == [True, False, None, None]
        await engine.dispose()  # the migrations run on an engine of their own: none of ours may hold the table

        config = database.alembic_config(database_url)
        await asyncio.to_thread(command.downgrade, config, "0006_citizen_path")
        async with engine.connect() as connection:
            columns = await connection.run_sync(
                lambda sync: [column["name"] for column in inspect(sync).get_columns("cases")]
            )
        assert "happening_now" not in columns
        await engine.dispose()
        await database.upgrade_async(database_url)
        assert await _answers(sessions) == [True, False, None, None]
    finally:
        await engine.dispose()
