"""Stream event types of voting and the helpers that announce a poll's or a resolution's new state."""

from __future__ import annotations

from typing import Any

from realtime.log import stream_emit_state
from voting.models import Poll, Resolution

POLL_CREATED = "poll.created"
POLL_OPENED = "poll.opened"
POLL_PROGRESS = "poll.progress"
POLL_CLOSED = "poll.closed"
POLL_PUBLISHED = "poll.published"
POLL_CANCELLED = "poll.cancelled"
POLL_COMMITTEE = "poll.committee"  # the counting committee named, a key share or a partial decryption in
POLL_COUNTED = "poll.counted"  # a closed secret poll decrypted: its result is in
RESOLUTION_CREATED = "resolution.created"
RESOLUTION_ADOPTED = "resolution.adopted"
RESOLUTION_REJECTED = "resolution.rejected"
RESOLUTION_PUBLISHED = "resolution.published"


def emit_poll(poll: Poll, type: str) -> None:
    """Put the poll's state (as ``voting.selectors.poll_state`` computes it) for each audience."""
    from voting.selectors import poll_state

    data: dict[str, Any] = {"poll": poll.pk, "status": poll.status}
    stream_emit_state(
        session_id=poll.session_id, type=type, path=("polls", poll.pk),
        state_for=lambda audience: poll_state(poll=poll, audience=audience), data=data,
    )


def emit_resolution(resolution: Resolution, type: str) -> None:
    from voting.selectors import resolution_state

    stream_emit_state(
        session_id=resolution.session_id, type=type, path=("resolutions", resolution.pk),
        state_for=lambda audience: resolution_state(resolution=resolution, audience=audience),
        data={"resolution": resolution.pk, "status": resolution.status},
    )
