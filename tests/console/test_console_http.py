"""The console over real HTTP: sign-in and its refusals, sessions, CSRF, roles, and what pages show."""

from __future__ import annotations

import aiohttp

from tests.console.conftest import ADMIN, ANALYST, OPERATOR, OPERATOR_2, RunningConsole, csrf_of, sign_in


async def test_signed_in_admin_sees_the_queue(console: RunningConsole, signed_in) -> None:
    case_id = await console.report("Сосед по подъезду зовёт подростков в экстремистскую группу в мессенджере.")
    client = await signed_in(ADMIN)
    async with client.get(f"{console.url}/queue") as answer:
        page = await answer.text()
    assert answer.status == 200
    assert f"HT-{case_id:05d}" in page
