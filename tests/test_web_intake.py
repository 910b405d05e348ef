"""The web intake over real HTTP (no JavaScript: what Tor Browser's "Safest" level does), and its file cleaning.

Browser tests with JavaScript on and off are in tests/test_web_browser.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import io
import logging
import re
import time
import zipfile
from collections.abc import AsyncIterator, Callable
from datetime import UTC
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from PIL import Image
from sqlmodel import select

from bot.answers.answer_engine import AnswerEngine
from bot.cases import attachments, moderation
from bot.cases.attachments import AttachmentRefused, Refusal
from bot.cases.forms import load_questionnaires
from bot.core import proof_of_work
from bot.core.coordination import connect_redis
from bot.core.i18n import Translator
from bot.core.settings import Settings, load_settings
from bot.models import Case, CaseMessage, Operator, OutboxMessage, WebUpload
from bot.models.cases import Category, Channel
from bot.models.operators import Role
from bot.models.outbox import OutboxKind, Priority
from bot.web.app import FORM_COOKIE
from bot.web.server import WebIntake
from tests.conftest import KNOWLEDGE, fresh_postgres_database

SECRET = "web-intake-test-secret-0123456789-abcdefghijk"
TRACKING_UA = "Mozilla/5.0 (TrackMe-UA-7f3a) Gecko/20100101"
FORWARDED_IP = "203.0.113.77"
TEXTS = Translator(defaults={"emergency": "112", "police": "102", "retention": 90})
DESCRIPTION = "Someone in our neighbourhood hands out leaflets of a banned religious group on Fridays."


def gps_jpeg(marker: str = "SpyCam-42") -> bytes:
    """A photo as a phone makes it: camera model and GPS position in its EXIF."""
    image = Image.new("RGB", (32, 24), (30, 120, 200))
    exif = Image.Exif()
    exif[0x0110] = marker  # camera model
    exif[0x8825] = {1: "N", 2: (43.0, 15.0, 7.0), 3: "E", 4: (76.0, 57.0, 3.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def text(lang: str, key: str, **args: Any) -> str:
    return TEXTS.text(lang, key, **args)


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "data_dir": tmp_path / "data",
            "secret_key": SECRET,
            "web_pow_bits": 8,  # fast tests; the default (18) is measured in bench/web_intake.py
            "web_no_script_wait_seconds": 3600,
            "web_secure_cookies": False,  # plain HTTP on 127.0.0.1 here
            "web_max_file_mb": 1,
        }
        values.update(overrides)
        return load_settings(**values)

    return make


class Browserless:
    """A client of a running ``hotline web`` process path (WebIntake: the production listener, no access log)."""

    def __init__(self, intake: WebIntake, session: aiohttp.ClientSession) -> None:
        self.intake = intake
        self.session = session
        self.base = f"http://127.0.0.1:{intake.port}"

    async def get(self, path: str, **kwargs: Any) -> aiohttp.ClientResponse:
        return await self.session.get(self.base + path, **kwargs)

    async def post(self, path: str, **kwargs: Any) -> aiohttp.ClientResponse:
        return await self.session.post(self.base + path, **kwargs)

    @property
    def sessions(self) -> Any:
        assert self.intake.services is not None
        return self.intake.services.sessions


@pytest.fixture(params=["sqlite", "postgresql"])
async def intake_database(request: pytest.FixtureRequest) -> AsyncIterator[dict[str, str]]:
    """The web intake's database, as ``site`` is given it: SQLite in the data folder (the default, where the anonymity
    audit reads it), and a fresh PostgreSQL database (skipped without TEST_DATABASE_URL; conftest's)."""
    if request.param == "sqlite":
        yield {}
    else:
        async with fresh_postgres_database() as url:
            yield {"database_url": url}


@pytest.fixture
async def site(
    make_settings: Callable[..., Settings], intake_database: dict[str, str]
) -> AsyncIterator[Callable[..., Any]]:
    """``await site(**settings)`` → a client of a running web intake, sending a tracking User-Agent and address;
    every test that uses it runs on SQLite and on PostgreSQL."""
    started: list[tuple[WebIntake, asyncio.Task[None], aiohttp.ClientSession]] = []

    async def start(**overrides: Any) -> Browserless:
        intake = WebIntake(make_settings(web_port=0, **intake_database, **overrides))
        task = asyncio.create_task(intake.run(handle_signals=False))
        await asyncio.wait_for(intake.ready.wait(), 30)
        session = aiohttp.ClientSession(
            headers={"User-Agent": TRACKING_UA, "X-Forwarded-For": FORWARDED_IP},
            cookie_jar=aiohttp.CookieJar(unsafe=True),  # cookies on 127.0.0.1
        )
        started.append((intake, task, session))
        return Browserless(intake, session)

    yield start
    for intake, task, session in started:
        await session.close()
        intake.stop()
        await asyncio.wait_for(task, 30)


def report_form(description: str = DESCRIPTION, category: str = "weapons", **files: bytes) -> aiohttp.FormData:
    form = aiohttp.FormData()
    form.add_field("category", category)
    form.add_field("description", description)
    form.add_field("place", "Sayran bus station")
    form.add_field("incident_time", "today 14:00")
    for name, data in files.items():
        form.add_field("files", data, filename=name, content_type="application/octet-stream")
    return form


async def start_report(client: Browserless, form: aiohttp.FormData) -> aiohttp.ClientResponse:
    return await client.post("/en/report", data=form, allow_redirects=False)


def challenge_of(page: str) -> str:
    found = re.search(r'data-challenge="([0-9a-f]+)"', page)
    assert found, "the review page carries the proof-of-work challenge"
    return found.group(1)


def code_of(page: str) -> str:
    found = re.search(r"<code>([A-Z0-9-]+)</code>", page)
    assert found, "the receipt page shows the code"
    return found.group(1)


async def sessions_of(client: Browserless) -> Any:
    return client.sessions


# ------------------------------------------------------------------------------------------------ files


def test_a_photo_loses_its_gps_position_and_camera_and_keeps_its_picture() -> None:
    original = gps_jpeg()
    assert b"SpyCam-42" in original and Image.open(io.BytesIO(original)).getexif().get(0x8825) is not None
    cleaned = attachments.clean(original, max_bytes=1_000_000)
    assert (cleaned.kind, cleaned.content_type) == ("photo", "image/jpeg")
    assert b"SpyCam-42" not in cleaned.data and b"Exif" not in cleaned.data
    assert Image.open(io.BytesIO(cleaned.data)).size == (32, 24)


def test_pdf_and_office_files_lose_their_author() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Ivan Petrov", "/Creator": "Petrov's laptop"})
    pdf = io.BytesIO()
    writer.write(pdf)
    assert b"Ivan Petrov" in pdf.getvalue()
    assert b"Petrov" not in attachments.clean(pdf.getvalue(), max_bytes=1_000_000).data

    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as package:
        types = '<Types><Override PartName="/docProps/core.xml" ContentType="x"/></Types>'
        package.writestr("[Content_Types].xml", types)
        package.writestr("word/document.xml", "<w:document>text</w:document>")
        package.writestr("docProps/core.xml", "<cp:coreProperties><dc:creator>Ivan Petrov</dc:creator>")
    cleaned = attachments.clean(docx.getvalue(), max_bytes=1_000_000)
    with zipfile.ZipFile(io.BytesIO(cleaned.data)) as package:
        assert "docProps/core.xml" not in package.namelist()
        assert b"docProps" not in package.read("[Content_Types].xml")
    assert b"Petrov" not in cleaned.data


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"MZ\x90\x00 an executable", Refusal.unsupported),
        (b"%PDF-1.7 broken", Refusal.unreadable),
        (b"\xff" * 2_000_001, Refusal.too_large),
    ],
)
def test_files_that_cannot_be_cleaned_are_refused(data: bytes, reason: Refusal) -> None:
    with pytest.raises(AttachmentRefused) as refused:
        attachments.clean(data, max_bytes=2_000_000)
    assert refused.value.reason is reason


