"""Announcing agenda changes on the session stream.

Each event puts the new state of every entity it changed, computed by the same selectors as the snapshot.
A put marked ``hideable`` treats a value of None as "this audience does not see it (or it is gone)": the
patch deletes the path instead. The public gets the event only when it sees something of it now or
could see the entity before (``public_was_visible``)."""

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


def agenda_emit(
    *, session_id: int, type: str, puts: list[Put], data: dict[str, Any] | None = None, public_was_visible: bool = False
) -> None:
    data = data or {}
    council_patch = [_op(put, put.state_for("council")) for put in puts]
    public_values = [(put, put.state_for("public")) for put in puts]
    public_sees = public_was_visible or any(value is not None or not put.hideable for put, value in public_values)
    public = EventForm(data, [_op(put, value) for put, value in public_values]) if public_sees else None
    stream_emit(session_id=session_id, type=type, council=EventForm(data, council_patch), public=public)
