import asyncio, time
from tests.e2e.conftest import *  # noqa
from tests.e2e.test_citizen_flows import sends_to  # noqa

async def test_dbg(hotline, emulator, citizen):
    t0 = time.monotonic()
    user = citizen(language_code="en")
    await emulator.send_message(user, "/help")
    await emulator.user_blocks_bot(user.id)
    await emulator.wait_until(lambda: sends_to(emulator, user.id), what="the bot tried to answer")
    print("first send", time.monotonic() - t0)
    await asyncio.sleep(2.5)
    for c in emulator.calls:
        print(round(c.time - t0, 3), c.method, c.params.get("chat_id"))
    assert 0
