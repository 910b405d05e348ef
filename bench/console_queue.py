"""Benchmark: the console's queue page and search with 100,000 cases on PostgreSQL, through real HTTP.

    .venv/bin/python bench/console_queue.py [--cases 100000] [--requests 200] [--runs 3]
                                            [--postgres-url postgresql+asyncpg://postgres@127.0.0.1:5432/console_bench]

The ``--postgres-url`` database is created if missing and WIPED (``DROP SCHEMA public CASCADE``): never point it at a
database in use. It is migrated, then filled with ``--cases`` cases (descriptions of 15–40 words drawn from a
Russian, Kazakh and English vocabulary, places, all categories, languages and statuses, created over the last year,
a note on one case in five, a dialogue on one in ten, a tag on one in twenty) and their search documents. Then
``hotline console`` (``bot.console.app.serve``) runs in this process on a free port, an admin signs in the way a
browser does (link, TOTP code), and each scenario below is requested ``--requests`` times one after another: the
full page, rendered, over HTTP. Printed per scenario: the cases matched, median, p95, p99 and max milliseconds, for
each run, then the medians of the runs; and the load average before and after. Because the machine is shared, each
scenario also reports the CPU time one page costs, which other processes do not inflate: this process (the console
and the HTTP client) plus the PostgreSQL backends serving it (from /proc), divided by the requests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import aiohttp  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from bot.cases import moderation  # noqa: E402
from bot.console import access, totp  # noqa: E402
from bot.console.app import serve  # noqa: E402
from bot.core import database  # noqa: E402
from bot.core.crypto import SecretBox  # noqa: E402
from bot.core.settings import load_settings  # noqa: E402

SECRET = "console-bench-secret-0123456789-abcdefghijklmnop"
VOCABULARY = (
    "сосед подъезд вербует подростков группа мессенджер деньги гараж автоматы патроны ночью машина сумка вокзал "
    "канал призывы насилие видео школа мечеть рынок склад улица дом квартира район город парень мужчина женщина "
    "көрші жастар топ интернет видео мектеп үгіт қару жарылғыш көше үй аудан қала адам "
    "neighbour recruits teenagers group chat money garage weapons night car bag station channel violence video"
)
WORDS = VOCABULARY.split()
PLACES = ("Алматы, ул. Абая", "Астана, пр. Мангилик Ел", "Шымкент", "Караганда", "Актобе", "Атырау", "Тараз")
CATEGORIES = ("terror_plot", "recruitment", "online_content", "weapons", "other")
TAGS = ("follow-up", "almaty", "referred-kgb", "video", "repeat")
SCENARIOS = (
    ("queue, open cases, page 1", "/queue"),
    ("queue, all cases, page 1", "/queue?status=all"),
    ("queue, all, page 20 (the last)", "/queue?status=all&page=20"),
    ("filter: category + language", "/queue?status=all&category=weapons&language=kk"),
    ("filter: urgent, oldest first", "/queue?status=all&urgency=urgent&sort=oldest"),
    ("filter: tag", "/queue?status=all&tag=follow-up"),
    ("filter: 30-day date range", "/queue?status=all&since={since}&until={until}"),
    ("filter: unassigned, open", "/queue?status=open&assignee=none"),
    ("search: common word", "/queue?status=all&q=гараж"),
    ("search: two words", "/queue?status=all&q=сосед+подростков"),
    ("search: rare word", "/queue?status=all&q=вокзал+склад+канал"),
    ("search + category filter", "/queue?status=all&q=жастар&category=recruitment"),
)


async def fresh_database(url: str) -> None:
    parsed = make_url(url)
    admin = create_async_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        exists = await connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database})
        if not exists:
            await connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    await admin.dispose()
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def fill(url: str, count: int) -> float:
    """``count`` cases with notes, dialogue, tags and search documents; returns the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(14)
    now = datetime.now(UTC)
    engine = database.create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(
            text("INSERT INTO operators (telegram_id, role, active, added_at) VALUES (1, 'admin', true, now())")
        )
        batch = 5000
        for start in range(0, count, batch):
            rows = []
            for n in range(start, min(count, start + batch)):
                created = now - timedelta(minutes=rng.randrange(365 * 24 * 60))
                status = rng.choices(("new", "in_review", "closed"), (2, 3, 5))[0]
                rows.append(
                    {
                        "category": rng.choice(CATEGORIES),
                        "description": " ".join(rng.choices(WORDS, k=rng.randint(15, 40))),
                        "place": rng.choice(PLACES) if rng.random() < 0.6 else None,
                        "language": rng.choice(("ru", "ru", "kk", "en")),
                        "urgent": rng.random() < 0.05,
                        "code_hash": f"{n:064x}",
                        "submission_key": f"{n:064x}",
                        "status": status,
                        "outcome": "actioned" if status == "closed" else None,
                        "created_at": created,
                        "closed_at": created + timedelta(hours=rng.randint(1, 200)) if status == "closed" else None,
                        "claimed_by": 1 if status == "in_review" and rng.random() < 0.5 else None,
                        "claim_expires_at": now + timedelta(hours=2) if status == "in_review" else None,
                        "first_reply_at": created + timedelta(minutes=rng.randint(5, 3000))
                        if status != "new"
                        else None,
                    }
                )
            await connection.execute(
                text(
                    "INSERT INTO cases (category, description, place, language, urgent, code_hash, submission_key, "
                    "status, outcome, created_at, closed_at, claimed_by, claim_expires_at, first_reply_at, "
                    "reporter_unreachable) VALUES (:category, :description, :place, :language, :urgent, :code_hash, "
                    ":submission_key, :status, :outcome, :created_at, :closed_at, :claimed_by, :claim_expires_at, "
                    ":first_reply_at, false)"
                ),
                rows,
            )
        await connection.execute(
            text(
                "INSERT INTO case_notes (case_id, operator_id, body, created_at) "
                "SELECT id, 1, 'Проверить связь с делом о складе, район ' || (id % 50), created_at FROM cases "
                "WHERE id % 5 = 0"
            )
        )
        await connection.execute(
            text(
                "INSERT INTO case_messages (case_id, direction, operator_id, body, created_at) "
                "SELECT id, 'to_citizen', 1, 'Спасибо, уточните адрес и время, пожалуйста', created_at FROM cases "
                "WHERE id % 10 = 0"
            )
        )
        for i, tag in enumerate(TAGS):
            await connection.execute(
                text(
                    "INSERT INTO case_tags (case_id, tag, added_at, added_by) "
                    "SELECT id, :tag, now(), 1 FROM cases WHERE id % 100 = :slot"
                ),
                {"tag": tag, "slot": i * 20},
            )
        await connection.execute(
            text(
                "INSERT INTO case_search (case_id, body) "
                "SELECT c.id, concat_ws(' ', c.description, c.place, "
                "(SELECT string_agg(m.body, ' ') FROM case_messages m WHERE m.case_id = c.id), "
                "(SELECT string_agg(n.body, ' ') FROM case_notes n WHERE n.case_id = c.id)) FROM cases c"
            )
        )
    await engine.dispose()
    vacuum = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with vacuum.connect() as connection:
        await connection.execute(text("VACUUM ANALYZE"))
    await vacuum.dispose()
    return time.perf_counter() - started


