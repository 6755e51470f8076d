"""The one way to reach the event loop that serves this process's sockets, from any thread.

Under Daphne the hub runs on the server's loop and registers it (``serving_loop_set``); code in a database
thread (a service's ``on_commit`` hook) hands work to that loop without waiting. Without a hub the loop is
the running one, or the loop asgiref recorded as the one that handed the current thread its work; outside
any server (management commands, synchronous tests) there is none and callers do the work at once.

``loop_local(factory)`` gives one object per loop (a batcher, a coalescer), made by ``factory(loop)`` on
first use and forgotten with the loop."""

from __future__ import annotations

import asyncio
import os
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from asgiref.sync import SyncToAsync

T = TypeVar("T")

_registered: asyncio.AbstractEventLoop | None = None


def serving_loop_set(loop: asyncio.AbstractEventLoop | None) -> None:
    """Called by the hub when it starts (and stops) serving sockets on ``loop``."""
    global _registered
    _registered = loop


def serving_loop() -> asyncio.AbstractEventLoop | None:
    """The loop serving sockets in this process, or None outside a server."""
    if _registered is not None and _registered.is_running():
        return _registered
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    local = SyncToAsync.threadlocal
    if getattr(local, "main_event_loop_pid", None) != os.getpid():
        return None
    loop: asyncio.AbstractEventLoop | None = getattr(local, "main_event_loop", None)
    return loop if loop is not None and loop.is_running() else None


class loop_local(Generic[T]):  # noqa: N801  (used like a function: ``coalescer_for = loop_local(Coalescer)``)
    """``loop_local(factory)(loop)``: the loop's own object, made by ``factory(loop)`` on first use."""

    def __init__(self, factory: Callable[[asyncio.AbstractEventLoop], T]) -> None:
        self.factory = factory
        self.objects: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, T] = weakref.WeakKeyDictionary()

    def __call__(self, loop: asyncio.AbstractEventLoop) -> T:
        obj = self.objects.get(loop)
        if obj is None:
            obj = self.objects[loop] = self.factory(loop)
        return obj
