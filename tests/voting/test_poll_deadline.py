"""An optional voting time set when the vote opens: the poll's ``deadline`` is on its state and on the
``poll.opened`` event; nothing closes at zero (the chair closes the vote, ballots count until then)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from sessions_app.models import AuditEntry, StreamEvent
from tests.voting.conftest import new_id
from voting.models import Poll, PollStatus

pytestmark = pytest.mark.django_db


def _client(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_open_with_a_duration_sets_the_deadline_on_the_state_and_the_event(hall):
    poll = hall.poll(open=False)
    body = _client(hall.sec).post(f"/api/polls/{poll.pk}/open/", {"duration_seconds": 90}, format="json").json()
    poll.refresh_from_db()
    assert poll.deadline - poll.opened_at == dt.timedelta(seconds=90)
    assert body["deadline"] == poll.deadline.isoformat()
    event = StreamEvent.objects.filter(session=hall.c.session, type="poll.opened").latest("seq")
    assert event.frame["data"]["deadline"] == poll.deadline.isoformat()
    assert AuditEntry.objects.filter(action="poll.open").latest("pk").data["duration_seconds"] == 90


def test_without_a_duration_there_is_no_deadline(hall):
    poll = hall.poll(open=False)
    body = _client(hall.sec).post(f"/api/polls/{poll.pk}/open/", {}, format="json").json()
    assert body["status"] == "open" and body["deadline"] is None
    event = StreamEvent.objects.filter(session=hall.c.session, type="poll.opened").latest("seq")
    assert event.frame["data"]["deadline"] is None


def test_past_the_deadline_ballots_still_count_until_the_chair_closes(hall):
    poll = hall.poll(open=False)
    _client(hall.sec).post(f"/api/polls/{poll.pk}/open/", {"duration_seconds": 10}, format="json")
    poll.refresh_from_db()
    Poll.objects.filter(pk=poll.pk).update(
        opened_at=poll.opened_at - dt.timedelta(minutes=5), deadline=poll.deadline - dt.timedelta(minutes=5)
    )
    voter = _client(hall.user(0))
    cast = voter.post(f"/api/polls/{poll.pk}/votes/", {"client_id": new_id(), "choice": "yes"}, format="json")
    assert cast.status_code == 201, cast.json()
    poll.refresh_from_db()
    assert poll.status == PollStatus.OPEN, "the deadline closes nothing"
    assert _client(hall.sec).post(f"/api/polls/{poll.pk}/close/").json()["result"]["cast"] == 1


@pytest.mark.parametrize("duration", [0, 9, 3601, -5, "abc", 1.5, True, [60]])
def test_a_bad_duration_is_refused_and_changes_nothing(hall, duration):
    poll = hall.poll(open=False)
    response = _client(hall.sec).post(f"/api/polls/{poll.pk}/open/", {"duration_seconds": duration}, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["code"] in {"poll.duration_invalid", "request.invalid"}
    poll.refresh_from_db()
    assert poll.status == PollStatus.DRAFT and poll.deadline is None


def test_out_of_range_duration_has_its_own_code(hall):
    poll = hall.poll(open=False)
    error = _client(hall.sec).post(f"/api/polls/{poll.pk}/open/", {"duration_seconds": 5}, format="json").json()
    assert error["error"]["code"] == "poll.duration_invalid"
    assert "10" in error["error"]["messages"]["vi"] and "3600" in error["error"]["messages"]["en"]


def test_the_database_refuses_a_deadline_before_opening(hall):
    poll = hall.poll(open=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Poll.objects.filter(pk=poll.pk).update(deadline=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
