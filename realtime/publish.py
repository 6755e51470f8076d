"""Handing committed events to the channel layer. Each frame is serialized once here; every process's hub
receives one message per event and writes the same text to all its local sockets.

When this process serves sockets (its hub runs on an event loop), the message is handed to that loop
without waiting, so a database thread never blocks on fan-out; elsewhere (management commands, scripts)
it is sent synchronously."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterable
from concurrent.futures import Future
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from realtime.loop import serving_loop
from realtime.patch import Patch

logger = logging.getLogger(__name__)


def stream_group(session_id: int) -> str:
    return f"stream.{session_id}"


def frame_text(frame: Any) -> str:
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":"))


def _log_failure(future: Future[None]) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.error("could not publish to the channel layer", exc_info=future.exception())


def _group_send(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    loop = serving_loop()
    try:
        if loop is not None and loop.is_running():
            asyncio.run_coroutine_threadsafe(layer.group_send(group, message), loop).add_done_callback(_log_failure)
        else:
            async_to_sync(layer.group_send)(group, message)
    except Exception:
        # The event is committed in the log; hubs fill the gap from the database (next event or sweep).
        logger.exception("could not publish to %s", group)


def publish_event(event: Any) -> None:
    """Hand one committed event (a row of the event log) to every hub following its session."""
    message = {
        "type": "stream.event",
        "session": event.session_id,
        "seq": event.seq,
        "text": frame_text(event.frame),
        "public_seq": event.public_seq,
        "public_text": frame_text(event.public_frame) if event.public_frame is not None else None,
    }
    _group_send(stream_group(event.session_id), message)


PERSONAL_CHUNK = 500


def stream_push_personal(*, session_id: int, type: str, frames: Iterable[tuple[int, dict[str, Any], Patch]]) -> None:
    """Send personal frames — ``(user id, data, patch)``, each for every socket of that user in this session —
    after the current transaction commits (at once outside a transaction). ``patch`` applies to the
    snapshot's ``me`` object. They travel in the session's group, like its events, a few hundred per layer
    message: a vote burst or a poll opening for a thousand delegates costs a handful of messages, not one
    per delegate, and each hub writes them to its own sockets in order with the events. Personal frames are
    not logged: a client that reconnects or gets ``resync`` re-reads ``me``."""
    texts = [
        [user_id, frame_text({"kind": "personal", "session": session_id, "type": type, "data": data, "patch": patch})]
        for user_id, data, patch in frames
    ]

    def send() -> None:
        for start in range(0, len(texts), PERSONAL_CHUNK):
            message = {"type": "user.frames", "session": session_id, "frames": texts[start : start + PERSONAL_CHUNK]}
            _group_send(stream_group(session_id), message)

    if texts:
        transaction.on_commit(send)


def display_links_revoked(*, session_id: int) -> None:
    """After the current transaction commits: every process closes the open display-only sockets of the
    session (their link was revoked or replaced), with ``stream.display_revoked`` and close code 4403."""
    message = {"type": "stream.display_revoked", "session": session_id}
    transaction.on_commit(lambda: _group_send(stream_group(session_id), message))
