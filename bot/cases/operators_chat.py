"""The operators' chat as Telegram has it now: followed through a group upgrade, marked lost while unreachable.

Plain rules over the ``operators_chat`` table, so every instance (and every restart) sends to the same chat and
reports the same problem. The Telegram side (what counts as "moved" or "lost") is bot.telegram.notifications.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.clock import utcnow
from bot.models import Operator, OperatorsChat, OutboxMessage
from bot.models.operators import Role
from bot.models.outbox import OutboxKind

REASON_LIMIT = 200


async def _row(session: AsyncSession, configured_id: int) -> OperatorsChat | None:
    return await session.get(OperatorsChat, configured_id)


async def current_chat(sessions: async_sessionmaker[AsyncSession], *, configured_id: int) -> int:
    """Where operators' notifications go: the configured id, or the supergroup it became."""
    async with sessions() as session:
        row = await _row(session, configured_id)
    return row.current_id if row is not None else configured_id


async def destination(sessions: async_sessionmaker[AsyncSession], *, configured_id: int) -> tuple[int, bool]:
    """(where notifications go now, whether the chat is recorded as lost): ``current_chat`` and the question
    ``record_reachable`` asks, in one read — a card is posted after one look-up, not two."""
    async with sessions() as session:
        row = await _row(session, configured_id)
    if row is None:
        return configured_id, False
    return row.current_id, row.lost_reason is not None


async def _upsert(
    sessions: async_sessionmaker[AsyncSession], configured_id: int, **changes: object
) -> tuple[OperatorsChat | None, OperatorsChat]:
    """(the row before, the row after) ``changes``; another instance inserting it at the same moment is fine."""
    for attempt in (1, 2):
        async with sessions() as session:
            row = await _row(session, configured_id)
            before = OperatorsChat.model_validate(row.model_dump()) if row is not None else None
            if row is None:
                row = OperatorsChat(configured_id=configured_id, current_id=configured_id)
            for name, value in changes.items():
                setattr(row, name, value)
            row.updated_at = utcnow()
            session.add(row)
            try:
                await session.commit()
            except IntegrityError:
                if attempt == 2:
                    raise
                continue
            return before, row
    raise AssertionError("unreachable")


async def record_migration(sessions: async_sessionmaker[AsyncSession], *, configured_id: int, new_id: int) -> bool:
    """The group became supergroup ``new_id``; True if this is news (not already recorded by another instance)."""
    before, _ = await _upsert(sessions, configured_id, current_id=new_id)
    return before is None or before.current_id != new_id


async def record_lost(sessions: async_sessionmaker[AsyncSession], *, configured_id: int, reason: str) -> bool:
    """The bot cannot post there (Telegram's ``reason``); True if it was not known to be lost before."""
    before, _ = await _upsert(sessions, configured_id, lost_reason=reason[:REASON_LIMIT], lost_at=utcnow())
    return before is None or before.lost_reason is None


async def record_reachable(sessions: async_sessionmaker[AsyncSession], *, configured_id: int) -> bool:
    """A delivery got through; True if the chat had been lost until now."""
    async with sessions() as session:
        row = await _row(session, configured_id)
        if row is None or row.lost_reason is None:
            return False
    await _upsert(sessions, configured_id, lost_reason=None, lost_at=None)
    return True


async def lost_reason(sessions: async_sessionmaker[AsyncSession], *, configured_id: int) -> str | None:
    """Telegram's refusal while the operators' chat is lost, else None."""
    async with sessions() as session:
        row = await _row(session, configured_id)
    return row.lost_reason if row is not None else None


async def staff_ids(sessions: async_sessionmaker[AsyncSession], *, admins_only: bool) -> list[int]:
    """Telegram ids of active staff to alert in their private chats (analysts read, they need no alert)."""
    roles = [Role.admin] if admins_only else [Role.admin, Role.operator]
    async with sessions() as session:
        query = select(Operator.telegram_id).where(col(Operator.active).is_(True), col(Operator.role).in_(roles))
        return list((await session.exec(query)).all())


async def deliver_waiting_now(sessions: async_sessionmaker[AsyncSession]) -> int:
    """Make the operators' notifications that waited out a lost chat due now (their back-off may be minutes long);
    how many there are."""
    async with sessions() as session:
        result = await session.exec(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.sent_at).is_(None),
                col(OutboxMessage.failed_at).is_(None),
                col(OutboxMessage.kind) != OutboxKind.citizen_message,
            )
            .values(next_attempt_at=utcnow())
        )
        await session.commit()
    return int(result.rowcount or 0)
