"""The web intake in a real browser (Debian's Chromium driven by Playwright), with JavaScript on and off.

With JavaScript the review page solves the proof of work before Send; without it (Tor Browser's "Safest" level)
the same pages work and the short wait replaces it. A report with a GPS-tagged photo gets a receipt; an operator
replies; the reporter reads it by code and answers. ``UPDATE_SCREENSHOTS=1`` writes pictures into docs/web/.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlmodel import col, select

from bot.cases import moderation
from bot.core.settings import load_settings
from bot.models import Case, CaseMessage, Operator, WebDraft, WebUpload
from bot.models.operators import Role
from bot.web.server import WebIntake
from tests.conftest import PROJECT
from tests.test_web_intake import SECRET, gps_jpeg, wrong_nonce

pytestmark = pytest.mark.browser
DESCRIPTION = "Two men unload long boxes that look like rifles into the basement of the house on Abay street."
QUIET = "Someone in our neighbourhood hands out leaflets of a banned religious group on Fridays."  # not urgent


@pytest.fixture
async def intake(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[WebIntake]:
    wait = getattr(request, "param", 2)
    settings = load_settings(
        data_dir=tmp_path / "data",
        secret_key=SECRET,
        web_port=0,
        web_pow_bits=14,  # a few hundred ms in the browser; the default is measured by the benchmark
        web_no_script_wait_seconds=wait,
        web_secure_cookies=False,
        web_max_file_mb=1,
    )
    running = WebIntake(settings)
    task = asyncio.create_task(running.run(handle_signals=False))
    await asyncio.wait_for(running.ready.wait(), 30)
    yield running
    running.stop()
    await asyncio.wait_for(task, 30)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = PROJECT / "docs" / "web" if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def report_in_browser(browser: Any, intake: WebIntake, tmp_path: Path, *, javascript: bool, shots: Path) -> str:
    """Ask a question; then report like a person: the category, then its questions, a GPS-tagged photo, a
    description that signals danger ("is it happening now?": yes), review, send. Returns the receipt code."""
    context = await browser.new_context(java_script_enabled=javascript, locale="ru-RU")
    page = await context.new_page()
    base = f"http://127.0.0.1:{intake.port}"
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    await page.goto(f"{base}/ru/")
    assert await context.cookies() == [], "no cookie before a report is started"
    await page.click('a.button[href="/ru/ask"]')
    await page.fill("#q", "Сколько человек осудили за терроризм в 2019 году?")
    await page.click('form[action="/ru/ask"] button')
    assert "140" in await page.inner_text(".answer")
    await page.goto(f"{base}/ru/")
    await page.click('a.button[href="/ru/report"]')
    await page.check('input[name="category"][value="weapons"]')
    await page.click('form[action="/ru/report"] button')
    assert "Где именно" in await page.inner_text("form"), "the bot's questions of the chosen category"
    assert await context.cookies() == [], "choosing a category starts nothing"
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(gps_jpeg())
    await page.fill("#description", DESCRIPTION)
    await page.fill("#place", "ул. Абая, 12")
    await page.check('input[name="q-still_there"][value="yes"]')
    await page.set_input_files("#files", str(photo))
    suffix = "js" if javascript else "nojs"
    if not javascript:
        await page.screenshot(path=str(shots / "form-nojs.png"), full_page=True)
    await page.click('button[name="action"]')
    await page.wait_for_url(re.compile(r"/ru/report/now$"))
    if not javascript:
        await page.screenshot(path=str(shots / "danger-nojs.png"), full_page=True)
    main = await page.inner_text("main")
    assert main.index("112") < main.index("Это происходит прямо сейчас?"), "the emergency numbers first"
    await page.click('button[name="now"][value="yes"]')
    await page.wait_for_url(re.compile(r"/ru/report/review$"))
    review = await page.inner_text("main")
    assert review.index("Звоните 112 прямо сейчас") < review.index("Описание")
    assert "Сейчас на месте\nДа, на месте" in review and "Где именно\nул. Абая, 12" in review
    assert "evidence-1.jpg" in await page.content() and "IMG_2041" not in await page.content()
    cookies = await context.cookies()
    assert [(c["name"], c["httpOnly"], c["sameSite"]) for c in cookies] == [("hotline_form", True, "Strict")]
    await page.screenshot(path=str(shots / f"review-{suffix}.png"), full_page=True)
    if javascript:
        await page.wait_for_selector("#submit-form[data-solved-ms]", state="attached", timeout=60_000)
    else:
        await asyncio.sleep(2.2)  # the no-JavaScript wait of this test's settings
    await page.click('#submit-form button[type="submit"]')
    await page.wait_for_selector(".code code", timeout=60_000)
    await page.screenshot(path=str(shots / f"receipt-{suffix}.png"), full_page=True)
    code = (await page.inner_text(".code code")).strip()
    assert not [url for url in requests if not url.startswith(base)], "nothing is fetched from anywhere else"
    await context.close()
    return code


async def follow_in_browser(browser: Any, intake: WebIntake, code: str, *, javascript: bool) -> str:
    """Read the operators' message by code and answer it; returns the page text after answering."""
    context = await browser.new_context(java_script_enabled=javascript)
    page = await context.new_page()
    await page.goto(f"http://127.0.0.1:{intake.port}/en/status")
    await page.fill("#code", code.lower())
    await page.click('form button[type="submit"]')
    await page.wait_for_selector(".dialogue")
    assert "Which house number exactly?" in await page.inner_text(".dialogue")
    await page.fill("#body", "Number 12, the basement door faces the yard.")
    await page.click('form[action="/en/status/reply"] button')
    await page.wait_for_selector(".notice")
    text = await page.inner_text("main")
    await context.close()
    return text


