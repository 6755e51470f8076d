"""Socket commands of voting, dispatched by the session stream consumer (``realtime``).
The REST endpoint and this command share ``votes_cast``; here votes arriving together share a batch.

``vote.cast`` args: ``{"poll": <id>, "choice": ..., "client_id": "<uuid4>", "person": <optional own id>}``.
Reply data: the receipt ``{poll, method, receipt, status: recorded|changed|replayed, choice?}``."""

from __future__ import annotations

import asyncio
from typing import Any

from django.conf import settings

from core.errors import REQUEST_INVALID, ServiceError
from sessions_app.models import Session
from realtime.batch import GroupCommit
from realtime.loop import loop_local
from realtime.registry import stream_command
from voting.services.casting import VoteRequest, votes_cast


def _request(*, user: Any, session: Session, args: Any) -> VoteRequest:
    if not isinstance(args, dict) or "poll" not in args or "client_id" not in args or "choice" not in args:
        raise ServiceError(REQUEST_INVALID, details={"args": "poll, choice and client_id are required"})
    return VoteRequest(
        actor=user, poll_id=args["poll"], choice=args["choice"], client_id=args["client_id"],
        person_id=args.get("person"), session_id=session.pk, council_id=session.council_id,
    )


class VoteBatcher(GroupCommit[VoteRequest, dict[str, Any]]):
    """Per event loop: votes arriving together share transactions (``realtime.batch``)."""

    def __init__(self) -> None:
        super().__init__(lambda requests: votes_cast(requests=requests), lambda: settings.NT["VOTE_BATCH_MAX"])


batcher_for = loop_local(lambda loop: VoteBatcher())


@stream_command("vote.cast")
async def vote_cast_command(*, user: Any, session: Session, args: Any) -> dict[str, Any]:
    """Awaited on the event loop by the stream consumer; the vote joins the loop's current batch."""
    request = _request(user=user, session=session, args=args)
    return await batcher_for(asyncio.get_running_loop()).submit(request)
