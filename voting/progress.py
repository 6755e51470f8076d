"""Coalesced live progress: at most one ``poll.progress`` event per poll every ``TALLY_INTERVAL_MS``,
whatever the vote rate.

After a vote commits, ``progress_mark_dirty`` is called. When an asyncio event loop serves this process
(Daphne: the loop running the consumers, found either because we are on it or through asgiref's record of
the loop that handed the current thread its work), the mark is handed to that loop with
``call_soon_threadsafe``; a per-poll timer emits on the leading edge (the first vote shows at once) and on
the trailing edge (the last vote of a burst is always shown). Without a loop (management commands, sync
tests) the event is emitted at once. A progress event is an ordinary stream event putting the poll's
state, so snapshot + events replay stays exact; closing the poll emits the final state itself, without
waiting for the timer."""

from __future__ import annotations

import asyncio
import contextvars
import logging
import os
from dataclasses import dataclass, field

from asgiref.sync import SyncToAsync
from channels.db import database_sync_to_async
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def progress_emit(poll_id: int, *, public: bool = True) -> bool:
    """Announce an open poll's current state; False when the poll is no longer open (nothing to show).
    With ``public=False`` only council sockets are told (the public is told at its own, slower pace)."""
    from realtime.log import stream_emit_state
    from voting.events import POLL_PROGRESS
    from voting.models import Poll, PollStatus
    from voting.selectors import poll_state

    with transaction.atomic():
        poll = (
            Poll.objects.select_related("sitting", "session").prefetch_related("options", "candidates")
            .filter(pk=poll_id).first()
        )
        if poll is None or poll.status != PollStatus.OPEN:
            return False
        stream_emit_state(
            session_id=poll.session_id, type=POLL_PROGRESS, path=("polls", poll.pk),
            state_for=lambda audience: poll_state(poll=poll, audience=audience)
            if public or audience == "council" else None,
            data={"poll": poll.pk, "status": poll.status},
        )
    return True


@dataclass
class _PollTimer:
    dirty: bool = False
    handle: asyncio.TimerHandle | None = None
    public_at: float = float("-inf")
    public_behind: bool = False


@dataclass
class Coalescer:
    """Lives on one event loop; every method runs on that loop.

    Council sockets (a few hundred tablets and consoles) get progress every ``TALLY_INTERVAL_MS``; the
    public (possibly thousands of screens, where each frame costs one write per socket) at most every
    ``PUBLIC_TALLY_INTERVAL_MS``, and always the last state of a burst."""

    loop: asyncio.AbstractEventLoop
    timers: dict[int, _PollTimer] = field(default_factory=dict)
    emitted: int = 0

    @property
    def interval(self) -> float:
        return settings.NT["TALLY_INTERVAL_MS"] / 1000

    @property
    def public_interval(self) -> float:
        return settings.NT["PUBLIC_TALLY_INTERVAL_MS"] / 1000

    def mark(self, poll_id: int) -> None:
        timer = self.timers.get(poll_id)
        if timer is None:  # leading edge: show it now, then hold further frames for an interval
            self.timers[poll_id] = _PollTimer()
            self._emit(poll_id)
        else:
            timer.dirty = True

    def _emit(self, poll_id: int, *, force_public: bool = False) -> None:
        timer = self.timers[poll_id]
        now = self.loop.time()
        public = force_public or now - timer.public_at >= self.public_interval - 1e-3
        if public:
            timer.public_at = now
        timer.public_behind = not public
        timer.handle = self.loop.call_later(self.interval, self._tick, poll_id)
        self.emitted += 1
        self.loop.create_task(self._emit_async(poll_id, public))

    async def _emit_async(self, poll_id: int, public: bool) -> None:
        try:
            await database_sync_to_async(progress_emit)(poll_id, public=public)
        except Exception:
            logger.exception("progress of poll %s could not be emitted", poll_id)

    def _tick(self, poll_id: int) -> None:
        timer = self.timers[poll_id]
        if timer.dirty:  # trailing edge: votes came in during the interval
            timer.dirty = False
            self._emit(poll_id)
        elif timer.public_behind:  # the burst is over: the public sees its last state too
            self._emit(poll_id, force_public=True)
        else:
            del self.timers[poll_id]

    def idle(self) -> bool:
        return not self.timers


_coalescers: dict[asyncio.AbstractEventLoop, Coalescer] = {}


def coalescer_for(loop: asyncio.AbstractEventLoop) -> Coalescer:
    coalescer = _coalescers.get(loop)
    if coalescer is None:
        for stale in [known for known in _coalescers if known.is_closed()]:
            del _coalescers[stale]
        coalescer = _coalescers[loop] = Coalescer(loop)
    return coalescer


def _serving_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    local = SyncToAsync.threadlocal
    if getattr(local, "main_event_loop_pid", None) != os.getpid():
        return None
    loop = getattr(local, "main_event_loop", None)
    return loop if loop is not None and loop.is_running() else None


def progress_mark_dirty(poll_id: int) -> None:
    """Called after a vote commits (``transaction.on_commit``)."""
    loop = _serving_loop()
    if loop is None:
        try:
            progress_emit(poll_id)
        except Exception:  # the votes are committed; a missed frame is repaired by the next one or a resync
            logger.exception("progress of poll %s could not be emitted", poll_id)
        return
    coalescer = coalescer_for(loop)
    try:
        # A fresh context: the caller's (a database thread's) would make asgiref see a nested call and refuse.
        loop.call_soon_threadsafe(coalescer.mark, poll_id, context=contextvars.Context())
    except RuntimeError:  # the loop closed in between
        progress_emit(poll_id)
