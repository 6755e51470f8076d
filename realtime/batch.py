"""Group commit on the event loop: requests that arrive while a batch is being written wait together and
go into the next batch, so a burst of N requests costs a handful of transactions instead of N. A lone
request is written at once: no added delay.

``write(requests) -> outcomes`` runs in a database thread and returns one outcome per request, in order;
an outcome that is an exception is raised to its own caller only."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from channels.db import database_sync_to_async

Request = TypeVar("Request")
Outcome = TypeVar("Outcome")


class GroupCommit(Generic[Request, Outcome]):
    """Lives on one event loop (see ``realtime.loop.loop_local``)."""

    def __init__(
        self, write: Callable[[list[Request]], Sequence[Outcome | BaseException]], max_batch: Callable[[], int]
    ) -> None:
        self.write = write
        self.max_batch = max_batch
        self.pending: list[tuple[Request, asyncio.Future[Outcome | BaseException]]] = []
        self.running = False
        self.batches = 0

    async def submit(self, request: Request) -> Outcome:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Outcome | BaseException] = loop.create_future()
        self.pending.append((request, future))
        if not self.running:
            self.running = True
            loop.create_task(self._drain())
        outcome = await future
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    async def _drain(self) -> None:
        try:
            while self.pending:
                size = self.max_batch()
                batch, self.pending = self.pending[:size], self.pending[size:]
                self.batches += 1
                try:
                    outcomes = await database_sync_to_async(self.write)([r for r, _ in batch])
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
