"""The public fan-out in passes (``realtime.fanout``): events that arrive while a pass is writing go, with
the ones before, in one write to the sockets not yet reached; every socket still gets every frame once, in
order; a socket further back than memory is caught up by the hub; sockets on the ASGI ``send`` path get one
message per frame."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from realtime.fanout import fanout_drained, fanout_wake
from realtime.feeds import FANOUT_SLICE, Feed, Subscriber
from realtime.wire import SocketWriter

pytestmark = pytest.mark.asyncio


class WireSocket(SocketWriter):
    """A socket on the direct-write path: records each ``write_now`` (one TCP write) as it comes."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.messages: list[dict[str, Any]] = []
        self.target = None

    def write_now(self, frame: bytes) -> bool:
        self.writes.append(frame)
        return True

    async def send(self, message: dict[str, Any]) -> None:  # type: ignore[override]
        self.messages.append(message)


class AsgiSocket(WireSocket):
    """A socket only the ASGI ``send`` reaches (another server, TLS)."""

    def write_now(self, frame: bytes) -> bool:
        return False


def frames_in(data: bytes) -> list[dict[str, Any]]:
    """Split unmasked server text frames (RFC 6455 §5.2) and decode their JSON."""
    out, at = [], 0
    while at < len(data):
        assert data[at] == 0x81
        size = data[at + 1]
        at += 2
        if size == 126:
            size, at = int.from_bytes(data[at : at + 2], "big"), at + 2
        out.append(json.loads(data[at : at + size]))
        at += size
    return out


def event(seq: int) -> str:
    return json.dumps({"kind": "event", "seq": seq})


def deliver(feed: Feed, seq: int, catch_up: Any = None) -> None:
    """What the hub's ``_deliver`` does for the public audience."""
    feed.recent["public"].append((seq, event(seq)))
    feed.seq["public"] = seq
    fanout_wake(feed, "public", catch_up or refuse_catch_up)


async def refuse_catch_up(feed: Feed, sub: Subscriber, texts: list[str]) -> None:
    raise AssertionError("memory holds every frame here")


def public_feed(sockets: list[WireSocket]) -> tuple[Feed, list[Subscriber]]:
    feed = Feed(1, {"council": 0, "public": 0})
    subs = [Subscriber(send=socket, session_id=1, audience="public") for socket in sockets]
    feed.subscribers["public"].update(subs)
    return feed, subs


async def test_an_event_during_a_pass_goes_with_the_one_before_to_the_sockets_not_yet_reached():
    sockets = [WireSocket() for _ in range(FANOUT_SLICE * 4)]
    feed, subs = public_feed(sockets)
    deliver(feed, 1)
    await asyncio.sleep(0)  # the writer starts
    await asyncio.sleep(0)  # first slice written, the writer yields
    deliver(feed, 2)  # the next event comes in mid-pass
    await fanout_drained(feed)

    for socket in sockets:
        assert [f["seq"] for w in socket.writes for f in frames_in(w)] == [1, 2]
    joined = [s for s in sockets if len(s.writes) == 1]
    assert joined and len(joined) < len(sockets)  # the late ones got both frames in one write
    assert sum(len(s.writes) for s in sockets) < 2 * len(sockets)
    assert {sub.seq for sub in subs} == {2}
    assert feed.writers["public"].done()


async def test_passes_repeat_until_every_socket_is_at_the_head():
    sockets = [WireSocket() for _ in range(FANOUT_SLICE * 3)]
    feed, subs = public_feed(sockets)
    for seq in range(1, 6):
        deliver(feed, seq)
        await asyncio.sleep(0)
    await fanout_drained(feed)
    for socket in sockets:
        assert [f["seq"] for w in socket.writes for f in frames_in(w)] == [1, 2, 3, 4, 5]


async def test_a_socket_on_the_asgi_path_gets_one_message_per_frame_in_order():
    sockets: list[WireSocket] = [AsgiSocket() for _ in range(3)] + [WireSocket()]
    feed, subs = public_feed(sockets)
    for seq in (1, 2, 3):
        feed.recent["public"].append((seq, event(seq)))
    feed.seq["public"] = 3
    fanout_wake(feed, "public", refuse_catch_up)
    await fanout_drained(feed)
    for socket in sockets[:3]:
        assert [json.loads(m["text"])["seq"] for m in socket.messages] == [1, 2, 3]
    assert [f["seq"] for f in frames_in(sockets[3].writes[0])] == [1, 2, 3]


async def test_a_socket_further_back_than_memory_is_handed_to_the_hubs_catch_up():
    sockets = [WireSocket(), WireSocket()]
    feed, subs = public_feed(sockets)
    feed.seq["public"] = feed.recent["public"].maxlen + 10  # older frames have left memory
    subs[0].seq = feed.seq["public"] - 1
    feed.recent["public"].append((feed.seq["public"], event(feed.seq["public"])))
    caught: list[Subscriber] = []

    async def catch_up(feed: Feed, sub: Subscriber, texts: list[str]) -> None:
        caught.append(sub)
        sub.seq = feed.seq["public"]

    fanout_wake(feed, "public", catch_up)
    await fanout_drained(feed)
    assert caught == [subs[1]]
    assert [f["seq"] for f in frames_in(sockets[0].writes[0])] == [feed.seq["public"]]


async def test_closed_sockets_are_skipped_and_the_writer_ends():
    sockets = [WireSocket(), WireSocket()]
    feed, subs = public_feed(sockets)
    subs[0].closed = True
    deliver(feed, 1)
    await fanout_drained(feed)
    assert sockets[0].writes == [] and len(sockets[1].writes) == 1
    assert feed.writers["public"].done()


async def test_a_writer_stopped_by_an_error_resumes_on_the_next_wake(caplog):
    """The hub's sweep wakes every public writer (``HubHealth.sweep``): a socket left behind by a failure is
    brought up to the head then."""
    sockets = [WireSocket()]
    feed, subs = public_feed(sockets)
    feed.seq["public"] = feed.recent["public"].maxlen + 10  # the socket is further back than memory holds

    async def broken(feed: Feed, sub: Subscriber, texts: list[str]) -> None:
        raise RuntimeError("database gone")

    fanout_wake(feed, "public", broken)
    await fanout_drained(feed)
    assert subs[0].seq == 0 and "fan-out of session 1 failed" in caplog.text

    async def catch_up(feed: Feed, sub: Subscriber, texts: list[str]) -> None:
        sub.seq = feed.seq["public"]

    fanout_wake(feed, "public", catch_up)
    await fanout_drained(feed)
    assert subs[0].seq == feed.seq["public"]
