"""A citizen writing for the first time costs no database read; state writes are coalesced; locks do not pile up;
outgoing pacing is shared by instances through Redis."""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from aiogram.fsm.storage.base import StorageKey
from redis.asyncio import Redis
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cases.known_keys import KnownKeys
from bot.cases.preferences import LanguagePreferences
from bot.core import database
from bot.core.crypto import SecretBox
from bot.emulator.errors import ApiError
from bot.emulator.limits import RateLimiter, RateLimits
from bot.telegram.conversation_storage import DatabaseStorage, write_pending_state
from bot.telegram.isolation import ReleasedLocks
from bot.telegram.outgoing import OutgoingPolicy, RedisSendLimiter, SendLimiter
from tests.conftest import new_bot_token

SECRETS = SecretBox("first-contact-tests-secret-0123456789-abcdefghijklmnop")
DRAFT = {"category": "recruitment", "evidence": []}


class Statements:
    """Every SQL statement and commit the engine runs (a SQLAlchemy event listener: the real database, no mock)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.seen: list[str] = []
        self.commits = 0
        event.listen(engine.sync_engine, "before_cursor_execute", self._statement)
        event.listen(engine.sync_engine, "commit", self._commit)

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        self.seen.append(statement)

    def _commit(self, _conn: Any) -> None:
        self.commits += 1

    @contextmanager
    def counting(self) -> Iterator[list[str]]:
        start, found = len(self.seen), []
        try:
            yield found
        finally:
            found.extend(self.seen[start:])


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = database.create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return database.session_factory(engine)


def user(n: int) -> str:
    return SECRETS.user_key(700_000_000 + n)


def storage_key(n: int) -> StorageKey:
    return StorageKey(bot_id=1, chat_id=700_000_000 + n, user_id=700_000_000 + n)


async def test_a_new_citizen_costs_no_database_read_and_a_returning_one_keeps_their_language(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await LanguagePreferences(sessions).set(user(1), "kk")  # chosen in an earlier run of the bot
    statements = Statements(engine)
    known = KnownKeys(sessions)
    preferences = LanguagePreferences(sessions, known=known)
    storage = DatabaseStorage(sessions, SECRETS, known=known)
    await preferences.prepare()
    with statements.counting() as first_contacts:
        for n in range(100, 150):
            assert await preferences.get(user(n)) is None
            assert await storage.get_state(storage_key(n)) is None
            assert await storage.get_data(storage_key(n)) == {}
    assert first_contacts == []
    with statements.counting() as returning:
        assert await preferences.get(user(1)) == "kk"
    assert len(returning) == 1
    # Nothing is kept in memory for the 50 who only asked.
    assert known.count == 1


async def test_a_conversation_state_written_by_the_last_run_is_found(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    before = DatabaseStorage(sessions, SECRETS)
    await before.set_state(storage_key(2), "ReportFlow:description")
    await before.set_data(storage_key(2), DRAFT)
    after = DatabaseStorage(sessions, SECRETS)  # a restarted process
    assert await after.get_state(storage_key(2)) == "ReportFlow:description"
    assert await after.get_data(storage_key(2)) == DRAFT


async def test_a_step_that_sets_data_and_state_commits_once_before_its_reply(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]
) -> None:
    storage = DatabaseStorage(sessions, SECRETS)
    await storage.get_state(storage_key(3))  # loads the known keys
    statements = Statements(engine)
    async with storage.coalesced():
        await storage.update_data(storage_key(3), DRAFT)
        await storage.set_state(storage_key(3), "ReportFlow:description")
        assert statements.commits == 0
        await write_pending_state()  # what the Bot API middleware does before the reply goes out
        assert statements.commits == 1
        assert await DatabaseStorage(sessions, SECRETS).get_state(storage_key(3)) == "ReportFlow:description"
        await storage.set_state(storage_key(3), None)
        await storage.set_data(storage_key(3), {})
    assert statements.commits == 2  # the clearing, written when the update ends
    assert await DatabaseStorage(sessions, SECRETS).get_data(storage_key(3)) == {}
    with statements.counting() as never_stored:
        async with storage.coalesced():
            await storage.set_state(storage_key(4), None)  # /cancel from someone with no draft
            await storage.set_data(storage_key(4), {})
    assert never_stored == []


async def test_the_lock_of_a_user_is_gone_once_their_updates_are_handled() -> None:
    locks = ReleasedLocks()
    order: list[tuple[str, int]] = []

    async def update(n: int, key: StorageKey) -> None:
        async with locks.lock(key):
            order.append(("in", n))
            await asyncio.sleep(0.01)
            order.append(("out", n))

    await asyncio.gather(update(1, storage_key(1)), update(2, storage_key(1)), update(3, storage_key(2)))
    assert order.index(("out", 1)) < order.index(("in", 2))  # one update at a time per user
    assert order.index(("in", 3)) < order.index(("out", 1))  # others are not held up
    assert locks.held == 0
    assert locks  # aiogram replaces a falsy isolation with none at all


# ------------------------------------------------------------------------------------------------ with Redis


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


async def test_instances_share_language_choices_through_redis_without_reading_the_database(
    redis: Redis, engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]
) -> None:
    namespace = f"hotline:{new_bot_token().split(':')[0]}"
    await LanguagePreferences(sessions).set(user(1), "ru")  # stored before Redis was used
    first, second = (LanguagePreferences(sessions, redis=redis, namespace=namespace) for _ in range(2))
    await first.prepare()
    statements = Statements(engine)
    with statements.counting() as reads:
        assert await second.get(user(1)) == "ru"
        assert [await second.get(user(n)) for n in range(100, 120)] == [None] * 20
    assert reads == []
    await first.set(user(2), "en")
    assert await second.get(user(2)) == "en"
    stored = {key.decode() async for key in redis.scan_iter(match=f"{namespace}:*")}
    assert stored == {f"{namespace}:languages", f"{namespace}:languages:filled"}  # no key per citizen
    # Redis restarted empty: the database answers until the hash is filled again.
    await redis.delete(f"{namespace}:languages", f"{namespace}:languages:filled")
    assert await second.get(user(2)) == "en"
    with statements.counting() as after_refill:
        assert await first.get(user(1)) == "ru"
    assert after_refill == []


def limiter() -> SendLimiter:
    return SendLimiter(private_rate=1.0, private_burst=3, global_rate=10.0, global_burst=5, margin=0.0)


async def test_two_instances_take_from_the_same_buckets_in_redis(redis: Redis) -> None:
    namespace = f"hotline:{new_bot_token().split(':')[0]}"
    one, two = (RedisSendLimiter(redis, like=limiter(), namespace=namespace, chat_key=SECRETS.chat_key) for _ in "12")
    # One chat: a burst of 3 in all, then 1 a second, whichever instance sends.
    waits = [await (one if n % 2 else two).reserve(42, now=100.0) for n in range(5)]
    assert waits == pytest.approx([0, 0, 0, 1.0, 2.0])
    # The bot-wide bucket (burst 5, 10/s) is shared too: the 5 above spent it, so other chats wait 0.1 s apart.
    overall = [await (one if n % 2 else two).reserve(1000 + n, now=100.0) for n in range(4)]
    assert overall == pytest.approx([0.1, 0.2, 0.3, 0.4])
    # The same answers as one process's limiter gives.
    local = limiter()
    expected = [local.delay(42, now=100.0) for _ in range(5)] + [local.delay(1000 + n, now=100.0) for n in range(4)]
    assert expected == pytest.approx(waits + overall)
    # A pause refills; idle buckets expire; no chat id in Redis.
    assert await one.reserve(42, now=200.0) == 0
    keys = [key.decode() async for key in redis.scan_iter(match=f"{namespace}:pace:*")]
    assert keys and not [key for key in keys if "42" in key.split(":")[-1] or "1000" in key]
    assert all([await redis.pttl(key) > 0 for key in keys])


async def test_the_shared_limiter_adds_the_margin_and_uses_redis_clock(redis: Redis) -> None:
    namespace = f"hotline:{new_bot_token().split(':')[0]}"
    like = SendLimiter(private_rate=1.0, private_burst=1, global_rate=1000, global_burst=1000, margin=0.2)
    shared = RedisSendLimiter(redis, like=like, namespace=namespace, chat_key=SECRETS.chat_key)
    assert await shared.reserve(7) == 0
    # 1 s for the token and 0.2 s to spare (Redis's clock: a moment may have passed between the two calls).
    assert 1.1 < await shared.reserve(7) <= 1.2


class VirtualTime:
    """A clock and a ``sleep`` for concurrent senders: time moves only when every sender waits (or is done), to the
    earliest wake-up. ``stall(start, end)`` models a sender whose process froze: its sleeps due then end at ``end``."""

    def __init__(self, senders: int) -> None:
        self.now = 0.0
        self._running = senders
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._idle = asyncio.Event()
        self._order = 0

    def clock(self) -> float:
        return self.now

    def sleeper(self, stalls: tuple[float, float] | None = None) -> Any:
        async def sleep(seconds: float) -> None:
            wake = self.now + seconds
            if stalls is not None and stalls[0] <= wake < stalls[1]:
                wake = stalls[1]
            future = asyncio.get_running_loop().create_future()
            self._order += 1
            heapq.heappush(self._sleepers, (wake, self._order, future))
            self.blocked()
            await future

        return sleep

    def blocked(self) -> None:
        self._running -= 1
        if self._running == 0:
            self._idle.set()

    async def run(self) -> None:
        while True:
            await self._idle.wait()
            self._idle.clear()
            if not self._sleepers:
                return
            wake, _, future = heapq.heappop(self._sleepers)
            self.now = max(self.now, wake)
            self._running += 1
            future.set_result(None)


class CountingPacing:
    """A limiter's reservations counted (the real limiter underneath)."""

    def __init__(self, limiter: SendLimiter | RedisSendLimiter) -> None:
        self.limiter, self.calls = limiter, 0
        self.late_after, self.margin = limiter.late_after, limiter.margin

    async def reserve_turn(self, chat_id: int | str | None) -> tuple[float, float]:
        self.calls += 1
        return await self.limiter.reserve_turn(chat_id)


