"""The console in a real browser: Debian's Chromium driven by Playwright (nothing downloaded at run time).

Sign-in with TOTP, the queue with filters and search, a case from claim to reply to close to reopen, a chart on
the dashboard, an admin revoking a session that then fails. ``UPDATE_SCREENSHOTS=1`` writes the pages' pictures
into docs/console/ (the README links them); otherwise they go to the test's temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import col, func, select

from bot.cases import moderation
from bot.console import totp
from bot.core.clock import utcnow
from bot.models import Case
from bot.models.cases import Status
from tests.conftest import PROJECT
from tests.console.conftest import ADMIN, ANALYST, OPERATOR, RunningConsole

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
async def browser() -> AsyncIterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Chromium: apt-get install -y chromium (.ci/run installs it)")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        await launched.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = PROJECT / "docs" / "console" if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def new_page(browser):  # type: ignore[no-untyped-def]
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    return await context.new_page()


async def sign_in(console: RunningConsole, page, telegram_id: int, shots: Path | None = None) -> None:  # type: ignore[no-untyped-def]
    """What a staff member does: open the link, continue, scan (here: read) the secret, type the code."""
    await page.goto(await console.link(telegram_id))
    await page.click("#continue")
    if await page.locator("#totp-secret").count():
        console.secrets_by_staff[telegram_id] = (await page.inner_text("#totp-secret")).strip()
        if shots is not None:
            await page.screenshot(path=str(shots / "sign-in-enrolment.png"), full_page=True)
    for offset in (0, 1):  # a code already used in this 30-second step is refused: the next one is not
        await page.fill("#code", console.code(telegram_id, offset_steps=offset))
        await page.click("#verify")
        if page.url.endswith("/queue"):
            return
    raise AssertionError(await page.content())


async def seed(console: RunningConsole) -> list[int]:
    """A plausible queue: several categories and languages, one urgent, spread over the last days."""
    texts = [
        ("Сосед по подъезду зовёт подростков в экстремистскую группу, обещает деньги.", "recruitment", "ru"),
        ("Видел, как в гараже на улице Абая прячут автоматы и патроны, приезжают ночью.", "weapons", "ru"),
        ("Көршім жастарды интернеттегі экстремистік топқа шақырып жүр, видеолар жібереді.", "online_content", "kk"),
        ("A channel in our city posts calls to violence and instructions, 2,000 subscribers.", "online_content", "en"),
        ("В подъезде оставили сумку, похоже на бомбу, люди рядом.", "terror_plot", "ru"),
        ("Бір топ адам саябақта жасөспірімдерге діни үгіт таратып жүр.", "recruitment", "kk"),
    ]
    ids = []
    for day, (text, category, language) in enumerate(texts):
        case_id = await console.report(text, category=category, language=language)
        async with console.sessions() as session:
            await session.exec(
                update(Case)
                .where(col(Case.id) == case_id)
                .values(created_at=utcnow() - timedelta(days=len(texts) - day, hours=3))
            )
            await session.commit()
        ids.append(case_id)
    return ids


async def test_sign_in_with_totp_and_a_wrong_code(console: RunningConsole, browser, shots: Path) -> None:
    page = await new_page(browser)
    await page.goto(await console.link(OPERATOR))
    await page.click("#continue")
    secret = (await page.inner_text("#totp-secret")).strip()
    assert await page.locator(".qr svg").count() == 1, "the QR code is drawn on the page"
    # Scaled as a whole (viewBox), not clipped to its corner: a clipped code cannot be scanned.
    assert (await page.locator(".qr svg").get_attribute("viewBox") or "").startswith("0 0 ")
    await page.screenshot(path=str(shots / "sign-in-enrolment.png"), full_page=True)
    right = totp.code_at(secret, totp.step_of(__import__("time").time()))
    await page.fill("#code", f"{(int(right) + 1) % 1_000_000:06d}")
    await page.click("#verify")
    assert await page.locator("#wrong-code").is_visible()
    assert await page.inner_text("#totp-secret") == secret, "a mistyped first code keeps the same key"
    console.secrets_by_staff[OPERATOR] = secret
    for offset in (0, 1):
        await page.fill("#code", console.code(OPERATOR, offset_steps=offset))
        await page.click("#verify")
        if page.url.endswith("/queue"):
            break
    assert page.url.endswith("/queue")
    cookies = await page.context.cookies()
    session_cookie = next(c for c in cookies if c["name"] == "hotline_console")
    assert session_cookie["httpOnly"] and session_cookie["sameSite"] == "Strict"
    await page.context.close()


async def test_queue_with_filters_and_search(console: RunningConsole, browser, shots: Path) -> None:
    ids = await seed(console)
    admin = await console.operator(ADMIN)
    await moderation.set_tag(console.sessions, admin, case_id=ids[1], tag="almaty", present=True)
    page = await new_page(browser)
    await sign_in(console, page, ADMIN)
    assert await page.locator("#queue tbody tr").count() == len(ids)
    await page.screenshot(path=str(shots / "queue.png"), full_page=True)
    await page.select_option("#category", "online_content")
    await page.click("#apply")
    assert await page.locator("#queue tbody tr").count() == 2
    await page.select_option("#language", "kk")
    await page.click("#apply")
    rows = page.locator("#queue tbody tr")
    assert await rows.count() == 1 and f"HT-{ids[2]:05d}" in await rows.inner_text()
    await page.goto(f"{console.url}/queue")
    await page.fill("#q", "автоматы")
    await page.click("#apply")
    assert (await page.locator("#queue tbody tr").inner_text()).startswith(f"HT-{ids[1]:05d}")
    await page.goto(f"{console.url}/queue")
    await page.select_option("#tag", "almaty")
    await page.click("#apply")
    assert await page.locator("#queue tbody tr").count() == 1
    await page.goto(f"{console.url}/queue")
    await page.select_option("#urgency", "urgent")
    await page.click("#apply")
    assert f"HT-{ids[4]:05d}" in await page.inner_text("#queue")
    # As many as the danger recogniser flagged (the bomb in the stairwell; it may also flag the hidden rifles).
    async with console.sessions() as session:
        urgent = (await session.exec(select(func.count()).select_from(Case).where(col(Case.urgent)))).one()
    assert urgent >= 1 and await page.locator("#queue tbody tr").count() == urgent
    await page.context.close()


async def test_a_case_from_claim_to_reply_to_close_to_reopen(console: RunningConsole, browser, shots: Path) -> None:
    ids = await seed(console)
    case_id = ids[0]
    page = await new_page(browser)
    await sign_in(console, page, OPERATOR)
    await page.click(f"text=HT-{case_id:05d}")
    assert "new" in await page.inner_text("#status")
    await page.click("#claim")
    assert "yours" in await page.inner_text("#done")
    await page.fill("#reply-body", "Спасибо за сообщение. Уточните, пожалуйста, адрес дома.")
    await page.click("#reply")
    assert "queued" in await page.inner_text("#done")
    assert "in review" in await page.inner_text("#status"), "a reply moves a new case to in review"
    await page.fill("#note-body", "Адрес совпадает с делом о гараже")
    await page.click("#note")
    await page.fill("#tag-name", "follow-up")
    await page.click("#tag")
    await page.screenshot(path=str(shots / "case.png"), full_page=True)
    await page.select_option("#status-value", "referred")
    await page.click("#set-status")
    assert "Close case" in await page.inner_text("main")
    await page.screenshot(path=str(shots / "close-confirmation.png"))
    await page.click("#confirm")
    assert "closed" in await page.inner_text("#status")
    await page.fill("#reopen-reason", "Заявитель прислал новые сведения")
    await page.click("#reopen")
    assert "reopened" in await page.inner_text("#done")
    assert "in review" in await page.inner_text("#status")
    timeline = await page.inner_text("#timeline")
    for expected in ("claimed the case", "replied to the reporter", "Заявитель прислал новые сведения", "reopened"):
        assert expected in timeline
    async with console.sessions() as session:
        case = await session.get(Case, case_id)
    assert case is not None and case.status == Status.in_review and case.closed_at is None
    await page.context.close()


async def test_dashboard_draws_its_charts(console: RunningConsole, browser, shots: Path) -> None:
    ids = await seed(console)
    admin = await console.operator(ADMIN)
    for case_id in ids[:3]:
        await moderation.claim_case(console.sessions, admin, case_id)
        await moderation.reply_to_citizen(console.sessions, admin, case_id, "Спасибо, мы проверим.")
    page = await new_page(browser)
    await sign_in(console, page, ANALYST)
    await page.click('a[href="/dashboard"]')
    await page.click("#period-7")
    chart = page.locator("#chart-category svg")
    box = await chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    assert await page.locator("#chart-category svg rect").count() > len(ids), "bars and legend are drawn"
    assert await page.locator("#chart-backlog svg rect").count() == 5
    assert re.search(r"\d+(\.\d+)? min", await page.inner_text("#times"))
    await page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    await page.context.close()


async def test_an_admin_revokes_a_session_that_then_fails(console: RunningConsole, browser, shots: Path) -> None:
    await seed(console)
    operator_page = await new_page(browser)
    await sign_in(console, operator_page, OPERATOR)
    admin_page = await new_page(browser)
    await sign_in(console, admin_page, ADMIN)
    await admin_page.click('a[href="/admin/sessions"]')
    operator_id = (await console.operator(OPERATOR)).id
    row = admin_page.locator("#sessions tr", has_text=f"operator #{operator_id}")
    assert await row.count() == 1
    await admin_page.screenshot(path=str(shots / "sessions.png"), full_page=True)
    await row.locator("button").click()
    assert await admin_page.locator("#sessions tr", has_text=f"operator #{operator_id}").count() == 0
    await operator_page.reload()
    assert "Please sign in" in await operator_page.inner_text("h1")
    await operator_page.goto(f"{console.url}/queue")
    assert "Please sign in" in await operator_page.inner_text("h1")
    await admin_page.click('a[href="/admin/audit"]')
    await admin_page.screenshot(path=str(shots / "audit.png"), full_page=True)
    assert "ended a session" in await admin_page.inner_text("#audit")
    await operator_page.context.close()
    await admin_page.context.close()


def test_ci_installs_chromium_when_missing() -> None:
    """The browser tests are required on CI: .ci/run must install Debian's Chromium, never download a browser."""
    script = (PROJECT / ".ci" / "run").read_text()
    assert re.search(r"apt-get install -y( -q)? chromium", script)
    assert "playwright install" not in script
    assert shutil.which("bash")