async def operator_replies(intake: WebIntake) -> int:
    assert intake.services is not None
    sessions = intake.services.sessions
    async with sessions() as session:
        case = (await session.exec(select(Case).order_by(Case.id.desc()))).first()  # type: ignore[union-attr]
        operator = Operator(telegram_id=4242, role=Role.operator)
        session.add(operator)
        await session.commit()
        await session.refresh(operator)
    assert case is not None and case.id is not None
    await moderation.claim_case(sessions, operator, case.id)
    await moderation.reply_to_citizen(sessions, operator, case.id, "Which house number exactly?")
    return case.id


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
async def test_a_report_with_a_gps_photo_then_a_reply_read_and_answered_by_code(
    browser: Any, intake: WebIntake, tmp_path: Path, shots: Path, javascript: bool
) -> None:
    code = await report_in_browser(browser, intake, tmp_path, javascript=javascript, shots=shots)
    case_id = await operator_replies(intake)
    page = await follow_in_browser(browser, intake, code, javascript=javascript)
    assert "Number 12" in page
    assert intake.services is not None
    async with intake.services.sessions() as session:
        case = await session.get(Case, case_id)
        upload = (await session.exec(select(WebUpload).where(WebUpload.case_id == case_id))).one()
        bodies = [m.body for m in (await session.exec(select(CaseMessage).where(CaseMessage.case_id == case_id)))]
    opened = intake.services.secrets.open_file(upload.sealed)
    assert opened is not None and b"SpyCam-42" not in opened
    assert Image.open(io.BytesIO(opened)).getexif().get(0x8825) is None  # no GPS position left
    assert bodies == ["Which house number exactly?", "Number 12, the basement door faces the yard."]
    assert case is not None and case.urgent, "'happening now: yes' makes it urgent"
    assert case.answers == {"still_there": "choice:yes"} and case.place == "ул. Абая, 12"
    assert case.description == DESCRIPTION


@pytest.mark.parametrize("intake", [3600], indirect=True)
async def test_without_javascript_sending_too_early_says_how_long_to_wait_and_keeps_the_report(
    browser: Any, intake: WebIntake, tmp_path: Path
) -> None:
    context = await browser.new_context(java_script_enabled=False)
    page = await context.new_page()
    await page.goto(f"http://127.0.0.1:{intake.port}/en/report?category=other")
    await page.fill("#description", QUIET)
    await page.click('button[name="action"]')
    await page.click('#submit-form button[type="submit"]')
    errors = await page.inner_text(".errors")
    assert "Please wait" in errors and "seconds" in errors
    assert QUIET in await page.inner_text("dl")
    await context.close()


async def test_the_default_proof_of_work_time_in_this_browser(browser: Any, tmp_path: Path) -> None:
    """Not a timing assertion: solves the default difficulty (18 bits) in Chromium and records how long it took
    (bench/web_intake.py prints the figures; docs/benchmarks.md quotes them)."""
    settings = load_settings(data_dir=tmp_path / "data", secret_key=SECRET, web_port=0, web_secure_cookies=False)
    running = WebIntake(settings)
    task = asyncio.create_task(running.run(handle_signals=False))
    await asyncio.wait_for(running.ready.wait(), 30)
    try:
        context = await browser.new_context()
        page = await context.new_page()
        await page.goto(f"http://127.0.0.1:{running.port}/en/report?category=other")
        await page.fill("#description", QUIET)
        await page.click('button[name="action"]')
        await page.wait_for_selector("#submit-form[data-solved-ms]", state="attached", timeout=120_000)
        solved_ms = int(await page.get_attribute("#submit-form", "data-solved-ms") or "0")
        assert solved_ms > 0
        out = os.environ.get("WEB_POW_TIMING_FILE")
        if out:
            Path(out).write_text(f"{solved_ms}\n", encoding="utf-8")
        await context.close()
    finally:
        running.stop()
        await task