async def paced_surge(
    make_limiter: Any, *, stall: tuple[float, float] | None = None, chats: int = 30, per_chat: int = 5
) -> tuple[int, int, int]:
    """Two instances send ``per_chat`` messages to each of ``chats`` private chats, all asked at once, through one
    shared limiter at Telegram's figures; instance 1 may freeze for a while. Every message is checked on arrival by
    the emulator's model of Telegram's limits. (429 answers, reservations, messages)."""
    telegram = RateLimiter(RateLimits())
    messages = [(n % 2, 1000 + n % chats) for n in range(chats * per_chat)]
    clock = VirtualTime(len(messages))
    shared = CountingPacing(make_limiter(clock.clock))
    policies = [
        OutgoingPolicy(limiter=shared, clock=clock.clock, sleep=clock.sleeper(stall if instance == 1 else None))
        for instance in (0, 1)
    ]

    async def send(instance: int, chat_id: int) -> None:
        await policies[instance].take_turn(chat_id)
        with contextlib.suppress(ApiError):
            telegram.acquire("bot", chat_id, True, clock.now)  # what the peer counts: the moment it arrives
        clock.blocked()

    await asyncio.gather(clock.run(), *(send(instance, chat) for instance, chat in messages))
    return telegram.refused, shared.calls, len(messages)


