"""The operators' chat rules without Telegram: followed through an upgrade, lost and found, staff to alert — on SQLite
and PostgreSQL (a supergroup id does not fit in 32 bits)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases import operators_chat
from bot.core.clock import utcnow
from bot.models import Operator, OutboxMessage
from bot.models.operators import Role
from bot.models.outbox import OutboxKind

BASIC, SUPERGROUP = -4242, -1_009_876_543_210


async def test_an_upgrade_is_followed_once_and_kept(sessions: async_sessionmaker[AsyncSession]) -> None:
    assert await operators_chat.current_chat(sessions, configured_id=BASIC) == BASIC
    assert await operators_chat.record_migration(sessions, configured_id=BASIC, new_id=SUPERGROUP)
    assert not await operators_chat.record_migration(sessions, configured_id=BASIC, new_id=SUPERGROUP)  # not news
    assert await operators_chat.current_chat(sessions, configured_id=BASIC) == SUPERGROUP
    # Another OPERATOR_CHAT_ID is another chat: nothing carried over.
    assert await operators_chat.current_chat(sessions, configured_id=-777) == -777


async def test_a_lost_chat_is_news_once_until_it_works_again(sessions: async_sessionmaker[AsyncSession]) -> None:
    assert await operators_chat.lost_reason(sessions, configured_id=BASIC) is None
    assert not await operators_chat.record_reachable(sessions, configured_id=BASIC)
    reason = "Forbidden: bot was kicked from the group chat"
    assert await operators_chat.record_lost(sessions, configured_id=BASIC, reason=reason)
    assert not await operators_chat.record_lost(sessions, configured_id=BASIC, reason=reason)
    assert await operators_chat.lost_reason(sessions, configured_id=BASIC) == reason
    assert await operators_chat.record_reachable(sessions, configured_id=BASIC)
    assert await operators_chat.lost_reason(sessions, configured_id=BASIC) is None
    assert await operators_chat.record_lost(sessions, configured_id=BASIC, reason="x" * 500)  # news again, cut short
    assert len(await operators_chat.lost_reason(sessions, configured_id=BASIC) or "") == 200


async def test_a_cards_destination_says_where_and_whether_the_chat_is_lost(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    assert await operators_chat.destination(sessions, configured_id=BASIC) == (BASIC, False)
    await operators_chat.record_migration(sessions, configured_id=BASIC, new_id=SUPERGROUP)
    assert await operators_chat.destination(sessions, configured_id=BASIC) == (SUPERGROUP, False)
    await operators_chat.record_lost(sessions, configured_id=BASIC, reason="Forbidden: bot was kicked")
    assert await operators_chat.destination(sessions, configured_id=BASIC) == (SUPERGROUP, True)
    await operators_chat.record_reachable(sessions, configured_id=BASIC)
    assert await operators_chat.destination(sessions, configured_id=BASIC) == (SUPERGROUP, False)


async def test_waiting_operator_notifications_become_due_and_staff_to_alert(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    later = utcnow() + timedelta(minutes=10)
    async with sessions() as session:
        session.add(OutboxMessage(kind=OutboxKind.new_case, next_attempt_at=later))
        session.add(OutboxMessage(kind=OutboxKind.citizen_message, next_attempt_at=later))  # not the operators'
        session.add(OutboxMessage(kind=OutboxKind.reminder, next_attempt_at=later, sent_at=utcnow()))  # done
        for telegram_id, role, active in ((1, Role.admin, True), (2, Role.operator, True), (3, Role.analyst, True)):
            session.add(Operator(telegram_id=telegram_id, role=role, active=active))
        session.add(Operator(telegram_id=4, role=Role.operator, active=False))
        await session.commit()
    assert await operators_chat.deliver_waiting_now(sessions) == 1
    async with sessions() as session:
        rows = (await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    assert [row.next_attempt_at <= utcnow() for row in rows] == [True, False, False]
    assert await operators_chat.staff_ids(sessions, admins_only=True) == [1]
    assert sorted(await operators_chat.staff_ids(sessions, admins_only=False)) == [1, 2]
