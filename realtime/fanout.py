"""The public audience's fan-out, in passes.

A public event goes to thousands of sockets, about ten microseconds of the loop each. Writing each event in
a loop of its own makes the next one wait for the whole of it: the close of a poll waits behind the last
progress frame, the result behind the close. Instead one writer task per feed walks the sockets in passes:
each socket gets, in one ``send``, every frame after its ``seq`` up to the head, which is re-read between
slices of sockets, so events that arrive meanwhile go, together, to the sockets the pass has not reached
yet; a further pass brings the others up to the new head. Every socket still gets every frame, in order, exactly once (the
frames are the same bytes as before, several to a TCP write), and the hub's receive loop is free while
the sockets are written.

Council sockets (a few hundred tablets, with personal frames that must follow their event) keep the
hub's own synchronous delivery."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from django.conf import settings

from realtime.feeds import FANOUT_SLICE, Feed, Subscriber, text_message
from realtime.registry import Audience
from realtime.wire import text_frame

logger = logging.getLogger("realtime.hub")
bench_logger = logging.getLogger("nt.bench")

CatchUp = Callable[[Feed, Subscriber, list[str]], Awaitable[None]]


def fanout_wake(feed: Feed, audience: Audience, catch_up: CatchUp) -> None:
    """The feed's head moved: start its writer unless one is running (it takes the new head itself)."""
    task = feed.writers.get(audience)
    if task is None or task.done():
        feed.writers[audience] = asyncio.get_running_loop().create_task(
            _fanout_passes(feed, audience, catch_up), name=f"stream-fanout-{feed.session_id}-{audience}"
        )


async def fanout_drained(feed: Feed) -> None:
    """Wait until every socket has what was delivered so far (before a resync, which must come after)."""
    for task in list(feed.writers.values()):
        if not task.done():
            await asyncio.shield(task)


async def _fanout_passes(feed: Feed, audience: Audience, catch_up: CatchUp) -> None:
    try:
        while any(sub.seq < feed.seq[audience] and not sub.closed for sub in feed.subscribers[audience]):
            await _fanout_pass(feed, audience, catch_up)
    except asyncio.CancelledError:
        raise
    except Exception:  # a socket's own failure is handled per socket; this would be a bug: log, never hang
        logger.exception("stream fan-out of session %s failed", feed.session_id)


async def _fanout_pass(feed: Feed, audience: Audience, catch_up: CatchUp) -> None:
    """Bring every socket of the audience to the head, re-read between slices so that the sockets not yet
    reached get a newer event with the ones before it; the frames after each distinct ``seq`` are joined once
    per head."""
    started, cpu_started = time.perf_counter(), time.thread_time()
    head = feed.seq[audience]
    joined: dict[int, tuple[bytes, list[str]] | None] = {}
    subscribers = list(feed.subscribers[audience])
    written = 0
    for count, sub in enumerate(subscribers, start=1):
        if count % FANOUT_SLICE == 0:
            await asyncio.sleep(0)  # let replies, requests and the hub's next events through
            if feed.seq[audience] != head:
                head, joined = feed.seq[audience], {}
        after = sub.seq
        if after >= head or sub.closed:
            continue
        if after not in joined:
            texts = feed.texts_between(audience, after, head)
            joined[after] = None if texts is None else (b"".join(text_frame(t) for t in texts), texts)
        frames = joined[after]
        if frames is None:  # further back than memory holds (rare): the hub's catch-up reads the log
            await catch_up(feed, sub, [])
            continue
        written += 1
        sub.seq = head
        if not sub.write_now(frames[0]):
            for text in frames[1]:
                await sub.push(text_message(text))
    if written:
        fanout_timing(audience, written, started, cpu_started)


def fanout_timing(audience: Audience, sockets: int, started: float, cpu_started: float) -> None:
    """With ``NT_BENCH_TIMING``, log one fan-out's wall and loop-thread CPU time (read by ``bench/``)."""
    if settings.NT["BENCH_TIMING"]:
        bench_logger.warning(
            "fanout %s %d %.3f ms cpu %.3f ms",
            audience,
            sockets,
            (time.perf_counter() - started) * 1000,
            (time.thread_time() - cpu_started) * 1000,
        )