def test_proof_of_work_is_checked_strictly() -> None:
    challenge = proof_of_work.new_challenge()
    nonce = proof_of_work.solve(challenge, 12)
    assert proof_of_work.is_solved(challenge, nonce, 12)
    assert not proof_of_work.is_solved(proof_of_work.new_challenge(), nonce, 12) or nonce == "0"
    for forged in ("", "-1", "1e9", "٣", "9" * 21):
        assert not proof_of_work.is_solved(challenge, forged, 1)


# ------------------------------------------------------------------------------------------------ pages


async def test_pages_set_no_cookie_until_a_report_starts_and_forbid_everything_foreign(site: Any) -> None:
    client = await site()
    for path in ("/", "/en/", "/kk/", "/ru/ask?q=hello", "/en/report", "/en/status"):
        response = await client.get(path)
        assert response.status == 200, path
        assert "Set-Cookie" not in response.headers, path
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "http" not in csp
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["Cache-Control"] == "no-store"
        page = await response.text()
        assert not re.search(r'(src|href)="(https?:)?//', page), f"{path} loads something from elsewhere"
    home = await (await client.get("/kk/")).text()
    assert home.index("112") < home.index("<main>"), "the emergency numbers come first"
    assert text("kk", "web-channel-limits-title") in home
    assert '<a href="/ru/" lang="ru" hreflang="ru">' in home and '<a href="/en/" lang="en"' in home
    chosen_by_link = await client.get("/", headers={"Accept-Language": "en-US,en"}, allow_redirects=False)
    assert chosen_by_link.headers["Location"] == "/ru/", "the language is chosen by a link, not read from the browser"


