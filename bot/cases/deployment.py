"""What a deployment checks and applies at start, before it takes updates: the secret is the one the data was made
with, and changes to OPERATOR_IDS reach the operators table.

Operators: the database is the source of truth, OPERATOR_IDS a way to change it from outside Telegram. At start the
bot compares OPERATOR_IDS with the value it applied last (kept in ``deployment_facts``) and applies only the
difference: an id added is made an active operator with its role, a role changed is changed, an id deleted from
OPERATOR_IDS is deactivated. An unchanged OPERATOR_IDS changes nothing, so ``/op_remove`` and role changes made in
Telegram survive restarts. Every change is audited ("by OPERATOR_IDS": no operator did it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.clock import utcnow
from bot.core.crypto import SecretBox
from bot.core.settings import ConfigError
from bot.models import (
    AuditEntry,
    ConversationState,
    DeploymentFact,
    Operator,
    ReplyRoute,
    UserCounter,
    UserPreference,
)
from bot.models.operators import Role

SECRET_VERIFIER = "secret_verifier"
RETIRED_PEPPERS = "retired_receipt_peppers"
OPERATOR_IDS_APPLIED = "operator_ids_applied"


async def check_secret(sessions: async_sessionmaker[AsyncSession], secrets: SecretBox) -> None:
    """Refuse to start with a SECRET_KEY other than the one the stored data was made with (a ConfigError).

    With another key, stored reply routes cannot be opened, receipt codes all say "not found" and every pseudonym
    changes: nothing would say why. The first start (or the first after upgrading) records the key's verifier.
    """
    for attempt in (1, 2):
        async with sessions() as session:
            row = await session.get(DeploymentFact, SECRET_VERIFIER)
            if row is not None:
                if row.value != secrets.verifier():
                    raise ConfigError(
                        "configuration error: SECRET_KEY is not the key this database was made with; set the "
                        "previous SECRET_KEY (or SECRET_KEY_FILE) again, or change it with 'hotline rotate-secret' "
                        "(README: Rotating SECRET_KEY)"
                    )
                return
            session.add(DeploymentFact(name=SECRET_VERIFIER, value=secrets.verifier()))
            try:
                await session.commit()
                return
            except IntegrityError:  # another instance recorded it first: read it again
                await session.rollback()
                if attempt == 2:
                    raise


async def record_secret(session: AsyncSession, secrets: SecretBox) -> None:
    """Make ``secrets`` the deployment's key (after a rotation); the caller commits."""
    row = await session.get(DeploymentFact, SECRET_VERIFIER) or DeploymentFact(name=SECRET_VERIFIER, value="")
    row.value, row.updated_at = secrets.verifier(), utcnow()
    session.add(row)


async def retired_receipt_peppers(sessions: async_sessionmaker[AsyncSession]) -> list[bytes]:
    """The receipt peppers of secrets rotated away: codes issued under them still find their case."""
    async with sessions() as session:
        row = await session.get(DeploymentFact, RETIRED_PEPPERS)
    return [bytes.fromhex(item) for item in json.loads(row.value)] if row else []


async def rotate_secret(
    sessions: async_sessionmaker[AsyncSession], *, old: SecretBox, new: SecretBox
) -> dict[str, int]:
    """Move the stored data from the ``old`` secret to the ``new`` one, in one transaction.

    - reply routes are re-encrypted (reporters stay reachable);
    - the old receipt pepper is kept as retired, so codes issued before still open their case (they were 80-bit
      random codes under a slow hash: the pepper is defence in depth, and whoever had the old secret had it anyway);
    - what is keyed by a pseudonym of a Telegram id (conversation states, language choices, per-user counters)
      cannot be re-keyed without the ids, which are not stored: it is deleted (drafts and language choices are
      lost, limits start afresh).
    Raises ConfigError if ``old`` is not the key the data was made with.
    """
    async with sessions() as session:
        row = await session.get(DeploymentFact, SECRET_VERIFIER)
        if row is not None and row.value != old.verifier():
            raise ConfigError(
                "configuration error: the old key given is not the key this database was made with; "
                "pass the previous SECRET_KEY with --old-key-file"
            )
        routes = list((await session.exec(select(ReplyRoute))).all())
        resealed = 0
        for route in routes:
            chat = old.decrypt(route.sealed_chat)
            if chat is not None:
                route.sealed_chat = new.encrypt(chat)
                session.add(route)
                resealed += 1
        retired = await session.get(DeploymentFact, RETIRED_PEPPERS) or DeploymentFact(name=RETIRED_PEPPERS, value="[]")
        peppers = [p for p in json.loads(retired.value) if p != old.receipt_pepper.hex()] + [old.receipt_pepper.hex()]
        retired.value = json.dumps(peppers)
        session.add(retired)
        deleted = {}
        for model in (ConversationState, UserPreference, UserCounter):
            result = await session.exec(delete(model))
            deleted[model.__tablename__] = result.rowcount
        await record_secret(session, new)
        await session.commit()
    return {"reply_routes": resealed, **deleted}


async def apply_operator_ids(sessions: async_sessionmaker[AsyncSession], operator_ids: Mapping[int, str]) -> int:
    """Apply what changed in OPERATOR_IDS since it was last applied; returns how many operators changed.

    Several instances starting together run this at once: a unique-key collision means another one applied it
    first, so the second attempt reads what it wrote and finds nothing left to do."""
    configured = {telegram_id: Role(role) for telegram_id, role in operator_ids.items()}
    for attempt in (1, 2):
        try:
            return await _apply_operator_ids(sessions, configured)
        except IntegrityError:
            if attempt == 2:
                raise
    return 0


async def _apply_operator_ids(sessions: async_sessionmaker[AsyncSession], configured: dict[int, Role]) -> int:
    async with sessions() as session:
        fact = await session.get(DeploymentFact, OPERATOR_IDS_APPLIED)
        before = {int(k): Role(v) for k, v in json.loads(fact.value).items()} if fact else {}
        if fact is not None and before == configured:
            return 0
        changed = 0
        for telegram_id, role in configured.items():
            if fact is not None and before.get(telegram_id) == role:
                continue  # unchanged in OPERATOR_IDS: what was done in Telegram since stands
            row = (await session.exec(select(Operator).where(Operator.telegram_id == telegram_id))).first()
            row = row or Operator(telegram_id=telegram_id, role=role)
            row.role, row.active = role, True
            session.add(row)
            await session.flush()
            session.add(AuditEntry(action="operator_set", detail=f"operator #{row.id}: {role}, by OPERATOR_IDS"))
            changed += 1
        for telegram_id in before.keys() - configured.keys():
            row = (await session.exec(select(Operator).where(Operator.telegram_id == telegram_id))).first()
            if row is not None and row.active:
                row.active = False
                session.add(row)
                session.add(AuditEntry(action="operator_removed", detail=f"operator #{row.id}, by OPERATOR_IDS"))
                changed += 1
        value = json.dumps({str(k): str(v) for k, v in sorted(configured.items())})
        fact = fact or DeploymentFact(name=OPERATOR_IDS_APPLIED, value=value)
        fact.value, fact.updated_at = value, utcnow()
        session.add(fact)
        await session.commit()
        return changed
