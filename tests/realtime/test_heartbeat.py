"""The hub's heartbeat tells a layer outage from a busy hub: late beats (a long fan-out, a loop starved by a
connect storm) never make every socket resync; beats that do not come back, or a skipped beat, do."""

from __future__ import annotations

import asyncio

import pytest

from realtime.hub import StreamHub

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("stream_hub")]


@pytest.fixture
async def fast_hub(settings):
    settings.NT = {**settings.NT, "STREAM_HEARTBEAT_MS": 40, "STREAM_SWEEP_MS": 60_000}
    hub = StreamHub()
    await hub.start()
    yield hub
    await hub.stop()


async def _wait(condition, seconds: float = 2.0) -> bool:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return True
        await asyncio.sleep(0.02)
    return condition()


async def test_a_hub_busy_handling_a_long_message_does_not_call_the_layer_silent(fast_hub, monkeypatch):
    """A fan-out that holds the receive loop for many heartbeat intervals delays the beats behind it."""
    real = fast_hub._handle

    async def slow(message):
        if message.get("type") == "slow":
            await asyncio.sleep(0.5)  # ~12 intervals, the loop otherwise free
        else:
            await real(message)

    monkeypatch.setattr(fast_hub, "_handle", slow)
    await fast_hub.layer.send(fast_hub.channel_name, {"type": "slow"})
    await asyncio.sleep(0.7)
    assert fast_hub.layer_ok and fast_hub.resyncs == 0
    assert await _wait(lambda: fast_hub.beat_seen >= fast_hub.beats_sent - 1)  # the late beats arrived
    assert fast_hub.resyncs == 0


async def test_a_starved_event_loop_does_not_call_the_layer_silent(fast_hub):
    """The loop blocked for many intervals (thousands of sockets connecting): beats are late, not lost."""
    for _ in range(3):
        await asyncio.sleep(0.05)
        started = asyncio.get_running_loop().time()
        while asyncio.get_running_loop().time() - started < 0.3:
            pass  # the whole process busy, as under a connect storm
    await asyncio.sleep(0.3)
    assert fast_hub.layer_ok and fast_hub.resyncs == 0


async def test_beats_that_never_come_back_mark_the_layer_silent_then_recover(fast_hub, monkeypatch):
    real_send = fast_hub.layer.send
    down = {"on": True}

    async def send(channel, message):
        if message.get("type") == "hub.beat" and down["on"]:
            return  # lost on the way, as with Redis down
        await real_send(channel, message)

    monkeypatch.setattr(fast_hub.layer, "send", send)
    assert await _wait(lambda: not fast_hub.layer_ok)
    assert fast_hub.resyncs == 0
    down["on"] = False
    assert await _wait(lambda: fast_hub.layer_ok)
    assert fast_hub.resyncs == 1


async def test_a_skipped_beat_means_the_layer_dropped_messages(fast_hub):
    await _wait(lambda: fast_hub.beat_seen >= 1)
    await fast_hub._on_beat(fast_hub.beat_seen + 1)  # in order: nothing lost
    assert fast_hub.resyncs == 0
    await fast_hub._on_beat(fast_hub.beat_seen + 2)  # one beat never arrived
    assert fast_hub.resyncs == 1 and fast_hub.layer_ok
