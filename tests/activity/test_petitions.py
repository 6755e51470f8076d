"""Voter petitions per session (issue 16): numbering, grouping under a session before/after it, answering
agencies, assignment and answer with every refusal (nothing changed, nothing audited); the per-session and
per-year figures equal the counts of the archive list with the same filters; the public lookup (code, number,
words without diacritics, session, agency; paginated, bounded), the open-data CSV, the console page, and the
migration that numbers and groups the petitions entered before."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client

from activity.models import AnsweringAgency, VoterMeeting, VoterPetition
from activity.services.petitions import agency_save, petition_answer, petition_assign
from activity.services.records import petition_register, petition_status_set
from sessions_app.models import AuditEntry, CouncilRoleKind
from tests.activity import builders as b
from tests.assertions import refused
from tests.factories import make_council, make_role_user, make_term

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 6, 20)


@pytest.fixture
def w():
    council, other = make_council(), make_council()
    term, other_term = make_term(council), make_term(other)
    sec = make_role_user(council, CouncilRoleKind.SECRETARIAT)
    mid = b.session(council, term, start=dt.date(2025, 7, 8))
    end = b.session(council, term, start=dt.date(2025, 12, 9))
    transport = agency_save(actor=sec, council=council, name="Sở Xây dựng", short_name="SXD")
    people = agency_save(actor=sec, council=council, name="Ủy ban nhân dân tỉnh")
    return {
        "council": council,
        "other": other,
        "sec": sec,
        "other_sec": make_role_user(other, CouncilRoleKind.SECRETARIAT),
        "mid": mid,
        "end": end,
        "other_session": b.session(other, other_term, start=dt.date(2025, 7, 8)),
        "transport": transport,
        "people": people,
        "other_agency": agency_save(
            actor=make_role_user(other, CouncilRoleKind.SECRETARIAT), council=other, name="Sở Y tế"
        ),
    }


def _register(w, text: str = "Đề nghị sửa chữa đường liên xã", **extra):
    values = {"session": w["mid"], "session_phase": "before", "authority_level": "province", "received_on": DAY}
    return petition_register(actor=w["sec"], council=w["council"], content=text, **{**values, **extra})


def test_numbered_per_council_and_year_grouped_under_a_session(w):
    first, second = _register(w), _register(w, "Đề nghị xây trạm y tế")
    next_year = _register(
        w, "Kiến nghị năm sau", received_on=dt.date(2026, 1, 5), session=w["end"], session_phase="after"
    )
    elsewhere = petition_register(
        actor=w["other_sec"], council=w["other"], content="Khác", authority_level="commune", received_on=DAY
    )
    assert [first.code, second.code, next_year.code, elsewhere.code] == [
        "KN-2025-0001",
        "KN-2025-0002",
        "KN-2026-0001",
        "KN-2025-0001",
    ]
    assert (first.session, first.session_phase, first.status, first.agency) == (w["mid"], "before", "received", None)
    at_once = _register(w, "Chuyển ngay", agency=w["transport"])
    assert (at_once.agency, at_once.assigned_on, at_once.status) == (w["transport"], DAY, "received")


def test_registration_refusals_change_nothing(w):
    before = VoterPetition.objects.count()
    refused("activity.petition_session_invalid", _register, w, session=w["other_session"])
    refused("activity.petition_session_invalid", _register, w, session_phase="")
    refused("activity.petition_session_invalid", _register, w, session=None)  # a phase without a session
    refused("activity.petition_session_invalid", _register, w, session_phase="during")
    refused("activity.petition_agency_invalid", _register, w, agency=w["other_agency"])
    closed = agency_save(actor=w["sec"], council=w["council"], name="Sở cũ", active=False)
    refused("activity.petition_agency_invalid", _register, w, agency=closed)
    refused(
        "council.forbidden",
        petition_register,
        actor=w["other_sec"],
        council=w["council"],
        content="x",
        authority_level="province",
        received_on=DAY,
    )
    assert VoterPetition.objects.count() == before


def test_assign_then_answer_audited(w):
    petition = _register(w)
    assigned = petition_assign(actor=w["sec"], petition=petition, agency=w["transport"], on=DAY + dt.timedelta(days=3))
    assert (assigned.status, assigned.agency, assigned.assigned_on) == (
        "in_progress",
        w["transport"],
        dt.date(2025, 6, 23),
    )
    again = petition_assign(actor=w["sec"], petition=petition, agency=w["people"], on=dt.date(2025, 6, 25))
    assert again.agency == w["people"] and again.status == "in_progress"
    answered = petition_answer(
        actor=w["sec"],
        petition=petition,
        status="resolved",
        answered_on=dt.date(2025, 9, 1),
        answer="Đã bố trí vốn sửa chữa trong quý IV.",
        answer_document="Công văn số 1234/UBND-KT",
    )
    assert (answered.status, answered.answered_on, answered.answer_document) == (
        "resolved",
        dt.date(2025, 9, 1),
        "Công văn số 1234/UBND-KT",
    )
    actions = list(
        AuditEntry.objects.filter(object_type="voterpetition", object_id=str(petition.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == ["petition.register", "petition.assign", "petition.assign", "petition.answer"]


def test_assign_and_answer_refusals_change_nothing(w):
    petition = _register(w)
    answer = {"status": "resolved", "answered_on": DAY, "answer": "Đã xử lý."}
    refused("activity.petition_agency_required", petition_answer, actor=w["sec"], petition=petition, **answer)
    refused(
        "activity.petition_agency_invalid",
        petition_assign,
        actor=w["sec"],
        petition=petition,
        agency=w["other_agency"],
        on=DAY,
    )
    refused(
        "activity.petition_date_invalid",
        petition_assign,
        actor=w["sec"],
        petition=petition,
        agency=w["transport"],
        on=DAY - dt.timedelta(days=1),
    )
    refused(
        "council.forbidden", petition_assign, actor=w["other_sec"], petition=petition, agency=w["transport"], on=DAY
    )
    petition_assign(actor=w["sec"], petition=petition, agency=w["transport"], on=dt.date(2025, 6, 25))
    refused(
        "activity.petition_answer_required",
        petition_answer,
        actor=w["sec"],
        petition=petition,
        **{**answer, "answer": "  "},
    )
    refused(
        "request.invalid", petition_answer, actor=w["sec"], petition=petition, **{**answer, "status": "in_progress"}
    )
    refused(
        "activity.petition_date_invalid", petition_answer, actor=w["sec"], petition=petition, **answer
    )  # before assigned
    petition_answer(actor=w["sec"], petition=petition, **{**answer, "answered_on": dt.date(2025, 7, 1)})
    refused(
        "activity.petition_step_invalid",
        petition_answer,
        actor=w["sec"],
        petition=petition,
        **{**answer, "answered_on": dt.date(2025, 7, 2)},
    )
    refused(
        "activity.petition_answered",
        petition_assign,
        actor=w["sec"],
        petition=petition,
        agency=w["people"],
        on=dt.date(2025, 7, 3),
    )
    refused("activity.agency_name_taken", agency_save, actor=w["sec"], council=w["council"], name="sở xây  dựng")
    refused("council.forbidden", agency_save, actor=w["other_sec"], council=w["council"], name="Sở Tài chính")


def _answer(w, petition, status: str = "resolved") -> None:
    petition_assign(actor=w["sec"], petition=petition, agency=w["transport"], on=DAY)
    petition_answer(actor=w["sec"], petition=petition, status=status, answered_on=DAY, answer="Trả lời.")


def _count(client: Client, **query) -> int:
    response = client.get("/api/activity/petitions/", {"page_size": 500, **query})
    assert response.status_code == 200, response.content
    return response.json()["count"]


def test_session_and_year_figures_equal_the_archive_list(w):
    for n in range(5):
        _answer(w, _register(w, f"Trước kỳ họp {n}"), "resolved" if n < 3 else "explained")
    for n in range(3):
        petition = _register(w, f"Sau kỳ họp {n}", session_phase="after")
        if n == 0:
            _answer(w, petition)
    _register(w, "Năm khác", received_on=dt.date(2024, 12, 1), session=None, session_phase="")
    client = Client()
    stats = client.get(f"/api/statistics/sessions/{w['mid'].pk}/petitions/").json()
    same = {"session": w["mid"].pk}
    assert stats["total"] == _count(client, **same) == 8
    for status in ("received", "in_progress", "resolved", "explained"):
        assert stats[status] == _count(client, status=status, **same), status
    for phase in ("before", "after"):
        figures = stats["phases"][phase]
        assert figures["total"] == _count(client, session_phase=phase, **same)
        assert figures["resolved"] == _count(client, session_phase=phase, status="resolved", **same)
    assert stats["phases"]["before"]["wording"]["vi"] == "3/5 kiến nghị đã giải quyết, đạt 60,00%"
    assert stats["wording"]["vi"] == "4/8 kiến nghị đã giải quyết, đạt 50,00%"
    by_agency = {row["name"]: row for row in stats["agencies"]}
    assert by_agency["Sở Xây dựng"]["total"] == _count(client, agency=w["transport"].pk, **same) == 6
    year = client.get(f"/api/statistics/councils/{w['council'].pk}/", {"year": 2025}).json()["statistics"]
    same_year = {"council": w["council"].pk, "year": 2025}
    assert year["petitions_total"] == _count(client, **same_year) == 8
    assert year["petitions_resolved"] == _count(client, status="resolved", **same_year) == 4
    assert client.get("/api/statistics/sessions/999999/petitions/").status_code == 404


def test_lookup_by_code_number_words_session_agency(w):
    first = _register(w, "Đề nghị nâng cấp đường Hồ Sen – Núi Mây")
    _answer(w, first)
    _register(w, "Đề nghị xây trường mầm non")
    client = Client()
    assert _count(client, code="KN-2025-0001") == _count(client, code="2025/1") == 1
    assert _count(client, code="1", council=w["council"].pk) == 1
    assert _count(client, code="không phải mã") == 0
    assert _count(client, search="duong ho sen") == 1  # no diacritics
    assert _count(client, search="SỞ XÂY DỰNG") == 1  # the agency's name
    assert _count(client, session=w["mid"].pk, agency=w["transport"].pk) == 1
    bad = client.get("/api/activity/petitions/", {"session_phase": "during", "search": "x" * 201})
    assert bad.status_code == 400 and set(bad.json()["error"]["details"]["fields"]) >= {"session_phase", "search"}
    row = client.get("/api/activity/petitions/", {"code": "KN-2025-0001"}).json()["results"][0]
    assert (row["code"], row["agency_name"], row["status"], row["session_phase"]) == (
        "KN-2025-0001",
        "Sở Xây dựng",
        "resolved",
        "before",
    )


def test_public_lookup_pages(w):
    first = _register(w, "Đề nghị nâng cấp đường Hồ Sen")
    _answer(w, first)
    for n in range(25):
        _register(w, f"Kiến nghị số {n}")
    client = Client()
    page = client.get("/public/petitions/", {"q": "duong ho sen"}).content.decode()
    assert "KN-2025-0001" in page and "KN-2025-0002" not in page
    listing = client.get("/public/petitions/", {"council": w["council"].pk, "session": w["mid"].pk}).content.decode()
    assert "26 kiến nghị" in listing and "Trang 1/2" in listing
    assert 'id="petition-summary"><strong>1/26 kiến nghị đã giải quyết, đạt 3,85%' in listing
    last = client.get("/public/petitions/", {"council": w["council"].pk, "page": "99999999999"})
    assert last.status_code == 200 and "Trang 2/2" in last.content.decode()  # out of range: the last page
    odd = client.get("/public/petitions/", {"council": "abc", "status": "<x>", "code": "9" * 500, "q": "y" * 5000})
    assert odd.status_code == 200
    detail = client.get(f"/public/petitions/{first.pk}/").content.decode()
    assert 'id="answer-text">Trả lời.' in detail and "Sở Xây dựng" in detail
    client.post("/i18n/setlang/", {"language": "en"})
    english = client.get("/public/petitions/", {"council": w["council"].pk, "session": w["mid"].pk}).content.decode()
    assert "1/26 petitions resolved (3.85%)" in english
    assert client.get("/public/petitions/999999/").status_code == 404


def test_open_data_csv_lists_what_the_list_lists(w):
    _answer(w, _register(w, "Đề nghị A"))
    _register(w, "Đề nghị B", session_phase="after")
    client = Client()
    for query in ({"council": w["council"].pk}, {"session": w["mid"].pk, "status": "resolved"}):
        body = client.get("/api/exports/petitions.csv", query).content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0][:3] == ["Mã kiến nghị", "HĐND", "Kỳ họp"]
        assert len(rows) - 1 == _count(client, **query)
    resolved = list(
        csv.reader(
            io.StringIO(client.get("/api/exports/petitions.csv", {"status": "resolved"}).content.decode("utf-8-sig"))
        )
    )
    assert resolved[1][0] == "KN-2025-0001" and resolved[1][8] == "Sở Xây dựng" and resolved[1][10] == "Đã giải quyết"
    assert client.get("/api/exports/petitions.xlsx").status_code == 200
    assert client.get("/api/exports/petitions.csv", {"status": "nope"}).status_code == 400


def test_rest_writes(w):
    api = Client()
    api.force_login(w["sec"])
    made = api.post(
        "/api/activity/petitions/",
        {
            "council": w["council"].pk,
            "content": "Đề nghị lắp đèn đường",
            "authority_level": "commune",
            "received_on": "2025-06-20",
            "session": w["mid"].pk,
            "session_phase": "before",
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assigned = api.post(
        f"/api/activity/petitions/{pk}/assign/",
        {"agency": w["people"].pk, "on": "2025-06-21"},
        content_type="application/json",
    )
    assert assigned.json()["status"] == "in_progress"
    answered = api.post(
        f"/api/activity/petitions/{pk}/answer/",
        {
            "status": "explained",
            "answered_on": "2025-08-01",
            "answer": "Đã giải trình.",
            "answer_document": "Báo cáo 12/BC-UBND",
        },
        content_type="application/json",
    )
    assert answered.status_code == 200 and answered.json()["answered_on"] == "2025-08-01"
    agency = api.post(
        "/api/activity/answering-agencies/",
        {"council": w["council"].pk, "name": "Sở Tài chính"},
        content_type="application/json",
    )
    assert agency.status_code == 201
    assert (
        api.patch(
            f"/api/activity/answering-agencies/{agency.json()['id']}/",
            {"active": False},
            content_type="application/json",
        ).json()["active"]
        is False
    )
    outsider = Client()
    outsider.force_login(w["other_sec"])
    assert (
        outsider.post(f"/api/activity/petitions/{pk}/assign/", {}, content_type="application/json").status_code == 403
    )
    assert (
        Client().post(f"/api/activity/petitions/{pk}/answer/", {}, content_type="application/json").status_code == 401
    )


def test_console_page(w):
    console = Client()
    console.force_login(w["sec"])
    url = f"/console/councils/{w['council'].pk}/petitions/"
    made = console.post(
        url,
        {
            "action": "register",
            "content": "Đề nghị nạo vét kênh",
            "received_on": "2025-06-20",
            "field": "land",
            "authority_level": "province",
            "session": w["mid"].pk,
            "session_phase": "before",
        },
    )
    assert made.status_code == 302
    petition = VoterPetition.objects.get(content="Đề nghị nạo vét kênh")
    assert (
        console.post(
            url, {"action": "assign", "petition": petition.pk, "agency": w["transport"].pk, "on": "2025-06-21"}
        ).status_code
        == 302
    )
    early = console.post(
        url,
        {"action": "answer", "petition": petition.pk, "status": "resolved", "answered_on": "2025-06-01", "answer": "x"},
    )
    assert early.status_code == 400 and "activity.petition_date_invalid" in early.content.decode()
    assert (
        console.post(
            url,
            {
                "action": "answer",
                "petition": petition.pk,
                "status": "resolved",
                "answered_on": "2025-07-01",
                "answer": "Đã nạo vét.",
            },
        ).status_code
        == 302
    )
    page = console.get(url, {"session": w["mid"].pk}).content.decode()
    assert "KN-2025-0001" in page and 'id="session-petition-summary">1/1 kiến nghị đã giải quyết, đạt 100,00%' in page
    assert console.post(url, {"action": "agency", "name": "Công an tỉnh"}).status_code == 302
    assert AnsweringAgency.objects.filter(council=w["council"], name="Công an tỉnh").exists()
    outsider = Client()
    outsider.force_login(w["other_sec"])
    assert outsider.get(url).status_code == 403


def test_migration_numbers_and_groups_earlier_petitions(w):
    """The data step of 0003_i16a: petitions entered before it get numbers in order of receipt, their answer date,
    and the session their voter meeting preceded (or followed)."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("activity.migrations.0003_i16a_petitions_per_session")
    council = w["council"]
    before = VoterMeeting.objects.create(council=council, date=dt.date(2025, 6, 25), voters_attending=80)
    after = VoterMeeting.objects.create(council=council, date=dt.date(2025, 7, 30), voters_attending=60)
    made = [
        VoterPetition.objects.create(
            council=council,
            meeting=meeting,
            content=text,
            authority_level="province",
            received_on=day,
            status_changed_on=day,
            status=status,
        )
        for meeting, text, day, status in (
            (after, "Sau", dt.date(2025, 7, 30), "resolved"),
            (before, "Trước", dt.date(2025, 6, 25), "received"),
            (None, "Lẻ", dt.date(2025, 3, 1), "received"),
        )
    ]
    migration.number_and_group(apps, None)
    late, early, loose = (VoterPetition.objects.get(pk=p.pk) for p in made)
    assert (loose.code, early.code, late.code) == ("KN-2025-0001", "KN-2025-0002", "KN-2025-0003")
    assert (early.session, early.session_phase) == (w["mid"], "before")
    assert (late.session, late.session_phase, late.answered_on) == (w["mid"], "after", dt.date(2025, 7, 30))
    assert (loose.session, loose.session_phase) == (None, "")
    assert "truoc" in early.search_text


def test_the_old_step_service_keeps_the_answer_date(w):
    petition = _register(w)
    petition_status_set(actor=w["sec"], petition=petition, status="in_progress", on=DAY)
    done = petition_status_set(
        actor=w["sec"], petition=petition, status="resolved", on=dt.date(2025, 7, 1), response="Xong"
    )
    assert done.answered_on == dt.date(2025, 7, 1) and "xong" in VoterPetition.objects.get(pk=petition.pk).search_text


def test_demo_function_adds_answered_petitions_to_a_session(w):
    from demo.petitions import session_petitions_seed

    made = session_petitions_seed(actor=w["sec"], session=w["mid"], today=dt.date(2026, 3, 1))
    assert len(made) == 12 and {p.session_phase for p in made} == {"before", "after"}
    assert all(p.agency_id for p in made) and any(p.status == "resolved" for p in made)
    assert session_petitions_seed(actor=w["sec"], session=w["mid"], today=dt.date(2026, 3, 1)) == []  # once
