"""What each app contributes to the session stream: snapshot parts and socket commands.

Apps register in their ``AppConfig.ready``, so ``sessions_app`` never imports the apps built on it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Audience = Literal["council", "public"]
AUDIENCES: tuple[Audience, ...] = ("council", "public")

SnapshotPartFn = Callable[..., Any]
CommandFn = Callable[..., Any]

SNAPSHOT_PARTS: dict[str, SnapshotPartFn] = {}
PERSONAL_PARTS: dict[str, SnapshotPartFn] = {}
COMMANDS: dict[str, CommandSpec] = {}
DISPLAY_ACCESS: list[Callable[[int, str], bool]] = []  # display-only keys: (session id, key) -> allowed
BUILTIN_COMMANDS = frozenset({"ping", "stream.since", "me.state"})


@dataclass(frozen=True)
class CommandSpec:
    name: str
    handler: CommandFn
    public: bool = False


def snapshot_part(name: str) -> Callable[[SnapshotPartFn], SnapshotPartFn]:
    """Register ``fn(*, session, audience) -> JSON`` as the ``name`` part of every snapshot."""

    def register(fn: SnapshotPartFn) -> SnapshotPartFn:
        if SNAPSHOT_PARTS.get(name, fn) is not fn:
            raise ValueError(f"snapshot part {name!r} registered twice")
        SNAPSHOT_PARTS[name] = fn
        return fn

    return register


def personal_part(name: str) -> Callable[[SnapshotPartFn], SnapshotPartFn]:
    """Register ``fn(*, session, user) -> JSON``: per-user state (my ballots, my requests), sent in the
    snapshot's ``me`` object to logged-in users only and never to the public."""

    def register(fn: SnapshotPartFn) -> SnapshotPartFn:
        if PERSONAL_PARTS.get(name, fn) is not fn:
            raise ValueError(f"personal part {name!r} registered twice")
        PERSONAL_PARTS[name] = fn
        return fn

    return register


def stream_command(name: str, *, public: bool = False) -> Callable[[CommandFn], CommandFn]:
    """Register ``fn(*, user, session, args) -> JSON`` as the socket command ``name``. A plain function runs
    in a database thread; a coroutine function (e.g. one that batches writes) is awaited on the event loop.
    Either runs under the socket's language and calls services, which do every permission check and raise
    ``ServiceError`` on refusal. ``session`` is the Session row loaded when the socket connected: use it as
    the scope (its id, its council) and re-read anything that changes. ``args`` is the client's JSON
    object, unvalidated. ``public=True`` lets anonymous public sockets call it."""

    def register(fn: CommandFn) -> CommandFn:
        if name in BUILTIN_COMMANDS:
            raise ValueError(f"command {name!r} is built into the stream")
        if name in COMMANDS and COMMANDS[name].handler is not fn:
            raise ValueError(f"command {name!r} registered twice")
        COMMANDS[name] = CommandSpec(name, fn, public)
        return fn

    return register


def display_access(fn: Callable[[int, str], bool]) -> Callable[[int, str], bool]:
    """Register ``fn(session_id, key) -> bool``: may a display-only screen (no login) follow this session's
    council stream with this key? Such a socket gets no ``me`` and may send only the read-only built-ins."""
    if fn not in DISPLAY_ACCESS:
        DISPLAY_ACCESS.append(fn)
    return fn