@pytest.mark.parametrize("intake", [600], indirect=True)  # a wrong nonce must not pass as a long-waited draft
@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
async def test_bad_input_in_the_browser_gets_a_clear_answer_and_keeps_the_draft(
    browser: Any, intake: WebIntake, tmp_path: Path, javascript: bool
) -> None:
    """Missing fields, an oversized file, a wrong file type, a wrong proof of work, an expired form, a replayed one."""
    context = await browser.new_context(java_script_enabled=javascript)
    page = await context.new_page()
    base = f"http://127.0.0.1:{intake.port}"
    await page.goto(f"{base}/en/report?category=other")
    await page.click('button[name="action"]')  # nothing filled in
    assert "at least 20 characters" in await page.inner_text(".errors")

    big, tool = tmp_path / "big.jpg", tmp_path / "tool.exe"
    big.write_bytes(b"\xff\xd8" + b"0" * 1_200_000)
    tool.write_bytes(b"MZ\x90\x00 a program")
    await page.fill("#description", QUIET)
    await page.fill("#place", "Sayran bus station")
    await page.set_input_files("#files", [str(big), str(tool)])
    await page.click('button[name="action"]')
    errors = await page.inner_text(".errors")
    assert "larger than 1 MB" in errors and "cannot be cleaned" in errors
    assert await page.input_value("#description") == QUIET and await page.input_value("#place") == "Sayran bus station"
    await page.click('button[name="action"]')
    await page.wait_for_url(re.compile(r"/en/report/review$"))

    if javascript:  # a script that sends a forged nonce: refused as no proof at all, the draft kept
        await page.wait_for_selector("#submit-form[data-solved-ms]", state="attached", timeout=60_000)

        challenge = await page.get_attribute("#submit-form", "data-challenge") or ""

        async def forge(route: Any) -> None:
            await route.continue_(post_data=f"nonce={wrong_nonce(challenge, 14)}")

        await page.route("**/en/report/submit", forge)
        await page.click('#submit-form button[type="submit"]')
        await page.wait_for_selector(".errors")
        assert "Please wait" in await page.inner_text(".errors") and QUIET in await page.inner_text("dl")
        await page.unroute("**/en/report/submit")

    await age_the_draft(intake, timedelta(minutes=intake.settings.web_draft_minutes + 1))  # outlives its token
    await page.goto(f"{base}/en/report/review")
    assert "expired" in await page.inner_text("main")

    await page.goto(f"{base}/en/report?category=other")  # a new report, sent; then its form sent again
    await page.fill("#description", QUIET)
    await page.click('button[name="action"]')
    await page.wait_for_url(re.compile(r"/en/report/review$"))
    form_cookie = (await context.cookies())[0]
    if javascript:
        await page.wait_for_selector("#submit-form[data-solved-ms]", state="attached", timeout=60_000)
    else:  # as if written for longer than the no-JavaScript wait
        await age_the_draft(intake, timedelta(seconds=intake.settings.web_no_script_wait_seconds + 1))
    await page.click('#submit-form button[type="submit"]')
    await page.wait_for_selector(".code code")
    assert await context.cookies() == [], "the form cookie is gone with the report"
    await context.add_cookies([form_cookie])  # the same form token, replayed
    await page.go_back()
    await page.wait_for_url(re.compile(r"/en/report/review$"))
    assert "already been sent" in await page.inner_text("main")
    assert intake.services is not None
    async with intake.services.sessions() as session:
        assert len((await session.exec(select(Case))).all()) == 1
    await context.close()


async def age_the_draft(intake: WebIntake, by: timedelta) -> None:
    """The latest draft, started ``by`` earlier (instead of waiting that long)."""
    assert intake.services is not None
    async with intake.services.sessions() as session:
        draft = (await session.exec(select(WebDraft).order_by(col(WebDraft.updated_at).desc()))).first()
        assert draft is not None
        draft.created_at -= by
        session.add(draft)
        await session.commit()
