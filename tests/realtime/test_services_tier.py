"""Under the services tier (PostgreSQL + Redis) the whole tests/realtime suite runs on the Redis pub/sub
layer; this test makes sure it really does, and that an event crosses Redis to two hubs."""

from __future__ import annotations

import asyncio
import json

import pytest
from channels.layers import get_channel_layer

from realtime.hub import StreamHub, Subscriber
from tests.factories import Council_
from tests.realtime.conftest import aemit

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("stream_hub")]


async def test_the_stream_runs_on_redis_pubsub_across_hubs():
    assert type(get_channel_layer()).__name__ == "RedisPubSubChannelLayer"
    from channels.db import database_sync_to_async

    council = await database_sync_to_async(Council_)(n=1)
    seen: list[list[int]] = [[], []]
    hubs, subs = [], []
    for index in range(2):
        hub = StreamHub()
        await hub.start()

        async def send(message, index=index):
            frame = json.loads(message["text"])
            if frame["kind"] == "event":
                seen[index].append(frame["seq"])

        sub = Subscriber(send, council.session.pk, "public")
        await hub.attach(sub)
        hubs.append(hub)
        subs.append(sub)
    try:
        for n in range(5):
            await aemit(council.session.pk, f"k{n}", n)
        for _ in range(60):
            if seen == [[1, 2, 3, 4, 5]] * 2:
                break
            await asyncio.sleep(0.05)
        assert seen == [[1, 2, 3, 4, 5]] * 2
    finally:
        for hub, sub in zip(hubs, subs, strict=True):
            await hub.detach(sub)
            await hub.stop()