async def test_a_question_is_answered_and_danger_gets_the_emergency_numbers_first(site: Any) -> None:
    client = await site()
    asked = await client.get("/en/ask", params={"q": "How many people were convicted of terrorism in 2019?"})
    page = await asked.text()
    assert "140" in page
    for lang, message in (
        ("ru", "в торговом центре бомба, срочно"),
        ("kk", "базарда адамдарға оқ атып жатыр"),
        ("en", "Men are shooting at people in the market right now"),
    ):
        danger = html.unescape(await (await client.get(f"/{lang}/ask", params={"q": message})).text())
        main = danger[danger.index("<main>") :]
        assert text(lang, "web-ask-danger") in main, lang
        assert main.index(text(lang, "web-ask-danger")) < main.index("<form"), "the numbers before anything else"


# English questions answered by a narrow lead (the runner-up within Tuning.see_also_lead); the first that still is.
NARROW_LEADS = (
    "i want operator not robot pls",
    "receipt code?",
    "will he go to jail?",
    "deradicalisation in prisons numbers",
    "How do I report someone who is recruiting people online?",
)


async def test_did_you_mean_offers_links_that_lead_to_the_answer(site: Any, engine: AnswerEngine) -> None:
    client = await site()
    page = html.unescape(await (await client.get("/en/ask", params={"q": "prison"})).text())
    assert text("en", "web-ask-suggest") in page
    links = re.findall(r'href="(/en/ask\?entry=[a-z0-9-]+)"', page)
    assert "/en/ask?entry=terror-plot-sentences" in links and len(links) == 3
    followed = html.unescape(await (await client.get(links[0])).text())
    assert '<section class="answer">' in followed and text("en", "web-ask-suggest") not in followed
    unknown = html.unescape(await (await client.get("/en/ask", params={"q": "how"})).text())
    assert text("en", "web-ask-unknown") in unknown and 'href="/en/report"' in unknown
    narrow = next(r for r in map(engine.ask, NARROW_LEADS) if r.decision == "answer" and r.suggestions)
    page = html.unescape(await (await client.get("/en/ask", params={"q": narrow.question})).text())
    assert '<section class="answer">' in page and text("en", "web-ask-see-also") in page, "a narrow lead"
    assert re.findall(r'href="/en/ask\?entry=([a-z0-9-]+)"', page) == list(narrow.suggestions)


# ------------------------------------------------------------------------------------------------ a report


