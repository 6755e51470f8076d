"""More time for an open vote (``poll.deadline_extend``, voting/services/deadline.py): the countdown moves from
its deadline, or from now once it has passed or when the poll opened without one; only while open, only by its
council's managers, 10 s to an hour; audited, and the event puts the poll's state so every countdown follows.
Every refusal changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.errors import ServiceError
from sessions_app.models import AuditEntry, StreamEvent
from voting import services
from voting.models import Poll
from voting.services.deadline import poll_deadline_extend

pytestmark = pytest.mark.django_db


def _events(hall):
    return StreamEvent.objects.filter(session=hall.c.session, type="poll.deadline_extended")


def _run(hall, user, args):
    from realtime.registry import COMMANDS

    try:
        return COMMANDS["poll.deadline_extend"].handler(user=user, session=hall.c.session, args=args)
    except ServiceError as error:
        return error


def test_extending_a_running_countdown_adds_to_its_deadline(hall):
    poll = services.poll_open(actor=hall.sec, poll=hall.poll(open=False), duration_seconds=60)
    before = poll.deadline
    poll = poll_deadline_extend(actor=hall.sec, poll=poll, seconds=120)
    assert poll.deadline == before + dt.timedelta(seconds=120)
    assert Poll.objects.get(pk=poll.pk).deadline == poll.deadline
    event = _events(hall).get()
    assert event.frame["data"] == {"poll": poll.pk, "status": "open", "deadline": poll.deadline.isoformat()}
    assert any(op["path"] == ["polls", str(poll.pk)] for op in event.frame["patch"])
    entry = AuditEntry.objects.filter(action="poll.deadline_extend").get()
    assert entry.data == {"seconds": 120, "from": before.isoformat(), "to": poll.deadline.isoformat()}


def test_after_time_up_or_without_a_countdown_it_counts_from_now(hall):
    poll = services.poll_open(actor=hall.sec, poll=hall.poll(open=False), duration_seconds=10)
    Poll.objects.filter(pk=poll.pk).update(
        opened_at=poll.opened_at - dt.timedelta(minutes=5), deadline=poll.deadline - dt.timedelta(minutes=5)
    )
    start = timezone.now()
    poll = poll_deadline_extend(actor=hall.sec, poll=poll, seconds=60)
    assert start + dt.timedelta(seconds=60) <= poll.deadline <= timezone.now() + dt.timedelta(seconds=60)
    services.poll_close(actor=hall.sec, poll=poll)

    bare = hall.poll()  # opened without a countdown
    assert bare.deadline is None
    bare = poll_deadline_extend(actor=hall.sec, poll=bare, seconds=30)
    assert bare.deadline is not None and bare.deadline - timezone.now() <= dt.timedelta(seconds=30)


def test_refusals_change_nothing(hall):
    poll = services.poll_open(actor=hall.sec, poll=hall.poll(open=False), duration_seconds=3000)
    deadline = poll.deadline

    def refused(code, **kwargs):
        with pytest.raises(ServiceError) as caught:
            poll_deadline_extend(**{"actor": hall.sec, "poll": poll, "seconds": 60, **kwargs})
        assert caught.value.code == code
        assert Poll.objects.get(pk=poll.pk).deadline == deadline

    for seconds in (0, 9, 3601, -60, True, 1.5, "60"):
        refused("poll.duration_invalid", seconds=seconds)
    refused("poll.duration_invalid", seconds=900)  # more than an hour left afterwards
    refused("council.forbidden", actor=hall.user(0))  # a delegate
    services.poll_close(actor=hall.sec, poll=poll)
    refused("vote.not_open")
    draft = hall.poll(open=False)
    with pytest.raises(ServiceError) as caught:
        poll_deadline_extend(actor=hall.sec, poll=draft, seconds=60)
    assert caught.value.code == "vote.not_open" and Poll.objects.get(pk=draft.pk).deadline is None
    assert not _events(hall).exists() and not AuditEntry.objects.filter(action="poll.deadline_extend").exists()


def test_the_socket_command_checks_the_caller_then_the_input(hall):
    poll = services.poll_open(actor=hall.sec, poll=hall.poll(open=False), duration_seconds=60)
    assert _run(hall, hall.user(0), {"poll": poll.pk, "seconds": "x"}).code == "council.forbidden"
    bad = _run(hall, hall.sec, {"poll": poll.pk, "seconds": "x"})
    assert bad.code == "request.invalid" and set(bad.details["fields"]) == {"seconds"}
    assert _run(hall, hall.sec, {"poll": 10**9, "seconds": 60}).code == "not_found"
    assert not _events(hall).exists()
    reply = _run(hall, hall.sec, {"poll": poll.pk, "seconds": 60})
    poll.refresh_from_db()
    assert reply["id"] == poll.pk and reply["deadline"] == poll.deadline.isoformat()


def test_the_rest_action_answers_the_poll_as_the_socket_does(hall, client):
    poll = services.poll_open(actor=hall.sec, poll=hall.poll(open=False), duration_seconds=60)
    before = poll.deadline
    client.force_login(hall.user(0))  # a delegate: refused before the body is read
    refused = client.post(f"/api/polls/{poll.pk}/deadline-extend/", {"seconds": "x"}, content_type="application/json")
    assert refused.status_code == 403 and Poll.objects.get(pk=poll.pk).deadline == before
    client.force_login(hall.sec)
    bad = client.post(f"/api/polls/{poll.pk}/deadline-extend/", {"seconds": 5}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "poll.duration_invalid"
    response = client.post(f"/api/polls/{poll.pk}/deadline-extend/", {"seconds": 60}, content_type="application/json")
    poll.refresh_from_db()
    assert response.status_code == 200 and poll.deadline == before + dt.timedelta(seconds=60)
    body, socket_reply = response.json(), _run(hall, hall.sec, {"poll": poll.pk, "seconds": 60})
    assert body["id"] == socket_reply["id"] == poll.pk and set(body) == set(socket_reply)  # one shape, both ways
