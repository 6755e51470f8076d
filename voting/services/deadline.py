"""More time for an open vote: the chair extends its countdown (``Poll.deadline``).

The countdown is the chair's cue, never a rule of the ballot box (nothing closes at the deadline, see
docs/realtime-protocol.md "Vote countdown"): extending it only moves the time every screen counts to. Only the
secretariat or the chair of the poll's council, only while the poll is open."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.audit import audit_object
from core.errors import ServiceError
from sessions_app.permissions import require_manage
from voting import errors
from voting.events import POLL_DEADLINE_EXTENDED, emit_poll
from voting.models import Poll, PollStatus
from voting.services.polls import POLL_DURATION_MAX_SECONDS, POLL_DURATION_MIN_SECONDS


def poll_deadline_extend(*, actor: Any, poll: Poll, seconds: int) -> Poll:
    """Add ``seconds`` (10 s to 1 hour) to the open poll's countdown: counted from its deadline, or from now if
    that has passed ("Hết giờ" on the screens) or the poll opened without one. The time left afterwards is
    at most an hour (``poll.duration_invalid``). A poll not open is refused with ``vote.not_open``. Audited
    (old and new deadline); the event puts the poll's state, so every countdown follows."""
    require_manage(actor, poll.council_id)
    if (
        not isinstance(seconds, int)
        or isinstance(seconds, bool)
        or not POLL_DURATION_MIN_SECONDS <= seconds <= POLL_DURATION_MAX_SECONDS
    ):
        raise ServiceError(errors.POLL_DURATION_INVALID, min=POLL_DURATION_MIN_SECONDS, max=POLL_DURATION_MAX_SECONDS)
    with transaction.atomic():
        poll = Poll.objects.select_for_update(no_key=True).get(pk=poll.pk)
        if poll.status != PollStatus.OPEN:
            raise ServiceError(
                errors.VOTE_NOT_OPEN, status=PollStatus(poll.status).label, details={"status": poll.status}
            )
        now = timezone.now()
        before = poll.deadline
        deadline = max(before or now, now) + dt.timedelta(seconds=seconds)
        if deadline - now > dt.timedelta(seconds=POLL_DURATION_MAX_SECONDS):
            raise ServiceError(
                errors.POLL_DURATION_INVALID, min=POLL_DURATION_MIN_SECONDS, max=POLL_DURATION_MAX_SECONDS
            )
        poll.deadline = deadline
        poll.save(update_fields=["deadline", "updated_at"])
        audit_object(
            actor=actor,
            obj=poll,
            action="poll.deadline_extend",
            data={
                "seconds": seconds,
                "from": before.isoformat() if before else None,
                "to": deadline.isoformat(),
            },
        )
        emit_poll(poll, POLL_DEADLINE_EXTENDED)
    return poll