async def test_a_report_with_a_gps_photo_gets_a_receipt_and_an_operators_reply_reaches_the_status_page(
    site: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = await site()
    started = await start_report(client, report_form(**{"holiday.jpg": gps_jpeg()}))
    assert started.status == 303 and started.headers["Location"] == "/en/report/review"
    cookie = started.headers["Set-Cookie"]
    assert f"{FORM_COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie

    review = await (await client.get("/en/report/review")).text()
    assert "leaflets of a banned religious group" in review and "evidence-1.jpg" in review and "holiday" not in review
    nonce = proof_of_work.solve(challenge_of(review), 8)
    done = await client.post("/en/report/submit", data={"nonce": nonce})
    assert done.status == 200
    code = code_of(await done.text())
    assert FORM_COOKIE in done.headers.get("Set-Cookie", "") and "Max-Age=0" in done.headers["Set-Cookie"]

    sessions = await sessions_of(client)
    async with sessions() as session:
        case = (await session.exec(select(Case))).one()
        upload = (await session.exec(select(WebUpload))).one()
        kinds = [row.kind for row in (await session.exec(select(OutboxMessage))).all()]
    assert case.channel is Channel.web and case.place == "Sayran bus station"
    assert (upload.case_id, upload.item, upload.token_hash) == (case.id, 1, None)
    assert b"\xff\xd8" not in upload.sealed  # encrypted at rest, not a JPEG
    assert "new_case" in kinds  # operators are told, as for the bot's reports

    # An operator answers through the same service the bot and the console use.
    async with sessions() as session:
        operator = Operator(telegram_id=555, role=Role.operator)
        session.add(operator)
        await session.commit()
        await session.refresh(operator)
    assert case.id is not None
    await moderation.claim_case(sessions, operator, case.id)
    await moderation.reply_to_citizen(sessions, operator, case.id, "Thank you. Is the bag still there?")

    status = await client.post("/en/status", data={"code": code.lower().replace("-", " ")})
    page = await status.text()
    assert status.status == 200 and "Is the bag still there?" in page
    answered = await client.post("/en/status/reply", data={"code": code, "body": "Yes, it is still under the bench."})
    page = await answered.text()
    assert text("en", "status-reply-sent") in page and "still under the bench" in page
    async with sessions() as session:
        bodies = [m.body for m in (await session.exec(select(CaseMessage))).all()]
    assert bodies == ["Thank you. Is the bag still there?", "Yes, it is still under the bench."]

    replay = await client.post("/en/report/submit", data={"nonce": nonce}, headers={"Cookie": cookie.split(";")[0]})
    assert replay.status == 410 and text("en", "web-error-draft-gone") in await replay.text()


def wrong_nonce(challenge: str, bits: int) -> str:
    """A nonce that does not solve the challenge (most do not; the first one that fails)."""
    return next(str(n) for n in range(1000) if not proof_of_work.is_solved(challenge, str(n), bits))


async def test_without_javascript_a_short_wait_replaces_the_proof_of_work_and_a_wrong_one_counts_for_nothing(
    site: Any,
) -> None:
    client = await site(web_no_script_wait_seconds=1)
    await start_report(client, report_form())
    review = await (await client.get("/en/report/review")).text()
    early = await client.post("/en/report/submit", data={"nonce": ""})
    assert early.status == 422 and "Please wait" in await early.text()
    wrong = await client.post("/en/report/submit", data={"nonce": wrong_nonce(challenge_of(review), 8)})
    page = await wrong.text()
    assert wrong.status == 422 and "Please wait" in page and "leaflets of a banned religious group" in page, (
        "draft kept"
    )
    async with client.sessions() as session:
        assert (await session.exec(select(Case))).all() == []
    await asyncio.sleep(1.1)
    late = await client.post("/en/report/submit", data={"nonce": ""})
    assert late.status == 200 and code_of(await late.text())


async def test_bad_input_gets_a_clear_answer_and_keeps_the_rest_of_the_draft(site: Any) -> None:
    client = await site(web_max_files=2)
    short = await start_report(client, report_form(description="too short", **{"a.jpg": gps_jpeg()}))
    page = await short.text()
    assert short.status == 422 and text("en", "web-error-description-short", min=20) in page
    assert "evidence-1.jpg" in page, "the file stays attached while the description is fixed"

    oversized = await start_report(client, report_form(**{"big.jpg": b"\xff\xd8" + b"0" * 1_100_000}))
    page = await oversized.text()
    assert oversized.status == 422 and text("en", "web-error-file-too_large", mb=1) in page
    assert "leaflets of a banned religious group" in page

    wrong_type = await start_report(client, report_form(**{"tool.exe": b"MZ\x90\x00"}))
    assert text("en", "web-error-file-unsupported") in (await wrong_type.text()).replace("&#x27;", "'")

    many = await start_report(client, report_form(**{"b.jpg": gps_jpeg("b"), "c.jpg": gps_jpeg("c")}))
    assert text("en", "web-error-too-many-files", count=2) in await many.text()

    no_category = await start_report(client, report_form(category="nonsense"))
    assert text("en", "web-error-category") in await no_category.text()
    missing = await client.post("/en/report", data={"category": "other"}, allow_redirects=False)
    assert missing.status == 422 and text("en", "web-error-description-short", min=20) in await missing.text()

    not_a_code = await client.post("/en/status", data={"code": "hello"})
    assert not_a_code.status == 422 and text("en", "web-status-not-a-code") in await not_a_code.text()
    unknown = await client.post("/en/status", data={"code": "ABCD-2345-EFGH-6789"})
    assert unknown.status == 404


async def test_a_forged_or_expired_form_token_is_refused(site: Any) -> None:
    client = await site(web_draft_minutes=5)
    forged = await client.post("/en/report/submit", data={"nonce": "1"}, headers={"Cookie": f"{FORM_COOKIE}=forged"})
    assert forged.status == 410
    await start_report(client, report_form())
    sessions = await sessions_of(client)
    from bot.models import WebDraft

    async with sessions() as session:
        draft = (await session.exec(select(WebDraft))).one()
        from datetime import timedelta

        draft.created_at = draft.created_at - timedelta(minutes=6)
        session.add(draft)
        await session.commit()
    expired = await client.post("/en/report/submit", data={"nonce": "1"})
    assert expired.status == 410


@pytest.mark.parametrize("intake_database", ["sqlite"], indirect=True)  # it reads the database file, in the folder
async def test_nothing_about_the_browser_or_its_address_is_kept_anywhere(
    site: Any, make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    """The anonymity audit after full flows: asking, reporting (questionnaire, danger, a GPS photo), following by
    code, an operator's reply and the reporter's answer, a mistyped code. Logging as in production at its most
    verbose (LOG_LEVEL=DEBUG, text and JSON: every library's logger, SQL drivers and Pillow capped as configured);
    then no User-Agent, address or original EXIF in the data folder (the database is in it), the logs, or what
    operators get (the case card and the files)."""
    from bot.cases import web_reports
    from bot.core.logging_setup import configure_logging
    from bot.telegram.operator_views import details
    from bot.telegram.texts import Texts

    photo = gps_jpeg()
    logged = io.StringIO()
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    loggers = [logging.getLogger(name) for name in logging.root.manager.loggerDict]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.NOTSET)  # as in a fresh process: every library logs at the root's level
    try:
        for log_format in ("text", "json"):
            with contextlib.redirect_stderr(logged):
                configure_logging(make_settings(log_level="DEBUG", log_format=log_format))
        root.addHandler(logging.StreamHandler(logged))  # the json one replaced the text one: both, unscrubbed too
        client = await site()
        await client.get("/en/ask", params={"q": "who runs this hotline"})
        await client.get("/ru/ask", params={"q": "в торговом центре бомба, срочно"})
        form = report_form(description="Men are shooting at people in the market right now", **{"holiday.jpg": photo})
        form.add_field("q-still_there", "yes")
        await start_report(client, form)
        await client.post("/en/report/now", data={"now": "yes"})
        code = await submitted(client)
        async with client.sessions() as session:
            case = (await session.exec(select(Case))).one()
        assert case.id is not None and case.urgent
        followed = await client.post("/en/status", data={"code": code})
        assert followed.headers["Cache-Control"] == "no-store" and "Set-Cookie" not in followed.headers
        operator = await operator_of(client)
        await moderation.claim_case(client.sessions, operator, case.id)
        await moderation.reply_to_citizen(client.sessions, operator, case.id, "Where are you now?")
        await client.post("/en/status", data={"code": code})
        await client.post("/en/status/reply", data={"code": code, "body": "Behind the kiosk."})
        await client.post("/en/status", data={"code": "ABCD-2345-EFGH-6789"})
        found = await moderation.open_case(client.sessions, operator, case.id)
        assert found is not None
        card = details(Texts(TEXTS, "en"), found, load_questionnaires(KNOWLEDGE))
        assert client.intake.services is not None
        files = await web_reports.case_files(client.sessions, client.intake.services.secrets, case_id=case.id)
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)

    assert len(files) == 1 and Image.open(io.BytesIO(files[0][1])).getexif().get(0x8825) is None
    everything = b"".join(path.read_bytes() for path in (tmp_path / "data").rglob("*") if path.is_file())
    logs = logged.getvalue()
    assert "web intake listening" in logs, "the audit reads the real logs"
    assert "Behind the kiosk." in everything.decode("utf-8", "replace"), "the audit reads the real database"
    for trace in (TRACKING_UA, "TrackMe", FORWARDED_IP, "127.0.0.1", "SpyCam-42", "holiday", code):
        assert trace.encode() not in everything, f"{trace} in the data folder"
        assert trace not in logs, f"{trace} in the logs"
        assert trace not in card, f"{trace} in the operators' card"
        assert trace.encode() not in files[0][1], f"{trace} in the file operators get"


