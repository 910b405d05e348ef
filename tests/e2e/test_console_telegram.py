"""The console's Telegram side, the real bot against the emulator: /console sign-in links (that a running console
accepts), operators' /help in their chat, and TELEGRAM_CASE_CONTENT=none keeping citizen content out of Telegram."""

from __future__ import annotations

import re
from collections.abc import Callable

import aiohttp

from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator, EmuUser
from tests.conftest import free_port
from tests.console.conftest import running_console
from tests.e2e.flows import (
    DESCRIPTION,
    OPERATORS_CHAT,
    Citizen,
    operators_desk,
    sends_to,
    staff,
)

LINK = re.compile(r"http://127\.0\.0\.1:\d+/signin/[A-Za-z0-9_-]+")


async def test_console_command_gives_a_private_one_time_link_the_console_accepts(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    async with operators_desk(emulator, make_settings, console_url=url) as desk:
        settings = desk.bot.settings.model_copy(update={"console_port": port, "console_insecure_cookies": True})
        # In the operators' group the link would be seen by everyone: refused, pointing to a private chat.
        answer = await desk.command(desk.operator, "/console")
        assert answer["text"] == staff("console-link-private-only")
        # A citizen gets nothing but a refusal.
        stranger = citizen(language_code="en")
        await emulator.send_message(stranger, "/console")
        refused = await emulator.wait_for_bot_message(stranger.id)
        assert "http" not in refused["text"]
        # In the operator's own chat: the link, without a preview (a preview would fetch it).
        await emulator.send_message(desk.operator, "/console")
        sent = await emulator.wait_for_bot_message(desk.operator.id)
        link = LINK.search(sent["text"]).group(0)  # type: ignore[union-attr]
        assert sent["text"] == staff("console-link-sent", link=link)
        (call,) = [c for c in sends_to(emulator, desk.operator.id) if "signin" in str(c.params.get("text"))]
        assert call.params["link_preview_options"] == {"is_disabled": True}
        async with (
            running_console(settings),
            aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser,
        ):
            async with browser.post(link) as first:
                assert first.status == 200 and 'name="code"' in await first.text()
            async with browser.post(link) as again:
                assert again.status == 410


async def test_help_in_the_operators_chat_is_for_operators(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings, console_url="https://console.hotline.example") as desk:
        answer = await desk.command(desk.analyst, "/help")
        console_line = staff("console-op-help-console", url="https://console.hotline.example")
        assert answer["text"] == staff("console-op-help", console=console_line)
        someone = citizen(language_code="en")
        await emulator.send_message(someone, "/help")
        assert (await emulator.wait_for_bot_message(someone.id))["text"] != answer["text"]


async def test_with_a_console_no_citizen_content_goes_to_telegram(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    """TELEGRAM_CASE_CONTENT defaults to none once CONSOLE_URL is set: cards and /case carry the number, category,
    urgency and a console link; the description, place and files stay on the hotline's server."""
    async with operators_desk(emulator, make_settings, console_url="https://console.hotline.example") as desk:
        assert desk.bot.settings.case_content == "none"
        reporter = Citizen(emulator, citizen(language_code="en"))
        await reporter.report(DESCRIPTION, place="ул. Абая 10", photos=1)
        card = await desk.card(1)
        assert "https://console.hotline.example/cases/1" in card["text"]
        shown = await desk.requested(desk.operator, "/case HT-00001", lambda m: "HT-00001" in m.get("text", ""))
        assert "https://console.hotline.example/cases/1" in shown["text"]
        await desk.press(desk.operator, card, "op-button-open")
        await emulator.wait_for_bot_message(desk.operator.id, lambda m: m.get("text") == "HT-00001", after=shown)
        everything = " ".join(
            (m.get("text") or "") + (m.get("caption") or "")
            for chat in (OPERATORS_CHAT, desk.operator.id)
            for m in emulator.chat_history(chat)
        )
        assert DESCRIPTION not in everything and "Абая" not in everything
        assert not [
            m for m in emulator.chat_history(OPERATORS_CHAT) if "photo" in m and m.get("from", {}).get("is_bot")
        ]


async def test_summary_shows_the_description_but_not_place_or_files(
    emulator: BotAPIEmulator, make_settings: Callable[..., Settings], citizen: Callable[..., EmuUser]
) -> None:
    async with operators_desk(emulator, make_settings, telegram_case_content="summary") as desk:
        reporter = Citizen(emulator, citizen(language_code="en"))
        await reporter.report(DESCRIPTION, place="ул. Абая 10", photos=1)
        await desk.card(1)
        shown = await desk.requested(desk.operator, "/case HT-00001", lambda m: "HT-00001" in m.get("text", ""))
        assert DESCRIPTION in shown["text"] and "Абая" not in shown["text"]
