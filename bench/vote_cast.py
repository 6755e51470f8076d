"""Service-level cost of casting votes, without sockets: prints figures, never asserts.

``python -m bench.vote_cast --delegates 500 [--method named|secret]`` (uses DATABASE_URL, or a fresh
SQLite file in a temporary directory when unset) measures three ways of recording N votes on one poll:

- ``sequential``: N ``vote_cast`` calls one after another, no event loop, so every vote also emits its
  progress event synchronously (the worst case: a management command or a REST-only deployment);
- ``batches``: ``votes_cast`` with batches of 50, as the socket batcher forms them under load;
- ``burst``: N coroutine submissions to the socket batcher at once on an asyncio loop (group commit and
  coalesced progress, the ``vote.cast`` path), with each vote's reply latency."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
import uuid

from bench.prepare import django_in_process


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _fresh_poll(fixture: dict, method: str):
    from sessions_app.models import Session, Sitting, User
    from voting.services import poll_create, poll_open

    secretariat = User.objects.get(pk=fixture["secretariat"]["user"])
    session = Session.objects.get(pk=fixture["session"])
    sitting = Sitting.objects.get(pk=fixture["sitting"])
    poll = poll_create(actor=secretariat, session=session, sitting=sitting, title="Thử tải", method=method)
    if method == "secret":  # a counting committee of two (simulated tablets) makes the election key
        from voting.simulate import SimulatedCommittee

        members = list(User.objects.filter(pk__in=[d["user"] for d in fixture["delegates"][:2]]))
        SimulatedCommittee(poll).name(actor=secretariat, users=members).keys()
    return poll_open(actor=secretariat, poll=poll), secretariat


def _ballots(poll, users: list) -> list[tuple]:
    """(user, client id, choice) per delegate, made before the clock starts: a secret ballot is encrypted on
    the tablet, so its cost is the tablet's (bench/secret_ballots.py measures it), not the server's."""
    from voting.simulate import ballot_for

    out = []
    for user in users:
        client_id = uuid.uuid4()
        choice = ballot_for(poll=poll, client_id=str(client_id), choice="yes") if poll.method == "secret" else "yes"
        out.append((user, client_id, choice))
    return out


def run(delegates: int, method: str) -> dict:

    from bench.prepare import prepare
    from sessions_app.models import User
    from voting.commands import VoteBatcher
    from voting.models import Poll
    from voting.services import VoteRequest, poll_cancel, vote_cast, votes_cast

    fixture = prepare(delegates)
    users = list(User.objects.filter(pk__in=[d["user"] for d in fixture["delegates"]]).order_by("pk"))
    Poll.objects.filter(pk=fixture["poll"]).delete()
    figures: dict = {"delegates": delegates, "method": method}

    poll, secretariat = _fresh_poll(fixture, method)
    latencies = []
    ballots = _ballots(poll, users)
    started = time.perf_counter()
    for user, client_id, choice in ballots:
        t0 = time.perf_counter()
        vote_cast(actor=user, poll_id=poll.pk, choice=choice, client_id=client_id)
        latencies.append((time.perf_counter() - t0) * 1000)
    figures["sequential"] = {
        "total_s": round(time.perf_counter() - started, 3),
        "p50_ms": round(statistics.median(latencies), 2),
        "p99_ms": round(_pct(latencies, 0.99), 2),
    }
    poll_cancel(actor=secretariat, poll=poll)

    poll, secretariat = _fresh_poll(fixture, method)
    ballots = _ballots(poll, users)
    started = time.perf_counter()
    for i in range(0, len(ballots), 50):
        votes_cast(requests=[VoteRequest(u, poll.pk, choice, cid) for u, cid, choice in ballots[i : i + 50]])
    figures["batches_of_50"] = {"total_s": round(time.perf_counter() - started, 3)}
    poll_cancel(actor=secretariat, poll=poll)

    poll, secretariat = _fresh_poll(fixture, method)
    ballots = _ballots(poll, users)

    async def burst() -> dict:
        batcher = VoteBatcher()

        async def one(user, client_id, choice) -> float:
            t0 = time.perf_counter()
            await batcher.submit(VoteRequest(user, poll.pk, choice, client_id))
            return (time.perf_counter() - t0) * 1000

        t0 = time.perf_counter()
        replies = await asyncio.gather(*(one(*b) for b in ballots))
        total = time.perf_counter() - t0
        await asyncio.sleep(0.5)  # let the coalesced progress frames go out
        return {
            "total_s": round(total, 3),
            "batches": batcher.batches,
            "reply_p50_ms": round(statistics.median(replies), 1),
            "reply_p99_ms": round(_pct(replies, 0.99), 1),
        }

    figures["burst_via_batcher"] = asyncio.run(burst())
    poll.refresh_from_db()
    figures["burst_via_batcher"]["recorded"] = poll.cast_count
    from sessions_app.models import StreamEvent

    figures["burst_via_batcher"]["progress_events"] = StreamEvent.objects.filter(
        session_id=fixture["session"], type="poll.progress", frame__data__poll=poll.pk
    ).count()
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=500)
    parser.add_argument("--method", choices=["named", "secret"], default="named")
    args = parser.parse_args(argv)
    django_in_process()
    print(run(args.delegates, args.method), file=sys.stdout)


if __name__ == "__main__":
    main()
