"""Reports, the operators' queue, the outbox and retention, without Telegram, on SQLite and on PostgreSQL.

PostgreSQL runs when TEST_DATABASE_URL is set (``.ci/run`` sets it, so it is required on CI); otherwise those
variants are skipped with the reason.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.answers.danger import DangerRecogniser
from bot.cases import export, moderation, receipts, retention, user_limits
from bot.cases.case_statistics import case_statistics
from bot.cases.moderation import ActionResult, Forbidden, QueueFilter
from bot.cases.outbox import OutboxWorker, Undeliverable
from bot.cases.reports import (
    AlreadySubmitted,
    EvidenceItem,
    ReportDraft,
    add_citizen_message,
    citizen_view,
    end_dialogue,
    find_case,
    submit_report,
)
from bot.core.clock import utcnow
from bot.core.crypto import SecretBox
from bot.models import AuditEntry, Case, Evidence, Operator, OutboxMessage, ReplyRoute
from bot.models.cases import Category, Outcome, Status
from bot.models.operators import Role
from bot.models.outbox import OutboxKind
from tests.conftest import KNOWLEDGE

SECRETS = SecretBox("service-test-secret-0123456789-abcdefghijkl")
REPORTER_CHAT = 777000111


@pytest.fixture(scope="module")
def danger() -> DangerRecogniser:
    return DangerRecogniser.load(KNOWLEDGE)


def draft(
    description: str = "Someone in our building recruits young people into an extremist group.", **fields: object
) -> ReportDraft:
    return ReportDraft(category=Category.recruitment, description=description, language="ru", **fields)  # type: ignore[arg-type]


async def submit(
    sessions, danger, report: ReportDraft | None = None, key: str = "k1", chat: int | None = REPORTER_CHAT
):
    return await submit_report(
        sessions, SECRETS, danger, draft=report or draft(), submission_key=key, reply_chat_id=chat
    )


async def operators(sessions) -> dict[str, Operator]:
    await moderation.seed_operators(sessions, {1: Role.admin, 2: Role.operator, 3: Role.operator, 4: Role.analyst})
    found = {}
    for name, telegram_id in (("admin", 1), ("alice", 2), ("bob", 3), ("analyst", 4)):
        found[name] = await moderation.operator_for(sessions, telegram_id)
    return found


async def all_rows(sessions, model) -> list:
    async with sessions() as session:
        return list((await session.exec(select(model))).all())


async def test_submit_commits_case_evidence_route_and_notification(sessions, danger) -> None:
    evidence = [
        EvidenceItem("photo", "f1", "a", "album"),
        EvidenceItem("photo", "f2", None, "album"),
        EvidenceItem("link", None, "https://example.org/x"),
    ]
    receipt = await submit(sessions, danger, draft(evidence=evidence, place="market"))
    assert receipts.normalize(receipt.code) == receipt.code and len(receipt.code.replace("-", "")) * 5 >= 64
    (case,) = await all_rows(sessions, Case)
    assert case.code_hash != receipt.code and receipt.code not in case.code_hash
    assert sorted({e.item for e in await all_rows(sessions, Evidence)}) == [1, 2]  # the album is one item
    (route,) = await all_rows(sessions, ReplyRoute)
    assert str(REPORTER_CHAT) not in route.sealed_chat and SECRETS.decrypt(route.sealed_chat) == str(REPORTER_CHAT)
    assert [o.kind for o in await all_rows(sessions, OutboxMessage)] == [OutboxKind.new_case]
    assert not receipt.urgent


async def test_receipt_code_is_found_however_it_is_typed_and_only_then(sessions, danger) -> None:
    receipt = await submit(sessions, danger)
    typed = receipt.code.lower().replace("-", " ").replace("0", "o")
    assert await find_case(sessions, SECRETS, typed) == receipt.case_id
    assert await find_case(sessions, SECRETS, "AAAA-BBBB-CCCC-DDDD") is None
    assert await find_case(sessions, SECRETS, "garbage ✨ ' OR 1=1 --") is None


async def test_the_same_submit_twice_makes_one_case(sessions, danger) -> None:
    await submit(sessions, danger, key="same")
    with pytest.raises(AlreadySubmitted):
        await submit(sessions, danger, key="same")
    assert len(await all_rows(sessions, Case)) == 1
    assert len(await all_rows(sessions, OutboxMessage)) == 1


async def test_emergency_words_make_a_case_urgent_with_an_alert(sessions, danger) -> None:
    receipt = await submit(sessions, danger, draft("В подъезде оставили сумку, похоже на бомбу, люди рядом."))
    assert receipt.urgent
    kinds = sorted(o.kind for o in await all_rows(sessions, OutboxMessage))
    assert kinds == [OutboxKind.new_case, OutboxKind.urgent_alert]


async def test_the_operators_notices_carry_the_reporters_answer_to_happening_now(sessions, danger) -> None:
    """yes / no as answered; "unknown" for an urgent case whose reporter was not asked (the web intake, or danger
    only in the place); nothing for an ordinary case."""
    danger_text = "На вокзале мужчина с ножом кидается на людей"
    for key, report in (
        ("yes", draft(danger_text, happening_now=True)),
        ("no", draft(danger_text, happening_now=False)),
        ("unknown", draft(danger_text)),
        ("ordinary", draft()),
    ):
        await submit(sessions, danger, report, key=key)
    rows = sorted(await all_rows(sessions, OutboxMessage), key=lambda o: (o.case_id, o.kind))
    said = [(o.case_id, o.kind, o.payload.get("happening_now")) for o in rows]
    assert said == [
        (1, OutboxKind.new_case, "yes"),
        (1, OutboxKind.urgent_alert, "yes"),
        (2, OutboxKind.new_case, "no"),
        (2, OutboxKind.urgent_alert, "no"),
        (3, OutboxKind.new_case, "unknown"),
        (3, OutboxKind.urgent_alert, "unknown"),
        (4, OutboxKind.new_case, None),
    ]


async def test_near_duplicate_points_to_the_earlier_case(sessions, danger) -> None:
    first = await submit(sessions, danger, key="a")
    second = await submit(
        sessions, danger, draft("Someone in our building recruits young people into an extremist group!"), key="b"
    )
    async with sessions() as session:
        assert (await session.get(Case, second.case_id)).similar_to == first.case_id


async def test_a_near_duplicate_points_to_the_newest_of_equally_similar_cases_and_a_new_matter_to_none(
    sessions, danger
) -> None:
    await submit(sessions, danger, key="a")
    newer = await submit(sessions, danger, key="b")
    third = await submit(
        sessions, danger, draft("Someone in our building recruits young people, an extremist group"), key="c"
    )
    other = await submit(
        sessions, danger, draft("A bag left at the bus stop on Abay street since the morning."), key="d"
    )
    async with sessions() as session:
        assert (await session.get(Case, third.case_id)).similar_to == newer.case_id
        assert (await session.get(Case, other.case_id)).similar_to is None


async def test_two_operators_claiming_at_once_exactly_one_wins(sessions, danger) -> None:
    staff = await operators(sessions)
    receipt = await submit(sessions, danger)
    results = await asyncio.gather(
        *(moderation.claim_case(sessions, staff[name], receipt.case_id) for name in ("alice", "bob") * 3)
    )
    assert results.count(ActionResult.done) == 1
    assert set(results) <= {ActionResult.done, ActionResult.taken, ActionResult.already_yours}
    async with sessions() as session:
        case = await session.get(Case, receipt.case_id)
        assert case.status == Status.in_review and case.claimed_by in (staff["alice"].id, staff["bob"].id)


async def test_an_expired_claim_can_be_taken_over(sessions, danger) -> None:
    staff = await operators(sessions)
    receipt = await submit(sessions, danger)
    assert await moderation.claim_case(sessions, staff["alice"], receipt.case_id) == ActionResult.done
    assert await moderation.claim_case(sessions, staff["bob"], receipt.case_id) == ActionResult.taken
    async with sessions() as session:
        case = await session.get(Case, receipt.case_id)
        case.claim_expires_at = utcnow() - timedelta(minutes=1)
        session.add(case)
        await session.commit()
    assert await moderation.claim_case(sessions, staff["bob"], receipt.case_id) == ActionResult.done


async def test_roles_are_enforced_and_refusals_audited(sessions, danger) -> None:
    staff = await operators(sessions)
    receipt = await submit(sessions, danger)
    with pytest.raises(Forbidden):
        await moderation.claim_case(sessions, staff["analyst"], receipt.case_id)
    with pytest.raises(Forbidden):
        await export.export_cases(sessions, staff["alice"], "csv")
    with pytest.raises(Forbidden):
        await moderation.open_case(sessions, None, receipt.case_id)
    await moderation.audit_refusal(sessions, action="button:claim", user_key="ab" * 32, case_id=receipt.case_id)
    assert await moderation.queue(sessions, staff["analyst"], QueueFilter.open)  # analysts may read
    entries = await all_rows(sessions, AuditEntry)
    assert [e.action for e in entries] == ["refused:button:claim"] and entries[0].user_key == "ab" * 32


async def test_dialogue_reply_status_and_closing(sessions, danger) -> None:
    staff = await operators(sessions)
    receipt = await submit(sessions, danger)
    assert (
        await moderation.reply_to_citizen(sessions, staff["alice"], receipt.case_id, "Hi") == ActionResult.not_yours
    )  # not claimed
    await moderation.claim_case(sessions, staff["alice"], receipt.case_id)
    done = ActionResult.done
    assert await moderation.reply_to_citizen(sessions, staff["alice"], receipt.case_id, "Which street?") == done
    assert await moderation.add_note(sessions, staff["alice"], receipt.case_id, "internal: check camera 4") == done
    view = await citizen_view(sessions, receipt.case_id)
    assert [m.body for m in view.messages] == ["Which street?"] and view.replies_open and view.route_exists
    assert await add_citizen_message(sessions, case_id=receipt.case_id, body="Abay street 10")
    found = await moderation.open_case(sessions, staff["bob"], receipt.case_id)
    assert [m.body for m in found.messages] == ["Which street?", "Abay street 10"]
    assert [n.body for n in found.notes] == ["internal: check camera 4"]
    closing = moderation.set_status(sessions, staff["alice"], receipt.case_id, Status.closed, Outcome.actioned)
    assert await closing == done
    assert await all_rows(sessions, ReplyRoute) == []  # closing deletes the only link to the reporter
    view = await citizen_view(sessions, receipt.case_id)
    assert view.status == Status.closed and not view.replies_open
    assert not await add_citizen_message(sessions, case_id=receipt.case_id, body="more")
    actions = [e.action for e in await all_rows(sessions, AuditEntry)]
    assert actions == ["case_claimed", "reply_sent", "note_added", "case_opened", "status_changed"]
    assert all(e.detail is None or "street" not in e.detail for e in await all_rows(sessions, AuditEntry))


async def test_ending_the_dialogue_deletes_the_route(sessions, danger) -> None:
    receipt = await submit(sessions, danger)
    await end_dialogue(sessions, case_id=receipt.case_id)
    assert await all_rows(sessions, ReplyRoute) == []
    assert not (await citizen_view(sessions, receipt.case_id)).route_exists


async def test_queue_filters_statistics_and_export(sessions, danger) -> None:
    staff = await operators(sessions)
    plain = await submit(sessions, danger, key="a")
    urgent = await submit(sessions, danger, draft("Человек с оружием ходит у школы, стрельба возможна."), key="b")
    await moderation.claim_case(sessions, staff["alice"], plain.case_id)
    ids = lambda cases: [c.id for c in cases]  # noqa: E731
    assert ids(await moderation.queue(sessions, staff["alice"], QueueFilter.mine)) == [plain.case_id]
    assert ids(await moderation.queue(sessions, staff["alice"], QueueFilter.urgent)) == [urgent.case_id]
    assert ids(await moderation.queue(sessions, staff["alice"], QueueFilter.unclaimed)) == [urgent.case_id]
    assert ids(await moderation.queue(sessions, staff["alice"], QueueFilter.new)) == [urgent.case_id]
    stats = await case_statistics(sessions, staff["analyst"])
    assert stats["total"] == 2 and stats["urgent"] == 1 and stats["by_status"] == {"new": 1, "in_review": 1}
    assert stats["median_minutes_to_claim"] is not None
    exported = await export.export_cases(sessions, staff["admin"], "csv")
    assert exported.splitlines()[0].split(",") == list(export.EXPORT_FIELDS)
    assert str(REPORTER_CHAT) not in exported and "code" not in exported.splitlines()[0]
    assert '"number": "HT-' in await export.export_cases(sessions, staff["admin"], "json")


async def test_retention_purges_content_but_keeps_counts(sessions, danger) -> None:
    staff = await operators(sessions)
    receipt = await submit(sessions, danger, draft(evidence=[EvidenceItem("photo", "f1")]))
    await moderation.claim_case(sessions, staff["alice"], receipt.case_id)
    await moderation.reply_to_citizen(sessions, staff["alice"], receipt.case_id, "Thanks")
    await moderation.set_status(sessions, staff["alice"], receipt.case_id, Status.closed, Outcome.no_action)
    assert await retention.purge_expired(sessions, retention_days=90) == 0  # closed just now: kept
    async with sessions() as session:
        case = await session.get(Case, receipt.case_id)
        case.closed_at = utcnow() - timedelta(days=91)
        session.add(case)
        await session.commit()
    assert await retention.purge_expired(sessions, retention_days=90) == 1
    async with sessions() as session:
        case = await session.get(Case, receipt.case_id)
    assert case.description == "" and case.purged_at is not None and case.category == Category.recruitment
    assert await all_rows(sessions, Evidence) == []
    assert (await case_statistics(sessions, staff["admin"]))["total"] == 1


async def test_reminders_for_unclaimed_cases(sessions, danger) -> None:
    urgent = await submit(sessions, danger, draft("Здесь бомба, срочно, люди в опасности прямо сейчас."), key="u")
    await submit(sessions, danger, key="n")
    remind = dict(urgent_after=timedelta(minutes=15), normal_after=timedelta(hours=24))
    assert await retention.enqueue_reminders(sessions, **remind) == 0
    async with sessions() as session:
        for case in (await session.exec(select(Case))).all():
            case.created_at = utcnow() - timedelta(minutes=16)
            session.add(case)
        await session.commit()
    assert await retention.enqueue_reminders(sessions, **remind) == 1  # only the urgent one is due
    assert await retention.enqueue_reminders(sessions, **remind) == 0  # and not again right away
    reminders = [o for o in await all_rows(sessions, OutboxMessage) if o.kind == OutboxKind.reminder]
    assert [r.case_id for r in reminders] == [urgent.case_id]


async def test_outbox_worker_retries_then_delivers_and_gives_up_on_undeliverable(sessions, danger) -> None:
    await submit(sessions, danger, key="a")
    await submit(sessions, danger, key="b")
    attempts: list[int] = []

    async def flaky(item: OutboxMessage) -> None:
        attempts.append(item.id)
        if item.case_id == 1 and len(attempts) == 1:
            raise ConnectionError("telegram down")
        if item.case_id == 2:
            raise Undeliverable("blocked")

    worker = OutboxWorker(sessions, flaky)
    assert await worker.deliver_due() == 2
    rows = {o.case_id: o for o in await all_rows(sessions, OutboxMessage)}
    assert rows[1].sent_at is None and rows[1].attempts == 1 and rows[1].next_attempt_at > utcnow()
    assert rows[2].failed_at is not None
    async with sessions() as session:
        row = await session.get(OutboxMessage, rows[1].id)
        row.next_attempt_at = utcnow()
        session.add(row)
        await session.commit()
    assert await worker.deliver_due() == 1
    rows = {o.case_id: o for o in await all_rows(sessions, OutboxMessage)}
    assert rows[1].sent_at is not None


async def test_urgent_notifications_overtake_a_backlog_of_ordinary_ones(sessions, danger) -> None:
    """Issue 11.7: a flood of junk reports must not delay an urgent case's card and alert (not first-in-first-out)."""
    for n in range(5):
        junk = draft(f"Someone in our building recruits young people, report {n}.")
        await submit(sessions, danger, junk, key=f"j{n}")
    urgent = await submit(sessions, danger, draft("СТРЕЛЯЮТ НА РЫНКЕ, люди лежат, помогите"), key="u")
    assert urgent.urgent
    delivered: list[tuple[int | None, OutboxKind]] = []

    async def record(item: OutboxMessage) -> None:
        delivered.append((item.case_id, item.kind))

    worker = OutboxWorker(sessions, record)
    assert await worker.deliver_one()
    assert await worker.deliver_one()
    assert delivered == [(urgent.case_id, OutboxKind.new_case), (urgent.case_id, OutboxKind.urgent_alert)]
    await worker.deliver_due()
    assert [case for case, _ in delivered[2:]] == [1, 2, 3, 4, 5]  # then the backlog, oldest first


