"""The console over real HTTP: sign-in and its refusals, sessions, CSRF, roles, and what the pages show."""

from __future__ import annotations

import html
import logging
import re
from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy import update
from sqlmodel import col, select

from bot.cases import moderation
from bot.core.clock import utcnow
from bot.models import AuditEntry, Case, ConsoleLink, ConsoleSession
from bot.models.cases import Status
from bot.models.operators import Role
from tests.console.conftest import (
    ADMIN,
    ANALYST,
    OPERATOR,
    OPERATOR_2,
    SECRET_ON_PAGE,
    RunningConsole,
    console_settings,
    csrf_of,
    running_console,
    sign_in,
)

DESCRIPTION = "Сосед по подъезду зовёт подростков в экстремистскую группу в мессенджере, обещает деньги."


def fresh_client() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def get(client: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with client.get(url, allow_redirects=False) as answer:
        return answer.status, await answer.text()


async def post(client: aiohttp.ClientSession, url: str, **data: str) -> tuple[int, str]:
    async with client.post(url, data=data) as answer:
        return answer.status, await answer.text()


async def case_row(console: RunningConsole, case_id: int) -> Case:
    async with console.sessions() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        return case


# ------------------------------------------------------------------------------------------------ signing in


async def test_first_sign_in_enrols_totp_and_the_secret_is_shown_only_then(console: RunningConsole) -> None:
    await sign_in(console, OPERATOR)  # enrols
    async with fresh_client() as client:
        async with client.post(await console.link(OPERATOR)) as answer:
            page = await answer.text()
        assert answer.status == 200
        assert SECRET_ON_PAGE.search(page) is None, "the TOTP secret must not be shown again once enrolled"
        assert 'name="code"' in page


async def test_no_session_gets_the_sign_in_explanation_on_every_page(console: RunningConsole) -> None:
    case_id = await console.report(DESCRIPTION)
    async with fresh_client() as client:
        for path in ("/queue", f"/cases/{case_id}", "/dashboard", "/admin/audit", "/sessions"):
            status, page = await get(client, console.url + path)
            assert status == 401, path
            assert "/console" in page and DESCRIPTION[:30] not in page
        status, _ = await post(client, f"{console.url}/cases/{case_id}/claim", csrf="x")
        assert status == 401
    assert (await case_row(console, case_id)).claimed_by is None


async def test_an_expired_link_is_refused(console: RunningConsole) -> None:
    link = await console.link(OPERATOR)
    async with console.sessions() as session:
        await session.exec(update(ConsoleLink).values(expires_at=utcnow() - timedelta(seconds=1)))
        await session.commit()
    async with fresh_client() as client:
        status, page = await post(client, link)
        assert status == 410
        assert "5" in page and "/console" in page
        assert (await get(client, f"{console.url}/queue"))[0] == 401


async def test_a_link_works_once(console: RunningConsole) -> None:
    link = await console.link(OPERATOR)
    async with fresh_client() as first, fresh_client() as second:
        assert (await post(first, link))[0] == 200
        status, _ = await post(second, link)
        assert status == 410
        assert (await get(second, f"{console.url}/signin/code"))[0] == 410


async def test_opening_a_link_does_not_spend_it(console: RunningConsole) -> None:
    """A link preview (or a mail scanner) fetching the address must not use the link up."""
    link = await console.link(OPERATOR)
    async with fresh_client() as client:
        assert (await get(client, link))[0] == 200
        assert (await post(client, link))[0] == 200


async def test_a_wrong_code_does_not_sign_in_and_five_end_the_attempt(console: RunningConsole) -> None:
    async with fresh_client() as client:
        _, page = await post(client, await console.link(OPERATOR))
        secret = SECRET_ON_PAGE.search(page).group(1)  # type: ignore[union-attr]
        console.secrets_by_staff[OPERATOR] = secret
        right = console.code(OPERATOR)
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        status, page = await post(client, f"{console.url}/signin/code", csrf=csrf_of(page), code=wrong)
        assert status == 401 and 'id="wrong-code"' in page
        assert (await get(client, f"{console.url}/queue"))[0] == 401
        for _ in range(4):
            status, page = await post(client, f"{console.url}/signin/code", csrf=csrf_of(page), code=wrong)
        assert status == 410, "after five wrong codes the half-way session ends"
        status, _ = await post(client, f"{console.url}/signin/code", csrf="0" * 64, code=right)
        assert status in (403, 410)
        assert (await get(client, f"{console.url}/queue"))[0] == 401
    async with console.sessions() as session:
        refused = (await session.exec(select(AuditEntry).where(AuditEntry.action == "console_code_refused"))).all()
    assert len(refused) == 5


async def test_a_code_is_accepted_once(console: RunningConsole) -> None:
    await sign_in(console, OPERATOR)
    async with console.sessions() as session:
        used_step = (await session.exec(select(ConsoleSession))).first()
    assert used_step is not None
    async with fresh_client() as client:
        _, page = await post(client, await console.link(OPERATOR))
        # The code of a step already used (by the first sign-in) is refused even though it is "right".
        from bot.console import totp
        from bot.models import ConsoleCredential

        async with console.sessions() as session:
            credential = await session.get(ConsoleCredential, (await console.operator(OPERATOR)).id)
        replay = totp.code_at(console.secrets_by_staff[OPERATOR], credential.last_step)  # type: ignore[union-attr]
        status, _ = await post(client, f"{console.url}/signin/code", csrf=csrf_of(page), code=replay)
        assert status == 401


async def test_cookies_are_httponly_strict_and_secure_unless_allowed(tmp_path) -> None:
    settings = console_settings(tmp_path, console_insecure_cookies=False)
    async with running_console(settings) as console, fresh_client() as client:
        link = await console.link(OPERATOR)
        async with client.post(link, allow_redirects=False) as answer:
            cookie = answer.headers["Set-Cookie"]
            headers = answer.headers
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" in cookie
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "script-src" not in headers["Content-Security-Policy"], "no script is allowed at all"
    assert headers["X-Frame-Options"] == "DENY"


# ------------------------------------------------------------------------------------------------ sessions, CSRF, roles


async def test_a_change_without_the_csrf_token_is_refused(console: RunningConsole, signed_in) -> None:
    case_id = await console.report(DESCRIPTION)
    client = await signed_in(OPERATOR)
    status, page = await post(client, f"{console.url}/cases/{case_id}/claim")
    assert status == 403 and "reload" in page
    status, _ = await post(client, f"{console.url}/cases/{case_id}/claim", csrf="f" * 64)
    assert status == 403
    assert (await case_row(console, case_id)).claimed_by is None


async def test_an_analyst_cannot_claim_and_the_attempt_is_audited(console: RunningConsole, signed_in) -> None:
    case_id = await console.report(DESCRIPTION)
    client = await signed_in(ANALYST)
    status, page = await get(client, f"{console.url}/cases/{case_id}")
    assert status == 200 and 'id="claim"' not in page  # reads, with no buttons to change anything
    for action in ("claim", "reply", "note"):
        status, _ = await post(client, f"{console.url}/cases/{case_id}/{action}", csrf=csrf_of(page), body="x")
        assert status == 403, action
    case = await case_row(console, case_id)
    assert case.claimed_by is None and case.status == Status.new
    async with console.sessions() as session:
        refused = (
            await session.exec(select(AuditEntry.action).where(col(AuditEntry.action).startswith("refused:")))
        ).all()
    assert "refused:console:claim" in refused


async def test_an_operator_cannot_read_the_session_list_of_others(console: RunningConsole, signed_in) -> None:
    admin = await signed_in(ADMIN)
    operator = await signed_in(OPERATOR)
    admin_operator = await console.operator(ADMIN)
    status, _ = await get(operator, f"{console.url}/admin/sessions")
    assert status == 403
    status, page = await get(operator, f"{console.url}/sessions?operator={admin_operator.id}")
    assert status == 200
    assert f"operator #{admin_operator.id}" not in page.split("<main>")[1]
    # …nor end them.
    async with console.sessions() as session:
        admin_session = (
            await session.exec(select(ConsoleSession.id).where(ConsoleSession.operator_id == admin_operator.id))
        ).first()
    status, _ = await post(operator, f"{console.url}/sessions/{admin_session}/end", csrf=csrf_of(page))
    assert status == 403
    assert (await get(admin, f"{console.url}/queue"))[0] == 200


async def test_an_admin_revokes_a_session_and_it_fails_at_once(console: RunningConsole, signed_in) -> None:
    admin = await signed_in(ADMIN)
    operator = await signed_in(OPERATOR)
    status, page = await get(admin, f"{console.url}/admin/sessions")
    operator_id = (await console.operator(OPERATOR)).id
    assert status == 200 and f"operator #{operator_id}" in page
    async with console.sessions() as session:
        target = (await session.exec(select(ConsoleSession.id).where(ConsoleSession.operator_id == operator_id))).one()
    status, _ = await post(admin, f"{console.url}/sessions/{target}/end", csrf=csrf_of(page))
    assert status == 200
    assert (await get(operator, f"{console.url}/queue"))[0] == 401
    assert (await get(admin, f"{console.url}/queue"))[0] == 200


async def test_demoting_or_removing_staff_ends_their_sessions(console: RunningConsole, signed_in) -> None:
    operator = await signed_in(OPERATOR)
    other = await signed_in(OPERATOR_2)
    admin = await console.operator(ADMIN)
    await moderation.set_operator(console.sessions, admin, telegram_id=OPERATOR, role=Role.analyst)
    await moderation.set_operator(console.sessions, admin, telegram_id=OPERATOR_2, role=None)
    assert (await get(operator, f"{console.url}/queue"))[0] == 401
    assert (await get(other, f"{console.url}/queue"))[0] == 401


async def test_an_idle_session_ends(console: RunningConsole, signed_in) -> None:
    client = await signed_in(OPERATOR)
    async with console.sessions() as session:
        await session.exec(update(ConsoleSession).values(last_seen_at=utcnow() - timedelta(hours=2)))
        await session.commit()
    assert (await get(client, f"{console.url}/queue"))[0] == 401


# ------------------------------------------------------------------------------------------------ the work itself


async def test_queue_filters_and_search_over_description_and_notes(console: RunningConsole, signed_in) -> None:
    weapons = await console.report("Видел, как в гараже на улице Абая прячут автоматы и патроны.", category="weapons")
    kazakh = await console.report("Көршім жастарды интернеттегі экстремистік топқа шақырып жүр.", language="kk")
    other = await console.report(DESCRIPTION)
    admin = await console.operator(ADMIN)
    await moderation.add_note(console.sessions, admin, other, "Проверить связь с делом о гараже")
    client = await signed_in(OPERATOR)

    async def numbers(query: str) -> set[str]:
        status, page = await get(client, f"{console.url}/queue?{query}")
        assert status == 200
        return {n for n in (f"HT-{i:05d}" for i in (weapons, kazakh, other)) if f">{n}<" in page}

    assert await numbers("") == {f"HT-{weapons:05d}", f"HT-{kazakh:05d}", f"HT-{other:05d}"}
    assert await numbers("category=weapons") == {f"HT-{weapons:05d}"}
    assert await numbers("language=kk") == {f"HT-{kazakh:05d}"}
    assert await numbers("q=автоматы") == {f"HT-{weapons:05d}"}
    assert await numbers("q=гараж") == {f"HT-{weapons:05d}", f"HT-{other:05d}"}  # the note matches too (prefix)
    assert await numbers("q=экстремистік") == {f"HT-{kazakh:05d}"}
    assert await numbers("q=nothing-like-this") == set()
    assert await numbers("status=closed") == set()


async def test_a_case_from_claim_to_reply_to_close_to_reopen(console: RunningConsole, signed_in) -> None:
    case_id = await console.report(DESCRIPTION)
    client = await signed_in(OPERATOR)
    base = f"{console.url}/cases/{case_id}"
    _, page = await get(client, base)
    token = csrf_of(page)
    await post(client, f"{base}/claim", csrf=token)
    status, page = await post(client, f"{base}/reply", csrf=token, body="Спасибо, уточните адрес, пожалуйста.")
    assert status == 200 and 'id="done"' in page
    case = await case_row(console, case_id)
    assert case.status == Status.in_review and case.first_reply_at is not None
    status, page = await post(client, f"{base}/status", csrf=token, value="actioned")
    assert 'id="confirm"' in page, "closing asks for confirmation first"
    assert (await case_row(console, case_id)).status == Status.in_review
    await post(client, f"{base}/status", csrf=token, value="actioned", confirm="yes")
    assert (await case_row(console, case_id)).status == Status.closed
    status, page = await post(client, f"{base}/reopen", csrf=token, reason="")
    assert (await case_row(console, case_id)).status == Status.closed
    await post(client, f"{base}/reopen", csrf=token, reason="Заявитель прислал новые сведения через /status")
    case = await case_row(console, case_id)
    assert case.status == Status.in_review and case.outcome is None
    _, page = await get(client, base)
    assert "Заявитель прислал новые сведения" in page  # the reason is an internal note on the timeline
    assert "reopened the case" in page


async def test_the_case_page_and_the_queue_say_whether_it_is_happening_now(console: RunningConsole, signed_in) -> None:
    """The reporter's answer, kept on the case: under the case number on its page, and marked in the queue when it
    is "yes" (the card in Telegram is not the only place an operator reads it)."""
    danger = "На вокзале мужчина с ножом кидается на людей, один уже лежит"
    said_yes = await console.report(danger, happening_now=True)
    said_no = await console.report(danger + ", это было вчера", happening_now=False)
    not_asked = await console.report(danger + " (пишу по памяти)")
    ordinary = await console.report(DESCRIPTION)
    client = await signed_in(OPERATOR)
    line = re.compile(r'<p id="happening-now"[^>]*>([^<]*)</p>')
    seen = {}
    for case_id in (said_yes, said_no, not_asked, ordinary):
        _, page = await get(client, f"{console.url}/cases/{case_id}")
        found = line.search(page)
        seen[case_id] = html.unescape(found.group(1)) if found else None
    assert seen == {
        said_yes: "🔴 Happening now: YES, the reporter says so",
        said_no: "Happening now: no, the reporter says so",
        not_asked: "Happening now: unknown (the reporter was not asked)",
        ordinary: None,
    }
    _, queue = await get(client, f"{console.url}/queue")
    marked = set()
    for row in queue.split("<tr")[1:]:
        number = re.search(r">(HT-\d{5})<", row)
        if number and ">happening now</span>" in row:
            marked.add(number.group(1))
    assert marked == {f"HT-{said_yes:05d}"}


async def test_assigning_to_a_colleague_and_tags(console: RunningConsole, signed_in) -> None:
    case_id = await console.report(DESCRIPTION)
    client = await signed_in(OPERATOR)
    colleague = await console.operator(OPERATOR_2)
    base = f"{console.url}/cases/{case_id}"
    _, page = await get(client, base)
    token = csrf_of(page)
    await post(client, f"{base}/assign", csrf=token, assignee=str(colleague.id))
    assert (await case_row(console, case_id)).claimed_by == colleague.id
    myself = await console.operator(OPERATOR)
    _, page = await post(client, f"{base}/assign", csrf=token, assignee=str(myself.id))
    assert "Another operator holds this case" in page  # only the holder or an admin hands it on
    await post(client, f"{base}/tag", csrf=token, tag="Follow up")
    await post(client, f"{base}/tag", csrf=token, tag="<script>")
    _, page = await get(client, f"{console.url}/queue?tag=follow-up")
    assert f"HT-{case_id:05d}" in page
    assert "<script>" not in page


async def test_dashboard_shows_charts_for_a_period(console: RunningConsole, signed_in) -> None:
    await console.report(DESCRIPTION)
    await console.report("В подъезде оставили сумку, похоже на бомбу, люди рядом.", category="terror_plot")
    client = await signed_in(ANALYST)
    for days in (7, 30, 90):
        status, page = await get(client, f"{console.url}/dashboard?days={days}")
        assert status == 200
        assert page.count("<svg") >= 3
        assert f"2 cases in the last {days} days" in page


async def test_the_russian_interface_has_no_english_words(console: RunningConsole, signed_in) -> None:
    """The issue's examples: "Обращения (open)", "status_changed", "роль analyst"."""
    case_id = await console.report(DESCRIPTION)
    client = await signed_in(ADMIN)
    async with client.post(f"{console.url}/language", data={"lang": "ru", "back": "/queue"}) as answer:
        assert answer.status == 200
    await moderation.claim_case(console.sessions, await console.operator(ADMIN), case_id)
    await moderation.set_status(console.sessions, await console.operator(ADMIN), case_id, Status.in_review)
    for path in ("/queue", f"/cases/{case_id}", "/admin/staff", "/admin/audit", "/dashboard"):
        _, page = await get(client, console.url + path)
        text = page.split("<main>")[1].split("</main>")[0]
        for english in ("open", "status_changed", "analyst", "in_review", "Status", "Queue"):
            assert f">{english}<" not in text and f" {english} " not in text, (path, english)
        assert "аналитик" in page or path != "/admin/staff"


async def test_export_with_notes_dialogue_and_assignee_is_audited(console: RunningConsole, signed_in) -> None:
    case_id = await console.report(DESCRIPTION)
    admin = await console.operator(ADMIN)
    await moderation.claim_case(console.sessions, admin, case_id)
    await moderation.add_note(console.sessions, admin, case_id, "внутренняя заметка")
    await moderation.reply_to_citizen(console.sessions, admin, case_id, "ответ заявителю")
    client = await signed_in(ADMIN)
    _, page = await get(client, f"{console.url}/admin/export")
    async with client.post(
        f"{console.url}/admin/export",
        data={"csrf": csrf_of(page), "format": "csv", "notes": "yes", "dialogue": "yes", "assignee": "yes"},
    ) as answer:
        body = await answer.text()
        assert answer.headers["Content-Disposition"].startswith("attachment")
    assert "внутренняя заметка" in body and "ответ заявителю" in body and f"operator #{admin.id}" in body
    operator = await signed_in(OPERATOR)
    _, page = await get(operator, f"{console.url}/queue")
    status, _ = await post(operator, f"{console.url}/admin/export", csrf=csrf_of(page), format="csv")
    assert status == 403
    async with console.sessions() as session:
        details = (await session.exec(select(AuditEntry.detail).where(AuditEntry.action == "export"))).all()
    assert details == ["csv, cases: 1, with: notes+dialogue+assignee"]
    _, audit = await get(client, f"{console.url}/admin/audit")
    assert "exported cases: 1 case (csv), also: notes, dialogue, assignee" in html.unescape(audit)


async def test_no_reporter_identity_in_any_page_export_or_log(
    console: RunningConsole, signed_in, caplog: pytest.LogCaptureFixture
) -> None:
    """The reply route holds the reporter's chat id (555000111), sealed: it must appear nowhere in the console."""
    caplog.set_level(logging.DEBUG, logger="bot")
    case_id = await console.report(DESCRIPTION)
    client = await signed_in(ADMIN)
    pages = []
    for path in ("/queue", f"/cases/{case_id}", "/dashboard", "/admin/audit", "/admin/sessions", "/admin/staff"):
        pages.append((await get(client, console.url + path))[1])
    _, page = await get(client, f"{console.url}/admin/export")
    for fmt in ("csv", "json"):
        async with client.post(
            f"{console.url}/admin/export",
            data={"csrf": csrf_of(page), "format": fmt, "notes": "yes", "dialogue": "yes", "assignee": "yes"},
        ) as answer:
            pages.append(await answer.text())
    everything = "\n".join(pages) + caplog.text
    assert "555000111" not in everything
    assert DESCRIPTION not in caplog.text


async def test_evidence_is_fetched_from_the_bot_api_when_asked_and_streamed(tmp_path) -> None:
    from bot.emulator import BotAPIEmulator
    from bot.emulator.files import make_png
    from bot.models import Evidence

    async with BotAPIEmulator() as emulator:
        picture = make_png(64, 48)
        record = emulator.files.add("photo", picture)
        settings = console_settings(
            tmp_path, bot_token="4242424242:console-evidence-test-AAAAAAAAAAAA", telegram_api_url=emulator.base_url
        )
        async with running_console(settings) as console:
            case_id = await console.report(DESCRIPTION)
            other_case = await console.report("Другое обращение о вербовке подростков в группу через чат.")
            async with console.sessions() as session:
                item = Evidence(case_id=case_id, item=1, kind="photo", file_id=record.file_id)
                session.add(item)
                await session.commit()
                await session.refresh(item)
            client = await sign_in(console, ANALYST)
            try:
                _, page = await get(client, f"{console.url}/cases/{case_id}")
                assert f"/cases/{case_id}/evidence/{item.id}" in page
                assert not emulator.calls_of("getFile"), "nothing is fetched until someone asks"
                async with client.get(f"{console.url}/cases/{case_id}/evidence/{item.id}") as answer:
                    body = await answer.read()
                    assert answer.status == 200 and answer.headers["Content-Type"] == "image/jpeg"
                    assert answer.headers["Cache-Control"] == "no-store"
                assert body == picture
                assert len(emulator.calls_of("getFile")) == 1
                assert (await get(client, f"{console.url}/cases/{other_case}/evidence/{item.id}"))[0] == 404
            finally:
                await client.close()
            async with console.sessions() as session:
                viewed = (await session.exec(select(AuditEntry).where(AuditEntry.action == "evidence_viewed"))).all()
            assert [(entry.case_id, entry.detail) for entry in viewed] == [(case_id, "item 1")]
    assert not list((tmp_path / "data").glob("**/*.png")) and not list((tmp_path / "data").glob("**/*.jpg"))


async def test_saved_replies_are_offered_in_the_reporters_language(tmp_path) -> None:
    """The citizen path's knowledge/forms/reply_templates.yaml: titles in the reader's language, text in the
    reporter's; choosing one fills the reply box (no script: a link)."""
    knowledge = tmp_path / "knowledge"
    (knowledge / "forms").mkdir(parents=True)
    (knowledge / "forms" / "reply_templates.yaml").write_text(
        "- id: received\n"
        "  title: {kk: 'Қабылданды', ru: 'Получено', en: 'Received'}\n"
        "  text: {kk: 'Хабарламаңыз қабылданды.', ru: 'Ваше сообщение получено.', en: 'Your report was received.'}\n",
        encoding="utf-8",
    )
    async with running_console(console_settings(tmp_path, knowledge_dir=knowledge)) as console:
        case_id = await console.report(DESCRIPTION, language="kk")
        client = await sign_in(console, OPERATOR)
        try:
            _, page = await get(client, f"{console.url}/cases/{case_id}")
            assert f'href="/cases/{case_id}?template=received#reply-form">Received<' in page
            _, page = await get(client, f"{console.url}/cases/{case_id}?template=received")
            assert ">Хабарламаңыз қабылданды.</textarea>" in page
            _, page = await get(client, f"{console.url}/cases/{case_id}?template=nonsense")
            assert '"reply-body" rows="4" maxlength="4000"></textarea>' in page
        finally:
            await client.close()
