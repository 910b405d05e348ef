"""The operators' side end to end: claiming, roles and forged buttons, commands, an unreachable reporter.

Staff (flows.Desk): an admin, two operators and an analyst in the operators' group; operators' language English.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from bot.cases.audit_words import audit_label
from bot.core.crypto import SecretBox
from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator, EmuUser
from tests.e2e.conftest import SECRET
from tests.e2e.flows import (
    DESCRIPTION,
    OPERATORS_CHAT,
    Citizen,
    assert_clean_run,
    buttons,
    cases,
    eventually,
    like,
    message_dates,
    number,
    operators_desk,
    query_db,
    sends_to,
    staff,
    status_view,
)


@pytest.fixture(autouse=True)
def clean_run(caplog: pytest.LogCaptureFixture, emulator: BotAPIEmulator) -> Any:
    yield
    assert_clean_run(caplog, emulator)


def audit(settings: Settings) -> list[tuple]:
    """(action, operator_id, user_key, case_id) of every audit entry, oldest first, except the start's own entries
    (OPERATOR_IDS applied to the operators table)."""
    return query_db(
        settings,
        "SELECT action, operator_id, user_key, case_id FROM audit_log "
        "WHERE coalesce(detail, '') NOT LIKE '%by OPERATOR_IDS' ORDER BY id",
    )


def operator_row(settings: Settings, telegram_id: int) -> int:
    return query_db(settings, "SELECT id FROM operators WHERE telegram_id = ?", telegram_id)[0][0]


# ------------------------------------------------------------------------------------------------ claiming


async def test_two_operators_claiming_at_the_same_moment_exactly_one_gets_the_case(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        settings = desk.bot.settings
        reporter = Citizen(emulator, citizen(language_code="en"))
        descriptions = [f"{DESCRIPTION} Report number {n}, about a different group of people." for n in (1, 2, 3)]
        for description in descriptions:
            await reporter.report(description)
        label = staff("op-button-claim")
        second = await desk.card(2)  # the same story again: the operators are told
        assert second["text"].endswith("\n" + staff("op-card-similar", number="HT-00001").strip())
        winners = []
        for case_id in (1, 2, 3):  # the race, three times over
            card = await desk.card(case_id)
            queries = await asyncio.gather(
                emulator.press_button(desk.operator, card, text=label),
                emulator.press_button(desk.operator2, card, text=label),
            )
            answers = [await emulator.wait_for_callback_answer(q) for q in queries]
            won = staff("op-claimed", number=number(case_id), hours=4)
            lost = staff("op-taken", number=number(case_id))
            assert sorted(a["text"] for a in answers) == sorted([won, lost]), answers
            winner, loser = (
                (desk.operator, desk.operator2) if answers[0]["text"] == won else (desk.operator2, desk.operator)
            )
            assert [a.get("show_alert", False) for a in answers if a["text"] == lost] == [True]
            (row,) = [r for r in cases(settings) if r[0] == case_id]
            assert row[2:] == ("in_review", operator_row(settings, winner.id))
            winners.append(operator_row(settings, winner.id))
        claims = [(a[1], a[3]) for a in audit(settings) if a[0] == "case_claimed"]
        assert claims == list(zip(winners, (1, 2, 3), strict=True))  # one claim each, by the winner

        # The last case: the loser can neither reply nor release it; once released, they can claim it.
        await desk.write(loser, card, 3, "Hello?", confirmation="op-reply-refused")
        assert query_db(settings, "SELECT count(*) FROM case_messages") == [(0,)]
        assert (await desk.press(loser, card, "op-button-release"))["text"] == staff(
            "op-not-released", number="HT-00003"
        )
        assert (await desk.press(winner, card, "op-button-release"))["text"] == staff("op-released", number="HT-00003")
        assert (await desk.press(loser, card, "op-button-claim"))["text"] == staff(
            "op-claimed", number="HT-00003", hours=4
        )
        assert (await desk.press(loser, card, "op-button-claim"))["text"] == staff(
            "op-already-yours", number="HT-00003"
        )


# ------------------------------------------------------------------------------------------------ roles


async def test_forged_operator_buttons_from_a_citizen_are_refused_and_audited_under_a_keyed_hash(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        settings = desk.bot.settings
        reporter = Citizen(emulator, citizen(language_code="en"))
        await reporter.report(photos=1)
        await desk.card(1)
        outsider = Citizen(emulator, citizen(language_code="en"))
        await outsider.say("/help")
        help_message = await emulator.wait_for_bot_message(outsider.user.id)
        forged = (
            "o:claim:1",
            "o:open:1",
            "os:1:spam",
            "os:1:in_review",
            "o:reply:1",
            "o:note:1",
            "o:release:1",
            "o:status:1",
        )
        for data in forged:
            query = await emulator.press_raw(outsider.user, help_message["message_id"], data)
            answer = await emulator.wait_for_callback_answer(query)
            assert (answer["text"], answer.get("show_alert")) == (staff("op-forbidden"), True), data
        await outsider.say("/queue")
        await outsider.expect("op-forbidden")

        assert cases(settings) == [(1, DESCRIPTION, "new", None)]
        assert query_db(settings, "SELECT count(*) FROM case_notes") == [(0,)]
        # Nothing of the case reached the outsider's chat: no details, no files, no prompt.
        texts = [m.get("text") or "" for m in emulator.bot_messages(outsider.user.id)]
        assert not [t for t in texts if DESCRIPTION in t or "HT-00001" in t]
        assert sends_to(emulator, outsider.user.id, "sendPhoto") == []

        refusals = audit(settings)
        assert [r[0] for r in refusals] == [
            "refused:button:claim",
            "refused:button:open",
            "refused:status",
            "refused:status",
            "refused:button:reply",
            "refused:button:note",
            "refused:button:release",
            "refused:button:status",
            "refused:queue",
        ]
        keys = {r[2] for r in refusals}
        assert len(keys) == 1
        (key,) = keys
        assert re.fullmatch(r"[0-9a-f]{64}", key) and str(outsider.user.id) not in key
        assert key == SecretBox(SECRET).user_key(outsider.user.id)  # the same pseudonym as everywhere else
        assert {(r[1], r[3]) for r in refusals} <= {(None, 1), (None, None)}


async def test_roles_analysts_read_operators_work_admins_export_and_audit(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        settings = desk.bot.settings
        reporter = Citizen(
            emulator, citizen(language_code="ru", first_name="Bakhytzhan", last_name="Seitkali", username="bakha_92")
        )
        await reporter.report(
            "Во дворе соседнего дома мужчина с оружием угрожает людям, я смотрю из окна.",
            category="weapons",
            place="ул. Абая 10",
            happening_now=False,
        )
        await reporter.expect("emergency-notice")  # after the receipt: the description signals immediate danger
        card = await desk.card(1)
        assert card["text"].startswith(
            staff(
                "op-card", urgent="yes", number="HT-00001", category="", language="", time="", evidence=0, similar=""
            ).split("\n")[0]
        )  # a weapon, people threatened: urgent
        assert staff("op-card-happening-now", now="no") == card["text"].split("\n")[1]  # the reporter said "no"
        alert = staff("op-urgent-alert", number="HT-00001") + "\n" + staff("op-card-happening-now", now="no")
        await emulator.wait_for_bot_message(OPERATORS_CHAT, lambda m: m.get("text") == alert)

        # The analyst reads but changes nothing.
        answer = await desk.press(desk.analyst, card, "op-button-claim")
        assert (answer["text"], answer.get("show_alert")) == (staff("op-forbidden"), True)
        details = await desk.open(desk.analyst, card, 1)
        assert "мужчина с оружием угрожает людям" in details["text"]
        queue = await desk.command(desk.analyst, "/queue")
        assert like(
            "\n".join(
                [
                    staff("op-queue-title", filter="open"),
                    staff(
                        "op-queue-line",
                        urgent="yes",
                        number="HT-00001",
                        category=staff("category-weapons"),
                        status=staff("status-new"),
                        time="§",
                        now="no",  # the reporter said "no": nothing marked
                    ),
                ]
            ),
            queue["text"],
        ), queue["text"]
        assert (await desk.command(desk.analyst, "/export"))["text"] == staff("op-forbidden")

        # A plain operator works cases, but neither exports nor reads the audit log.
        for command in ("/export", "/export json", "/audit", f"/op_add {desk.analyst.id} admin"):
            assert (await desk.command(desk.operator, command))["text"] == staff("op-forbidden"), command
        stats = await desk.command(desk.operator, "/stats 7")
        none = staff("op-stats-none")
        assert stats["text"] == staff(
            "console-stats",
            days=7,
            total=1,
            urgent=1,
            by_category=f"{staff('category-weapons')}: 1",
            reply_median=none,
            reply_p90=none,
            close_median=none,
            close_p90=none,
            backlog=", ".join(
                f"{staff(f'console-age-{age}')}: {int(age == 'lt1d')}"
                for age in ("lt1d", "1to3d", "3to7d", "7to30d", "gt30d")
            ),
            reminders=0,
            answers="kk 0/0, ru 0/0, en 0/0",
            thumbs=f"kk {none}, ru {none}, en {none}",
        )
        chart = await emulator.wait_for_bot_message(OPERATORS_CHAT, lambda m: "photo" in m, after=stats)
        assert chart["caption"].startswith(staff("console-stats-chart", days=7))
        picture = emulator.files.get(chart["photo"][-1]["file_id"]).data
        assert picture.startswith(b"\x89PNG")
        assert (await desk.command(desk.operator, "/stats forever"))["text"] == staff("console-stats-usage")
        # Asked for in the group, the case goes to the operator's private chat; the group reads only that.
        mark = desk.private_mark(desk.operator)
        told = await desk.command(desk.operator, "/case HT-00001")
        assert told["text"] == staff("security-sent-privately", what=staff("security-what-case", number="HT-00001"))
        shown = await emulator.wait_for_bot_message(
            desk.operator.id, lambda m: m["text"].startswith("📂 Case HT-00001"), after=mark
        )
        assert "ул. Абая 10" in shown["text"]
        with_buttons = await emulator.wait_for_bot_message(
            desk.operator.id, lambda m: m["text"] == "HT-00001", after=shown
        )
        assert buttons(with_buttons) == buttons(card)
        assert (await desk.command(desk.operator, "/case nonsense"))["text"] == staff("op-case-usage")
        assert (await desk.command(desk.operator, "/case HT-00042"))["text"] == staff("op-not-found")
        assert (await desk.command(desk.operator, "/queue everything"))["text"] == staff("op-queue-usage")
        assert (await desk.command(desk.operator, "/queue mine"))["text"] == staff("op-queue-empty")

        # The admin exports without any identity of the reporter, and reads the audit log.
        mark = desk.private_mark(desk.admin)
        told = await desk.command(desk.admin, "/export csv")
        assert told["text"] == staff("security-sent-privately", what=staff("security-what-export"))
        exported = await emulator.wait_for_bot_message(desk.admin.id, lambda m: "document" in m, after=mark)
        assert exported["caption"] == staff("op-export-ready", count=1, format="csv")
        assert sends_to(emulator, OPERATORS_CHAT, "sendDocument") == []
        content = emulator.files.get(exported["document"]["file_id"]).data.decode()
        (row,) = list(csv.DictReader(io.StringIO(content)))
        assert row["number"] == "HT-00001" and row["category"] == "weapons" and row["place"] == "ул. Абая 10"
        await emulator.send_message(desk.admin, "/export json")  # in the private chat: answered there
        exported_json = await emulator.wait_for_bot_message(desk.admin.id, lambda m: "document" in m)
        records = json.loads(emulator.files.get(exported_json["document"]["file_id"]).data)
        assert [r["number"] for r in records] == ["HT-00001"]
        for blob in (content, json.dumps(records, ensure_ascii=False)):
            for identity in (str(reporter.user.id), "Bakhytzhan", "Seitkali", "bakha_92"):
                assert identity not in blob

        trail = await desk.command(desk.admin, "/audit")
        lines = trail["text"].split("\n")
        assert lines[0] == staff("op-audit-title")
        actions = [line.split(" · ")[2] for line in lines[1:]]
        # Newest first, in words (the stored names are identifiers: "status_changed" must not reach a person).
        assert [action.split(":")[0] for action in actions[:2]] == [staff("console-action-export")] * 2
        expected = {"case_opened", "refused:button:claim", "refused:export", "refused:audit"}
        assert {audit_label(staff, action, "") for action in expected} <= set(actions)
        analyst_id = operator_row(settings, desk.analyst.id)
        assert ("refused:button:claim", analyst_id, None, 1) in audit(settings)  # staff are audited by operator id


async def test_an_operator_added_by_the_admin_can_work_and_a_removed_one_cannot(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        await Citizen(emulator, citizen(language_code="en")).report()
        card = await desk.card(1)
        newcomer = emulator.user(5550009, first_name="Nurlan", language_code="en")
        assert (await desk.press(newcomer, card, "op-button-claim"))["text"] == staff("op-forbidden")
        added = await desk.command(desk.admin, f"/op_add {newcomer.id}")
        assert added["text"] == staff("op-operator-set", id=newcomer.id, role=staff("console-role-operator"))
        assert (await desk.press(newcomer, card, "op-button-claim"))["text"] == staff(
            "op-claimed", number="HT-00001", hours=4
        )
        removed = await desk.command(desk.admin, f"/op_remove {newcomer.id}")
        assert removed["text"] == staff("op-operator-removed", id=newcomer.id)
        assert (await desk.press(newcomer, card, "op-button-release"))["text"] == staff("op-forbidden")


# ------------------------------------------------------------------------------------------------ unreachable reporter


async def test_a_reporter_who_blocked_the_bot_is_shown_unreachable_and_reads_the_reply_later_with_status(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        settings = desk.bot.settings
        me = Citizen(emulator, citizen(language_code="kk"))
        code = await me.report(
            "Біздің ауданда бір адам жасөспірімдерді онлайн-чат арқылы экстремистік топқа тартып жүр."
        )
        card = await desk.card(1)
        await emulator.user_blocks_bot(me.user.id)
        await desk.press(desk.operator, card, "op-button-claim")
        tries = len(sends_to(emulator, me.user.id))
        await desk.write(desk.operator, card, 1, "Are you safe? Please write to us.")
        sql = "SELECT sent_at, failed_at, attempts, last_error FROM outbox WHERE kind = 'citizen_message'"
        await eventually(lambda: query_db(settings, sql)[0][1], what="the reply given up as undeliverable")
        await asyncio.sleep(2.5)  # a retry would come 2 s later
        ((sent_at, failed_at, attempts, last_error),) = query_db(settings, sql)
        assert sent_at is None and failed_at is not None and attempts == 0
        assert last_error == "reporter unreachable: TelegramForbiddenError"
        assert len(sends_to(emulator, me.user.id)) == tries + 1  # tried once, never again

        details = await desk.open(desk.operator, card, 1)
        reachable = staff(
            "op-case-details",
            number="",
            status="",
            outcome="",
            category="",
            language="",
            urgent="no",
            time="",
            claimed="",
            place="",
            incident="",
            route=staff("op-no"),
            description="",
        )
        reachable = next(line for line in reachable.split("\n") if "Telegram" in line)
        assert reachable in details["text"].split("\n")
        assert "→ operator #" in details["text"] and "Are you safe?" in details["text"]

        await emulator.user_blocks_bot(me.user.id, blocked=False)
        view = await me.status(code)
        (date,) = message_dates(settings, "to_citizen")
        assert view["text"] == status_view("kk", "in_review", (date, "Are you safe? Please write to us."))

        # Back in the chat: the next reply arrives, and the case says so again.
        await desk.write(desk.operator, card, 1, "Thank you for answering.")
        await me.expect("operator-message-to-citizen", text="Thank you for answering.")
        # The bot records the delivery just after Telegram accepted the message: wait for that commit, not a race.
        unreachable = "SELECT reporter_unreachable FROM cases WHERE id = 1"
        await eventually(lambda: query_db(settings, unreachable) == [(0,)], what="the case marked reachable")
        details = await desk.open(desk.operator, card, 1)
        assert reachable.replace(staff("op-no"), staff("op-yes")) in details["text"].split("\n")


async def test_a_reporter_who_ends_the_dialogue_is_no_longer_written_to(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        settings = desk.bot.settings
        me = Citizen(emulator, citizen(language_code="ru"))
        code = await me.report("Мужчина в нашем районе вербует подростков в экстремистскую группу через онлайн-чат.")
        card = await desk.card(1)
        view = await me.status(code)
        mark = desk.mark()
        await me.press(view, "status-end-button")
        confirm = await me.expect("citizen-end-confirm")
        await me.press(confirm, "citizen-end-yes-button")
        await me.expect("status-dialogue-ended")
        await desk.message("op-dialogue-ended", after=mark, number="HT-00001")
        assert query_db(settings, "SELECT count(*) FROM reply_routes") == [(0,)]

        await desk.press(desk.operator, card, "op-button-claim")
        tries = len(sends_to(emulator, me.user.id))
        await desk.write(desk.operator, card, 1, "Спасибо, мы проверим.")
        sql = "SELECT failed_at, last_error FROM outbox WHERE kind = 'citizen_message'"
        await eventually(lambda: query_db(settings, sql)[0][0], what="the reply kept for /status only")
        assert len(sends_to(emulator, me.user.id)) == tries  # not even tried
        details = await desk.open(desk.operator, card, 1)
        assert "\nReporter reachable in Telegram: no\n" in details["text"]
        view = await me.status(code)
        (date,) = message_dates(settings, "to_citizen")
        assert view["text"] == status_view("ru", "in_review", (date, "Спасибо, мы проверим."))
        assert buttons(view) == [me.t("status-reply-button")]  # can still answer; no dialogue to end


# ------------------------------------------------------------------------------------------ what reaches the reporter


async def test_only_the_answer_to_the_prompt_reaches_the_reporter_not_commands_or_chatter(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        me = Citizen(emulator, citizen(language_code="en"))
        await me.report()
        card = await desk.card(1)
        await desk.press(desk.operator, card, "op-button-claim")
        mark = desk.mark()
        await desk.press(desk.operator, card, "op-button-reply")
        prompt = await desk.prompt(desk.operator, "op-write-reply", after=mark, number="HT-00001")

        # Having pressed Reply, the operator first looks at the queue…
        queue = await desk.command(desk.operator, "/queue")
        assert queue["text"].startswith(staff("op-queue-title", filter="open"))
        # …and, where the bot sees all messages (privacy mode off, or the bot is an admin of the group), chats.
        emulator.privacy_mode = False
        await emulator.send_message(desk.operator, "Who takes the next one? I'm going for lunch.", chat=desk.chat)
        await emulator.send_message(desk.admin, "Me.", chat=desk.chat)
        await desk.write(desk.operator2, card, 1, "Hello?", confirmation="op-reply-refused")  # a sync point
        emulator.privacy_mode = True

        sent = await emulator.send_message(
            desk.operator, "Thank you, we are looking into it.", chat=desk.chat, reply_to=prompt
        )
        await emulator.wait_for_bot_message(
            OPERATORS_CHAT, lambda m: m["text"] == staff("op-reply-queued", number="HT-00001"), after=sent
        )
        await me.expect("operator-message-to-citizen", text="Thank you, we are looking into it.")
        bodies = [row[0] for row in query_db(desk.bot.settings, "SELECT body FROM case_messages ORDER BY id")]
        assert bodies == ["Thank you, we are looking into it."]
        await asyncio.sleep(0.3)
        from_operators = [
            m["text"]
            for m in emulator.bot_messages(me.user.id)
            if "looking into it" in m["text"]
            or "lunch" in m["text"]
            or "/queue" in m["text"]
            or m["text"].endswith("Me.")
        ]
        assert len(from_operators) == 1


async def test_open_resends_every_kind_of_evidence_with_its_own_method(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        me = Citizen(emulator, citizen(language_code="en"))
        await me.choose(await me.start_report())
        evidence = await me.describe()
        files = emulator.files
        sent = [
            await emulator.send_photo(me.user),
            await emulator.send_video(me.user),
            await emulator.send_voice(me.user),
            await emulator.send_document(me.user),
            # No user-side helpers for these two: the message Telegram would deliver.
            await emulator._user_sends(
                me.user, {"audio": files.media_object(files.add("audio", b"ID3 song", duration=60))}, None, None, None
            ),
            await emulator._user_sends(
                me.user,
                {"video_note": files.media_object(files.add("video_note", b"round", duration=5, length=240))},
                None,
                None,
                None,
            ),
        ]
        for n in range(1, len(sent) + 1):
            await me.expect("report-evidence-added", count=n)
        _, actions = await me.time(await me.place(await me.done(evidence)))
        await me.submit(actions)
        card = await desk.card(1)
        await desk.open(desk.operator, card, 1)
        expected = {
            "sendPhoto": [sent[0]["photo"][-1]["file_id"]],
            "sendVideo": [sent[1]["video"]["file_id"]],
            "sendVoice": [sent[2]["voice"]["file_id"]],
            "sendDocument": [sent[3]["document"]["file_id"]],
            "sendAudio": [sent[4]["audio"]["file_id"]],
            "sendVideoNote": [sent[5]["video_note"]["file_id"]],
        }
        kinds = {
            "sendPhoto": "photo",
            "sendVideo": "video",
            "sendVoice": "voice",
            "sendDocument": "document",
            "sendAudio": "audio",
            "sendVideoNote": "video_note",
        }
        for method, file_ids in expected.items():
            assert [c.params.get(kinds[method]) for c in sends_to(emulator, desk.operator.id, method)] == file_ids
        shown = [m for m in emulator.bot_messages(desk.operator.id) if set(kinds.values()) & set(m)]
        assert len(shown) == 6  # every file arrived in the private chat of the operator who opened the case
