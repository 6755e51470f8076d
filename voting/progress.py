"""Coalesced live progress: at most one ``poll.progress`` event per poll every ``TALLY_INTERVAL_MS``,
whatever the vote rate (the public at most every ``PUBLIC_TALLY_INTERVAL_MS`` over all server processes,
always with the last state).

After a vote commits, ``progress_mark_dirty`` marks the poll on the coalescer of the loop serving this
process (``realtime.coalesce``); without a loop (management commands, sync tests) the event is emitted at
once. A progress event is an ordinary stream event putting the poll's state, so snapshot + events replay
stays exact; closing the poll emits the final state itself, without waiting for the timer."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Hashable

from channels.db import database_sync_to_async
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from realtime import coalesce
from realtime.loop import loop_local
from voting.events import POLL_PROGRESS, emit_poll
from voting.models import Poll, PollStatus

logger = logging.getLogger(__name__)

PUBLIC_SHOWN_KEPT_S = 600  # how long the time of a poll's last public progress frame is remembered


def progress_emit(poll_id: int, *, public: bool = True) -> bool:
    """Announce an open poll's current state; False when the poll is no longer open (nothing to show).
    With ``public=False`` only council sockets are told (the public is told at its own, slower pace)."""
    with transaction.atomic():
        poll = (
            Poll.objects.select_related("sitting", "session")
            .prefetch_related("options", "candidates")
            .filter(pk=poll_id)
            .first()
        )
        if poll is None or poll.status != PollStatus.OPEN:
            return False
        emit_poll(poll, POLL_PROGRESS, public=public)
    return True


def progress_emit_paced(poll_id: int, *, public: bool, since: float | None) -> bool:
    """``progress_emit`` for the coalescer, with the public's pace shared by every server process (each
    coalesces only the votes it received): at most one public frame per poll and ``PUBLIC_TALLY_INTERVAL_MS``
    slot over all processes, and no trailing frame (``since`` set) when the public has been shown a state read
    after this process's last vote. The shared record is the cache (Redis when the shape is scaled; one
    process's memory otherwise). Returns False when another process took the slot (the coalescer then shows
    the public this state at its trailing edge)."""
    interval = float(settings.NT["PUBLIC_TALLY_INTERVAL_MS"]) / 1000
    started = time.time()  # before the state is read: a frame shown at ``started`` holds every vote before it
    last_key = f"poll-progress-public:{poll_id}"
    slot = f"{last_key}:{int(started // interval)}" if interval > 0 else None
    try:
        if since is not None:
            shown_at = cache.get(last_key)
            if shown_at is not None and shown_at > since:
                return True
            if slot is not None:  # shown whatever the slot: the public must see the burst's last state
                cache.add(slot, 1, timeout=math.ceil(interval) + 1)
        elif public and slot is not None:
            public = cache.add(slot, 1, timeout=math.ceil(interval) + 1)
    except Exception:  # the cache unreachable: each process keeps its own pace, progress is never held back
        logger.warning("progress pace of poll %s not shared: cache unavailable", poll_id, exc_info=True)
        slot = None
    if progress_emit(poll_id, public=public) and public and slot is not None:
        try:
            cache.set(last_key, started, timeout=PUBLIC_SHOWN_KEPT_S)
        except Exception:
            logger.warning("progress pace of poll %s not recorded: cache unavailable", poll_id, exc_info=True)
    return public


class Coalescer(coalesce.Coalescer):
    """Council sockets (a few hundred tablets and consoles) get progress every ``TALLY_INTERVAL_MS``; the
    public (possibly thousands of screens) at most every ``PUBLIC_TALLY_INTERVAL_MS``."""

    @property
    def interval(self) -> float:
        return float(settings.NT["TALLY_INTERVAL_MS"]) / 1000

    @property
    def public_interval(self) -> float:
        return float(settings.NT["PUBLIC_TALLY_INTERVAL_MS"]) / 1000

    async def _emit_async(self, key: Hashable, public: bool, since: float | None) -> bool:
        try:
            return await database_sync_to_async(progress_emit_paced)(key, public=public, since=since)
        except Exception:
            logger.exception("progress of poll %s could not be emitted", key)
            return True  # nothing to retry: the next vote, the close or a resync repairs it


coalescer_for = loop_local(Coalescer)


def progress_mark_dirty(poll_id: int) -> None:
    """Called after a vote commits (``transaction.on_commit``)."""
    coalesce.coalesced_mark(coalescer_for, poll_id, lambda: _emit_now(poll_id))


def _emit_now(poll_id: int) -> None:
    try:
        progress_emit(poll_id)
    except Exception:  # the votes are committed; a missed frame is repaired by the next one or a resync
        logger.exception("progress of poll %s could not be emitted", poll_id)
