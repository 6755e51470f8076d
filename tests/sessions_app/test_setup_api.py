"""Setting a council up and running a session from nothing over REST, without the admin: councils and terms by an
administrator; committees, groups, people, seats, sessions and sittings by the secretariat; the session lifecycle
planned → in progress → closed with its refusals; a sitting reopened with a reason; audited corrections."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from sessions_app.models import AuditEntry, Council, Session, Sitting
from tests.factories import Council_, make_user

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 8)


def _ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def _refused(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response.json()["error"]["code"] == code
    return response.json()


def test_administrator_sets_up_a_council_and_its_term_the_secretariat_may_not(client):
    admin = make_user(superuser=True)
    client.force_login(admin)
    council = _ok(
        client.post(
            "/api/councils/",
            {"name": "HĐND xã Tân Thử", "level": "commune", "code": "tan-thu"},
            content_type="application/json",
        ),
        201,
    )
    _refused(
        client.post(
            "/api/councils/",
            {"name": "Trùng mã", "level": "commune", "code": "tan-thu"},
            content_type="application/json",
        ),
        409,
        "council.code_taken",
    )
    term = _ok(
        client.post(
            "/api/terms/",
            {
                "council": council["id"],
                "label": "2026-2031",
                "ordinal": "khóa I",
                "start_date": "2026-07-01",
                "end_date": "2031-06-30",
            },
            content_type="application/json",
        ),
        201,
    )
    _refused(
        client.post(
            "/api/terms/",
            {
                "council": council["id"],
                "label": "2031-2036",
                "ordinal": "khóa II",
                "start_date": "2036-07-01",
                "end_date": "2031-06-30",
            },
            content_type="application/json",
        ),
        400,
        "term.dates_invalid",
    )
    renamed = _ok(
        client.patch(f"/api/councils/{council['id']}/", {"place_name": "Tân Thử"}, content_type="application/json")
    )
    assert renamed["place_name"] == "Tân Thử" and renamed["name"] == "HĐND xã Tân Thử"
    assert term["label"] == "2026-2031"

    c = Council_(n=1)
    client.force_login(c.secretariat)
    before = Council.objects.count()
    _refused(
        client.post("/api/councils/", {"name": "X", "level": "commune", "code": "x"}, content_type="application/json"),
        403,
        "admin.required",
    )
    assert Council.objects.count() == before


def test_secretariat_sets_up_organs_people_and_seats(client):
    c = Council_(n=1)
    client.force_login(c.secretariat)
    committee = _ok(
        client.post(
            "/api/committees/", {"term": c.term.pk, "name": "Ban Kinh tế - Ngân sách"}, content_type="application/json"
        ),
        201,
    )
    _refused(
        client.post(
            "/api/committees/", {"term": c.term.pk, "name": "Ban Kinh tế - Ngân sách"}, content_type="application/json"
        ),
        409,
        "organ.name_taken",
    )
    group = _ok(
        client.post(
            "/api/delegate-groups/",
            {"term": c.term.pk, "name": "Tổ đại biểu số 1", "constituency": "Đơn vị bầu cử số 1"},
            content_type="application/json",
        ),
        201,
    )
    person = _ok(
        client.post(
            "/api/people/",
            {"council": c.council.pk, "full_name": "Hoàng Thị Mẫu", "gender": "female", "birth_year": 1980},
            content_type="application/json",
        ),
        201,
    )
    seat = _ok(
        client.post(
            "/api/memberships/",
            {
                "person": person["id"],
                "term": c.term.pk,
                "seat": 2,
                "start_date": "2026-07-01",
                "role": "committee_head",
                "committee": committee["id"],
                "group": group["id"],
                "full_time": True,
            },
            content_type="application/json",
        ),
        201,
    )
    assert seat["committee_name"] == "Ban Kinh tế - Ngân sách" and seat["group_name"] == "Tổ đại biểu số 1"
    _refused(
        client.post(
            "/api/memberships/",
            {"person": person["id"], "term": c.term.pk, "seat": 3, "start_date": "2026-08-01"},
            content_type="application/json",
        ),
        409,
        "membership.overlap",
    )
    _refused(client.delete(f"/api/committees/{committee['id']}/"), 409, "organ.in_use")
    ended = _ok(
        client.post(f"/api/memberships/{seat['id']}/end/", {"end_date": "2027-03-31"}, content_type="application/json")
    )
    assert ended["end_date"] == "2027-03-31"
    listed = _ok(client.get(f"/api/committees/?term={c.term.pk}"))
    assert [row["name"] for row in listed["results"]] == ["Ban Kinh tế - Ngân sách"]
    # Another council's secretariat may not touch this term.
    other = Council_(n=1)
    client.force_login(other.secretariat)
    _refused(
        client.post("/api/committees/", {"term": c.term.pk, "name": "Ban Pháp chế"}, content_type="application/json"),
        403,
        "council.forbidden",
    )


def test_a_session_from_nothing_to_closed(client):
    c = Council_(n=3)
    Sitting.objects.all().delete()
    Session.objects.all().delete()
    client.force_login(c.secretariat)
    session = _ok(
        client.post(
            "/api/sessions/",
            {
                "term": c.term.pk,
                "number": 2,
                "type": "regular",
                "title": "Kỳ họp thứ hai",
                "venue": "Hội trường",
                "start_date": "2026-12-08",
                "end_date": "2026-12-09",
            },
            content_type="application/json",
        ),
        201,
    )
    assert session["status"] == "planned"
    sid = session["id"]
    notice = SimpleUploadedFile("giay-trieu-tap.pdf", b"%PDF-1.4\n% giay trieu tap\n%%EOF\n", "application/pdf")
    assert _ok(client.post(f"/api/sessions/{sid}/convening-notice/", {"file": notice}))["has_convening_notice"]
    assert client.get(f"/api/sessions/{sid}/convening-notice/").status_code == 200
    _refused(client.post(f"/api/sessions/{sid}/close/"), 409, "session.status_invalid")  # nothing held yet
    first = _ok(
        client.post(
            "/api/sittings/",
            {"session": sid, "number": 1, "date": "2026-12-08", "start_time": "08:00", "venue": "Hội trường A"},
            content_type="application/json",
        ),
        201,
    )
    _refused(
        client.post(
            "/api/sittings/",
            {"session": sid, "number": 2, "date": "2026-12-09", "start_time": "08:00", "is_closed_door": True},
            content_type="application/json",
        ),
        400,
        "sitting.closed_door_decision_required",
    )
    second = _ok(
        client.post(
            "/api/sittings/",
            {
                "session": sid,
                "number": 2,
                "date": "2026-12-09",
                "start_time": "08:00",
                "is_closed_door": True,
                "closed_door_decision": "Chủ tọa đề nghị, HĐND biểu quyết họp kín",
            },
            content_type="application/json",
        ),
        201,
    )
    # A sitting opens on its own date only.
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)):
        client.force_login(c.secretariat)  # log-in sessions last hours, not days
        _refused(client.post(f"/api/sittings/{first['id']}/open/"), 409, "sitting.not_today")
    with time_machine.travel(dt.datetime(2026, 12, 8, 1, tzinfo=dt.UTC)):
        client.force_login(c.secretariat)
        assert _ok(client.post(f"/api/sittings/{first['id']}/open/"))["status"] == "open"
        assert _ok(client.get(f"/api/sessions/{sid}/"))["status"] == "in_progress"
        _refused(
            client.patch(f"/api/sittings/{first['id']}/", {"date": "2026-12-09"}, content_type="application/json"),
            409,
            "sitting.open_locked",
        )
        _refused(client.post(f"/api/sessions/{sid}/close/"), 409, "session.sitting_open")
        _ok(client.post(f"/api/sittings/{first['id']}/close/"))
        # A mis-click must not end a sitting: reopened, with the reason audited.
        _refused(
            client.post(f"/api/sittings/{first['id']}/reopen/", {"reason": " "}, content_type="application/json"),
            400,
            "request.invalid",
        )
        assert (
            _ok(
                client.post(
                    f"/api/sittings/{first['id']}/reopen/",
                    {"reason": "Bấm nhầm nút bế mạc"},
                    content_type="application/json",
                )
            )["status"]
            == "open"
        )
        assert AuditEntry.objects.filter(action="sitting.reopen", data__reason="Bấm nhầm nút bế mạc").exists()
        _ok(client.post(f"/api/sittings/{first['id']}/close/"))
    # The schedule changed: the secretariat moves the planned second sitting, then it opens that day.
    moved = _ok(
        client.patch(
            f"/api/sittings/{second['id']}/",
            {"date": "2026-12-08", "start_time": "14:00"},
            content_type="application/json",
        )
    )
    assert moved["date"] == "2026-12-08"
    with time_machine.travel(dt.datetime(2026, 12, 8, 7, tzinfo=dt.UTC)):
        client.force_login(c.secretariat)
        _ok(client.post(f"/api/sittings/{second['id']}/open/"))
        _ok(client.post(f"/api/sittings/{second['id']}/close/"))
        closed = _ok(client.post(f"/api/sessions/{sid}/close/"))
    assert closed["status"] == "closed"
    # Closed for good: no reopening, no new sitting, edits only as audited corrections.
    _refused(client.post(f"/api/sessions/{sid}/close/"), 409, "session.status_invalid")
    _refused(
        client.post(f"/api/sittings/{first['id']}/reopen/", {"reason": "x"}, content_type="application/json"),
        409,
        "session.closed",
    )
    _refused(
        client.post(
            "/api/sittings/",
            {"session": sid, "number": 3, "date": "2026-12-09", "start_time": "08:00"},
            content_type="application/json",
        ),
        409,
        "session.closed",
    )
    _refused(
        client.patch(f"/api/sessions/{sid}/", {"title": "Sửa"}, content_type="application/json"),
        409,
        "session.correction_reason_required",
    )
    corrected = _ok(
        client.patch(
            f"/api/sessions/{sid}/",
            {"title": "Kỳ họp thứ hai (chuyên đề)", "type": "thematic", "correction_reason": "Sai loại kỳ họp"},
            content_type="application/json",
        )
    )
    assert corrected["type"] == "thematic"
    entry = AuditEntry.objects.get(action="session.correct")
    assert entry.data["reason"] == "Sai loại kỳ họp" and entry.data["changes"]["type"] == ["regular", "thematic"]


def test_session_edits_keep_their_sittings_inside_and_numbers_unique(client):
    c = Council_(n=1)
    client.force_login(c.secretariat)
    _refused(
        client.patch(f"/api/sessions/{c.session.pk}/", {"start_date": "2026-12-09"}, content_type="application/json"),
        409,
        "session.dates_exclude_sittings",
    )
    other = _ok(
        client.post(
            "/api/sessions/",
            {
                "term": c.term.pk,
                "number": 2,
                "title": "Kỳ họp thứ hai",
                "start_date": "2027-06-01",
                "end_date": "2027-06-02",
            },
            content_type="application/json",
        ),
        201,
    )
    _refused(
        client.patch(f"/api/sessions/{other['id']}/", {"number": 1}, content_type="application/json"),
        409,
        "session.number_taken",
    )
    _refused(
        client.patch(f"/api/sessions/{other['id']}/", {"end_date": "2032-01-01"}, content_type="application/json"),
        400,
        "term.dates_invalid",
    )
    assert Session.objects.get(pk=other["id"]).end_date == dt.date(2027, 6, 2)
    client.force_login(make_user())
    _refused(
        client.patch(f"/api/sessions/{other['id']}/", {"title": "X"}, content_type="application/json"),
        403,
        "council.forbidden",
    )
