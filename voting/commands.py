"""Casting a vote, declared once (``VOTE_CAST``) for the socket command ``vote.cast`` and the REST action
``POST /api/polls/{id}/votes/``: the same input, the same service, the same receipt. On the socket, votes
arriving together share a batch (``realtime.batch``).

``vote.cast`` args: ``{"poll": <id>, "choice": ..., "client_id": "<uuid4>", "person": <optional own id>}``.
Reply data: the receipt ``{poll, method, receipt, status: recorded|changed|replayed, choice?}``."""

from __future__ import annotations

import asyncio
from typing import Any

from django.conf import settings
from rest_framework import serializers

from core.writes import Write, write_arguments
from realtime.batch import GroupCommit
from realtime.loop import loop_local
from realtime.registry import stream_command
from sessions_app.models import Session
from voting.serializers import VoteInputSerializer
from voting.services.casting import VoteRequest, vote_cast, votes_cast


class VoteCastInput(VoteInputSerializer):
    poll = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


def _vote_cast(*, actor: Any, poll: int, choice: Any, client_id: Any, person: int | None = None) -> dict[str, Any]:
    return vote_cast(actor=actor, poll_id=poll, choice=choice, client_id=client_id, person_id=person)


VOTE_CAST = Write("vote.cast", VoteCastInput, _vote_cast, reply=lambda receipt: receipt, target="poll")


class VoteBatcher(GroupCommit[VoteRequest, dict[str, Any]]):
    """Per event loop: votes arriving together share transactions (``realtime.batch``)."""

    def __init__(self) -> None:
        super().__init__(lambda requests: votes_cast(requests=requests), lambda: settings.NT["VOTE_BATCH_MAX"])


batcher_for = loop_local(lambda loop: VoteBatcher())


@stream_command("vote.cast")
async def vote_cast_command(*, user: Any, session: Session, args: Any) -> dict[str, Any]:
    """Awaited on the event loop by the stream consumer; the vote joins the loop's current batch."""
    data = write_arguments(VOTE_CAST, args)  # no database work: the service checks the poll and the seat
    request = VoteRequest(
        actor=user,
        poll_id=data["poll"],
        choice=data["choice"],
        client_id=data["client_id"],
        person_id=data.get("person"),
        session_id=session.pk,
        council_id=session.council_id,
    )
    return await batcher_for(asyncio.get_running_loop()).submit(request)
