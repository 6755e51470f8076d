"""The console checklist's bulk actions: one request, one service call, one transaction, one audit entry, one
event after the commit, all or nothing."""

import pytest
from rest_framework.test import APIClient

from sessions_app.models import Attendance, AuditEntry, StreamEvent
from sessions_app.services.attendance import ATTENDANCE_BATCH_MAX
from tests.factories import Council_

pytestmark = pytest.mark.django_db


def _client(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def _url(c):
    return f"/api/sittings/{c.sitting.pk}/attendance/bulk/"


def test_bulk_present_is_one_transaction_one_audit_one_event(pushed, django_capture_on_commit_callbacks):
    c = Council_(n=5)
    api = _client(c.secretariat)
    ids = [p.pk for p in c.delegates[:4]]
    audits, events = AuditEntry.objects.count(), StreamEvent.objects.filter(type="attendance.changed").count()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = api.post(_url(c), {"persons": ids, "status": "present"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["changed"] == ids
    assert body["summary"]["present"] == 4 and body["summary"]["quorum_met"] is True
    assert {r["person"] for r in body["records"]} == set(ids)
    assert set(Attendance.objects.values_list("method", flat=True)) == {"manual"}
    assert AuditEntry.objects.count() == audits + 1
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == "attendance.mark_many" and entry.data["persons"] == ids
    assert StreamEvent.objects.filter(type="attendance.changed").count() == events + 1
    assert callbacks, "events and personal frames go out after the commit"
    assert sorted(f["user_id"] for f in pushed) == sorted(c.user_of(p).pk for p in c.delegates[:4])
    assert all(f["patch"][0]["path"] == ["attendance"] for f in pushed)


def test_bulk_excused_keeps_the_reason_and_leaves_present_ones_alone_when_marked_present_again():
    c = Council_(n=4)
    api = _client(c.secretariat)
    first = [c.delegates[0].pk, c.delegates[1].pk]
    assert api.post(_url(c), {"persons": first, "status": "present"}, format="json").status_code == 200
    checked_in = Attendance.objects.get(person=c.delegates[0]).checked_in_at
    again = api.post(_url(c), {"persons": [*first, c.delegates[2].pk], "status": "present"}, format="json").json()
    assert again["changed"] == [c.delegates[2].pk]
    assert Attendance.objects.get(person=c.delegates[0]).checked_in_at == checked_in
    excused = api.post(
        _url(c), {"persons": [c.delegates[3].pk], "status": "excused", "note": "Đi công tác"}, format="json"
    )
    assert excused.status_code == 200
    record = Attendance.objects.get(person=c.delegates[3])
    assert (record.status, record.note) == ("excused", "Đi công tác")


def _error(response, status, code):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code and error["messages"]["vi"] != error["messages"]["en"]
    return error


def test_bulk_bad_input_changes_nothing():
    c, other = Council_(n=3), Council_(n=1)
    api = _client(c.secretariat)
    mine = [p.pk for p in c.delegates]
    audits = AuditEntry.objects.count()
    _error(api.post(_url(c), {"persons": [], "status": "present"}, format="json"), 400, "attendance.batch_invalid")
    _error(
        api.post(_url(c), {"persons": [mine[0], mine[0]], "status": "present"}, format="json"),
        400,
        "attendance.batch_invalid",
    )
    _error(api.post(_url(c), {"persons": mine, "status": "asleep"}, format="json"), 400, "request.invalid")
    _error(api.post(_url(c), {"persons": "1,2", "status": "present"}, format="json"), 400, "request.invalid")
    too_many = list(range(1, ATTENDANCE_BATCH_MAX + 2))
    _error(api.post(_url(c), {"persons": too_many, "status": "present"}, format="json"), 400, "request.invalid")
    _error(api.post(_url(c), "{not json", content_type="application/json"), 400, "request.malformed")
    error = _error(
        api.post(_url(c), {"persons": [*mine, other.delegates[0].pk], "status": "present"}, format="json"),
        403,
        "attendance.batch_not_members",
    )
    assert error["details"]["persons"] == [other.delegates[0].pk]
    _error(
        _client(other.secretariat).post(_url(c), {"persons": mine, "status": "present"}, format="json"),
        403,
        "council.forbidden",
    )
    _error(
        _client(c.user_of(c.delegates[0])).post(_url(c), {"persons": mine, "status": "present"}, format="json"),
        403,
        "council.forbidden",
    )
    _error(APIClient().post(_url(c), {"persons": mine, "status": "present"}, format="json"), 401, "auth.required")
    c.sitting.status = "closed"
    c.sitting.save()
    _error(api.post(_url(c), {"persons": mine, "status": "present"}, format="json"), 409, "checkin.sitting_not_open")
    assert not Attendance.objects.exists()
    assert AuditEntry.objects.count() == audits
