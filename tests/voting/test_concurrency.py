"""Many delegates at once. The thread test counts only on PostgreSQL (services tier): 200 delegates vote
together, then 50 retries with the same client ids and 20 second votes race each other."""

import asyncio
import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from core.errors import ServiceError
from tests.voting.conftest import Hall, new_id
from voting.commands import VoteBatcher
from voting.models import EncryptedBallot, NamedBallot, SecretParticipation
from voting.progress import coalescer_for
from voting.services import VoteRequest


def _cast_all(hall, poll, jobs, workers=32):
    barrier = threading.Barrier(min(workers, len(jobs)))

    def run(job):
        i, choice, cid = job
        try:
            try:
                barrier.wait(timeout=5)
            except threading.BrokenBarrierError:
                pass
            return hall.vote(poll, i, choice, client_id=cid)
        except ServiceError as exc:
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, jobs))


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("method", ["named", "secret"])
def test_200_delegates_at_once_with_retries_and_second_votes(method):
    hall = Hall(n=200)
    poll = hall.poll(method=method)
    choices = [random.choice(["yes", "no", "abstain"]) for _ in range(200)]
    firsts = [(i, choices[i], new_id()) for i in range(200)]
    first = _cast_all(hall, poll, firsts)
    assert all(isinstance(r, dict) and r["status"] == "recorded" for r in first), [
        r for r in first if not isinstance(r, dict)
    ][:3]
    retry_ids = random.sample(range(200), 50)
    second_ids = random.sample(range(200), 20)
    jobs = [firsts[i] for i in retry_ids] + [(i, "no", new_id()) for i in second_ids]
    random.shuffle(jobs)
    answers = dict(zip([j[2] for j in jobs], _cast_all(hall, poll, jobs)))
    receipts = {cid: r["receipt"] for (_, _, cid), r in zip(firsts, first)}
    for i in retry_ids:
        answer = answers[firsts[i][2]]
        assert answer["status"] == "replayed" and answer["receipt"] == receipts[firsts[i][2]]
    for _, _, cid in jobs:
        if cid not in receipts:
            assert isinstance(answers[cid], ServiceError) and answers[cid].code == "vote.already_voted"
    expected = {k: choices.count(k) for k in set(choices)}
    poll.refresh_from_db()
    assert poll.cast_count == 200
    if method == "named":
        assert NamedBallot.objects.filter(poll=poll).count() == 200
    else:
        assert SecretParticipation.objects.filter(poll=poll).count() == 200
        assert EncryptedBallot.objects.filter(poll=poll).count() == 200
    closed = hall.close(poll)
    assert closed.result["counts"] == expected


@pytest.mark.django_db(transaction=True)
async def test_the_batcher_groups_votes_that_arrive_together_and_answers_each():
    from channels.db import database_sync_to_async

    hall = await database_sync_to_async(Hall)(n=30)
    poll = await database_sync_to_async(hall.poll)()
    users = await database_sync_to_async(lambda: [hall.user(i) for i in range(30)])()
    batcher = VoteBatcher()
    requests = [VoteRequest(users[i], poll.pk, "yes", new_id()) for i in range(29)]
    requests.append(VoteRequest(users[29], poll.pk, "perhaps", new_id()))
    answers = await asyncio.gather(*(batcher.submit(r) for r in requests), return_exceptions=True)
    assert [a["status"] for a in answers[:29]] == ["recorded"] * 29
    assert isinstance(answers[29], ServiceError) and answers[29].code == "vote.unknown_option"
    assert batcher.batches < 30  # votes submitted together shared transactions
    count = await database_sync_to_async(NamedBallot.objects.filter(poll=poll).count)()
    assert count == 29
    coalescer = coalescer_for(asyncio.get_running_loop())
    while not coalescer.idle():  # let the progress frames of this burst go out before the loop ends
        await asyncio.sleep(0.05)
    assert coalescer.emitted >= 1
    await database_sync_to_async(lambda: connection.close())()