async def stays_under_telegrams_limits_despite_a_stalled_instance(make_limiter: Any) -> None:
    # 150 messages at once, the bot-wide bucket the limit, all leaving on time: one reservation (one round trip) each.
    refused, calls, messages = await paced_surge(make_limiter)
    assert refused == 0 and calls == messages
    # One chat's 4th and 5th message wait for the chat, after their bot-wide slot: they take a second bot-wide turn.
    refused, calls, messages = await paced_surge(make_limiter, chats=1)
    assert refused == 0 and calls == messages + 2
    # An instance frozen for 0.8 s: its messages due then leave late, take another turn, and still no 429.
    refused, calls, messages = await paced_surge(make_limiter, stall=(1.0, 1.8))
    assert refused == 0 and calls > messages


async def test_a_message_that_leaves_late_takes_a_new_turn_so_the_peer_never_says_429() -> None:
    """A stalled instance sends the messages of its frozen second late, among the next second's: charged again when
    they really leave, they wait for a turn of their own instead of making a 31st message in a second."""
    # Telegram's figures: 30/s per bot (25 + a burst of 5), 1/s per private chat (bursts of 3).
    await stays_under_telegrams_limits_despite_a_stalled_instance(lambda clock: SendLimiter(clock=clock))


async def test_instances_pacing_through_redis_charge_a_late_message_too(redis_url: str) -> None:
    redis = Redis.from_url(redis_url, max_connections=200)  # 150 senders may ask at once

    def make_limiter(clock: Any) -> RedisSendLimiter:
        namespace = f"hotline:{new_bot_token().split(':')[0]}"
        like = SendLimiter(clock=clock)
        return RedisSendLimiter(redis, like=like, namespace=namespace, chat_key=SECRETS.chat_key, clock=clock)

    try:
        await stays_under_telegrams_limits_despite_a_stalled_instance(make_limiter)
    finally:
        await redis.aclose()