async def test_one_form_token_hammered_is_slowed_while_others_go_on(site: Any) -> None:
    client = await site(web_no_script_wait_seconds=0)
    await start_report(client, report_form())
    statuses = [(await client.post("/en/report/submit", data={"nonce": "1"})).status for _ in range(1)]
    assert statuses == [200]  # the first draft is sent
    await start_report(client, report_form())
    hammered = [(await client.post("/en/report", data=report_form(), allow_redirects=False)).status for _ in range(15)]
    assert 429 in hammered, "a script re-posting one draft is slowed down"
    other = await site(web_no_script_wait_seconds=0)
    assert (await start_report(other, report_form())).status == 303  # another visitor is not


async def test_a_purged_web_case_takes_its_files_with_it(site: Any) -> None:
    from datetime import timedelta

    from bot.cases import retention
    from bot.core.clock import utcnow
    from bot.models.cases import Status

    client = await site(web_no_script_wait_seconds=0)
    await start_report(client, report_form(**{"a.jpg": gps_jpeg()}))
    assert (await client.post("/en/report/submit", data={"nonce": ""})).status == 200
    sessions = await sessions_of(client)
    async with sessions() as session:
        case = (await session.exec(select(Case))).one()
        case.status, case.closed_at = Status.closed, utcnow() - timedelta(days=91)
        session.add(case)
        await session.commit()
    assert await retention.purge_expired(sessions, retention_days=90) == 1
    async with sessions() as session:
        assert (await session.exec(select(WebUpload))).all() == []


# ------------------------------------------------------------------------------------------------ the questionnaires

ONLINE = "A channel keeps posting calls to join a banned group, with videos of its fighters and a donation card."


async def operator_of(client: Browserless, telegram_id: int = 555) -> Operator:
    async with client.sessions() as session:
        operator = Operator(telegram_id=telegram_id, role=Role.operator)
        session.add(operator)
        await session.commit()
        await session.refresh(operator)
    return operator


async def submitted(client: Browserless, lang: str = "en") -> str:
    """Send the current draft (the proof of work solved as the script would); the receipt code."""
    review = await (await client.get(f"/{lang}/report/review")).text()
    done = await client.post(f"/{lang}/report/submit", data={"nonce": proof_of_work.solve(challenge_of(review), 8)})
    assert done.status == 200, await done.text()
    return code_of(await done.text())


