"""Coalescing: at most one frame per key every ``interval`` seconds, whatever the rate of changes.

``mark(key)`` is called (on the loop) after each change. A per-key timer emits on the leading edge (the
first change shows at once) and on the trailing edge (the last change of a burst is always shown). The
public audience, where each frame costs one write per socket, may be paced more slowly
(``public_interval``) and always sees the last state of a burst. Subclasses say how to emit
(``_emit_async(key, public, since)``) and how often (``interval``, ``public_interval``).

Several processes each coalesce the changes they commit; a subclass may share the public's pace between
them: ``_emit_async`` returns False when it did not show the public the state because another process just
did (the trailing edge then shows it), and for the trailing frame (``since``: the wall-clock time of this
process's last change) it may skip the frame when the public was shown a state newer than that."""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from realtime.loop import serving_loop


@dataclass
class _Timer:
    dirty: bool = False
    handle: asyncio.TimerHandle | None = None
    public_at: float = float("-inf")
    public_behind: bool = False
    changed_at: float = 0.0  # wall clock (``time.time()``) of the last change marked here


class Coalescer:
    """Lives on one event loop; every method runs on that loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.timers: dict[Hashable, _Timer] = {}
        self.emitted = 0

    @property
    def interval(self) -> float:
        raise NotImplementedError

    @property
    def public_interval(self) -> float:
        return self.interval

    async def _emit_async(self, key: Hashable, public: bool, since: float | None) -> bool:
        """Emit the key's state (to the public too when ``public``); ``since`` is set for the trailing frame
        that only brings the public up to date. Return False when the public was not shown it (another
        process showed it moments ago)."""
        raise NotImplementedError

    def mark(self, key: Hashable) -> None:
        timer = self.timers.get(key)
        if timer is None:  # leading edge: show it now, then hold further frames for an interval
            self.timers[key] = _Timer(changed_at=time.time())
            self._emit(key)
        else:
            timer.dirty = True
            timer.changed_at = time.time()

    def _emit(self, key: Hashable, *, force_public: bool = False) -> None:
        timer = self.timers[key]
        now = self.loop.time()
        public = force_public or now - timer.public_at >= self.public_interval - 1e-3
        if public:
            timer.public_at = now
        timer.public_behind = not public
        timer.handle = self.loop.call_later(self.interval, self._tick, key)
        self.emitted += 1
        self.loop.create_task(self._emit_then(key, public, timer.changed_at if force_public else None))

    async def _emit_then(self, key: Hashable, public: bool, since: float | None) -> None:
        shown = await self._emit_async(key, public, since)
        if not public or shown or since is not None:
            return
        timer = self.timers.get(key)
        if timer is not None:
            timer.public_behind = True  # another process showed the public a state just now: ours trails
        else:  # the burst ended meanwhile: bring the public up to date now
            self.timers[key] = _Timer(changed_at=time.time())
            self._emit(key, force_public=True)

    def _tick(self, key: Hashable) -> None:
        timer = self.timers[key]
        if timer.dirty:  # trailing edge: changes came in during the interval
            timer.dirty = False
            self._emit(key)
        elif timer.public_behind:  # the burst is over: the public sees its last state too
            self._emit(key, force_public=True)
        else:
            del self.timers[key]

    def idle(self) -> bool:
        return not self.timers


def coalesced_mark(
    coalescer_for: Callable[[asyncio.AbstractEventLoop], Coalescer], key: Hashable, emit_now: Callable[[], object]
) -> None:
    """From any thread (typically a ``transaction.on_commit`` hook): mark ``key`` on the serving loop's
    coalescer, or call ``emit_now()`` when no loop serves this process (or it closed meanwhile)."""
    loop = serving_loop()
    if loop is None:
        emit_now()
        return
    coalescer = coalescer_for(loop)
    try:
        # A fresh context: the caller's (a database thread's) would make asgiref see a nested call and refuse.
        loop.call_soon_threadsafe(coalescer.mark, key, context=contextvars.Context())
    except RuntimeError:  # the loop closed in between
        emit_now()
