"""The stream hub's health (``realtime.hub``): numbered heartbeats through the channel layer to the hub's own
channel detect a silent or lossy layer and resync every socket when it returns; a periodic sweep delivers
events whose layer message never came and forgets idle sessions."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from typing import Any

from channels.db import database_sync_to_async
from django.conf import settings

from realtime.fanout import fanout_drained, fanout_wake
from realtime.feeds import FEED_LINGER_SECONDS, RESYNC_LAYER, SILENT_BEATS, Feed, Subscriber
from realtime.log import stream_heads
from realtime.publish import stream_group
from realtime.registry import AUDIENCES

logger = logging.getLogger("realtime.hub")


class HubHealth:
    """Mixed into ``StreamHub``, which sets these attributes and implements the two methods below."""

    layer: Any
    channel_name: str
    feeds: dict[int, Feed]
    layer_ok: bool
    last_beat: float
    beats_sent: int
    beat_seen: int
    handling: bool
    idle_since: float
    resyncs: int

    async def _layer_call(self, call: Awaitable[Any]) -> None:
        raise NotImplementedError

    async def _fill(self, feed: Feed) -> None:
        raise NotImplementedError

    async def _catch_up(self, feed: Feed, sub: Subscriber, texts: list[str]) -> None:
        raise NotImplementedError

    async def _heartbeat_loop(self) -> None:
        interval = settings.NT["STREAM_HEARTBEAT_MS"] / 1000
        while True:
            await asyncio.sleep(interval)
            # Beats sent before this one and never seen, while the receive loop has been waiting on the layer
            # for as long as they should take: a beat queued behind a long fan-out is late, not lost.
            unanswered = self.beats_sent - self.beat_seen
            idle = not self.handling and time.monotonic() - self.idle_since >= SILENT_BEATS * interval
            self.beats_sent += 1
            await self._layer_call(self.layer.send(self.channel_name, {"type": "hub.beat", "n": self.beats_sent}))
            if self.layer_ok and unanswered >= SILENT_BEATS and idle:
                self.layer_ok = False
                logger.warning("stream hub: channel layer silent; clients will be told to resync when it returns")

    async def _on_beat(self, number: int | None = None) -> None:
        """A beat came back. One whose predecessor never arrived shows that the layer dropped messages
        (events are filled from the log, personal frames may be gone): recover as after an outage."""
        self.last_beat = time.monotonic()
        skipped = number is not None and number > self.beat_seen + 1
        if number is not None:
            self.beat_seen = max(self.beat_seen, number)
        if not self.layer_ok or skipped:
            self.layer_ok = True
            await self.recover()

    async def recover(self) -> None:
        """After a layer outage: fill every session's gap from the log, then tell every socket to resync
        (personal frames sent meanwhile may be lost; clients re-read ``me``)."""
        self.resyncs += 1
        logger.warning("stream hub: channel layer back; resyncing %d sessions", len(self.feeds))
        for feed in list(self.feeds.values()):
            async with feed.lock:
                await self._fill(feed)
            await fanout_drained(feed)  # the filled events first, then the resync
            for audience in AUDIENCES:
                for sub in list(feed.subscribers[audience]):
                    await sub.push(RESYNC_LAYER)

    async def _sweep_loop(self) -> None:
        interval = settings.NT["STREAM_SWEEP_MS"] / 1000
        while True:
            await asyncio.sleep(interval)
            try:
                await self.sweep()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("stream hub sweep failed")

    async def sweep(self) -> None:
        """Deliver events whose layer message never came, and forget sessions idle for a while."""
        now = time.monotonic()
        for session_id, feed in list(self.feeds.items()):
            if feed.idle_since is not None and now - feed.idle_since > FEED_LINGER_SECONDS:
                del self.feeds[session_id]
                await self._layer_call(self.layer.group_discard(stream_group(session_id), self.channel_name))
        if not self.feeds:
            return
        for feed in self.feeds.values():  # a public writer stopped by an error resumes (a no-op when none lags)
            fanout_wake(feed, "public", self._catch_up)
        heads = await database_sync_to_async(stream_heads)(session_ids=list(self.feeds))
        for session_id, head in heads.items():
            swept = self.feeds.get(session_id)
            if swept is not None and any(head[a] > swept.seq[a] for a in AUDIENCES):
                async with swept.lock:
                    await self._fill(swept)