async def test_the_report_asks_the_bots_questions_of_the_chosen_category_in_two_steps(site: Any) -> None:
    client = await site()
    questionnaires = load_questionnaires(KNOWLEDGE)
    first = await client.get("/en/report")
    page = await first.text()
    assert "Set-Cookie" not in first.headers and 'name="description"' not in page
    assert all(f'name="category" value="{category.value}"' in page for category in Category)
    for lang in ("kk", "ru", "en"):
        for category in Category:
            response = await client.get(f"/{lang}/report", params={"category": category.value})
            assert response.status == 200 and "Set-Cookie" not in response.headers, "no cookie before Continue"
            page = html.unescape(await response.text())
            form = page[page.index("<form") :]
            assert text(lang, "category-" + category.value) in page
            for question in questionnaires.questions(category.value):
                assert question.label[lang] in form, (lang, category, question.id)
                for choice in question.choices:
                    assert f'name="q-{question.id}" value="{choice.id}"' in form and choice.text[lang] in form
            for field in ('name="description"', 'name="place"', 'name="incident_time"', 'name="files"'):
                assert form.count(field) == 1, (category, field)
            assert " required" not in form, "every question may be skipped"


async def test_answers_are_stored_as_the_bots_and_shown_on_the_review_and_to_operators(site: Any) -> None:
    from bot.telegram.operator_views import details
    from bot.telegram.texts import Texts

    client = await site()
    answers = {"q-link": "t.me/banned_channel_77", "q-platform": "telegram", "incident_time": "since March"}
    started = await client.post(
        "/en/report", data={"category": "online_content", "description": ONLINE, **answers}, allow_redirects=False
    )
    assert started.status == 303 and started.headers["Location"] == "/en/report/review"
    review = html.unescape(await (await client.get("/en/report/review")).text())
    for label, answer in (("Link", "t.me/banned_channel_77"), ("Platform", "Telegram"), ("When", "since March")):
        assert f"<dt>{label}</dt><dd>{answer}</dd>" in review
    edit = html.unescape(await (await client.get("/en/report")).text())  # Edit keeps every answer
    assert 'name="q-platform" value="telegram" checked' in edit and "t.me/banned_channel_77" in edit
    await submitted(client)

    async with client.sessions() as session:
        case = (await session.exec(select(Case))).one()
    assert case.answers == {"link": "t.me/banned_channel_77", "platform": "choice:telegram"}
    assert case.description == ONLINE, "answers are not appended to the description"
    assert (case.incident_time, case.place) == ("since March", None)

    assert case.id is not None
    found = await moderation.open_case(client.sessions, await operator_of(client), case.id)
    assert found is not None
    card = details(Texts(TEXTS, "en"), found, load_questionnaires(KNOWLEDGE))
    assert text("en", "citizen-op-answer", label="Platform", answer="Telegram") in card
    assert text("en", "citizen-op-answer", label="Link", answer="t.me/banned_channel_77") in card


async def test_a_choice_may_be_answered_in_words_and_any_question_skipped(site: Any) -> None:
    client = await site()
    form = {
        "category": "weapons",
        "description": DESCRIPTION,
        "place": "Platform 2, under the bench",
        "q-still_there": "",
        "q-still_there-words": "a man took it to a white car",
        "incident_time": "yesterday evening",
    }
    await client.post("/en/report", data=form)
    review = html.unescape(await (await client.get("/en/report/review")).text())
    assert "<dt>Where exactly</dt><dd>Platform 2, under the bench</dd>" in review
    assert "<dt>Is it there now</dt><dd>a man took it to a white car</dd>" in review
    assert "<dt>When</dt><dd>yesterday evening</dd>" in review and "<dt>Where</dt>" not in review
    await submitted(client)
    await client.post("/en/report", data={"category": "recruitment", "description": ONLINE}, allow_redirects=False)
    await submitted(client)
    async with client.sessions() as session:
        cases = (await session.exec(select(Case).order_by(Case.id))).all()  # type: ignore[arg-type]
    assert cases[0].answers == {"still_there": "a man took it to a white car"}
    assert cases[0].place == "Platform 2, under the bench"
    assert cases[1].answers == {}, "questions left empty are skipped, as in the bot"


async def test_the_console_case_page_shows_a_web_reports_answers(tmp_path: Path) -> None:
    from tests.console.conftest import OPERATOR, console_settings, running_console, sign_in

    settings = console_settings(tmp_path, web_port=0, web_pow_bits=0, web_secure_cookies=False)
    async with running_console(settings) as console:
        intake = WebIntake(settings)
        task = asyncio.create_task(intake.run(handle_signals=False))
        await asyncio.wait_for(intake.ready.wait(), 30)
        try:
            async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
                base = f"http://127.0.0.1:{intake.port}"
                form = {"category": "online_content", "description": ONLINE, "q-platform": "tiktok"}
                await browser.post(f"{base}/en/report", data=form)
                await browser.post(f"{base}/en/report/submit", data={"nonce": "0"})
        finally:
            intake.stop()
            await asyncio.wait_for(task, 30)
        async with console.sessions() as session:
            case = (await session.exec(select(Case))).one()
        staff = await sign_in(console, OPERATOR)
        try:
            async with staff.get(f"{console.url}/cases/{case.id}") as answer:
                page = html.unescape(await answer.text())
        finally:
            await staff.close()
    assert case.channel is Channel.web and case.answers == {"platform": "choice:tiktok"}
    assert text("en", "console-answers") in page and "<dt>Platform</dt><dd>TikTok</dd>" in page


