"""The per-process hub: fan-out, order and gaps, outages of the channel layer, personal frames."""

from __future__ import annotations

import asyncio
import json

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from realtime import publish
from realtime.hub import StreamHub, Subscriber, hub_get
from realtime.publish import stream_group, stream_push_personal
from tests.factories import Council_
from tests.realtime.conftest import aemit, command, council_path, open_socket, public_path, receive

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("stream_hub")]


@pytest.fixture
def council():
    return Council_(n=2)


@pytest.fixture
def lossy_layer(monkeypatch):
    """Drop the next N stream messages on their way to the layer, as a broken network would."""
    state = {"drop": 0}
    real = publish._group_send

    def send(group, message):
        if message["type"] == "stream.event" and state["drop"] > 0:
            state["drop"] -= 1
            return
        real(group, message)

    monkeypatch.setattr(publish, "_group_send", send)
    return state


async def test_many_public_sockets_share_one_layer_subscription(council):
    sockets = [await open_socket(public_path(council.session.pk)) for _ in range(60)]
    snapshots = [await receive(ws, "snapshot") for ws in sockets]
    assert {s["seq"] for s in snapshots} == {0}
    hub = await hub_get()
    layer = get_channel_layer()
    if hasattr(layer, "groups") and isinstance(layer.groups, dict) and stream_group(council.session.pk) in layer.groups:
        assert list(layer.groups[stream_group(council.session.pk)]) == [hub.channel_name]
    feed = hub.feeds[council.session.pk]
    assert len(feed.subscribers["public"]) == 60
    await aemit(council.session.pk, "k", {"v": 1})
    frames = [await receive(ws, "event") for ws in sockets]
    assert {json.dumps(f, sort_keys=True) for f in frames} == {json.dumps(frames[0], sort_keys=True)}
    for ws in sockets:
        await ws.disconnect()
    assert not feed.subscribers["public"]


async def test_a_lost_publish_is_filled_from_the_log_before_the_next_event(council, lossy_layer):
    ws = await open_socket(public_path(council.session.pk))
    await receive(ws, "snapshot")
    lossy_layer["drop"] = 2
    for n in range(3):
        await aemit(council.session.pk, f"k{n}", n)
    frames = [await receive(ws, "event") for _ in range(3)]
    assert [f["seq"] for f in frames] == [1, 2, 3]
    assert [f["data"]["key"] for f in frames] == ["k0", "k1", "k2"]
    await ws.disconnect()


async def test_sweep_delivers_a_lost_last_event(council, lossy_layer):
    ws = await open_socket(council_path(council.session.pk), user=council.secretariat)
    await receive(ws, "snapshot")
    lossy_layer["drop"] = 1
    await aemit(council.session.pk, "lost", 1)
    assert await ws.receive_nothing(timeout=0.2)
    await (await hub_get()).sweep()
    assert (await receive(ws, "event"))["data"] == {"key": "lost"}
    await ws.disconnect()


async def test_layer_outage_then_recovery_sends_resync_and_fills_gaps(council, lossy_layer):
    council_ws = await open_socket(council_path(council.session.pk), user=council.secretariat)
    public_ws = await open_socket(public_path(council.session.pk))
    await receive(council_ws, "snapshot")
    await receive(public_ws, "snapshot")
    hub = await hub_get()
    hub.layer_ok = False  # what the heartbeat monitor concludes after missed beats
    lossy_layer["drop"] = 1
    await aemit(council.session.pk, "during", 1)
    await hub._on_beat()  # the next heartbeat comes back through the layer
    for ws in (council_ws, public_ws):
        assert (await receive(ws, "event"))["data"] == {"key": "during"}
        assert await receive(ws, "resync") == {"kind": "resync", "reason": "layer"}
    assert hub.layer_ok and hub.resyncs == 1
    await council_ws.disconnect()
    await public_ws.disconnect()


async def test_heartbeat_through_the_layer_marks_it_alive(council, settings):
    settings.NT = {**settings.NT, "STREAM_HEARTBEAT_MS": 50}
    hub = StreamHub()
    await hub.start()
    try:
        hub.layer_ok = False
        for _ in range(40):
            await asyncio.sleep(0.05)
            if hub.layer_ok:
                break
        assert hub.layer_ok and hub.resyncs == 1
    finally:
        await hub.stop()


async def test_reconnect_with_since_gets_only_the_missing_events_and_me(council):
    ws = await open_socket(council_path(council.session.pk), user=council.secretariat)
    await receive(ws, "snapshot")
    await aemit(council.session.pk, "a", 1)
    assert (await receive(ws, "event"))["seq"] == 1
    await ws.disconnect()
    await aemit(council.session.pk, "b", 2)
    await aemit(council.session.pk, "c", 3)
    again = await open_socket(council_path(council.session.pk, "since=1"), user=council.secretariat)
    assert (await receive(again, "me"))["session"] == council.session.pk
    assert [(await receive(again, "event"))["seq"] for _ in range(2)] == [2, 3]
    assert await again.receive_nothing(timeout=0.2)
    await again.disconnect()
    stale = await open_socket(council_path(council.session.pk, "since=50"), user=council.secretariat)
    seq = (await receive(stale, "snapshot"))["seq"]
    assert [(await receive(stale, "event"))["seq"] for _ in range(3 - seq)] == list(range(seq + 1, 4))
    await stale.disconnect()


