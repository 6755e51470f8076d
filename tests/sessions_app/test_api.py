import datetime as dt

import pytest
from rest_framework.test import APIClient

from core.errors import ServiceError
from sessions_app.auth_tokens import login_cards_issue, login_token_check
from sessions_app.models import Attendance, AuditEntry, Person, StreamEvent
from tests.factories import Council_, make_delegate, make_session, make_sitting, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _as(api, user):
    api.force_authenticate(user)
    return api


def _error(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()["error"]
    assert body["code"] == code
    assert body["messages"]["en"] and body["messages"]["vi"] != body["messages"]["en"]
    assert body["message"] == body["messages"]["vi"], "Vietnamese is the default language"
    return body


def test_councils_and_terms_are_public(api):
    c = Council_(n=1)
    councils = api.get("/api/councils/").json()
    assert [row["code"] for row in councils["results"]] == [c.council.code]
    terms = api.get(f"/api/terms/?council={c.council.pk}").json()["results"]
    assert terms[0]["label"] == "2026-2031" and terms[0]["council"] == c.council.pk


def test_people_show_public_fields_only_to_anonymous_users(api):
    c = Council_(n=2)
    Person.objects.filter(pk=c.delegates[0].pk).update(email="a@example.invalid", phone="0000", occupation="Kỹ sư")
    rows = api.get(f"/api/people/?council={c.council.pk}").json()["results"]
    assert {r["id"] for r in rows} == {p.pk for p in c.delegates}
    for row in rows:
        assert "email" not in row and "phone" not in row
        assert {"full_name", "gender", "birth_year", "occupation", "memberships"} <= set(row)
    one = api.get(f"/api/people/{c.delegates[0].pk}/").json()
    assert one["occupation"] == "Kỹ sư" and "email" not in one and one["memberships"][0]["seat"] == 1


def test_private_fields_only_for_the_persons_own_council_secretariat(api):
    c, other = Council_(n=1), Council_(n=1)
    Person.objects.filter(pk=c.delegates[0].pk).update(email="a@example.invalid", phone="0000")
    url = f"/api/people/{c.delegates[0].pk}/"
    assert "email" not in _as(api, other.secretariat).get(url).json()
    assert "email" not in _as(api, c.user_of(c.delegates[0])).get(url).json()
    mine = _as(api, c.secretariat).get(url).json()
    assert mine["email"] == "a@example.invalid" and mine["phone"] == "0000"
    assert _as(api, make_user(superuser=True)).get(url).json()["phone"] == "0000"


def test_staff_without_a_seat_are_not_listed(api):
    c = Council_(n=1)
    Person.objects.create(full_name="Nhân viên Văn phòng", email="staff@example.invalid")
    names = [r["full_name"] for r in api.get("/api/people/").json()["results"]]
    assert names == [c.delegates[0].full_name]


def test_people_filter_by_day_in_force(api):
    c = Council_(n=1)
    gone = make_delegate(c.council, c.term, seat=2, end=dt.date(2026, 10, 1))
    rows = api.get("/api/people/?on=2026-12-08").json()["results"]
    assert gone.pk not in {r["id"] for r in rows}
    assert gone.pk in {r["id"] for r in api.get("/api/people/?on=2026-09-01").json()["results"]}


@pytest.mark.parametrize("query", ["council=abc", "council=-1", "on=31-12-2026", "term=1.5"])
def test_bad_filter_values_get_a_clear_error(api, query):
    path = "/api/people/" if query.startswith(("council", "on")) else "/api/sessions/"
    body = _error(api.get(f"{path}?{query}"), 400, "request.invalid")
    assert body["details"]


def test_non_public_sessions_are_listed_only_for_their_council(api):
    c, other = Council_(n=1), Council_(n=1)
    hidden = make_session(c.council, c.term, number=2, public=False)
    assert hidden.pk not in {r["id"] for r in api.get("/api/sessions/").json()["results"]}
    assert hidden.pk not in {r["id"] for r in _as(api, other.secretariat).get("/api/sessions/").json()["results"]}
    assert hidden.pk in {r["id"] for r in _as(api, c.secretariat).get("/api/sessions/").json()["results"]}
    assert hidden.pk in {r["id"] for r in _as(api, c.user_of(c.delegates[0])).get("/api/sessions/").json()["results"]}


def test_reading_another_councils_non_public_session_is_refused(api):
    c, other = Council_(n=1), Council_(n=1)
    hidden = make_session(c.council, c.term, number=2, public=False)
    sitting = make_sitting(hidden)
    _error(api.get(f"/api/sessions/{hidden.pk}/"), 401, "auth.required")
    _as(api, other.secretariat)
    _error(api.get(f"/api/sessions/{hidden.pk}/"), 403, "council.forbidden")
    _error(api.get(f"/api/sittings/{sitting.pk}/"), 403, "council.forbidden")
    _error(api.get(f"/api/sittings/{sitting.pk}/attendance/"), 403, "council.forbidden")
    detail = _as(api, c.secretariat).get(f"/api/sessions/{hidden.pk}/").json()
    assert detail["id"] == hidden.pk and detail["sittings"][0]["id"] == sitting.pk


def test_session_detail_shows_sittings_with_attendance_and_hides_closed_door_details(api):
    c = Council_(n=3)
    closed = make_sitting(c.session, number=2, closed_door=True)
    public = api.get(f"/api/sessions/{c.session.pk}/").json()
    by_id = {s["id"]: s for s in public["sittings"]}
    assert by_id[c.sitting.pk]["attendance"] == {"present": 0, "total": 3, "quorum_required": 2, "quorum_met": False}
    assert by_id[closed.pk]["is_closed_door"] is True and "attendance" not in by_id[closed.pk]
    assert "attendance" not in api.get(f"/api/sittings/{closed.pk}/").json()
    _error(api.get(f"/api/sittings/{closed.pk}/attendance/"), 401, "auth.required")
    member = _as(api, c.user_of(c.delegates[0])).get(f"/api/sessions/{c.session.pk}/").json()
    assert "attendance" in {s["id"]: s for s in member["sittings"]}[closed.pk]
    assert api.get(f"/api/sittings/{closed.pk}/attendance/").status_code == 200


def test_attendance_summary_and_records(api):
    c = Council_(n=3)
    for person in c.delegates[:2]:
        _as(api, c.user_of(person)).post(f"/api/sittings/{c.sitting.pk}/check-in/")
    api.force_authenticate(None)
    body = api.get(f"/api/sittings/{c.sitting.pk}/attendance/").json()
    assert body["summary"] == {"present": 2, "total": 3, "quorum_required": 2, "quorum_met": True}
    assert {r["person"] for r in body["records"]} == {p.pk for p in c.delegates[:2]}
    assert {r["method"] for r in body["records"]} == {"tablet"}


def test_delegate_checks_in_over_rest_once(api):
    c = Council_(n=2)
    _as(api, c.user_of(c.delegates[0]))
    response = api.post(f"/api/sittings/{c.sitting.pk}/check-in/")
    assert response.status_code == 201 and response.json()["status"] == "present"
    assert StreamEvent.objects.filter(session=c.session, type="attendance.changed").count() == 1
    entries = AuditEntry.objects.count()
    _error(api.post(f"/api/sittings/{c.sitting.pk}/check-in/"), 409, "checkin.already")
    assert Attendance.objects.count() == 1 and AuditEntry.objects.count() == entries


def test_check_in_by_a_non_member_is_refused(api):
    c, other = Council_(n=1), Council_(n=1)
    _error(
        _as(api, other.user_of(other.delegates[0])).post(f"/api/sittings/{c.sitting.pk}/check-in/"),
        403,
        "checkin.not_member",
    )
    _error(_as(api, c.secretariat).post(f"/api/sittings/{c.sitting.pk}/check-in/"), 403, "checkin.not_member")
    api.force_authenticate(None)
    _error(api.post(f"/api/sittings/{c.sitting.pk}/check-in/"), 401, "auth.required")
    assert not Attendance.objects.exists()


def test_check_in_at_a_closed_sitting_is_refused(api):
    c = Council_(n=1)
    ended = make_sitting(c.session, number=2, status="closed")
    _error(
        _as(api, c.user_of(c.delegates[0])).post(f"/api/sittings/{ended.pk}/check-in/"), 409, "checkin.sitting_not_open"
    )
    assert not Attendance.objects.exists()


def test_secretariat_records_attendance_manually(api):
    c = Council_(n=2)
    _as(api, c.secretariat)
    url = f"/api/sittings/{c.sitting.pk}/attendance/"
    present = api.post(url, {"person": c.delegates[0].pk, "status": "present"}, format="json")
    assert present.status_code == 201 and present.json()["method"] == "manual"
    excused = api.post(url, {"person": c.delegates[1].pk, "status": "excused", "note": "Công tác"}, format="json")
    assert excused.status_code == 201 and excused.json()["note"] == "Công tác"
    assert dict(Attendance.objects.values_list("person_id", "status")) == {
        c.delegates[0].pk: "present",
        c.delegates[1].pk: "excused",
    }


def test_manual_attendance_bad_input_changes_nothing(api):
    c, other = Council_(n=1), Council_(n=1)
    url = f"/api/sittings/{c.sitting.pk}/attendance/"
    _as(api, c.secretariat)
    body = _error(
        api.post(url, {"person": c.delegates[0].pk, "status": "asleep"}, format="json"), 400, "request.invalid"
    )
    assert "status" in body["details"]["fields"]
    _error(api.post(url, {"status": "present"}, format="json"), 400, "request.invalid")
    _error(api.post(url, "{not json", content_type="application/json"), 400, "request.malformed")
    _error(
        api.post(url, {"person": other.delegates[0].pk, "status": "present"}, format="json"), 403, "checkin.not_member"
    )
    _error(api.post(url, {"person": 999999, "status": "present"}, format="json"), 404, "not_found")
    _error(
        _as(api, other.secretariat).post(url, {"person": c.delegates[0].pk, "status": "present"}, format="json"),
        403,
        "council.forbidden",
    )
    _error(
        _as(api, c.user_of(c.delegates[0])).post(
            url, {"person": c.delegates[0].pk, "status": "present"}, format="json"
        ),
        403,
        "council.forbidden",
    )
    assert not Attendance.objects.exists()


def test_revoke_login_codes_over_rest(api):
    c, other = Council_(n=1), Council_(n=1)
    signed = login_cards_issue(actor=c.secretariat, session=c.session)[0].signed
    url = f"/api/people/{c.delegates[0].pk}/login-codes/revoke/"
    _error(api.post(url), 401, "auth.required")
    _error(_as(api, other.secretariat).post(url), 403, "council.forbidden")
    assert login_token_check(signed=signed)
    assert _as(api, c.secretariat).post(url).json() == {"revoked": 1}
    with pytest.raises(ServiceError) as info:
        login_token_check(signed=signed)
    assert info.value.code == "login_token.revoked"


def test_schema_lists_every_endpoint_with_the_error_envelope(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    for path in [
        "/api/councils/",
        "/api/terms/",
        "/api/people/",
        "/api/people/{id}/login-codes/revoke/",
        "/api/sessions/",
        "/api/sessions/{id}/",
        "/api/sittings/{id}/",
        "/api/sittings/{id}/attendance/",
        "/api/sittings/{id}/check-in/",
    ]:
        assert path in schema["paths"], path
    check_in = schema["paths"]["/api/sittings/{id}/check-in/"]["post"]["responses"]
    assert check_in["409"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/ErrorEnvelope"
    assert "ErrorEnvelope" in schema["components"]["schemas"]
    assert api.get("/api/docs/").status_code == 200
