"""The per-process fan-out hub of the session stream.

One hub per event loop (one per server process in production) owns ONE channel-layer channel. It joins
the layer group ``stream.<session>`` when the first local socket of a session attaches (personal frames
travel in that group too, a few hundred per message, and the hub routes each to its user's local sockets),
runs one receive loop, and writes each event's
already-serialized text to every local socket of the right audience: thousands of public viewers cost one
layer message per event per process, not one per socket, and no JSON work or database access per socket.

Order and completeness: the hub tracks the last seq it delivered per session and audience. A hole (an
event published late, out of order, or lost by the layer) is filled from the event log before anything
newer is written; a periodic sweep compares the delivered seq with the database so even a lost last event
arrives. Numbered heartbeats sent through the layer to the hub's own channel detect layer outages
(channels_redis' pub/sub layer reports none): the layer is silent when ``SILENT_BEATS`` beats in a row went
unanswered while the hub was waiting on the layer (a hub busy with a fan-out, or a loop starved by a connect
storm, answers late, which is not an outage), and it dropped messages when a beat's number is skipped. When
beats come back, or on a skipped one, every local socket gets ``{"kind": "resync"}``.

Snapshots are built once per (session, audience) and shared: a socket attaching later gets the cached
snapshot plus the recent events after it from the hub's memory."""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Awaitable
from typing import Any

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from realtime.fanout import fanout_drained, fanout_timing, fanout_wake
from realtime.feeds import (
    FANOUT_SLICE,
    MAX_SNAPSHOT_CATCH_UP,
    RESYNC_GAP,
    Feed,
    Subscriber,
    snapshot_frame_text,
    snapshot_state,
    text_message,
)
from realtime.hub_health import HubHealth
from realtime.log import stream_frames_since, stream_heads
from realtime.loop import serving_loop_set
from realtime.publish import frame_text, stream_group
from realtime.registry import AUDIENCES, Audience
from realtime.wire import text_frame

__all__ = ["StreamHub", "Subscriber", "hub_get", "hub_stop", "snapshot_frame_text"]

logger = logging.getLogger(__name__)