async def test_user_limits_count_per_keyed_user(sessions) -> None:
    take = lambda key: user_limits.take(sessions, user_key=key, kind=user_limits.REPORTS, limit=2)  # noqa: E731
    assert [await take("u1"), await take("u1"), await take("u1"), await take("u2")] == [True, True, False, True]


async def test_a_reports_allowance_is_spent_by_the_commit_that_makes_its_case(sessions, danger) -> None:
    """Counted in the report's own transaction: a re-delivered Submit (no second case) spends nothing, and a report
    over the limit makes no case."""

    def spend(session, _case_id):
        return user_limits.take_in(session, user_key="u1", kind=user_limits.REPORTS, limit=2)

    async def send(key: str):
        return await submit_report(
            sessions, SECRETS, danger, draft=draft(), submission_key=key, reply_chat_id=None, before_commit=spend
        )

    await send("press-1")
    with pytest.raises(AlreadySubmitted):
        await send("press-1")  # the same press again
    assert await user_limits.used(sessions, user_key="u1", kind=user_limits.REPORTS) == 1
    await send("press-2")
    with pytest.raises(user_limits.LimitReached):
        await send("press-3")
    assert await user_limits.used(sessions, user_key="u1", kind=user_limits.REPORTS) == 2
    async with sessions() as session:
        assert len((await session.exec(select(Case))).all()) == 2


