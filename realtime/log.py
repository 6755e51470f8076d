"""Appending events to a session's stream and reading them back.

``stream_emit`` runs inside the caller's transaction: it locks the session's counters, numbers the event
and stores its frames; the frames are published only after the transaction commits. A rolled-back change
therefore leaves neither an event nor a gap."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from realtime.patch import Patch
from realtime.publish import publish_event
from realtime.registry import Audience
from realtime.scope import scope_provider


@dataclass(frozen=True)
class EventForm:
    """What one audience receives of an event: a description (``data``) and the state change (``patch``)."""

    data: dict[str, Any]
    patch: Patch = field(default_factory=list)


def stream_emit(*, session_id: int, type: str, council: EventForm, public: EventForm | None) -> Any:
    """Append an event. ``public`` is what everyone may see of it, or None when the public sees nothing."""
    stream_model, event_model = _storage()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("stream_emit must run inside the transaction of the change it announces")
    seq, last_public_seq = _advance(connection, session_id, public=public is not None)
    now = timezone.now()
    ts = now.isoformat()
    frame = {"kind": "event", "seq": seq, "type": type, "ts": ts, "data": council.data, "patch": council.patch}
    public_frame = None
    public_seq = None
    if public is not None:
        public_seq = last_public_seq
        public_frame = {
            "kind": "event",
            "seq": public_seq,
            "type": type,
            "ts": ts,
            "data": public.data,
            "patch": public.patch,
        }
    event = event_model.objects.create(
        session_id=session_id,
        seq=seq,
        public_seq=public_seq,
        type=type,
        created_at=now,
        frame=frame,
        public_frame=public_frame,
    )
    _prune(session_id, seq)
    transaction.on_commit(lambda: publish_event(event))
    return event


def _storage() -> tuple[Any, Any]:
    provider = scope_provider()
    return provider.stream_model, provider.event_model


def _advance(connection: Any, session_id: int, *, public: bool) -> tuple[int, int]:
    """Number the event: ``(last_seq, last_public_seq)`` after adding one (and one public) in a single
    ``UPDATE … RETURNING``. The updated row stays locked until the transaction ends, so events of a session
    are numbered one transaction at a time, as ``SELECT … FOR UPDATE`` did, with one database round trip
    instead of three (they were most of an event's cost on PostgreSQL)."""
    stream_model, _ = _storage()
    meta = stream_model._meta
    quote = connection.ops.quote_name
    seq, public_seq = quote(meta.get_field("last_seq").column), quote(meta.get_field("last_public_seq").column)
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {seq} = {seq} + 1, {public_seq} = {public_seq} + %s "
        f"WHERE {quote(meta.get_field('session').column)} = %s RETURNING {seq}, {public_seq}"
    )
    for _ in range(2):
        with connection.cursor() as cursor:
            cursor.execute(sql, [1 if public else 0, session_id])
            row = cursor.fetchone()
        if row is not None:
            return row[0], row[1]
        stream_model.objects.get_or_create(session_id=session_id)  # a stream's first event
    raise RuntimeError(f"the stream of session {session_id} could not be numbered")


def _prune(session_id: int, last_seq: int) -> None:
    """Keep the newest ``STREAM_EVENTS_KEPT`` events; older gaps are answered with a fresh snapshot."""
    kept = settings.NT["STREAM_EVENTS_KEPT"]
    if last_seq > kept and last_seq % 100 == 0:
        _storage()[1].objects.filter(session_id=session_id, seq__lte=last_seq - kept).delete()


def stream_head(*, session_id: int, audience: Audience) -> int:
    stream = _storage()[0].objects.filter(session_id=session_id).first()
    if stream is None:
        return 0
    return int(stream.last_public_seq if audience == "public" else stream.last_seq)


def stream_heads(*, session_ids: Iterable[int]) -> dict[int, dict[Audience, int]]:
    """The head seq of each audience for several sessions in one query (0 for a stream not yet begun)."""
    ids = list(session_ids)
    heads: dict[int, dict[Audience, int]] = {sid: {"council": 0, "public": 0} for sid in ids}
    for sid, last_seq, last_public_seq in (
        _storage()[0].objects.filter(session_id__in=ids).values_list("session_id", "last_seq", "last_public_seq")
    ):
        heads[sid] = {"council": last_seq, "public": last_public_seq}
    return heads


def stream_frames_since(*, session_id: int, audience: Audience, after_seq: int) -> list[dict[str, Any]] | None:
    """The frames after ``after_seq`` in order, or None when some of them are no longer kept (or the
    client claims a seq the stream never reached): the client then needs a fresh snapshot."""
    head = stream_head(session_id=session_id, audience=audience)
    if after_seq < 0 or after_seq > head:
        return None
    if after_seq == head:
        return []
    seq_field = "public_seq" if audience == "public" else "seq"
    frame_field = "public_frame" if audience == "public" else "frame"
    frames = list(
        _storage()[1]
        .objects.filter(session_id=session_id, **{f"{seq_field}__gt": after_seq})
        .order_by(seq_field)
        .values_list(frame_field, flat=True)
    )
    if len(frames) != head - after_seq or frames[0]["seq"] != after_seq + 1:
        return None
    return frames