class _Peer:
    """The Bot API's getUpdates on a virtual clock: answers at once with what has arrived (as Telegram does)."""

    def __init__(self, arrivals: list[float]) -> None:
        self.now = 0.0
        self.arrivals = arrivals
        self.polls: list[tuple[float, int]] = []  # (when asked, updates returned)

    async def sleep(self, seconds: float) -> None:
        self.now += seconds

    async def get_updates(self, bot: Any, method: Any) -> Any:
        """What aiogram's ``make_request`` returns to the session's middlewares: the result, a list of updates."""
        if not any(t <= self.now for t in self.arrivals):  # a long poll: returns when the next update arrives
            self.now = min(self.arrivals)
        ready = [t for t in self.arrivals if t <= self.now][:100]
        for t in ready:
            self.arrivals.remove(t)
        self.polls.append((self.now, len(ready)))
        return [object()] * len(ready)


async def test_a_busy_bot_takes_its_updates_several_to_a_poll_and_an_idle_one_without_waiting() -> None:
    from aiogram.methods import GetUpdates, SendMessage

    from bot.telegram.polling_batches import PollingBatches

    # 40 messages 5 ms apart (200 a second), then one more after a quiet second.
    peer = _Peer([i * 0.005 for i in range(40)] + [1.195 + 1.0])
    batches = PollingBatches(linger=0.025, clock=lambda: peer.now, sleep=peer.sleep)
    while peer.arrivals:
        await batches(peer.get_updates, None, GetUpdates())  # type: ignore[arg-type]
    busy = [got for when, got in peer.polls if when < 1.0]
    assert sum(busy) == 40 and len(busy) <= 10  # polling without the wait: one poll per message here
    busy_times = [when for when, _ in peer.polls if when < 1.0]
    assert all(b - a >= 0.025 - 1e-9 for a, b in itertools.pairwise(busy_times))
    last_poll_at, got = peer.polls[-1]
    assert got == 1 and last_poll_at == pytest.approx(2.195)  # after a pause: taken the moment it arrives

    async def never(bot: Any, method: Any) -> Any:  # other calls never wait, even right after a partial batch
        return "sent"

    peer.arrivals = [peer.now]
    await batches(peer.get_updates, None, GetUpdates())  # type: ignore[arg-type]
    before = peer.now
    assert await batches(never, None, SendMessage(chat_id=1, text="x")) == "sent"  # type: ignore[arg-type]
    assert peer.now == before


async def test_updates_handed_out_before_polling_stops_in_the_wait_are_confirmed_not_delivered_again() -> None:
    from aiogram.methods import GetUpdates

    from bot.telegram.polling_batches import PollingBatches

    asked: list[tuple[int | None, int | None]] = []  # (offset, timeout) of every getUpdates that reached the peer

    async def peer(bot: Any, method: Any) -> Any:
        asked.append((method.offset, method.timeout))
        return [object()] if len(asked) == 1 else []  # one update, then nothing new

    batches = PollingBatches(linger=60.0)  # a real wait, cancelled as aiogram cancels polling when the bot stops
    await batches(peer, None, GetUpdates(timeout=30))  # type: ignore[arg-type]
    waiting = asyncio.create_task(batches(peer, None, GetUpdates(offset=101, timeout=30)))  # type: ignore[arg-type]
    await asyncio.sleep(0.05)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    # The update with id 100 was handled; the call that confirms it (offset 101) still reached the peer, at once.
    assert asked == [(None, 30), (101, 0)]
