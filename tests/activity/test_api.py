"""The activity REST API: records (public reads, secretariat writes), statistics, score sheets from building to
publishing. Every refusal answers with its stable code and changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from activity.models import (
    CitizenReception,
    Criterion,
    Evidence,
    GoodPractice,
    ScoreEntry,
    ScoreSheet,
    SupervisionMission,
    Survey,
    VoterMeeting,
    VoterPetition,
)
from activity.selectors.statistics import STATISTICS
from activity.services import emulation as emulation_services
from activity.services import records as record_services
from sessions_app.models import AuditEntry, Committee, CouncilLevel, CouncilRoleKind, DelegateGroup
from tests.factories import make_council, make_delegate, make_role_user, make_term

pytestmark = pytest.mark.django_db
D = Decimal
DAY = dt.date(2026, 8, 10)  # within the 2026-2031 term of the factories
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def code_of(response) -> str:
    return response.json()["error"]["code"]


@pytest.fixture
def w():
    """A province council with its secretariat, a committee, a delegate group and two delegates, and two commune
    councils under it, each with its own secretariat."""
    province = make_council()
    term = make_term(province)
    communes = [
        make_council(level=CouncilLevel.COMMUNE, parent=province, name=f"HĐND xã Thử {name}") for name in ("An", "Bình")
    ]
    for commune in communes:
        make_term(commune)
    delegates = [make_delegate(province, term, seat=seat) for seat in (1, 2)]

    class World:
        pass

    world = World()
    world.province, world.term, world.communes, world.delegates = province, term, communes, delegates
    world.secretariat = make_role_user(province)
    world.commune_secretariats = [make_role_user(commune) for commune in communes]
    world.committee = Committee.objects.create(council=province, term=term, name="Ban Pháp chế")
    world.group = DelegateGroup.objects.create(council=province, term=term, name="Tổ đại biểu số 1")
    return world


# Activity records -----------------------------------------------------------------------------------------------

RECORDS = {
    "supervisions": (
        SupervisionMission,
        lambda w: {
            "council": w.province.pk,
            "committee": w.committee.pk,
            "title": "Giám sát việc thu hồi đất",
            "field": "Đất đai",
            "start_date": "2026-08-10",
            "end_date": "2026-08-20",
            "report_due": "2026-09-10",
            "delegates": [p.pk for p in w.delegates],
        },
    ),
    "surveys": (
        Survey,
        lambda w: {
            "council": w.province.pk,
            "committee": w.committee.pk,
            "title": "Khảo sát trường học vùng cao",
            "date": "2026-08-10",
            "place": "Xã Thử An",
            "delegates": [w.delegates[0].pk],
        },
    ),
    "citizen-receptions": (
        CitizenReception,
        lambda w: {
            "council": w.province.pk,
            "date": "2026-08-10",
            "citizens_received": 12,
            "petitions_received": 3,
            "delegates": [w.delegates[1].pk],
        },
    ),
    "voter-meetings": (
        VoterMeeting,
        lambda w: {
            "council": w.province.pk,
            "group": w.group.pk,
            "date": "2026-08-10",
            "voters_attending": 140,
            "petitions_raised": 9,
            "delegates": [p.pk for p in w.delegates],
        },
    ),
    "good-practices": (
        GoodPractice,
        lambda w: {
            "council": w.province.pk,
            "title": "Mô hình dân vận khéo",
            "description": "Tiếp xúc cử tri theo chuyên đề",
            "recognized_on": "2026-08-10",
        },
    ),
}


@pytest.mark.parametrize("kind", RECORDS)
def test_the_secretariat_records_corrects_and_deletes_and_everyone_reads(w, kind):
    model, payload = RECORDS[kind]
    url = f"/api/activity/{kind}/"
    client = client_for(w.secretariat)
    created = client.post(url, payload(w), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    record = model.objects.get(pk=body["id"])
    assert body["council"] == w.province.pk
    public = client_for()
    assert public.get(f"{url}{record.pk}/").json() == body
    listed = public.get(url, {"council": w.province.pk, "year": 2026}).json()
    assert [row["id"] for row in listed["results"]] == [record.pk]
    assert public.get(url, {"council": w.province.pk, "year": 2025}).json()["results"] == []
    assert public.get(url, {"start": "2026-08-01", "end": "2026-08-31"}).json()["count"] == 1
    assert public.get(url, {"year": 2026, "half": 1}).json()["count"] == 0

    changed = client.patch(f"{url}{record.pk}/", {"place" if "place" in body else "title": "Sửa lại"}, format="json")
    assert changed.status_code == 200, changed.json()
    after = changed.json()
    changed_field = "place" if "place" in body else "title"
    assert after[changed_field] == "Sửa lại"
    assert {k: v for k, v in after.items() if k != changed_field} == {
        k: v for k, v in body.items() if k != changed_field
    }

    assert client.delete(f"{url}{record.pk}/").status_code == 204
    assert not model.objects.filter(pk=record.pk).exists()
    assert AuditEntry.objects.filter(object_type=model._meta.model_name).count() == 3


def test_writes_need_a_login_and_the_councils_own_secretariat(w):
    anonymous, stranger = client_for(), client_for(w.commune_secretariats[0])
    for kind, (model, payload) in RECORDS.items():
        response = anonymous.post(f"/api/activity/{kind}/", payload(w), format="json")
        assert response.status_code == 401 and code_of(response) == "auth.required", kind
        response = stranger.post(f"/api/activity/{kind}/", payload(w), format="json")
        assert response.status_code == 403 and code_of(response) == "council.forbidden", kind
        assert not model.objects.exists()
    mission = record_services.supervision_save(
        actor=w.secretariat, council=w.province, title="Giám sát ngân sách", start_date=DAY, end_date=DAY
    )
    for method, body in (("patch", {"title": "Chiếm quyền"}), ("delete", None)):
        response = getattr(stranger, method)(f"/api/activity/supervisions/{mission.pk}/", body, format="json")
        assert response.status_code == 403 and code_of(response) == "council.forbidden"
        response = getattr(anonymous, method)(f"/api/activity/supervisions/{mission.pk}/", body, format="json")
        assert response.status_code == 401 and code_of(response) == "auth.required"
    assert SupervisionMission.objects.get(pk=mission.pk).title == "Giám sát ngân sách"


def test_bad_record_input_is_refused_with_a_stable_code(w):
    client = client_for(w.secretariat)
    base = RECORDS["supervisions"][1](w)
    cases = [
        ({**base, "end_date": "2026-08-01"}, 400, "activity.dates_invalid"),
        (
            {
                **base,
                "committee": Committee.objects.create(
                    council=w.communes[0], term=w.communes[0].terms.get(), name="Ban Kinh tế - Xã hội"
                ).pk,
            },
            400,
            "activity.committee_mismatch",
        ),
        (
            {**base, "start_date": "2026-01-10", "end_date": "2026-01-20", "report_due": None},
            400,
            "activity.not_delegate",
        ),
        ({**base, "start_date": "ngày mai"}, 400, "request.invalid"),
        ({**base, "delegates": ["một"]}, 400, "request.invalid"),
    ]
    for body, status, code in cases:
        response = client.post("/api/activity/supervisions/", body, format="json")
        assert (response.status_code, code_of(response)) == (status, code), body
    response = client.post(
        "/api/activity/citizen-receptions/",
        {**RECORDS["citizen-receptions"][1](w), "citizens_received": -1},
        format="json",
    )
    assert (
        code_of(response) == "request.invalid" and "citizens_received" in response.json()["error"]["details"]["fields"]
    )
    assert not SupervisionMission.objects.exists() and not CitizenReception.objects.exists()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"council": "một"}, "request.invalid"),
        ({"year": "năm nay"}, "request.invalid"),
        ({"half": "3"}, "request.invalid"),
        ({"start": "2026-01-01"}, "statistics.period_malformed"),
        ({"year": "2026", "start": "2026-01-01", "end": "2026-02-01"}, "statistics.period_malformed"),
        ({"start": "9999-12-01", "end": "9999-12-31"}, "statistics.period_malformed"),
        ({"start": "2026-05-01", "end": "2026-01-01"}, "statistics.period_invalid"),
    ],
)
def test_malformed_list_filters_are_refused_not_crashed_on(w, query, code):
    for kind in (*RECORDS, "petitions"):
        response = client_for().get(f"/api/activity/{kind}/", query)
        assert response.status_code == 400 and code_of(response) == code, (kind, query)


def test_petitions_move_one_step_at_a_time(w):
    client = client_for(w.secretariat)
    meeting = record_services.voter_meeting_save(actor=w.secretariat, council=w.province, date=DAY, voters_attending=90)
    created = client.post(
        "/api/activity/petitions/",
        {
            "council": w.province.pk,
            "meeting": meeting.pk,
            "content": "Sửa đường liên xã",
            "field": "infrastructure",
            "authority_level": "province",
            "received_on": "2026-08-10",
        },
        format="json",
    )
    assert created.status_code == 201 and created.json()["status"] == "received"
    petition = created.json()["id"]
    url = f"/api/activity/petitions/{petition}/status/"

    skipped = client.post(url, {"status": "resolved", "on": "2026-09-01"}, format="json")
    assert skipped.status_code == 409 and code_of(skipped) == "activity.petition_step_invalid"
    assert "Đã tiếp nhận" in skipped.json()["error"]["messages"]["vi"]
    back = client.post(url, {"status": "received", "on": "2026-09-01"}, format="json")
    assert back.status_code == 400 and code_of(back) == "request.invalid"
    early = client.post(url, {"status": "in_progress", "on": "2026-08-01"}, format="json")
    assert code_of(early) == "activity.petition_date_invalid"
    assert VoterPetition.objects.get(pk=petition).status == "received"
    stranger = client_for(w.commune_secretariats[0]).post(
        url, {"status": "in_progress", "on": "2026-09-01"}, format="json"
    )
    assert code_of(stranger) == "council.forbidden"

    assert (
        client.post(url, {"status": "in_progress", "on": "2026-09-01"}, format="json").json()["status"] == "in_progress"
    )
    done = client.post(
        url, {"status": "resolved", "on": "2026-10-01", "response": "Đã khởi công"}, format="json"
    ).json()
    assert (done["status"], done["status_changed_on"], done["response"]) == ("resolved", "2026-10-01", "Đã khởi công")

    public = client_for()
    for query, count in (
        ({"status": "resolved"}, 1),
        ({"status": "received"}, 0),
        ({"field": "infrastructure"}, 1),
        ({"authority_level": "commune"}, 0),
        ({"meeting": meeting.pk}, 1),
    ):
        assert public.get("/api/activity/petitions/", query).json()["count"] == count, query
    response = public.get("/api/activity/petitions/", {"status": "đã xong"})
    assert code_of(response) == "request.invalid"

    in_use = client.delete(f"/api/activity/voter-meetings/{meeting.pk}/")
    assert in_use.status_code == 409 and code_of(in_use) == "activity.record_in_use"
    assert VoterMeeting.objects.filter(pk=meeting.pk).exists()


def test_evidence_is_uploaded_checked_by_content_and_shown_only_to_the_secretariats(w):
    commune = w.communes[0]
    own = client_for(w.commune_secretariats[0])
    practice = record_services.good_practice_save(
        actor=w.commune_secretariats[0], council=commune, title="Chợ phiên sạch", description="Mô tả", recognized_on=DAY
    )
    fake = own.post(
        "/api/activity/evidence/",
        {
            "council": commune.pk,
            "title": "Quyết định",
            "good_practice": practice.pk,
            "file": SimpleUploadedFile("quyet-dinh.pdf", b"<html>not a pdf</html>", content_type="application/pdf"),
        },
        format="multipart",
    )
    assert fake.status_code == 415 and code_of(fake) == "document.type_not_allowed"
    elsewhere = record_services.good_practice_save(
        actor=w.commune_secretariats[1],
        council=w.communes[1],
        title="Mô hình khác",
        description="Mô tả",
        recognized_on=DAY,
    )
    foreign = own.post(
        "/api/activity/evidence/",
        {
            "council": commune.pk,
            "good_practice": elsewhere.pk,
            "file": SimpleUploadedFile("qd.pdf", PDF, content_type="application/pdf"),
        },
        format="multipart",
    )
    assert foreign.status_code == 400 and code_of(foreign) == "activity.good_practice_mismatch"
    assert not Evidence.objects.exists()

    uploaded = own.post(
        "/api/activity/evidence/",
        {
            "council": commune.pk,
            "title": "Quyết định công nhận",
            "good_practice": practice.pk,
            "file": SimpleUploadedFile("quyet-dinh.pdf", PDF, content_type="application/pdf"),
        },
        format="multipart",
    )
    assert uploaded.status_code == 201, uploaded.json()
    body = uploaded.json()
    assert (body["content_type"], body["size"], body["good_practice"]) == ("application/pdf", len(PDF), practice.pk)

    for user in (w.commune_secretariats[0], w.secretariat):  # its council, and the council above it
        reader = client_for(user)
        download = reader.get(body["url"])
        assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
        assert download["Content-Type"] == "application/pdf"
        assert [
            e["id"] for e in reader.get("/api/activity/evidence/", {"good_practice": practice.pk}).json()["results"]
        ] == [body["id"]]
    neighbour = client_for(w.commune_secretariats[1])
    assert neighbour.get("/api/activity/evidence/").json()["results"] == []
    assert code_of(neighbour.get(body["url"])) == "not_found"
    assert neighbour.delete(f"/api/activity/evidence/{body['id']}/").status_code == 404
    anonymous = client_for()
    assert code_of(anonymous.get(body["url"])) == "auth.required"
    assert code_of(anonymous.get("/api/activity/evidence/")) == "auth.required"
    assert "evidence" not in client_for().get(f"/api/activity/good-practices/{practice.pk}/").json()

    assert own.delete(f"/api/activity/evidence/{body['id']}/").status_code == 204
    assert not Evidence.objects.exists()


# Statistics -----------------------------------------------------------------------------------------------------


def _activity(w) -> None:
    """Province 2026: two supervision missions (one with a delegate), two citizen receptions, three petitions of
    which one resolved; 2025: one mission. Communes: An one mission, Bình none."""
    actor = w.secretariat
    for day in (DAY, dt.date(2026, 11, 2)):
        record_services.supervision_save(
            actor=actor,
            council=w.province,
            title="Giám sát",
            start_date=day,
            end_date=day,
            delegates=[w.delegates[0]] if day == DAY else [],
        )
    record_services.supervision_save(
        actor=actor,
        council=w.province,
        title="Giám sát 2025",
        start_date=dt.date(2025, 3, 1),
        end_date=dt.date(2025, 3, 2),
    )
    for citizens in (12, 30):
        record_services.citizen_reception_save(actor=actor, council=w.province, date=DAY, citizens_received=citizens)
    petitions = [
        record_services.petition_register(
            actor=actor, council=w.province, content=f"Kiến nghị {n}", authority_level="province", received_on=DAY
        )
        for n in range(3)
    ]
    record_services.petition_status_set(actor=actor, petition=petitions[0], status="in_progress", on=DAY)
    record_services.petition_status_set(actor=actor, petition=petitions[0], status="resolved", on=DAY)
    record_services.supervision_save(
        actor=w.commune_secretariats[0], council=w.communes[0], title="Giám sát xã", start_date=DAY, end_date=DAY
    )


def test_council_statistics_for_a_year_a_half_and_a_range(w):
    _activity(w)
    public = client_for()
    year = public.get(f"/api/statistics/councils/{w.province.pk}/", {"year": 2026}).json()
    assert year["period"] == {"start": "2026-01-01", "end": "2026-12-31", "label": "Năm 2026"}
    figures = year["statistics"]
    assert (figures["supervision_missions"], figures["citizen_receptions"], figures["citizens_received"]) == (2, 2, 42)
    assert (figures["petitions_total"], figures["petitions_resolved"], figures["petitions_resolved_percent"]) == (
        3,
        1,
        "33.33",
    )
    assert figures["petitions_wording"] == {
        "vi": "1/3 kiến nghị đã giải quyết, đạt 33,33%",
        "en": "1/3 petitions resolved (33.33%)",
    }
    assert set(figures) == {k for k, spec in STATISTICS.items() if "council" in spec.subjects} | {
        "petitions_wording",
        "resolutions_by_category",
        "resolutions_wording",
    }
    first_half = public.get(f"/api/statistics/councils/{w.province.pk}/", {"year": 2026, "half": 1}).json()
    assert (
        first_half["period"]["label"] == "6 tháng đầu năm 2026"
        and first_half["statistics"]["supervision_missions"] == 0
    )
    august = public.get(
        f"/api/statistics/councils/{w.province.pk}/", {"start": "2026-08-01", "end": "2026-08-31"}
    ).json()
    assert august["statistics"]["supervision_missions"] == 1


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"start": "2026-05-01", "end": "2026-01-01"}, "statistics.period_invalid"),
        ({"start": "2026-05-01"}, "statistics.period_malformed"),
        ({"year": "2026", "end": "2026-05-01"}, "statistics.period_malformed"),
        ({"half": "3"}, "request.invalid"),
        ({"year": "1900"}, "request.invalid"),
    ],
)
def test_a_bad_statistics_period_is_refused(w, query, code):
    response = client_for().get(f"/api/statistics/councils/{w.province.pk}/", query)
    assert response.status_code == 400 and code_of(response) == code
    assert set(response.json()["error"]["messages"]) == {"vi", "en"}


def test_per_delegate_figures_are_for_the_council_and_the_council_above_it(w):
    _activity(w)
    url = f"/api/statistics/councils/{w.province.pk}/delegates/"
    assert code_of(client_for().get(url, {"year": 2026})) == "auth.required"
    assert code_of(client_for(w.commune_secretariats[0]).get(url, {"year": 2026})) == "council.forbidden"
    for user in (w.secretariat, w.delegates[1].user):
        body = client_for(user).get(url, {"year": 2026}).json()
        rows = {row["person"]: row for row in body["delegates"]}
        assert set(rows) == {p.pk for p in w.delegates}
        assert (rows[w.delegates[0].pk]["supervision_missions"], rows[w.delegates[1].pk]["supervision_missions"]) == (
            1,
            0,
        )
        assert rows[w.delegates[0].pk]["seat"] == 1 and rows[w.delegates[0].pk]["attendance_percent"] == "0.00"
    commune = w.communes[0]
    make_delegate(commune, commune.terms.get(), seat=1)
    from_above = client_for(w.secretariat).get(f"/api/statistics/councils/{commune.pk}/delegates/", {"year": 2026})
    assert from_above.status_code == 200 and len(from_above.json()["delegates"]) == 1


def test_trend_and_comparison(w):
    _activity(w)
    public = client_for()
    trend = public.get(f"/api/statistics/councils/{w.province.pk}/trend/", {"from": 2025, "to": 2026}).json()
    assert [(y["year"], y["supervision_missions"]) for y in trend["years"]] == [(2025, 1), (2026, 2)]
    default = public.get(f"/api/statistics/councils/{w.province.pk}/trend/").json()["years"]
    assert len(default) == 5
    backwards = public.get(f"/api/statistics/councils/{w.province.pk}/trend/", {"from": 2026, "to": 2025})
    assert backwards.status_code == 400 and code_of(backwards) == "statistics.period_invalid"
    too_long = public.get(f"/api/statistics/councils/{w.province.pk}/trend/", {"from": 2000, "to": 2026})
    assert code_of(too_long) == "request.invalid" and "to" in too_long.json()["error"]["details"]["fields"]

    comparison = public.get(f"/api/statistics/councils/{w.province.pk}/comparison/", {"year": 2026}).json()
    assert [(c["name"], c["supervision_missions"]) for c in comparison["councils"]] == [
        ("HĐND xã Thử An", 1),
        ("HĐND xã Thử Bình", 0),
    ]
    assert public.get("/api/statistics/councils/999999/comparison/").status_code == 404


def test_the_catalogue_lists_every_statistic_with_its_labels(w):
    catalogue = client_for().get("/api/statistics/catalogue/").json()
    assert [row["key"] for row in catalogue] == list(STATISTICS)
    missions = next(row for row in catalogue if row["key"] == "supervision_missions")
    assert missions == {
        "key": "supervision_missions",
        "vi": "Giám sát chuyên đề",
        "en": "Thematic supervision missions",
        "subjects": ["council", "committee", "delegate"],
        "unit": "count",
    }
    assert next(row for row in catalogue if row["key"] == "attendance_percent")["unit"] == "percent"


# Score sheets ---------------------------------------------------------------------------------------------------


def _sheet_over_rest(w, client) -> dict:
    """A 2026 sheet for the communes: missions (computed, 2 points each up to 10), quality (manual, up to 10),
    good practices bonus (manual, up to 5, sheet cap 3) and late reports deduction (manual, up to 2)."""
    created = client.post(
        "/api/score-sheets/",
        {
            "council": w.province.pk,
            "year": 2026,
            "target_kind": "commune_councils",
            "title": "Thi đua HĐND cấp xã năm 2026",
            "bonus_cap": "3",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    sheet = created.json()["id"]

    def criterion(**body):
        response = client.post("/api/criteria/", {"sheet": sheet, **body}, format="json")
        assert response.status_code == 201, response.json()
        return response.json()

    work = criterion(title="Hoạt động giám sát", max_points="20", method="group")
    missions = criterion(
        title="Giám sát chuyên đề",
        parent=work["id"],
        max_points="10",
        method="computed",
        rule={"type": "per_unit", "statistic": "supervision_missions", "points": 2, "per": 1},
    )
    quality = criterion(title="Chất lượng giám sát", parent=work["id"], max_points="10")
    bonus = criterion(title="Mô hình hay", section="bonus", max_points="5")
    late = criterion(title="Báo cáo chậm", section="deduction", max_points="2")
    assert (work["number"], missions["number"], quality["number"], bonus["number"], late["number"]) == (
        "1",
        "1.1",
        "1.2",
        "T1",
        "Tr1",
    )
    assert missions["rule"] == {"type": "per_unit", "statistic": "supervision_missions", "points": "2", "per": "1"}
    assert missions["rule_text"] == "2 điểm cho mỗi đơn vị “Giám sát chuyên đề”"
    return {"sheet": sheet, "work": work, "missions": missions, "quality": quality, "bonus": bonus, "late": late}


def test_a_sheet_is_built_scored_ranked_locked_and_published_over_rest(w):
    _activity(w)
    client = client_for(w.secretariat)
    s = _sheet_over_rest(w, client)
    url = f"/api/score-sheets/{s['sheet']}/"
    table = client.get(url).json()
    targets = {t["label"]: t["id"] for t in table["targets"]}
    an, binh = targets["HĐND xã Thử An"], targets["HĐND xã Thử Bình"]
    assert [c["number"] for c in table["criteria"]] == ["1", "1.1", "1.2", "T1", "Tr1"]
    assert table["max_points"] == "20.00"

    def entry(target, criterion, points, **more):
        return client.post(
            f"{url}entries/",
            {"target": target, "criterion": s[criterion]["id"], "points": points, **more},
            format="json",
        )

    evidence = record_services.evidence_upload(
        actor=w.commune_secretariats[0],
        council=w.communes[0],
        title="Báo cáo",
        stream=SimpleUploadedFile("bc.pdf", PDF),
        size=len(PDF),
    )
    first = entry(an, "quality", "7", note="Báo cáo đầy đủ", evidence=[evidence.pk])
    assert first.status_code == 200, first.json()
    assert (first.json()["points"], first.json()["source"], first.json()["evidence"]) == (
        "7.00",
        "manual",
        [evidence.pk],
    )
    for target, criterion, points in (
        (binh, "quality", "9"),
        (an, "bonus", "4"),
        (binh, "bonus", "0"),
        (an, "late", "0"),
        (binh, "late", "1"),
    ):
        assert entry(target, criterion, points).status_code == 200

    over, negative = entry(an, "quality", "10.5"), entry(an, "quality", "-1")
    assert (over.status_code, code_of(over)) == (400, "emulation.points_over_max")
    assert "10,5" in over.json()["error"]["messages"]["vi"]
    assert (negative.status_code, code_of(negative)) == (400, "emulation.points_negative")
    computed = entry(an, "missions", "2")
    assert code_of(computed) == "emulation.points_not_manual"
    assert ScoreEntry.objects.get(target_id=an, criterion_id=s["quality"]["id"]).points == D("7.00")

    unknown = client.post(
        "/api/criteria/",
        {
            "sheet": s["sheet"],
            "title": "Sai",
            "max_points": "5",
            "method": "computed",
            "rule": {"type": "per_unit", "statistic": "so_lieu_khong_co", "points": 1, "per": 1},
        },
        format="json",
    )
    assert unknown.status_code == 400 and code_of(unknown) == "emulation.rule_unknown_statistic"
    assert Criterion.objects.filter(sheet_id=s["sheet"]).count() == 5

    early_lock = client.post(f"{url}lock/")
    assert early_lock.status_code == 409 and code_of(early_lock) == "emulation.not_ranked"
    scored = client.post(f"{url}score/")
    assert scored.status_code == 200, scored.json()
    ranked = scored.json()["targets"]
    # An: missions 1×2 = 2, quality 7, bonus 4 capped at 3 → 12. Bình: missions 0, quality 9, late −1 → 8.
    assert [
        (
            t["label"],
            t["result"]["rank"],
            t["result"]["base"],
            t["result"]["bonus"],
            t["result"]["deduction"],
            t["result"]["total"],
        )
        for t in ranked
    ] == [
        ("HĐND xã Thử An", 1, "9.00", "3.00", "0.00", "12.00"),
        ("HĐND xã Thử Bình", 2, "9.00", "0.00", "1.00", "8.00"),
    ]
    assert ranked[0]["points"][str(s["missions"]["id"])] == "2.00"
    assert ranked[0]["entries"][str(s["missions"]["id"])]["statistic_value"] == "1.00"

    locked = client.post(f"{url}lock/")
    assert locked.status_code == 200 and locked.json()["status"] == "locked"
    for response in (
        client.post(f"{url}score/"),
        entry(an, "quality", "8"),
        client.patch(url, {"title": "Đổi tên"}, format="json"),
        client.post("/api/criteria/", {"sheet": s["sheet"], "title": "Mới", "max_points": "1"}, format="json"),
        client.patch(f"/api/criteria/{s['quality']['id']}/", {"max_points": "20"}, format="json"),
        client.delete(f"/api/criteria/{s['late']['id']}/"),
    ):
        assert response.status_code == 409 and code_of(response) == "emulation.sheet_locked"
    in_use = client_for(w.commune_secretariats[0]).delete(f"/api/activity/evidence/{evidence.pk}/")
    assert in_use.status_code == 409 and code_of(in_use) == "activity.record_in_use"
    assert ScoreSheet.objects.get(pk=s["sheet"]).title == "Thi đua HĐND cấp xã năm 2026"
    assert ScoreEntry.objects.get(target_id=an, criterion_id=s["quality"]["id"]).points == D("7.00")

    public = client_for()
    assert public.get(url).status_code == 404 and public.get("/api/score-sheets/").json()["count"] == 0
    published = client.post(f"{url}publish/")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert public.get("/api/score-sheets/", {"year": 2026}).json()["results"][0]["id"] == s["sheet"]
    assert [t["result"]["rank"] for t in public.get(url).json()["targets"]] == [1, 2]
    assert public.get(f"/api/criteria/{s['missions']['id']}/").json()["number"] == "1.1"
    xlsx = public.get(f"{url}ranking.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_sheet_writes_are_refused_to_others_and_drafts_stay_hidden(w):
    client = client_for(w.secretariat)
    s = _sheet_over_rest(w, client)
    body = {"council": w.province.pk, "year": 2027, "target_kind": "commune_councils", "title": "Năm 2027"}
    anonymous, stranger = client_for(), client_for(w.commune_secretariats[0])
    assert code_of(anonymous.post("/api/score-sheets/", body, format="json")) == "auth.required"
    assert code_of(stranger.post("/api/score-sheets/", body, format="json")) == "council.forbidden"
    criterion = {"sheet": s["sheet"], "title": "Chen vào", "max_points": "1"}
    assert code_of(anonymous.post("/api/criteria/", criterion, format="json")) == "auth.required"
    assert code_of(stranger.post("/api/criteria/", criterion, format="json")) == "council.forbidden"
    for reader in (anonymous, stranger):  # a draft is not theirs to see
        assert reader.get(f"/api/score-sheets/{s['sheet']}/").status_code == 404
        assert reader.get(f"/api/score-sheets/{s['sheet']}/ranking.xlsx").status_code == 404
    # A write is refused before the object is looked up: anonymous 401 whether it exists or not (issue 14).
    assert stranger.patch(f"/api/criteria/{s['quality']['id']}/", {"title": "Đổi"}, format="json").status_code == 404
    assert code_of(anonymous.patch(f"/api/criteria/{s['quality']['id']}/", {"title": "Đổi"}, format="json")) == (
        "auth.required"
    )
    duplicate = client.post("/api/score-sheets/", {**body, "year": 2026}, format="json")
    assert duplicate.status_code == 409 and code_of(duplicate) == "emulation.sheet_exists"
    for bad in ({**body, "year": 99999}, {**body, "target_kind": "provinces"}, {**body, "bonus_cap": "nhiều"}):
        assert code_of(client.post("/api/score-sheets/", bad, format="json")) == "request.invalid"
    negative = client.post("/api/score-sheets/", {**body, "bonus_cap": "-1"}, format="json")
    assert code_of(negative) == "emulation.points_negative"
    moved = client.patch(f"/api/criteria/{s['quality']['id']}/", {"sheet": 999999}, format="json")
    assert code_of(moved) == "request.invalid"
    assert ScoreSheet.objects.count() == 1 and Criterion.objects.count() == 5


def test_a_sheet_is_edited_and_copied_to_the_next_year(w):
    client = client_for(w.secretariat)
    s = _sheet_over_rest(w, client)
    url = f"/api/score-sheets/{s['sheet']}/"
    changed = client.patch(url, {"bonus_cap": "5", "tie_rule": "fewer_deductions"}, format="json").json()
    assert (changed["bonus_cap"], changed["tie_rule"], changed["title"]) == (
        "5.00",
        "fewer_deductions",
        "Thi đua HĐND cấp xã năm 2026",
    )
    target = client.get(url).json()["targets"][0]["id"]
    client.post(f"{url}entries/", {"target": target, "criterion": s["quality"]["id"], "points": "8"}, format="json")
    lowered = client.patch(f"/api/criteria/{s['quality']['id']}/", {"max_points": "6"}, format="json")
    assert lowered.status_code == 400 and code_of(lowered) == "emulation.points_over_max"
    assert Criterion.objects.get(pk=s["quality"]["id"]).max_points == D(10)
    renamed = client.patch(
        f"/api/criteria/{s['quality']['id']}/", {"title": "Chất lượng báo cáo", "position": 0}, format="json"
    ).json()
    assert (renamed["title"], renamed["number"], renamed["max_points"]) == ("Chất lượng báo cáo", "1.1", "10.00")
    assert client.delete(f"/api/criteria/{s['late']['id']}/").status_code == 204

    copy = client.post(f"{url}copy/", {"year": 2027}, format="json")
    assert copy.status_code == 201, copy.json()
    assert (copy.json()["year"], copy.json()["title"], copy.json()["based_on"]) == (
        2027,
        "Thi đua HĐND cấp xã năm 2027",
        s["sheet"],
    )
    copied = client.get(f"/api/score-sheets/{copy.json()['id']}/").json()
    assert [(c["number"], c["title"]) for c in copied["criteria"]] == [
        (c["number"], c["title"]) for c in client.get(url).json()["criteria"]
    ]
    again = client.post(f"{url}copy/", {"year": 2027}, format="json")
    assert again.status_code == 409 and code_of(again) == "emulation.sheet_exists"
    assert code_of(client.post(f"{url}copy/", {"year": "sang năm"}, format="json")) == "request.invalid"


def test_a_committees_sheet_scores_with_the_committees_figures(w):
    record_services.supervision_save(
        actor=w.secretariat, council=w.province, committee=w.committee, title="Giám sát", start_date=DAY, end_date=DAY
    )
    chair = make_role_user(w.province, CouncilRoleKind.CHAIR)
    client = client_for(chair)
    sheet = client.post(
        "/api/score-sheets/",
        {"council": w.province.pk, "year": 2026, "target_kind": "committees", "title": "Thi đua các Ban"},
        format="json",
    ).json()
    wrong = client.post(
        "/api/criteria/",
        {
            "sheet": sheet["id"],
            "title": "Tỷ lệ tham dự",
            "max_points": "5",
            "method": "computed",
            "rule": {"type": "threshold", "statistic": "attendance_percent", "at_least": 90},
        },
        format="json",
    )
    assert code_of(wrong) == "emulation.rule_statistic_not_for_target"
    client.post(
        "/api/criteria/",
        {
            "sheet": sheet["id"],
            "title": "Giám sát",
            "max_points": "5",
            "method": "computed",
            "rule": {"type": "threshold", "statistic": "supervision_missions", "at_least": 1},
        },
        format="json",
    )
    targets = client.post(f"/api/score-sheets/{sheet['id']}/score/").json()["targets"]
    assert [(t["label"], t["result"]["total"]) for t in targets] == [("Ban Pháp chế", "5.00")]
    emulation_services.score_sheet_lock(actor=chair, sheet=ScoreSheet.objects.get(pk=sheet["id"]))
    assert client.post(f"/api/score-sheets/{sheet['id']}/publish/").json()["status"] == "published"