# ------------------------------------------------------------------------------------------------ danger


async def test_a_description_that_signals_danger_gets_the_numbers_first_then_is_it_happening_now(site: Any) -> None:
    client = await site()
    started = await client.post(
        "/ru/report", data={"category": "other", "description": "стреляют на рынке"}, allow_redirects=False
    )
    assert started.status == 303 and started.headers["Location"] == "/ru/report/now", "short, but danger is enough"
    skipped = await client.get("/ru/report/review", allow_redirects=False)
    assert skipped.status == 303 and skipped.headers["Location"] == "/ru/report/now", "the question is not skipped"
    now = html.unescape(await (await client.get("/ru/report/now")).text())
    numbers = text("ru", "web-ask-danger")
    assert numbers in now and now.index(numbers) < now.index(text("ru", "danger-happening-now"))
    answered = await client.post("/ru/report/now", data={"now": "yes"})
    review = html.unescape(await answered.text())
    assert str(answered.url).endswith("/ru/report/review")
    assert review.index(text("ru", "danger-call-now")) < review.index("<dl>"), "call 112 now, before anything"
    assert f"<dd>{text('ru', 'web-review-now-yes')}</dd>" in review
    await submitted(client, "ru")
    async with client.sessions() as session:
        case = (await session.exec(select(Case))).one()
        alerts = [(row.kind, row.priority) for row in (await session.exec(select(OutboxMessage))).all()]
    assert case.urgent and (OutboxKind.urgent_alert, Priority.urgent) in alerts
    assert case.happening_now is True, "kept on the case: operators read it when they open it"


async def test_answering_no_keeps_the_report_and_asks_once(site: Any) -> None:
    client = await site()
    form = {"category": "weapons", "description": "Men are shooting at people in the market right now"}
    await client.post("/en/report", data=form)
    review = html.unescape(await (await client.post("/en/report/now", data={"now": "no"})).text())
    assert text("en", "danger-call-now") not in review and f"<dd>{text('en', 'web-review-now-no')}</dd>" in review
    again = await client.post("/en/report", data={**form, "place": "Central market"}, allow_redirects=False)
    assert again.headers["Location"] == "/en/report/review", "answered once, not asked again after an edit"
    bad = await client.post("/en/report/now", data={"now": "maybe"})
    assert bad.status == 422
    await submitted(client)
    async with client.sessions() as session:
        said_no = (await session.exec(select(Case))).one()
    assert said_no.urgent and said_no.happening_now is False

    quiet = await site()
    await quiet.post("/en/report", data={"category": "recruitment", "description": ONLINE})
    forged = await quiet.post("/en/report/now", data={"now": "yes"}, allow_redirects=False)
    assert forged.headers["Location"] == "/en/report/review", "only a description that signals danger is asked"
    await submitted(quiet)
    async with quiet.sessions() as session:
        quiet_case = (await session.exec(select(Case).where(Case.description == ONLINE))).one()
        card = (await session.exec(select(OutboxMessage).where(OutboxMessage.case_id == quiet_case.id))).one()
    assert not quiet_case.urgent, "a forged 'yes' does not jump the queue"
    # Not asked, so no answer: not a "no" the reporter never gave, on the case or on the operators' card.
    assert quiet_case.happening_now is None and card.payload == {}


async def test_a_flood_of_junk_does_not_delay_an_urgent_web_report(site: Any) -> None:
    from bot.cases.outbox import OutboxWorker

    client = await site()
    for number in range(8):
        junk = {"category": "other", "description": f"junk junk junk junk junk number {number} " * 2}
        await client.post("/en/report", data=junk)
        await submitted(client)
    await client.post("/en/report", data={"category": "weapons", "description": "Men are shooting at people now"})
    await client.post("/en/report/now", data={"now": "yes"})
    await submitted(client)
    delivered: list[tuple[int | None, OutboxKind]] = []

    async def deliver(item: OutboxMessage) -> None:
        delivered.append((item.case_id, item.kind))

    worker = OutboxWorker(client.sessions, deliver)
    while await worker.deliver_one():
        pass
    assert delivered[:2] == [(9, OutboxKind.new_case), (9, OutboxKind.urgent_alert)], "the urgent case first"
    assert len(delivered) == 10


# ------------------------------------------------------------------------------------------------ the status page


