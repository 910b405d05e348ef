"""Web intake: how many reports a second ``hotline web`` takes with proof-of-work checking, and what the proof of
work costs a submitter.

Each run starts the real ``WebIntake`` (SQLite in a temporary folder) and N clients that each start a report, read
the review page, solve the proof of work (outside the timed part, as a browser would before pressing Send) and
submit; ``--concurrency`` of them at once. The timed part is Submit only: proof check, scrypt receipt hash (in a
thread), the case and its notification committed. The baseline in the same run is the same with
``WEB_POW_BITS=0`` (no check), so the ratio is the cost of checking. The solve time is Python's hashlib, per
difficulty; ``--browser`` also measures the site's own script (bot/web/static/pow.js) in Debian's Chromium
driven by Playwright: the median over several fresh challenges, as a visitor's browser would solve them.

    .venv/bin/python bench/web_intake.py --reports 60 --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core import proof_of_work
from bot.core.settings import load_settings
from bot.web.server import WebIntake

DESCRIPTION = "Someone keeps a heavy bag under the bench at the bus station and watches the entrance."


async def one_report(base: str, bits: int) -> tuple[aiohttp.ClientSession, str]:
    """A started report, reviewed and solved: what is left is pressing Send."""
    session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    form = {"category": "weapons", "description": DESCRIPTION, "place": "bus station", "incident_time": "now"}
    async with session.post(f"{base}/en/report", data=form, allow_redirects=False) as response:
        assert response.status == 303, response.status
    async with session.get(f"{base}/en/report/review") as response:
        page = await response.text()
    challenge = re.search(r'data-challenge="([0-9a-f]+)"', page)
    assert challenge
    return session, proof_of_work.solve(challenge.group(1), bits)


async def measure(bits: int, reports: int, concurrency: int, redis_url: str | None = None) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        shared = {"redis_url": redis_url} if redis_url else {}
        settings = load_settings(
            **shared,
            data_dir=Path(tmp),
            secret_key="bench-web-intake-secret-0123456789-abcdef",
            web_port=0,
            web_pow_bits=bits,
            web_no_script_wait_seconds=3600,
            web_secure_cookies=False,
            web_submissions_per_minute=1_000_000,
        )
        intake = WebIntake(settings)
        task = asyncio.create_task(intake.run(handle_signals=False))
        await intake.ready.wait()
        base = f"http://127.0.0.1:{intake.port}"
        ready = [await one_report(base, bits) for _ in range(reports)]
        gate = asyncio.Semaphore(concurrency)
        latencies: list[float] = []

        async def submit(session: aiohttp.ClientSession, nonce: str) -> None:
            async with gate:
                started = time.perf_counter()
                async with session.post(f"{base}/en/report/submit", data={"nonce": nonce}) as response:
                    assert response.status == 200, response.status
                    await response.read()
                latencies.append(time.perf_counter() - started)
            await session.close()

        started = time.perf_counter()
        await asyncio.gather(*(submit(session, nonce) for session, nonce in ready))
        elapsed = time.perf_counter() - started
        intake.stop()
        await task
        latencies.sort()
        return reports / elapsed, latencies[int(0.99 * (len(latencies) - 1))] * 1000


def solve_times(bits_list: list[int], samples: int) -> dict[int, float]:
    result = {}
    for bits in bits_list:
        times = []
        for _ in range(samples):
            challenge = proof_of_work.new_challenge()
            started = time.perf_counter()
            proof_of_work.solve(challenge, bits)
            times.append(time.perf_counter() - started)
        result[bits] = statistics.median(times) * 1000
    return result


async def browser_solve_times(bits: int, samples: int) -> list[float]:
    """The review page's script solving fresh challenges in Chromium (what a visitor waits for before Send)."""
    from playwright.async_api import async_playwright

    from tests.support.browser import CHROMIUM_ARGS as args

    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            data_dir=Path(tmp),
            secret_key="bench-web-intake-secret-0123456789-abcdef",
            web_port=0,
            web_pow_bits=bits,
            web_secure_cookies=False,
        )
        intake = WebIntake(settings)
        task = asyncio.create_task(intake.run(handle_signals=False))
        await intake.ready.wait()
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
            for _ in range(samples):
                context = await browser.new_context()
                page = await context.new_page()
                await page.goto(f"http://127.0.0.1:{intake.port}/en/report?category=other")
                await page.fill("#description", DESCRIPTION)
                await page.click('button[name="action"]')
                await page.wait_for_selector("#submit-form[data-solved-ms]", state="attached", timeout=300_000)
                times.append(float(await page.get_attribute("#submit-form", "data-solved-ms") or 0))
                await context.close()
            await browser.close()
        intake.stop()
        await task
    return times


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bits", type=int, default=18, help="the difficulty measured (WEB_POW_BITS)")
    parser.add_argument("--browser", type=int, default=0, metavar="N", help="also time N solves in Chromium")
    parser.add_argument(
        "--redis",
        metavar="URL",
        help="also run with the rate limits in this Redis (keys hotline:web:*)",
    )
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores)")
    rows: dict[str, tuple[int, str | None, list[tuple[float, float]]]] = {
        "0": (0, None, []),
        str(args.bits): (args.bits, None, []),
    }
    if args.redis:
        rows[f"{args.bits}, limits in Redis"] = (args.bits, args.redis, [])
    for _ in range(args.runs):
        for bits, redis_url, results in rows.values():
            results.append(await measure(bits, args.reports, args.concurrency, redis_url))
    print(f"\n{args.reports} reports per run, {args.concurrency} at once, median of {args.runs} runs")
    print("| WEB_POW_BITS | submissions/s | p99 Submit ms | ratio to no check |")
    print("|---|---|---|---|")
    base = statistics.median(rate for rate, _ in rows["0"][2])
    for label, (_, _, results) in rows.items():
        rate = statistics.median(r for r, _ in results)
        p99 = statistics.median(p for _, p in results)
        print(f"| {label} | {rate:.1f} | {p99:.0f} | {rate / base:.2f} |")
    print("\nsolving in Python (hashlib, one core), median of 5:")
    print("| bits | solve ms |")
    print("|---|---|")
    for bits, ms in solve_times([14, 16, args.bits], 5).items():
        print(f"| {bits} | {ms:.0f} |")
    if args.browser:
        times = await browser_solve_times(args.bits, args.browser)
        print(f"\nbot/web/static/pow.js in Chromium, {args.bits} bits, {args.browser} challenges:")
        print(f"median {statistics.median(times):.0f} ms, min {min(times):.0f}, max {max(times):.0f}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