async def _set_times(sessions, case_id: int, **moments) -> None:
    async with sessions() as session:
        case = await session.get(Case, case_id)
        for name, value in moments.items():
            setattr(case, name, value)
        session.add(case)
        await session.commit()


async def test_statistics_medians_are_counted_by_the_database(sessions, danger) -> None:
    staff = await operators(sessions)
    start = utcnow() - timedelta(days=1)
    receipts_ = [await submit(sessions, danger, key=str(n)) for n in range(4)]
    for receipt, minutes in zip(receipts_, (10, 20, 40, None), strict=True):
        claimed = start + timedelta(minutes=minutes) if minutes is not None else None
        await _set_times(sessions, receipt.case_id, created_at=start, first_claimed_at=claimed)
    stats = await case_statistics(sessions, staff["analyst"])
    assert stats["median_minutes_to_claim"] == 20.0  # of 10, 20, 40 (the unclaimed case has no time to claim)
    assert stats["median_minutes_to_first_reply"] is None
    await _set_times(sessions, receipts_[3].case_id, first_claimed_at=start + timedelta(minutes=50))
    assert (await case_statistics(sessions, staff["analyst"]))["median_minutes_to_claim"] == 30.0  # even: the mean


async def test_the_export_is_streamed_in_batches_and_reads_like_one_document(sessions, danger, monkeypatch) -> None:
    staff = await operators(sessions)
    for n in range(5):
        await submit(sessions, danger, draft(f"=1+{n} подозрительный человек у вокзала, случай {n}"), key=f"{n}")
    monkeypatch.setattr(export, "BATCH", 2)
    seen: list[tuple[int, int]] = []
    out = io.StringIO(newline="")
    assert await export.write_export(sessions, staff["admin"], "json", out, progress=lambda *p: seen.append(p)) == 5
    assert seen == [(2, 5), (4, 5), (5, 5)]
    records = json.loads(out.getvalue())
    assert [r["number"] for r in records] == [f"HT-{n:05d}" for n in range(1, 6)]
    assert out.getvalue() == json.dumps(records, ensure_ascii=False, indent=1)  # the format is unchanged
    rows = list(csv.DictReader(io.StringIO(await export.export_cases(sessions, staff["admin"], "csv"))))
    assert len(rows) == 5 and rows[0]["description"].startswith("'=1+0 подозрительный")  # never a formula


async def test_purge_goes_batch_by_batch_and_reports_progress(sessions, danger, monkeypatch) -> None:
    staff = await operators(sessions)
    for n in range(3):
        receipt = await submit(sessions, danger, key=f"p{n}")
        await moderation.claim_case(sessions, staff["alice"], receipt.case_id)
        await moderation.set_status(sessions, staff["alice"], receipt.case_id, Status.closed, Outcome.no_action)
        await _set_times(sessions, receipt.case_id, closed_at=utcnow() - timedelta(days=91))
    monkeypatch.setattr(retention, "PURGE_BATCH", 2)
    seen: list[tuple[int, int]] = []
    assert await retention.purge_expired(sessions, retention_days=90, progress=lambda *p: seen.append(p)) == 3
    assert seen == [(2, 3), (3, 3)]
    assert all(case.description == "" and case.purged_at for case in await all_rows(sessions, Case))
    assert await retention.purge_expired(sessions, retention_days=90) == 0