async def signed_in_client(base: str, sessions, box: SecretBox) -> aiohttp.ClientSession:  # type: ignore[no-untyped-def]
    admin = await moderation.operator_for(sessions, 1)
    assert admin is not None
    token = await access.issue_link(sessions, box, operator=admin, via="server")
    client = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with client.post(f"{base}/signin/{token}") as answer:
        page = await answer.text()
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)  # type: ignore[union-attr]
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
    code = totp.code_at(secret, totp.step_of(time.time()))
    async with client.post(f"{base}/signin/code", data={"csrf": csrf, "code": code}) as answer:
        assert str(answer.url).endswith("/queue"), "could not sign in"
    return client


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, -(-int(share * len(ordered) * 1000) // 1000) - 1))]


def backend_cpu_seconds(pids: list[int]) -> float:
    """utime + stime of these processes (PostgreSQL backends on this machine), in seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


async def backend_pids(url: str) -> list[int]:
    probe = create_async_engine(url)
    async with probe.connect() as connection:
        rows = await connection.execute(
            text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        )
        pids = [row[0] for row in rows]
    await probe.dispose()
    return pids


async def measure(
    client: aiohttp.ClientSession, base: str, requests: int, url: str
) -> list[tuple[str, int, list[float], float]]:
    today = datetime.now(UTC).date()
    results = []
    for name, path in SCENARIOS:
        path = path.format(since=today - timedelta(days=60), until=today - timedelta(days=30))
        timings: list[float] = []
        matched = 0
        pids = await backend_pids(url)
        cpu_before = time.process_time() + backend_cpu_seconds(pids)
        for _ in range(requests):
            started = time.perf_counter()
            async with client.get(base + path) as answer:
                page = await answer.text()
                assert answer.status == 200, (path, answer.status)
            timings.append((time.perf_counter() - started) * 1000)
            found = re.search(r'id="count">\D*(\d[\d,\s]*)', page)
            matched = int(re.sub(r"\D", "", found.group(1))) if found else -1
        cpu = (time.process_time() + backend_cpu_seconds(pids) - cpu_before) * 1000 / requests
        results.append((name, matched, timings, cpu))
    return results


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/console_bench"),
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    await fresh_database(args.postgres_url)
    await database.upgrade_async(args.postgres_url)
    filled = await fill(args.postgres_url, args.cases)
    print(
        f"{args.cases} cases filled in {filled:.0f} s; {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    from tests.conftest import free_port

    settings = load_settings(
        database_url=args.postgres_url,
        secret_key=SECRET,
        data_dir=Path(tempfile.mkdtemp()),
        console_port=free_port(),
        console_insecure_cookies=True,
        operator_language="en",
        log_level="WARNING",
    )
    ready, stop = asyncio.Event(), asyncio.Event()
    server = asyncio.create_task(serve(settings, ready=ready, stop=stop))
    await ready.wait()
    engine = database.create_engine(args.postgres_url)
    base = f"http://127.0.0.1:{settings.console_port}"
    client = await signed_in_client(base, database.session_factory(engine), SecretBox(SECRET))
    runs = []
    for run in range(1, args.runs + 1):
        results = await measure(client, base, args.requests, args.postgres_url)
        runs.append(results)
        print(f"\nrun {run}: {args.requests} requests per scenario, one at a time, ms per full page")
        print(f"{'scenario':<34} {'matched':>8} {'median':>8} {'p95':>8} {'p99':>8} {'max':>8} {'CPU/page':>9}")
        for name, matched, timings, cpu in results:
            print(
                f"{name:<34} {matched:>8} {statistics.median(timings):>8.1f} {percentile(timings, 0.95):>8.1f} "
                f"{percentile(timings, 0.99):>8.1f} {max(timings):>8.1f} {cpu:>9.1f}"
            )
    print(f"\nmedian of {args.runs} runs")
    print(f"{'scenario':<34} {'median':>8} {'p99':>8} {'CPU/page':>9}")
    for i, (name, *_) in enumerate(runs[0]):
        medians = [statistics.median(run[i][2]) for run in runs]
        p99s = [percentile(run[i][2], 0.99) for run in runs]
        cpus = [run[i][3] for run in runs]
        print(
            f"{name:<34} {statistics.median(medians):>8.1f} {statistics.median(p99s):>8.1f} "
            f"{statistics.median(cpus):>9.1f}"
        )
    load_after = os.getloadavg()
    print(
        f"\nload average before {load_before[0]:.2f} {load_before[1]:.2f}, "
        f"after {load_after[0]:.2f} {load_after[1]:.2f}"
    )
    await client.close()
    stop.set()
    await server
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
