"""What the hub (``realtime.hub``) holds per local socket and per session: the subscriber with its writer, the
feed with its delivered heads, recent frames and shared snapshots; and the snapshot frame assembled around a
shared state text."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from realtime.publish import frame_text
from realtime.registry import AUDIENCES, Audience
from realtime.scope import scope_provider
from realtime.snapshot import snapshot_build
from realtime.wire import SocketWriter

logger = logging.getLogger("realtime.hub")

RECENT_FRAMES = 512
MAX_SNAPSHOT_CATCH_UP = 64
FEED_LINGER_SECONDS = 30.0
FANOUT_SLICE = 64
SILENT_BEATS = 2

Send = Callable[[dict[str, Any]], Awaitable[None]]


def text_message(text: str) -> dict[str, Any]:
    return {"type": "websocket.send", "text": text}


RESYNC_LAYER = text_message(frame_text({"kind": "resync", "reason": "layer"}))
RESYNC_GAP = text_message(frame_text({"kind": "resync", "reason": "gap"}))


@dataclass(eq=False)
class Subscriber:
    """One local socket as the hub sees it. ``seq`` is the last stream seq written to it."""

    send: Send
    session_id: int
    audience: Audience
    user_id: int | None = None
    seq: int = 0
    ready: bool = False
    pending: list[dict[str, Any]] = field(default_factory=list)
    closed: bool = False
    # A display-only socket (no login, a revocable key): ``kick`` closes it when its key is revoked.
    kick: Callable[[], Awaitable[None]] | None = None

    def __post_init__(self) -> None:
        self.writer = self.send if isinstance(self.send, SocketWriter) else SocketWriter(self.send)

    async def push(self, message: dict[str, Any]) -> None:
        if self.closed:
            return
        try:
            await self.writer(message)
        except Exception:
            logger.debug("socket gone while sending", exc_info=True)
            self.closed = True

    def write_now(self, frame: bytes) -> bool:
        """Write a prepared frame without awaiting (see ``wire``); False: use ``push``."""
        if self.closed:
            return True
        try:
            return self.writer.write_now(frame)
        except Exception:
            logger.debug("socket gone while sending", exc_info=True)
            self.closed = True
            return True

    async def push_personal(self, message: dict[str, Any]) -> None:
        """Personal frames wait until the snapshot (whose ``me`` they patch) has been written."""
        if self.ready:
            await self.push(message)
        else:
            self.pending.append(message)


class Feed:
    """What the hub holds for one session: its local sockets, the delivered heads, the recent frames and
    the shared snapshots."""

    def __init__(self, session_id: int, heads: dict[Audience, int]) -> None:
        self.session_id = session_id
        self.seq: dict[Audience, int] = dict(heads)
        self.subscribers: dict[Audience, set[Subscriber]] = {a: set() for a in AUDIENCES}
        self.recent: dict[Audience, deque[tuple[int, str]]] = {a: deque(maxlen=RECENT_FRAMES) for a in AUDIENCES}
        self.snapshots: dict[Audience, tuple[int, str]] = {}
        self.building: dict[Audience, asyncio.Future[tuple[int, str]]] = {}
        self.lock = asyncio.Lock()
        self.idle_since: float | None = time.monotonic()
        self.writers: dict[Audience, asyncio.Task[None]] = {}  # see ``realtime.fanout``

    def recent_after(self, audience: Audience, after: int) -> list[str] | None:
        """Texts of the delivered frames after ``after``, or None when memory no longer holds them all."""
        head = self.seq[audience]
        if after == head:
            return []
        if after > head:
            return None  # ahead of this hub (e.g. seen on another process): the log decides
        buffer = self.recent[audience]
        if not buffer or buffer[0][0] > after + 1:
            return None
        return [text for seq, text in buffer if seq > after]

    def texts_between(self, audience: Audience, after: int, upto: int) -> list[str] | None:
        """Texts of the delivered frames ``after < seq <= upto``, or None when memory no longer holds them all."""
        texts = self.recent_after(audience, after)
        return None if texts is None else texts[: upto - after]

    def empty(self) -> bool:
        return not any(self.subscribers.values())


def snapshot_state(session_id: int, audience: Audience) -> tuple[int, str]:
    session = scope_provider().scope_get(session_id)
    snapshot = snapshot_build(session=session, audience=audience)
    return int(snapshot["seq"]), frame_text(snapshot["state"])


def snapshot_frame_text(*, session_id: int, audience: Audience, seq: int, state_text: str, me: Any = None) -> str:
    """The snapshot frame, assembled around the shared state text (never re-serialized per socket)."""
    me_part = "" if me is None else f',"me":{frame_text(me)}'
    return f'{{"kind":"snapshot","session":{session_id},"audience":"{audience}","seq":{seq},"state":{state_text}{me_part}}}'
