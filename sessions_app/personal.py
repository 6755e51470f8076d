"""Personal frames (protocol 1.1): after a change to one delegate's own state commits, every socket of the
users linked to that delegate receives a ``personal`` frame that puts the new value into its ``me``.

``personal_refresh`` recomputes whole personal parts (the same functions that build ``me`` in the snapshot);
``personal_put`` sends a value the caller already has (one entry of ``me.ballots``), so a poll opening for
hundreds of delegates costs one query, not one per delegate."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from realtime.publish import stream_push_personal
from realtime.registry import PERSONAL_PARTS
from sessions_app.models import Session, User


def _users_of(person_ids: Iterable[int]) -> list[User]:
    ids = {pid for pid in person_ids if pid is not None}
    return list(User.objects.filter(person_id__in=ids, is_active=True)) if ids else []


def personal_refresh(
    *, session_id: int, person_ids: Iterable[int], parts: Iterable[str], type: str, data: dict[str, Any] | None = None
) -> None:
    """After commit: recompute ``parts`` of ``me`` for each user of ``person_ids`` and push them."""
    people, names = list(person_ids), list(parts)

    def send() -> None:
        users = _users_of(people)
        if not users:
            return
        session = Session.objects.get(pk=session_id)
        frames = [
            (
                user.pk,
                data or {},
                [
                    {"op": "put", "path": [name], "value": PERSONAL_PARTS[name](session=session, user=user)}
                    for name in names
                ],
            )
            for user in users
        ]
        stream_push_personal(session_id=session_id, type=type, frames=frames)

    transaction.on_commit(send)


def personal_put(
    *, session_id: int, path: list[str], values: dict[int, Any], type: str, data: dict[str, Any] | None = None
) -> None:
    """After commit: put ``values[person_id]`` at ``me/<path>`` for each user of those people."""
    wanted = dict(values)

    def send() -> None:
        where = [str(p) for p in path]
        frames = [
            (user.pk, data or {}, [{"op": "put", "path": where, "value": wanted[user.person_id]}])
            for user in _users_of(wanted)
        ]
        stream_push_personal(session_id=session_id, type=type, frames=frames)

    transaction.on_commit(send)
