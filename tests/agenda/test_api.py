import pytest
from rest_framework.test import APIClient

from agenda import services
from agenda.models import AgendaItem, ItemKind, Question
from tests.agenda.helpers import make_official
from tests.factories import Council_

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def c():
    c = Council_(n=3)
    c.official = make_official(c.council, 1, listed_in=c.session)
    c.item = services.agenda_item_create(
        actor=c.secretariat, session=c.session, title="Chất vấn", kind=ItemKind.QUESTIONING
    )
    c.secret = services.agenda_item_create(
        actor=c.secretariat, session=c.session, title="Nhân sự (họp kín)", is_public=False
    )
    return c


def test_secretariat_builds_and_drives_the_agenda_over_rest(c):
    client = _client(c.secretariat)
    created = client.post(
        "/api/agenda-items/",
        {"session": c.session.pk, "title": "Khai mạc", "kind": "opening", "position": 0},
        format="json",
    )
    assert created.status_code == 201, created.json()
    opening = created.json()["id"]
    assert client.post("/api/agenda-items/next/", {"sitting": c.sitting.pk}, format="json").json()["id"] == opening
    response = client.post(f"/api/agenda-items/{c.item.pk}/activate/", {}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "agenda.no_sitting"
    response = client.post(f"/api/agenda-items/{c.item.pk}/activate/", {"sitting": c.sitting.pk}, format="json")
    assert response.json()["state"] == "active"
    response = client.post(f"/api/agenda-items/{opening}/move/", {"parent": opening, "position": 0}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "agenda.cycle"
    listed = client.get("/api/agenda-items/", {"session": c.session.pk, "state": "done"}).json()["results"]
    assert [i["id"] for i in listed] == [opening]


def test_acting_on_another_councils_session_over_rest_is_refused_and_changes_nothing(c):
    other = Council_(n=1)
    client = _client(other.secretariat)
    attempts = [
        ("post", "/api/agenda-items/", {"session": c.session.pk, "title": "Chen ngang"}),
        ("post", f"/api/agenda-items/{c.item.pk}/activate/", {"sitting": c.sitting.pk}),
        ("patch", f"/api/agenda-items/{c.item.pk}/", {"title": "Đổi"}),
        ("post", "/api/agenda-items/next/", {"sitting": c.sitting.pk}),
        ("post", "/api/session-respondents/", {"session": c.session.pk, "official": c.official.pk}),
        ("post", "/api/questions/to-writing/", {"session": c.session.pk, "sitting": c.sitting.pk}),
    ]
    for method, url, body in attempts:
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == 403, (url, response.content)
        assert response.json()["error"]["code"] == "council.forbidden"
    assert AgendaItem.objects.filter(session=c.session).count() == 2
    assert AgendaItem.objects.get(pk=c.item.pk).title == "Chất vấn"


def test_question_registration_errors_over_rest(c):
    delegate = _client(c.delegates[0].user)
    unlisted = make_official(c.council, 2)
    response = delegate.post(
        "/api/questions/", {"session": c.session.pk, "respondent": unlisted.pk, "text": "Hỏi"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "question.respondent_not_listed"
    response = _client(Council_(n=1).delegates[0].user).post(
        "/api/questions/", {"session": c.session.pk, "respondent": c.official.pk, "text": "Hỏi"}, format="json"
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "question.not_member"
    response = delegate.post("/api/questions/", {"session": c.session.pk, "respondent": "abc"}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "request.invalid"
    assert not Question.objects.exists()
    response = delegate.post(
        "/api/questions/",
        {"session": c.session.pk, "respondent": c.official.pk, "text": "Tiến độ cấp nước sạch?"},
        format="json",
    )
    assert response.status_code == 201 and response.json()["source"] == "delegate"


def test_archive_filters_and_public_view(c):
    for i in range(2):
        services.question_register(
            actor=c.delegates[i].user, session=c.session, respondent=c.official, text=f"Câu hỏi {i}"
        )
    anonymous = _client()
    items = anonymous.get("/api/agenda-items/", {"session": c.session.pk}).json()["results"]
    assert [i["id"] for i in items] == [c.item.pk]  # the closed item is not in the public archive
    member_items = _client(c.delegates[0].user).get("/api/agenda-items/", {"session": c.session.pk}).json()["results"]
    assert {i["id"] for i in member_items} == {c.item.pk, c.secret.pk}
    mine = anonymous.get("/api/questions/", {"delegate": c.delegates[1].pk}).json()["results"]
    assert [q["asker"] for q in mine] == [c.delegates[1].pk]
    assert (
        len(anonymous.get("/api/questions/", {"respondent": c.official.pk, "status": "registered"}).json()["results"])
        == 2
    )
    response = anonymous.get("/api/questions/", {"session": "x"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "request.invalid"
    response = anonymous.get("/api/promises/", {"status": "lost"})
    assert response.status_code == 400


def test_openapi_schema_lists_agenda_endpoints():
    schema = _client().get("/api/schema/", {"format": "json"}).json()
    for path in (
        "/api/agenda-items/",
        "/api/agenda-items/next/",
        "/api/documents/{id}/versions/",
        "/api/documents/{id}/file",
        "/api/speaker-requests/grant/",
        "/api/questions/{id}/step/",
        "/api/questions/overdue/",
        "/api/promises/report-due/",
        "/api/explanation-sessions/{id}/conclude/",
        "/api/speaking-time/",
    ):
        assert path in schema["paths"], path
