"""``vote.cast`` over the real WebSocket consumer: one reply per command, the same receipts and error codes
as REST, progress and the final result reaching a public socket."""

import asyncio

import pytest
from channels.db import database_sync_to_async

from tests.realtime.conftest import command, council_path, open_socket, public_path, receive, stream_hub  # noqa: F401
from tests.voting.conftest import Hall, new_id
from voting import services
from voting.models import NamedBallot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("stream_hub")]


async def _delegate_socket(hall, i):
    user = await database_sync_to_async(hall.user)(i)
    ws = await open_socket(council_path(hall.c.session.pk), user=user)
    await receive(ws, "snapshot")
    return ws


async def test_vote_cast_over_the_socket_with_retry_and_refusals():
    hall = await database_sync_to_async(Hall)(n=3)
    poll = await database_sync_to_async(hall.poll)()
    ws = await _delegate_socket(hall, 0)
    cid = new_id()
    first = await command(ws, "vote.cast", {"poll": poll.pk, "choice": "yes", "client_id": cid}, id="v1")
    assert first["ok"] is True and first["reply_to"] == "v1" and first["data"]["status"] == "recorded"
    retry = await command(ws, "vote.cast", {"poll": poll.pk, "choice": "yes", "client_id": cid}, id="v2")
    assert retry["data"]["receipt"] == first["data"]["receipt"] and retry["data"]["status"] == "replayed"
    again = await command(ws, "vote.cast", {"poll": poll.pk, "choice": "no", "client_id": new_id()}, id="v3")
    assert again["ok"] is False and again["error"]["code"] == "vote.already_voted"
    other = await database_sync_to_async(lambda: Hall(n=1).poll())()
    foreign = await command(ws, "vote.cast", {"poll": other.pk, "choice": "yes", "client_id": new_id()}, id="v4")
    assert foreign["error"]["code"] == "vote.poll_other_council"
    missing = await command(ws, "vote.cast", {"poll": poll.pk}, id="v5")
    assert missing["error"]["code"] == "request.invalid"
    seat = await command(
        ws,
        "vote.cast",
        {"poll": poll.pk, "choice": "yes", "client_id": new_id(), "person": hall.delegates[1].pk},
        id="v6",
    )
    assert seat["error"]["code"] == "vote.not_your_seat"
    assert await database_sync_to_async(NamedBallot.objects.filter(poll=poll).count)() == 1
    await ws.disconnect()


async def test_public_socket_sees_progress_then_the_published_result():
    hall = await database_sync_to_async(Hall)(n=3)
    poll = await database_sync_to_async(hall.poll)()
    public = await open_socket(public_path(hall.c.session.pk))
    await receive(public, "snapshot")
    sockets = [await _delegate_socket(hall, i) for i in range(3)]
    replies = await asyncio.gather(
        *(
            command(ws, "vote.cast", {"poll": poll.pk, "choice": "yes", "client_id": new_id()}, id=f"d{i}")
            for i, ws in enumerate(sockets)
        )
    )
    assert all(r["ok"] for r in replies)
    progress = await receive(public, "event")
    assert progress["type"] == "poll.progress" and progress["patch"][0]["value"]["cast_count"] >= 1
    closed = await database_sync_to_async(services.poll_close)(actor=hall.sec, poll=poll)
    await database_sync_to_async(services.poll_publish)(actor=hall.sec, poll=closed)
    seen = []
    while not seen or seen[-1]["type"] != "poll.published":
        seen.append(await receive(public, "event", timeout=5))
    final = seen[-1]["patch"][0]["value"]
    assert final["cast_count"] == 3 and final["result"]["passed"] is True
    assert "poll.closed" in [e["type"] for e in seen]
    for ws in [public, *sockets]:
        await ws.disconnect()
