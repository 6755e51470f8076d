"""The one way services announce a change on a session's stream: ``emit(puts=[...])``.

Each ``Put`` names a path of the snapshot and how to compute its new value for an audience (the same
selector the snapshot uses), so snapshot + events replays exactly. One meaning of hidden: a value of None
means "this audience does not see it (or it is gone)" and the patch deletes the path; an audience that sees
nothing of the event is not told of it at all — except the public when it could see the entity before the
change (``public_was_visible``: it must learn that it is gone). ``Put(..., hideable=False)`` is for a path
whose value may itself be None (``questioning.current`` when nobody holds the floor): None is then put."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from realtime.log import EventForm, stream_emit
from realtime.patch import patch_del, patch_put
from realtime.registry import Audience


@dataclass(frozen=True)
class Put:
    path: tuple[str | int, ...]
    state_for: Callable[[Audience], Any]
    hideable: bool = True


def _op(put: Put, value: Any) -> dict[str, Any]:
    return patch_del(*put.path) if value is None and put.hideable else patch_put(*put.path, value=value)


def emit(
    *,
    session_id: int,
    type: str,
    puts: list[Put],
    data: dict[str, Any] | None = None,
    public_was_visible: bool = False,
) -> None:
    """Append the event inside the caller's transaction (published after it commits). ``data`` describes the
    event and must be fit for the public."""
    data = data or {}
    council_patch = [_op(put, put.state_for("council")) for put in puts]
    public_values = [(put, put.state_for("public")) for put in puts]
    public_sees = public_was_visible or any(value is not None or not put.hideable for put, value in public_values)
    public = EventForm(data, [_op(put, value) for put, value in public_values]) if public_sees else None
    stream_emit(session_id=session_id, type=type, council=EventForm(data, council_patch), public=public)