async def test_the_status_page_shows_both_sides_in_order_with_times_in_the_named_zone(site: Any) -> None:
    client = await site(timezone="Asia/Almaty")
    await client.post("/kk/report", data={"category": "recruitment", "description": ONLINE})
    code = await submitted(client, "kk")
    async with client.sessions() as session:
        case = (await session.exec(select(Case))).one()
    assert case.id is not None
    operator = await operator_of(client)
    await moderation.claim_case(client.sessions, operator, case.id)
    await moderation.reply_to_citizen(client.sessions, operator, case.id, "first question")
    await client.post("/kk/status/reply", data={"code": code, "body": "first answer"})
    await moderation.reply_to_citizen(client.sessions, operator, case.id, "second question")
    page = html.unescape(
        await (await client.post("/kk/status/reply", data={"code": code, "body": "second answer"})).text()
    )
    positions = [page.index(body) for body in ("first question", "first answer", "second question", "second answer")]
    assert positions == sorted(positions), "the dialogue in the order it was written"
    assert text("kk", "web-status-times", zone="Asia/Almaty (UTC+05:00)") in page
    async with client.sessions() as session:
        first = (await session.exec(select(CaseMessage).order_by(CaseMessage.id))).first()  # type: ignore[arg-type]
    assert first is not None
    written = first.created_at.replace(tzinfo=first.created_at.tzinfo or UTC).astimezone(ZoneInfo("Asia/Almaty"))
    assert text("kk", "web-status-from-operator", date=f"{written:%Y-%m-%d %H:%M} (UTC+05:00)") in page


async def test_times_are_labelled_utc_when_the_hotline_runs_on_utc(site: Any) -> None:
    client = await site(timezone="UTC")
    await client.post("/en/report", data={"category": "recruitment", "description": ONLINE})
    code = await submitted(client)
    page = html.unescape(await (await client.post("/en/status/reply", data={"code": code, "body": "hello"})).text())
    assert text("en", "web-status-times", zone="UTC") in page and " (UTC)</p>" in page


# ------------------------------------------------------------------------------------------------ shared limits


async def test_rate_limits_are_shared_between_web_processes_through_redis(site: Any, redis_url: str) -> None:
    from redis.asyncio import Redis

    from bot.web.server import REDIS_NAMESPACE

    cleaner = Redis.from_url(redis_url)
    async for key in cleaner.scan_iter(match=f"{REDIS_NAMESPACE}:*"):
        await cleaner.delete(key)
    try:
        one = await site(redis_url=redis_url, web_submissions_per_minute=2, web_no_script_wait_seconds=0)
        two = await site(redis_url=redis_url, web_submissions_per_minute=2, web_no_script_wait_seconds=0)
        statuses = []
        for client in (one, two, one):  # a burst of one (2 // 2) and 2 a minute, across both processes
            await client.post("/en/report", data={"category": "other", "description": ONLINE})
            statuses.append((await client.post("/en/report/submit", data={"nonce": ""})).status)
        assert statuses[0] == 200 and 429 in statuses[1:], statuses
        keys = [key.decode() async for key in cleaner.scan_iter(match=f"{REDIS_NAMESPACE}:*")]
        assert f"{REDIS_NAMESPACE}:flood:submit" in keys
        assert not [key for key in keys if "127.0.0.1" in key or TRACKING_UA in key]
    finally:
        async for key in cleaner.scan_iter(match=f"{REDIS_NAMESPACE}:*"):
            await cleaner.delete(key)
        await cleaner.aclose()


async def test_a_flood_of_concurrent_requests_cannot_slip_past_the_shared_limits(redis_url: str) -> None:
    from bot.web.limits import WebLimits

    redis = connect_redis(redis_url)
    namespace = f"hotline:web-test-{time.monotonic_ns()}"
    limits = WebLimits(submissions_per_minute=10, redis=redis, namespace=namespace)
    try:
        allowed = await asyncio.gather(*(limits.submission() for _ in range(400)))  # 4× the client's pool
        assert sum(allowed) == 5, "the burst (10 // 2) and not one more"
    finally:
        async for key in redis.scan_iter(match=f"{namespace}:*"):
            await redis.delete(key)
        await redis.aclose()


async def test_without_redis_each_process_counts_alone_and_an_unreachable_redis_turns_no_one_away() -> None:
    from bot.web.limits import WebLimits

    one, two = WebLimits(submissions_per_minute=2), WebLimits(submissions_per_minute=2)
    assert [await one.submission(), await one.submission(), await two.submission()] == [True, False, True]
    lookups = [await one.failed_lookup() for _ in range(31)]
    assert lookups.count(True) == 30 and not lookups[-1], "30 failed code lookups a minute in all"
    assert [await one.form_post("a") for _ in range(11)][-1] is False and await one.form_post("b"), "per token"
    gone = WebLimits(
        submissions_per_minute=2, redis=connect_redis("redis://127.0.0.1:1/0"), namespace="hotline:web-test"
    )
    assert await gone.submission() and await gone.form_post("k") and await gone.failed_lookup()


def test_several_web_processes_need_one_secret_key(make_settings: Callable[..., Settings]) -> None:
    from bot.core.settings import ConfigError
    from bot.web.server import build_web_services

    with pytest.raises(ConfigError, match="SECRET_KEY is not set; with REDIS_URL"):
        build_web_services(make_settings(secret_key=None, redis_url="redis://127.0.0.1:6379/4"))
