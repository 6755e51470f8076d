"""Stream event types of voting and the helpers that announce a poll's or a resolution's new state."""

from __future__ import annotations

from typing import Any

from realtime.emit import Put, emit
from voting.models import Poll, Resolution

POLL_CREATED = "poll.created"
POLL_OPENED = "poll.opened"
POLL_PROGRESS = "poll.progress"
POLL_CLOSED = "poll.closed"
POLL_PUBLISHED = "poll.published"
POLL_CANCELLED = "poll.cancelled"
POLL_COMMITTEE = "poll.committee"  # the counting committee named, a key share or a partial decryption in
POLL_COUNTED = "poll.counted"  # a closed secret poll decrypted: its result is in
POLL_DEADLINE_EXTENDED = "poll.deadline_extended"  # the open poll's countdown moved (voting.services.deadline)
RESOLUTION_CREATED = "resolution.created"
RESOLUTION_ADOPTED = "resolution.adopted"
RESOLUTION_REJECTED = "resolution.rejected"
RESOLUTION_PUBLISHED = "resolution.published"


def emit_poll(poll: Poll, type: str, *, public: bool = True) -> None:
    """Put the poll's state (as ``voting.selectors.poll_state`` computes it) for each audience; with
    ``public=False`` only council sockets are told."""
    from voting.selectors import poll_state

    data: dict[str, Any] = {"poll": poll.pk, "status": poll.status}
    if type in (POLL_OPENED, POLL_DEADLINE_EXTENDED):
        data["deadline"] = poll.deadline.isoformat() if poll.deadline else None  # the countdown, if any
    emit(
        session_id=poll.session_id,
        type=type,
        data=data,
        puts=[
            Put(
                ("polls", poll.pk),
                lambda audience: poll_state(poll=poll, audience=audience) if public or audience == "council" else None,
            )
        ],
    )


def emit_resolution(resolution: Resolution, type: str) -> None:
    from voting.selectors import resolution_state

    emit(
        session_id=resolution.session_id,
        type=type,
        data={"resolution": resolution.pk, "status": resolution.status},
        puts=[
            Put(
                ("resolutions", resolution.pk),
                lambda audience: resolution_state(resolution=resolution, audience=audience),
            )
        ],
    )
