"""A change of a poll's status reads its options and candidates once: the result and the event's state for
the council and for the public all use the same rows (the close and publish requests are on the path from a
chair's click to the result on every screen; each statement is a round trip on PostgreSQL)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from voting import services


def reads_of(queries, table: str) -> int:
    return sum(1 for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"])


def test_open_close_publish_each_read_options_and_candidates_once(hall):
    poll = hall.poll(open=False)

    def once(change):
        with CaptureQueriesContext(connection) as captured:
            changed = change()
        assert reads_of(captured.captured_queries, "voting_polloption") == 1
        assert reads_of(captured.captured_queries, "voting_pollcandidate") == 1
        return changed

    poll = once(lambda: services.poll_open(actor=hall.sec, poll=poll, quorum_confirmed=True))
    for i in range(len(hall.present)):
        hall.vote(poll, i)
    poll = once(lambda: services.poll_close(actor=hall.sec, poll=poll))
    poll = once(lambda: services.poll_publish(actor=hall.sec, poll=poll))
    assert poll.status == "published" and poll.result["counts"]["yes"] == len(hall.present)
