"""A change of a poll's status reads its options and candidates once: the result and the event's state for
the council and for the public all use the same rows (the close and publish requests are on the path from a
chair's click to the result on every screen; each statement is a round trip on PostgreSQL)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.errors import COUNCIL_FORBIDDEN
from core.writes import write_command
from sessions_app.models import CouncilRole
from tests.assertions import refused
from voting import services
from voting.models import PollStatus
from voting.writes.committee import poll_reply
from voting.writes.polls import POLL_CANCEL, POLL_CLOSE


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


def test_rest_close_and_publish_read_the_callers_roles_and_the_poll_once(hall, client):
    """The request's own reads: the caller's roles once (the write's permission, the poll's visibility and the
    service share them, ``core.memo``), the poll once before its lock (the URL's object is the input's), and not
    again for the reply (the poll as the service changed it)."""
    poll = hall.poll()
    for i in range(len(hall.present)):
        hall.vote(poll, i)
    client.force_login(hall.sec)
    for step, status in (("close", "closed"), ("publish", "published")):
        with CaptureQueriesContext(connection) as captured:
            response = client.post(f"/api/polls/{poll.pk}/{step}/", {}, content_type="application/json")
        assert response.status_code == 200 and response.json()["status"] == status
        queries = captured.captured_queries
        roles = [q for q in queries if q["sql"].startswith('SELECT "sessions_app_councilrole"."role"')]
        assert len(roles) == 1
        assert reads_of(queries, "voting_poll") == 2  # the URL's object, then the locked row
        assert reads_of(queries, "voting_polloption") == 1
        poll.refresh_from_db()
        assert response.json() == poll_reply(poll)  # the reply is what a fresh read shows


def test_a_sockets_next_command_sees_a_role_taken_back(hall):
    """The same user object, as a socket holds it, across two commands: the roles are not remembered past the
    first, so the second is refused."""
    close, cancel = write_command(POLL_CLOSE), write_command(POLL_CANCEL)
    session, sec = hall.c.session, hall.sec
    first = hall.poll()
    assert close(user=sec, session=session, args={"poll": first.pk})["status"] == PollStatus.CLOSED
    second = hall.poll(open=False)
    CouncilRole.objects.filter(user=sec).delete()  # taken back meanwhile (a bulk delete sends no signal)
    refused(COUNCIL_FORBIDDEN, cancel, user=sec, session=session, args={"poll": second.pk})
    second.refresh_from_db()
    assert second.status == PollStatus.DRAFT