class StreamHub(HubHealth):
    """The hub of one event loop (module docstring); its health checks (heartbeat, recovery, sweep) are
    ``HubHealth``'s."""

    def __init__(self) -> None:
        self.layer = get_channel_layer()
        self.channel_name = ""
        self.feeds: dict[int, Feed] = {}
        self._feed_starting: dict[int, asyncio.Future[Feed]] = {}
        self.users: dict[int, set[Subscriber]] = {}
        self.layer_ok = True
        self.last_beat = time.monotonic()
        self.beats_sent = 0
        self.beat_seen = 0
        self.handling = False
        self.idle_since = time.monotonic()
        self.resyncs = 0
        self._tasks: list[asyncio.Task[None]] = []

    # Life cycle -------------------------------------------------------------------------------------

    async def start(self) -> None:
        self.channel_name = await self.layer.new_channel("hub.")
        self.last_beat = time.monotonic()
        self._tasks = [
            asyncio.create_task(self._receive_loop(), name="stream-hub-receive"),
            asyncio.create_task(self._heartbeat_loop(), name="stream-hub-heartbeat"),
            asyncio.create_task(self._sweep_loop(), name="stream-hub-sweep"),
        ]
        serving_loop_set(asyncio.get_running_loop())

    async def stop(self) -> None:
        serving_loop_set(None)
        for task in self._tasks:
            task.cancel()
        writers = [task for feed in self.feeds.values() for task in feed.writers.values()]
        for task in writers:
            task.cancel()
        await asyncio.gather(*self._tasks, *writers, return_exceptions=True)
        for session_id in list(self.feeds):
            await self._layer_call(self.layer.group_discard(stream_group(session_id), self.channel_name))
        self.feeds.clear()
        self.users.clear()

    async def _layer_call(self, call: Awaitable[Any]) -> None:
        try:
            await call
        except Exception:
            logger.warning("channel layer call failed", exc_info=True)

    # Sockets ----------------------------------------------------------------------------------------

    async def attach(self, sub: Subscriber, *, since: int | None = None, me: Any = None) -> None:
        """Start streaming to ``sub``: the events after ``since`` when they are still kept (then a ``me``
        frame), otherwise a snapshot (with ``me``); after that every new event, in order. A logged-in
        socket is registered for its personal frames (``user_join``) before ``me`` is read, so no personal
        frame falls between the two."""
        feed = await self.feed(sub.session_id)
        feed.idle_since = None
        personal = me
        texts = await self._frames_after(feed, sub.audience, since) if since is not None else None
        if texts is not None and since is not None:
            sub.seq = since
            if personal is not None:
                await sub.push(text_message(frame_text({"kind": "me", "session": sub.session_id, "me": personal})))
        else:
            seq, state_text = await self.snapshot(feed, sub.audience)
            sub.seq = seq
            text = snapshot_frame_text(
                session_id=sub.session_id, audience=sub.audience, seq=seq, state_text=state_text, me=personal
            )
            await sub.push(text_message(text))
            texts = []
        await self._catch_up(feed, sub, texts)
        feed.subscribers[sub.audience].add(sub)
        sub.ready = True
        for message in sub.pending:
            await sub.push(message)
        sub.pending.clear()

    async def detach(self, sub: Subscriber) -> None:
        sub.closed = True
        feed = self.feeds.get(sub.session_id)
        if feed is not None:
            feed.subscribers[sub.audience].discard(sub)
            if feed.empty():
                feed.idle_since = time.monotonic()
        if sub.user_id is not None:
            subs = self.users.get(sub.user_id)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self.users[sub.user_id]

    async def frames_since(self, session_id: int, audience: Audience, after: int) -> list[str] | None:
        """Serialized frames after ``after`` (memory first, then the log), or None: a snapshot is needed."""
        feed = await self.feed(session_id)
        return await self._frames_after(feed, audience, after)

    async def _catch_up(self, feed: Feed, sub: Subscriber, texts: list[str]) -> None:
        """Write ``texts`` (frames after ``sub.seq``) and whatever the hub delivered meanwhile; returns with
        no await between the last check and the caller's registration, so nothing falls in between."""
        while True:
            for text in texts:
                await sub.push(text_message(text))
            if texts:
                sub.seq += len(texts)
            if sub.seq >= feed.seq[sub.audience]:
                return
            recent = feed.recent_after(sub.audience, sub.seq)
            more = recent if recent is not None else await self._frames_after(feed, sub.audience, sub.seq)
            if more is None:
                await sub.push(RESYNC_GAP)
                sub.seq = feed.seq[sub.audience]
                return
            texts = more

    async def _frames_after(self, feed: Feed, audience: Audience, after: int) -> list[str] | None:
        texts = feed.recent_after(audience, after)
        if texts is not None:
            return texts
        frames = await database_sync_to_async(stream_frames_since)(
            session_id=feed.session_id, audience=audience, after_seq=after
        )
        return None if frames is None else [frame_text(frame) for frame in frames]

    async def snapshot(self, feed: Feed, audience: Audience) -> tuple[int, str]:
        """(seq, state text) shared by every socket of the audience; rebuilt only when the cached one is
        too far behind what the hub delivered to be caught up from memory."""
        cached = feed.snapshots.get(audience)
        if cached is not None and self._snapshot_usable(feed, audience, cached[0]):
            return cached
        building = feed.building.get(audience)
        if building is not None:
            return await asyncio.shield(building)
        building = feed.building[audience] = asyncio.get_running_loop().create_future()
        try:
            result: tuple[int, str] = await database_sync_to_async(snapshot_state)(feed.session_id, audience)
        except Exception as exc:
            building.set_exception(exc)
            building.exception()  # retrieved here; waiters re-raise it
            raise
        finally:
            del feed.building[audience]
        feed.snapshots[audience] = result
        building.set_result(result)
        return result

    def _snapshot_usable(self, feed: Feed, audience: Audience, seq: int) -> bool:
        head = feed.seq[audience]
        return seq >= head or (head - seq <= MAX_SNAPSHOT_CATCH_UP and feed.recent_after(audience, seq) is not None)

    async def feed(self, session_id: int) -> Feed:
        feed = self.feeds.get(session_id)
        if feed is not None:
            return feed
        starting = self._feed_starting.get(session_id)
        if starting is not None:
            return await asyncio.shield(starting)
        starting = self._feed_starting[session_id] = asyncio.get_running_loop().create_future()
        try:
            # Join the group first, then read the heads: an event committed in between arrives twice at
            # worst (and is skipped), never not at all.
            await self.layer.group_add(stream_group(session_id), self.channel_name)
            heads = await database_sync_to_async(stream_heads)(session_ids=[session_id])
            feed = self.feeds[session_id] = Feed(session_id, heads[session_id])
            starting.set_result(feed)
            return feed
        except Exception as exc:
            starting.set_exception(exc)
            starting.exception()
            raise
        finally:
            del self._feed_starting[session_id]

    async def user_join(self, sub: Subscriber) -> None:
        """Route the user's personal frames to ``sub`` (held back until its snapshot is written)."""
        if sub.user_id is None:
            raise ValueError("only a logged-in socket receives personal frames")
        await self.feed(sub.session_id)  # personal frames travel in the session's group: joined before `me` is read
        self.users.setdefault(sub.user_id, set()).add(sub)

    # Delivery ---------------------------------------------------------------------------------------

    async def _receive_loop(self) -> None:
        while True:
            try:
                message = await self.layer.receive(self.channel_name)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("stream hub could not receive from the channel layer", exc_info=True)
                await asyncio.sleep(0.5)
                continue
            self.handling = True
            try:
                await self._handle(message)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("stream hub failed to handle %s", message.get("type"))
            finally:
                self.handling = False
                self.idle_since = time.monotonic()

    async def _handle(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "stream.event":
            await self._on_event(message)
        elif kind == "user.frames":
            await self._on_user_frames(message)
        elif kind == "stream.display_revoked":
            await self._on_display_revoked(message)
        elif kind == "hub.beat":
            await self._on_beat(message.get("n"))

    async def _on_event(self, message: dict[str, Any]) -> None:
        feed = self.feeds.get(message["session"])
        if feed is None:
            return
        async with feed.lock:
            seq = message["seq"]
            if seq <= feed.seq["council"]:
                return
            if seq != feed.seq["council"] + 1:
                await self._fill(feed)
                return
            await self._deliver(feed, "council", seq, message["text"])
            public_seq = message["public_seq"]
            if public_seq is None or public_seq <= feed.seq["public"]:
                return
            if public_seq != feed.seq["public"] + 1:
                await self._fill(feed)
                return
            await self._deliver(feed, "public", public_seq, message["public_text"])

    async def _deliver(self, feed: Feed, audience: Audience, seq: int, text: str) -> None:
        feed.recent[audience].append((seq, text))
        feed.seq[audience] = seq
        if audience == "public":
            fanout_wake(feed, audience, self._catch_up)  # in passes, off the receive loop (``realtime.fanout``)
            return
        message = text_message(text)
        frame = text_frame(text)
        started, cpu_started = time.perf_counter(), time.thread_time()
        subscribers = list(feed.subscribers[audience])
        for count, sub in enumerate(subscribers, start=1):
            if count % FANOUT_SLICE == 0:
                await asyncio.sleep(0)  # let replies and requests through between slices of a big fan-out
            if seq == sub.seq + 1:
                sub.seq = seq
                if not sub.write_now(frame):
                    await sub.push(message)
            elif seq > sub.seq:
                await self._catch_up(feed, sub, [])
        fanout_timing(audience, len(subscribers), started, cpu_started)

    async def _fill(self, feed: Feed) -> None:
        """Deliver from the log everything committed after what the hub delivered (caller holds the lock)."""
        for audience in AUDIENCES:
            frames = await database_sync_to_async(stream_frames_since)(
                session_id=feed.session_id, audience=audience, after_seq=feed.seq[audience]
            )
            if frames is None:
                await self._reset(feed, audience)
                continue
            for frame in frames:
                await self._deliver(feed, audience, frame["seq"], frame_text(frame))

    async def _reset(self, feed: Feed, audience: Audience) -> None:
        """The missing events are no longer kept: jump to the head and tell the sockets to resync."""
        await fanout_drained(feed)
        heads = await database_sync_to_async(stream_heads)(session_ids=[feed.session_id])
        feed.seq[audience] = heads[feed.session_id][audience]
        feed.recent[audience].clear()
        feed.snapshots.pop(audience, None)
        for sub in list(feed.subscribers[audience]):
            sub.seq = feed.seq[audience]
            await sub.push(RESYNC_GAP)

    async def _on_user_frames(self, message: dict[str, Any]) -> None:
        session_id = message["session"]
        for user_id, text in message["frames"]:
            subs = [sub for sub in self.users.get(user_id, ()) if sub.session_id == session_id]
            if subs:
                personal = text_message(text)
                for sub in subs:
                    await sub.push_personal(personal)

    async def _on_display_revoked(self, message: dict[str, Any]) -> None:
        """A display link of the session was revoked or replaced: close its open display-only sockets now,
        rather than when they next reconnect (where the key is checked again)."""
        feed = self.feeds.get(message.get("session"))  # type: ignore[arg-type]
        if feed is None:
            return
        for sub in [s for s in feed.subscribers["council"] if s.kick is not None and not s.closed]:
            feed.subscribers["council"].discard(sub)
            kick = sub.kick
            try:
                if kick is not None:
                    await kick()
            except Exception:
                logger.debug("display socket gone while closing", exc_info=True)
            sub.closed = True


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Future[StreamHub]] = weakref.WeakKeyDictionary()


async def hub_get() -> StreamHub:
    """The hub of the running event loop, started on first use."""
    loop = asyncio.get_running_loop()
    future = _hubs.get(loop)
    if future is None:
        future = _hubs[loop] = loop.create_future()
        hub = StreamHub()
        try:
            await hub.start()
        except Exception as exc:
            del _hubs[loop]
            future.set_exception(exc)
            future.exception()
            raise
        future.set_result(hub)
    return await asyncio.shield(future)


async def hub_stop() -> None:
    """Stop the running loop's hub (tests, shutdown)."""
    future = _hubs.pop(asyncio.get_running_loop(), None)
    if future is not None and future.done() and future.exception() is None:
        await future.result().stop()