async def test_personal_frames_reach_every_device_of_that_user_only(council):
    delegate = await database_sync_to_async(lambda: council.delegates[0].user)()
    other = await database_sync_to_async(lambda: council.delegates[1].user)()
    tablet = await open_socket(council_path(council.session.pk), user=delegate)
    phone = await open_socket(council_path(council.session.pk), user=delegate)
    neighbour = await open_socket(council_path(council.session.pk), user=other)
    public = await open_socket(public_path(council.session.pk))
    for ws in (tablet, phone, neighbour, public):
        await receive(ws, "snapshot")
    await database_sync_to_async(stream_push_personal)(
        session_id=council.session.pk,
        type="vote.recorded",
        frames=[
            (delegate.pk, {"receipt": "R-1"}, [{"op": "put", "path": ["ballots", "1"], "value": {"receipt": "R-1"}}])
        ],
    )
    for ws in (tablet, phone):
        frame = await receive(ws, "personal")
        assert frame["type"] == "vote.recorded" and frame["data"] == {"receipt": "R-1"}
        assert frame["session"] == council.session.pk
    assert await neighbour.receive_nothing(timeout=0.2)
    assert await public.receive_nothing(timeout=0.05)
    for ws in (tablet, phone, neighbour, public):
        await ws.disconnect()


async def test_personal_frames_of_a_batch_share_layer_messages_across_hubs(council, monkeypatch):
    """A vote burst's personal frames travel a few hundred per layer message (chunks of PERSONAL_CHUNK, here
    2) in the session's group, and each hub writes every frame to its own sockets of that user only."""
    monkeypatch.setattr(publish, "PERSONAL_CHUNK", 2)
    layer = get_channel_layer()
    messages = []
    real_group_send = layer.group_send

    async def counting_group_send(group, message):
        if message.get("type") == "user.frames":
            messages.append(len(message["frames"]))
        await real_group_send(group, message)

    monkeypatch.setattr(layer, "group_send", counting_group_send)
    users = await database_sync_to_async(lambda: [d.user for d in council.delegates] + [council.chair])()
    hubs = [StreamHub(), StreamHub()]
    got: list[list[tuple[int, str]]] = [[], []]
    subs = []
    for index, hub in enumerate(hubs):
        await hub.start()
        for user in users[index:]:  # hub 0 serves all three users, hub 1 the last two

            async def send(message, index=index, user=user):
                frame = json.loads(message["text"])
                if frame["kind"] == "personal":
                    got[index].append((user.pk, frame["data"]["n"]))

            sub = Subscriber(send, council.session.pk, "council", user_id=user.pk)
            await hub.user_join(sub)
            await hub.attach(sub, me={})
            subs.append((hub, sub))
    try:
        await database_sync_to_async(stream_push_personal)(
            session_id=council.session.pk,
            type="vote.cast",
            frames=[(user.pk, {"n": n}, []) for n, user in enumerate(users)],
        )
        for _ in range(200):
            if len(got[0]) == 3 and len(got[1]) == 2:
                break
            await asyncio.sleep(0.01)
        assert messages == [2, 1]
        assert sorted(got[0]) == [(user.pk, n) for n, user in enumerate(users)]
        assert sorted(got[1]) == [(user.pk, n) for n, user in enumerate(users) if n >= 1]
    finally:
        for hub, sub in subs:
            await hub.detach(sub)
        for hub in hubs:
            await hub.stop()


async def test_personal_frame_waits_for_the_snapshot(council):
    hub = await hub_get()
    sent = []

    async def send(message):
        sent.append(json.loads(message["text"]))

    sub = Subscriber(send, council.session.pk, "council", user_id=council.secretariat.pk)
    await hub.user_join(sub)
    await database_sync_to_async(stream_push_personal)(
        session_id=council.session.pk, type="note", frames=[(council.secretariat.pk, {}, [])]
    )
    for _ in range(100):
        if sub.pending:
            break
        await asyncio.sleep(0.01)
    assert sent == [] and len(sub.pending) == 1
    await hub.attach(sub, me={"mine": True})
    assert [f["kind"] for f in sent] == ["snapshot", "personal"]
    assert sent[0]["me"] == {"mine": True}
    await hub.detach(sub)
    assert council.secretariat.pk not in hub.users


async def test_two_hubs_like_two_processes_each_deliver_to_their_own_sockets(council):
    hubs = [StreamHub(), StreamHub()]
    received: list[list[int]] = [[], []]
    subs = []
    for index, hub in enumerate(hubs):
        await hub.start()

        async def send(message, index=index):
            frame = json.loads(message["text"])
            if frame["kind"] == "event":
                received[index].append(frame["seq"])

        sub = Subscriber(send, council.session.pk, "public")
        await hub.attach(sub)
        subs.append(sub)
    try:
        await aemit(council.session.pk, "x", 1)
        await aemit(council.session.pk, "y", 2)
        for _ in range(50):
            if received == [[1, 2], [1, 2]]:
                break
            await asyncio.sleep(0.05)
        assert received == [[1, 2], [1, 2]]
    finally:
        for hub, sub in zip(hubs, subs, strict=True):
            await hub.detach(sub)
            await hub.stop()


async def test_a_socket_that_vanishes_does_not_disturb_the_others(council):
    hub = await hub_get()

    async def broken(message):
        raise ConnectionError("gone")

    dead = Subscriber(broken, council.session.pk, "public")
    await hub.attach(dead)
    ws = await open_socket(public_path(council.session.pk))
    await receive(ws, "snapshot")
    await aemit(council.session.pk, "k", 1)
    assert (await receive(ws, "event"))["seq"] == 1
    assert dead.closed
    assert (await command(ws, "ping"))["ok"]
    await ws.disconnect()
