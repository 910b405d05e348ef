"""Web reports reach the same operators as the bot's: the card says where the report came from, Open shows its
cleaned files (uploaded from memory), and a reply waits for the reporter on the web status page."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from PIL import Image

from bot.cases import web_reports
from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator
from tests.e2e.flows import assert_clean_run, operators_desk, staff
from tests.test_web_intake import gps_jpeg


@pytest.fixture(autouse=True)
def clean_run(caplog: pytest.LogCaptureFixture, emulator: BotAPIEmulator) -> Any:
    yield
    assert_clean_run(caplog, emulator)


async def test_a_web_report_reaches_the_operators_with_its_cleaned_photo_and_their_reply_waits_on_the_web(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings]
) -> None:
    async with operators_desk(emulator, make_settings) as desk:
        services = desk.bot.services
        token = web_reports.new_form_token()
        fields = web_reports.WebDraftFields(
            category="weapons",
            description="Someone sells pistols from a car boot behind the market every Friday evening.",
            place="Behind the central market",
            language="ru",
            answers={"still_there": "choice:yes"},  # as the web form stores a picked choice
        )
        await web_reports.save_draft(services.sessions, services.secrets, token=token, fields=fields)
        await web_reports.add_upload(
            services.sessions, services.secrets, token=token, data=gps_jpeg(), max_bytes=10**7, max_files=5
        )
        receipt = await web_reports.submit_web_report(
            services.sessions,
            services.secrets,
            services.danger,
            token=token,
            nonce="",
            pow_bits=0,
            no_script_wait=timedelta(0),
            ttl=timedelta(hours=1),
            min_chars=20,
        )

        card = await desk.card(receipt.case_id)
        assert card["text"].endswith(staff("op-web-case"))
        details = await desk.open(desk.operator, card, receipt.case_id)
        assert staff("op-web-case") in details["text"]
        assert staff("citizen-op-answer", label="Is it there now", answer="Yes, it is there") in details["text"]
        photos = [c for c in emulator.calls_of("sendPhoto") if str(c.params.get("chat_id")) == str(desk.operator.id)]
        assert len(photos) == 1
        attached = str(photos[0].params["photo"]).removeprefix("attach://")
        uploaded = photos[0].params[attached]  # the bytes the bot sent, uploaded from memory
        assert b"SpyCam-42" not in uploaded.data and Image.open(io.BytesIO(uploaded.data)).size == (32, 24)

        await desk.press(desk.operator, card, "op-button-claim")
        await desk.write(desk.operator, card, receipt.case_id, "Thank you. Which car is it?")

        async def reply_waiting() -> bool:
            exchange = await web_reports.dialogue(services.sessions, case_id=receipt.case_id)
            return [message.body for message in exchange] == ["Thank you. Which car is it?"]

        for _ in range(50):
            if await reply_waiting():
                break
            await asyncio.sleep(0.1)
        else:
            pytest.fail("the operator's reply was not stored for the web status page")
