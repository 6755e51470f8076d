"""Last-Modified on the archive: every list and detail of sessions, sittings, agenda items, polls, resolutions,
questions and promises answers it (a list: the newest row the reader may see), a matching If-Modified-Since
gets a 304, a change through a service moves it, and rows the reader may not see never count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.http import http_date, parse_http_date
from rest_framework.test import APIClient

from agenda import services as agenda_services
from agenda.models import AgendaItem, Promise, Question
from sessions_app.models import CheckInMethod, Session, Sitting
from sessions_app.services import attendance_check_in
from tests.archive.test_filters_more import archive  # noqa: F401  (the same fixture)
from tests.opendata.conftest import _finish, _resolution
from voting import services
from voting.models import Poll, Resolution

pytestmark = pytest.mark.django_db

OLD = dt.datetime(2026, 1, 5, 8, 30, tzinfo=dt.UTC)
OLDER = dt.datetime(2025, 6, 1, 8, 30, tzinfo=dt.UTC)
MODELS = (Session, Sitting, AgendaItem, Poll, Resolution, Question, Promise)


def _age_everything(when: dt.datetime = OLD) -> None:
    """Rows made in the same second as the request would hide a move: push every row back in time."""
    for model in MODELS:
        model.objects.update(updated_at=when)  # a queryset update leaves auto_now alone


def _modified(response) -> int:
    assert response.status_code == 200, response.content
    return parse_http_date(response["Last-Modified"])


def _conditional(client: APIClient, path: str, value: str):
    return client.get(path, HTTP_IF_MODIFIED_SINCE=value)


def _paths(record) -> list[str]:
    hall = record.hall
    return [
        "/api/sessions/",
        f"/api/sessions/{hall.c.session.pk}/",
        "/api/sittings/",
        f"/api/sittings/{hall.c.sitting.pk}/",
        "/api/polls/",
        f"/api/polls/{record.polls['named'].pk}/",
        "/api/resolutions/",
        f"/api/resolutions/{record.resolutions['named'].pk}/",
    ]


def test_lists_and_details_answer_last_modified_and_304(record):
    _age_everything()
    client = APIClient()
    for path in _paths(record):
        first = client.get(path)
        assert _modified(first) == int(OLD.timestamp()), path
        assert first["ETag"], path  # the ETag stays
        again = _conditional(client, path, first["Last-Modified"])
        assert again.status_code == 304 and again.content == b"", path
        assert _conditional(client, path, http_date(OLD.timestamp() - 60)).status_code == 200, path
        # If-None-Match wins over If-Modified-Since: a stale ETag gets the body even with a fresh date
        stale = client.get(path, HTTP_IF_NONE_MATCH='"other"', HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert stale.status_code == 200, path


def test_agenda_items_questions_and_promises_answer_last_modified(archive):  # noqa: F811
    _age_everything()
    r = archive.rows
    client = APIClient()
    for path in (
        "/api/agenda-items/",
        f"/api/agenda-items/{r.budget.pk}/",
        "/api/questions/",
        f"/api/questions/{r.q_budget.pk}/",
        "/api/promises/",
        f"/api/promises/{r.p_open.pk}/",
    ):
        first = client.get(path)
        assert _modified(first) == int(OLD.timestamp()), path
        assert _conditional(client, path, first["Last-Modified"]).status_code == 304, path


def test_publishing_a_resolution_moves_its_last_modified(record):
    hall = record.hall
    poll = hall.poll(open=False, title="Thông qua Nghị quyết về quy hoạch sử dụng đất")
    resolution = _resolution(hall, poll, "18/2026/NQ-HĐND", "Quy hoạch sử dụng đất")
    poll = services.poll_open(actor=hall.sec, poll=poll)
    for i in range(4):
        hall.vote(poll, i, "yes")
    _finish(hall, poll)  # the resolution is adopted, not yet published
    resolution.refresh_from_db()
    _age_everything()
    client = APIClient()
    detail = f"/api/resolutions/{resolution.pk}/"
    assert client.get(detail).status_code == 404  # not public yet
    before = client.get("/api/resolutions/")
    assert _modified(before) == int(OLD.timestamp())
    assert _conditional(client, "/api/resolutions/", before["Last-Modified"]).status_code == 304

    services.resolution_publish(actor=hall.sec, resolution=resolution)
    after = _conditional(client, "/api/resolutions/", before["Last-Modified"])
    assert _modified(after) > int(OLD.timestamp())
    shown = client.get(detail)
    assert _modified(shown) > int(OLD.timestamp())
    assert _conditional(client, detail, shown["Last-Modified"]).status_code == 304


def test_a_question_status_change_moves_its_last_modified(archive):  # noqa: F811
    _age_everything()
    question = archive.rows.q_budget
    client = APIClient()
    for path in (f"/api/questions/{question.pk}/", "/api/questions/"):
        first = client.get(path)
        assert _conditional(client, path, first["Last-Modified"]).status_code == 304
    agenda_services.question_withdraw(actor=archive.c.secretariat, question=question)
    question.refresh_from_db()
    assert question.status == "withdrawn" and question.updated_at > OLD
    for path in (f"/api/questions/{question.pk}/", "/api/questions/"):
        response = _conditional(client, path, http_date(OLD.timestamp()))
        assert _modified(response) == int(question.updated_at.timestamp()), path


def test_a_poll_change_through_a_service_moves_its_last_modified(record):
    hall = record.hall
    _age_everything()
    poll = hall.poll(open=False, title="Biểu quyết mới")  # drafts are for the council only
    Poll.objects.filter(pk=poll.pk).update(updated_at=OLD)
    client = APIClient()
    client.force_login(hall.sec)
    path = f"/api/polls/{poll.pk}/"
    first = client.get(path)
    assert _modified(first) == int(OLD.timestamp())
    services.poll_open(actor=hall.sec, poll=poll)
    response = _conditional(client, path, first["Last-Modified"])
    assert _modified(response) > int(OLD.timestamp())


def test_anonymous_lists_ignore_rows_they_may_not_see(archive):  # noqa: F811
    """Everything the public may see is old; newer rows exist only in a non-public session, a closed-door
    sitting or behind a non-public item. The public's Last-Modified stays at the old value; the council's
    secretariat sees the newer one."""
    r = archive.rows
    _age_everything(OLDER)
    Session.objects.filter(pk=r.hidden_session.pk).update(updated_at=OLD)
    Sitting.objects.filter(pk=r.hidden_sitting.pk).update(updated_at=OLD)
    AgendaItem.objects.filter(pk__in=[r.secret_item.pk, r.hidden_item.pk]).update(updated_at=OLD)
    Question.objects.filter(pk__in=[r.q_secret.pk, r.q_hidden.pk]).update(updated_at=OLD)
    Promise.objects.filter(pk=r.p_hidden.pk).update(updated_at=OLD)
    public, council = APIClient(), APIClient()
    council.force_login(archive.c.secretariat)
    for path in ("/api/sessions/", "/api/sittings/", "/api/agenda-items/", "/api/questions/", "/api/promises/"):
        assert _modified(public.get(path)) == int(OLDER.timestamp()), path
        assert _modified(council.get(path)) == int(OLD.timestamp()), path
        # the newer hidden row does not make the public's copy stale
        assert _conditional(public, path, http_date(OLDER.timestamp())).status_code == 304, path


def test_anonymous_poll_and_resolution_lists_ignore_closed_door_drafts_and_unpublished_rows(record):
    hall = record.hall
    draft = hall.poll(open=False, title="Biểu quyết dự thảo")
    resolution = _resolution(hall, draft, "19/2026/NQ-HĐND", "Dự thảo chưa thông qua")
    _age_everything(OLDER)
    Poll.objects.filter(pk__in=[record.polls["closed_door"].pk, draft.pk]).update(updated_at=OLD)
    Resolution.objects.filter(pk=resolution.pk).update(updated_at=OLD)
    public, council = APIClient(), APIClient()
    council.force_login(hall.sec)
    for path in ("/api/polls/", "/api/resolutions/"):
        assert _modified(public.get(path)) == int(OLDER.timestamp()), path
        assert _modified(council.get(path)) == int(OLD.timestamp()), path


def test_an_empty_list_has_no_last_modified(db):
    response = APIClient().get("/api/resolutions/")
    assert response.status_code == 200 and "Last-Modified" not in response


def test_hidden_details_still_answer_404_without_last_modified(archive):  # noqa: F811
    r = archive.rows
    for path in (
        f"/api/sessions/{r.hidden_session.pk}/",
        f"/api/questions/{r.q_hidden.pk}/",
        f"/api/promises/{r.p_hidden.pk}/",
        f"/api/agenda-items/{r.hidden_item.pk}/",
    ):
        response = APIClient().get(path, HTTP_IF_MODIFIED_SINCE=http_date(OLD.timestamp()))
        assert response.status_code in (401, 403, 404) and "Last-Modified" not in response, path


def test_a_check_in_moves_the_sitting_and_session_last_modified(record):
    """The attendance counts are part of a sitting's (and its session's) body: a check-in must move them."""
    hall = record.hall
    _age_everything()
    client = APIClient()
    paths = (f"/api/sittings/{hall.c.sitting.pk}/", "/api/sittings/", f"/api/sessions/{hall.c.session.pk}/")
    stamps = {path: client.get(path)["Last-Modified"] for path in paths}
    for path, stamp in stamps.items():
        assert _conditional(client, path, stamp).status_code == 304, path
    attendance_check_in(
        actor=hall.sec, sitting=hall.c.sitting, person=hall.c.delegates[-1], method=CheckInMethod.MANUAL
    )
    for path, stamp in stamps.items():
        assert _modified(_conditional(client, path, stamp)) > int(OLD.timestamp()), path
