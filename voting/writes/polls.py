"""The polls' lifecycle, each write declared once (``core.writes``) for the socket command of the secretariat's
console and the REST action: create a draft (``poll.create``), open it (``poll.open``), record show-of-hands
counts (``poll.hands``), close and count (``poll.close``), publish the result (``poll.publish``), cancel
(``poll.cancel``), give an open vote more time on its countdown (``poll.deadline_extend``), and what follows a decided secret ballot (``poll.next_round``, ``poll.no_confidence``,
``poll.confirming_resolution``). The services check every rule (the council's secretariat or chair); the reply
is the poll as the council sees it, the REST body."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from agenda.models import AgendaItem
from core.writes import RowRef, Write
from sessions_app.models import Session, Sitting
from sessions_app.permissions import require_manage
from voting import selectors, services
from voting.models import Poll, Resolution
from voting.serializers import (
    CancelInputSerializer,
    HandsInputSerializer,
    OpenInputSerializer,
    PollCreateSerializer,
)
from voting.services.deadline import poll_deadline_extend
from voting.writes.committee import PollRef, poll_reply


class PollCreateInput(PollCreateSerializer):
    session = RowRef(Session, scope="pk", help_text="The session (a socket: its own).")
    sitting = RowRef(Sitting)
    agenda_item = RowRef(AgendaItem, required=False, allow_null=True, default=None)


class PollOpenInput(PollRef, OpenInputSerializer):
    pass


class PollCancelInput(PollRef, CancelInputSerializer):
    pass


class PollHandsInput(PollRef, HandsInputSerializer):
    pass


class DeadlineExtendInput(PollRef):
    # The service checks the bounds (poll.duration_invalid, as when the poll opens); this only caps the request.
    seconds = serializers.IntegerField(
        min_value=-(2**31), max_value=2**31, help_text="Seconds to add to the countdown (10 to 3600)."
    )


class NoConfidenceInput(PollRef):
    official = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        source="official_id",
        help_text="The official's line (candidate id) on the confidence ballot.",
    )


def resolution_reply(resolution: Resolution) -> dict[str, Any]:
    """The resolution as the council sees it: the REST body."""
    return selectors.resolution_state(resolution=resolution, audience="council")


def poll_and_resolution_reply(made: tuple[Poll, Resolution]) -> dict[str, Any]:
    """A poll and the resolution it decides, made together: ``{poll, resolution}``."""
    poll, resolution = made
    return {"poll": poll_reply(poll), "resolution": resolution_reply(resolution)}


def poll_reply_changed(poll: Poll) -> dict[str, Any]:
    """The reply of a close, a publication or a cancellation: the poll as the service locked, changed and
    returned it (with its options and candidates), not read again."""
    return selectors.poll_state(poll=poll, audience="council")


def _manages(user: Any, scope: Session | Poll) -> None:
    """Who, before what: the secretariat or chair of the poll's council (the services check it again)."""
    require_manage(user, scope.council_id)


def socket_session(session: Session) -> dict[str, Any]:
    """A socket creates in its own session, whatever the client names."""
    return {"session": session.pk}


POLL_CREATE = Write("poll.create", PollCreateInput, services.poll_create, reply=poll_reply, socket_args=socket_session)
POLL_OPEN = Write("poll.open", PollOpenInput, services.poll_open, reply=poll_reply, target="poll", permission=_manages)
POLL_HANDS = Write(
    "poll.hands", PollHandsInput, services.poll_hands_record, reply=poll_reply, target="poll", permission=_manages
)
POLL_CLOSE = Write(
    "poll.close", PollRef, services.poll_close, reply=poll_reply_changed, target="poll", permission=_manages
)
POLL_PUBLISH = Write(
    "poll.publish", PollRef, services.poll_publish, reply=poll_reply_changed, target="poll", permission=_manages
)
POLL_CANCEL = Write(
    "poll.cancel", PollCancelInput, services.poll_cancel, reply=poll_reply_changed, target="poll", permission=_manages
)
POLL_DEADLINE_EXTEND = Write(
    "poll.deadline_extend",
    DeadlineExtendInput,
    poll_deadline_extend,
    reply=poll_reply,
    target="poll",
    permission=_manages,
)
POLL_NEXT_ROUND = Write(
    "poll.next_round", PollRef, services.election_round_create, reply=poll_reply, target="poll", permission=_manages
)
POLL_NO_CONFIDENCE = Write(
    "poll.no_confidence",
    NoConfidenceInput,
    services.no_confidence_create,
    reply=poll_reply,
    target="poll",
    permission=_manages,
)
POLL_CONFIRMING_RESOLUTION = Write(
    "poll.confirming_resolution",
    PollRef,
    services.resolution_confirming_create,
    reply=poll_and_resolution_reply,
    target="poll",
    permission=_manages,
)
WRITES = (
    POLL_CREATE,
    POLL_OPEN,
    POLL_HANDS,
    POLL_CLOSE,
    POLL_PUBLISH,
    POLL_CANCEL,
    POLL_DEADLINE_EXTEND,
    POLL_NEXT_ROUND,
    POLL_NO_CONFIDENCE,
    POLL_CONFIRMING_RESOLUTION,
)
