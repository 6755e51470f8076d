"""Socket commands of voting, dispatched by the session stream consumer (``realtime``).
The REST endpoint and this command share ``votes_cast``; here votes arriving together share a batch.

``vote.cast`` args: ``{"poll": <id>, "choice": ..., "client_id": "<uuid4>", "person": <optional own id>}``.
Reply data: the receipt ``{poll, method, receipt, status: recorded|changed|replayed, choice?}``."""

from __future__ import annotations

import asyncio
from typing import Any

from channels.db import database_sync_to_async
from django.conf import settings

from core.errors import REQUEST_INVALID, ServiceError
from sessions_app.models import Session
from realtime.registry import stream_command
from voting.services.casting import Outcome, VoteRequest, votes_cast


def _request(*, user: Any, session: Session, args: Any) -> VoteRequest:
    if not isinstance(args, dict) or "poll" not in args or "client_id" not in args or "choice" not in args:
        raise ServiceError(REQUEST_INVALID, details={"args": "poll, choice and client_id are required"})
    return VoteRequest(
        actor=user, poll_id=args["poll"], choice=args["choice"], client_id=args["client_id"],
        person_id=args.get("person"), session_id=session.pk, council_id=session.council_id,
    )


class VoteBatcher:
    """Per event loop: votes that arrive while a batch is being written wait together and go into the
    next batch (group commit), so a burst of N votes costs a handful of transactions instead of N. A lone
    vote is written at once: no added delay."""

    def __init__(self) -> None:
        self.pending: list[tuple[VoteRequest, asyncio.Future[Outcome]]] = []
        self.running = False
        self.batches = 0

    async def submit(self, request: VoteRequest) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Outcome] = loop.create_future()
        self.pending.append((request, future))
        if not self.running:
            self.running = True
            loop.create_task(self._drain())
        outcome = await future
        if isinstance(outcome, ServiceError):
            raise outcome
        return outcome

    async def _drain(self) -> None:
        try:
            while self.pending:
                size = settings.NT["VOTE_BATCH_MAX"]
                batch, self.pending = self.pending[:size], self.pending[size:]
                self.batches += 1
                try:
                    outcomes = await database_sync_to_async(votes_cast)(requests=[r for r, _ in batch])
                except Exception as exc:  # unexpected: every waiter learns, none hangs
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    continue
                for (_, future), outcome in zip(batch, outcomes, strict=True):
                    if not future.done():
                        future.set_result(outcome)
        finally:
            self.running = False


_batchers: dict[asyncio.AbstractEventLoop, VoteBatcher] = {}


def batcher_for(loop: asyncio.AbstractEventLoop) -> VoteBatcher:
    if loop not in _batchers:
        for stale in [known for known in _batchers if known.is_closed()]:
            del _batchers[stale]
        _batchers[loop] = VoteBatcher()
    return _batchers[loop]


@stream_command("vote.cast")
async def vote_cast_command(*, user: Any, session: Session, args: Any) -> dict[str, Any]:
    """Awaited on the event loop by the stream consumer; the vote joins the loop's current batch."""
    request = _request(user=user, session=session, args=args)
    return await batcher_for(asyncio.get_running_loop()).submit(request)
